import type { Db } from '../types';

/** Migration 60: the workspace's own vocabulary terms, added to the built-in ones (codes start with "x-"). */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE vocabulary_terms (
      kind TEXT NOT NULL,
      code TEXT NOT NULL,
      label TEXT NOT NULL,
      citation TEXT,
      special TEXT CHECK (special IN ('art9', 'art10')),
      recipient_kind TEXT CHECK (recipient_kind IN ('internal', 'external', 'processor')),
      created_at TEXT NOT NULL,
      PRIMARY KEY (kind, code)
    ) STRICT;
  `);
}
