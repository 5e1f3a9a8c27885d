import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createWorkbenchService } from '../../service';
import { scanRecordingsFolder } from '../../service/recordingFiles';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const sha = (content: string) => createHash('sha256').update(content).digest('hex');

async function open(lines: string[], purposes = ['quality'], clock = () => new Date('2026-11-23T09:00:00.000Z')) {
  const dir = tempDir();
  const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock }));
  await workbench.createWorkspace({ passphrase: null, path: join(dir, 'calls.pwb') });
  const cdr = join(dir, 'Master.csv');
  writeFileSync(cdr, `${lines.join('\n')}\n`);
  await workbench.importCallRecords({ path: cdr, zone: 'Europe/Paris', purposes });
  const folder = join(dir, 'monitor');
  mkdirSync(folder);
  await workbench.setRecordingSettings({ folder, backupRetentionDays: 30 });
  const row = <T>(sql: string, ...params: unknown[]) => {
    const db = new Database(join(dir, 'calls.pwb'), { readonly: true });
    try {
      return db.prepare(sql).get(...params) as T;
    } finally {
      db.close();
    }
  };
  const idOf = (uniqueid: string) => row<{ id: number }>(`SELECT id FROM recordings WHERE uniqueid = ?`, uniqueid).id;
  return { workbench, dir, folder, row, idOf };
}

const calls = [
  cdrLine({ start: '2026-03-27 09:15:00', uniqueid: '1774599300.1', src: '+33612345678' }),
  cdrLine({ start: '2026-03-27 09:20:00', uniqueid: '1774599600.2', src: '+33698765432' }),
  // Two calls under way at 09:31:30 Paris time; the caller's number tells them apart.
  cdrLine({ start: '2026-03-27 09:30:00', uniqueid: '1774600200.3', src: '+33611111111', duration: 300 }),
  cdrLine({ start: '2026-03-27 09:31:00', uniqueid: '1774600260.4', src: '+33622222222', duration: 300 }),
];

