import type { Db } from '../types';

/**
 * Migration 230: a retention rule applies to any number of call purposes (a JSON array, replacing
 * the single `purpose`), and a rule can be retired: it then stops setting dates, stays readable in
 * the change log and reports, and keeps the activities that name it pointing to it.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE retention_rules ADD COLUMN purposes_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(purposes_json) AND json_type(purposes_json) = 'array');
    UPDATE retention_rules SET purposes_json = CASE WHEN purpose IS NULL OR trim(purpose) = '' THEN '[]' ELSE json_array(purpose) END;
    ALTER TABLE retention_rules DROP COLUMN purpose;
    ALTER TABLE retention_rules ADD COLUMN retired_at TEXT;
    ALTER TABLE retention_rules ADD COLUMN retired_reason TEXT;
  `);
}
