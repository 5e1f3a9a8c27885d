import type { RegisterPlanInput, RegisterPlanMessage } from './registerPlanWorker';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import { z } from 'zod';
import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { activityInputSchema, type Activity, type ActivityInput, type ProcessorRecord, type ProcessorRecordInput } from '../core/register/model';
import { findUnknownTerm, type Vocabulary } from '../core/register/vocabularies';
import { encodingLabels, type TextEncoding } from '../core/register/importText';
import { flagsText } from '../core/register/importReview';
import type { ImportChoices, RegisterImportLayout, TableAnalysis } from '../core/register/registerImport';
import {
  fieldsOfColumn,
  mergeImported,
  neutraliseFormula,
  normaliseHeader,
  registerColumnKeys,
  registerColumns,
  registerHeaders,
  registerRowOf,
  type ParsedRow,
  type RegisterFileFormat,
} from '../core/register/registerColumns';
import * as activities from '../db/repositories/activities';
import { listOrganisations } from '../db/repositories/organisations';
import { insertProcessorRecord, listProcessorRecords, updateProcessorRecord } from '../db/repositories/processorRecords';
import { listProcessors } from '../db/repositories/processors';
import { listRetentionRules } from '../db/repositories/retentionRules';
import { findImportLayoutByName, listImportLayouts, upsertImportLayout } from '../db/repositories/importLayouts';
import { insertCustomTerm, listCustomTerms } from '../db/repositories/vocabularyTerms';
import type { Db } from '../db/types';
import { registerWorkbook } from './registerWorkbook';
import { readRegisterTable, type ReadLimits, type ReadProgress, type RegisterReadInput } from './registerRead';
import { writeWithLog, type ServiceContext } from './session';
import { workerWorkspaceOf } from './workerWorkspace';
import { unknownActivityTerm, vocabularyOf } from './vocabulary';

type TransferHandlers = Pick<Handlers, 'previewRegisterImport' | 'importRegister' | 'exportRegister' | 'getRegisterReadProgress' | 'cancelRegisterRead'>;
export type ImportSummary = Awaited<ReturnType<Handlers['importRegister']>>;
type Fields = Omit<ActivityInput, 'organisationId'>;

export interface ImportPlan {
  creates: Array<{ row: number; input: ActivityInput }>;
  updates: Array<{ row: number; id: string; before: Activity; input: ActivityInput }>;
  /** Art. 30(2) records, when the file is the ICO processor template. */
  recordCreates: Array<{ row: number; input: ProcessorRecordInput }>;
  recordUpdates: Array<{ row: number; id: string; before: ProcessorRecord; input: ProcessorRecordInput }>;
  unchanged: number;
  rejected: Array<{ row: number; reason: string }>;
  ignoredColumns: string[];
}

/** An imported row's fields, held to the record's own rules (built once: zod compiles a schema's parser on its first use). */
const importedFieldsSchema = activityInputSchema.omit({ organisationId: true });

/** An activity in the register's JSON export, as it is read back. */
const jsonActivitySchema = activityInputSchema.omit({ organisationId: true }).extend({
  id: z.string().optional(),
  organisationName: z.string().min(1, 'organisationName must not be empty'),
});

export interface ParsedFile {
  rows: Array<ParsedRow | { row: number; reason: string }>;
  ignoredColumns: string[];
  /** The table's analysis (CSV and XLSX): headings, skipped rows, values and their decisions. */
  analysis: TableAnalysis | null;
  encoding: TextEncoding | null;
  layout: RegisterImportLayout | null;
}

interface FileInput {
  format: RegisterFileFormat;
  content: string;
  encoding?: 'utf8' | 'base64' | undefined;
  columns?: ImportChoices['columns'];
  values?: ImportChoices['values'];
  layout?: string | undefined;
  readId?: string | undefined;
}

