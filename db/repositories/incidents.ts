import type { Filing, FilingInput, Incident, IncidentClosure, IncidentInput, RiskDecision, TimelineEntry } from '../../core/incidents/model';
import type { DeadlineRule } from '../../core/incidents/rules';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

interface IncidentRow {
  id: string;
  title: string;
  drill: number;
  status: Incident['status'];
  zone: string;
  events_json: string;
  awareness_justification: string | null;
  nature: string | null;
  breach_types_json: string;
  data_categories_json: string;
  subjects_approx: number | null;
  records_approx: number | null;
  affected_json: string;
  sectors_json: string;
  contact_point: string | null;
  consequences: string | null;
  measures: string | null;
  risk_facts_json: string | null;
  established_json: string;
  processor_established_json: string;
  small_agent: number;
  closure_json: string | null;
  created_at: string;
  updated_at: string;
}

const columnsOf = (input: IncidentInput) => ({
  title: input.title,
  drill: input.drill ? 1 : 0,
  status: input.status,
  zone: input.zone,
  events_json: writeJson(input.events),
  awareness_justification: input.awarenessJustification,
  nature: input.nature,
  breach_types_json: writeJson(input.breachTypes),
  data_categories_json: writeJson(input.dataCategories),
  subjects_approx: input.subjectsApprox,
  records_approx: input.recordsApprox,
  affected_json: writeJson(input.affected),
  sectors_json: writeJson(input.sectors),
  contact_point: input.contactPoint,
  consequences: input.consequences,
  measures: input.measures,
  risk_facts_json: input.riskFacts === null ? null : writeJson(input.riskFacts),
  established_json: writeJson(input.established),
  processor_established_json: writeJson(input.processorEstablished),
  small_agent: input.smallAgent ? 1 : 0,
});
const columnNames = [
  'title', 'drill', 'status', 'zone', 'events_json', 'awareness_justification', 'nature', 'breach_types_json', 'data_categories_json',
  'subjects_approx', 'records_approx', 'affected_json', 'sectors_json', 'contact_point', 'consequences', 'measures', 'risk_facts_json', 'established_json', 'processor_established_json', 'small_agent',
] as const satisfies ReadonlyArray<keyof ReturnType<typeof columnsOf>>;

export function insertIncident(db: Db, id: string, input: IncidentInput, now: string): void {
  db.prepare(`INSERT INTO incidents (id, ${columnNames.join(', ')}, created_at, updated_at) VALUES (@id, ${columnNames.map((name) => `@${name}`).join(', ')}, @now, @now)`).run({
    id,
    now,
    ...columnsOf(input),
  });
  replaceLinks(db, id, input);
}

export function updateIncident(db: Db, id: string, input: IncidentInput, now: string): void {
  db.prepare(`UPDATE incidents SET ${columnNames.map((name) => `${name} = @${name}`).join(', ')}, updated_at = @now WHERE id = @id`).run({ id, now, ...columnsOf(input) });
  replaceLinks(db, id, input);
}

function replaceLinks(db: Db, id: string, input: IncidentInput): void {
  db.prepare(`DELETE FROM incident_activities WHERE incident_id = ?`).run(id);
  db.prepare(`DELETE FROM incident_processors WHERE incident_id = ?`).run(id);
  const activity = db.prepare(`INSERT INTO incident_activities (incident_id, activity_id) VALUES (?, ?) ON CONFLICT DO NOTHING`);
  for (const activityId of input.activityIds) activity.run(id, activityId);
  const processor = db.prepare(`INSERT INTO incident_processors (incident_id, processor_id) VALUES (?, ?) ON CONFLICT DO NOTHING`);
  for (const processorId of input.processorIds) processor.run(id, processorId);
}

