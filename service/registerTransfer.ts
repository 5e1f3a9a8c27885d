import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { z } from 'zod';
import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { activityInputSchema, type Activity, type ActivityInput } from '../core/register/model';
import type { Vocabulary } from '../core/register/vocabularies';
import {
  fieldsOfColumn,
  matchHeaders,
  mergeImported,
  neutraliseFormula,
  parseRegisterRow,
  registerColumnKeys,
  registerHeaders,
  registerRowOf,
  type ParsedRow,
  type RegisterFileFormat,
} from '../core/register/registerColumns';
import * as activities from '../db/repositories/activities';
import { listOrganisations } from '../db/repositories/organisations';
import { listProcessorRecords } from '../db/repositories/processorRecords';
import { listProcessors } from '../db/repositories/processors';
import { listRetentionRules } from '../db/repositories/retentionRules';
import { listCustomTerms } from '../db/repositories/vocabularyTerms';
import { writeWithLog, type ServiceContext } from './session';
import { unknownActivityTerm, vocabularyOf } from './vocabulary';

type TransferHandlers = Pick<Handlers, 'previewRegisterImport' | 'importRegister' | 'exportRegister'>;
type Fields = Omit<ActivityInput, 'organisationId'>;

export interface ImportPlan {
  creates: Array<{ row: number; input: ActivityInput }>;
  updates: Array<{ row: number; id: string; before: Activity; input: ActivityInput }>;
  unchanged: number;
  rejected: Array<{ row: number; reason: string }>;
  ignoredColumns: string[];
}

/** An activity in the register's JSON export, as it is read back. */
const jsonActivitySchema = activityInputSchema.omit({ organisationId: true }).extend({
  id: z.string().optional(),
  organisationName: z.string().min(1, 'organisationName must not be empty'),
});

/** A spreadsheet cell as the text a CSV file would hold (dates as yyyy-MM-dd). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

/** Reads the first sheet of an XLSX workbook sent as base64 text. */
async function readWorkbook(content: string): Promise<string[][]> {
  const bytes = Buffer.from(content, 'base64');
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new WorkbenchError('invalid-input', 'The file is not an XLSX workbook (send its bytes as base64; a .xls or .csv file renamed to .xlsx is refused).', 'content');
  }
  try {
    const rows = await readSheet(bytes);
    return rows.map((row) => row.map(cellText));
  } catch (error) {
    throw new WorkbenchError('invalid-input', `The XLSX workbook could not be read: ${error instanceof Error ? error.message : String(error)}`, 'content');
  }
}

/** Heading row, then data rows; `rowNumber` is each row's number as the user's program shows it. */
function parseTable(table: string[][], rowNumber: (index: number) => number, vocabulary: Vocabulary): { rows: Array<ParsedRow | { row: number; reason: string }>; ignoredColumns: string[] } {
  const [headers, ...data] = table;
  if (!headers) throw new WorkbenchError('invalid-input', 'The file is empty: it needs a heading row and one row per activity.', 'content');
  const { byKey, ignored } = matchHeaders(headers);
  if (byKey.name === undefined) {
    throw new WorkbenchError(
      'invalid-input',
      `The file has no "Processing activity" column, so no row can be matched to a record (its headings: ${headers.join(', ') || 'none'}).`,
      'content',
    );
  }
  const rows: Array<ParsedRow | { row: number; reason: string }> = [];
  data.forEach((cells, index) => {
    const row = rowNumber(index + 1);
    if (cells.every((value) => !value.trim())) return;
    if (cells.length < headers.length) {
      rows.push({ row, reason: `has ${cells.length} cells but the heading row has ${headers.length}; a cell is missing (check the commas or quotes)` });
    } else rows.push(parseRegisterRow(cells, byKey, row, vocabulary));
  });
  return { ignoredColumns: ignored, rows };
}

async function parseFile(format: RegisterFileFormat, content: string, vocabulary: Vocabulary): Promise<{ rows: Array<ParsedRow | { row: number; reason: string }>; ignoredColumns: string[] }> {
  if (format === 'xlsx') {
    const table = await readWorkbook(content);
    // The reader drops nothing but trailing empty cells: pad rows to the heading row's width.
    const width = table[0]?.length ?? 0;
    return parseTable(
      table.map((row) => (row.length < width ? [...row, ...Array<string>(width - row.length).fill('')] : row)),
      (index) => index + 1,
      vocabulary,
    );
  }
  if (format === 'json') {
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
          const issue = parsed.error.issues[0]!;
          return { row: index + 1, reason: `activities[${index}].${issue.path.join('.')}: ${issue.message}` };
        }
        const { id, organisationName, ...fields } = parsed.data;
        // Only the fields the record names are imported: on an update, the others keep their values.
        const present = new Set(Object.keys(item as object));
        const columns = registerColumnKeys.filter((key) => (fieldsOfColumn[key] ?? []).some((field) => present.has(field)));
        return { row: index + 1, id: id ?? null, controller: organisationName, fields, columns, wholeTransfers: true };
      }),
    };
  }
  // Empty lines are kept while parsing, so that the row numbers reported are the file's own.
  const table = Papa.parse<string[]>(content.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const fatal = table.errors.find((error) => error.type === 'Quotes');
  if (fatal) throw new WorkbenchError('invalid-input', `CSV row ${(fatal.row ?? 0) + 1}: ${fatal.message}`, 'content');
  return parseTable(table.data, (index) => index + 1, vocabulary);
}

