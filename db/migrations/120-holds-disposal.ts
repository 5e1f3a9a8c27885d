import type { Db } from '../types';

/**
 * Migration 120: disposal of recordings with evidence in the manner of NIST SP 800-88 (what, when,
 * by whom, how, verification, and when the last backup holding it expires), grouped in batches
 * that each get a certificate. Append-only by trigger.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE disposal_batches (
      id TEXT PRIMARY KEY,
      operator TEXT NOT NULL,
      started_at TEXT NOT NULL,
      as_of TEXT NOT NULL,
      recordings INTEGER NOT NULL,
      files_deleted INTEGER NOT NULL,
      files_missing INTEGER NOT NULL,
      refused INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE disposals (
      batch_id TEXT NOT NULL REFERENCES disposal_batches(id),
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      call_key TEXT NOT NULL,
      file_path TEXT,
      file_sha256 TEXT,
      file_size INTEGER,
      method TEXT NOT NULL,
      verification TEXT NOT NULL,
      disposed_at TEXT NOT NULL,
      operator TEXT NOT NULL,
      backup_expires_at TEXT,
      PRIMARY KEY (batch_id, recording_id)
    ) STRICT;
    CREATE TRIGGER disposals_no_update BEFORE UPDATE ON disposals BEGIN SELECT RAISE(ABORT, 'disposal evidence is append-only'); END;
    CREATE TRIGGER disposals_no_delete BEFORE DELETE ON disposals BEGIN SELECT RAISE(ABORT, 'disposal evidence is append-only'); END;
    CREATE TRIGGER disposal_batches_no_update BEFORE UPDATE ON disposal_batches BEGIN SELECT RAISE(ABORT, 'disposal batches are append-only'); END;
    CREATE TRIGGER disposal_batches_no_delete BEFORE DELETE ON disposal_batches BEGIN SELECT RAISE(ABORT, 'disposal batches are append-only'); END;
  `);
}
