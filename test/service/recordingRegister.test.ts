import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import type { InputOf } from '../../core/contract';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const now = '2026-11-23T09:00:00.000Z';

/** A workspace with seven calls: five for quality (three long due, one due recently, one kept), one also for investment orders (conflict), one on a ticket. */
async function register() {
  const dir = tempDir();
  const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date(now) }));
  await workbench.createWorkspace({ passphrase: null, path: join(dir, 'calls.pwb') });
  const file = join(dir, 'Master.csv');
  writeFileSync(
    file,
    [
      cdrLine({ start: '2026-03-02 10:00:00', uniqueid: 'u.1', src: '+33 6 11 11 11 11' }),
      cdrLine({ start: '2026-03-03 10:00:00', uniqueid: 'u.2', src: '+33 6 22 22 22 22' }),
      cdrLine({ start: '2026-04-04 10:00:00', uniqueid: 'u.3', src: '+33 6 11 11 11 11', userfield: 'T-9', columns: 18 }),
      cdrLine({ start: '2026-05-10 10:00:00', uniqueid: 'u.4', src: '+33 6 33 33 33 33' }),
      cdrLine({ start: '2026-10-01 10:00:00', uniqueid: 'u.5', src: '+33 6 44 44 44 44' }),
    ].join('\n'),
  );
  await workbench.importCallRecords({ path: file, zone: 'UTC', purposes: ['quality'] });
  writeFileSync(file, cdrLine({ start: '2026-02-01 10:00:00', uniqueid: 'u.6', src: '+44 20 7946 0000' }));
  await workbench.importCallRecords({ path: file, zone: 'UTC', purposes: ['quality', 'investment-order'] });
  const ids = Object.fromEntries(
    ((await workbench.listRecordings({ limit: 500 })).rows).map((row) => [row.callStart.slice(0, 10), row.id]),
  );
  return { workbench, dir, ids };
}