const comparable = (fields: Fields) => JSON.stringify(fields);
const storedFields = (activity: Activity): Fields => {
  const { id: _id, organisationId: _organisationId, organisationName: _organisationName, retentionRuleName: _ruleName, processors: _processors, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = activity;
  return fields;
};

export function transferHandlers(context: ServiceContext): TransferHandlers {
  /** Works out, without writing, what an import would create, update and reject. */
  const plan = async (format: RegisterFileFormat, content: string): Promise<ImportPlan> => match(await parseFile(format, content, vocabularyOf(context.db())));
  /**
   * Matches parsed rows against the register as it is now. The import runs it inside its write
   * transaction, so two imports at once give what one after the other gives.
   */
  const match = ({ rows, ignoredColumns }: Awaited<ReturnType<typeof parseFile>>): ImportPlan => {
    const db = context.db();
    const vocabulary = vocabularyOf(db);
    const organisations = listOrganisations(db);
    const rules = listRetentionRules(db);
    const existing = activities.listActivityRecords(db);
    const byId = new Map(existing.map((activity) => [activity.id, activity]));
    const byName = new Map(existing.map((activity) => [`${activity.organisationId}\u0000${activity.name.toLowerCase()}`, activity]));
    const result: ImportPlan = { creates: [], updates: [], unchanged: 0, rejected: [], ignoredColumns };
    const claimed = new Map<string, number>();

    for (const parsed of rows) {
      if (!('fields' in parsed)) {
        result.rejected.push(parsed);
        continue;
      }
      let organisation = parsed.controller ? organisations.find((entry) => entry.name.toLowerCase() === parsed.controller!.toLowerCase()) : undefined;
      if (parsed.controller && !organisation) {
        result.rejected.push({ row: parsed.row, reason: `Controller: "${parsed.controller}" is not an organisation in this workspace (add it first, or correct the name)` });
        continue;
      }
      if (parsed.retentionRuleName) {
        const rule = rules.find((entry) => entry.name.toLowerCase() === parsed.retentionRuleName!.toLowerCase());
        if (!rule) {
          result.rejected.push({ row: parsed.row, reason: `Retention rule: "${parsed.retentionRuleName}" is not a retention rule of this workspace (add it first, or correct the name)` });
          continue;
        }
        parsed.fields.retentionRuleId = rule.id;
      } else if (parsed.fields.retentionRuleId !== null && !rules.some((rule) => rule.id === parsed.fields.retentionRuleId)) {
        result.rejected.push({ row: parsed.row, reason: `retentionRuleId: ${parsed.fields.retentionRuleId} is not a retention rule of this workspace` });
        continue;
      }
      const unknownTerm = unknownActivityTerm(vocabulary, parsed.fields);
      if (unknownTerm) {
        result.rejected.push({ row: parsed.row, reason: unknownTerm.message });
        continue;
      }
      const stored = parsed.id ? byId.get(parsed.id) : undefined;
      if (parsed.id && !stored) {
        result.rejected.push({ row: parsed.row, reason: `Record ID: ${parsed.id} is not a record of this workspace (leave it empty to create a new record)` });
        continue;
      }
      if (!organisation && stored) organisation = organisations.find((entry) => entry.id === stored.organisationId);
      if (!organisation && organisations.length === 1) organisation = organisations[0];
      if (!organisation) {
        result.rejected.push({ row: parsed.row, reason: `Controller: is empty, and this workspace has ${organisations.length} organisations; name one` });
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
  };

  const summary = (planned: ImportPlan) => ({
    imported: planned.creates.length,
    updated: planned.updates.length,
    unchanged: planned.unchanged,
    rejected: planned.rejected,
    ignoredColumns: planned.ignoredColumns,
  });

  return {
    previewRegisterImport: async ({ format, content }) => summary(await plan(format, content)),
    importRegister: async ({ format, content }) => {
      const parsed = await parseFile(format, content, vocabularyOf(context.db()));
      // Matched and written in one write transaction (the write lock taken first), with their
      // change-log entries: all or nothing, and never planned against a register another import
      // is changing meanwhile.
      const planned = writeWithLog(context, (log) => {
        const db = context.db();
        const planned = match(parsed);
        for (const { input } of planned.creates) {
          const id = context.newId();
          activities.insertActivity(db, id, input, context.now());
          log('activity', id, 'create', null, { id, ...input });
        }
        for (const { id, before, input } of planned.updates) {
          activities.updateActivity(db, id, input, context.now());
          log('activity', id, 'update', { organisationId: before.organisationId, ...storedFields(before) }, input);
        }
        return planned;
      });
      return summary(planned);
    },
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
      const rows = records.map((record) => registerRowOf(record, vocabulary).map(neutraliseFormula));
      if (format === 'xlsx') {
        // Every cell is written as text, so nothing in the sheet is a formula or a guessed number.
        const sheet = [
          registerHeaders().map((header) => ({ value: header, type: String, fontWeight: 'bold' as const, wrap: true })),
          ...rows.map((row) => row.map((cell) => ({ value: cell, type: String, wrap: true }))),
        ];
        const bytes = await writeXlsxFile(sheet, { sheet: 'Register', stickyRowsCount: 1, columns: registerHeaders().map(() => ({ width: 28 })) }).toBuffer();
        return {
          fileName: `register-${stamp}.xlsx`,
          mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          encoding: 'base64',
          content: bytes.toString('base64'),
        };
      }
      // A byte-order mark, so that spreadsheet programs read the file as UTF-8.
      const table = [registerHeaders(), ...rows];
      return { fileName: `register-${stamp}.csv`, mediaType: 'text/csv', encoding: 'utf8', content: `\uFEFF${Papa.unparse(table, { newline: '\r\n' })}\r\n` };
    },
  };
}