export interface TransferOptions {
  /** How long a file may take to read before the plan worker is stopped (ms). */
  readTimeoutMs?: number;
  limits?: ReadLimits;
  /**
   * The bundled worker that reads a file, matches it against the register and writes it
   * (dist/worker/register-plan.cjs); without it (some unit tests) all of it runs on the service's thread.
   */
  planWorkerPath?: string | undefined;
  /** better-sqlite3 addon for the plan worker's own connection (Electron passes its own build). */
  nativeBinding?: string | undefined;
  /** The plan workers running, for the service to end when it closes. */
  running?: Set<Worker>;
}

/** The memory a plan worker may use: a file that needs more is refused, not read at the service's expense. */
const workerHeapMb = 1536;

/** A read in progress, by the id its caller gave: how far it has got, and how to stop it. */
interface RunningRead {
  progress: ReadProgress;
  /** Stops the read; false once it can no longer be stopped (read, and being written). */
  cancel(): boolean;
}

/**
 * Reads the file with the user's choices. A table's layout saved earlier (named, or found by its
 * headings) supplies the choices the user has not made in this import. In the app this runs in the
 * plan worker (transferInWorker), off the service's thread.
 */
async function parseFile(db: Db, input: FileInput, vocabulary: Vocabulary, options: TransferOptions, reads: Map<string, RunningRead>, report?: (progress: ReadProgress) => void): Promise<ParsedFile> {
  if (input.format === 'json') return { ...parseJson(input.content), analysis: null, encoding: null, layout: null };
  const utf8Text = input.format === 'csv' && input.encoding !== 'base64';
  const bytes = utf8Text ? Buffer.from(input.content, 'utf8') : Buffer.from(input.content, 'base64');
  const read: RegisterReadInput = {
    format: input.format,
    bytes: new Uint8Array(bytes),
    utf8Text,
    vocabulary,
    rules: listRetentionRules(db).map((rule) => ({ id: rule.id, name: rule.name, maximum: rule.maximum })),
    choices: { columns: input.columns, values: input.values },
    layouts: listImportLayouts(db),
    layoutName: input.layout,
    ...(options.limits ? { limits: options.limits } : {}),
  };
  // A read the caller named can be followed (getRegisterReadProgress) and stopped (cancelRegisterRead).
  if (input.readId && reads.has(input.readId)) throw new WorkbenchError('conflict', `readId: a read named ${input.readId} is already running`, 'readId');
  const running: RunningRead | null = input.readId ? { progress: { phase: 'checking', share: 0 }, cancel: () => false } : null;
  if (input.readId && running) reads.set(input.readId, running);
  try {
    const { analysis, encoding, layout } = await readRegisterTable(read, (progress) => {
      if (running) running.progress = progress;
      report?.(progress);
    });
    return {
      rows: analysis.rows,
      ignoredColumns: analysis.columns.filter((column) => !column.key && column.heading).map((column) => column.heading),
      analysis,
      encoding,
      layout,
    };
  } finally {
    if (input.readId) reads.delete(input.readId);
  }
}

function parseJson(content: string): Pick<ParsedFile, 'rows' | 'ignoredColumns'> {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new WorkbenchError('invalid-input', `The file is not JSON: ${error instanceof Error ? error.message : String(error)}`, 'content');
  }
  const list = Array.isArray(data) ? data : (data as { activities?: unknown })?.activities;
  if (!Array.isArray(list)) throw new WorkbenchError('invalid-input', 'The JSON file has no "activities" list.', 'content');
  return {
    ignoredColumns: [],
    rows: list.map((item, index) => {
      const parsed = jsonActivitySchema.safeParse(item);
      if (!parsed.success) {
        return { row: index + 1, reason: parsed.error.issues.map((issue) => `activities[${index}].${issue.path.join('.')}: ${issue.message}`).join('; ') };
      }
      const { id, organisationName, ...fields } = parsed.data;
      // Only the fields the record names are imported: on an update, the others keep their values.
      const present = new Set(Object.keys(item as object));
      const columns = registerColumnKeys.filter((key) => (fieldsOfColumn[key] ?? []).some((field) => present.has(field)));
      return { row: index + 1, id: id ?? null, controller: organisationName, fields, columns, wholeTransfers: true };
    }),
  };
}

