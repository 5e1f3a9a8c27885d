import { WorkbenchError } from '../../core/contract';
import type { AuditPackData, AuditPackPart } from '../../core/reports/auditPack';
import type { IncidentReportData } from '../../core/reports/incident';
import { reportTitles, type BuiltReport, type ReportKind } from '../../core/reports/model';
import { listIncidents } from '../../db/repositories/incidents';
import type { Db } from '../../db/types';
import { reportViewOf } from '../../reports';
import { buildBreachesReport } from './snapshots/breaches';
import { buildIncidentReport } from './snapshots/incident';
import { buildProcessorRecordReport } from './snapshots/processorRecord';
import { buildRetentionReport } from './snapshots/retention';
import { buildRopaReport } from './snapshots/ropa';
import { buildVendorsReport } from './snapshots/vendors';

export interface ReportOptions {
  /** The incident of an incident report. */
  incidentId?: string;
}

type Builder = (db: Db, options: ReportOptions, now: string) => BuiltReport;

/**
 * Each report kind's snapshot builder. A kind missing here (or without a view in the registry)
 * is "not available yet".
 */
const builders: Partial<Record<Exclude<ReportKind, 'audit-pack'>, Builder>> = {
  ropa: (db, _options, now) => buildRopaReport(db, {}, now),
  'processor-record': (db, _options, now) => buildProcessorRecordReport(db, {}, now),
  vendors: (db, _options, now) => buildVendorsReport(db, {}, now),
  breaches: (db, _options, now) => buildBreachesReport(db, {}, now),
  incident: (db, options, now) => buildIncidentReport(db, { incidentId: options.incidentId! }, now),
  retention: (db, _options, now) => buildRetentionReport(db, {}, now),
};

/** Whether this version can print `kind`. */
export function reportAvailable(kind: ReportKind): boolean {
  if (kind === 'audit-pack') return reportViewOf(kind) !== undefined;
  return builders[kind] !== undefined && reportViewOf(kind) !== undefined;
}

/** Builds one report's snapshot and cover words; refuses a kind this version cannot print, saying so. */
export function buildReport(db: Db, kind: ReportKind, options: ReportOptions, now: string): BuiltReport {
  if (!reportAvailable(kind)) {
    throw new WorkbenchError('invalid-input', `The ${reportTitles[kind]} report is not available yet in this version.`, 'kind');
  }
  if (kind === 'audit-pack') return buildAuditPack(db, now);
  if (kind === 'incident' && !options.incidentId) throw new WorkbenchError('invalid-input', 'Choose the incident the report is about (incidentId).', 'incidentId');
  return builders[kind]!(db, options, now);
}

/** Every available report as a part: each register once, and one incident report per real incident (drills excluded). */
function buildAuditPack(db: Db, now: string): BuiltReport<AuditPackData> {
  const order: Array<Exclude<ReportKind, 'audit-pack'>> = ['ropa', 'processor-record', 'vendors', 'breaches', 'incident', 'retention'];
  const parts: AuditPackPart[] = [];
  const omitted: AuditPackData['omitted'] = [];
  for (const kind of order) {
    if (!reportAvailable(kind)) {
      omitted.push({ kind, title: reportTitles[kind], reason: 'not available in this version yet.' });
      continue;
    }
    const runs: ReportOptions[] = kind === 'incident' ? listIncidents(db).filter((incident) => !incident.drill).map((incident) => ({ incidentId: incident.id })) : [{}];
    for (const options of runs) {
      const built = builders[kind]!(db, options, now);
      // Each incident's part is named after its incident, so the contents tell them apart.
      const title = kind === 'incident' ? `${reportTitles.incident}: ${(built.snapshot.data as IncidentReportData).incident.title}` : reportTitles[kind];
      parts.push({ kind, title, organisation: built.organisation, scope: built.scope, filters: built.filters, snapshot: built.snapshot });
    }
  }
  return {
    snapshot: {
      kind: 'audit-pack',
      data: { parts, omitted },
      // Each part's tables, named after the part so two parts never attach the same file name.
      tables: parts.flatMap((part, index) => part.snapshot.tables.map((table) => ({ ...table, name: `part${index + 1}-${table.name}` }))),
    },
    // The controller register names every organisation; it comes first when it is available.
    organisation: parts[0]?.organisation ?? 'No organisation recorded',
    scope: `Every report this version can print, each as a part with its own scope: ${parts.map((part) => part.title).join('; ') || 'none'}.`,
    filters: [],
  };
}
