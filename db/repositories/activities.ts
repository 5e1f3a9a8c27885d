import type {
  Activity,
  ActivityInput,
  ActivityProcessorLink,
  ActivityProcessorLinkInput,
} from '../../core/register/model';
import { changeLogEntities } from '../../core/changeLog';
import type { Db } from '../types';
import { readJson, readTransfers, writeJson } from './json';

interface ActivityRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  name: string;
  business_function: string | null;
  purposes_json: string;
  lawful_basis: ActivityInput['lawfulBasis'];
  art9_condition: ActivityInput['art9Condition'];
  art10_basis: ActivityInput['art10Basis'];
  data_subjects_json: string;
  data_categories_json: string;
  recipients_json: string;
  transfers_json: string;
  retention: string | null;
  security_measures: string | null;
  status: ActivityInput['status'];
  source: string | null;
  joint_controller: string | null;
  legitimate_interests: string | null;
  lia_link: string | null;
  rights_available_json: string;
  automated_decision_making: string | null;
  consent_record_link: string | null;
  data_location: string | null;
  dpia_required: ActivityInput['dpiaRequired'];
  dpia_progress: ActivityInput['dpiaProgress'];
  dpia_link: string | null;
  breach_occurred: number | null;
  breach_link: string | null;
  retention_policy_link: string | null;
  retained_per_policy: number | null;
  retention_deviation: string | null;
  retention_rule_id: string | null;
  flagged_text_json: string;
  retention_rule_name: string | null;
  created_at: string;
  updated_at: string;
}

const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);
const unflag = (value: number | null) => (value === null ? null : value === 1);

/** The stored columns in the order of the INSERT; UPDATE sets the same list. */
const storedColumns = [
  'organisation_id', 'name', 'business_function', 'purposes_json', 'lawful_basis', 'art9_condition', 'art10_basis',
  'data_subjects_json', 'data_categories_json', 'recipients_json', 'transfers_json', 'retention', 'security_measures',
  'status', 'source', 'joint_controller', 'legitimate_interests', 'lia_link', 'rights_available_json',
  'automated_decision_making', 'consent_record_link', 'data_location', 'dpia_required', 'dpia_progress', 'dpia_link',
  'breach_occurred', 'breach_link', 'retention_policy_link', 'retained_per_policy', 'retention_deviation', 'retention_rule_id',
  'flagged_text_json',
] as const;

const selectActivity = `SELECT a.*, o.name AS organisation_name, r.name AS retention_rule_name FROM activities a
  JOIN organisations o ON o.id = a.organisation_id LEFT JOIN retention_rules r ON r.id = a.retention_rule_id`;

function columnsOf(input: ActivityInput) {
  return {
    organisation_id: input.organisationId,
    name: input.name,
    business_function: input.businessFunction,
    purposes_json: writeJson(input.purposes),
    lawful_basis: input.lawfulBasis,
    art9_condition: input.art9Condition,
    art10_basis: input.art10Basis,
    data_subjects_json: writeJson(input.dataSubjectCategories),
    data_categories_json: writeJson(input.dataCategories),
    recipients_json: writeJson(input.recipients),
    transfers_json: writeJson(input.transfers),
    retention: input.retention,
    security_measures: input.securityMeasures,
    status: input.status,
    source: input.source,
    joint_controller: input.jointController,
    legitimate_interests: input.legitimateInterests,
    lia_link: input.liaLink,
    rights_available_json: writeJson(input.rightsAvailable),
    automated_decision_making: input.automatedDecisionMaking,
    consent_record_link: input.consentRecordLink,
    data_location: input.dataLocation,
    dpia_required: input.dpiaRequired,
    dpia_progress: input.dpiaProgress,
    dpia_link: input.dpiaLink,
    breach_occurred: flag(input.breachOccurred),
    breach_link: input.breachLink,
    retention_policy_link: input.retentionPolicyLink,
    retained_per_policy: flag(input.retainedPerPolicy),
    retention_deviation: input.retentionDeviation,
    retention_rule_id: input.retentionRuleId,
    flagged_text_json: writeJson(input.flaggedText),
  } satisfies Record<(typeof storedColumns)[number], unknown>;
}

