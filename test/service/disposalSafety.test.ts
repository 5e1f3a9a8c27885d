import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const now = '2026-11-23T09:00:00.000Z';

/** Four quality calls of March (due since September), each with a file in the recordings folder. */
async function setUp() {
  const dir = tempDir();
  const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date(now) }));
  const workspace = join(dir, 'calls.pwb');
  await workbench.createWorkspace({ passphrase: null, path: workspace });
  writeFileSync(join(dir, 'Master.csv'), [1, 2, 3, 4].map((n) => cdrLine({ start: `2026-03-0${n} 10:00:00`, uniqueid: `u.${n}`, userfield: `T-${n}`, columns: 18 })).join('\n'));
  await workbench.importCallRecords({ path: join(dir, 'Master.csv'), zone: 'UTC', purposes: ['quality'] });
  const folder = join(dir, 'monitor');
  mkdirSync(folder);
  await workbench.setRecordingSettings({ folder, backupRetentionDays: 30 });
  const db = new Database(workspace);
  for (const n of [1, 2, 3, 4]) {
    const bytes = `audio ${n}`;
    writeFileSync(join(folder, `u.${n}.wav`), bytes);
    db.prepare(`UPDATE recordings SET file_path = ?, file_sha256 = ?, file_size = ? WHERE uniqueid = ?`).run(`u.${n}.wav`, createHash('sha256').update(bytes).digest('hex'), bytes.length, `u.${n}`);
  }
  db.close();
  return { workbench, dir, folder, workspace };
}
const idOf = async (workbench: Awaited<ReturnType<typeof setUp>>['workbench'], uniqueid: string) =>
  (await workbench.listRecordings({ search: uniqueid })).rows[0]!.id;