describe('scanning the recordings folder', () => {
  it('matches files by uniqueid (whole name or a token) and by pattern, records hash and size, and reports the rest', async () => {
    const { workbench, dir, folder, row, idOf } = await open(calls);
    writeFileSync(join(folder, '1774599300.1.wav'), 'RIFF-one');
    mkdirSync(join(folder, '2026', '03'), { recursive: true });
    writeFileSync(join(folder, '2026', '03', 'in-200-0698765432-20260327-092000-1774599600.2.WAV'), 'RIFF-two-longer');
    writeFileSync(join(folder, '2026', '03', 'q-+33622222222-20260327-093130.mp3'), 'ID3-four');
    writeFileSync(join(folder, 'notes.txt'), 'not audio');
    writeFileSync(join(folder, 'nobody-123.ogg'), 'OggS');
    writeFileSync(join(dir, 'secret.wav'), 'outside the folder');
    symlinkSync(join(dir, 'secret.wav'), join(folder, '1774600200.3.wav'));
    symlinkSync(join(dir, 'gone.wav'), join(folder, 'dangling.wav'));

    const scan = await workbench.scanRecordingsFolder({ pattern: 'q-{src}-{date:YYYYMMDD}-{time:HHMMSS}' });
    expect(scan).toEqual({
      scanned: 4,
      matched: 3,
      alreadyKnown: 0,
      changed: [],
      disposed: { count: 0, first: [] },
      unmatched: { count: 1, first: ['nobody-123.ogg'] },
      ignored: 1,
      outside: { count: 2, first: expect.arrayContaining(['1774600200.3.wav', 'dangling.wav']) as unknown as string[] },
      cancelled: false,
    });
    expect(row(`SELECT storage_location, file_path, file_sha256, file_size FROM recordings WHERE uniqueid = ?`, '1774599300.1')).toEqual({
      storage_location: folder,
      file_path: '1774599300.1.wav',
      file_sha256: sha('RIFF-one'),
      file_size: 8,
    });
    expect(row(`SELECT file_path, file_size FROM recordings WHERE uniqueid = ?`, '1774599600.2')).toEqual({ file_path: '2026/03/in-200-0698765432-20260327-092000-1774599600.2.WAV', file_size: 15 });
    // 09:31:30 falls in both calls; the hashed number of +33622222222 picks the second.
    expect(row(`SELECT file_path, file_sha256 FROM recordings WHERE uniqueid = ?`, '1774600260.4')).toEqual({ file_path: '2026/03/q-+33622222222-20260327-093130.mp3', file_sha256: sha('ID3-four') });
    expect(row(`SELECT file_path FROM recordings WHERE uniqueid = ?`, '1774600200.3')).toEqual({ file_path: null });
    const history = await workbench.getChangeLog({ entity: 'recording', entityId: String(idOf('1774599300.1')) });
    expect(history.map((entry) => (entry.after as { filePath: string }).filePath)).toEqual(['1774599300.1.wav']);

    // The saved pattern is used again; the same files are already known; a changed file is reported and the registered hash kept.
    writeFileSync(join(folder, '1774599300.1.wav'), 'RIFF-one-edited');
    const again = await workbench.scanRecordingsFolder();
    expect(again).toMatchObject({ scanned: 4, matched: 0, alreadyKnown: 2, unmatched: { count: 1 } });
    expect(again.changed).toEqual([
      { recordingId: idOf('1774599300.1'), file: '1774599300.1.wav', registeredFile: '1774599300.1.wav', registeredSha256: sha('RIFF-one'), foundSha256: sha('RIFF-one-edited'), foundSize: 15 },
    ]);
    expect(row(`SELECT file_sha256, file_size FROM recordings WHERE uniqueid = ?`, '1774599300.1')).toEqual({ file_sha256: sha('RIFF-one'), file_size: 8 });

    const listed = await workbench.listRecordingFiles();
    expect(listed.savedPattern).toBe('q-{src}-{date:YYYYMMDD}-{time:HHMMSS}');
    expect(listed.total).toBe(3);
    expect(listed.files.map((file) => file.uniqueid)).toEqual(['1774600260.4', '1774599600.2', '1774599300.1']);

    // Without the pattern, the mp3 (no uniqueid in its name) matches nothing; the others still match.
    expect((await workbench.scanRecordingsFolder({ pattern: '' })).unmatched.first.sort()).toEqual(['2026/03/q-+33622222222-20260327-093130.mp3', 'nobody-123.ogg']);
    workbench.close();
  });

  it('refuses a bad pattern or a missing folder by field, and a cancelled scan writes nothing', async () => {
    const { workbench, dir, folder, row } = await open(calls);
    expect(await workbench.result.scanRecordingsFolder({ pattern: 'in-{caller}-{uniqueid}' })).toMatchObject({ ok: false, error: { field: 'pattern', message: expect.stringContaining('{caller} is not a token') } });
    expect(await workbench.result.scanRecordingsFolder({ pattern: 'in-{src}-{date:YYYYMMDD}' })).toMatchObject({ ok: false, error: { field: 'pattern', message: expect.stringContaining('needs {uniqueid}') } });
    expect(await workbench.result.scanRecordingsFolder({ pattern: '{date:YYYYMM}-{time:HHMMSS}' })).toMatchObject({ ok: false, error: { field: 'pattern' } });
    expect((await workbench.listRecordingFiles()).savedPattern).toBeNull();
    for (let index = 0; index < 150; index += 1) writeFileSync(join(folder, `other-${index}.wav`), 'x');
    writeFileSync(join(folder, '1774599300.1.wav'), 'RIFF-one');
    const db = new Database(join(dir, 'calls.pwb'));
    const context = { db: () => db, actor: 'dpo', now: () => '2026-11-23T09:00:00.000Z', newId: randomUUID };
    const progress: number[] = [];
    const cancelled = scanRecordingsFolder(context, { pattern: null, onProgress: (step) => progress.push(step.scanned), shouldCancel: () => true });
    expect(cancelled).toMatchObject({ cancelled: true, matched: 0 });
    expect(progress).toEqual([100]);
    db.close();
    expect(row(`SELECT count(*) AS n FROM recordings WHERE file_path IS NOT NULL`)).toEqual({ n: 0 });
    rmSync(folder, { recursive: true });
    expect(await workbench.result.scanRecordingsFolder()).toMatchObject({ ok: false });
    workbench.close();

    const fresh = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'dpo' }));
    await fresh.createWorkspace({ passphrase: null, path: join(tempDir(), 'empty.pwb') });
    expect(await fresh.result.scanRecordingsFolder()).toMatchObject({ ok: false, error: { field: 'folder' } });
    fresh.close();
  });
});

