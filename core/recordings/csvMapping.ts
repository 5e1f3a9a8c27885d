import { z } from 'zod';
import { cdrRowReader, type CallRowReader, type CallRowResult } from './callRows';
import { callLengthLimit, maxCallSeconds, zonedInstant } from './cdr';

/**
 * Saved column mappings: how to read call records from any CSV export (a hosted phone system, a
 * contact-centre tool) into recordings. The user names the columns once, by heading or number,
 * and reuses the mapping for every later file. Pure.
 */
export const csvTimeFormats = ['iso8601', 'ymd-hms', 'dmy-hm', 'mdy-hm', 'epoch-seconds'] as const;
export type CsvTimeFormat = (typeof csvTimeFormats)[number];

/** How each time format is named to people (and in the reasons of rejected lines). */
export const csvTimeFormatLabels: Record<CsvTimeFormat, string> = {
  iso8601: 'ISO 8601 (2026-03-27T09:15:00Z)',
  'ymd-hms': 'YYYY-MM-DD HH:MM:SS',
  'dmy-hm': 'DD/MM/YYYY HH:MM',
  'mdy-hm': 'MM/DD/YYYY HH:MM',
  'epoch-seconds': 'seconds since 1970 (Unix time)',
};

export const csvDelimiters = [',', ';', '\t', '|'] as const;
export const csvDelimiterLabels: Record<(typeof csvDelimiters)[number], string> = { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab', '|': 'Vertical bar' };

/** The call facts a mapping can take from a column, in the order the form shows them. */
export const csvMappingFields = ['start', 'duration', 'billableSeconds', 'answered', 'direction', 'agent', 'callerNumber', 'uniqueid', 'ticketId'] as const;
export type CsvMappingField = (typeof csvMappingFields)[number];
export const csvMappingFieldLabels: Record<CsvMappingField, string> = {
  start: 'call start',
  duration: 'duration',
  billableSeconds: 'billable seconds',
  answered: 'answered or disposition',
  direction: 'direction',
  agent: 'agent',
  callerNumber: 'caller number',
  uniqueid: 'unique call id',
  ticketId: 'ticket id',
};

/** A column by its heading (when the file has a heading row) or by its number, counted from 1. */
const columnSchema = z.union([
  z.number().int('must be a whole column number').min(1, 'columns are counted from 1').max(1000, 'must be at most 1000'),
  z.string().trim().min(1, 'give a heading or a column number').max(200),
]);
const optionalColumn = columnSchema.nullable().default(null);

export const csvMappingInputSchema = z
  .object({
    /** Present when an existing mapping is replaced. */
    id: z.string().min(1).optional(),
    name: z.string().trim().min(1, 'name the mapping').max(100, 'must be at most 100 characters'),
    delimiter: z.enum(csvDelimiters, { message: 'must be a comma, a semicolon, a tab or a vertical bar' }),
    hasHeading: z.boolean(),
    timeFormat: z.enum(csvTimeFormats, { message: `must be one of ${csvTimeFormats.join(', ')}` }),
    columns: z
      .object({
        start: columnSchema,
        duration: optionalColumn,
        billableSeconds: optionalColumn,
        answered: optionalColumn,
        direction: optionalColumn,
        agent: optionalColumn,
        callerNumber: optionalColumn,
        uniqueid: optionalColumn,
        ticketId: optionalColumn,
      })
      .strict(),
  })
  .strict()
  .superRefine((mapping, context) => {
    if (mapping.columns.duration === null && mapping.columns.billableSeconds === null) {
      context.addIssue({ code: 'custom', path: ['columns', 'duration'], message: 'map the duration or the billable seconds' });
    }
    if (!mapping.hasHeading) {
      for (const field of csvMappingFields) {
        if (typeof mapping.columns[field] === 'string') {
          context.addIssue({ code: 'custom', path: ['columns', field], message: 'the file has no heading row: give the column number' });
        }
      }
    }
  });
export type CsvMappingInput = z.output<typeof csvMappingInputSchema>;

/** A saved mapping. */
export interface CsvMapping extends Omit<CsvMappingInput, 'id'> {
  id: string;
  createdAt: string;
  updatedAt: string;
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ymdPattern = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const slashPattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const epochPattern = /^\d{1,11}(\.\d{1,6})?$/;

/**
 * A time as the mapping's format writes it, read in `zone` unless it carries its own offset, as a
 * UTC ISO instant; undefined when it is not such a time or does not exist in the zone's calendar.
 */
export function readMappedTime(text: string, format: CsvTimeFormat, zone: string): string | undefined {
  if (format === 'epoch-seconds') {
    if (!epochPattern.test(text)) return undefined;
    return new Date(Math.round(Number(text) * 1000)).toISOString();
  }
  let parts: [number, number, number, number, number, number] | undefined;
  let offset: string | undefined;
  let fraction = '';
  if (format === 'iso8601') {
    const match = isoPattern.exec(text);
    if (match) {
      parts = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
      fraction = match[7] ?? '';
      offset = match[8];
    }
  } else if (format === 'ymd-hms') {
    const match = ymdPattern.exec(text);
    if (match) parts = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])];
  } else {
    const match = slashPattern.exec(text);
    if (match) {
      const [first, second] = [Number(match[1]), Number(match[2])];
      const [day, month] = format === 'dmy-hm' ? [first, second] : [second, first];
      parts = [Number(match[3]), month, day, Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
    }
  }
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts;
  if (offset === undefined) return zonedInstant(year, month, day, hour, minute, second, zone, `${year}-${month}-${day} ${hour}`);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0);
  if (new Date(local).getUTCDate() !== day) return undefined;
  const sign = offset === 'Z' ? 0 : offset.startsWith('-') ? -1 : 1;
  const digits = offset.replace(/[^\d]/g, '');
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return new Date(local - minutes * 60_000).toISOString();
}

