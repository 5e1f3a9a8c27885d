import { z } from 'zod';
import { isKnownZone } from '../incidents/calendar';
import type { BackupKind, BackupStanding } from '../backups';
import type { ChangeLogEntry } from '../changeLog';
import { changeLogEntities } from '../changeLog';
import type {
  Activity,
  ActivitySummary,
  Organisation,
  Processor,
  ProcessorRecord,
  RecordingPractice,
  RetentionRule,
} from '../register/model';
import {
  activityInputSchema,
  activityProcessorLinkSchema,
  countryCodeSchema,
  organisationInputSchema,
  processorInputSchema,
  processorRecordInputSchema,
  retentionRuleInputSchema,
  subProcessorLinkSchema,
} from '../register/model';
import type { Completeness, GapKind, RegisterCompleteness } from '../register/completeness';
import { gapKindCodes } from '../register/completeness';
import { reviewColumns, type ValueProposal } from '../register/importReview';
import type { ColumnMatch } from '../register/registerImport';
import { registerColumnKeys, registerExportFormats, registerFileFormats } from '../register/registerColumns';
import { bulkEditableFields } from '../register/model';
import type { Alert } from '../incidents/alerts';
import { csvDelimiters, csvMappingInputSchema, type CsvMapping } from '../recordings/csvMapping';
import type { CsvFilePreview, ImportJob } from '../recordings/importJob';
import type { RetentionRuleImpact } from '../recordings/retention';
import { reportKinds, type ReportKind } from '../reports/model';

/** A report as the window downloads it: the PDF (base64), its fingerprint and its page count. */
export interface ExportedReport {
  fileName: string;
  pdfBase64: string;
  /** SHA-256 (hex) of the attached snapshot.json. */
  fingerprint: string;
  pages: number;
}

/** One report kind and whether this version can print it. */
export interface ReportKindEntry {
  kind: ReportKind;
  title: string;
  available: boolean;
  /** Whether the report is about one incident (the caller passes incidentId). */
  needsIncident: boolean;
}

/** A legal hold on call recordings (matter, reason, who, when, scope, review, release). */
export interface LegalHold {
  id: string;
  matter: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  /** callerRefs: keyed hashes of every form of each number given; callers: how many numbers were given. */
  scope: { recordingIds?: number[]; ticketIds?: string[]; callerRefs?: string[]; callers?: number; from?: string; to?: string };
  reviewOn: string | null;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  recordings: number;
}

/** A disposal batch with the evidence of each disposal and what was refused. */
/** The certificate reports are signed with (X.509, PEM) and what it says. */
export interface SigningCertificate {
  pem: string;
  subject: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 of the certificate (DER), as `verify` prints it. */
  sha256: string;
}

/** Who acts: a person's name, kept with the operating-system account ("Anna Martin (anna)"). */
export interface Profile {
  name: string | null;
  account: string;
  /** As the change log records it. */
  actor: string;
}

export interface RecordingSettings {
  folder: string | null;
  backupRetentionDays: number;
  /** The country whose national numbers the phone system writes, so "07700 991456" and "+44 7700 991456" are one caller. */
  callerCountry: string | null;
}

export interface LegalHoldPreview {
  /** Recordings the scope covers now (still retained). */
  recordings: number;
  /** Each caller number given, and its international form (null: it could not be read as one). */
  callerNumbers: Array<{ given: string; international: string | null }>;
  /** Why a number may miss calls stored in another form, when it may. */
  warnings: string[];
}

export interface DisposalBatch {
  id: string;
  operator: string;
  asOf: string;
  startedAt: string;
  /** Register entries closed without touching any file (a workspace without a recordings folder). */
  recordsOnly: boolean;
  disposed: Array<{ recordingId: number; callKey: string; fileSha256: string | null; fileSize: number | null; method: string; verification: string; backupExpiresAt: string | null }>;
  refused: Array<{ recordingId: number; reason: string }>;
  /** Batches whose process died before they finished, closed before this one started (service/disposal.ts). */
  interruptedBatchesClosed?: Array<{ id: string; startedAt: string; operator: string; confirmedDeleted: number; notDisposed: number }>;
}

/** Where a recording stands at an instant (see core/recordings/retention.ts retentionState). */
export type RecordingState = 'retained' | 'due' | 'held' | 'conflict' | 'disposed';
export const recordingViews = ['retained', 'due', 'overdue', 'held', 'conflict', 'card-data', 'disposed'] as const;
export type RecordingView = (typeof recordingViews)[number];
export const cardDataStates = ['none', 'spoken', 'redacted', 'deleted'] as const;
export type CardDataState = (typeof cardDataStates)[number];

/** One row of the recordings register. */
export interface RecordingSummary {
  id: number;
  callStart: string;
  zone: string;
  durationSeconds: number;
  direction: 'inbound' | 'outbound' | 'internal';
  agent: string | null;
  callerRef: string | null;
  callerRefKind: 'hash' | 'number' | 'none';
  ticketId: string | null;
  ticketState: string | null;
  purposes: string[];
  earliestDeleteAt: string | null;
  latestDeleteAt: string | null;
  state: RecordingState;
  held: boolean;
  cardData: CardDataState;
  hasFile: boolean;
}

/** One recording with everything known about it. */
export interface RecordingDetail extends RecordingSummary {
  uniqueid: string | null;
  billableSeconds: number;
  ticketClosedAt: string | null;
  storageLocation: string | null;
  filePath: string | null;
  fileSha256: string | null;
  fileSize: number | null;
  cardDataNote: string | null;
  /** Each rule that applies, and the instant it gives (null while it waits for the ticket to close). */
  rules: Array<{ ruleId: string; name: string; kind: 'minimum' | 'maximum'; until: string | null; legalSource: string | null }>;
  waitingForTicket: string[];
  /** True when today's rules give other deletion dates than the ones stored at import (a rule changed since). */
  rulesChangedSince: boolean;
  holds: Array<{ id: string; matter: string; placedBy: string; placedAt: string; reviewOn: string | null }>;
  disposal: { batchId: string; disposedAt: string; operator: string; method: string; verification: string; backupExpiresAt: string | null } | null;
  sourceFile: string | null;
  sourceLine: number | null;
  importedAt: string;
}

