import type { BreachRegisterData, ReportIncident } from '../../../core/reports/incident';
import type { BuiltReport, ReportTable } from '../../../core/reports/model';
import { listIncidents } from '../../../db/repositories/incidents';
import type { Db } from '../../../db/types';
import { incidentDetail } from '../../incidents';
import { vocabularyOf } from '../../vocabulary';
import { cellOf, controllersOf, reportIncidentOf } from './incidentEntries';

/** The breach register takes no options: every real incident is in it, drills never are. */
export type BreachesReportOptions = Record<string, never>;

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

/**
 * The Art. 33(5) breach register at `now`: every real incident, notified or not, in the order they happened,
 * with its facts, effects, remedial action, decision, obligations and filings. Drills are left out
 * and counted.
 */
export function buildBreachesReport(db: Db, _options: BreachesReportOptions, now: string): BuiltReport<BreachRegisterData> {
  const all = listIncidents(db);
  const real = all.filter((incident) => !incident.drill);
  const vocabulary = vocabularyOf(db);
  const at = new Date(now);
  // In the order the breaches happened (their first recorded event), then the order they were logged.
  const started = (incident: ReportIncident) => incident.events[0]?.at.utc ?? incident.loggedAt;
  const incidents = real
    .map((incident) => reportIncidentOf(db, incidentDetail(db, incident, at), vocabulary))
    .sort((a, b) => started(a).localeCompare(started(b)) || a.loggedAt.localeCompare(b.loggedAt) || a.id.localeCompare(b.id));
  const data: BreachRegisterData = { asOf: at.toISOString(), drillsExcluded: all.length - real.length, incidents };
  return {
    snapshot: { kind: 'breaches', data, tables: breachTables(incidents) },
    organisation: controllersOf(db, real.flatMap((incident) => incident.activityIds)),
    scope: `Every personal-data breach recorded in the workspace, notified or not (GDPR Art. 33(5)): ${incidents.length} incident${incidents.length === 1 ? '' : 's'}; drills excluded${data.drillsExcluded ? ` (${data.drillsExcluded} not shown)` : ''}`,
    filters: ['Drills excluded'],
  };
}

const firstEvent = (incident: ReportIncident, event: string) => incident.events.find((entry) => entry.event === event)?.at ?? null;

/** The register's tables, as attached to the PDF (one per printed table). */
export function breachTables(incidents: readonly ReportIncident[]): ReportTable[] {
  return [
    {
      name: 'breaches',
      columns: ['Incident ID', 'Title', 'Status', 'Occurred', 'Aware', 'Zone', 'Decision', 'Data subjects (approx.)', 'Records (approx.)', 'Nature', 'Consequences', 'Measures'],
      rows: incidents.map((incident) => [
        incident.id,
        incident.title,
        incident.status,
        cellOf(firstEvent(incident, 'occurred')),
        cellOf(firstEvent(incident, 'aware')),
        incident.zone,
        incident.decision?.label ?? 'No decision recorded',
        incident.subjectsApprox === null ? '' : String(incident.subjectsApprox),
        incident.recordsApprox === null ? '' : String(incident.recordsApprox),
        incident.nature ?? '',
        incident.consequences ?? '',
        incident.measures ?? '',
      ]),
    },
    {
      name: 'not-notifiable',
      columns: ['Incident ID', 'Title', 'Decision', 'Rationale', 'Decided by', 'Decided at'],
      rows: incidents
        .filter((incident) => incident.notifiability === 'not-notifiable' && incident.decision)
        .map((incident) => [incident.id, incident.title, incident.decision!.label, incident.decision!.rationale, incident.decision!.decidedBy, incident.decision!.decidedAt]),
    },
    {
      name: 'obligations',
      columns: ['Incident ID', 'Obligation', 'Recipient', 'Citation', 'Period', 'Due', 'State', 'First filed', 'Late', 'Not applicable because'],
      rows: incidents.flatMap((incident) =>
        incident.obligations.map((obligation) => [
          incident.id,
          obligation.id,
          obligation.recipient,
          obligation.citation,
          obligation.period,
          cellOf(obligation.dueAt),
          obligation.stateLabel,
          obligation.firstFiledAt ?? '',
          yesNo(obligation.late),
          obligation.notApplicable ? `${obligation.notApplicable.rationale} (${obligation.notApplicable.by}, ${obligation.notApplicable.at})` : '',
        ]),
      ),
    },
    {
      name: 'filings',
      columns: ['Incident ID', 'Obligation', 'Phase', 'Filed', 'Channel', 'Reference', 'Summary', 'Reasons for delay', 'Recorded by'],
      rows: incidents.flatMap((incident) =>
        incident.obligations.flatMap((obligation) =>
          obligation.filings.map((filing) => [
            incident.id,
            obligation.id,
            filing.phase,
            cellOf(filing.filedAt),
            filing.channel ?? '',
            filing.reference ?? '',
            filing.summary ?? '',
            filing.delayReasons ?? '',
            filing.recordedBy,
          ]),
        ),
      ),
    },
  ];
}