describe('playback and its access log', () => {
  it('serves a file inside the folder, refuses the rest, and logs every attempt in an append-only log', async () => {
    const { workbench, dir, folder, idOf } = await open(calls);
    writeFileSync(join(folder, '1774599300.1.wav'), 'RIFF-one');
    writeFileSync(join(folder, '1774599600.2.wav'), 'RIFF-two');
    writeFileSync(join(folder, '1774600200.3.wav'), 'RIFF-three');
    await workbench.scanRecordingsFolder();
    const one = idOf('1774599300.1');
    const two = idOf('1774599600.2');
    const three = idOf('1774600200.3');
    const four = idOf('1774600260.4');

    const served = workbench.recordingMedia(one, null);
    expect(served).toMatchObject({ status: 200, headers: { 'Content-Type': 'audio/wav', 'Content-Length': '8' }, file: { start: 0, end: 7 } });
    // Seeking within the same playback is not logged again; a new playback from byte 0 is.
    expect(workbench.recordingMedia(one, 'bytes=4-')).toMatchObject({ status: 206, headers: { 'Content-Range': 'bytes 4-7/8' }, file: { start: 4, end: 7 } });
    expect(workbench.recordingMedia(one, 'bytes=0-')).toMatchObject({ status: 206 });
    expect(workbench.recordingMedia(one, 'bytes=20-')).toMatchObject({ status: 416 });

    // The file swapped for a link leading outside the folder; a file gone; a call without a file.
    unlinkSync(join(folder, '1774599600.2.wav'));
    writeFileSync(join(dir, 'elsewhere.wav'), 'RIFF-two');
    symlinkSync(join(dir, 'elsewhere.wav'), join(folder, '1774599600.2.wav'));
    expect(workbench.recordingMedia(two, null)).toMatchObject({ status: 403, message: expect.stringContaining('outside the recordings folder') });
    unlinkSync(join(folder, '1774600200.3.wav'));
    expect(workbench.recordingMedia(three, null)).toMatchObject({ status: 404, message: expect.stringContaining('missing') });
    expect(workbench.recordingMedia(four, null)).toMatchObject({ status: 404, message: expect.stringContaining('no audio file is registered') });
    expect(workbench.recordingMedia(999, null)).toMatchObject({ status: 404 });
    expect(workbench.recordingMedia(null, null)).toMatchObject({ status: 404 });

    // Disposed of: refused even though the file is still there.
    const db = new Database(join(dir, 'calls.pwb'));
    db.prepare(`UPDATE recordings SET status = 'disposed' WHERE id = ?`).run(one);
    db.close();
    expect(workbench.recordingMedia(one, null)).toMatchObject({ status: 410 });

    const entries = await workbench.listRecordingAccess({ recordingId: one });
    expect(entries.map((entry) => [entry.outcome, entry.reason, entry.actor])).toEqual([
      ['refused', 'the recording was disposed of', 'dpo'],
      ['served', null, 'dpo'],
      ['served', null, 'dpo'],
    ]);
    expect(await workbench.listRecordingAccess({ recordingId: two })).toMatchObject([{ outcome: 'refused', reason: 'the file lies outside the recordings folder' }]);
    expect(await workbench.listRecordingAccess({ recordingId: three })).toMatchObject([{ outcome: 'refused', reason: 'the file is missing from the recordings folder' }]);
    expect(await workbench.listRecordingAccess({ recordingId: four })).toMatchObject([{ outcome: 'refused' }]);
    expect(await workbench.result.listRecordingAccess({ recordingId: -1 })).toMatchObject({ ok: false, error: { field: 'recordingId' } });

    const check = new Database(join(dir, 'calls.pwb'));
    expect(() => check.prepare(`UPDATE recording_access SET outcome = 'served'`).run()).toThrow(/append-only/);
    expect(() => check.prepare(`DELETE FROM recording_access`).run()).toThrow(/append-only/);
    check.close();
    workbench.close();
  });

  it('deletes a scanned file (registered relative to the folder) at disposal', async () => {
    const { workbench, folder } = await open([calls[0]!]);
    writeFileSync(join(folder, '1774599300.1.wav'), 'RIFF-one');
    await workbench.scanRecordingsFolder();
    const batch = await workbench.disposeDueRecordings({ asOf: '2026-11-01T00:00:00Z', operator: 'dpo' });
    expect(batch.disposed).toMatchObject([{ method: expect.stringContaining('file deleted'), fileSha256: sha('RIFF-one') }]);
    expect(workbench.recordingMedia(1, null)).toMatchObject({ status: 410 });
    workbench.close();
  });
});