/** The retention picture: counts at an instant and recordings by month of their latest deletion. */
export interface RetentionOverview {
  asOf: string;
  counts: { retained: number; due: number; overdue: number; held: number; conflicts: number; noMaximum: number; disposed: number; cardDataOpen: number; holdsToReview: number };
  /** Days past the latest deletion after which a due recording counts as overdue. */
  overdueAfterDays: number;
  months: Array<{ month: string; kept: number; held: number; conflict: number }>;
}

/** A disposal batch as listed: who, when, how many. Its evidence is read with getDisposalBatch. */
export interface DisposalBatchSummary {
  id: string;
  operator: string;
  startedAt: string;
  asOf: string;
  recordings: number;
  filesDeleted: number;
  filesMissing: number;
  refused: number;
}
/** What a scan of the recordings folder found. */
export interface FolderScanResult {
  /** Audio files looked at (wav, mp3, ogg, opus, m4a, gsm). */
  scanned: number;
  /** Files newly registered on a call (path, SHA-256, size). */
  matched: number;
  /** Files already registered with the same SHA-256. */
  alreadyKnown: number;
  /** Files of a call already registered with another SHA-256: reported, the registered evidence is kept. */
  changed: Array<{ recordingId: number; file: string; registeredFile: string; registeredSha256: string | null; foundSha256: string; foundSize: number }>;
  /** Files of calls already disposed of: they should no longer exist. */
  disposed: { count: number; first: string[] };
  /** Audio files that match no call (the first 50 names and the count). */
  unmatched: { count: number; first: string[] };
  /** Other files (not one of the six audio extensions). */
  ignored: number;
  /** Symbolic links that lead outside the folder: never followed. */
  outside: { count: number; first: string[] };
  cancelled: boolean;
}

/** A call with its registered audio file. */
export interface RecordingFile {
  recordingId: number;
  uniqueid: string | null;
  callStart: string;
  ticketId: string | null;
  /** Relative to the recordings folder. */
  filePath: string;
  fileSha256: string | null;
  fileSize: number | null;
  status: 'retained' | 'disposed';
}

/** One attempt to play a recording, as the append-only access log keeps it. */
export interface RecordingAccessEntry {
  id: number;
  recordingId: number;
  at: string;
  actor: string;
  action: 'playback';
  outcome: 'served' | 'refused';
  reason: string | null;
}

export const ticketStates = ['open', 'pending', 'closed'] as const;
export type TicketState = (typeof ticketStates)[number];
import type { DeadlineRule, RuleOverride } from '../incidents/rules';
import { holidayCalendarIds } from '../incidents/holidays';
import { closeIncidentInputSchema, filingInputSchema, incidentInputSchema, riskDecisionInputSchema, type IncidentDetail, type IncidentSummary } from '../incidents/model';
import { activityStatuses, lawfulBasisCodes, recipientKinds, vocabularyKindCodes, type Vocabulary, type VocabularyTerm } from '../register/vocabularies';
import type { VendorProfile } from '../register/vendorProfiles';
import { minimumPassphraseLength } from '../passphrase';
import type { Result } from './result';
import type { EventName, OperationName } from './operations';

export * from './result';

/** The workspace that is open: one SQLite file. */
export interface WorkspaceInfo {
  id: string;
  name: string;
  path: string;
  isDemo: boolean;
  schemaVersion: number;
  createdAt: string;
  /** The newest change-log entry, so reports and screens can name the data they show. */
  lastChange: { id: number; at: string; hash: string } | null;
  /** What opening the workspace found and the user must know (an interrupted disposal closed, say), shown as a banner. */
  warnings: string[];
  /** The file is encrypted (db/encryption.ts); false for a plain one (the demo, or one made plain on purpose). */
  encrypted: boolean;
  /** What opens it: a passphrase, the OS key store of this computer account (desktop app), or nothing (plain). */
  protection: 'passphrase' | 'os-key-store' | 'none';
  /** The workspace's IANA time zone, set once from the computer that created it: forms and imports default to it. */
  timeZone: string;
}

/** What a workspace or backup file holds, read through its key: enough to tell two files apart. */
export interface WorkspaceFileFacts {
  path: string;
  bytes: number;
  modifiedAt: string;
  encrypted: boolean;
  workspaceId: string | null;
  name: string | null;
  schemaVersion: number;
  chainHead: { id: number; hash: string } | null;
  /** Rows per kind of record, for a restore's preview. */
  counts: Record<string, number>;
}

/** One file of the backups folder: what its name says, and what it holds (or why it cannot be read). */
export interface BackupEntry {
  path: string;
  fileName: string;
  /** From its name (core/backups.ts); null for a file named otherwise. */
  kind: BackupKind | null;
  takenAt: string | null;
  facts: WorkspaceFileFacts | null;
  /** Why it could not be read: damaged, or made under another passphrase. */
  problem: string | null;
}

/** Where the open workspace's backups stand, for the status bar. */
export interface BackupStatus extends BackupStanding {
  folder: string;
  /** The app backs up by itself (daily and on closing); not for the demo, nor for the CLI. */
  automatic: boolean;
  /** Why the last automatic backup failed, if it did. */
  problem: string | null;
}

/** What restoring a backup over a workspace would change: both files' facts, side by side. */
export interface RestorePreview {
  backup: WorkspaceFileFacts;
  current: WorkspaceFileFacts | null;
  /** Why the file at the target cannot be read (damaged, another passphrase), when there is one. */
  currentProblem: string | null;
  /** Why it cannot be restored (a newer schema), or null. */
  refused: string | null;
}

