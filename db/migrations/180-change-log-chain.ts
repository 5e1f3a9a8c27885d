import type { Db } from '../types';

/**
 * Migration 180: the change log becomes a hash chain. Each entry gets `hash`: SHA-256 over the
 * previous entry's hash and its own content (db/repositories/changeLog.ts `chainHash`), written
 * when the entry is appended, and required from now on by an insert trigger. Entries written
 * before this migration are sealed once, in order, right after it runs (db/connection.ts calls
 * `sealChangeLog` only when this migration has just run): the update trigger allows exactly that,
 * giving a hash to an entry that has none. An entry without a hash found later is a break.
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
    CREATE TRIGGER change_log_needs_hash BEFORE INSERT ON change_log WHEN NEW.hash IS NULL
      BEGIN SELECT RAISE(ABORT, 'a change-log entry needs its hash'); END;
  `);
}
