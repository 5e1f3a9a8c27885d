import type { Db } from '../types';

/**
 * Migration 140: saved CSV column mappings, so call records exported by any phone system can be
 * imported the way Asterisk's Master.csv is. The columns (by heading or number) are kept as JSON:
 * they are read and written whole, never queried one by one.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE csv_mappings (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      delimiter TEXT NOT NULL,
      has_heading INTEGER NOT NULL CHECK (has_heading IN (0, 1)),
      time_format TEXT NOT NULL,
      columns_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