const comparable = (fields: Fields) => JSON.stringify(fields);
const storedFields = (activity: Activity): Fields => {
  const { id: _id, organisationId: _organisationId, organisationName: _organisationName, retentionRuleName: _ruleName, processors: _processors, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = activity;
  return fields;
};

/**
 * Matches parsed rows against the register as it is now. The import runs it inside its write
 * transaction, so two imports at once give what one after the other gives.
 */
export function planImport(db: Db, { rows, ignoredColumns, analysis }: ParsedFile, organisationId: string | undefined): ImportPlan {
  // The terms this import adds count as known while it is matched.
  const vocabulary = vocabularyOf(db);
  for (const term of analysis?.newTerms ?? []) {
    if (!vocabulary[term.kind].some((known) => known.code === term.code)) vocabulary[term.kind].push({ code: term.code, label: term.label, custom: true });
  }
  const organisations = listOrganisations(db);
  const chosenOrganisation = organisationId ? organisations.find((entry) => entry.id === organisationId) : undefined;
  if (organisationId && !chosenOrganisation) throw new WorkbenchError('not-found', `organisationId: ${organisationId} is not an organisation of this workspace`, 'organisationId');
  const rules = listRetentionRules(db);
  const existing = activities.listActivityRecords(db);
  const byId = new Map(existing.map((activity) => [activity.id, activity]));
  const byName = new Map(existing.map((activity) => [`${activity.organisationId}\u0000${activity.name.toLowerCase()}`, activity]));
  const result: ImportPlan = { creates: [], updates: [], recordCreates: [], recordUpdates: [], unchanged: 0, rejected: [], ignoredColumns };
  const claimed = new Map<string, number>();
  if (analysis?.kind === 'processor-records') {
    // The processor template: one Art. 30(2) record per controller served, kept by the chosen organisation.
    const keeper = chosenOrganisation ?? (organisations.length === 1 ? organisations[0] : undefined);
    const stored = listProcessorRecords(db);
    for (const parsed of analysis.processorRecords) {
      if (!('fields' in parsed)) {
        result.rejected.push(parsed);
        continue;
      }
      if (!keeper) {
        result.rejected.push({ row: parsed.row, reason: `Organisation: this workspace has ${organisations.length} organisations; choose the one acting as processor for the import` });
        continue;
      }
      const key = parsed.fields.controllerName.toLowerCase();
      if (claimed.has(key)) {
        result.rejected.push({ row: parsed.row, reason: `the same controller as row ${claimed.get(key)}; each controller served may appear once` });
        continue;
      }
      claimed.set(key, parsed.row);
      const input: ProcessorRecordInput = { organisationId: keeper.id, ...parsed.fields };
      const unknownTerm = findUnknownTerm(vocabulary, input.transfers.map((transfer, index) => ({ field: `transfers.${index}.mechanism`, kind: 'transfer-mechanism' as const, code: transfer.mechanism })));
      if (unknownTerm) {
        result.rejected.push({ row: parsed.row, reason: unknownTerm.message });
        continue;
      }
      const existing = stored.find((record) => record.organisationId === keeper.id && record.controllerName.toLowerCase() === key);
      if (!existing) result.recordCreates.push({ row: parsed.row, input });
      else {
        // Where the file says nothing of the controller's contact, the stored one stays; the source is the workbench's own.
        const merged: ProcessorRecordInput = { ...input, controllerContact: input.controllerContact ?? existing.controllerContact, source: existing.source };
        const { id: _id, organisationName: _name, createdAt: _created, updatedAt: _updated, ...before } = existing;
        if (JSON.stringify(before) === JSON.stringify(merged)) result.unchanged += 1;
        else result.recordUpdates.push({ row: parsed.row, id: existing.id, before: existing, input: merged });
      }
    }
    return result;
  }

  for (const parsed of rows) {
    if (!('fields' in parsed)) {
      result.rejected.push(parsed);
      continue;
    }
    // Every problem of a row is listed, not only the first.
    const problems: string[] = [];
    let organisation = parsed.controller ? organisations.find((entry) => entry.name.toLowerCase() === parsed.controller!.toLowerCase()) : undefined;
    if (parsed.controller && !organisation) problems.push(`Controller: "${parsed.controller}" is not an organisation in this workspace (add it first, or correct the name)`);
    if (parsed.retentionRuleName) {
      // A rule in force before a retired one of the same name (a replaced rule often keeps its name).
      const named = rules.filter((entry) => entry.name.toLowerCase() === parsed.retentionRuleName!.toLowerCase());
      const rule = named.find((entry) => entry.retiredAt === null) ?? named[0];
      if (rule) parsed.fields.retentionRuleId = rule.id;
      // A rule the workspace does not have is kept as text for the DPO to map.
      else parsed.fields.flaggedText = [...parsed.fields.flaggedText, { column: 'retentionRule', text: parsed.retentionRuleName }];
    } else if (parsed.fields.retentionRuleId !== null && !rules.some((rule) => rule.id === parsed.fields.retentionRuleId)) {
      problems.push(`retentionRuleId: ${parsed.fields.retentionRuleId} is not a retention rule of this workspace`);
    }
    const unknownTerm = unknownActivityTerm(vocabulary, parsed.fields);
    if (unknownTerm) problems.push(unknownTerm.message);
    // The record's own rules (lengths, counts) hold for an imported row as for one saved in the form.
    const checked = importedFieldsSchema.safeParse(parsed.fields);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? '');
        const column = registerColumnKeys.find((key) => (fieldsOfColumn[key] ?? []).includes(field as never));
        problems.push(`${column ? registerColumns[column].header : field}: ${issue.message}`);
      }
    }
    const stored = parsed.id ? byId.get(parsed.id) : undefined;
    if (parsed.id && !stored) problems.push(`Record ID: ${parsed.id} is not a record of this workspace (leave it empty to create a new record)`);
    if (!organisation && !parsed.controller) {
      organisation = stored ? organisations.find((entry) => entry.id === stored.organisationId) : (chosenOrganisation ?? (organisations.length === 1 ? organisations[0] : undefined));
      if (!organisation) problems.push(`Controller: is empty, and this workspace has ${organisations.length} organisations; name one in the file or choose one for the import`);
    }
    if (problems.length || !organisation) {
      result.rejected.push({ row: parsed.row, reason: problems.join('; ') });
      continue;
    }
    const target = stored ?? byName.get(`${organisation.id}\u0000${parsed.fields.name.toLowerCase()}`);
    const key = target?.id ?? `${organisation.id}\u0000${parsed.fields.name.toLowerCase()}`;
    if (claimed.has(key)) {
      result.rejected.push({ row: parsed.row, reason: `the same record as row ${claimed.get(key)}; each record may appear once` });
      continue;
    }
    claimed.set(key, parsed.row);
    if (!target) {
      result.creates.push({ row: parsed.row, input: { organisationId: organisation.id, ...parsed.fields } });
      continue;
    }
    const merged = mergeImported(storedFields(target), parsed);
    if (comparable(merged) === comparable(storedFields(target)) && organisation.id === target.organisationId) {
      result.unchanged += 1;
    } else {
      result.updates.push({ row: parsed.row, id: target.id, before: target, input: { organisationId: organisation.id, ...merged } });
    }
  }
  return result;
}

