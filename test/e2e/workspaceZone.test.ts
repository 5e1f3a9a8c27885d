import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../core/contract';
import { launchChromium } from '../support/chromium';
import { value } from '../support/result';
import { screenshotsDir } from '../support/screenshots';
import { startBuiltWebServer, type RunningWebServer } from '../support/webServer';

/**
 * Defaults that fit the user (issue 19, point 2): a workspace created on a computer in Tokyo keeps
 * Asia/Tokyo as its zone, and the breach and call-import forms start in it although this browser
 * runs in UTC; the DPO can set another zone (a wrong name is refused beside its field).
 */
let browser: Browser;
let server: RunningWebServer;
let scratch: string;
let page: Page;
const problems: string[] = [];

async function api<T>(name: string, input: object = {}): Promise<T> {
  const response = await fetch(`${server.origin}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-workbench-token': server.token, Origin: server.origin }, body: JSON.stringify(input) });
  return value<T>((await response.json()) as never);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'pwb-zone-e2e-'));
  server = await startBuiltWebServer(['--data-dir', join(scratch, 'data')], { env: { TZ: 'Asia/Tokyo' } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 }, timezoneId: 'UTC' });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the workspace's time zone", () => {
  it('is set once from the computer that creates the workspace, and the breach and import forms start in it', async () => {
    const created = await api<WorkspaceInfo>('createWorkspace', { path: join(scratch, 'tokyo.pwb'), passphrase: null });
    expect(created.timeZone).toBe('Asia/Tokyo');
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');

    await page.getByRole('button', { name: /^Incidents/ }).click();
    await page.getByRole('button', { name: 'Log a breach' }).click();
    await expect.poll(() => page.getByLabel(/Time zone of the incident/).inputValue()).toBe('Asia/Tokyo');
    expect(await page.getByRole('group', { name: 'When (times in Asia/Tokyo)' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Cancel' }).first().click();

    await page.getByRole('button', { name: /^Recordings/ }).click();
    await page.getByRole('tab', { name: 'Import' }).click();
    await expect.poll(() => page.getByLabel(/Time zone the file's times are written in/).inputValue()).toBe('Asia/Tokyo');
  });

  it('can be set to another zone; a name that is no zone is refused beside its field', async () => {
    await page.getByRole('button', { name: /^Backups/ }).click();
    const form = page.getByRole('form', { name: 'Time zone of the workspace' });
    const field = form.getByRole('combobox', { name: 'Workspace time zone' });
    await field.fill('Mars/Olympus');
    await form.getByRole('button', { name: 'Set the zone' }).click();
    await expect.poll(() => form.locator('#problem-timeZone').textContent()).toContain('is not a time zone this computer knows');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await api<WorkspaceInfo>('getWorkspace')).timeZone).toBe('Asia/Tokyo');
    await page.screenshot({ path: join(screenshotsDir, 'workspace-zone-refused.png') });

    await field.fill('Europe/Paris');
    await form.getByRole('button', { name: 'Set the zone' }).click();
    await expect.poll(async () => (await api<WorkspaceInfo>('getWorkspace')).timeZone).toBe('Europe/Paris');
    await page.getByRole('button', { name: /^Incidents/ }).click();
    await page.getByRole('button', { name: 'Log a breach' }).click();
    await expect.poll(() => page.getByLabel(/Time zone of the incident/).inputValue()).toBe('Europe/Paris');
    expect(problems).toEqual([]);
  });
});