export function insertActivity(db: Db, id: string, input: ActivityInput, now: string): void {
  db.prepare(
    `INSERT INTO activities (id, ${storedColumns.join(', ')}, created_at, updated_at)
     VALUES (@id, ${storedColumns.map((column) => `@${column}`).join(', ')}, @now, @now)`,
  ).run({ id, now, ...columnsOf(input) });
}

export function updateActivity(db: Db, id: string, input: ActivityInput, now: string): boolean {
  const result = db
    .prepare(`UPDATE activities SET ${storedColumns.map((column) => `${column} = @${column}`).join(', ')}, updated_at = @now WHERE id = @id`)
    .run({ id, now, ...columnsOf(input) });
  return result.changes === 1;
}

export function activityExists(db: Db, id: string): boolean {
  return db.prepare(`SELECT 1 FROM activities WHERE id = ?`).get(id) !== undefined;
}

export function deleteActivity(db: Db, id: string): boolean {
  return db.prepare(`DELETE FROM activities WHERE id = ?`).run(id).changes === 1;
}

export function getActivity(db: Db, id: string): Activity | null {
  const row = db.prepare(`${selectActivity} WHERE a.id = ?`).get(id) as ActivityRow | undefined;
  return row ? toActivity(row, listProcessorLinksOfActivity(db, id)) : null;
}

const recordCache = new WeakMap<Db, { key: string; head: number; records: Activity[] }>();

/** Entities whose changes leave every activity record, as read here, as it was. */
const leaveActivitiesAlone = new Set<string>(changeLogEntities.filter((entity) => !['activity', 'activity-processor', 'organisation', 'processor', 'retention-rule', 'workspace'].includes(entity)));
/** Past this many entries since the records were read, they are read again whole. */
const mostEntriesFollowed = 500;

/**
 * Every activity with its processor links (for the register-wide checks), read again only when the
 * database has changed: total_changes() counts this connection's writes, data_version moves when
 * another connection commits. After a change, the change log says what changed: when its entries
 * since the last read name only activities and their processor links (or things no activity record
 * shows, an incident, a recording), only those activities are read again (a save at 10 000
 * activities: a few records, not all of them); anything else (an organisation or processor renamed,
 * a change without an entry) reads them all. Either way in the order of a fresh read (rowid). Returns a
 * new array each time; the records must not be mutated.
 */
