import Papa from 'papaparse';
import { z } from 'zod';
import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { activityInputSchema, type Activity, type ActivityInput } from '../core/register/model';
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
import { writeWithLog, type ServiceContext } from './session';

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

function parseFile(format: RegisterFileFormat, content: string): { rows: Array<ParsedRow | { row: number; reason: string }>; ignoredColumns: string[] } {
  if (format === 'xlsx') {
    throw new WorkbenchError('invalid-input', 'XLSX files cannot be imported by this version yet; save the sheet as CSV (UTF-8) and import that.', 'format');
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
  const [headers, ...data] = table.data;
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
    const row = index + 2;
    if (cells.every((value) => !value.trim())) return;
    if (cells.length < headers.length) {
      rows.push({ row, reason: `has ${cells.length} cells but the heading row has ${headers.length}; a cell is missing (check the commas or quotes)` });
    } else rows.push(parseRegisterRow(cells, byKey, row));
  });
  return { ignoredColumns: ignored, rows };
}

const comparable = (fields: Fields) => JSON.stringify(fields);
const storedFields = (activity: Activity): Fields => {
  const { id: _id, organisationId: _organisationId, organisationName: _organisationName, processors: _processors, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = activity;
  return fields;
};

export function transferHandlers(context: ServiceContext): TransferHandlers {
  /** Works out, without writing, what an import would create, update and reject. */
  const plan = (format: RegisterFileFormat, content: string): ImportPlan => {
    const db = context.db();
    const { rows, ignoredColumns } = parseFile(format, content);
    const organisations = listOrganisations(db);
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
    previewRegisterImport: ({ format, content }) => summary(plan(format, content)),
    importRegister: ({ format, content }) => {
      const planned = plan(format, content);
      // All accepted rows in one transaction with their change-log entries: all or nothing.
      writeWithLog(context, (log) => {
        const db = context.db();
        for (const { input } of planned.creates) {
          const id = context.newId();
          activities.insertActivity(db, id, input, context.now());
          log('activity', id, 'create', null, { id, ...input });
        }
        for (const { id, before, input } of planned.updates) {
          activities.updateActivity(db, id, input, context.now());
          log('activity', id, 'update', { organisationId: before.organisationId, ...storedFields(before) }, input);
        }
      });
      return summary(planned);
    },
    exportRegister: ({ format }) => {
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
        };
        return { fileName: `register-${stamp}.json`, mediaType: 'application/json', content: `${JSON.stringify(register, null, 2)}\n` };
      }
      if (format === 'xlsx') {
        throw new WorkbenchError('invalid-input', 'XLSX export is not available in this version yet; export CSV, which spreadsheets open.', 'format');
      }
      const table = [registerHeaders(), ...records.map(registerRowOf)].map((row) => row.map(neutraliseFormula));
      // A byte-order mark, so that spreadsheet programs read the file as UTF-8.
      return { fileName: `register-${stamp}.csv`, mediaType: 'text/csv', content: `\uFEFF${Papa.unparse(table, { newline: '\r\n' })}\r\n` };
    },
  };
}
