import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputOf, WorkspaceInfo } from '../../core/contract';
import type { IncidentDetail } from '../../core/incidents/model';
import { renderToStaticMarkup } from 'react-dom/server';
import { reportTitles, type BuiltReport, type ReportMeta } from '../../core/reports/model';
import { openWorkspaceDatabase } from '../../db/connection';
import type { Db } from '../../db/types';
import type { ReportView } from '../../reports';
import { createWorkbenchService, type WorkbenchService, type WorkbenchServiceOptions } from '../../service';
import { typedClient, type TypedClient } from './client';
import { cdrLine } from './cdr';

/** The instant the reports are built at. */
export const reportNow = '2026-11-23T09:00:00.000Z';

/** The cover facts a view receives (the PDF pipeline fills them in for real). */
export const metaOf = (kind: ReportMeta['kind'], built: { organisation: string; scope: string; filters: string[] }): ReportMeta => ({
  kind,
  title: reportTitles[kind],
  organisation: built.organisation,
  scope: built.scope,
  filters: built.filters,
  generatedAt: reportNow,
  zone: 'UTC',
  appVersion: '0.1.0',
  workspaceId: 'test',
  lastChange: null,
  classification: 'CONFIDENTIAL',
  fingerprint: '0'.repeat(64),
});

/** A view's body rendered to static HTML from a built report, with the cover facts of metaOf. */
export const bodyHtml = <Data>(view: ReportView<Data>, built: BuiltReport<Data>): string => renderToStaticMarkup(view.body(built.snapshot, metaOf(view.kind, built)));

/** A breach in Berlin, notified on time to the authority; a Washington resident's obligation marked not applicable. */
export const notifiedBreach = {
  title: 'Customer database exposed',
  zone: 'Europe/Berlin',
  events: {
    occurred: { at: '2026-11-18T22:00:00+01:00', zone: 'Europe/Berlin' },
    detected: { at: '2026-11-19T08:00:00+01:00', zone: 'Europe/Berlin' },
    discovered: { at: '2026-11-19T08:00:00+01:00', zone: 'Europe/Berlin' },
    aware: { at: '2026-11-19T10:00:00+01:00', zone: 'Europe/Berlin' },
  },
  awarenessJustification: 'Two hours to confirm that personal data was in the exposed bucket',
  nature: 'Misconfigured storage bucket; customer names and e-mail addresses readable',
  breachTypes: ['confidentiality'],
  dataCategories: ['identity', 'contact'],
  subjectsApprox: 1200,
  recordsApprox: 1450,
  affected: [
    { where: 'DE', count: 1197 },
    { where: 'US-WA', count: 3 },
  ],
  contactPoint: 'dpo@example.com, +49 30 1234567',
  consequences: 'Phishing against customers',
  measures: 'Bucket closed; access logs reviewed; customers warned',
  riskFacts: { exfiltration: 'possible', recipient: 'unknown' },
} satisfies InputOf<'createIncident'>;

/** A lost, encrypted laptop: judged not notifiable. */
export const documentedBreach = {
  title: 'Encrypted laptop lost on a train',
  zone: 'Europe/Paris',
  events: { occurred: { at: '2026-11-10T18:00:00+01:00', zone: 'Europe/Paris' }, aware: { at: '2026-11-11T09:00:00+01:00', zone: 'Europe/Paris' } },
  nature: 'A laptop with full-disk encryption was left on a train',
  breachTypes: ['confidentiality', 'availability'],
  dataCategories: ['identity'],
  subjectsApprox: 40,
  affected: [{ where: 'FR', count: 40 }],
  consequences: 'None expected: the disk is encrypted with a strong key',
  measures: 'Device wiped remotely; key revoked',
} satisfies InputOf<'createIncident'>;

export interface ReportWorkspace {
  workbench: TypedClient<WorkbenchService>;
  workspace: WorkspaceInfo;
  /** A second connection to the workspace, for the builders; closed with close(). */
  db: Db;
  notified: IncidentDetail;
  documented: IncidentDetail;
  drill: IncidentDetail;
  close(): void;
}

