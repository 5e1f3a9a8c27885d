import { WorkbenchError } from '../../core/contract';
import type { AuditPackData, AuditPackPart } from '../../core/reports/auditPack';
import type { IncidentReportData } from '../../core/reports/incident';
import { auditPackPartKinds, reportDefinitions, type BuiltReport, type ReportKind } from '../../core/reports/model';
import { listIncidents } from '../../db/repositories/incidents';
import type { Db } from '../../db/types';
import { buildBreachesReport } from './snapshots/breaches';
import { buildIncidentReport } from './snapshots/incident';
import { buildProcessorRecordReport } from './snapshots/processorRecord';
import { buildRetentionReport } from './snapshots/retention';
import { buildRopaReport } from './snapshots/ropa';
import { buildVendorsReport } from './snapshots/vendors';

export interface ReportOptions {
  /** The incident of a report that needs one (core/reports/model.ts `needsIncident`). */
  incidentId?: string;
}

type Builder = (db: Db, options: ReportOptions, now: string) => BuiltReport;

/** Each report kind's snapshot builder: a kind declared in core/reports/model.ts without one does not compile. */
const builders = {
  ropa: (db, _options, now) => buildRopaReport(db, {}, now),
  'processor-record': (db, _options, now) => buildProcessorRecordReport(db, {}, now),
  vendors: (db, _options, now) => buildVendorsReport(db, {}, now),
  breaches: (db, _options, now) => buildBreachesReport(db, {}, now),
  incident: (db, options, now) => buildIncidentReport(db, { incidentId: options.incidentId! }, now),
  retention: (db, _options, now) => buildRetentionReport(db, {}, now),
  'audit-pack': (db, _options, now) => buildAuditPack(db, now),
} satisfies Record<ReportKind, Builder>;

/** Builds one report's snapshot and cover words; a report about one incident needs its id. */
export function buildReport(db: Db, kind: ReportKind, options: ReportOptions, now: string): BuiltReport {
  if (reportDefinitions[kind].needsIncident && !options.incidentId) throw new WorkbenchError('invalid-input', 'Choose the incident the report is about (incidentId).', 'incidentId');
  return builders[kind](db, options, now);
}

/** Every report as a part, in the definitions' order: each register once, and one incident report per real incident (drills excluded). */
function buildAuditPack(db: Db, now: string): BuiltReport<AuditPackData> {
  const parts: AuditPackPart[] = [];
  for (const kind of auditPackPartKinds) {
    const definition = reportDefinitions[kind];
    const runs: ReportOptions[] =
      definition.auditPack === 'each-real-incident' ? listIncidents(db).filter((incident) => !incident.drill).map((incident) => ({ incidentId: incident.id })) : [{}];
    for (const options of runs) {
      const built = builders[kind](db, options, now);
      // Each incident's part is named after its incident, so the contents tell them apart.
      const title = definition.auditPack === 'each-real-incident' ? `${definition.title}: ${(built.snapshot.data as IncidentReportData).incident.title}` : definition.title;
      parts.push({ kind, title, organisation: built.organisation, scope: built.scope, filters: built.filters, snapshot: built.snapshot });
    }
  }
  return {
    snapshot: {
      kind: 'audit-pack',
      data: { parts, omitted: [] },
      // Each part's tables, named after the part so two parts never attach the same file name.
      tables: parts.flatMap((part, index) => part.snapshot.tables.map((table) => ({ ...table, name: `part${index + 1}-${table.name}` }))),
    },
    // The controller register names every organisation; it comes first.
    organisation: parts[0]?.organisation ?? 'No organisation recorded',
    scope: `Every report this version can print, each as a part with its own scope: ${parts.map((part) => part.title).join('; ') || 'none'}.`,
    filters: [],
  };
}
