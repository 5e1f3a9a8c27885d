import type { Db } from '../types';

/**
 * Migration 210: where the processor involved in an incident is established (ISO 3166-1 alpha-2
 * codes). A processor established in the Union (or the UK) has its own duty to tell the controller
 * without undue delay (GDPR Art. 33(2), Art. 3(1)). Existing incidents start with none recorded.
 */
export function up(db: Db): void {
  db.exec(`ALTER TABLE incidents ADD COLUMN processor_established_json TEXT NOT NULL DEFAULT '[]'`);
}