describe('disposal never deletes without evidence, and never deletes what it must not', () => {
  it('refuses the whole batch when the recordings folder cannot be reached, deleting nothing', async () => {
    const { workbench, folder } = await setUp();
    rmSync(folder, { recursive: true });
    expect(await workbench.result.disposeDueRecordings()).toMatchObject({ ok: false, error: { code: 'io', field: 'folder', message: expect.stringContaining('cannot be reached') } });
    expect((await workbench.sweepRecordings()).due).toBe(4);
    expect(await workbench.listDisposalBatches()).toEqual([]);
    workbench.close();
  });

  it('refuses a missing file unless told to close entries of absent files, a symbolic link, and a path it cannot read, and disposes of the rest', async () => {
    const { workbench, folder } = await setUp();
    rmSync(join(folder, 'u.1.wav'));
    rmSync(join(folder, 'u.2.wav'));
    mkdirSync(join(folder, 'archive'));
    writeFileSync(join(folder, 'archive', 'u.2.wav'), 'audio 2');
    symlinkSync(join(folder, 'archive', 'u.2.wav'), join(folder, 'u.2.wav'));
    rmSync(join(folder, 'u.3.wav'));
    mkdirSync(join(folder, 'u.3.wav'));
    const [one, two, three, four] = await Promise.all(['u.1', 'u.2', 'u.3', 'u.4'].map((uid) => idOf(workbench, uid)));
    const batch = await workbench.disposeDueRecordings();
    expect(batch.disposed.map((entry) => entry.recordingId)).toEqual([four]);
    expect(Object.fromEntries(batch.refused.map((entry) => [entry.recordingId, entry.reason]))).toEqual({
      [one!]: expect.stringContaining('not in the recordings folder'),
      [two!]: expect.stringContaining('symbolic link'),
      [three!]: expect.stringContaining('could not be read'),
    });
    expect(existsSync(join(folder, 'archive', 'u.2.wav'))).toBe(true);
    expect(existsSync(join(folder, 'u.4.wav'))).toBe(false);
    // The refused stay due and are offered again; closing absent files is a choice the operator makes.
    const again = await workbench.disposeDueRecordings({ acceptMissingFiles: true });
    expect(again.disposed).toMatchObject([{ recordingId: one, method: 'register entry closed; the file was already absent' }]);
    const batches = await workbench.listDisposalBatches();
    expect(batches.map(({ recordings, filesDeleted, filesMissing, refused }) => ({ recordings, filesDeleted, filesMissing, refused })).sort((a, b) => a.filesMissing - b.filesMissing)).toEqual([
      { recordings: 1, filesDeleted: 1, filesMissing: 0, refused: 3 },
      { recordings: 1, filesDeleted: 0, filesMissing: 1, refused: 2 },
    ]);
    workbench.close();
  });

  it('takes the write lock before deleting anything: a workspace busy with another writer keeps every file', async () => {
    const { workbench, folder, workspace } = await setUp();
    const other = new Database(workspace);
    other.pragma('busy_timeout = 0');
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const outcome = await workbench.result.disposeDueRecordings();
      expect(outcome.ok).toBe(false);
      for (const n of [1, 2, 3, 4]) expect(existsSync(join(folder, `u.${n}.wav`))).toBe(true);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect((await workbench.sweepRecordings()).due).toBe(4);
    workbench.close();
  });

  it('refuses a disposal as of a future instant, and a hold range given with an offset covers the calls it names', async () => {
    const { workbench } = await setUp();
    expect(await workbench.result.disposeDueRecordings({ asOf: '2027-01-01T00:00:00Z' })).toMatchObject({ ok: false, error: { field: 'asOf' } });
    // 2026-03-02T04:59:59-05:00 is 09:59:59Z: the call of 2 March at 10:00Z lies after it; 2026-03-02T05:00:00-05:00 is 10:00Z and covers it.
    const before = await workbench.placeLegalHold({ matter: 'A', reason: 'r', scope: { from: '2026-03-01T00:00:00+01:00', to: '2026-03-02T04:59:59-05:00' } });
    expect(before).toMatchObject({ recordings: 1, scope: { to: '2026-03-02T09:59:59.000Z' } });
    expect((await workbench.placeLegalHold({ matter: 'B', reason: 'r', scope: { from: '2026-03-02T05:00:00-05:00', to: '2026-03-02T05:00:00-05:00' } })).recordings).toBe(1);
    workbench.close();
  });

  it('refuses to delete a card-data recording that a minimum keeps, and a new call on a closed ticket counts from its closure', async () => {
    const { workbench, dir } = await setUp();
    writeFileSync(join(dir, 'orders.csv'), cdrLine({ start: '2026-11-02 10:00:00', uniqueid: 'o.1', userfield: 'T-1', columns: 18 }));
    await workbench.updateTicket({ ticketId: 'T-1', state: 'closed', closedAt: '2026-03-20T12:00:00Z' });
    await workbench.importCallRecords({ path: join(dir, 'orders.csv'), zone: 'UTC', purposes: ['quality', 'investment-order', 'dispute'] });
    const order = await idOf(workbench, 'o.1');
    const detail = await workbench.getRecording({ id: order });
    expect(detail).toMatchObject({ ticketState: 'closed', ticketClosedAt: '2026-03-20T12:00:00.000Z', earliestDeleteAt: '2032-03-20T12:00:00.000Z', waitingForTicket: [], state: 'conflict' });
    await workbench.setRecordingCardData({ id: order, cardData: 'spoken', note: 'card read out at 00:40' });
    expect(await workbench.result.deleteCardDataRecording({ id: order, reason: 'CVC spoken' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('must be kept until 2032-03-20') },
    });
    workbench.close();
  });

  it('refuses a batch when no recordings folder is set, unless it is explicitly records only, which says no file was touched', async () => {
    const dir = tempDir();
    const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date(now) }));
    await workbench.createWorkspace({ passphrase: null, path: join(dir, 'calls.pwb') });
    writeFileSync(join(dir, 'Master.csv'), [1, 2].map((n) => cdrLine({ start: `2026-03-0${n} 10:00:00`, uniqueid: `u.${n}` })).join('\n'));
    await workbench.importCallRecords({ path: join(dir, 'Master.csv'), zone: 'UTC', purposes: ['quality'] });
    expect(await workbench.result.disposeDueRecordings()).toMatchObject({ ok: false, error: { field: 'folder', message: expect.stringContaining('no recordings folder is set, so no file can be deleted and nothing was disposed of') } });
    expect((await workbench.sweepRecordings()).due).toBe(2);
    const batch = await workbench.disposeDueRecordings({ recordsOnly: true });
    expect(batch).toMatchObject({ recordsOnly: true, refused: [] });
    expect(batch.disposed.map((entry) => entry.method)).toEqual([
      'records only: register entry closed; no file was touched (no recordings folder is set)',
      'records only: register entry closed; no file was touched (no recordings folder is set)',
    ]);
    workbench.close();
    // Where a folder is set, records only would leave the audio behind a "disposed" entry.
    const { workbench: withFolder } = await setUp();
    expect(await withFolder.result.disposeDueRecordings({ recordsOnly: true })).toMatchObject({ ok: false, error: { field: 'recordsOnly' } });
    withFolder.close();
  });

  it('waits for a batch still running in another process, and closes one whose process is gone without deleting anything', async () => {
    const { workbench, folder, workspace } = await setUp();
    const [one, two, three] = await Promise.all(['u.1', 'u.2', 'u.3'].map((uid) => idOf(workbench, uid)));
    // A batch declared by a process that is alive (this test's parent), its heartbeat fresh: u.1 deleted, u.2 not yet.
    const declare = (batchId: string, pid: number) => {
      const db = new Database(workspace);
      db.prepare(`INSERT INTO disposal_runs (batch_id, operator, as_of, started_at, records_only, accept_missing, host, pid, heartbeat_at) VALUES (?, 'other', ?, ?, 0, 0, ?, ?, ?)`).run(batchId, now, now, hostname(), pid, new Date().toISOString());
      // u.1 declared "deleting" (its file about to go), u.2 still pending, u.3 pending with its file gone by some other hand.
      for (const [seq, id, uid, outcome] of [[0, one, 'u.1', 'deleting'], [1, two, 'u.2', 'pending'], [2, three, 'u.3', 'pending']] as const) {
        db.prepare(
          `INSERT INTO disposal_intents (batch_id, recording_id, seq, call_key, file_path, resolved_path, registered_sha256, registered_size, kind, planned_method, planned_verification, intended_at, outcome)
           SELECT ?, id, ?, call_key, file_path, ?, file_sha256, file_size, 'delete-file', 'file deleted', '', ?, ? FROM recordings WHERE id = ?`,
        ).run(batchId, seq, join(folder, `${uid}.wav`), now, outcome, id);
        if (outcome === 'deleting') db.prepare(`UPDATE recordings SET status = 'disposed' WHERE id = ?`).run(id);
      }
      db.close();
    };
    declare('live', process.ppid);
    rmSync(join(folder, 'u.1.wav'));
    rmSync(join(folder, 'u.3.wav'));
    expect(await workbench.result.disposeDueRecordings()).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is still running') } });
    expect(existsSync(join(folder, 'u.2.wav'))).toBe(true);
    // A laptop that slept: the heartbeat is old, but the process on this computer still lives, so the batch is still its own.
    const asleep = new Database(workspace);
    asleep.prepare(`UPDATE disposal_runs SET heartbeat_at = '2020-01-01T00:00:00.000Z' WHERE batch_id = 'live'`).run();
    asleep.close();
    expect(await workbench.result.disposeDueRecordings()).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Its process gone (a pid that cannot exist): the next run closes it first, from its intents.
    const db = new Database(workspace);
    db.prepare(`UPDATE disposal_runs SET pid = 2147483646 WHERE batch_id = 'live'`).run();
    db.close();
    const batch = await workbench.disposeDueRecordings();
    // Only the intent declared "deleting" can have lost its file to that batch; u.3's file went some other way.
    expect(batch.interruptedBatchesClosed).toEqual([{ id: 'live', startedAt: now, operator: 'other', confirmedDeleted: 1, notDisposed: 2 }]);
    const batches = await workbench.listDisposalBatches();
    expect(batches.find((entry) => entry.id === 'live')).toMatchObject({ recordings: 1, filesDeleted: 1, refused: 2 });
    // The new batch took u.2 (still due) and the others.
    expect(batch.disposed.map((entry) => entry.recordingId)).toContain(two);
    expect(batch.disposed.map((entry) => entry.recordingId)).not.toContain(one);
    workbench.close();
  });
});
