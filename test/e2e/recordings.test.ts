import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { createWorkbenchService } from '../../service';
import { expect, shareWorkbench } from '../support/app';
import { cdrLine } from '../support/cdr';
import { value } from '../support/result';
import { screenshotsDir as screenshots } from '../support/screenshots';

/**
 * The recordings register in Chromium against the real service: a workspace with 1,200 calls over
 * the last fourteen months (every tenth with an audio file in the recordings folder), seen as a
 * retention picture and counts, a recording's clock, card data, a legal hold and a disposal batch.
 * The tests continue one story on one page: each starts where the last left the workspace.
 */
const calls = 1200;
const heldTicket = 'T-4711';

const pad = (n: number) => String(n).padStart(2, '0');
const asteriskTime = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;

/** The recordings folder, in the scratch folder. */
let folder: string;

/** The calls' workspace, built in this process (and its files written) before the built service starts on it. */
async function callsWorkspace(scratch: string): Promise<string> {
  folder = join(scratch, 'monitor');
  mkdirSync(folder);
  const workspace = join(scratch, 'calls.pwb');
  const service = createWorkbenchService({ dataDir: join(scratch, 'data'), actor: 'dpo' });
  value(await service.call('createWorkspace', { passphrase: null, path: workspace }));
  const start = Date.now() - 425 * 86_400_000;
  const lines = Array.from({ length: calls }, (_, index) => {
    const at = new Date(start + index * ((420 * 86_400_000) / calls));
    const ticket = index % 7 === 0 ? (index % 21 === 0 ? heldTicket : `T-${1000 + index}`) : '';
    return cdrLine({ start: asteriskTime(at), uniqueid: `${Math.floor(at.getTime() / 1000)}.${index}`, src: `+33 6 12 34 ${pad(index % 50)} ${pad(index % 97)}`, userfield: ticket, columns: 18 });
  });
  writeFileSync(join(scratch, 'Master.csv'), `${lines.join('\n')}\n`);
  value(await service.call('importCallRecords', { path: join(scratch, 'Master.csv'), zone: 'Europe/Paris', purposes: ['quality'] }));
  writeFileSync(join(scratch, 'Master.csv'), `${cdrLine({ start: asteriskTime(new Date(start)), uniqueid: 'order.1', columns: 17 })}\n`);
  value(await service.call('importCallRecords', { path: join(scratch, 'Master.csv'), zone: 'Europe/Paris', purposes: ['quality', 'investment-order'] }));
  value(await service.call('setRecordingSettings', { folder, backupRetentionDays: 35 }));
  service.close();
  // Every tenth call has its audio file in the recordings folder, with its hash registered.
  const db = new Database(workspace);
  const setFile = db.prepare(`UPDATE recordings SET file_path = ?, file_sha256 = ?, file_size = ? WHERE id = ?`);
  for (const { id } of db.prepare(`SELECT id FROM recordings WHERE id % 10 = 0`).all() as Array<{ id: number }>) {
    const path = join(folder, `call-${id}.wav`);
    const bytes = Buffer.from(`RIFF audio of call ${id}`);
    writeFileSync(path, bytes);
    setFile.run(path, createHash('sha256').update(bytes).digest('hex'), bytes.length, id);
  }
  db.close();
  return workspace;
}