export function summaryOf(planned: ImportPlan, parsed: ParsedFile): ImportSummary {
  const values = parsed.analysis?.values ?? [];
  const count = (test: (value: (typeof values)[number]) => boolean) => values.filter(test).length;
  return {
    kind: parsed.analysis?.kind ?? 'activities',
    imported: planned.creates.length + planned.recordCreates.length,
    updated: planned.updates.length + planned.recordUpdates.length,
    unchanged: planned.unchanged,
    rejected: planned.rejected,
    ignoredColumns: planned.ignoredColumns,
    encoding: parsed.encoding ? encodingLabels[parsed.encoding] : null,
    headerRow: parsed.analysis?.headerRow ?? null,
    skipped: parsed.analysis?.skipped ?? [],
    columns: parsed.analysis?.columns ?? [],
    values,
    problems: parsed.analysis?.problems ?? [],
    layout: parsed.layout?.name ?? null,
    mapped: {
      exact: count((value) => !value.chosen && value.decision.action === 'map' && value.match === 'exact'),
      synonym: count((value) => !value.chosen && value.decision.action === 'map' && value.match === 'synonym'),
      close: count((value) => !value.chosen && value.decision.action === 'map' && value.match === 'close'),
      chosen: count((value) => value.chosen && value.decision.action === 'map'),
      newTerms: count((value) => value.decision.action === 'new-term'),
      text: count(flagsText),
    },
  };
}

