import type { Db } from '../types';

/**
 * Migration 70: the breach register (GDPR Art. 33(5)). Incidents with their facts; the obligations
 * each one started, holding a copy of the rule they came from; phased filings; the risk decisions
 * and an append-only timeline. Instants are UTC ISO-8601 text; events keep the zone they were
 * recorded in.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE incidents (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
      status TEXT NOT NULL CHECK (status IN ('open', 'contained', 'closed')),
      zone TEXT NOT NULL,
      events_json TEXT NOT NULL DEFAULT '{}',
      awareness_justification TEXT,
      nature TEXT,
      breach_types_json TEXT NOT NULL DEFAULT '[]',
      data_categories_json TEXT NOT NULL DEFAULT '[]',
      subjects_approx INTEGER,
      records_approx INTEGER,
      affected_json TEXT NOT NULL DEFAULT '[]',
      sectors_json TEXT NOT NULL DEFAULT '[]',
      contact_point TEXT,
      consequences TEXT,
      measures TEXT,
      risk_facts_json TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE incident_activities (
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE RESTRICT,
      PRIMARY KEY (incident_id, activity_id)
    ) STRICT;
    CREATE INDEX incident_activities_by_activity ON incident_activities (activity_id);

    CREATE TABLE incident_processors (
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      processor_id TEXT NOT NULL REFERENCES processors(id) ON DELETE RESTRICT,
      PRIMARY KEY (incident_id, processor_id)
    ) STRICT;
    CREATE INDEX incident_processors_by_processor ON incident_processors (processor_id);

    -- One row per obligation an incident started; rule_json is the rule as it was then.
    CREATE TABLE incident_obligations (
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      obligation_id TEXT NOT NULL,
      rule_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      first_filed_at TEXT,
      due_at_first_filing TEXT,
      late INTEGER CHECK (late IN (0, 1)),
      not_applicable_by TEXT,
      not_applicable_at TEXT,
      not_applicable_rationale TEXT,
      PRIMARY KEY (incident_id, obligation_id)
    ) STRICT;

    CREATE TABLE incident_filings (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      obligation_id TEXT NOT NULL,
      phase TEXT NOT NULL,
      channel TEXT,
      reference TEXT,
      summary TEXT,
      delay_reasons TEXT,
      filed_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX incident_filings_by_incident ON incident_filings (incident_id, obligation_id, filed_at);

    CREATE TABLE incident_timeline (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('created', 'note', 'action', 'status', 'filing', 'decision', 'not-applicable', 'facts')),
      text TEXT NOT NULL
    ) STRICT;
    CREATE INDEX incident_timeline_by_incident ON incident_timeline (incident_id, id);
    CREATE TRIGGER incident_timeline_no_update BEFORE UPDATE ON incident_timeline
      BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END;
    CREATE TRIGGER incident_timeline_no_delete BEFORE DELETE ON incident_timeline
      BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END;

    CREATE TABLE incident_decisions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      decision TEXT NOT NULL CHECK (decision IN ('document-only', 'notify-authority', 'notify-authority-and-subjects')),
      recommendation TEXT,
      rationale TEXT NOT NULL,
      decided_by TEXT NOT NULL,
      decided_at TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER incident_decisions_no_update BEFORE UPDATE ON incident_decisions
      BEGIN SELECT RAISE(ABORT, 'risk decisions are append-only'); END;
    CREATE TRIGGER incident_decisions_no_delete BEFORE DELETE ON incident_decisions
      BEGIN SELECT RAISE(ABORT, 'risk decisions are append-only'); END;
  `);
}
