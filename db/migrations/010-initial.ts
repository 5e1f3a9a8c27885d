import type { Db } from '../types';

/** Migration 10: the workspace, its organisations, the Art. 30 register and the change log. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE workspace_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE organisations (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      legal_name TEXT,
      role TEXT NOT NULL CHECK (role IN ('controller', 'processor', 'both')),
      country TEXT,
      address TEXT,
      contact_email TEXT,
      dpo_contact TEXT,
      source_document TEXT,
      policy_date TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE processors (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      service TEXT,
      countries_json TEXT NOT NULL DEFAULT '[]',
      data_categories_json TEXT NOT NULL DEFAULT '[]',
      notes TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE activities (
      id TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
      name TEXT NOT NULL,
      business_function TEXT,
      purposes_json TEXT NOT NULL DEFAULT '[]',
      lawful_basis TEXT,
      data_subjects_json TEXT NOT NULL DEFAULT '[]',
      data_categories_json TEXT NOT NULL DEFAULT '[]',
      recipients_json TEXT NOT NULL DEFAULT '[]',
      transfers_json TEXT NOT NULL DEFAULT '[]',
      retention TEXT,
      security_measures TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'draft', 'retired')),
      source TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX activities_by_organisation ON activities (organisation_id, name);

    CREATE TABLE activity_processors (
      activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
      processor_id TEXT NOT NULL REFERENCES processors(id) ON DELETE RESTRICT,
      purpose TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('processor', 'sub-processor', 'joint-controller', 'independent-controller')),
      PRIMARY KEY (activity_id, processor_id, purpose)
    ) STRICT;
    CREATE INDEX activity_processors_by_processor ON activity_processors (processor_id);

    CREATE TABLE processor_records (
      id TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
      controller_name TEXT NOT NULL,
      processing_categories_json TEXT NOT NULL DEFAULT '[]',
      transfers_json TEXT NOT NULL DEFAULT '[]',
      security_measures TEXT,
      source TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE recording_practices (
      id TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
      purposes_json TEXT NOT NULL DEFAULT '[]',
      linked_to_tickets INTEGER NOT NULL CHECK (linked_to_tickets IN (0, 1)),
      retention TEXT,
      notice TEXT,
      source TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Append-only: the service inserts, nothing updates or deletes (enforced by the triggers).
    CREATE TABLE change_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
      before_json TEXT,
      after_json TEXT
    ) STRICT;
    CREATE INDEX change_log_by_entity ON change_log (entity, entity_id, id);
    CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
  `);
}
