import type { ChangeLogEntity } from '../changeLog';
import type { OperationName } from './operations';
import type { operationWrites } from './writes';

/** The operations that change nothing in the workspace (core/contract/writes.ts declares them null). */
export type ReadOperationName = { [Name in OperationName]: (typeof operationWrites)[Name] extends null ? Name : never }[OperationName];

/**
 * What each read shows, in the entities of the change log (issue 18, point 2: targeted refreshes).
 * A screen keeps a read's answer until a `changed` event names one of these entities; then, and
 * only then, it asks again. Entities are those the writes log, so a read declares what its answer
 * is derived from through them: the recordings are changed by an import logged as 'call-import',
 * an incident's obligations by a 'filing'. Two kinds of exceptions:
 * - 'any change': the answer moves with every write (the change-log head, the backup status);
 * - null: not kept by a screen (a job's progress, a preview, an export, a setting outside the
 *   workspace): always asked anew, never cached.
 * test/service/writePath.test.ts runs every write and holds every cached read to this: a read
 * whose answer changed after a write must declare one of the entities that write logged.
 */
export const operationReads = {
  getWorkspace: 'any change',
  listRecentWorkspaces: ['workspace'],
  closeWorkspace: null,
  getKeyStore: null,
  getBackupStatus: 'any change',
  listBackups: 'any change',
  backUpNow: null,
  previewRestore: null,
  // With each one's count of activities.
  listOrganisations: ['organisation', 'activity'],
  listActivities: ['activity', 'organisation', 'processor', 'activity-processor', 'sub-processor', 'processor-record', 'retention-rule', 'vocabulary-term', 'incident'],
  getRegisterFacets: ['activity', 'organisation', 'processor', 'activity-processor', 'sub-processor', 'processor-record', 'retention-rule', 'vocabulary-term', 'incident'],
  getRegisterCompleteness: ['activity', 'organisation', 'processor', 'activity-processor', 'sub-processor', 'processor-record', 'retention-rule', 'vocabulary-term', 'incident'],
  getActivity: ['activity', 'organisation', 'processor', 'activity-processor', 'sub-processor', 'processor-record', 'retention-rule', 'vocabulary-term', 'incident'],
  listProcessors: ['processor', 'activity', 'activity-processor', 'sub-processor', 'incident'],
  getProcessor: ['processor', 'activity', 'organisation', 'activity-processor', 'sub-processor', 'processor-record', 'incident'],
  previewRegisterImport: null,
  exportRegister: null,
  getRegisterReadProgress: null,
  cancelRegisterRead: null,
  listVendorProfiles: ['processor', 'sub-processor'],
  listProcessorRecords: ['processor-record', 'organisation', 'processor'],
  getVocabulary: ['vocabulary-term'],
  listIncidents: ['incident', 'filing', 'obligation', 'risk-decision', 'timeline-note', 'rule-override', 'activity', 'processor', 'organisation'],
  getIncident: ['incident', 'filing', 'obligation', 'risk-decision', 'timeline-note', 'rule-override', 'activity', 'processor', 'organisation', 'deadline-alert'],
  listDeadlineRules: ['rule-override'],
  // Kept in settings.json, outside the workspace: no write event names it; its screen asks again after saving.
  getAlertSettings: [],
  setAlertSettings: null,
  listRecentAlerts: ['deadline-alert', 'incident', 'filing', 'obligation'],
  getImportJob: null,
  cancelImportJob: null,
  listCsvMappings: ['csv-mapping'],
  previewCsvFile: null,
  sweepRecordings: null,
  getRecordingSettings: ['workspace'],
  // The folder is read too: a file added outside the app shows after a scan, as before.
  listRecordingFiles: ['recording', 'workspace', 'call-import', 'disposal-batch'],
  listRecordingAccess: ['recording', 'disposal-batch'],
  previewLegalHold: null,
  listLegalHolds: ['legal-hold', 'recording', 'call-import', 'ticket', 'disposal-batch'],
  listRecordings: ['recording', 'legal-hold', 'retention-rule', 'recording-practice', 'call-import', 'disposal-batch', 'ticket', 'workspace'],
  getRecording: ['recording', 'legal-hold', 'retention-rule', 'recording-practice', 'call-import', 'disposal-batch', 'ticket', 'workspace'],
  getRetentionOverview: ['recording', 'legal-hold', 'retention-rule', 'recording-practice', 'call-import', 'disposal-batch', 'ticket', 'workspace'],
  listDisposalBatches: ['disposal-batch'],
  getDisposalBatch: ['disposal-batch'],
  // Fixed by the build.
  listReportKinds: [],
  exportReport: null,
  listRetentionRules: ['retention-rule', 'recording-practice', 'activity'],
  // What a change would do: asked anew for each edit.
  previewRetentionRule: null,
  listRetentionPurposes: ['retention-rule', 'call-import', 'recording'],
  listRecordingPractices: ['recording-practice', 'retention-rule', 'organisation'],
  getSigningCertificate: ['workspace'],
  getProfile: null,
  setProfile: null,
  // Every write appends to the change log; the history of one record is asked again after any.
  getChangeLog: 'any change',
} as const satisfies Record<ReadOperationName, readonly ChangeLogEntity[] | 'any change' | null>;

/** The reads a screen may keep (and share between the views that show them). */
export type CachedReadName = { [Name in ReadOperationName]: (typeof operationReads)[Name] extends null ? never : Name }[ReadOperationName];

/** Whether an answer of `name` may have changed after a write that logged `entities`. */
export function readsAnyOf(name: CachedReadName, entities: ReadonlySet<string>): boolean {
  const reads = operationReads[name] as readonly string[] | 'any change';
  return reads === 'any change' ? entities.size > 0 : reads.some((entity) => entities.has(entity));
}
