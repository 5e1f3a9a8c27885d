import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { repoRoot } from '../support/workspace';

/**
 * The desktop app itself, driven through Playwright's _electron. Runs only where an Electron
 * binary exists (node_modules/electron/dist or ELECTRON_OVERRIDE_DIST_PATH); elsewhere the suite
 * is reported as skipped, with the reason printed.
 */
const electronBinary = findElectronBinary();
if (!electronBinary) {
  console.warn(
    'SKIPPED: Electron end-to-end suite. No Electron binary on this machine (node_modules/electron/dist is empty and ' +
      'ELECTRON_OVERRIDE_DIST_PATH is not set); the same renderer and service are tested in Chromium by test/e2e/browser.test.ts.',
  );
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
    expect(await page.evaluate(() => Object.keys((window as unknown as { workbench: object }).workbench).length)).toBeGreaterThan(10);
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
});
