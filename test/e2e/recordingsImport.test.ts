import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { expect, shareWorkbench } from '../support/app';
import { cdrLine } from '../support/cdr';
import { screenshotsDir as screenshots } from '../support/screenshots';
import { builtCli } from '../support/workspace';

/**
 * Importing call records from the app in Chromium (browser mode, the built CLI's server): a file
 * big enough for the progress bar to move, cancelled (nothing written), then imported; and a CSV
 * read through a column mapping built from the file's first lines. The tests continue on one page.
 */
const rows = 250_000;

/** The demo, made by the CLI, and the two files to import, written before the service starts. */
function demoAndFiles(scratch: string): string {
  const workspace = join(scratch, 'calls.pwb');
  const demo = spawnSync(process.execPath, [builtCli, 'demo', workspace], { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(demo.stderr);
  const lines: string[] = [];
  for (let index = 0; index < rows; index += 1) {
    const minute = index % 600;
    lines.push(cdrLine({ start: `2026-03-${String(2 + (index % 27)).padStart(2, '0')} ${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`, uniqueid: `e2e.${index}`, src: `+3361${String(index).padStart(7, '0')}` }));
  }
  lines.splice(2, 0, 'not,a,cdr');
  lines.splice(5, 0, cdrLine({ start: '2026-02-30 10:00:00', uniqueid: 'bad.date' }));
  writeFileSync(join(scratch, 'Master.csv'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(scratch, 'hosted-pbx.csv'),
    [
      'Call ID;Started;Talk time;Status;Agent;Caller;Ticket',
      'h1;27/03/2026 09:15;125;ANSWERED;Marie;+33 6 12 34 56 78;T-7',
      'h2;27/03/2026 09:20;0;NO ANSWER;Marie;+33 6 12 34 56 79;',
      'h3;27/03/2026 09:25;310;ANSWERED;"Dupont; Paul";+33 6 12 34 56 80;T-8',
      'h4;31/02/2026 09:30;60;ANSWERED;Paul;+33 6 12 34 56 81;',
    ].join('\n'),
  );
  return workspace;
}

const shared = shareWorkbench({ workspace: demoAndFiles }, { timeout: 20_000 });
let page: Page;

const recordingCount = async () => {
  const counts = await shared.workbench.client.sweepRecordings();
  return counts.due + counts.held + counts.conflicts + counts.retained;
};
const progressValue = async () => Number(await page.locator('progress').getAttribute('value'));

beforeAll(async () => {
  page = shared.page;
  // The workspace is open (the sections show) before any key is pressed: keys do nothing before then.
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
});

describe('importing call records from the app', () => {
  it('shows the progress of a big Master.csv, cancels without writing, then imports it with its rejected lines', async () => {
    const before = await recordingCount();
    await page.keyboard.press('Control+4');
    await page.getByRole('heading', { name: 'Call recordings' }).waitFor();
    await page.getByRole('tab', { name: 'Import' }).click();
    const form = page.getByRole('form', { name: 'Import call records' });
    await form.getByLabel('Path of the file on this computer').fill(join(shared.workbench.scratch, 'Master.csv'));
    await form.getByLabel('Time zone the file\'s times are written in').fill('Europe/Paris');
    expect(await form.getByLabel('quality').isChecked()).toBe(true);
    expect(await form.getByText('stored as a keyed hash').isVisible()).toBe(true);
    await form.getByRole('button', { name: 'Import', exact: true }).click();

    // The bar moves while the import runs.
    await expect.poll(progressValue, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = await progressValue();
    await expect.poll(progressValue, { timeout: 20_000 }).toBeGreaterThan(first);
    expect(await page.getByRole('heading', { name: /^Importing Master\.csv/ }).isVisible()).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'lines' }).textContent()).toMatch(/MB of [\d.]+ MB read \(\d+%\), [\d,]+ lines/);
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByText('Cancelled: nothing of this file was written.').waitFor();
    expect(await recordingCount()).toBe(before);

    await form.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: /^Imported Master\.csv/ }).waitFor({ timeout: 90_000 });
    const result = page.getByLabel('Import result');
    expect(await result.textContent()).toMatch(new RegExp(`${rows.toLocaleString('en')} recordings imported, 0 already registered \\(duplicates\\), 0 calls skipped .*, 2 lines rejected`));
    const rejected = page.getByRole('table').filter({ hasText: 'Rejected lines' });
    expect(await rejected.getByRole('row').allTextContents()).toEqual([
      'LineReason',
      '3has 3 columns; a Master.csv row has 16, 17 (uniqueid) or 18 (uniqueid, userfield)',
      '6start: "2026-02-30 10:00:00" is not a date and time as YYYY-MM-DD HH:MM:SS',
    ]);
    expect(Number(await page.locator('progress').getAttribute('value'))).toBe(Number(await page.locator('progress').getAttribute('max')));
    expect(await recordingCount()).toBe(before + rows);
    await rejected.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'recordings-import.png') });
  }, 180_000);

  it('builds a column mapping from another CSV file\'s first lines, saves it and imports through it', async () => {
    const before = await recordingCount();
    const form = page.getByRole('form', { name: 'Import call records' });
    await form.getByLabel('Path of the file on this computer').fill(join(shared.workbench.scratch, 'hosted-pbx.csv'));
    await form.getByLabel('Another CSV file: build a column mapping from its first lines').check();
    const builder = page.getByRole('region', { name: 'New column mapping' });
    await builder.getByRole('button', { name: 'Read the file\'s first lines' }).click();
    await builder.getByRole('table').filter({ hasText: 'First lines of hosted-pbx.csv' }).waitFor();
    expect(await builder.getByLabel('Columns separated by').inputValue()).toBe(';');
    expect(await builder.getByRole('columnheader').allTextContents()).toEqual(['Call ID', 'Started', 'Talk time', 'Status', 'Agent', 'Caller', 'Ticket']);
    expect(await builder.getByRole('cell', { name: 'Dupont; Paul' }).isVisible()).toBe(true);

    await builder.getByRole('button', { name: 'Save mapping' }).click();
    // Saving without a call start or a name is refused beside the field at fault.
    const start = builder.getByLabel('Call start (required)');
    await expect.poll(() => start.getAttribute('aria-invalid')).toBe('true');
    expect(await builder.locator(`#${await start.getAttribute('aria-describedby')}`).textContent()).toBe('choose the column that holds the call start');
    // Every problem at once: the name is missing too.
    expect(await builder.getByRole('alert').textContent()).toContain('2 things to correct');
    await builder.getByLabel('Call start (required)').selectOption({ label: 'Started' });
    // Guessed from the column's values: three of the four read as DD/MM/YYYY HH:MM, none in another format.
    expect(await builder.getByLabel('Call start written as').locator('option:checked').textContent()).toBe('DD/MM/YYYY HH:MM');
    await builder.getByRole('button', { name: 'Save mapping' }).click();
    // Each beside its field: no name, and neither the duration nor the billable seconds mapped.
    const mappingName = builder.getByLabel('Name of the mapping');
    const duration = builder.getByLabel('Duration', { exact: true });
    await expect.poll(() => builder.locator('.field-error').allTextContents()).toEqual(['map the duration or the billable seconds', 'name the mapping']);
    for (const [field, problem] of [
      [mappingName, 'name the mapping'],
      [duration, 'map the duration or the billable seconds'],
    ] as const) {
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await builder.locator(`#${await field.getAttribute('aria-describedby')}`).textContent()).toBe(problem);
    }
    expect(await start.getAttribute('aria-invalid')).toBeNull();
    expect(await shared.workbench.client.listCsvMappings()).toEqual([]);
    await builder.getByLabel('Billable seconds').selectOption({ label: 'Talk time' });
    // Billable seconds mapped: the duration's problem goes at once, the name's stays.
    await expect.poll(() => duration.getAttribute('aria-invalid')).toBeNull();
    expect(await builder.locator('.field-error').allTextContents()).toEqual(['name the mapping']);
    await builder.getByLabel('Answered or disposition').selectOption({ label: 'Status' });
    await builder.getByLabel('Agent').selectOption({ label: 'Agent' });
    await builder.getByLabel('Caller number').selectOption({ label: 'Caller' });
    await builder.getByLabel('Unique call id').selectOption({ label: 'Call ID' });
    await builder.getByLabel('Ticket id').selectOption({ label: 'Ticket' });
    await builder.getByLabel('Call start written as').selectOption({ label: 'DD/MM/YYYY HH:MM' });
    await builder.getByLabel('Name of the mapping').fill('Hosted PBX export');
    await builder.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'recordings-mapping.png'), fullPage: false });
    await builder.getByRole('button', { name: 'Save mapping' }).click();

    await expect.poll(() => form.getByLabel('Saved mapping').inputValue()).not.toBe('');
    expect(await form.getByLabel('Saved mapping').locator('option:checked').textContent()).toBe('Hosted PBX export');
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: /^Imported hosted-pbx\.csv \(mapping Hosted PBX export\)/ }).waitFor();
    expect(await page.getByLabel('Import result').textContent()).toMatch(/2 recordings imported, 0 already registered \(duplicates\), 1 calls skipped .*, 1 lines rejected/);
    expect(await page.getByRole('table').filter({ hasText: 'Rejected lines' }).getByRole('row').nth(1).textContent()).toBe(
      '5call start (column "Started"): "31/02/2026 09:30" is not a date and time as DD/MM/YYYY HH:MM',
    );
    expect(await recordingCount()).toBe(before + 2);

    await form.getByRole('button', { name: 'Delete this mapping' }).click();
    await expect.poll(() => form.getByLabel('Asterisk Master.csv (cdr_csv)').isChecked()).toBe(true);
    expect(await form.getByLabel(/saved column mapping \(none saved yet\)/).isDisabled()).toBe(true);
    expect(await shared.workbench.client.listCsvMappings()).toEqual([]);
    expect(await recordingCount()).toBe(before + 2);
  }, 60_000);

  it('says beside each field what an import lacks, and starts nothing until it is given', async () => {
    const before = await recordingCount();
    const form = page.getByRole('form', { name: 'Import call records' });
    const path = form.getByLabel('Path of the file on this computer');
    const zone = form.getByLabel('Time zone the file\'s times are written in');
    await path.fill('');
    await zone.fill('');
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => form.locator('.form-problems').textContent()).toContain('2 things to correct');
    for (const [field, problem] of [
      [path, 'give the path of the file to import'],
      [zone, 'give the time zone the file\'s times are written in (IANA, e.g. Europe/Paris), or UTC'],
    ] as const) {
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await form.locator(`#${await field.getAttribute('aria-describedby')}`).textContent()).toBe(problem);
    }
    // A mapping still to be built is said to come first.
    await path.fill(join(shared.workbench.scratch, 'hosted-pbx.csv'));
    await zone.fill('Europe/Paris');
    await form.getByLabel('Another CSV file: build a column mapping from its first lines').check();
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    await form.locator('.field-error').filter({ hasText: 'save the new mapping first (below), then import with it' }).waitFor();
    expect(await path.getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('region', { name: 'Import progress' }).getByRole('heading').textContent()).toMatch(/^Imported hosted-pbx\.csv/);
    expect(await recordingCount()).toBe(before);
    await form.getByLabel('Asterisk Master.csv (cdr_csv)').check();
  });

  it('logged no page error or console error', () => {
    expect(shared.workbench.problems).toEqual([]);
  });
});
