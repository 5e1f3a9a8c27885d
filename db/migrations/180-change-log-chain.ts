import type { Db } from '../types';

/**
 * Migration 180: the change log becomes a hash chain. Each entry gets `hash`: SHA-256 over the
 * previous entry's hash and its own content (db/repositories/changeLog.ts `chainHash`), written
 * when the entry is appended. Entries written before this migration are sealed once, in order,
 * when the workspace is next opened (`sealChangeLog`): the update trigger now allows exactly that,
 * giving a hash to an entry that has none, and nothing else.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE change_log ADD COLUMN hash TEXT;
    DROP TRIGGER change_log_no_update;
    CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
      WHEN NOT (
        OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor
        AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id AND NEW.action = OLD.action
        AND NEW.before_json IS OLD.before_json AND NEW.after_json IS OLD.after_json
      )
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
  `);
}
