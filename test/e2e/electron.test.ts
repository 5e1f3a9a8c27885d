import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../core/contract/operations';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { defaultUserDataDir, productName } from '../../service/userDataDir';
import { pageText } from '../support/pdfText';
import { repoRoot } from '../support/workspace';

/**
 * The desktop app itself, driven through Playwright's _electron. Runs only where an Electron
 * binary exists (node_modules/electron/dist, which `npm start` or `node node_modules/electron/install.js`
 * downloads, or ELECTRON_OVERRIDE_DIST_PATH); elsewhere the suite is reported as skipped, with the
 * reason printed. It proves on the real Electron what test/electron/*.test.ts checks against a
 * stand-in (docs/ARCHITECTURE.md lists those points).
 */
const electronBinary = findElectronBinary();
if (!electronBinary) {
  console.warn(
    'SKIPPED: Electron end-to-end suite (6 tests). No Electron binary on this machine (node_modules/electron/dist is empty and ' +
      'ELECTRON_OVERRIDE_DIST_PATH is not set); the same renderer and service are tested in Chromium by the other test/e2e suites, ' +
      'and the shell against a stand-in by test/electron/.',
  );
}

/** How many pixels of a page (rendered at 40 dpi by poppler) are clearly blue rather than grey. */
function bluePixels(file: string, page: number): number {
  const ppm = execFileSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), file]);
  // Binary PPM: "P6\n<width> <height>\n255\n" then RGB bytes.
  let offset = 0;
  for (let fields = 0; fields < 4; offset += 1) {
    if (ppm[offset] === 0x0a || ppm[offset] === 0x20) fields += 1;
  }
  let count = 0;
  for (let at = offset; at + 2 < ppm.length; at += 3) if (ppm[at + 2]! - ppm[at]! > 60) count += 1;
  return count;
}

describe.skipIf(!electronBinary)('the desktop app through Playwright _electron', () => {
  let userData: string;
  let app: ElectronApplication;
  let page: Page;

  const launch = async () => {
    app = await _electron.launch({
      executablePath: electronBinary!,
      args: [repoRoot],
      cwd: repoRoot,
      env: { ...process.env, WORKBENCH_USER_DATA_DIR: userData },
    });
    page = await app.firstWindow();
    page.setDefaultTimeout(15_000);
  };

  beforeAll(async () => {
    const native = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-native-electron.mjs')], { stdio: 'inherit' });
    expect(native.status, 'better-sqlite3 could not be built for Electron').toBe(0);
    userData = mkdtempSync(join(tmpdir(), 'pwb-electron-'));
    await launch();
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('runs the page sandboxed, isolated, without Node, under the app protocol and its CSP', async () => {
    expect(page.url()).toBe('app://workbench/index.html');
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
      const prefs = contents.getLastWebPreferences();
      return { sandbox: prefs.sandbox, contextIsolation: prefs.contextIsolation, nodeIntegration: prefs.nodeIntegration };
    });
    expect(preferences).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // The preload's bridge: one function per operation and the one subscription.
    expect(await page.evaluate(() => Object.keys((window as unknown as { workbench: object }).workbench).sort())).toEqual([...operationNames, 'onWorkspaceChanged', 'onChanged', 'onWorkspaceRequested'].sort());
    // eval is refused by the CSP.
    expect(await page.evaluate(() => {
      try {
        return String((0, eval)('1 + 1'));
      } catch (error) {
        return (error as Error).name;
      }
    })).toBe('EvalError');
  });

  it('refuses window.open, navigation away and permission requests', async () => {
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // The main process cancels the navigation in will-navigate, so the page never reaches the other site.
    await expect(page.waitForURL(/example\.com/, { timeout: 3_000 })).rejects.toThrow();
    expect(page.url()).toBe('app://workbench/index.html');
    expect(await page.evaluate(() => navigator.permissions.query({ name: 'geolocation' }).then((status) => status.state))).not.toBe('granted');
    expect(app.windows()).toHaveLength(1);
  });

  it('opens the demo, creates a record, and still has it after a restart', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await page.getByRole('listbox', { name: 'Processing activities' }).waitFor();
    await page.getByRole('button', { name: 'New activity' }).click();
    const form = page.getByRole('form', { name: 'New processing activity' });
    await form.getByLabel('Name', { exact: true }).fill('Desk phone call recordings');
    await form.getByRole('button', { name: 'Create activity' }).click();
    await page.getByRole('heading', { name: 'Desk phone call recordings' }).waitFor();

    await app.close();
    await launch();
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('Desk phone');
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Desk phone call recordings')]);
  });

  it('prints a multi-page report with its styles, running header and footer (the printer is out of reach of the app’s CSP)', async () => {
    const exported = await page.evaluate(() => (window as unknown as { workbench: { exportReport(input: object): Promise<{ ok: boolean; value?: { pdfBase64: string; pages: number }; error?: { message: string } }> } }).workbench.exportReport({ kind: 'ropa' }));
    expect(exported.error?.message).toBeUndefined();
    expect(exported.value!.pages).toBeGreaterThan(2);
    const file = join(userData, 'ropa.pdf');
    writeFileSync(file, Buffer.from(exported.value!.pdfBase64, 'base64'));
    expect(pageText(file, 1)).toMatch(new RegExp(`Page 1 of ${exported.value!.pages}`));
    // The report's inline stylesheet applied: the cover's title is in the accent blue (unstyled, every pixel is grey).
    expect(bluePixels(file, 1)).toBeGreaterThan(200);
    expect(pageText(file, exported.value!.pages)).toMatch(new RegExp(`Page ${exported.value!.pages} of ${exported.value!.pages}`));
  });

  it('keeps the maximised state for the next start and shows the window painted', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.maximize());
    await app.close();
    await launch();
    await page.getByRole('searchbox', { name: 'Search activities' }).waitFor();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((window) => window.isVisible()).map((window) => window.isMaximized()))).toEqual([true]);
  });
});

describe.skipIf(!electronBinary)('the desktop app’s name and data folder', () => {
  it('is called Privacy Workbench and keeps its data where the CLI looks (no separate profile)', async () => {
    // Linux and Windows take the folder from XDG_CONFIG_HOME and APPDATA, so a temporary one is
    // used there; macOS asks the system for Application Support, so the real one is compared.
    const home = mkdtempSync(join(tmpdir(), 'pwb-electron-home-'));
    const env: NodeJS.ProcessEnv = process.platform === 'darwin' ? { ...process.env } : { ...process.env, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData', 'Roaming') };
    delete env.WORKBENCH_USER_DATA_DIR;
    const desktop = await _electron.launch({ executablePath: electronBinary!, args: [repoRoot], cwd: repoRoot, env: env as Record<string, string> });
    try {
      const [name, userData, appData] = await desktop.evaluate(({ app }) => [app.getName(), app.getPath('userData'), app.getPath('appData')]);
      expect(name).toBe(productName);
      expect(userData).toBe(defaultUserDataDir(env));
      // The CLI's rule agrees with Electron's own: its appData folder, then the product name.
      expect(join(appData, productName)).toBe(defaultUserDataDir(env));
    } finally {
      await desktop.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
