import { WorkbenchError, type ExportedReport, type Handlers } from '../core/contract';
import { defaultClassification, reportDefinitions, reportKinds, reportTitles, type ReportKind, type ReportMeta } from '../core/reports/model';
import { latestChange, verifyChain } from '../db/repositories/changeLog';
import { recordStateProblems } from './workspaceCheck';
import { signingIdentityOf } from './reports/signing';
import { listOrganisations } from '../db/repositories/organisations';
import { readWorkspaceMeta } from '../db/repositories/workspaceMeta';
import { renderReportDocuments, reportViewOf } from '../reports';
import { buildReport, type ReportOptions } from './reports/builders';
import { finishPdf, sha256Hex, snapshotBytes } from './reports/pdf';
import { printReportDocument } from './reports/assemble';
import type { ReportPrinter } from './reports/print';
import type { ServiceContext } from './session';

export interface ReportDependencies {
  /** Prints HTML to PDF: Playwright's Chromium (CLI, browser mode, tests) or Electron's hidden window. */
  printer: ReportPrinter | undefined;
  appVersion: string;
  /** Characters of markup per print job (reports/render.tsx defaultPartBudget unless a test sets it). */
  partBudget?: number;
}

export interface PrintedReport extends ExportedReport {
  bytes: Uint8Array;
  meta: ReportMeta;
  /** The HTML documents printed for the report's pages (one unless it is large; reports/split.ts). */
  documents: string[];
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
  // A report certifies what the workspace holds: not from a workspace whose log or records fail their checks.
  const broken = [...verifyChain(db).problems, ...recordStateProblems(db)];
  if (broken.length) {
    throw new WorkbenchError(
      'conflict',
      `This workspace fails its own checks (${broken[0]!.problem}${broken.length > 1 ? `; and ${broken.length - 1} more` : ''}): a report printed from it would certify data that cannot be trusted. Run "privacy-workbench workspace check", and restore from a backup.`,
    );
  }
  const view = reportViewOf(kind);
  if (!view) throw new WorkbenchError('invalid-input', `This version does not know the report "${kind}".`, 'kind');
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
  const documents = renderReportDocuments(meta, built.snapshot, view, dependencies.partBudget);
  const printed = await printReportDocument(dependencies.printer, documents, meta);
  const creator = `Privacy Workbench ${dependencies.appVersion}`;
  const author = organisations.length === 1 ? organisations[0]!.name : context.actor;
  const identity = signingIdentityOf(db);
  if (!identity) throw new WorkbenchError('conflict', 'This workspace has no signing certificate yet: open it again in this version to make one.');
  const { bytes, pages } = await finishPdf(printed, meta, built.snapshot, {
    author,
    creator,
    signing: { identity, reason: `${reportTitles[kind]}: data fingerprint sha256:${meta.fingerprint}` },
  });
  const day = generatedAt.slice(0, 10);
  const subject = reportDefinitions[kind].needsIncident && options.incidentId ? `-${options.incidentId.slice(0, 8)}` : '';
  return {
    fileName: `${kind}${subject}-${day}-${meta.fingerprint.slice(0, 8)}.pdf`,
    pdfBase64: '',
    fingerprint: meta.fingerprint,
    pages,
    bytes,
    meta,
    documents,
  };
}

type ReportHandlers = Pick<Handlers, 'listReportKinds' | 'exportReport'>;

export function reportHandlers(context: ServiceContext, dependencies: ReportDependencies): ReportHandlers {
  return {
    // Every kind declared has its builder and its view (both tables are held complete by the compiler).
    listReportKinds: () => reportKinds.map((kind) => ({ kind, title: reportTitles[kind], available: true, needsIncident: reportDefinitions[kind].needsIncident })),
    exportReport: async ({ kind, incidentId }) => {
      const report = await produceReport(context, dependencies, kind, incidentId ? { incidentId } : {});
      return { fileName: report.fileName, pdfBase64: Buffer.from(report.bytes).toString('base64'), fingerprint: report.fingerprint, pages: report.pages };
    },
  };
}