export interface RestoreResult {
  workspace: WorkspaceInfo;
  /** Where the replaced workspace file is kept, whole. */
  keptAside: string | null;
  /** The restored file opens with the passphrase the backup was made under, when that differs. */
  passphraseNote: string | null;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

/** An activity with what the law still requires of it (derived, never stored). */
export interface ActivityDetail extends Activity {
  completeness: Completeness;
  /** Incidents that involved this activity (drills included, marked). */
  incidents: Array<{ id: string; title: string; drill: boolean; status: string }>;
}

/** How the register list is narrowed and ordered. Every filter is optional; they combine with AND. */
export const activitySortKeys = ['name', 'organisation', 'updated', 'gaps'] as const;
export const activityQuerySchema = z
  .object({
    search: z.string().max(200).optional(),
    gap: z.enum(gapKindCodes).optional(),
    businessFunction: z.string().max(200).optional(),
    status: z.enum(activityStatuses).optional(),
    /** A lawful-basis code, or 'none' for activities without one. */
    lawfulBasis: z.enum([...lawfulBasisCodes, 'none']).optional(),
    processorId: z.string().min(1).optional(),
    /** ISO 3166 code: activities that transfer there, or use a processor that processes there. */
    country: countryCodeSchema.optional(),
    sort: z.enum(activitySortKeys).default('organisation'),
  })
  .strict();
export type ActivityQuery = z.input<typeof activityQuerySchema>;

export interface RegisterFacets {
  businessFunctions: string[];
  processors: Array<{ id: string; name: string }>;
  countries: string[];
}

/** A term the user adds: its kind and label; data categories say whether they are Art. 9 or Art. 10 data. */
export const vocabularyTermInputSchema = z
  .object({
    kind: z.enum(vocabularyKindCodes),
    label: z.string().trim().min(1, 'label must not be empty').max(200, 'label is longer than 200 characters'),
    /** Countries only: the code (ISO 3166 user-assigned, e.g. "XK"); other kinds get "x-" and a slug of the label. */
    code: countryCodeSchema.optional(),
    citation: z.string().trim().max(300).nullable().default(null),
    special: z.enum(['art9', 'art10']).nullable().default(null),
    recipientKind: z.enum(recipientKinds).nullable().default(null),
  })
  .strict();

/** A period as a workspace may set it. */
export const periodInputSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('hours'), amount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(8760) }).strict(),
  z.object({ unit: z.literal('calendar-days'), amount: z.number().int('must be a whole number').min(0).max(366) }).strict(),
  z.object({ unit: z.literal('business-days'), amount: z.number().int('must be a whole number').min(1).max(60), calendar: z.enum(holidayCalendarIds) }).strict(),
  z.object({ unit: z.literal('months'), amount: z.number().int('must be a whole number').min(1).max(24) }).strict(),
  z.object({ unit: z.literal('none'), standard: z.string().trim().min(1, 'describe the standard, e.g. without undue delay').max(200) }).strict(),
]);

export interface DeadlineRuleEntry {
  /** The rule as this workspace applies it. */
  rule: DeadlineRule;
  builtIn: DeadlineRule;
  override: RuleOverride | null;
}

/** An alert as it was shown. */
export interface ShownAlert {
  key: string;
  incidentId: string;
  title: string;
  body: string;
  missed: boolean;
  at: string;
}

/** An Art. 30(2) record with what the law still requires of it. */
export interface ProcessorRecordDetail extends ProcessorRecord {
  completeness: Completeness;
}

/** A row of the register list: the summary and the kinds of gap the record has. */
export interface ActivityListItem extends ActivitySummary {
  gapKinds: GapKind[];
  /** How many gaps the record has (several transfers can each be a gap of one kind). */
  gapCount: number;
}

export interface ProcessorDetail extends Processor {
  activities: Array<{ id: string; name: string; organisationName: string; purpose: string; role: string }>;
  /** Its own sub-processors, with what each does and where. */
  subProcessors: Array<{ id: string; name: string; service: string | null; countries: string[] }>;
  /** The vendors that engage it as their sub-processor. */
  subProcessorOf: Array<{ id: string; name: string; service: string | null }>;
  /** Incidents that involved this vendor. */
  incidents: Array<{ id: string; title: string; drill: boolean; status: string }>;
  /** Activities it touches as a sub-processor, through the vendor that engaged it. */
  indirectActivities: Array<{ id: string; name: string; organisationName: string; via: string }>;
  /**
   * What the vendor touches through the activities linked to it, directly or through the vendors
   * that engage it; countries are its own and its sub-processors'.
   */
  reach: { organisations: string[]; dataCategories: string[]; dataSubjects: string[]; countries: string[] };
}

/** A starter-library profile and whether this workspace already has it. */
export interface VendorProfileEntry extends VendorProfile {
  addedAs: string | null;
}

export interface ImportSummary {
  /** What the file held: controller records (activities), or Art. 30(2) records (the ICO processor template). */
  kind: 'activities' | 'processor-records';
  imported: number;
  updated: number;
  unchanged: number;
  /** Rows that cannot be records, each with every problem found in it. */
  rejected: Array<{ row: number; reason: string }>;
  /** Headings of the file that match no register column. */
  ignoredColumns: string[];
  /** The encoding the file's bytes were read in (null for XLSX and JSON). */
  encoding: string | null;
  /** The heading row's number (null for JSON). */
  headerRow: number | null;
  /** Title and notes rows, skipped. */
  skipped: Array<{ row: number; reason: string }>;
  /** Each heading of the file and the register column it goes to. */
  columns: ColumnMatch[];
  /** Every distinct vocabulary value, once, with its proposed term and the decision applied. */
  values: ValueProposal[];
  /** Characters removed from cells (NUL, control characters, undefined bytes), with row and column. */
  problems: Array<{ row: number; column: string; message: string }>;
  /** The saved layout whose choices were applied, if any. */
  layout: string | null;
  /** How the values were mapped: counts of distinct values by decision. */
  mapped: { exact: number; synonym: number; close: number; chosen: number; newTerms: number; text: number };
}

export interface ExportedFile {
  fileName: string;
  mediaType: string;
  /** 'base64' for binary formats (XLSX), whose bytes travel as base64 text. */
  encoding: 'utf8' | 'base64';
  content: string;
}

/** One operation: its zod input schema and, as a phantom type, its output. */
export interface OperationSpec<Input extends z.ZodType, Output> {
  input: Input;
  summary: string;
  /** Never read at run time: carries the output type for the mapped types below. */
  output?: Output;
}

function operation<Output>() {
  return <Input extends z.ZodType>(input: Input, summary: string): OperationSpec<Input, Output> => ({
    input,
    summary,
  });
}