const shared = shareWorkbench({ workspace: callsWorkspace }, { viewport: { width: 1360, height: 900 } });
const client = () => shared.workbench.client;
let page: Page;
const shoot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`) });

beforeAll(async () => {
  page = shared.page;
  // The workspace is open (the sections show) before any key is pressed: keys do nothing before then.
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
});

const tile = (label: RegExp) => page.getByRole('group', { name: 'Retention counts' }).getByRole('button', { name: label });
const tileCount = async (label: RegExp) => Number((await tile(label).locator('.count-figure').textContent())!.replace(/,/g, ''));

describe('call recordings in Chromium', () => {
  it('shows the counts and the retention picture, matching the service', async () => {
    await page.getByRole('button', { name: /^Recordings/ }).click();
    await page.getByRole('heading', { name: 'Call recordings' }).waitFor();
    await page.getByRole('figure', { name: 'Retention picture' }).waitFor();
    const overview = await client().getRetentionOverview();
    expect(overview.counts.retained).toBe(calls + 1);
    expect(overview.counts.due).toBeGreaterThan(0);
    expect(overview.counts.conflicts).toBe(1);
    await expect.poll(() => tileCount(/Due for disposal/)).toBe(overview.counts.due);
    expect(await tileCount(/Overdue/)).toBe(overview.counts.overdue);
    expect(await tileCount(/Rules in conflict/)).toBe(1);
    expect(await tileCount(/Recordings stored/)).toBe(calls + 1);
    // One bar group per month from the first latest deletion to the last, each with its counts in a tooltip.
    const months = await page.locator('.retention-picture svg g title').allTextContents();
    expect(months.length).toBeGreaterThanOrEqual(12);
    const barTotal = months.reduce((sum, text) => sum + [...text.matchAll(/([\d,]+) (?:not held|held|in conflict)/g)].reduce((inner, match) => inner + Number(match[1]!.replace(/,/g, '')), 0), 0);
    expect(barTotal).toBe(calls + 1);
    await expect.poll(() => page.locator('.list-count').textContent()).toMatch(new RegExp(`^1–100 of ${(calls + 1).toLocaleString('en')}`));
    await shoot('recordings-register');
  });

  it('opens the due list from its count, pages through it, and shows a recording\'s clock with the rule behind it', async () => {
    const due = (await client().getRetentionOverview()).counts.due;
    await tile(/Due for disposal/).click();
    await expect.poll(() => page.locator('.list-count').textContent()).toMatch(new RegExp(`^1–${Math.min(100, due)} of ${due.toLocaleString('en')} · longest due first`));
    await page.getByRole('button', { name: 'Next 100' }).click();
    await expect.poll(() => page.locator('.list-count').textContent()).toMatch(/^101–/);
    await page.getByRole('button', { name: 'Previous 100' }).click();
    const first = page.getByRole('listbox', { name: 'Recordings' }).getByRole('option').first();
    await first.click();
    const detail = page.getByRole('article', { name: /^Recording \d+$/ });
    await detail.getByRole('region', { name: 'Retention clock' }).waitFor();
    expect(await detail.getByRole('region', { name: 'Retention clock' }).textContent()).toMatch(/Delete at the latest.*ago/);
    expect(await detail.locator('.rules-table').textContent()).toMatch(/Quality and training\s*keep at most.*CNIL/);
    expect(await detail.locator('.record-actions').textContent()).toContain('Due');
    // Keyboard: the next row is one arrow key away.
    const firstId = await detail.getAttribute('aria-label');
    await page.getByRole('listbox', { name: 'Recordings' }).press('ArrowDown');
    await expect.poll(() => page.getByRole('article', { name: /^Recording \d+$/ }).getAttribute('aria-label')).not.toBe(firstId);
  });

  it('finds a caller by number although only a keyed hash is stored', async () => {
    await page.getByLabel('View').selectOption('retained');
    await page.getByRole('searchbox', { name: 'Search recordings' }).fill('+33 6 12 34 07 07');
    // Calls with index % 50 === 7 and index % 97 === 7: indexes 7 and 7 + 4850k; only index 7 exists below 1,200.
    await expect.poll(() => page.locator('.list-count').textContent()).toMatch(/^1–1 of 1 /);
    await page.getByRole('searchbox', { name: 'Search recordings' }).fill('');
    await expect.poll(() => page.locator('.list-count').textContent()).toMatch(new RegExp(`^1–100 of ${(calls + 1).toLocaleString('en')}`));
  });

  it('flags card data on a recording, lists it for redaction or deletion, and records the redaction', async () => {
    await page.getByLabel('View').selectOption('retained');
    await page.getByRole('listbox', { name: 'Recordings' }).getByRole('option').first().click();
    const detail = page.getByRole('article', { name: /^Recording \d+$/ });
    const id = Number((await detail.getAttribute('aria-label'))!.split(' ')[1]);
    await detail.getByRole('button', { name: 'Flag card details spoken…' }).click();
    await detail.getByRole('button', { name: 'Flag', exact: true }).click();
    // Refused by the service, beside the note it is about; nothing is flagged.
    const note = detail.getByRole('textbox');
    await expect.poll(() => note.getAttribute('aria-invalid')).toBe('true');
    expect(await detail.locator(`#${await note.getAttribute('aria-describedby')}`).textContent()).toBe('say where in the call the card details were spoken, or how you know');
    expect(await client().getRecording({ id })).toMatchObject({ cardData: 'none' });
    await detail.getByRole('textbox').fill('Caller read the card number and CVC at 01:40');
    await detail.getByRole('button', { name: 'Flag', exact: true }).click();
    await detail.getByText('Card details were spoken').waitFor();
    await expect.poll(() => tileCount(/Card data/)).toBe(1);
    await tile(/Card data/).click();
    await expect.poll(() => page.locator('.list-count').textContent()).toMatch(/^1–1 of 1 · card details spoken/);
    await page.getByRole('button', { name: 'Hide picture' }).click();
    await shoot('recordings-recording');
    await page.getByRole('button', { name: 'Show picture' }).click();
    await detail.getByRole('button', { name: 'Record redaction…' }).click();
    await detail.getByRole('textbox').fill('Silenced 01:35-02:05 in the PBX recording editor');
    await detail.getByRole('button', { name: 'Record redaction' }).click();
    await detail.getByText(/Redacted: Silenced/).waitFor();
    await expect.poll(() => tileCount(/Card data/)).toBe(0);
    expect(await client().getRecording({ id })).toMatchObject({ cardData: 'redacted' });
  });

  it('places a legal hold on a ticket: its recordings leave the due list and are counted as held', async () => {
    const before = (await client().getRetentionOverview()).counts;
    await page.getByRole('tab', { name: 'Legal holds' }).click();
    await page.getByRole('button', { name: 'Place a legal hold…' }).click();
    const form = page.getByRole('form', { name: 'New legal hold' });
    await form.getByLabel('Matter').fill('Dupont v. Smartt');
    await form.getByLabel('Reason').fill('Customer disputes the advice given on the phone; keep every call on the ticket.');
    await form.getByLabel('Tickets').fill(heldTicket);
    await form.getByLabel('Review on').fill('2026-01-15');
    await form.getByRole('button', { name: 'Place the hold' }).click();
    const card = page.getByRole('article', { name: 'Legal hold Dupont v. Smartt' });
    await card.waitFor();
    const covered = Number((await card.locator('dd').nth(2).textContent())!.replace(/,/g, ''));
    expect(covered).toBe(Math.floor((calls - 1) / 21) + 1);
    expect(await card.locator('.record-actions').textContent()).toContain('Review due');
    await shoot('recordings-hold');
    const after = (await client().getRetentionOverview()).counts;
    expect(after.held).toBe(covered);
    // Held recordings that would be due leave the due count; the others are held but not yet due.
    const heldRows = await client().listRecordings({ view: 'held', limit: 500 });
    const heldDue = heldRows.rows.filter((row) => row.state === 'held').length;
    expect(heldDue).toBeGreaterThan(0);
    expect(after.due).toBe(before.due - heldDue);
    expect(after.holdsToReview).toBe(1);
  });

  it('reads a caller number in national form once the callers’ country is set, and asks before placing a hold that covers nothing', async () => {
    // Call 5 came from +33 6 12 34 05 05 (stored as a keyed hash); the DPO types the number as the customer gave it.
    await page.getByRole('tab', { name: 'Legal holds' }).click();
    await page.getByRole('button', { name: 'Place a legal hold…' }).click();
    let form = page.getByRole('form', { name: 'New legal hold' });
    await form.getByLabel('Matter').fill('Complaint 2026-114');
    await form.getByLabel('Reason').fill('The caller disputes what was said on the phone.');
    await form.getByLabel("Callers' numbers").fill('06 12 34 05 05');
    const coverage = form.getByRole('status', { name: 'What the hold covers' });
    await expect.poll(() => coverage.textContent()).toMatch(/^Covers 0 recordings now/);
    expect(await coverage.textContent()).toContain("no callers' country is set");
    await form.getByRole('button', { name: 'Place the hold' }).click();
    const confirm = form.getByRole('alertdialog', { name: 'The hold covers no recording' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('This hold covers no recording now.');
    await shoot('recordings-hold-covers-none');
    expect((await client().listLegalHolds()).map((hold) => hold.matter)).not.toContain('Complaint 2026-114');
    await confirm.getByRole('button', { name: 'Go back and correct the scope' }).click();
    await form.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('tab', { name: 'Files and settings' }).click();
    await page.getByLabel(/Callers' country/).fill('FR');
    await page.getByRole('button', { name: 'Save folder settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.getByRole('tab', { name: 'Legal holds' }).click();
    await page.getByRole('button', { name: 'Place a legal hold…' }).click();
    form = page.getByRole('form', { name: 'New legal hold' });
    await form.getByLabel('Matter').fill('Complaint 2026-114');
    await form.getByLabel('Reason').fill('The caller disputes what was said on the phone.');
    await form.getByLabel("Callers' numbers").fill('06 12 34 05 05');
    await expect.poll(() => form.getByRole('status', { name: 'What the hold covers' }).textContent()).toMatch(/^Covers 1 recording now · 06 12 34 05 05 → \+33612340505/);
    await form.getByRole('button', { name: 'Place the hold' }).click();
    const card = page.getByRole('article', { name: 'Legal hold Complaint 2026-114' });
    await card.waitFor();
    expect(await card.textContent()).toContain('1 caller');
    expect((await client().listLegalHolds()).find((hold) => hold.matter === 'Complaint 2026-114')).toMatchObject({ recordings: 1 });
  });

  it('names every problem of a hold beside its field, from the contract, before anything is sent', async () => {
    const holds = (await client().listLegalHolds()).length;
    await page.getByRole('tab', { name: 'Legal holds' }).click();
    await page.getByRole('button', { name: 'Place a legal hold…' }).click();
    const form = page.getByRole('form', { name: 'New legal hold' });
    await form.getByLabel('Recordings (numbers)').fill('12, twelve, 0');
    await form.getByRole('button', { name: 'Place the hold' }).click();
    await expect.poll(() => form.locator('.form-problems').textContent()).toContain('3 things to correct');
    expect(await form.locator('[id$="-problem-matter"]').textContent()).toBe('name the matter');
    expect(await form.locator('[id$="-problem-reason"]').textContent()).toBe('give the reason for the hold');
    expect(await form.locator('[id$="-problem-recordings"]').textContent()).toBe('must be a number');
    expect(await form.getByLabel('Recordings (numbers)').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Recordings (numbers)').fill('12, 0');
    await expect.poll(() => form.locator('[id$="-problem-recordings"]').textContent()).toBe('must be whole recording numbers, e.g. 12, 15');
    expect((await client().listLegalHolds()).length).toBe(holds);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('reviews and disposes of what is due in one batch, keeping held files, and shows the certificate', async () => {
    const due = (await client().getRetentionOverview()).counts.due;
    const held = await client().listRecordings({ view: 'held', limit: 500 });
    await page.getByRole('tab', { name: 'Disposal' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Due for disposal now/ }).textContent()).toBe(`Due for disposal now: ${due.toLocaleString('en')}`);
    await page.getByRole('button', { name: 'Review and dispose…' }).click();
    const confirm = page.getByRole('form', { name: 'Confirm disposal' });
    const disposeButton = confirm.getByRole('button', { name: `Dispose of ${due.toLocaleString('en')} recordings` });
    // An operator the contract refuses is said beside its field before anything is sent, and nothing is disposed of.
    const batches = (await client().listDisposalBatches()).length;
    const operator = confirm.getByRole('textbox', { name: /^Operator/ });
    await operator.fill('A. Martin (DPO) '.repeat(13));
    await disposeButton.click();
    await expect.poll(() => confirm.locator('[id$="-problem-operator"]').textContent()).toBe('must be at most 200 characters');
    expect(await operator.getAttribute('aria-invalid')).toBe('true');
    expect(await operator.getAttribute('aria-describedby')).toMatch(/-problem-operator$/);
    expect(await operator.evaluate((element) => element === document.activeElement)).toBe(true);
    await shoot('recordings-disposal-problem');
    expect((await client().listDisposalBatches()).length).toBe(batches);
    expect((await client().getRetentionOverview()).counts.due).toBe(due);
    await operator.fill('A. Martin (DPO)');
    await disposeButton.click();
    await page.getByRole('status').filter({ hasText: 'Batch done' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Batch done' }).textContent()).toContain(`${due.toLocaleString('en')} disposed of`);
    const batch = page.getByRole('article', { name: /^Disposal batch of / }).first();
    expect(await batch.textContent()).toContain('A. Martin (DPO)');
    // The batch just run opens with its certificate.
    await batch.getByRole('region', { name: 'Certificate of disposal' }).waitFor();
    expect(await batch.getByRole('button', { name: 'Hide certificate' }).getAttribute('aria-expanded')).toBe('true');
    expect(await batch.locator('.certificate-table tbody tr').count()).toBe(Math.min(500, due));
    await shoot('recordings-disposal');
    // Files of disposed recordings are gone; files of held ones remain.
    const disposed = await client().listRecordings({ view: 'disposed', limit: 500 });
    const disposedWithFile = disposed.rows.filter((row) => row.id % 10 === 0);
    expect(disposedWithFile.length).toBeGreaterThan(0);
    for (const row of disposedWithFile) expect(existsSync(join(folder, `call-${row.id}.wav`))).toBe(false);
    for (const row of held.rows.filter((entry) => entry.id % 10 === 0)) expect(existsSync(join(folder, `call-${row.id}.wav`))).toBe(true);
    expect((await client().getRetentionOverview()).counts).toMatchObject({ due: 0, disposed: due });
  });

  it('releases the hold with a reason, and the page stayed free of errors', async () => {
    await page.getByRole('tab', { name: 'Legal holds' }).click();
    const card = page.getByRole('article', { name: 'Legal hold Dupont v. Smartt' });
    await card.getByRole('button', { name: 'Release…' }).click();
    await card.getByRole('button', { name: 'Release the hold' }).click();
    // Checked before sending: the reason's problem beside it, and the hold still holds.
    const reason = card.getByRole('textbox');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await card.locator(`[id="${await reason.getAttribute('aria-describedby')}"]`).textContent()).toBe('give the reason for the release');
    expect((await client().listLegalHolds()).find((hold) => hold.matter === 'Dupont v. Smartt')?.releasedAt).toBeNull();
    await reason.fill('Claim settled on 20 November');
    await card.getByRole('button', { name: 'Release the hold' }).click();
    await expect.poll(() => card.locator('.record-actions').textContent()).toBe('Released');
    expect(await card.textContent()).toMatch(/Claim settled on 20 November/);
    // Only the caller's complaint hold still holds anything: its one recording.
    expect((await client().getRetentionOverview()).counts.held).toBe(1);
    expect(shared.workbench.problems).toEqual([]);
  });
});
