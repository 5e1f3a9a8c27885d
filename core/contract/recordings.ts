import { z } from 'zod';
import { csvDelimiters, csvMappingInputSchema, type CsvMapping } from '../recordings/csvMapping';
import type { CsvFilePreview, ImportJob } from '../recordings/importJob';
import {
  recordingViews,
  ticketStates,
  type DisposalBatch,
  type DisposalBatchSummary,
  type FolderScanResult,
  type LegalHold,
  type LegalHoldPreview,
  type RecordingAccessEntry,
  type RecordingDetail,
  type RecordingFile,
  type RecordingSettings,
  type RecordingSummary,
  type RetentionOverview,
  type TicketState,
} from '../recordings/model';
import { byId, noInput, operation } from './operationSpec';

/** What a legal hold covers; every part given must match. */
const holdScopeSchema = z
  .object({
    recordingIds: z.array(z.number().int('must be whole recording numbers, e.g. 12, 15').positive('must be whole recording numbers, e.g. 12, 15')).optional(),
    ticketIds: z.array(z.string().min(1)).optional(),
    callerRefs: z.array(z.string().min(1)).optional(),
    /** Callers' numbers: normalised (international form, with the callers' country) and turned into the workspace's keyed hashes before the hold is stored. */
    callerNumbers: z.array(z.string().trim().regex(/\d/, 'each caller number needs digits')).optional(),
    from: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional(),
    to: z.string().datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional(),
  })
  .strict();


/** Call recordings: imports, settings, files and playback, tickets, legal holds, the register and disposal. */
export const recordingOperations = {
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
        folder: z.string().min(1, 'give the folder, or leave it empty for none').nullable(),
        backupRetentionDays: z.number().int('must be a whole number of days').min(0, 'must not be negative').max(3650, 'must be at most 3650 days (10 years)'),
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
        operator: z.string().trim().min(1, 'operator must not be empty').max(200, 'must be at most 200 characters').optional(),
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
};