const noInput = z.object({}).strict();
const valueDecisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('map'), code: z.string().min(1, 'code must not be empty') }).strict(),
  z.object({ action: z.literal('new-term') }).strict(),
  z.object({ action: z.literal('text') }).strict(),
]);
const layoutName = z.string().trim().min(1, 'the layout needs a name').max(100, 'a layout name is at most 100 characters');
const registerFile = z
  .object({
    format: z.enum(registerFileFormats),
    /** The file's text; for XLSX, its bytes as base64; for CSV, either (as base64 its encoding is detected). */
    content: z.string().max(70 * 1024 * 1024, 'the file is too large (the limit is 50 MB, or 70 MB of base64 text)'),
    encoding: z.enum(['utf8', 'base64']).optional(),
    /** The organisation records go to when the file names no controller. */
    organisationId: z.string().min(1).optional(),
    /** The mapping step: heading → register column (null leaves the column out). */
    columns: z.record(z.string(), z.enum(registerColumnKeys).nullable()).optional(),
    /** The review step: what each value stands for. */
    values: z
      .array(z.object({ column: z.enum(reviewColumns), value: z.string().min(1).max(500), decision: valueDecisionSchema }).strict())
      .max(10_000, 'at most 10,000 value choices')
      .optional(),
    /** A saved layout to apply (by name); without it, the layout saved for the file's headings applies, if any. */
    layout: layoutName.optional(),
    /** Import only: remember this file's column and value choices under this name. */
    saveLayout: layoutName.optional(),
    /** A name for this read, chosen by the caller, to follow its progress and cancel it. */
    readId: z.string().min(1).max(100).optional(),
  })
  .strict();
const byId = z.object({ id: z.string().min(1, 'id must not be empty') }).strict();
const workspacePath = z
  .object({
    path: z
      .string()
      .trim()
      .min(1, 'give the path of the workspace file')
      .refine((value) => !value.includes('\0'), 'must not contain a NUL character')
      .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), 'give the full path of the file (starting with / or a drive letter)'),
  })
  .strict();

export { minimumPassphraseLength };

const newPassphrase = z
  .string()
  .min(minimumPassphraseLength, `use at least ${minimumPassphraseLength} characters (a few words are easiest to remember)`)
  .max(1024, 'use at most 1024 characters');

/** Opening: the passphrase of an encrypted workspace (not needed for a plain one). */
const openWorkspaceInput = workspacePath.extend({ passphrase: z.string().max(1024).optional() }).strict();

/** Creating: a passphrase encrypts the new workspace; null makes it plain on purpose; left out, the service's own (the CLI's) or the OS-held key decides. */
const createWorkspaceInput = workspacePath
  .extend({
    passphrase: newPassphrase.nullable().optional(),
    /** The desktop app: a random key, kept by the operating system's secret store (getKeyStore says whether there is one). */
    osKeyStore: z.literal(true).optional(),
  })
  .strict()
  .refine((input) => !(input.osKeyStore && input.passphrase !== undefined), { path: ['passphrase'], message: 'give a passphrase or the OS key store, not both' });

/** A backup file, and the passphrase it was made under when that is not the workspace's present one. */
const backupFileInput = z
  .object({
    path: z.string().trim().min(1, 'give the path of the backup file'),
    passphrase: z.string().max(1024).optional(),
  })
  .strict();

/** What a legal hold covers; every part given must match. */
const holdScopeSchema = z
  .object({
    recordingIds: z.array(z.number().int()).optional(),
    ticketIds: z.array(z.string().min(1)).optional(),
    callerRefs: z.array(z.string().min(1)).optional(),
    /** Callers' numbers: normalised (international form, with the callers' country) and turned into the workspace's keyed hashes before the hold is stored. */
    callerNumbers: z.array(z.string().trim().regex(/\d/, 'each caller number needs digits')).optional(),
    from: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional(),
    to: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional(),
  })
  .strict();

/**
 * The workbench API, declared once. The service's handler map, the Electron preload bridge, the
 * browser-mode bridge and the renderer's `window.workbench` type are all derived from this object.
 */
