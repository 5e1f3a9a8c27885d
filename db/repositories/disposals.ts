import type { Db } from '../types';

/**
 * The disposal of recordings, as service/disposal.ts runs it: a run (disposal_runs) declares what it
 * means to do with each recording (disposal_intents) before any file is touched, settles each
 * intent, then writes the evidence (disposals) and the batch (disposal_batches). The service decides
 * the transactions; these run its statements.
 */

/** A recording due for disposal, as the batch reads it. */
export interface DisposalCandidate {
  id: number;
  call_key: string;
  file_path: string | null;
  file_sha256: string | null;
  file_size: number | null;
}

/** What a batch means to do with one recording, and what came of it. */
export interface DisposalIntentRow {
  batch_id: string;
  recording_id: number;
  seq: number;
  call_key: string;
  file_path: string | null;
  resolved_path: string | null;
  registered_sha256: string | null;
  registered_size: number | null;
  kind: 'delete-file' | 'close-entry';
  planned_method: string;
  planned_verification: string;
  intended_at: string;
  outcome: 'pending' | 'deleting' | 'deleted' | 'closed' | 'refused';
  file_sha256: string | null;
  file_size: number | null;
  method: string | null;
  verification: string | null;
  refused_reason: string | null;
}

/** A batch that has not finished: its process, to tell a running batch from an interrupted one. */
export interface OpenDisposalRun {
  batch_id: string;
  operator: string;
  started_at: string;
  host: string;
  pid: number;
  heartbeat_at: string;
}

/** Retained recordings past their latest deletion at `asOf`, without a conflict and under no hold, in deletion order. */
export function dueForDisposal(db: Db, asOf: string): DisposalCandidate[] {
  return db
    .prepare(
      `SELECT id, call_key, file_path, file_sha256, file_size FROM recordings
       WHERE status = 'retained' AND retention_conflict = 0 AND hold_count = 0 AND latest_delete_at <= ? ORDER BY latest_delete_at, id`,
    )
    .all(asOf) as DisposalCandidate[];
}

/** A recording's holds and status now, read again before it is declared. */
export function disposalStateOf(db: Db, recordingId: number): { hold_count: number; status: string } | undefined {
  return db.prepare(`SELECT hold_count, status FROM recordings WHERE id = ?`).get(recordingId) as { hold_count: number; status: string } | undefined;
}

