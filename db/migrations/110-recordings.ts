import type { Db } from '../types';

/**
 * Migration 110: the register of call recordings and their legal holds. Each recording keeps its
 * earliest and latest deletion instants (from the retention rules of its purposes) and whether any
 * hold covers it, so the sweep and the due list are index lookups even at millions of rows.
 * Retention rules gain "extendable to" (MiFID II: 5 years, 7 if the authority asks). A workspace
 * starts with the three rules of the call-recording practice.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE retention_rules ADD COLUMN extendable_to TEXT;

    CREATE TABLE recordings (
      id INTEGER PRIMARY KEY,
      call_key TEXT NOT NULL UNIQUE,
      uniqueid TEXT,
      call_start TEXT NOT NULL,
      zone TEXT NOT NULL,
      duration_seconds INTEGER NOT NULL,
      billable_seconds INTEGER NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal')),
      agent TEXT,
      caller_ref TEXT,
      caller_ref_kind TEXT NOT NULL CHECK (caller_ref_kind IN ('hash', 'number', 'none')),
      ticket_id TEXT,
      ticket_state TEXT,
      ticket_closed_at TEXT,
      purposes_json TEXT NOT NULL,
      storage_location TEXT,
      file_path TEXT,
      file_sha256 TEXT,
      file_size INTEGER,
      card_data TEXT NOT NULL DEFAULT 'none' CHECK (card_data IN ('none', 'spoken', 'redacted', 'deleted')),
      card_data_note TEXT,
      status TEXT NOT NULL DEFAULT 'retained' CHECK (status IN ('retained', 'disposed')),
      earliest_delete_at TEXT,
      latest_delete_at TEXT,
      retention_conflict INTEGER NOT NULL DEFAULT 0 CHECK (retention_conflict IN (0, 1)),
      hold_count INTEGER NOT NULL DEFAULT 0,
      source_file TEXT,
      source_line INTEGER,
      imported_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX recordings_due ON recordings (status, retention_conflict, latest_delete_at) WHERE status = 'retained';
    CREATE INDEX recordings_by_ticket ON recordings (ticket_id);
    CREATE INDEX recordings_by_caller ON recordings (caller_ref);
    CREATE INDEX recordings_by_start ON recordings (call_start);

    CREATE TABLE legal_holds (
      id TEXT PRIMARY KEY,
      matter TEXT NOT NULL,
      reason TEXT NOT NULL,
      placed_by TEXT NOT NULL,
      placed_at TEXT NOT NULL,
      scope_json TEXT NOT NULL,
      review_on TEXT,
      released_by TEXT,
      released_at TEXT,
      release_reason TEXT
    ) STRICT;

    CREATE TABLE recording_holds (
      hold_id TEXT NOT NULL REFERENCES legal_holds(id),
      recording_id INTEGER NOT NULL REFERENCES recordings(id),
      PRIMARY KEY (hold_id, recording_id)
    ) STRICT;
    CREATE INDEX recording_holds_by_recording ON recording_holds (recording_id);

    INSERT INTO retention_rules (id, name, purpose, minimum, maximum, counted_from, legal_source, note, extendable_to, created_at, updated_at) VALUES
      ('rule-quality-training', 'Quality and training', 'quality', NULL, 'P6M', 'call',
       'CNIL guidance on recording calls at work: recordings kept at most 6 months', 'Analysis documents at most 1 year.', NULL,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      ('rule-dispute-evidence', 'Dispute evidence', 'dispute', 'P6Y', NULL, 'ticket-closure',
       'Limitation period for contractual claims (verify for the jurisdiction)', 'Counted from the closure of the linked ticket.', NULL,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      ('rule-investment-orders', 'Investment-order calls', 'investment-order', 'P5Y', NULL, 'call',
       'MiFID II (Directive 2014/65/EU) Art. 16(7)', 'Up to 7 years where the competent authority requests it.', 'P7Y',
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
  `);
}
