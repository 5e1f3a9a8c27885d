import { WorkbenchError } from '../../../core/contract';
import type { IncidentReportData, IncidentTimelineEntry, ReportIncident } from '../../../core/reports/incident';
import type { BuiltReport, ReportTable } from '../../../core/reports/model';
import { getIncident } from '../../../db/repositories/incidents';
import type { Db } from '../../../db/types';
import { incidentDetail } from '../../incidents';
import { vocabularyOf } from '../../vocabulary';
import { breachTables } from './breaches';
import { controllersOf, decisionOf, reportIncidentOf, zoned } from './incidentEntries';

export interface IncidentReportOptions {
  incidentId: string;
}

/** Log entries the timeline already shows from the structured data (events, filings, decisions). */
const structuredKinds = new Set(['created', 'facts', 'filing', 'decision', 'not-applicable']);
const kindOrder: Record<IncidentTimelineEntry['kind'], number> = { event: 0, log: 1, decision: 2, 'not-applicable': 3, filing: 4, deadline: 5 };

/**
 * One incident at `now`: its timeline from occurrence to each filing (with the deadlines), its
 * decisions and their rationale, every obligation with its citation, due time, filings and frozen
 * lateness, and the Art. 33(3) content as a notification draft.
 */
export function buildIncidentReport(db: Db, options: IncidentReportOptions, now: string): BuiltReport<IncidentReportData> {
  const stored = getIncident(db, options.incidentId);
  if (!stored) throw new WorkbenchError('not-found', `No incident with id ${options.incidentId}.`, 'incidentId');
  const at = new Date(now);
  const detail = incidentDetail(db, stored, at);
  const incident = reportIncidentOf(db, detail, vocabularyOf(db));
  const decisions = detail.decisions.map(decisionOf);
  const data: IncidentReportData = {
    asOf: at.toISOString(),
    drill: stored.drill,
    incident,
    decisions,
    timeline: timelineOf(incident, decisions, detail.timeline),
    log: detail.timeline.map((entry) => ({ at: entry.at, actor: entry.actor, kind: entry.kind, text: entry.text })),
    delayReasons: incident.obligations.flatMap((obligation) =>
      obligation.filings.filter((filing) => filing.delayReasons).map((filing) => `${obligation.recipient} (${obligation.citation}): ${filing.delayReasons}`),
    ),
  };
  return {
    snapshot: { kind: 'incident', data, tables: incidentTables(data) },
    organisation: controllersOf(db, stored.activityIds),
    scope: `${stored.drill ? 'DRILL, not a real incident: ' : ''}incident "${stored.title}" (${stored.id}), from its occurrence to each filing; times in UTC and in ${stored.zone}`,
    filters: [`Incident ${stored.id}`],
  };
}

function timelineOf(incident: ReportIncident, decisions: IncidentReportData['decisions'], log: ReadonlyArray<{ at: string; actor: string; kind: string; text: string }>): IncidentTimelineEntry[] {
  const zone = incident.zone;
  const entries: IncidentTimelineEntry[] = incident.events.map((event) => ({ at: event.at, kind: 'event', label: event.label, detail: null, by: null }));
  for (const obligation of incident.obligations) {
    const who = `${obligation.recipient} (${obligation.citation})`;
    for (const filing of obligation.filings) {
      const late = filing === obligation.filings[0] && obligation.late ? ', after the deadline' : '';
      const detail = [filing.channel, filing.reference ? `reference ${filing.reference}` : null, filing.summary].filter(Boolean).join('; ');
      entries.push({ at: filing.filedAt, kind: 'filing', label: `Filing (${filing.phase}) to ${who}${late}`, detail: detail || null, by: filing.recordedBy });
    }
    // A deadline that no longer binds (marked not applicable, or the facts changed) stays in the obligations table, not on the timeline.
    if (obligation.dueAt && obligation.state !== 'not-applicable' && obligation.state !== 'no-longer-applies') entries.push({ at: obligation.dueAt, kind: 'deadline', label: `Deadline: ${who}, ${obligation.period}`, detail: obligation.stateLabel, by: null });
    if (obligation.notApplicable) {
      entries.push({ at: zoned(obligation.notApplicable.at, zone), kind: 'not-applicable', label: `Marked not applicable: ${who}`, detail: obligation.notApplicable.rationale, by: obligation.notApplicable.by });
    }
  }
  for (const decision of decisions) entries.push({ at: zoned(decision.decidedAt, zone), kind: 'decision', label: `Risk decision: ${decision.label}`, detail: decision.rationale, by: decision.decidedBy });
  for (const entry of log) if (!structuredKinds.has(entry.kind)) entries.push({ at: zoned(entry.at, zone), kind: 'log', label: entry.kind === 'status' ? entry.text : `${entry.kind === 'action' ? 'Action' : 'Note'}: ${entry.text}`, detail: null, by: entry.actor });
  return entries.sort((a, b) => a.at.utc.localeCompare(b.at.utc) || kindOrder[a.kind] - kindOrder[b.kind]);
}

function incidentTables(data: IncidentReportData): ReportTable[] {
  const [, , obligations, filings] = breachTables([data.incident]);
  return [
    {
      name: 'timeline',
      columns: ['#', 'UTC', 'Local time', 'Zone', 'Kind', 'What', 'Detail', 'By'],
      rows: data.timeline.map((entry, index) => [String(index + 1), entry.at.utc, entry.at.local, entry.at.zone, entry.kind, entry.label, entry.detail ?? '', entry.by ?? '']),
    },
    {
      name: 'decisions',
      columns: ['Decided at', 'Decided by', 'Decision', 'Assessment recommended', 'Rationale'],
      rows: data.decisions.map((decision) => [decision.decidedAt, decision.decidedBy, decision.label, decision.recommendationLabel ?? '', decision.rationale]),
    },
    obligations!,
    filings!,
    { name: 'log', columns: ['At', 'By', 'Kind', 'Text'], rows: data.log.map((entry) => [entry.at, entry.actor, entry.kind, entry.text]) },
  ];
}
