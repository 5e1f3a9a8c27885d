import type { Db } from '../types';

/**
 * Migration 30: the UK ICO controller template's columns on each activity (joint controller,
 * legitimate interests and LIA, rights, automated decisions, consent record, data location, DPIA,
 * breach, retention policy), and retention rules that activities (and later recordings) point to.
 * Periods are ISO 8601 text such as 'P6M'. Booleans are 0/1, NULL when not answered.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE retention_rules (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      purpose TEXT,
      minimum TEXT,
      maximum TEXT,
      counted_from TEXT NOT NULL,
      legal_source TEXT,
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (minimum IS NOT NULL OR maximum IS NOT NULL)
    ) STRICT;

    ALTER TABLE activities ADD COLUMN joint_controller TEXT;
    ALTER TABLE activities ADD COLUMN legitimate_interests TEXT;
    ALTER TABLE activities ADD COLUMN lia_link TEXT;
    ALTER TABLE activities ADD COLUMN rights_available_json TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE activities ADD COLUMN automated_decision_making TEXT;
    ALTER TABLE activities ADD COLUMN consent_record_link TEXT;
    ALTER TABLE activities ADD COLUMN data_location TEXT;
    ALTER TABLE activities ADD COLUMN dpia_required TEXT CHECK (dpia_required IN ('yes', 'no', 'to-assess'));
    ALTER TABLE activities ADD COLUMN dpia_progress TEXT CHECK (dpia_progress IN ('not-started', 'in-progress', 'complete'));
    ALTER TABLE activities ADD COLUMN dpia_link TEXT;
    ALTER TABLE activities ADD COLUMN breach_occurred INTEGER CHECK (breach_occurred IN (0, 1));
    ALTER TABLE activities ADD COLUMN breach_link TEXT;
    ALTER TABLE activities ADD COLUMN retention_policy_link TEXT;
    ALTER TABLE activities ADD COLUMN retained_per_policy INTEGER CHECK (retained_per_policy IN (0, 1));
    ALTER TABLE activities ADD COLUMN retention_deviation TEXT;
    ALTER TABLE activities ADD COLUMN retention_rule_id TEXT REFERENCES retention_rules(id) ON DELETE RESTRICT;
    CREATE INDEX activities_by_retention_rule ON activities (retention_rule_id);
  `);
}
