import type { Db } from '../types';

/**
 * Migration 130: counts of the recordings still kept, by day of their latest deletion, conflict and
 * hold, maintained by triggers. A sweep adds up these buckets (a few thousand rows) instead of
 * counting millions of index entries; only the current day is counted exactly.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE recording_buckets (
      day TEXT NOT NULL,
      conflict INTEGER NOT NULL,
      held INTEGER NOT NULL,
      recordings INTEGER NOT NULL,
      PRIMARY KEY (day, conflict, held)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO recording_buckets (day, conflict, held, recordings)
      SELECT coalesce(substr(latest_delete_at, 1, 10), 'none'), retention_conflict, hold_count > 0, count(*)
      FROM recordings WHERE status = 'retained' GROUP BY 1, 2, 3;

    CREATE TRIGGER recording_buckets_insert AFTER INSERT ON recordings WHEN new.status = 'retained' BEGIN
      INSERT INTO recording_buckets (day, conflict, held, recordings)
        VALUES (coalesce(substr(new.latest_delete_at, 1, 10), 'none'), new.retention_conflict, new.hold_count > 0, 1)
        ON CONFLICT (day, conflict, held) DO UPDATE SET recordings = recordings + 1;
    END;

    CREATE TRIGGER recording_buckets_update AFTER UPDATE OF status, latest_delete_at, retention_conflict, hold_count ON recordings BEGIN
      UPDATE recording_buckets SET recordings = recordings - 1
        WHERE old.status = 'retained' AND day = coalesce(substr(old.latest_delete_at, 1, 10), 'none')
          AND conflict = old.retention_conflict AND held = (old.hold_count > 0);
      INSERT INTO recording_buckets (day, conflict, held, recordings)
        SELECT coalesce(substr(new.latest_delete_at, 1, 10), 'none'), new.retention_conflict, new.hold_count > 0, 1 WHERE new.status = 'retained'
        ON CONFLICT (day, conflict, held) DO UPDATE SET recordings = recordings + 1;
    END;

    CREATE TRIGGER recording_buckets_delete AFTER DELETE ON recordings WHEN old.status = 'retained' BEGIN
      UPDATE recording_buckets SET recordings = recordings - 1
        WHERE day = coalesce(substr(old.latest_delete_at, 1, 10), 'none') AND conflict = old.retention_conflict AND held = (old.hold_count > 0);
    END;
  `);
}