/**
 * The demo workspace with what the reports need, made through the service's operations: a notified
 * breach with a filing and a not-applicable decision, a breach judged not notifiable, a drill.
 */
export async function demoWithIncidents(dataDir: string, service: Partial<WorkbenchServiceOptions> = {}): Promise<ReportWorkspace> {
  const workbench = typedClient(createWorkbenchService({ dataDir, actor: 'dpo', clock: () => new Date(reportNow), ...service }));
  const workspace = await workbench.openDemoWorkspace();
  const notified = await workbench.createIncident(notifiedBreach);
  await workbench.recordFiling({
    incidentId: notified.id,
    obligationId: 'gdpr-33-authority',
    phase: 'initial',
    channel: 'BfDI portal',
    reference: 'BfDI-2026-0042',
    summary: 'First notification',
    filedAt: '2026-11-20T16:00:00+01:00',
  });
  await workbench.markObligationNotApplicable({ incidentId: notified.id, obligationId: 'us-wa-residents', rationale: 'The three addresses belong to German customers who moved' });
  const documented = await workbench.createIncident(documentedBreach);
  await workbench.recordRiskDecision({ incidentId: documented.id, decision: 'document-only', rationale: 'Full-disk encryption with a revoked key: no risk to the people' });
  const drill = await workbench.createIncident({ ...notifiedBreach, title: 'Tabletop drill: ransomware', drill: true });
  const db = openWorkspaceDatabase(workspace.path);
  return {
    workbench,
    workspace,
    db,
    notified: await workbench.getIncident({ id: notified.id }),
    documented,
    drill,
    close: () => {
      db.close();
      workbench.close();
    },
  };
}

/**
 * The demo workspace with call recordings: calls imported, their audio files scanned (so disposal
 * has hashes to certify), a hold placed and released, another kept, and one disposal batch.
 */
export async function demoWithRecordings(dataDir: string, calls = 6, service: Partial<WorkbenchServiceOptions> = {}): Promise<ReportWorkspace & { folder: string }> {
  const base = await demoWithIncidents(dataDir, service);
  const { workbench } = base;
  const folder = join(dataDir, 'monitor');
  mkdirSync(folder, { recursive: true });
  const lines: string[] = [];
  // Calls from March 2026: six months of the quality rule have passed by the report's instant.
  for (let index = 0; index < calls; index += 1) {
    const uniqueid = `1774599300.${index + 1}`;
    const day = String(1 + (index % 28)).padStart(2, '0');
    lines.push(cdrLine({ start: `2026-03-${day} 09:15:00`, uniqueid, userfield: index === 0 ? 'T-HOLD' : `T-${index}`, columns: 18 }));
    writeFileSync(join(folder, `${uniqueid}.wav`), `audio of call ${index + 1}`);
  }
  // Two later calls, still kept at the report's instant.
  lines.push(cdrLine({ start: '2026-10-02 10:00:00', uniqueid: '1790000000.1', columns: 17 }));
  lines.push(cdrLine({ start: '2026-11-02 10:00:00', uniqueid: '1790000000.2', columns: 17 }));
  const file = join(dataDir, 'Master.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  await workbench.importCallRecords({ path: file, zone: 'Europe/Paris', purposes: ['quality'] });
  await workbench.setRecordingSettings({ folder, backupRetentionDays: 35 });
  await workbench.scanRecordingsFolder();
  await workbench.placeLegalHold({ matter: 'Claim 12', reason: 'Customer dispute over an order', scope: { ticketIds: ['T-HOLD'] }, reviewOn: '2027-01-31', confirmCoversNone: true });
  const released = await workbench.placeLegalHold({ matter: 'Audit 2026', reason: 'Internal audit sample', scope: { from: '2026-10-01T00:00:00Z', to: '2026-10-31T23:59:59Z' }, confirmCoversNone: true });
  await workbench.releaseLegalHold({ holdId: released.id, reason: 'Audit closed' });
  await workbench.disposeDueRecordings();
  return { ...base, folder };
}
