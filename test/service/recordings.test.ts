import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { createWorkbenchService } from '../../service';
import { importCdrFile } from '../../service/recordings';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
async function open() {
  const dir = tempDir();
  const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date('2026-11-23T09:00:00.000Z') }));
  await workbench.createWorkspace({ passphrase: null, path: join(dir, 'calls.pwb') });
  return { workbench, dir };
}

describe('call-recording import (Asterisk Master.csv)', () => {
  it('imports answered calls, skips the others, reports bad lines by number, and adds nothing the second time', async () => {
    const { workbench, dir } = await open();
    const file = join(dir, 'Master.csv');
    writeFileSync(
      file,
      [
        cdrLine({ start: '2026-03-27 09:15:00', uniqueid: '1774599300.1' }),
        cdrLine({ start: '2026-03-27 09:20:00', uniqueid: '1774599600.2', disposition: 'NO ANSWER', billsec: 0 }),
        'not,a,cdr',
        cdrLine({ start: '2026-03-27 09:25:00', columns: 16 }),
        cdrLine({ start: '2026-03-27 09:30:00', uniqueid: '1774600200.3', userfield: 'TICKET-7', columns: 18 }),
        cdrLine({ start: '2026-13-27 09:35:00', uniqueid: '1774600500.4' }),
        cdrLine({ start: '2026-03-27 09:15:00', uniqueid: '1774599300.1' }),
        '',
      ].join('\n'),
    );
    const first = await workbench.importCallRecords({ path: file, zone: 'Europe/Paris', purposes: ['quality'] });
    expect(first).toEqual({
      imported: 3,
      duplicates: 1,
      skipped: 1,
      rejected: [
        { line: 3, reason: 'has 3 columns; a Master.csv row has 16, 17 (uniqueid) or 18 (uniqueid, userfield)' },
        { line: 6, reason: 'start: "2026-13-27 09:35:00" is not a date and time as YYYY-MM-DD HH:MM:SS' },
      ],
      cancelled: false,
    });
    const again = await workbench.importCallRecords({ path: file, zone: 'Europe/Paris', purposes: ['quality'] });
    expect(again).toMatchObject({ imported: 0, duplicates: 4 });

    // Quality calls of 27 March (09:15 in Paris, 08:15 UTC) are due from the same instant on 27 September (six months, CNIL).
    expect(await workbench.sweepRecordings({ now: '2026-09-27T08:14:59Z' })).toEqual({ due: 0, held: 0, conflicts: 0, retained: 3 });
    expect(await workbench.sweepRecordings({ now: '2026-09-27T08:20:00Z' })).toEqual({ due: 1, held: 0, conflicts: 0, retained: 2 });
    expect(await workbench.sweepRecordings({ now: '2026-10-01T00:00:00Z' })).toEqual({ due: 3, held: 0, conflicts: 0, retained: 0 });
    expect(await workbench.result.importCallRecords({ path: file, zone: 'Paris' })).toMatchObject({ ok: false, error: { field: 'zone' } });
    expect(await workbench.result.importCallRecords({ path: join(dir, 'nope.csv'), zone: 'UTC' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'path' } });
    workbench.close();
  });

  it('keeps the numbers of callers as a keyed hash unless told otherwise, and flags conflicting purposes', async () => {
    const { workbench, dir } = await open();
    const file = join(dir, 'Master.csv');
    writeFileSync(file, `${cdrLine({ start: '2026-03-27 09:15:00', uniqueid: 'a.1', src: '+33 6 12 34 56 78' })}\n`);
    await workbench.importCallRecords({ path: file, zone: 'UTC', purposes: ['quality', 'investment-order'] });
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'calls.pwb'), { readonly: true });
    const row = db.prepare(`SELECT caller_ref, caller_ref_kind, retention_conflict, earliest_delete_at, latest_delete_at FROM recordings`).get() as Record<string, unknown>;
    db.close();
    expect(row).toMatchObject({ caller_ref_kind: 'hash', retention_conflict: 1, earliest_delete_at: '2031-03-27T09:15:00.000Z', latest_delete_at: '2026-09-27T09:15:00.000Z' });
    expect(String(row.caller_ref)).toMatch(/^[0-9a-f]{32}$/);
    expect(String(row.caller_ref)).not.toContain('612345678');
    expect(await workbench.sweepRecordings({ now: '2030-01-01T00:00:00Z' })).toEqual({ due: 0, held: 0, conflicts: 1, retained: 0 });
    workbench.close();
  });

  it('streams a large file in chunks and, when cancelled, writes nothing', async () => {
    const { workbench, dir } = await open();
    const file = join(dir, 'Master.csv');
    const lines: string[] = [];
    for (let index = 0; index < 60_000; index += 1) lines.push(cdrLine({ start: '2026-03-27 09:15:00', uniqueid: `big.${index}` }));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { default: Database } = await import('better-sqlite3');
    const progress: number[] = [];
    const db = new Database(join(dir, 'calls.pwb'));
    const cancelled = importCdrFile(db, file, { zone: 'UTC', purposes: ['quality'], keepNumbers: false, actor: 'test', onProgress: (step) => progress.push(step.lines), shouldCancel: () => progress.length >= 1 }, '2026-11-23T09:00:00.000Z');
    expect(cancelled.cancelled).toBe(true);
    expect((db.prepare(`SELECT count(*) AS n FROM recordings`).get() as { n: number }).n).toBe(0);
    const done = importCdrFile(db, file, { zone: 'UTC', purposes: ['quality'], keepNumbers: false, actor: 'test', onProgress: (step) => progress.push(step.lines) }, '2026-11-23T09:00:00.000Z');
    expect(done).toMatchObject({ imported: 60_000, cancelled: false });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(60_000);
    db.close();
    workbench.close();
  });
});