/** What an import needs besides the parsed file: the organisation chosen for rows that name none, and the layout to save. */
export interface ImportChoicesInput {
  organisationId?: string | undefined;
  saveLayout?: string | undefined;
}

/**
 * Writes a planned import: the new vocabulary terms, then the plan made inside the same write
 * transaction (the write lock taken first), each change with its change-log entry: all or nothing,
 * and never planned against a register another import is changing meanwhile.
 */
export function writeImport(context: ServiceContext, parsed: ParsedFile, input: ImportChoicesInput): ImportPlan {
  return writeWithLog(context, (log) => {
    const db = context.db();
    const known = vocabularyOf(db);
    for (const term of parsed.analysis?.newTerms ?? []) {
      if (known[term.kind].some((entry) => entry.code === term.code || entry.label.toLowerCase() === term.label.toLowerCase())) continue;
      known[term.kind].push({ code: term.code, label: term.label, custom: true });
      const stored = { kind: term.kind, code: term.code, label: term.label, citation: null, special: null, recipientKind: null };
      insertCustomTerm(db, stored, context.now());
      log('vocabulary-term', `${term.kind}:${term.code}`, 'create', null, stored);
    }
    const planned = planImport(db, parsed, input.organisationId);
    for (const { input: record } of planned.creates) {
      const id = context.newId();
      activities.insertActivity(db, id, record, context.now());
      log('activity', id, 'create', null, { id, ...record });
    }
    for (const { id, before, input: record } of planned.updates) {
      activities.updateActivity(db, id, record, context.now());
      log('activity', id, 'update', { organisationId: before.organisationId, ...storedFields(before) }, record);
    }
    for (const { input: record } of planned.recordCreates) {
      const id = context.newId();
      insertProcessorRecord(db, id, record, context.now());
      log('processor-record', id, 'create', null, { id, ...record });
    }
    for (const { id, before, input: record } of planned.recordUpdates) {
      const { organisationName: _name, createdAt: _created, updatedAt: _updated, ...stored } = before;
      updateProcessorRecord(db, id, record, context.now());
      log('processor-record', id, 'update', stored, { id, ...record });
    }
    if (input.saveLayout && parsed.analysis) {
      const previous = findImportLayoutByName(db, input.saveLayout);
      const layout = {
        id: previous?.id ?? context.newId(),
        name: input.saveLayout,
        signature: parsed.analysis.signature,
        columns: Object.fromEntries(parsed.analysis.columns.filter((column) => column.heading).map((column) => [normaliseHeader(column.heading), column.key])),
        // Only what was chosen: the proposals are made again next time, with the vocabulary as it is then.
        values: parsed.analysis.values.filter((value) => value.chosen).map((value) => ({ column: value.column, value: value.value, decision: value.decision })),
      };
      upsertImportLayout(db, layout, context.now());
      log('import-layout', layout.id, previous ? 'update' : 'create', previous, layout);
    }
    return planned;
  });
}