export function listActivityRecords(db: Db): Activity[] {
  const { changes } = db.prepare(`SELECT total_changes() AS changes`).get() as { changes: number };
  const key = `${changes}/${String(db.pragma('data_version', { simple: true }))}`;
  const cached = recordCache.get(db);
  if (cached?.key === key) return [...cached.records];
  const head = (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM change_log`).get() as { id: number }).id;
  const records = (cached && recordsSince(db, cached, head)) ?? readActivityRecords(db);
  // Not kept from inside a transaction: it may roll back, and the change log's ids with it (to be used again).
  if (!db.inTransaction) recordCache.set(db, { key, head, records });
  return [...records];
}

/** The cached records with the activities the change log names since they were read read again; null when they must all be. */
function recordsSince(db: Db, cached: { head: number; records: Activity[] }, head: number): Activity[] | null {
  // Changed without an entry (or the log went back): nothing says what changed.
  if (head <= cached.head) return null;
  const entries = db.prepare(`SELECT entity, entity_id AS entityId FROM change_log WHERE id > ? ORDER BY id LIMIT ?`).all(cached.head, mostEntriesFollowed + 1) as Array<{ entity: string; entityId: string }>;
  if (entries.length > mostEntriesFollowed) return null;
  const touched = new Set<string>();
  for (const entry of entries) {
    if (entry.entity === 'activity') touched.add(entry.entityId);
    // A link's entry is named "<activity id>/<processor id>".
    else if (entry.entity === 'activity-processor' && entry.entityId.includes('/')) touched.add(entry.entityId.slice(0, entry.entityId.indexOf('/')));
    else if (!leaveActivitiesAlone.has(entry.entity)) return null;
  }
  const byId = new Map(cached.records.map((record) => [record.id, record]));
  for (const id of touched) {
    const fresh = getActivity(db, id);
    if (fresh) byId.set(id, fresh);
    else byId.delete(id);
  }
  return [...byId.values()];
}

function readActivityRecords(db: Db): Activity[] {
  // Rows as arrays, named here: better-sqlite3 builds wide row objects slowly, and this reads them all.
  // In rowid order, which an update keeps and a new row follows: the order the records read again keep too.
  const statement = db.prepare(`${selectActivity} ORDER BY a.rowid`).raw();
  const names = statement.columns().map((column) => column.name);
  const rows = (statement.all() as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < names.length; index += 1) row[names[index]!] = values[index];
    return row as unknown as ActivityRow;
  });
  const links = new Map<string, ActivityProcessorLink[]>();
  const allLinks = db
    .prepare(
      `SELECT l.activity_id AS activityId, l.processor_id AS processorId, l.purpose, l.role, p.name AS processorName
       FROM activity_processors l JOIN processors p ON p.id = l.processor_id
       ORDER BY p.name COLLATE NOCASE, l.purpose`,
    )
    .all() as ActivityProcessorLink[];
  for (const link of allLinks) links.set(link.activityId, [...(links.get(link.activityId) ?? []), link]);
  return rows.map((row) => toActivity(row, links.get(row.id) ?? []));
}

function toActivity(row: ActivityRow, processors: ActivityProcessorLink[]): Activity {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    name: row.name,
    businessFunction: row.business_function,
    purposes: readJson(row.purposes_json, 'activities.purposes_json'),
    lawfulBasis: row.lawful_basis,
    art9Condition: row.art9_condition,
    art10Basis: row.art10_basis,
    dataSubjectCategories: readJson(row.data_subjects_json, 'activities.data_subjects_json'),
    dataCategories: readJson(row.data_categories_json, 'activities.data_categories_json'),
    recipients: readJson(row.recipients_json, 'activities.recipients_json'),
    transfers: readTransfers(row.transfers_json, 'activities.transfers_json'),
    retention: row.retention,
    securityMeasures: row.security_measures,
    status: row.status,
    source: row.source,
    jointController: row.joint_controller,
    legitimateInterests: row.legitimate_interests,
    liaLink: row.lia_link,
    rightsAvailable: readJson(row.rights_available_json, 'activities.rights_available_json'),
    automatedDecisionMaking: row.automated_decision_making,
    consentRecordLink: row.consent_record_link,
    dataLocation: row.data_location,
    dpiaRequired: row.dpia_required,
    dpiaProgress: row.dpia_progress,
    dpiaLink: row.dpia_link,
    breachOccurred: unflag(row.breach_occurred),
    breachLink: row.breach_link,
    retentionPolicyLink: row.retention_policy_link,
    retainedPerPolicy: unflag(row.retained_per_policy),
    retentionDeviation: row.retention_deviation,
    retentionRuleId: row.retention_rule_id,
    flaggedText: readJson(row.flagged_text_json, 'activities.flagged_text_json'),
    retentionRuleName: row.retention_rule_name,
    processors,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertProcessorLink(db: Db, link: ActivityProcessorLinkInput): boolean {
  const result = db
    .prepare(
      `INSERT INTO activity_processors (activity_id, processor_id, purpose, role)
       VALUES (@activityId, @processorId, @purpose, @role) ON CONFLICT DO NOTHING`,
    )
    .run(link);
  return result.changes === 1;
}

export function listProcessorLinksOfActivity(db: Db, activityId: string): ActivityProcessorLink[] {
  return db
    .prepare(
      `SELECT l.activity_id AS activityId, l.processor_id AS processorId, l.purpose, l.role,
              p.name AS processorName
       FROM activity_processors l JOIN processors p ON p.id = l.processor_id
       WHERE l.activity_id = ? ORDER BY p.name COLLATE NOCASE, l.purpose`,
    )
    .all(activityId) as ActivityProcessorLink[];
}