describe('ticket states', () => {
  const ticketCalls = [
    cdrLine({ start: '2026-01-10 10:00:00', uniqueid: 't.1', userfield: 'T-1', columns: 18 }),
    cdrLine({ start: '2026-01-12 10:00:00', uniqueid: 't.2', userfield: 'T-1', columns: 18 }),
    cdrLine({ start: '2026-01-15 10:00:00', uniqueid: 't.3', userfield: 'T-2', columns: 18 }),
  ];

  it('closing a ticket recomputes the retention of its recordings and the sweep follows', async () => {
    const { workbench, row } = await open(ticketCalls, ['complaint'], () => new Date('2026-11-23T09:00:00.000Z'));
    await workbench.createRetentionRule({ name: 'Complaint follow-up', purposes: ['complaint'], maximum: 'P1Y', countedFrom: 'ticket-closure' });
    // The rule was added after the import: setting the state recomputes with it.
    expect(await workbench.updateTicket({ ticketId: 'T-1', state: 'pending' })).toEqual({ ticketId: 'T-1', state: 'pending', closedAt: null, recordings: 2 });
    expect(row(`SELECT ticket_state, latest_delete_at FROM recordings WHERE uniqueid = 't.1'`)).toEqual({ ticket_state: 'pending', latest_delete_at: null });
    expect(await workbench.sweepRecordings({ now: '2028-01-01T00:00:00Z' })).toEqual({ due: 0, held: 0, conflicts: 0, retained: 3 });

    expect(await workbench.result.updateTicket({ ticketId: 'T-1', state: 'closed' })).toMatchObject({ ok: false, error: { field: 'closedAt' } });
    expect(await workbench.result.updateTicket({ ticketId: 'T-1', state: 'closed', closedAt: '2026-12-01T00:00:00Z' })).toMatchObject({ ok: false, error: { field: 'closedAt', message: expect.stringContaining('future') } });
    expect(await workbench.result.updateTicket({ ticketId: 'T-1', state: 'closed', closedAt: '2026-01-10T08:59:59Z' })).toMatchObject({ ok: false, error: { field: 'closedAt', message: expect.stringContaining("before the ticket's first call") } });
    expect(await workbench.result.updateTicket({ ticketId: 'T-1', state: 'open', closedAt: '2026-02-01T00:00:00Z' })).toMatchObject({ ok: false, error: { field: 'closedAt' } });
    expect(await workbench.result.updateTicket({ ticketId: 'T-9', state: 'open' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'ticketId' } });

    expect(await workbench.updateTicket({ ticketId: 'T-1', state: 'closed', closedAt: '2026-02-01T10:00:00+01:00' })).toMatchObject({ closedAt: '2026-02-01T09:00:00.000Z', recordings: 2 });
    expect(row(`SELECT ticket_state, ticket_closed_at, latest_delete_at, retention_conflict FROM recordings WHERE uniqueid = 't.2'`)).toEqual({
      ticket_state: 'closed',
      ticket_closed_at: '2026-02-01T09:00:00.000Z',
      latest_delete_at: '2027-02-01T09:00:00.000Z',
      retention_conflict: 0,
    });
    expect(await workbench.sweepRecordings({ now: '2027-02-01T09:00:00Z' })).toEqual({ due: 2, held: 0, conflicts: 0, retained: 1 });
    // The same state again changes nothing; reopening stops the clock.
    expect(await workbench.updateTicket({ ticketId: 'T-1', state: 'closed', closedAt: '2026-02-01T09:00:00Z' })).toMatchObject({ recordings: 0 });
    await workbench.updateTicket({ ticketId: 'T-1', state: 'open' });
    expect(await workbench.sweepRecordings({ now: '2027-02-01T09:00:00Z' })).toEqual({ due: 0, held: 0, conflicts: 0, retained: 3 });
    const history = await workbench.getChangeLog({ entity: 'ticket', entityId: 'T-1' });
    expect(history.map((entry) => entry.after)).toEqual([
      { state: 'open', closedAt: null, recordings: 2 },
      { state: 'closed', closedAt: '2026-02-01T09:00:00.000Z', recordings: 2 },
      { state: 'pending', closedAt: null, recordings: 2 },
    ]);
    workbench.close();
  });

  it('imports ticket states from CSV, all or nothing, naming each bad line', async () => {
    const { workbench, row } = await open(ticketCalls, ['dispute']);
    const bad = ['ticket,state,closed_at', 'T-1,closed,2026-02-01T09:00:00Z', 'T-2,finished,', ',open,', 'T-3,closed,yesterday', 'T-1,open,'].join('\n');
    const refused = await workbench.result.importTicketStates({ content: bad });
    expect(refused).toMatchObject({ ok: false, error: { field: 'content' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain('line 3: state "finished" is not open, pending or closed');
    expect(message).toContain('line 4: ticket is empty');
    expect(message).toContain('line 5: closed_at "yesterday" is not an ISO 8601 instant');
    expect(message).toContain('line 6: ticket T-1 is already on line 2');
    // A closure before the ticket's first call is found while applying: the lines before it are rolled back.
    const late = await workbench.result.importTicketStates({ content: 'T-1,closed,2026-02-01T09:00:00Z\nT-2,closed,2026-01-01T00:00:00Z\n' });
    expect(late).toMatchObject({ ok: false, error: { message: expect.stringContaining("line 2: closed_at: 2026-01-01T00:00:00.000Z is before the ticket's first call") } });
    expect(row(`SELECT count(*) AS n FROM recordings WHERE ticket_state IS NOT NULL`)).toEqual({ n: 0 });

    const done = await workbench.importTicketStates({ content: 'ticket,state,closed_at\r\nT-1,Closed,2026-02-01T09:00:00Z\r\nT-2,pending,\r\nT-77,open,\r\n' });
    expect(done).toEqual({ tickets: 2, recordings: 3, unknownTickets: ['T-77'] });
    // Dispute evidence: at least six years from the ticket's closure.
    expect(row(`SELECT earliest_delete_at FROM recordings WHERE uniqueid = 't.1'`)).toEqual({ earliest_delete_at: '2032-02-01T09:00:00.000Z' });
    expect(row(`SELECT ticket_state, earliest_delete_at FROM recordings WHERE uniqueid = 't.3'`)).toEqual({ ticket_state: 'pending', earliest_delete_at: null });
    workbench.close();
  });
});
