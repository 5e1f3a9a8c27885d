import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startBuiltWebServer, type RunningWebServer } from '../support/webServer';

/**
 * Targeted refreshes (issue 18, point 2), in the built app in Chromium: a write made elsewhere (the
 * same service, as another window or the CLI's browser twin would) reaches the page as a `changed`
 * event; the page asks again only the reads that declare what the write changed, once each.
 */
let browser: Browser;
let server: RunningWebServer;
let scratch: string;
let page: Page;
const asked: string[] = [];

/** Calls the service from inside the page (its cookie carries the token), outside every view. */
const callFromOutside = (name: string, input: unknown) =>
  page.evaluate(async ([operation, body]) => (await fetch(`/api/${operation}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<{ ok: boolean; value?: { id: string } }>, [name, input] as const);

/** The reads the page asked between now and the moment the views settled after the change. */
async function askedAfter(write: () => Promise<unknown>): Promise<string[]> {
  await page.waitForTimeout(300);
  asked.length = 0;
  await write();
  // The event and the refetches it causes take a few milliseconds; a second of quiet ends them.
  await page.waitForTimeout(1000);
  return [...asked].sort();
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'pwb-refresh-'));
  server = await startBuiltWebServer(['--data-dir', join(scratch, 'data')]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.setDefaultTimeout(10_000);
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) asked.push(path.slice('/api/'.length));
  });
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Open demo workspace' }).click();
  await page.getByRole('listbox', { name: 'Processing activities' }).waitFor();
  await page.locator('.detail-pane').getByRole('heading').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('targeted refreshes in the app', () => {
  it('on the register, a write of something it does not show asks nothing of the register again', async () => {
    expect(asked).toContain('listActivities');
    const reads = await askedAfter(async () => {
      const saved = await callFromOutside('saveCsvMapping', { name: 'Hosted PBX', delimiter: ',', hasHeading: true, timeFormat: 'iso8601', columns: { start: 'Started', duration: 'Seconds' } });
      expect(saved.ok).toBe(true);
    });
    // The write itself, then only what every change moves: the top bar's newest change, the backup status, the open record's history.
    const register = ['listActivities', 'getRegisterFacets', 'listOrganisations', 'getActivity', 'getVocabulary', 'listProcessors', 'getRegisterCompleteness'];
    expect(reads.filter((name) => register.includes(name))).toEqual([]);
    expect(reads).toContain('getWorkspace');
    expect(reads.filter((name) => name !== 'saveCsvMapping').every((name) => ['getWorkspace', 'getBackupStatus', 'getChangeLog'].includes(name))).toBe(true);
  });

  it('a change of an organisation asks again each view that shows organisations, once per question however many views share it', async () => {
    const organisations = await callFromOutside('listOrganisations', {});
    const first = (organisations.value as unknown as Array<{ id: string; name: string }>)[0]!;
    const reads = await askedAfter(async () => {
      const updated = await callFromOutside('updateOrganisation', { id: first.id, changes: { name: `${first.name} (renamed)` } });
      expect(updated.ok).toBe(true);
    });
    const counts = new Map<string, number>();
    for (const name of reads) counts.set(name, (counts.get(name) ?? 0) + 1);
    expect(counts.get('listActivities')).toBe(1);
    expect(counts.get('listOrganisations')).toBe(1);
    // And the list shows the new name without a reload.
    await expect.poll(() => page.getByRole('listbox', { name: 'Processing activities' }).textContent()).toContain('(renamed)');
  });
});
