import type { Db } from '../types';

/** Migration 90: a workspace's own deadline for a rule (e.g. a national variant), with who set it and why. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE rule_overrides (
      rule_id TEXT PRIMARY KEY,
      period_json TEXT NOT NULL,
      reason TEXT NOT NULL,
      set_by TEXT NOT NULL,
      set_at TEXT NOT NULL
    ) STRICT;
  `);
}
