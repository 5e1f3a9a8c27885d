/**
 * The recordings' read models: what the service answers about call recordings, their retention,
 * legal holds, files and disposals. Beside core/register/model.ts and core/incidents/model.ts;
 * core/contract re-exports them.
 */

/** What a legal hold covers; every part given must match (a date range alone covers every call in it). */
export interface HoldScope {
  recordingIds?: number[];
  ticketIds?: string[];
  /** Keyed hashes of every form of each number given. */
  callerRefs?: string[];
  /** How many callers' numbers the hold was placed for (callerRefs holds several forms of each). */
  callers?: number;
  from?: string;
  to?: string;
}

/** A legal hold on call recordings (matter, reason, who, when, scope, review, release). */
export interface LegalHold {
  id: string;
  matter: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  scope: HoldScope;
  reviewOn: string | null;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  recordings: number;
}

/** The recordings folder, how long backups keep a deleted file, and the callers' country. */
export interface RecordingSettings {
  folder: string | null;
  backupRetentionDays: number;
  /** The country whose national numbers the phone system writes, so "07700 991456" and "+44 7700 991456" are one caller. */
  callerCountry: string | null;
}

/** What a hold with a given scope would cover now, and how each caller number given is read. */
export interface LegalHoldPreview {
  /** Recordings the scope covers now (still retained). */
  recordings: number;
  /** Each caller number given, and its international form (null: it could not be read as one). */
  callerNumbers: Array<{ given: string; international: string | null }>;
  /** Why a number may miss calls stored in another form, when it may. */
  warnings: string[];
}

/** A disposal batch with the evidence of each disposal and what was refused. */
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