describe('the recordings register', () => {
  it('lists each view with its total, states and deletion dates, due first by latest deletion', async () => {
    const { workbench, ids } = await register();
    const hold = await workbench.placeLegalHold({ matter: 'Claim 12', reason: 'Customer dispute', scope: { ticketIds: ['T-9'] }, reviewOn: '2026-11-01' });
    const page = (view: InputOf<'listRecordings'>['view'], extra: InputOf<'listRecordings'> = {}) => workbench.listRecordings({ view, now, ...extra });

    const kept = await page('retained');
    expect(kept.total).toBe(6);
    expect(kept.rows.map((row) => row.id)).toEqual(Object.values(ids).sort((a, b) => b - a));

    const due = await page('due');
    expect(due.total).toBe(3);
    expect(due.rows.map((row) => row.callStart.slice(0, 10))).toEqual(['2026-03-02', '2026-03-03', '2026-05-10']);
    expect(due.rows.every((row) => row.state === 'due')).toBe(true);
    expect(due.rows[0]).toMatchObject({ latestDeleteAt: '2026-09-02T10:00:00.000Z', earliestDeleteAt: null, purposes: ['quality'], callerRefKind: 'hash' });

    // Overdue: due for more than 30 days (before 24 October): the March calls, not May's (due 10 November).
    expect((await page('overdue')).rows.map((row) => row.callStart.slice(0, 10))).toEqual(['2026-03-02', '2026-03-03']);
    const held = await page('held');
    expect(held).toMatchObject({ total: 1, rows: [{ id: ids['2026-04-04']!, state: 'held', held: true, ticketId: 'T-9' }] });
    expect(await page('conflict')).toMatchObject({ total: 1, rows: [{ id: ids['2026-02-01']!, state: 'conflict' }] });

    // Paging walks the view in its order.
    const second = await page('due', { offset: 1, limit: 1 });
    expect(second).toMatchObject({ total: 3, rows: [{ callStart: '2026-03-03T10:00:00.000Z' }] });

    // A caller is found by number although only the keyed hash is stored (spaces do not matter); also by ticket, uniqueid or id.
    const byNumber = await page('retained', { search: '+33611111111' });
    expect(byNumber.rows.map((row) => row.callStart.slice(0, 10)).sort()).toEqual(['2026-03-02', '2026-04-04']);
    expect(byNumber.total).toBe(2);
    // Typed without its "+", the international number still finds the caller.
    expect((await page('retained', { search: '33 6 11 11 11 11' })).total).toBe(2);
    expect((await page('retained', { search: 'T-9' })).rows.map((row) => row.id)).toEqual([ids['2026-04-04']]);
    expect((await page('retained', { search: 'u.5' })).rows.map((row) => row.id)).toEqual([ids['2026-10-01']]);
    expect((await page('retained', { search: String(ids['2026-05-10']) })).rows.map((row) => row.id)).toEqual([ids['2026-05-10']]);
    expect(await page('due', { search: 'nobody' })).toEqual({ total: 0, rows: [] });

    const overview = await workbench.getRetentionOverview({ now });
    expect(overview.counts).toEqual({ retained: 6, due: 3, overdue: 2, held: 1, conflicts: 1, noMaximum: 0, disposed: 0, cardDataOpen: 0, holdsToReview: 1 });
    expect(overview.months).toEqual([
      { month: '2026-08', kept: 0, held: 0, conflict: 1 },
      { month: '2026-09', kept: 2, held: 0, conflict: 0 },
      { month: '2026-10', kept: 0, held: 1, conflict: 0 },
      { month: '2026-11', kept: 1, held: 0, conflict: 0 },
      { month: '2027-04', kept: 1, held: 0, conflict: 0 },
    ]);
    await workbench.releaseLegalHold({ holdId: hold.id, reason: 'Settled' });
    expect((await workbench.getRetentionOverview({ now })).counts).toMatchObject({ due: 4, held: 0, holdsToReview: 0 });
    // Not a view the contract knows: sent untyped to check the service refuses it.
    expect(await workbench.raw('listRecordings', { view: 'everything' })).toMatchObject({ ok: false, error: { field: 'view' } });
    workbench.close();
  });

  it('shows one recording with the rules behind its dates, its holds, and whether the rules changed since import', async () => {
    const { workbench, ids } = await register();
    await workbench.placeLegalHold({ matter: 'Claim 12', reason: 'Customer dispute', scope: { recordingIds: [ids['2026-02-01']!] } });
    const detail = await workbench.getRecording({ id: ids['2026-02-01']!, now });
    expect(detail).toMatchObject({ state: 'conflict', held: true, uniqueid: 'u.6', rulesChangedSince: false, disposal: null, holds: [{ matter: 'Claim 12', placedBy: 'dpo' }] });
    expect(detail.rules).toHaveLength(2);
    expect(detail.rules).toEqual(
      expect.arrayContaining([
        { ruleId: 'rule-quality-training', name: 'Quality and training', kind: 'maximum', until: '2026-08-01T10:00:00.000Z', legalSource: expect.stringContaining('CNIL') },
        { ruleId: 'rule-investment-orders', name: 'Investment-order calls', kind: 'minimum', until: '2031-02-01T10:00:00.000Z', legalSource: expect.stringContaining('MiFID II') },
      ]),
    );
    // A changed rule gives every kept recording of its purpose new dates at once (three months instead of six).
    await workbench.updateRetentionRule({ id: 'rule-quality-training', changes: { name: 'Quality and training', purposes: ['quality'], maximum: 'P3M', countedFrom: 'call' } });
    const recomputed = await workbench.getRecording({ id: ids['2026-10-01']! });
    expect(recomputed).toMatchObject({ rulesChangedSince: false, latestDeleteAt: '2027-01-01T10:00:00.000Z', state: 'retained' });
    expect((await workbench.getRetentionOverview({ now })).counts).toMatchObject({ due: 4, held: 1 });
    // A rule for a purpose no recording has changes none.
    await workbench.createRetentionRule({ name: 'Training library', purposes: ['training'], maximum: 'P1Y', countedFrom: 'call' });
    expect((await workbench.getRecording({ id: ids['2026-10-01']! })).latestDeleteAt).toBe('2027-01-01T10:00:00.000Z');
    expect(await workbench.result.getRecording({ id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'id' } });
    workbench.close();
  });

  it('flags card data, records redaction with its new hash, deletes with evidence, and refuses deletion under a hold', async () => {
    const { workbench, dir, ids } = await register();
    const folder = join(dir, 'monitor');
    mkdirSync(folder);
    await workbench.setRecordingSettings({ folder, backupRetentionDays: 35 });
    const db = new Database(join(dir, 'calls.pwb'));
    const files: Record<string, string> = {};
    for (const day of ['2026-10-01', '2026-05-10', '2026-04-04']) {
      files[day] = join(folder, `${day}.wav`);
      writeFileSync(files[day]!, `audio of ${day}`);
      db.prepare(`UPDATE recordings SET file_path = ?, file_sha256 = ?, file_size = ? WHERE id = ?`).run(
        files[day],
        (await import('node:crypto')).createHash('sha256').update(`audio of ${day}`).digest('hex'),
        `audio of ${day}`.length,
        ids[day],
      );
    }
    db.close();
    const flag = (id: number, cardData: InputOf<'setRecordingCardData'>['cardData'], note?: string) => workbench.result.setRecordingCardData({ id, cardData, ...(note ? { note } : {}) });
    expect(await flag(ids['2026-10-01']!, 'spoken')).toMatchObject({ ok: false, error: { field: 'note' } });
    for (const day of ['2026-10-01', '2026-05-10', '2026-04-04']) await workbench.setRecordingCardData({ id: ids[day]!, cardData: 'spoken', note: 'Caller read the card number at 02:10' });
    expect((await workbench.listRecordings({ view: 'card-data' })).total).toBe(3);

    // Redacted: the file changed, so its hash and size are taken again; it leaves the card-data list.
    expect(await flag(ids['2026-05-10']!, 'redacted')).toMatchObject({ ok: false, error: { field: 'note' } });
    writeFileSync(files['2026-05-10']!, 'audio with a silence');
    const redacted = await workbench.setRecordingCardData({ id: ids['2026-05-10']!, cardData: 'redacted', note: 'Silenced 02:05-02:40 in the editor' });
    expect(redacted).toMatchObject({ cardData: 'redacted', cardDataNote: 'Silenced 02:05-02:40 in the editor', fileSize: 'audio with a silence'.length });
    const history = await workbench.getChangeLog({ entity: 'recording', entityId: String(ids['2026-05-10']) });
    expect(history.map((entry) => (entry.after as { cardData: string }).cardData)).toEqual(['redacted', 'spoken']);

    // Deleted now, before its retention ends, with evidence; the file is gone.
    const batch = await workbench.deleteCardDataRecording({ id: ids['2026-10-01']!, reason: 'Card security code spoken' });
    expect(batch.refused).toEqual([]);
    expect(batch.disposed).toMatchObject([{ recordingId: ids['2026-10-01']!, method: expect.stringMatching(/^card data \(PCI DSS v4\.0 Req\. 3\.3\.1\): Card security code spoken: file deleted/) }]);
    expect(existsSync(files['2026-10-01']!)).toBe(false);
    expect(await workbench.getRecording({ id: ids['2026-10-01']! })).toMatchObject({ state: 'disposed', cardData: 'deleted', disposal: { batchId: batch.id, operator: 'dpo' } });
    expect(await workbench.result.deleteCardDataRecording({ id: ids['2026-10-01']!, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Under a hold: refused, and the file stays.
    await workbench.placeLegalHold({ matter: 'Claim 12', reason: 'Customer dispute', scope: { ticketIds: ['T-9'] } });
    const refused = await workbench.result.deleteCardDataRecording({ id: ids['2026-04-04']!, reason: 'Card number spoken' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('legal hold') } });
    expect(existsSync(files['2026-04-04']!)).toBe(true);
    expect((await workbench.listRecordings({ view: 'card-data' })).rows.map((row) => row.id)).toEqual([ids['2026-04-04']]);

    const batches = await workbench.listDisposalBatches();
    expect(batches).toMatchObject([{ id: batch.id, recordings: 1, filesDeleted: 1 }]);
    const certificate = await workbench.getDisposalBatch({ id: batch.id });
    expect(certificate).toMatchObject({ operator: 'dpo', entries: [{ recordingId: ids['2026-10-01']!, fileSize: 'audio of 2026-10-01'.length }] });
    expect(await workbench.result.getDisposalBatch({ id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    workbench.close();
  });
});

describe('legal holds placed by caller number', () => {
  it('turns numbers into the keyed hashes, covers that caller\'s calls, and stores no number', async () => {
    const { workbench, ids } = await register();
    const hold = await workbench.placeLegalHold({ matter: 'Complaint', reason: 'Caller disputes two calls', scope: { callerNumbers: ['+33 6 11 11 11 11'] } });
    expect(hold.recordings).toBe(2);
    // Keyed hashes of each form the number may be stored in (international, digits, national), and nothing else.
    expect(hold.scope.callerRefs!.length).toBeGreaterThanOrEqual(1);
    for (const ref of hold.scope.callerRefs!) expect(ref).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(hold.scope)).not.toContain('611111111');
    const held = (await workbench.listRecordings({ view: 'held' })).rows.map((row) => row.id).sort();
    expect(held).toEqual([ids['2026-03-02'], ids['2026-04-04']].sort());
    expect(await workbench.result.placeLegalHold({ matter: 'X', reason: 'Y', scope: { callerNumbers: ['abc'] } })).toMatchObject({ ok: false, error: { field: expect.stringContaining('callerNumbers') } });
    expect(await workbench.result.placeLegalHold({ matter: 'X', reason: 'Y', scope: { from: '2026-05-01T00:00:00Z', to: '2026-04-01T00:00:00Z' } })).toMatchObject({ ok: false, error: { field: 'scope.to' } });
    workbench.close();
  });
});