/** A preview or an import of a register file and the choices made for it. */
export type TransferInput = FileInput & ImportChoicesInput;

/**
 * A preview (read and match) or an import (read, match and write) on this thread: the service's
 * without the plan worker, the plan worker's own otherwise. `report` hears the read's progress.
 */
export async function runTransfer(
  context: ServiceContext,
  mode: 'preview' | 'import',
  input: TransferInput,
  options: TransferOptions,
  reads: Map<string, RunningRead>,
  report?: { progress(progress: ReadProgress): void; read(): void },
): Promise<ImportSummary> {
  const db = context.db();
  const parsed = await parseFile(db, input, vocabularyOf(db), options, reads, report?.progress);
  report?.read();
  if (mode === 'preview') return summaryOf(planImport(db, parsed, input.organisationId), parsed);
  const columns = parsed.analysis?.columns;
  if (columns && !columns.some((column) => column.key === 'name' || column.key === 'businessFunction' || column.key === 'purposes' || column.key === 'controllerDetails')) {
    throw new WorkbenchError(
      'invalid-input',
      `No column names the records: map "Processing activity", "Business function" or "Purpose of processing" to one of the file's columns (its headings: ${columns.map((column) => column.heading).filter(Boolean).join(', ') || 'none'}).`,
      'columns',
    );
  }
  return summaryOf(writeImport(context, parsed, input), parsed);
}

/**
 * The same in the plan worker, on its own connection (issue 18: a 10 000-row import held the
 * service for over a second; 200 000 rows for many). Only the file's text goes to the worker and
 * only the summary comes back. The worker may use {workerHeapMb} MB and must have read the file
 * within the read time limit; a cancel ends it (nothing written: the write is one transaction).
 */
function transferInWorker(
  context: ServiceContext,
  options: TransferOptions & { planWorkerPath: string },
  mode: 'preview' | 'import',
  input: TransferInput,
  reads: Map<string, RunningRead>,
): Promise<ImportSummary> {
  if (input.readId && reads.has(input.readId)) throw new WorkbenchError('conflict', `readId: a read named ${input.readId} is already running`, 'readId');
  const message: RegisterPlanInput = {
    ...workerWorkspaceOf(context, options.nativeBinding),
    mode,
    ...(options.limits ? { limits: options.limits } : {}),
    actor: context.actor,
    now: context.now(),
    input,
  };
  const running: RunningRead = { progress: { phase: 'checking', share: 0 }, cancel: () => false };
  // The worker waits after reading for this decision before it matches and writes: 1 stop, 2 go.
  // Only this thread decides, when it hears the file is read: a cancel is either before (nothing
  // written) or refused (the import goes on and is reported), never a terminated write.
  const decision = new Int32Array(new SharedArrayBuffer(4));
  message.decision = decision.buffer as SharedArrayBuffer;
  if (input.readId) reads.set(input.readId, running);
  const timeoutMs = options.readTimeoutMs ?? 60_000;
  return new Promise<ImportSummary>((resolve, reject) => {
    const worker = new Worker(options.planWorkerPath, { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } });
    options.running?.add(worker);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      options.running?.delete(worker);
      worker.removeAllListeners();
      void worker.terminate();
      if (input.readId) reads.delete(input.readId);
      settle();
    };
    const timer = setTimeout(() => {
      Atomics.store(decision, 0, 1);
      Atomics.notify(decision, 0);
      finish(() => reject(new WorkbenchError('invalid-input', `Reading the file took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; nothing was imported. Split the file, or export it as CSV.`, 'content')));
    }, timeoutMs);
    running.cancel = () => {
      Atomics.store(decision, 0, 1);
      Atomics.notify(decision, 0);
      finish(() => reject(new WorkbenchError('cancelled', 'The file was not read: you cancelled it. Nothing was imported.', 'readId')));
      return true;
    };
    worker.on('message', (answer: RegisterPlanMessage) => {
      if (answer.type === 'progress') running.progress = answer.progress;
      else if (answer.type === 'read') {
        // Read: the time limit was for reading; matching and writing go on to the end, and can no longer be cancelled.
        clearTimeout(timer);
        running.cancel = () => false;
        Atomics.store(decision, 0, 2);
        Atomics.notify(decision, 0);
      } else finish(() => (answer.type === 'done' ? resolve(answer.summary) : reject(new WorkbenchError(answer.failure.code, answer.failure.message, answer.failure.field))));
    });
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new WorkbenchError('invalid-input', `Reading the file needed more than ${workerHeapMb} MB of memory and was stopped; nothing was imported. Split the file, or export it as CSV.`, 'content')
            : new WorkbenchError('internal', `The import stopped: ${error.message}. Nothing was imported.`),
        ),
      ),
    );
    worker.once('exit', (code) => finish(() => reject(new WorkbenchError('internal', `The import stopped unexpectedly (exit code ${code}). Nothing was imported.`))));
    worker.postMessage(message);
  });
}

