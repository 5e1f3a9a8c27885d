import type { Db } from '../types';

/**
 * Migration 220: register imports that map free text. An activity keeps the values an import could
 * not map to a term, as written and by column (flagged until the DPO maps them). A register file's
 * layout (its headings) is remembered with the column and value choices made for it, so that the
 * next import of the same layout applies them. Columns and values are kept as JSON: they are read
 * and written whole, never queried one by one.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE activities ADD COLUMN flagged_text_json TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE register_import_layouts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      signature TEXT NOT NULL,
      columns_json TEXT NOT NULL,
      values_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX register_import_layouts_signature ON register_import_layouts (signature);
  `);
}
