import type { Page } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { expect, shareWorkbench } from '../support/app';

/**
 * Targeted refreshes (issue 18, point 2), in the built app in Chromium: a write made elsewhere (the
 * same service, as another window or the CLI's browser twin would) reaches the page as a `changed`
 * event; the page asks again only the reads that declare what the write changed, once each. Both
 * tests watch the one page that opened the demo workspace.
 */
const shared = shareWorkbench({ workspace: 'none' }, {});
let page: Page;
const asked: string[] = [];

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
  page = shared.page;
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) asked.push(path.slice('/api/'.length));
  });
  await page.getByRole('button', { name: 'Open demo workspace' }).click();
  await page.getByRole('listbox', { name: 'Processing activities' }).waitFor();
  await page.locator('.detail-pane').getByRole('heading').first().waitFor();
});

describe('targeted refreshes in the app', () => {
  it('on the register, a write of something it does not show asks nothing of the register again', async () => {
    expect(asked).toContain('listActivities');
    const reads = await askedAfter(async () => {
      const saved = await shared.workbench.client.result.saveCsvMapping({ name: 'Hosted PBX', delimiter: ',', hasHeading: true, timeFormat: 'iso8601', columns: { start: 'Started', duration: 'Seconds' } });
      expect(saved.ok).toBe(true);
    });
    // The write itself, then only what every change moves: the top bar's newest change, the backup status, the open record's history.
    const register = ['listActivities', 'getRegisterFacets', 'listOrganisations', 'getActivity', 'getVocabulary', 'listProcessors', 'getRegisterCompleteness'];
    expect(reads.filter((name) => register.includes(name))).toEqual([]);
    expect(reads).toContain('getWorkspace');
    expect(reads.filter((name) => name !== 'saveCsvMapping').every((name) => ['getWorkspace', 'getBackupStatus', 'getChangeLog'].includes(name))).toBe(true);
  });

  it('a change of an organisation asks again each view that shows organisations, once per question however many views share it', async () => {
    const organisations = await shared.workbench.client.listOrganisations();
    const first = organisations[0]!;
    const reads = await askedAfter(async () => {
      const updated = await shared.workbench.client.result.updateOrganisation({ id: first.id, changes: { name: `${first.name} (renamed)` } });
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
