import type { Db } from '../types';

/**
 * Migration 190: where the controller of an incident is established (ISO 3166-1 alpha-2 codes), a
 * fact of its own: the GDPR applies by establishment as well as by where the people affected live
 * (Art. 3), and a controller with no establishment in the Union has no lead authority. Existing
 * incidents start with none recorded: their obligations are as before.
 */
export function up(db: Db): void {
  db.exec(`ALTER TABLE incidents ADD COLUMN established_json TEXT NOT NULL DEFAULT '[]'`);
}
