import type { Db } from '../types';

/**
 * Migration 150: the access log of call recordings. Every attempt to play a recording's audio is
 * recorded (who, when, served or refused and why); rows can only be added, never changed or
 * removed.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE recording_access (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('playback')),
      outcome TEXT NOT NULL CHECK (outcome IN ('served', 'refused')),
      reason TEXT,
      CHECK ((outcome = 'refused') = (reason IS NOT NULL))
    ) STRICT;
    CREATE INDEX recording_access_by_recording ON recording_access (recording_id, id);
    CREATE TRIGGER recording_access_no_update BEFORE UPDATE ON recording_access BEGIN SELECT RAISE(ABORT, 'the recording access log is append-only'); END;
    CREATE TRIGGER recording_access_no_delete BEFORE DELETE ON recording_access BEGIN SELECT RAISE(ABORT, 'the recording access log is append-only'); END;
  `);
}