/** The incident of a row, with its links: read for it, or taken from links read for many at once. */
function toIncident(db: Db, row: IncidentRow, links?: { activities: Map<string, string[]>; processors: Map<string, string[]> }): Incident {
  return {
    id: row.id,
    title: row.title,
    drill: row.drill === 1,
    status: row.status,
    zone: row.zone,
    events: readJson(row.events_json, 'incidents.events_json'),
    awarenessJustification: row.awareness_justification,
    nature: row.nature,
    breachTypes: readJson(row.breach_types_json, 'incidents.breach_types_json'),
    dataCategories: readJson(row.data_categories_json, 'incidents.data_categories_json'),
    subjectsApprox: row.subjects_approx,
    recordsApprox: row.records_approx,
    affected: readJson(row.affected_json, 'incidents.affected_json'),
    sectors: readJson(row.sectors_json, 'incidents.sectors_json'),
    contactPoint: row.contact_point,
    consequences: row.consequences,
    measures: row.measures,
    riskFacts: row.risk_facts_json === null ? null : readJson(row.risk_facts_json, 'incidents.risk_facts_json'),
    established: readJson(row.established_json, 'incidents.established_json'),
    processorEstablished: readJson(row.processor_established_json, 'incidents.processor_established_json'),
    smallAgent: row.small_agent === 1,
    activityIds: links
      ? (links.activities.get(row.id) ?? [])
      : (db.prepare(`SELECT activity_id AS id FROM incident_activities WHERE incident_id = ? ORDER BY activity_id`).all(row.id) as Array<{ id: string }>).map((entry) => entry.id),
    processorIds: links
      ? (links.processors.get(row.id) ?? [])
      : (db.prepare(`SELECT processor_id AS id FROM incident_processors WHERE incident_id = ? ORDER BY processor_id`).all(row.id) as Array<{ id: string }>).map((entry) => entry.id),
    closure: row.closure_json === null ? null : readJson<IncidentClosure>(row.closure_json, 'incidents.closure_json'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Closes an incident with how it was closed, or (null) reopens it to this status. */
export function setClosure(db: Db, id: string, closure: IncidentClosure | null, status: Incident['status'], now: string): void {
  db.prepare(`UPDATE incidents SET status = ?, closure_json = ?, updated_at = ? WHERE id = ?`).run(status, closure === null ? null : writeJson(closure), now, id);
}

export function getIncident(db: Db, id: string): Incident | null {
  const row = db.prepare(`SELECT * FROM incidents WHERE id = ?`).get(id) as IncidentRow | undefined;
  return row ? toIncident(db, row) : null;
}

export function listIncidents(db: Db): Incident[] {
  // Three queries for any number of incidents: the incidents, then all their links.
  const links = (table: string, column: string) =>
    groupByIncident(db.prepare(`SELECT incident_id, ${column} AS id FROM ${table} ORDER BY incident_id, ${column}`).all() as Array<{ incident_id: string; id: string }>, (entry) => entry.id);
  const all = { activities: links('incident_activities', 'activity_id'), processors: links('incident_processors', 'processor_id') };
  return (db.prepare(`SELECT * FROM incidents ORDER BY created_at DESC`).all() as IncidentRow[]).map((row) => toIncident(db, row, all));
}

/** Incidents linked to an activity or a processor (for the register's record views). */
export function incidentsLinkedTo(db: Db, kind: 'activity' | 'processor', id: string): Array<{ id: string; title: string; drill: boolean; status: string }> {
  const table = kind === 'activity' ? 'incident_activities' : 'incident_processors';
  const column = kind === 'activity' ? 'activity_id' : 'processor_id';
  return (
    // Drills stay out of the register, and so out of the records' incident lists.
    db.prepare(`SELECT i.id, i.title, i.drill, i.status FROM ${table} l JOIN incidents i ON i.id = l.incident_id WHERE l.${column} = ? AND i.drill = 0 ORDER BY i.created_at DESC`).all(id) as Array<{
      id: string;
      title: string;
      drill: number;
      status: string;
    }>
  ).map((row) => ({ ...row, drill: row.drill === 1 }));
}

export interface ObligationRow {
  obligationId: string;
  rule: DeadlineRule;
  firstFiledAt: string | null;
  dueAtFirstFiling: string | null;
  late: boolean | null;
  notApplicable: { by: string; at: string; rationale: string } | null;
}

type ObligationRecord = {
  incident_id: string;
  obligation_id: string;
  rule_json: string;
  first_filed_at: string | null;
  due_at_first_filing: string | null;
  late: number | null;
  not_applicable_by: string | null;
  not_applicable_at: string | null;
  not_applicable_rationale: string | null;
};
const toObligationRow = (row: ObligationRecord): ObligationRow => ({
  obligationId: row.obligation_id,
  rule: readJson<DeadlineRule>(row.rule_json, 'incident_obligations.rule_json'),
  firstFiledAt: row.first_filed_at,
  dueAtFirstFiling: row.due_at_first_filing,
  late: row.late === null ? null : row.late === 1,
  notApplicable: row.not_applicable_by ? { by: row.not_applicable_by, at: row.not_applicable_at!, rationale: row.not_applicable_rationale! } : null,
});

/** Rows grouped by their incident, in the order read. */
function groupByIncident<Row extends { incident_id?: string; incidentId?: string }, Out>(rows: Row[], map: (row: Row) => Out): Map<string, Out[]> {
  const groups = new Map<string, Out[]>();
  for (const row of rows) {
    const key = (row.incident_id ?? row.incidentId)!;
    const group = groups.get(key);
    if (group) group.push(map(row));
    else groups.set(key, [map(row)]);
  }
  return groups;
}

export function listObligationRows(db: Db, incidentId: string): ObligationRow[] {
  const rows = db.prepare(`SELECT * FROM incident_obligations WHERE incident_id = ? ORDER BY created_at, obligation_id`).all(incidentId) as ObligationRecord[];
  return rows.map(toObligationRow);
}

/** Every incident's obligation rows in one query, by incident (for lists and alerts: no query per incident). */
export function listAllObligationRows(db: Db): Map<string, ObligationRow[]> {
  return groupByIncident(db.prepare(`SELECT * FROM incident_obligations ORDER BY incident_id, created_at, obligation_id`).all() as ObligationRecord[], toObligationRow);
}

export function insertObligation(db: Db, incidentId: string, rule: DeadlineRule, now: string): void {
  db.prepare(`INSERT INTO incident_obligations (incident_id, obligation_id, rule_json, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(incidentId, rule.id, writeJson(rule), now);
}

export function freezeFirstFiling(db: Db, incidentId: string, obligationId: string, filedAt: string, dueAt: string | null, late: boolean | null): void {
  db.prepare(
    `UPDATE incident_obligations SET first_filed_at = ?, due_at_first_filing = ?, late = ? WHERE incident_id = ? AND obligation_id = ? AND first_filed_at IS NULL`,
  ).run(filedAt, dueAt, late === null ? null : late ? 1 : 0, incidentId, obligationId);
}

export function markNotApplicable(db: Db, incidentId: string, obligationId: string, by: string, at: string, rationale: string): boolean {
  return (
    db
      .prepare(`UPDATE incident_obligations SET not_applicable_by = ?, not_applicable_at = ?, not_applicable_rationale = ? WHERE incident_id = ? AND obligation_id = ?`)
      .run(by, at, rationale, incidentId, obligationId).changes === 1
  );
}

export function insertFiling(db: Db, id: string, filing: FilingInput, recordedBy: string, recordedAt: string): void {
  db.prepare(
    `INSERT INTO incident_filings (id, incident_id, obligation_id, phase, channel, reference, summary, delay_reasons, filed_at, recorded_by, recorded_at)
     VALUES (@id, @incidentId, @obligationId, @phase, @channel, @reference, @summary, @delayReasons, @filedAt, @recordedBy, @recordedAt)`,
  ).run({ id, ...filing, filedAt: new Date(filing.filedAt).toISOString(), recordedBy, recordedAt });
}

const filingColumns = `id, incident_id AS incidentId, obligation_id AS obligationId, phase, channel, reference, summary, delay_reasons AS delayReasons,
              filed_at AS filedAt, recorded_by AS recordedBy, recorded_at AS recordedAt`;

export function listFilings(db: Db, incidentId: string): Filing[] {
  return db.prepare(`SELECT ${filingColumns} FROM incident_filings WHERE incident_id = ? ORDER BY filed_at, recorded_at`).all(incidentId) as Filing[];
}

/** Every incident's filings in one query, by incident. */
export function listAllFilings(db: Db): Map<string, Filing[]> {
  return groupByIncident(db.prepare(`SELECT ${filingColumns} FROM incident_filings ORDER BY incident_id, filed_at, recorded_at`).all() as Filing[], (filing) => filing);
}

export function appendTimeline(db: Db, incidentId: string, entry: Omit<TimelineEntry, 'id'>): void {
  db.prepare(`INSERT INTO incident_timeline (incident_id, at, actor, kind, text) VALUES (?, ?, ?, ?, ?)`).run(incidentId, entry.at, entry.actor, entry.kind, entry.text);
}

export function listTimeline(db: Db, incidentId: string): TimelineEntry[] {
  return db.prepare(`SELECT id, at, actor, kind, text FROM incident_timeline WHERE incident_id = ? ORDER BY id`).all(incidentId) as TimelineEntry[];
}

export function insertDecision(db: Db, incidentId: string, decision: Omit<RiskDecision, 'id'>): void {
  db.prepare(`INSERT INTO incident_decisions (incident_id, decision, recommendation, rationale, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    incidentId,
    decision.decision,
    decision.recommendation,
    decision.rationale,
    decision.decidedBy,
    decision.decidedAt,
  );
}

export function listDecisions(db: Db, incidentId: string): RiskDecision[] {
  return db
    .prepare(`SELECT id, decision, recommendation, rationale, decided_by AS decidedBy, decided_at AS decidedAt FROM incident_decisions WHERE incident_id = ? ORDER BY id`)
    .all(incidentId) as RiskDecision[];
}

/** Every incident's risk decisions in one query, by incident. */
export function listAllDecisions(db: Db): Map<string, RiskDecision[]> {
  const rows = db
    .prepare(`SELECT incident_id AS incidentId, id, decision, recommendation, rationale, decided_by AS decidedBy, decided_at AS decidedAt FROM incident_decisions ORDER BY incident_id, id`)
    .all() as Array<RiskDecision & { incidentId: string }>;
  return groupByIncident(rows, ({ incidentId: _incident, ...decision }) => decision);
}

/** The names of the activities or processors with these ids, in one query whatever their number (an incident's links). */
export function namesByIds(db: Db, table: 'activities' | 'processors', ids: readonly string[]): Map<string, string> {
  if (!ids.length) return new Map();
  const rows = db.prepare(`SELECT id, name FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Array<{ id: string; name: string }>;
  return new Map(rows.map((row) => [row.id, row.name]));
}
