import { z } from 'zod';
import type { Activity, ActivitySummary, ProcessorRecord, RecordingPractice } from '../register/model';
import {
  activityInputSchema,
  bulkEditableFields,
  countryCodeSchema,
  organisationInputSchema,
  processorRecordInputSchema,
  type Organisation,
} from '../register/model';
import type { Completeness, GapKind, RegisterCompleteness } from '../register/completeness';
import { gapKindCodes } from '../register/completeness';
import { reviewColumns, type ValueProposal } from '../register/importReview';
import type { ColumnMatch } from '../register/registerImport';
import { registerColumnKeys, registerExportFormats, registerFileFormats } from '../register/registerColumns';
import { activityStatuses, lawfulBasisCodes, recipientKinds, vocabularyKindCodes, type Vocabulary, type VocabularyTerm } from '../register/vocabularies';
import { byId, noInput, operation } from './operationSpec';

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

/** The Art. 30 register: organisations, activities, Art. 30(2) records, vocabularies, import and export. */
export const registerOperations = {
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
  listProcessorRecords: operation<ProcessorRecordDetail[]>()(noInput, 'Art. 30(2) records kept as a processor, each with its gaps.'),
  createProcessorRecord: operation<ProcessorRecordDetail>()(processorRecordInputSchema.strict(), 'Add an Art. 30(2) record for a controller served.'),
  updateProcessorRecord: operation<ProcessorRecordDetail>()(
    z.object({ id: z.string().min(1), changes: processorRecordInputSchema.strict() }).strict(),
    'Replace the fields of an Art. 30(2) record.',
  ),
  getVocabulary: operation<Vocabulary>()(noInput, 'Every vocabulary: the built-in terms and the workspace\'s own.'),
  addVocabularyTerm: operation<VocabularyTerm>()(vocabularyTermInputSchema, 'Add a term of the workspace\'s own to a vocabulary.'),
  listRecordingPractices: operation<RecordingPractice[]>()(noInput, 'Documented call-recording practices.'),
};