export function transferHandlers(context: ServiceContext, options: TransferOptions = {}): TransferHandlers {
  const reads = new Map<string, RunningRead>();
  return {
    getRegisterReadProgress: ({ readId }) => reads.get(readId)?.progress ?? null,
    cancelRegisterRead: ({ readId }) => {
      return { cancelled: reads.get(readId)?.cancel() ?? false };
    },
    previewRegisterImport: (input) =>
      options.planWorkerPath && existsSync(options.planWorkerPath) ? transferInWorker(context, { ...options, planWorkerPath: options.planWorkerPath }, 'preview', input, reads) : runTransfer(context, 'preview', input, options, reads),
    importRegister: (input) =>
      options.planWorkerPath && existsSync(options.planWorkerPath) ? transferInWorker(context, { ...options, planWorkerPath: options.planWorkerPath }, 'import', input, reads) : runTransfer(context, 'import', input, options, reads),
    exportRegister: async ({ format }) => {
      const db = context.db();
      const records = activities.listActivityRecords(db).sort((a, b) => a.organisationName.localeCompare(b.organisationName) || a.name.localeCompare(b.name));
      const stamp = context.now().slice(0, 10);
      if (format === 'json') {
        const register = {
          format: 'privacy-workbench-register',
          version: 1,
          exportedAt: context.now(),
          organisations: listOrganisations(db),
          processors: listProcessors(db),
          activities: records,
          processorRecords: listProcessorRecords(db),
          retentionRules: listRetentionRules(db),
          vocabularyTerms: listCustomTerms(db),
        };
        return { fileName: `register-${stamp}.json`, mediaType: 'application/json', encoding: 'utf8', content: `${JSON.stringify(register, null, 2)}\n` };
      }
      const vocabulary = vocabularyOf(db);
      if (format === 'xlsx') {
        // The full register workbook: the register first (read back by an import), every linked item on its own sheet.
        const bytes = await registerWorkbook(db, records, vocabulary, context.now().slice(0, 10));
        return {
          fileName: `register-${stamp}.xlsx`,
          mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          encoding: 'base64',
          content: bytes.toString('base64'),
        };
      }
      // A byte-order mark, so that spreadsheet programs read the file as UTF-8.
      const table = [registerHeaders(), ...records.map((record) => registerRowOf(record, vocabulary).map(neutraliseFormula))];
      return { fileName: `register-${stamp}.csv`, mediaType: 'text/csv', encoding: 'utf8', content: `\uFEFF${Papa.unparse(table, { newline: '\r\n' })}\r\n` };
    },
  };
}
