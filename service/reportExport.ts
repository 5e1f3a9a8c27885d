import { WorkbenchError, type ExportedReport, type Handlers } from '../core/contract';
import { defaultClassification, reportKinds, reportTitles, type ReportKind, type ReportMeta } from '../core/reports/model';
import { latestChange } from '../db/repositories/changeLog';
import { listOrganisations } from '../db/repositories/organisations';
import { readWorkspaceMeta } from '../db/repositories/workspaceMeta';
import { renderReportHtml, reportViewOf } from '../reports';
import { buildReport, reportAvailable, type ReportOptions } from './reports/builders';
import { finishPdf, sha256Hex, snapshotBytes } from './reports/pdf';
import { printPdf, type ReportPrinter } from './reports/print';
import type { ServiceContext } from './session';

export interface ReportDependencies {
  /** Prints HTML to PDF: Playwright's Chromium (CLI, browser mode, tests) or Electron's hidden window. */
  printer: ReportPrinter | undefined;
  appVersion: string;
}

export interface PrintedReport extends ExportedReport {
  bytes: Uint8Array;
  meta: ReportMeta;
  html: string;
}

/** The computer's IANA zone, for the local time on the cover. */
const computerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Builds, renders, prints and completes one report from the open workspace. Reads only. */
export async function produceReport(context: ServiceContext, dependencies: ReportDependencies, kind: ReportKind, options: ReportOptions): Promise<PrintedReport> {
  const db = context.db();
  const generatedAt = context.now();
  // The snapshot and the cover facts are read in one read transaction, so they describe the same state.
  const { built, workspaceId, lastChange, organisations } = db.transaction(() => ({
    built: buildReport(db, kind, options, generatedAt),
    workspaceId: readWorkspaceMeta(db).id ?? '',
    lastChange: latestChange(db),
    organisations: listOrganisations(db),
  }))();
  const view = reportViewOf(kind);
  if (!view) throw new WorkbenchError('invalid-input', `The ${reportTitles[kind]} report is not available yet in this version.`, 'kind');
  if (!dependencies.printer) throw new WorkbenchError('io', 'Reports cannot be printed here: no Chromium printer was given to the service.');
  const meta: ReportMeta = {
    kind,
    title: reportTitles[kind],
    organisation: built.organisation,
    scope: built.scope,
    filters: built.filters,
    generatedAt,
    zone: computerZone(),
    appVersion: dependencies.appVersion,
    workspaceId,
    lastChange,
    classification: defaultClassification,
    fingerprint: sha256Hex(snapshotBytes(built.snapshot)),
  };
  const html = renderReportHtml(meta, built.snapshot, view);
  const printed = await printPdf(dependencies.printer, html, meta);
  const creator = `Privacy Workbench ${dependencies.appVersion}`;
  const author = organisations.length === 1 ? organisations[0]!.name : context.actor;
  const { bytes, pages } = await finishPdf(printed, meta, built.snapshot, { author, creator });
  const day = generatedAt.slice(0, 10);
  const subject = kind === 'incident' && options.incidentId ? `-${options.incidentId.slice(0, 8)}` : '';
  return {
    fileName: `${kind}${subject}-${day}-${meta.fingerprint.slice(0, 8)}.pdf`,
    pdfBase64: '',
    fingerprint: meta.fingerprint,
    pages,
    bytes,
    meta,
    html,
  };
}

type ReportHandlers = Pick<Handlers, 'listReportKinds' | 'exportReport'>;

export function reportHandlers(context: ServiceContext, dependencies: ReportDependencies): ReportHandlers {
  return {
    listReportKinds: () =>
      reportKinds.map((kind) => ({ kind, title: reportTitles[kind], available: reportAvailable(kind), needsIncident: kind === 'incident' })),
    exportReport: async ({ kind, incidentId }) => {
      const report = await produceReport(context, dependencies, kind, incidentId ? { incidentId } : {});
      return { fileName: report.fileName, pdfBase64: Buffer.from(report.bytes).toString('base64'), fingerprint: report.fingerprint, pages: report.pages };
    },
  };
}