describe('legal holds and disposal', () => {
  it('disposes of what is due with evidence, never what is held, never a file outside the folder or changed since registered', async () => {
    const { workbench, dir } = await open();
    const { mkdirSync, existsSync: exists } = await import('node:fs');
    const { createHash } = await import('node:crypto');
    const folder = join(dir, 'monitor');
    mkdirSync(folder);
    const file = join(dir, 'Master.csv');
    writeFileSync(
      file,
      [
        cdrLine({ start: '2026-01-05 10:00:00', uniqueid: 'c.1', userfield: 'T-1', columns: 18 }),
        cdrLine({ start: '2026-01-05 10:05:00', uniqueid: 'c.2', userfield: 'T-2', columns: 18 }),
        cdrLine({ start: '2026-01-05 10:10:00', uniqueid: 'c.3', userfield: 'T-3', columns: 18 }),
        cdrLine({ start: '2026-01-05 10:15:00', uniqueid: 'c.4', userfield: 'T-4', columns: 18 }),
        cdrLine({ start: '2026-01-05 10:20:00', uniqueid: 'c.5', userfield: 'T-5', columns: 18 }),
      ].join('\n'),
    );
    await workbench.importCallRecords({ path: file, zone: 'UTC', purposes: ['quality'] });
    expect(await workbench.setRecordingSettings({ folder, backupRetentionDays: 30 })).toEqual({ folder, backupRetentionDays: 30, callerCountry: null });
    expect(await workbench.result.setRecordingSettings({ folder: 'relative/path', backupRetentionDays: 30 })).toMatchObject({ ok: false, error: { field: 'folder' } });

    // Audio files: c.1 inside the folder with its hash, c.2 outside it, c.3 changed since it was registered; c.4 has no file.
    const audio = (path: string, content: string) => {
      writeFileSync(path, content);
      return createHash('sha256').update(content).digest('hex');
    };
    const inside = join(folder, 'c.1.wav');
    const outside = join(dir, 'c.2.wav');
    const changed = join(folder, 'c.3.wav');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'calls.pwb'));
    const setFile = db.prepare(`UPDATE recordings SET file_path = ?, file_sha256 = ?, file_size = ? WHERE uniqueid = ?`);
    setFile.run(inside, audio(inside, 'RIFF-one'), 8, 'c.1');
    setFile.run(outside, audio(outside, 'RIFF-two'), 8, 'c.2');
    setFile.run(changed, createHash('sha256').update('original').digest('hex'), 8, 'c.3');
    audio(changed, 'tampered');
    db.close();

    const hold = await workbench.placeLegalHold({ matter: 'Smith v Acme', reason: 'Complaint about call T-5', scope: { ticketIds: ['T-5'] } });
    expect(hold.recordings).toBe(1);
    expect(await workbench.result.placeLegalHold({ matter: 'x', reason: 'y', scope: {} })).toMatchObject({ ok: false, error: { field: 'scope' } });
    expect(await workbench.sweepRecordings({ now: '2026-08-01T00:00:00Z' })).toEqual({ due: 4, held: 1, conflicts: 0, retained: 0 });

    const batch = await workbench.disposeDueRecordings({ asOf: '2026-08-01T00:00:00Z', operator: 'Records officer' });
    expect(batch.disposed.map((entry) => entry.callKey).sort()).toEqual(['c.1', 'c.4']);
    expect(batch.disposed.find((entry) => entry.callKey === 'c.1')).toMatchObject({ method: expect.stringContaining('file deleted'), backupExpiresAt: '2026-12-23T09:00:00.000Z' });
    expect(batch.refused.map((entry) => entry.reason)).toEqual([
      expect.stringContaining('outside the recordings folder'),
      expect.stringContaining('no longer has the SHA-256 registered'),
    ]);
    expect(exists(inside)).toBe(false);
    expect(exists(outside)).toBe(true);
    expect(exists(changed)).toBe(true);
    expect(await workbench.sweepRecordings({ now: '2026-08-01T00:00:00Z' })).toEqual({ due: 2, held: 1, conflicts: 0, retained: 0 });

    await workbench.releaseLegalHold({ holdId: hold.id, reason: 'Complaint settled' });
    const after = await workbench.disposeDueRecordings({ asOf: '2026-08-01T00:00:00Z' });
    expect(after.disposed.map((entry) => entry.callKey)).toEqual(['c.5']);
    expect(await workbench.result.releaseLegalHold({ holdId: hold.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await workbench.result.disposeDueRecordings({ asOf: '2027-01-01T00:00:00Z' })).toMatchObject({ ok: false, error: { field: 'asOf' } });

    const check = new Database(join(dir, 'calls.pwb'));
    expect(() => check.prepare(`DELETE FROM disposals`).run()).toThrow(/append-only/);
    check.close();
    workbench.close();
  });
});
