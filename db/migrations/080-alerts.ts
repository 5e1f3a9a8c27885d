import type { Db } from '../types';

/** Migration 80: deadline alerts already shown, so none repeats after a restart. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE alerts_sent (
      key TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      obligation_id TEXT NOT NULL,
      threshold_hours INTEGER NOT NULL,
      shown INTEGER NOT NULL CHECK (shown IN (0, 1)),
      missed INTEGER NOT NULL CHECK (missed IN (0, 1)),
      title TEXT,
      body TEXT,
      settled_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX alerts_sent_by_time ON alerts_sent (settled_at);
  `);
}
