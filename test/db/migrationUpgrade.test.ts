import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDatabase, workspaceApplicationId } from '../../db/connection';
import { latestSchemaVersion, migrations } from '../../db/migrations';
import { verifyChain } from '../../db/repositories/changeLog';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

/** The version a workspace written by an early build of the recordings register has: registers, incidents, recordings and holds, nothing later. */
const oldVersion = 110;

type Row = Record<string, unknown>;
interface TableShape {
  columns: string[];
  rows: Row[];
}

/** The migrations up to `version`, each recorded in user_version, as the app of that version ran them. */
function migrateUpTo(db: Database.Database, version: number): void {
  db.transaction(() => {
    for (const migration of migrations.filter((entry) => entry.version <= version)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}

const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>).map((row) => row.name);
const columnsOf = (db: Database.Database, table: string) => (db.prepare(`SELECT name, dflt_value FROM pragma_table_info(?)`).all(table) as Array<{ name: string; dflt_value: string | null }>);
const sorted = (rows: Row[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const rowsOf = (db: Database.Database, table: string, columns: string[]) => sorted(db.prepare(`SELECT ${columns.map((column) => `"${column}"`).join(', ')} FROM "${table}"`).all() as Row[]);

/** A workspace as the version-110 app left it: filled through plain SQL, as that schema allowed. */
function fillOldWorkspace(db: Database.Database): void {
  const at = '2026-03-02T09:00:00.000Z';
  db.exec(`
    INSERT INTO organisations (id, name, legal_name, role, country, contact_email, created_at, updated_at) VALUES
      ('org-smartt', 'Smartt', 'Smartt Ltd', 'controller', 'GB', 'privacy@smartt.example', '${at}', '${at}'),
      ('org-smartek', 'SmarTek21', NULL, 'both', 'US', NULL, '${at}', '${at}');
    INSERT INTO processors (id, name, service, countries_json, transfer_mechanism, dpa_signed_on, profile_key, to_verify, created_at, updated_at) VALUES
      ('proc-square', 'Square', 'Card payments', '["US"]', 'scc', '2025-01-15', 'square', 1, '${at}', '${at}');
    INSERT INTO retention_rules (id, name, purpose, minimum, maximum, counted_from, legal_source, note, extendable_to, created_at, updated_at) VALUES
      ('rule-marketing', 'Marketing calls', 'marketing', NULL, 'P1Y', 'call', 'Company policy', NULL, NULL, '${at}', '${at}'),
      ('rule-general', 'General correspondence', NULL, 'P2Y', NULL, 'call', NULL, 'No purpose named', NULL, '${at}', '${at}'),
      ('rule-blank', 'Blank purpose', '  ', NULL, 'P3M', 'call', NULL, NULL, NULL, '${at}', '${at}');
    INSERT INTO activities (id, organisation_id, name, business_function, purposes_json, lawful_basis, data_subjects_json, data_categories_json,
        recipients_json, transfers_json, retention, status, art9_condition, rights_available_json, dpia_required, breach_occurred, retention_rule_id, created_at, updated_at) VALUES
      ('act-calls', 'org-smartt', 'Customer support calls', 'Support', '["Answer customers"]', 'contract', '["customers"]', '["contact","voice"]',
        '[{"name":"Square","kind":"processor"}]', '[{"country":"US","safeguard":"scc"}]', '6 months', 'active', NULL, '["access","erasure"]', 'no', 0, 'rule-quality-training', '${at}', '${at}'),
      ('act-health', 'org-smartt', 'Occupational health', 'HR', '["Fitness for work"]', 'legal-obligation', '["employees"]', '["health"]',
        '[]', '[]', NULL, 'draft', 'employment', '[]', 'yes', NULL, NULL, '${at}', '${at}');
    INSERT INTO activity_processors (activity_id, processor_id, purpose, role) VALUES ('act-calls', 'proc-square', 'Card payments by phone', 'processor');
    INSERT INTO processor_records (id, organisation_id, controller_name, processing_categories_json, created_at, updated_at) VALUES
      ('prec-1', 'org-smartek', 'Acme Retail', '["Hosting"]', '${at}', '${at}');
    INSERT INTO recording_practices (id, organisation_id, purposes_json, linked_to_tickets, retention, created_at, updated_at) VALUES
      ('practice-smartt', 'org-smartt', '["quality","dispute"]', 1, '6 months', '${at}', '${at}');
    INSERT INTO incidents (id, title, drill, status, zone, events_json, nature, breach_types_json, data_categories_json, subjects_approx, affected_json, created_at, updated_at) VALUES
      ('inc-mailbox', 'Support mailbox exposed', 0, 'open', 'Europe/Berlin', '{"aware":{"at":"2026-03-01T08:00:00.000Z","zone":"Europe/Berlin"}}',
        'Shared mailbox readable by link', '["confidentiality"]', '["contact"]', 800, '[{"where":"DE","count":800}]', '${at}', '${at}'),
      ('inc-drill', 'Tabletop exercise', 1, 'closed', 'UTC', '{}', NULL, '[]', '[]', NULL, '[]', '${at}', '${at}');
    INSERT INTO incident_activities (incident_id, activity_id) VALUES ('inc-mailbox', 'act-calls');
    INSERT INTO incident_processors (incident_id, processor_id) VALUES ('inc-mailbox', 'proc-square');
    INSERT INTO incident_obligations (incident_id, obligation_id, rule_json, created_at, first_filed_at, due_at_first_filing, late) VALUES
      ('inc-mailbox', 'gdpr-authority', '{"id":"gdpr-authority","hours":72}', '${at}', '2026-03-02T10:00:00.000Z', '2026-03-04T08:00:00.000Z', 0);
    INSERT INTO incident_filings (id, incident_id, obligation_id, phase, channel, reference, filed_at, recorded_by, recorded_at) VALUES
      ('filing-1', 'inc-mailbox', 'gdpr-authority', 'initial', 'BfDI portal', 'BFDI-2026-77', '2026-03-02T10:00:00.000Z', 'dpo', '${at}');
    INSERT INTO incident_timeline (incident_id, at, actor, kind, text) VALUES ('inc-mailbox', '${at}', 'dpo', 'created', 'Logged');
    INSERT INTO incident_decisions (incident_id, decision, recommendation, rationale, decided_by, decided_at) VALUES
      ('inc-mailbox', 'notify-authority', 'notify-authority', 'Contact data of 800 customers', 'dpo', '${at}');
    INSERT INTO recordings (id, call_key, uniqueid, call_start, zone, duration_seconds, billable_seconds, direction, caller_ref, caller_ref_kind, ticket_id,
        purposes_json, file_path, file_sha256, file_size, status, earliest_delete_at, latest_delete_at, retention_conflict, hold_count, imported_at) VALUES
      (1, 'asterisk:1700000000.1', '1700000000.1', '2026-01-10T10:00:00.000Z', 'Europe/Paris', 120, 100, 'inbound', 'ab12', 'hash', 'T-1',
        '["quality"]', '/calls/1.wav', 'aa', 10, 'retained', NULL, '2026-07-10T10:00:00.000Z', 0, 0, '${at}'),
      (2, 'asterisk:1700000000.2', '1700000000.2', '2026-01-11T10:00:00.000Z', 'Europe/Paris', 60, 50, 'inbound', 'cd34', 'hash', 'T-4711',
        '["quality"]', NULL, NULL, NULL, 'retained', NULL, '2026-07-11T10:00:00.000Z', 0, 1, '${at}'),
      (3, 'asterisk:1700000000.3', '1700000000.3', '2026-01-12T10:00:00.000Z', 'Europe/Paris', 30, 20, 'outbound', NULL, 'none', NULL,
        '["quality","investment-order"]', NULL, NULL, NULL, 'retained', '2031-01-12T10:00:00.000Z', '2026-07-12T10:00:00.000Z', 1, 0, '${at}'),
      (4, 'asterisk:1700000000.4', '1700000000.4', '2025-01-12T10:00:00.000Z', 'Europe/Paris', 30, 20, 'inbound', NULL, 'none', NULL,
        '["quality"]', NULL, NULL, NULL, 'disposed', NULL, '2025-07-12T10:00:00.000Z', 0, 0, '${at}');
    INSERT INTO legal_holds (id, matter, reason, placed_by, placed_at, scope_json, review_on) VALUES
      ('hold-1', 'Dupont v. Smartt', 'Complaint about T-4711', 'dpo', '${at}', '{"ticketIds":["T-4711"]}', '2027-01-31');
    INSERT INTO recording_holds (hold_id, recording_id) VALUES ('hold-1', 2);
    INSERT INTO change_log (at, actor, entity, entity_id, action, before_json, after_json) VALUES
      ('${at}', 'dpo', 'organisation', 'org-smartt', 'create', NULL, '{"name":"Smartt"}'),
      ('${at}', 'dpo', 'activity', 'act-calls', 'create', NULL, '{"name":"Customer support calls"}'),
      ('${at}', 'dpo', 'incident', 'inc-mailbox', 'create', NULL, '{"title":"Support mailbox exposed"}');
  `);
}

/** What later migrations fill in themselves, per table and column, instead of the column's default. */
const backfills: Record<string, Record<string, (row: Row) => unknown>> = {
  // 230: a rule's one purpose becomes a list of purposes; none, or a blank one, becomes the empty list.
  retention_rules: { purposes_json: (row) => (typeof row.purpose === 'string' && row.purpose.trim() ? JSON.stringify([row.purpose]) : '[]') },
  // 180: every entry written before the chain is sealed with its hash when the workspace opens.
  change_log: { hash: () => expect.stringMatching(/^[0-9a-f]{64}$/) },
};

describe('upgrading a workspace written at an old schema version', () => {
  it(`migrates a filled version-${oldVersion} workspace to the latest: every row kept, new columns defaulted or filled in, keys and pages intact`, () => {
    expect(latestSchemaVersion).toBeGreaterThan(oldVersion);
    const path = join(tempDir(), 'old.pwb');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    old.pragma(`application_id = ${workspaceApplicationId}`);
    migrateUpTo(old, oldVersion);
    fillOldWorkspace(old);
    expect(old.pragma('foreign_key_check')).toEqual([]);
    const before = new Map<string, TableShape>(
      tables(old).map((table) => {
        const columns = columnsOf(old, table).map((column) => column.name);
        return [table, { columns, rows: rowsOf(old, table, columns) }];
      }),
    );
    expect(old.pragma('user_version', { simple: true })).toBe(oldVersion);
    old.close();

    // The app's own way in: checks, then every pending migration in one transaction, then the log sealed.
    const db = openWorkspaceDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);

      for (const [table, { columns, rows }] of before) {
        const now = columnsOf(db, table);
        const kept = columns.filter((column) => now.some((entry) => entry.name === column));
        // Every row survives with every column it had that the schema still has.
        expect(rowsOf(db, table, kept), table).toEqual(rows.map((row) => Object.fromEntries(kept.map((column) => [column, row[column]]))));
        // A column added since is the migration's backfill where it makes one, else the column's default.
        const added = now.filter((entry) => !columns.includes(entry.name));
        if (!rows.length || !added.length) continue;
        const keyColumns = kept.slice(0, 1);
        const after = db.prepare(`SELECT ${[...keyColumns, ...added.map((entry) => entry.name)].map((column) => `"${column}"`).join(', ')} FROM "${table}"`).all() as Row[];
        for (const row of after) {
          const original = rows.find((candidate) => keyColumns.every((column) => candidate[column] === row[column]))!;
          for (const { name, dflt_value: fallback } of added) {
            const expected = backfills[table]?.[name]?.(original) ?? (fallback === null ? null : (db.prepare(`SELECT ${fallback} AS value`).get() as { value: unknown }).value);
            expect(row[name], `${table}.${name} of ${JSON.stringify(row[keyColumns[0]!])}`).toEqual(expected);
          }
        }
      }

      // 230 dropped the single purpose after copying it into the list.
      expect(columnsOf(db, 'retention_rules').map((column) => column.name)).not.toContain('purpose');
      expect(db.prepare(`SELECT id, purposes_json, retired_at FROM retention_rules WHERE id IN ('rule-marketing', 'rule-general', 'rule-blank', 'rule-quality-training') ORDER BY id`).all()).toEqual([
        { id: 'rule-blank', purposes_json: '[]', retired_at: null },
        { id: 'rule-general', purposes_json: '[]', retired_at: null },
        { id: 'rule-marketing', purposes_json: '["marketing"]', retired_at: null },
        { id: 'rule-quality-training', purposes_json: '["quality"]', retired_at: null },
      ]);
      // 130: the day buckets count the recordings still kept, held and in conflict, as the triggers would have.
      expect(db.prepare(`SELECT day, conflict, held, recordings FROM recording_buckets WHERE recordings > 0 ORDER BY day`).all()).toEqual([
        { day: '2026-07-10', conflict: 0, held: 0, recordings: 1 },
        { day: '2026-07-11', conflict: 0, held: 1, recordings: 1 },
        { day: '2026-07-12', conflict: 1, held: 0, recordings: 1 },
      ]);
      // 180: the entries written before the chain are sealed in order and verify.
      expect(verifyChain(db)).toMatchObject({ problems: [], checked: 3 });

      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
