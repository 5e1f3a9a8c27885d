import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startBuiltWebServer, type RunningWebServer } from '../support/webServer';
import { builtCli, repoRoot } from '../support/workspace';

/** The Reports screen in Chromium through browser mode: one click gives a PDF that verifies. */
const screenshots = join(repoRoot, 'docs', 'screenshots');
let browser: Browser;
let server: RunningWebServer | null = null;
let scratch: string;
const cli = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  scratch = mkdtempSync(join(tmpdir(), 'pwb-e2e-reports-'));
  browser = await launchChromium();
});
afterAll(async () => {
  await server?.stop();
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the Reports screen', () => {
  it('lists the reports, exports the register in one click with a busy state, and the PDF verifies', async () => {
    const workspace = join(scratch, 'demo.pwb');
    expect(cli('demo', workspace).status).toBe(0);
    server = await startBuiltWebServer(['--data-dir', join(scratch, 'data'), '--workspace', workspace]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, acceptDownloads: true });
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /^Reports/ }).click();
    const table = page.getByRole('table', { name: 'Reports' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(7);

    const row = table.locator('tr[data-kind="ropa"]');
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export PDF' }).click();
    // While Chromium prints, every Export button waits.
    await expect.poll(async () => (await row.getByRole('button').textContent()) ?? '').toMatch(/Printing…|Export PDF/);
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^ropa-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf$/);
    const saved = join(scratch, file.suggestedFilename());
    await file.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect.poll(() => row.getByRole('status').textContent()).toMatch(/Saved ropa-.*\.pdf: \d+ pages, fingerprint [0-9a-f]{16}…/);
    const verified = cli('verify', saved);
    expect(verified.stdout).toMatch(/^intact/);
    expect(verified.status).toBe(0);

    // The incident report needs an incident: its button waits for one to be chosen (or says it is not available yet).
    const incident = table.locator('tr[data-kind="incident"]');
    expect(await incident.getByRole('button', { name: 'Export PDF' }).isDisabled()).toBe(true);

    await page.screenshot({ path: join(screenshots, 'reports-screen.png') });
    expect(problems).toEqual([]);
  });
});