export const contract = {
  getWorkspace: operation<WorkspaceInfo | null>()(noInput, 'The open workspace, or null when none is open.'),
  listRecentWorkspaces: operation<RecentWorkspace[]>()(noInput, 'Workspaces opened before, newest first.'),
  createWorkspace: operation<WorkspaceInfo>()(createWorkspaceInput, 'Create an empty workspace file (encrypted with the passphrase given) and open it.'),
  openWorkspace: operation<WorkspaceInfo>()(openWorkspaceInput, 'Open an existing workspace file (an encrypted one with its passphrase).'),
  openDemoWorkspace: operation<WorkspaceInfo>()(noInput, 'Open the demo workspace, creating it on first use.'),
  closeWorkspace: operation<null>()(noInput, 'Close the open workspace.'),
  setWorkspaceTimeZone: operation<WorkspaceInfo>()(
    z.object({ timeZone: z.string().trim().refine(isKnownZone, 'is not a time zone this computer knows (use a name such as Europe/Paris)') }).strict(),
    "Set the workspace's time zone, which breach and call-import forms default to (each time stays shown with its zone).",
  ),
  getKeyStore: operation<{ available: boolean; backend: string | null }>()(noInput, "Whether this computer's OS secret store can keep workspace keys (the desktop app; not Linux's basic_text)."),
  changePassphrase: operation<WorkspaceInfo>()(
    z.object({ current: z.string().max(1024), passphrase: newPassphrase }).strict(),
    "Change the open workspace's passphrase, or give one to a workspace whose key the OS store keeps (current: empty); re-encrypted in a copy, checked, then put in place; earlier backups keep the old key.",
  ),
  encryptWorkspace: operation<{ workspace: WorkspaceInfo; keptPlain: string; plainBackups: string[] }>()(
    z.object({ passphrase: newPassphrase }).strict(),
    'Encrypt the open plain workspace with a passphrase; the plain file is kept beside it until you delete it, and the plain backups taken before are named.',
  ),
  getBackupStatus: operation<BackupStatus>()(noInput, "The open workspace's last backup, and whether its latest change is in one."),
  listBackups: operation<{ folder: string; backups: BackupEntry[] }>()(noInput, "The open workspace's backups folder, newest first, each file read through its key."),
  backUpNow: operation<BackupEntry>()(noInput, 'Back up the open workspace now into its backups folder (checked, then named; never rotated away).'),
  previewRestore: operation<RestorePreview>()(backupFileInput, 'What restoring a backup over the open workspace would change; writes nothing.'),
  restoreBackup: operation<RestoreResult>()(backupFileInput, 'Restore a backup over the open workspace: the current file is kept aside whole, the backup upgraded if older, and the restore logged.'),

  listOrganisations: operation<Organisation[]>()(noInput, 'Organisations in the workspace.'),
  createOrganisation: operation<Organisation>()(organisationInputSchema.strict(), 'Add an organisation.'),
  updateOrganisation: operation<Organisation>()(
    z.object({ id: z.string().min(1), changes: organisationInputSchema.strict() }).strict(),
    'Replace the details of an organisation (controller contact, DPO, representative: Art. 30(1)(a)).',
  ),
  listActivities: operation<ActivityListItem[]>()(activityQuerySchema, 'Processing activities, filtered, searched and sorted.'),
  getRegisterFacets: operation<RegisterFacets>()(noInput, 'The values the register can be filtered by: business functions, processors, countries.'),
  getRegisterCompleteness: operation<RegisterCompleteness>()(noInput, 'The completeness score of the register and its gaps by kind.'),
  getActivity: operation<ActivityDetail>()(byId, 'One processing activity with its processors and its gaps.'),
  createActivity: operation<ActivityDetail>()(activityInputSchema.strict(), 'Add a processing activity.'),
  updateActivity: operation<ActivityDetail>()(
    z.object({ id: z.string().min(1), changes: activityInputSchema.strict() }).strict(),
    'Replace the fields of a processing activity.',
  ),
  deleteActivity: operation<{ id: string }>()(byId, 'Delete a processing activity and its processor links.'),
  listProcessors: operation<Processor[]>()(noInput, 'Processors and vendors.'),
  getProcessor: operation<ProcessorDetail>()(byId, 'One processor with the activities it serves.'),
  createProcessor: operation<Processor>()(processorInputSchema.strict(), 'Add a processor or vendor.'),
  updateProcessor: operation<Processor>()(
    z.object({ id: z.string().min(1), changes: processorInputSchema.strict() }).strict(),
    'Replace the fields of a processor or vendor.',
  ),
  previewRegisterImport: operation<ImportSummary>()(registerFile, 'What importing a file would create, update and reject; writes nothing.'),
  importRegister: operation<ImportSummary>()(registerFile, 'Import a register file: accepted rows in one transaction, every rejected row reported.'),
  getRegisterReadProgress: operation<{ phase: 'checking' | 'reading' | 'analysing'; share: number | null } | null>()(
    z.object({ readId: z.string().min(1) }).strict(),
    'How far the read of a register file has got (null once it has ended, or if no read has that id).',
  ),
  cancelRegisterRead: operation<{ cancelled: boolean }>()(
    z.object({ readId: z.string().min(1) }).strict(),
    'Stop reading a register file: its preview or import answers "cancelled" and writes nothing.',
  ),
  exportRegister: operation<ExportedFile>()(
    z.object({ format: z.enum(registerExportFormats) }).strict(),
    'The register as a CSV or XLSX table in the ICO template layout, or the whole register as JSON.',
  ),
  linkSubProcessor: operation<ProcessorDetail>()(subProcessorLinkSchema, 'Record that a vendor engages another as its sub-processor.'),
  unlinkSubProcessor: operation<ProcessorDetail>()(
    z.object({ processorId: z.string().min(1), subProcessorId: z.string().min(1) }).strict(),
    'Remove a sub-processor from a vendor.',
  ),
  listVendorProfiles: operation<VendorProfileEntry[]>()(noInput, 'The starter library of vendor profiles.'),
  addVendorProfile: operation<Processor>()(
    z.object({ key: z.string().min(1, 'choose a vendor profile') }).strict(),
    'Add a vendor from the starter library, marked "to verify".',
  ),
  linkProcessor: operation<ActivityDetail>()(activityProcessorLinkSchema.strict(), 'Link a processor to an activity.'),
  linkVendorToActivities: operation<{ linked: number; alreadyLinked: number }>()(
    z
      .object({
        processorId: z.string().min(1, 'choose the vendor'),
        activityIds: z.array(z.string().min(1)).min(1, 'choose at least one activity').max(10_000, 'at most 10,000 activities at once'),
        purpose: z.string().trim().min(1, 'purpose must not be empty').max(500),
        role: activityProcessorLinkSchema.shape.role,
      })
      .strict(),
    'Link one vendor to many activities at once (one change-log entry per link).',
  ),
  bulkUpdateActivities: operation<{ updated: number; unchanged: number }>()(
    z
      .object({
        ids: z.array(z.string().min(1)).min(1, 'choose at least one activity').max(10_000, 'at most 10,000 activities at once'),
        field: z.enum(bulkEditableFields),
        value: z.unknown(),
      })
      .strict(),
    'Set one field to the same value on many activities (one change-log entry per record).',
  ),
  linkRecipientAsVendor: operation<ActivityDetail>()(
    z.object({ activityId: z.string().min(1), recipientName: z.string().trim().min(1).max(200) }).strict(),
    'Link the vendor a recipient names as a processor, creating it when the workspace has none of that name.',
  ),
  listProcessorRecords: operation<ProcessorRecordDetail[]>()(noInput, 'Art. 30(2) records kept as a processor, each with its gaps.'),
  createProcessorRecord: operation<ProcessorRecordDetail>()(processorRecordInputSchema.strict(), 'Add an Art. 30(2) record for a controller served.'),
  updateProcessorRecord: operation<ProcessorRecordDetail>()(
    z.object({ id: z.string().min(1), changes: processorRecordInputSchema.strict() }).strict(),
    'Replace the fields of an Art. 30(2) record.',
  ),
  getVocabulary: operation<Vocabulary>()(noInput, 'Every vocabulary: the built-in terms and the workspace\'s own.'),
  addVocabularyTerm: operation<VocabularyTerm>()(vocabularyTermInputSchema, 'Add a term of the workspace\'s own to a vocabulary.'),
  listIncidents: operation<IncidentSummary[]>()(
    z.object({ drills: z.enum(['exclude', 'include', 'only']).default('exclude') }).strict(),
    'The breach register (Art. 33(5)), nearest deadline first; drills only when asked for.',
  ),
  getIncident: operation<IncidentDetail>()(byId, 'One incident with its obligations, filings, decisions and timeline.'),
  createIncident: operation<IncidentDetail>()(incidentInputSchema, 'Log a breach (or a drill); the obligations it starts are copied with their rules.'),
  updateIncident: operation<IncidentDetail>()(z.object({ id: z.string().min(1), changes: incidentInputSchema }).strict(), 'Replace the facts of an incident (closing it is its own step).'),
  closeIncident: operation<IncidentDetail>()(
    closeIncidentInputSchema,
    'Close an incident with a closure summary; obligations still running are named and must be acknowledged. Logged as a closure.',
  ),
  recordFiling: operation<IncidentDetail>()(filingInputSchema, 'Record a filing (a phase) of a notification; the first one decides lateness.'),
  markObligationNotApplicable: operation<IncidentDetail>()(
    z.object({ incidentId: z.string().min(1), obligationId: z.string().min(1), rationale: z.string().trim().min(1, 'give the reasons').max(4000) }).strict(),
    'Mark an obligation not applicable, with the decider (you) and a rationale.',
  ),
  recordRiskDecision: operation<IncidentDetail>()(riskDecisionInputSchema, 'Record the decision on notifying, with its rationale; the assessment is advice.'),
  addTimelineNote: operation<IncidentDetail>()(
    z.object({ incidentId: z.string().min(1), kind: z.enum(['note', 'action']), text: z.string().trim().min(1, 'text must not be empty').max(4000) }).strict(),
    'Add an action or a note to the incident timeline (append-only).',
  ),
  listDeadlineRules: operation<DeadlineRuleEntry[]>()(noInput, 'The notification deadline rules, with the workspace\'s overrides.'),
  overrideRule: operation<DeadlineRuleEntry[]>()(
    z.object({ ruleId: z.string().min(1), period: periodInputSchema, reason: z.string().trim().min(1, 'say why the rule is overridden').max(2000) }).strict(),
    'Give a rule the workspace\'s own period; incidents logged from now on copy it.',
  ),
  clearRuleOverride: operation<DeadlineRuleEntry[]>()(
    z.object({ ruleId: z.string().min(1), reason: z.string().trim().min(1, 'say why the override is removed').max(2000) }).strict(),
    'Go back to the built-in rule.',
  ),
  getAlertSettings: operation<{ thresholdsHours: number[] }>()(noInput, 'When to warn before a deadline, in hours.'),
  setAlertSettings: operation<{ thresholdsHours: number[] }>()(
    z
      .object({
        thresholdsHours: z
          .array(z.number().int('must be a whole number of hours').min(0, 'must not be negative').max(720, 'must be at most 720 hours (30 days)'))
          .min(1, 'keep at least one alert')
          .max(8, 'at most 8 alerts'),
      })
      .strict(),
    'Set when to warn before a deadline (hours; 0 is the deadline itself).',
  ),
  takeDueAlerts: operation<Alert[]>()(noInput, 'The deadline alerts to show now, each recorded so it is never shown twice.'),
  listRecentAlerts: operation<ShownAlert[]>()(noInput, 'The alerts shown most recently, newest first.'),
  importCallRecords: operation<{ imported: number; duplicates: number; skipped: number; rejected: Array<{ line: number; reason: string }>; cancelled: boolean }>()(
    z
      .object({
        path: z.string().min(1, 'give the path of the Master.csv file'),
        zone: z.string().min(1, 'give the phone system\'s time zone (IANA, e.g. Europe/Paris), or UTC'),
        purposes: z.array(z.string().trim().min(1)).min(1, 'give at least one purpose').default(['quality']),
        keepNumbers: z.boolean().default(false),
      })
      .strict(),
    'Import an Asterisk Master.csv: answered calls become recordings; all or nothing; duplicates skipped.',
  ),
  // Recordings: import jobs (progress, cancel) and saved CSV column mappings.
  startRecordingsImport: operation<ImportJob>()(
    z
      .object({
        path: z.string().trim().min(1, 'give the path of the file to import'),
        source: z.enum(['asterisk', 'mapping'], { message: 'must be asterisk (Master.csv) or mapping (a saved column mapping)' }),
        mappingId: z.string().min(1).optional(),
        zone: z.string().min(1, 'give the time zone the file\'s times are written in (IANA, e.g. Europe/Paris), or UTC'),
        purposes: z.array(z.string().trim().min(1)).min(1, 'give at least one purpose').default(['quality']),
        keepNumbers: z.boolean().default(false),
      })
      .strict()
      .refine((input) => input.source !== 'mapping' || input.mappingId !== undefined, { path: ['mappingId'], message: 'choose a saved mapping' }),
    'Start importing call records in the background (Master.csv or a saved mapping); one import at a time per workspace.',
  ),
  getImportJob: operation<ImportJob>()(z.object({ jobId: z.string().min(1) }).strict(), 'Where an import stands: bytes and lines read, then its result.'),
  cancelImportJob: operation<ImportJob>()(z.object({ jobId: z.string().min(1) }).strict(), 'Cancel a running import: nothing of it is written.'),
  listCsvMappings: operation<CsvMapping[]>()(noInput, 'Saved CSV column mappings, by name.'),
  saveCsvMapping: operation<CsvMapping>()(csvMappingInputSchema, 'Save a CSV column mapping (a new one, or replace the one with the given id).'),
  deleteCsvMapping: operation<{ id: string }>()(byId, 'Delete a saved CSV column mapping.'),
  previewCsvFile: operation<CsvFilePreview>()(
    z.object({ path: z.string().trim().min(1, 'give the path of the CSV file'), delimiter: z.enum(csvDelimiters).optional() }).strict(),
    'The first lines of a CSV file, split into columns, to build a mapping from; writes nothing.',
  ),
  sweepRecordings: operation<{ due: number; held: number; conflicts: number; retained: number }>()(
    z.object({ now: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-11-23T09:00:00Z' }).optional() }).strict(),
    'Count the recordings due for disposal, held, in conflict and retained at an instant.',
  ),
  getRecordingSettings: operation<RecordingSettings>()(noInput, "The recordings folder, how long backups keep a deleted file, and the callers' country."),
  setRecordingSettings: operation<RecordingSettings>()(
    z
      .object({
        folder: z.string().min(1).nullable(),
        backupRetentionDays: z.number().int('must be a whole number of days').min(0).max(3650),
        /** The country whose national numbers the phone system writes (ISO 3166-1 alpha-2); left out, unchanged; null clears it. */
        callerCountry: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 country code such as "GB"').nullable().optional(),
      })
      .strict(),
    'Set the recordings folder (nothing outside it is ever deleted) and the backup retention.',
  ),
  // Recordings: audio files (folder scan), playback and its access log, ticket states.
  scanRecordingsFolder: operation<FolderScanResult>()(
    z
      .object({
        /** A file-name pattern (see core/recordings/audioFiles.ts); given, it is also saved; '' clears the saved one; left out, the saved one is used. */
        pattern: z.string().trim().max(300, 'pattern is longer than 300 characters').optional(),
      })
      .strict(),
    'Scan the recordings folder: match audio files to calls by uniqueid or pattern and register their SHA-256 and size.',
  ),
  listRecordingFiles: operation<{ savedPattern: string | null; total: number; files: RecordingFile[] }>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    'Calls with a registered audio file, newest call first, and the saved file-name pattern.',
  ),
  listRecordingAccess: operation<RecordingAccessEntry[]>()(
    z.object({ recordingId: z.number().int('must be a whole number').positive('must be a recording id') }).strict(),
    "A recording's access log (every playback served or refused), newest first.",
  ),
  updateTicket: operation<{ ticketId: string; state: TicketState; closedAt: string | null; recordings: number }>()(
    z
      .object({
        ticketId: z.string().trim().min(1, 'give the ticket').max(200),
        state: z.enum(ticketStates),
        closedAt: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-11-23T09:00:00Z' }).optional(),
      })
      .strict(),
    "Set a ticket's state (and closing time) on its recordings and recompute their retention; answers how many recordings changed.",
  ),
  importTicketStates: operation<{ tickets: number; recordings: number; unknownTickets: string[] }>()(
    z.object({ content: z.string().max(20 * 1024 * 1024, 'the file is too large (the limit is 20 MB)') }).strict(),
    'Import ticket states from CSV (ticket, state, closed_at): all or nothing, errors by line.',
  ),
  placeLegalHold: operation<LegalHold>()(
    z
      .object({
        matter: z.string().trim().min(1, 'name the matter').max(300),
        reason: z.string().trim().min(1, 'give the reason for the hold').max(2000),
        scope: holdScopeSchema,
        reviewOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-MM-dd').optional(),
        /** A hold that covers no recording now (it will cover matching calls imported later) is placed only when confirmed. */
        confirmCoversNone: z.boolean().default(false),
      })
      .strict(),
    'Place a legal hold: the recordings it covers cannot be disposed of until it is released.',
  ),
  previewLegalHold: operation<LegalHoldPreview>()(
    z.object({ scope: holdScopeSchema }).strict(),
    'How many recordings a hold with this scope would cover now, and how each caller number given is read.',
  ),
  releaseLegalHold: operation<LegalHold>()(
    z.object({ holdId: z.string().min(1), reason: z.string().trim().min(1, 'give the reason for the release').max(2000) }).strict(),
    'Release a legal hold, naming you and the reason.',
  ),
  listLegalHolds: operation<LegalHold[]>()(noInput, 'Legal holds, active first.'),
  disposeDueRecordings: operation<DisposalBatch>()(
    z
      .object({
        asOf: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional(),
        operator: z.string().trim().min(1).max(200).optional(),
        /** Close the entries of files already missing from the recordings folder (otherwise they are refused). */
        acceptMissingFiles: z.boolean().default(false),
        /** Where no recordings folder is set: close the register entries and say that no file was touched. */
        recordsOnly: z.boolean().default(false),
      })
      .strict(),
    'Dispose of every recording due at asOf (never one under hold), with evidence, in one batch.',
  ),
  // Recordings: the register, the retention picture, card data and disposal batches.
  listRecordings: operation<{ total: number; rows: RecordingSummary[] }>()(
    z
      .object({
        view: z.enum(recordingViews).default('retained'),
        search: z.string().trim().max(200).optional(),
        now: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    'One page of the recordings register: kept, due, overdue, held, in conflict, with card data, or disposed; searched by recording id, uniqueid, ticket, agent or caller number.',
  ),
  getRecording: operation<RecordingDetail>()(
    z.object({ id: z.number().int().min(1), now: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional() }).strict(),
    'One recording: its retention clock and the rules behind it, holds, card data, file and disposal.',
  ),
  getRetentionOverview: operation<RetentionOverview>()(
    z.object({ now: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional() }).strict(),
    'Counts of due, overdue, held and conflicting recordings, and recordings by month of their latest deletion.',
  ),
  setRecordingCardData: operation<RecordingDetail>()(
    z
      .object({
        id: z.number().int().min(1),
        cardData: z.enum(['none', 'spoken', 'redacted']),
        note: z.string().trim().max(2000).optional(),
      })
      .strict(),
    'Flag a recording in which card details were spoken, or record how it was redacted (with how).',
  ),
  deleteCardDataRecording: operation<DisposalBatch>()(
    z.object({ id: z.number().int().min(1), reason: z.string().trim().min(1, 'give the reason for deleting the recording').max(2000) }).strict(),
    'Dispose of one recording holding card details now (PCI DSS), with evidence; refused under a legal hold.',
  ),
  listDisposalBatches: operation<DisposalBatchSummary[]>()(noInput, 'Disposal batches, newest first.'),
  getDisposalBatch: operation<DisposalBatchSummary & { entries: DisposalBatch['disposed'] }>()(
    z.object({ id: z.string().min(1) }).strict(),
    'One disposal batch with the evidence of each disposal: its certificate.',
  ),
  // Reports (issue 6).
  listReportKinds: operation<ReportKindEntry[]>()(noInput, 'The reports this version can print, each with its title.'),
  exportReport: operation<ExportedReport>()(
    z
      .object({
        kind: z.enum(reportKinds),
        incidentId: z.string().trim().min(1, 'choose the incident').optional(),
      })
      .strict(),
    'Build a report from the open workspace and print it to PDF: cover, contents, running header and footer, the data attached, its fingerprint.',
  ),
  listRetentionRules: operation<RetentionRule[]>()(noInput, 'Retention rules, with how many activities use each.'),
  createRetentionRule: operation<RetentionRule>()(retentionRuleInputSchema, 'Add a retention rule (a minimum and/or a maximum period).'),
  updateRetentionRule: operation<RetentionRule>()(
    z.object({ id: z.string().min(1), changes: retentionRuleInputSchema }).strict(),
    'Replace the fields of a retention rule; the kept recordings of its purposes take the dates the rules now give.',
  ),
  retireRetentionRule: operation<RetentionRule>()(
    z.object({ id: z.string().min(1), reason: z.string().trim().min(3, 'say why the rule no longer applies').max(1000, 'must be at most 1000 characters') }).strict(),
    'Retire a retention rule: it sets no date from now on; the kept recordings of its purposes take the dates the other rules give.',
  ),
  previewRetentionRule: operation<RetentionRuleImpact>()(
    z
      .object({
        /** The rule changed or retired; null for a new one. */
        id: z.string().min(1).nullable(),
        /** The rule as it would be saved; null: retired. */
        changes: retentionRuleInputSchema.nullable(),
      })
      .strict()
      .refine((input) => input.id !== null || input.changes !== null, { message: 'name the rule to retire', path: ['id'] }),
    'What saving or retiring a retention rule would do to the kept recordings (how many dates move, which become due), without changing anything.',
  ),
  listRetentionPurposes: operation<string[]>()(noInput, 'Every call purpose a retention rule or a recording names: the choices a rule can cover.'),
  listRecordingPractices: operation<RecordingPractice[]>()(noInput, 'Documented call-recording practices.'),
  getSigningCertificate: operation<SigningCertificate>()(noInput, "The certificate the workspace's reports are signed with, for auditors."),
  importSigningCertificate: operation<SigningCertificate>()(
    z
      .object({
        /** The organisation's PKCS#12 (.p12 / .pfx) file, as base64. */
        p12: z.string().min(1, 'give the .p12 file').max(1_000_000, 'the file is too large for a PKCS#12 signing identity'),
        passphrase: z.string().max(1000),
      })
      .strict(),
    "Sign the workspace's reports from now on with the organisation's own key and certificate (a PKCS#12 file) instead of the one made for it.",
  ),
  getProfile: operation<Profile>()(noInput, 'Who is acting: the profile name given once on this computer account, and the account.'),
  setProfile: operation<Profile>()(
    z.object({ name: z.string().trim().min(2, 'give your name as colleagues know it').max(120).nullable() }).strict(),
    'Set the name recorded in the change log (with the computer account) for everything done from now on.',
  ),
  getChangeLog: operation<ChangeLogEntry[]>()(
    z.object({ entity: z.enum(changeLogEntities), entityId: z.string().min(1) }).strict(),
    'The change history of one record, newest first.',
  ),
};

export type Contract = typeof contract;
export { channelOf, eventChannelOf, eventNames, operationNames, type EventName, type OperationName } from './operations';

/** The names in ./operations and the keys of the contract must be the same set: each line fails to compile otherwise. */
type Missing<A, B> = Exclude<A, B>;
const everyOperationIsNamed: [Missing<keyof Contract, OperationName>] extends [never] ? true : Missing<keyof Contract, OperationName> = true;
const everyNameIsAnOperation: [Missing<OperationName, keyof Contract>] extends [never] ? true : Missing<OperationName, keyof Contract> = true;
void everyOperationIsNamed;
void everyNameIsAnOperation;

/** What a caller passes (defaults may be left out). */
export type InputOf<Name extends OperationName> = z.input<Contract[Name]['input']>;
/** What a handler receives, after parsing and defaults. */
export type ParsedInputOf<Name extends OperationName> = z.output<Contract[Name]['input']>;
export type OutputOf<Name extends OperationName> = Contract[Name] extends OperationSpec<z.ZodType, infer Output>
  ? Output
  : never;

/** The service implements this map: one handler per operation, derived from the contract. */
export type Handlers = {
  [Name in OperationName]: (input: ParsedInputOf<Name>) => OutputOf<Name> | Promise<OutputOf<Name>>;
};

/** A workspace the desktop shell's menu chose, for the window to create or open with its passphrase. */
export interface WorkspaceRequest {
  mode: 'create' | 'open';
  path: string;
}

/** Events pushed to the window: from the service, and (workspaceRequested) from the desktop shell's menu. */
export interface WorkbenchEvents {
  workspaceChanged: WorkspaceInfo | null;
  /** The menu chose a new workspace's file, or an encrypted one to open: the window asks for the passphrase. The service never sends it. */
  workspaceRequested: WorkspaceRequest;
  /** A call changed the workspace: the change-log entries it wrote, which name the entities changed. */
  changed: ChangeEvent;
}

export interface ChangeEvent {
  operation: OperationName;
  entries: Array<{ id: number; entity: ChangeLogEntry['entity']; entityId: string; action: ChangeLogEntry['action'] }>;
}
const everyEventIsTyped: [Missing<EventName, keyof WorkbenchEvents> | Missing<keyof WorkbenchEvents, EventName>] extends [never] ? true : never = true;
void everyEventIsTyped;

/** What the renderer sees as `window.workbench`: one function per operation plus subscriptions. */
export type WorkbenchApi = {
  [Name in OperationName]: (input: InputOf<Name>) => Promise<Result<OutputOf<Name>>>;
} & {
  /** Calls the listener on every change of the open workspace; returns a function that unsubscribes. */
  onWorkspaceChanged(listener: (workspace: WorkbenchEvents['workspaceChanged']) => void): () => void;
  /** Calls the listener after every call that changed the workspace, with the entities it changed; returns a function that unsubscribes. */
  onChanged(listener: (change: WorkbenchEvents['changed']) => void): () => void;
  /** Calls the listener when the desktop menu asks for a workspace's passphrase (never in browser mode); returns a function that unsubscribes. */
  onWorkspaceRequested(listener: (request: WorkbenchEvents['workspaceRequested']) => void): () => void;
};