/** Whole seconds, or H:MM:SS; an empty cell is 0. */
function readSeconds(text: string): number | undefined {
  if (text === '') return 0;
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : undefined;
}

const answeredWords = new Set(['answered', 'yes', 'y', 'true', '1', 'connected', 'completed']);
const unansweredWords = new Set(['', 'no answer', 'noanswer', 'not answered', 'no', 'n', 'false', '0', 'busy', 'failed', 'missed', 'abandoned', 'cancelled', 'canceled', 'congestion', 'voicemail']);
const directionWords: Record<string, 'inbound' | 'outbound' | 'internal'> = {
  in: 'inbound', inbound: 'inbound', incoming: 'inbound', i: 'inbound',
  out: 'outbound', outbound: 'outbound', outgoing: 'outbound', o: 'outbound',
  internal: 'internal', local: 'internal', extension: 'internal',
};

/**
 * A reader for files of a saved mapping. Headings are matched without regard to case or the spaces
 * around them. Calls that were not answered, or have no billable seconds, are skipped (they have no
 * recording); a line that cannot be read is rejected, naming the mapped column at fault. Without a
 * direction column calls count as inbound; without an answered column a call with billable seconds
 * (or, failing that, a duration) was answered.
 */
export function mappedRowReader(mapping: Pick<CsvMapping, 'delimiter' | 'hasHeading' | 'timeFormat' | 'columns'>, zone: string): CallRowReader {
  const indexes = new Map<CsvMappingField, number>();
  const names = new Map<CsvMappingField, string>();
  for (const field of csvMappingFields) {
    const column = mapping.columns[field];
    if (typeof column === 'number') {
      indexes.set(field, column - 1);
      names.set(field, `${csvMappingFieldLabels[field]} (column ${column})`);
    } else if (typeof column === 'string') {
      names.set(field, `${csvMappingFieldLabels[field]} (column "${column}")`);
    }
  }
  let widest = Math.max(-1, ...indexes.values());
  const at = (field: CsvMappingField, cells: readonly string[]): string | null => {
    const index = indexes.get(field);
    return index === undefined ? null : (cells[index] ?? '').trim();
  };
  const reject = (field: CsvMappingField, problem: string): CallRowResult => ({ kind: 'rejected', reason: `${names.get(field)}: ${problem}` });
  return {
    delimiter: mapping.delimiter,
    hasHeading: mapping.hasHeading,
    heading(cells) {
      const headings = cells.map((cell) => cell.trim().toLowerCase());
      const missing: string[] = [];
      for (const field of csvMappingFields) {
        const column = mapping.columns[field];
        if (typeof column !== 'string') continue;
        const index = headings.indexOf(column.trim().toLowerCase());
        if (index === -1) missing.push(`"${column}" (${csvMappingFieldLabels[field]})`);
        else indexes.set(field, index);
      }
      widest = Math.max(-1, ...indexes.values());
      return missing.length ? `the heading row has no column ${missing.join(', ')}; its headings are ${cells.map((cell) => `"${cell}"`).join(', ')}` : null;
    },
    read(cells) {
      if (cells.length <= widest) return { kind: 'rejected', reason: `has ${cells.length} columns; the mapping reads column ${widest + 1}` };
      const startText = at('start', cells)!;
      const start = readMappedTime(startText, mapping.timeFormat, zone);
      if (start === undefined) return reject('start', `"${startText}" is not a date and time as ${csvTimeFormatLabels[mapping.timeFormat]}`);
      const seconds = (field: 'duration' | 'billableSeconds') => {
        const text = at(field, cells);
        return text === null ? null : readSeconds(text);
      };
      const duration = seconds('duration');
      if (duration === undefined) return reject('duration', `"${at('duration', cells)}" is not a whole number of seconds (or H:MM:SS)`);
      if (duration !== null && duration > maxCallSeconds) return reject('duration', `"${at('duration', cells)}" is out of range (${callLengthLimit})`);
      const billable = seconds('billableSeconds');
      if (billable === undefined) return reject('billableSeconds', `"${at('billableSeconds', cells)}" is not a whole number of seconds (or H:MM:SS)`);
      if (billable !== null && billable > maxCallSeconds) return reject('billableSeconds', `"${at('billableSeconds', cells)}" is out of range (${callLengthLimit})`);
      const answeredText = at('answered', cells);
      let answered: boolean;
      if (answeredText === null) answered = (billable ?? duration ?? 0) > 0;
      else if (answeredWords.has(answeredText.toLowerCase())) answered = true;
      else if (unansweredWords.has(answeredText.toLowerCase())) answered = false;
      else return reject('answered', `"${answeredText}" is neither an answered flag (yes/no, true/false, 1/0) nor a disposition (ANSWERED, NO ANSWER, BUSY, FAILED)`);
      const directionText = at('direction', cells);
      const direction = directionText === null ? 'inbound' : directionWords[directionText.toLowerCase()];
      if (!direction) return reject('direction', `"${directionText}" is not a direction (inbound, outbound or internal)`);
      const billableSeconds = billable ?? duration ?? 0;
      if (!answered) return { kind: 'skipped', reason: `not answered (${answeredText || 'no answer'})` };
      if (billableSeconds === 0) return { kind: 'skipped', reason: 'no billable seconds' };
      const text = (field: CsvMappingField) => at(field, cells) || null;
      const uniqueid = text('uniqueid');
      const callerNumber = text('callerNumber');
      const agent = text('agent');
      return {
        kind: 'call',
        call: {
          key: uniqueid ?? `${start}|${callerNumber ?? ''}|${agent ?? ''}|${duration ?? billableSeconds}`,
          uniqueid,
          start,
          durationSeconds: duration ?? billableSeconds,
          billableSeconds,
          direction,
          agent,
          callerNumber,
          ticketId: text('ticketId'),
        },
      };
    },
  };
}

/** A row reader described as data, so another thread can make the same one: a saved mapping's columns, or Asterisk's Master.csv. */
export interface CallReaderSpec {
  mapping: Pick<CsvMapping, 'delimiter' | 'hasHeading' | 'timeFormat' | 'columns'> | null;
  zone: string;
}

/** The row reader a spec describes. */
export const readerOf = (spec: CallReaderSpec): CallRowReader => (spec.mapping ? mappedRowReader(spec.mapping, spec.zone) : cdrRowReader(spec.zone));
