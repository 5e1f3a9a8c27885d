import type { Db } from '../types';

/**
 * Migration 160: indexes for the recordings register's views and searches at millions of rows:
 * by uniqueid and agent (search), and small partial indexes for the recordings under hold, in
 * conflict and flagged as holding card details, so each view's first page is an index walk.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE INDEX recordings_by_uniqueid ON recordings (uniqueid);
    CREATE INDEX recordings_by_agent ON recordings (agent);
    CREATE INDEX recordings_held ON recordings (latest_delete_at) WHERE status = 'retained' AND hold_count > 0;
    CREATE INDEX recordings_in_conflict ON recordings (latest_delete_at) WHERE status = 'retained' AND retention_conflict = 1;
    CREATE INDEX recordings_card_data ON recordings (call_start) WHERE card_data = 'spoken';
    CREATE INDEX recordings_disposed ON recordings (id) WHERE status = 'disposed';
  `);
}