export function insertDisposalRun(
  db: Db,
  run: { batchId: string; operator: string; asOf: string; startedAt: string; reason: string | null; recordsOnly: boolean; acceptMissing: boolean; host: string; pid: number; heartbeatAt: string },
): void {
  db.prepare(
    `INSERT INTO disposal_runs (batch_id, operator, as_of, started_at, reason, records_only, accept_missing, host, pid, heartbeat_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(run.batchId, run.operator, run.asOf, run.startedAt, run.reason, run.recordsOnly ? 1 : 0, run.acceptMissing ? 1 : 0, run.host, run.pid, run.heartbeatAt);
}

export function insertDisposalIntent(
  db: Db,
  intent: {
    batchId: string;
    recordingId: number;
    seq: number;
    callKey: string;
    filePath: string | null;
    resolvedPath: string | null;
    sha256: string | null;
    size: number | null;
    kind: DisposalIntentRow['kind'];
    method: string;
    verification: string;
    now: string;
    outcome: 'pending' | 'refused';
    reason: string | null;
  },
): void {
  db.prepare(
    `INSERT INTO disposal_intents (batch_id, recording_id, seq, call_key, file_path, resolved_path, registered_sha256, registered_size, kind, planned_method, planned_verification, intended_at, outcome, refused_reason)
     VALUES (@batchId, @recordingId, @seq, @callKey, @filePath, @resolvedPath, @sha256, @size, @kind, @method, @verification, @now, @outcome, @reason)`,
  ).run(intent);
}

/** A batch's intents in the order declared: all of them, or only those with the given outcomes. */
export function intentsOfBatch(db: Db, batchId: string, outcomes?: ReadonlyArray<DisposalIntentRow['outcome']>): DisposalIntentRow[] {
  if (!outcomes) return db.prepare(`SELECT * FROM disposal_intents WHERE batch_id = ? ORDER BY seq`).all(batchId) as DisposalIntentRow[];
  return db
    .prepare(`SELECT * FROM disposal_intents WHERE batch_id = ? AND outcome IN (SELECT value FROM json_each(?)) ORDER BY seq`)
    .all(batchId, JSON.stringify(outcomes)) as DisposalIntentRow[];
}

/** Moves an intent from one outcome to the next with what was found; answers how many rows changed (1, or 0 when it had moved meanwhile). */
export function settleIntent(
  db: Db,
  change: { batchId: string; recordingId: number; now: string; from: DisposalIntentRow['outcome']; outcome: DisposalIntentRow['outcome']; sha256: string | null; size: number | null; method: string; verification: string },
): number {
  return db
    .prepare(
      `UPDATE disposal_intents SET outcome = @outcome, file_sha256 = @sha256, file_size = @size, method = @method, verification = @verification, done_at = @now
       WHERE batch_id = @batchId AND recording_id = @recordingId AND outcome = @from`,
    )
    .run(change).changes;
}

/** Refuses an intent still pending or deleting, with the reason. */
export function refuseOpenIntent(db: Db, batchId: string, recordingId: number, reason: string, now: string): void {
  db.prepare(`UPDATE disposal_intents SET outcome = 'refused', refused_reason = ?, done_at = ? WHERE batch_id = ? AND recording_id = ? AND outcome IN ('pending', 'deleting')`).run(reason, now, batchId, recordingId);
}

/** Confirms the deletion of an intent declared "deleting"; answers how many rows changed. */
export function confirmIntentDeleted(db: Db, batchId: string, recordingId: number, now: string): number {
  return db.prepare(`UPDATE disposal_intents SET outcome = 'deleted', done_at = ? WHERE batch_id = ? AND recording_id = ? AND outcome = 'deleting'`).run(now, batchId, recordingId).changes;
}

/** Adds to an intent's verification (a folder that could not be synced after the deletion). */
export function appendIntentVerification(db: Db, batchId: string, recordingId: number, note: string): void {
  db.prepare(`UPDATE disposal_intents SET verification = verification || ? WHERE batch_id = ? AND recording_id = ?`).run(note, batchId, recordingId);
}

/** Closing an interrupted batch: its file is gone, so the intent was deleted by that batch, as its verification says. */
export function confirmInterruptedDeletion(db: Db, batchId: string, recordingId: number, verification: string, now: string): void {
  db.prepare(`UPDATE disposal_intents SET outcome = 'deleted', method = planned_method, verification = ?, done_at = ? WHERE batch_id = ? AND recording_id = ?`).run(verification, now, batchId, recordingId);
}

/** Closing an interrupted batch: the intent is left undisposed, with the reason. */
export function leaveInterruptedIntent(db: Db, batchId: string, recordingId: number, reason: string, now: string): void {
  db.prepare(`UPDATE disposal_intents SET outcome = 'refused', refused_reason = ?, done_at = ? WHERE batch_id = ? AND recording_id = ?`).run(reason, now, batchId, recordingId);
}

/** Marks a retained recording under no hold disposed; answers how many rows changed (0: held or changed meanwhile). */
export function markRecordingDisposed(db: Db, recordingId: number): number {
  return db.prepare(`UPDATE recordings SET status = 'disposed' WHERE id = ? AND status = 'retained' AND hold_count = 0`).run(recordingId).changes;
}

/** Moves a recording from one status to another, only if it still has the first. */
export function moveRecordingStatus(db: Db, recordingId: number, from: 'retained' | 'disposed', to: 'retained' | 'disposed'): void {
  db.prepare(`UPDATE recordings SET status = ? WHERE id = ? AND status = ?`).run(to, recordingId, from);
}

/** Says the batch's process is alive. */
export function touchDisposalRun(db: Db, batchId: string, at: string): void {
  db.prepare(`UPDATE disposal_runs SET heartbeat_at = ? WHERE batch_id = ?`).run(at, batchId);
}

/** When the batch finished: null while it runs, undefined when there is no such batch. */
export function disposalRunFinishedAt(db: Db, batchId: string): string | null | undefined {
  const row = db.prepare(`SELECT finished_at FROM disposal_runs WHERE batch_id = ?`).get(batchId) as { finished_at: string | null } | undefined;
  return row?.finished_at;
}

/** Batches that have not finished, oldest first. */
export function openDisposalRuns(db: Db): OpenDisposalRun[] {
  return db.prepare(`SELECT batch_id, operator, started_at, host, pid, heartbeat_at FROM disposal_runs WHERE finished_at IS NULL ORDER BY started_at`).all() as OpenDisposalRun[];
}

/** The files a batch had declared it was deleting. */
export function deletingPathsOfBatch(db: Db, batchId: string): Array<string | null> {
  return (db.prepare(`SELECT resolved_path FROM disposal_intents WHERE batch_id = ? AND outcome = 'deleting'`).all(batchId) as Array<{ resolved_path: string | null }>).map((row) => row.resolved_path);
}

export function disposalRun(db: Db, batchId: string): { operator: string; as_of: string; started_at: string; records_only: number } {
  return db.prepare(`SELECT operator, as_of, started_at, records_only FROM disposal_runs WHERE batch_id = ?`).get(batchId) as { operator: string; as_of: string; started_at: string; records_only: number };
}

/** One disposal's evidence, as the disposals table keeps it. */
export interface DisposalEvidence {
  recordingId: number;
  callKey: string;
  filePath: string | null;
  fileSha256: string | null;
  fileSize: number | null;
  method: string;
  verification: string;
  backupExpiresAt: string | null;
}

/**
 * Writes a batch's evidence rows, then its summary row (append-only, with its counts), and marks its
 * run finished, inside the caller's transaction. The evidence rows refer to the batch row written
 * after them, so the foreign keys are checked at the commit.
 */
export function writeDisposalBatch(
  db: Db,
  batch: { id: string; operator: string; startedAt: string; asOf: string; disposedAt: string; filesDeleted: number; filesMissing: number; refused: number; interrupted: boolean },
  evidence: readonly DisposalEvidence[],
): void {
  db.pragma('defer_foreign_keys = ON');
  for (const entry of evidence) {
    db.prepare(
      `INSERT INTO disposals (batch_id, recording_id, call_key, file_path, file_sha256, file_size, method, verification, disposed_at, operator, backup_expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(batch.id, entry.recordingId, entry.callKey, entry.filePath, entry.fileSha256, entry.fileSize, entry.method, entry.verification, batch.disposedAt, batch.operator, entry.backupExpiresAt);
  }
  db.prepare(
    `INSERT INTO disposal_batches (id, operator, started_at, as_of, recordings, files_deleted, files_missing, refused) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(batch.id, batch.operator, batch.startedAt, batch.asOf, evidence.length, batch.filesDeleted, batch.filesMissing, batch.refused);
  db.prepare(`UPDATE disposal_runs SET finished_at = ?, interrupted = ? WHERE batch_id = ?`).run(batch.disposedAt, batch.interrupted ? 1 : 0, batch.id);
}

/** A batch's evidence rows as stored, as arrays of their values in recording order: what its change-log entry seals. */
export function evidenceRowsOfBatch(db: Db, batchId: string): unknown[] {
  return db
    .prepare(
      `SELECT recording_id, call_key, file_path, file_sha256, file_size, method, verification, disposed_at, operator, backup_expires_at FROM disposals WHERE batch_id = ? ORDER BY recording_id`,
    )
    .raw()
    .all(batchId);
}

/**
 * Recordings marked disposed without disposal evidence (at most `limit`); those of a batch still
 * running are left out, since it writes its evidence when it ends.
 */
export function disposedWithoutEvidence(db: Db, limit: number): number[] {
  return (
    db
      .prepare(
        `SELECT r.id FROM recordings r WHERE r.status = 'disposed' AND NOT EXISTS (SELECT 1 FROM disposals d WHERE d.recording_id = r.id)
         AND NOT EXISTS (SELECT 1 FROM disposal_intents i JOIN disposal_runs u ON u.batch_id = i.batch_id WHERE i.recording_id = r.id AND u.finished_at IS NULL) LIMIT ?`,
      )
      .all(limit) as Array<{ id: number }>
  ).map((row) => row.id);
}

/** Recordings with disposal evidence that are not marked disposed (at most `limit`). */
export function evidenceOfUndisposed(db: Db, limit: number): number[] {
  return (db.prepare(`SELECT DISTINCT d.recording_id AS id FROM disposals d JOIN recordings r ON r.id = d.recording_id WHERE r.status <> 'disposed' LIMIT ?`).all(limit) as Array<{ id: number }>).map((row) => row.id);
}
