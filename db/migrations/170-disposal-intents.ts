import type { Db } from '../types';

/**
 * Migration 170: crash-safe disposal. A batch is declared (disposal_runs) and each recording's
 * deletion recorded as intended (disposal_intents) and committed before its file is touched; the
 * deletion is confirmed in the same transaction that marks the recording disposed. A batch whose
 * process died is found by its missing finished_at and closed from its intents: a file that is
 * gone was deleted by it, one still there was not. Each file's deletion is declared ('deleting')
 * in its own commit just before the file is deleted, so only that one intent can be ambiguous. The final evidence and the batch summary
 * (disposals, disposal_batches, migration 120) are written from the intents.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE disposal_runs (
      batch_id TEXT PRIMARY KEY,
      operator TEXT NOT NULL,
      as_of TEXT NOT NULL,
      started_at TEXT NOT NULL,
      reason TEXT,
      records_only INTEGER NOT NULL CHECK (records_only IN (0, 1)),
      accept_missing INTEGER NOT NULL CHECK (accept_missing IN (0, 1)),
      host TEXT NOT NULL,
      pid INTEGER NOT NULL,
      heartbeat_at TEXT NOT NULL,
      finished_at TEXT,
      interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1))
    ) STRICT;
    CREATE INDEX disposal_runs_unfinished ON disposal_runs (started_at) WHERE finished_at IS NULL;

    CREATE TABLE disposal_intents (
      batch_id TEXT NOT NULL REFERENCES disposal_runs(batch_id),
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      seq INTEGER NOT NULL,
      call_key TEXT NOT NULL,
      file_path TEXT,
      resolved_path TEXT,
      registered_sha256 TEXT,
      registered_size INTEGER,
      kind TEXT NOT NULL CHECK (kind IN ('delete-file', 'close-entry')),
      planned_method TEXT NOT NULL,
      planned_verification TEXT NOT NULL,
      intended_at TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'deleting', 'deleted', 'closed', 'refused')),
      file_sha256 TEXT,
      file_size INTEGER,
      method TEXT,
      verification TEXT,
      done_at TEXT,
      refused_reason TEXT,
      PRIMARY KEY (batch_id, recording_id)
    ) STRICT;
    CREATE INDEX disposal_intents_pending ON disposal_intents (batch_id, seq) WHERE outcome = 'pending';
  `);
}
