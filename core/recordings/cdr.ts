import { daysInMonth, instantOfWallClock, offsetAt } from '../incidents/calendar';

/**
 * Asterisk call-detail records as cdr_csv writes them to Master.csv: accountcode, src, dst,
 * dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec,
 * disposition, amaflags, then uniqueid and userfield when cdr.conf enables them (16, 17 or 18
 * columns). Dates are "YYYY-MM-DD HH:MM:SS" in the server's local time, or UTC with usegmtime=yes.
 * Pure: the caller splits the file into rows (with a CSV parser) and passes the zone.
 */
export const cdrColumns = [
  'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata',
  'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield',
] as const;

const columnIndex = Object.fromEntries(cdrColumns.map((name, index) => [name, index])) as Record<(typeof cdrColumns)[number], number>;

export interface CallRecord {
  /** Asterisk's uniqueid, or a key made of the call's own fields when the file has none. */
  key: string;
  uniqueid: string | null;
  source: string;
  destination: string;
  channel: string;
  destinationChannel: string;
  /** UTC ISO instant. */
  start: string;
  answer: string | null;
  durationSeconds: number;
  billableSeconds: number;
  /** Calls into the desk (from outside to an extension) are inbound; the dialplan context decides. */
  direction: 'inbound' | 'outbound' | 'internal';
  agent: string | null;
  userfield: string | null;
}

export type CdrRowResult = { kind: 'call'; call: CallRecord } | { kind: 'skipped'; reason: string } | { kind: 'rejected'; reason: string };

const dateTime = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The zone's offset for each local hour, computed once: a call-detail file has millions of rows
 * but only thousands of distinct hours, and resolving a zone is the costly part of a row.
 */
const hourOffsets = new Map<string, Map<string, number | null>>();

/** The value of the digits of `text` from `from` to `to` (the format is checked before). */
const digitsAt = (text: string, from: number, to: number) => {
  let value = 0;
  for (let index = from; index < to; index += 1) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
};

/** "2026-03-27 14:05:09" in a zone (or UTC) as a UTC ISO instant; null when empty; undefined when malformed. */
export function cdrInstant(text: string, zone: string): string | null | undefined {
  if (text === '') return null;
  // Read by position once the shape is checked: this runs twice for each of millions of rows.
  if (!dateTime.test(text)) return undefined;
  return zonedInstant(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10), digitsAt(text, 11, 13), digitsAt(text, 14, 16), digitsAt(text, 17, 19), zone, text.slice(0, 13));
}

/**
 * A local date and time in a zone as a UTC ISO instant; undefined when it does not exist (31
 * February, 25:00). `hourKey` names the local hour for the offset cache (any text unique to it).
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string, hourKey: string): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  let hours = hourOffsets.get(zone);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(zone, hours);
  }
  let offset = hours.get(hourKey);
  if (offset === undefined) {
    // One offset for the whole local hour, unless the clocks change within it (then resolved each time).
    const start = Date.UTC(year, month - 1, day, hour);
    const first = instantOfWallClock(start, zone);
    // Cached when the hour's first instant shows its start and the zone's offset is the same at its last.
    const exact = first + offsetAt(first, zone) === start && offsetAt(first + 3_599_999, zone) === offsetAt(first, zone);
    offset = exact ? first - start : null;
    if (hours.size > 100_000) hours.clear();
    hours.set(hourKey, offset);
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Computed from the zone's offsets alone: the same instant on every computer, whatever its own zone.
  return new Date(offset !== null ? wall + offset : instantOfWallClock(wall, zone)).toISOString();
}

/** SIP/1001-00000012 → 1001: the extension of a channel, taken as the agent. */
const extensionOf = (channel: string): string | null => /^[A-Za-z0-9]+\/([^-@/]+)/.exec(channel)?.[1] ?? null;

/** The longest call a row may describe: a week. A longer one is a broken row (and 1e20 seconds would not fit an SQLite integer). */
export const maxCallSeconds = 7 * 86_400;
export const callLengthLimit = `a call lasts at most ${maxCallSeconds} seconds, 7 days`;

/**
 * Reads one Master.csv row. Only answered calls with billable seconds have a recording: the others
 * are skipped, not rejected. A row that is not a CDR is rejected with the column at fault.
 */
export function parseCdrRow(cells: readonly string[], zone: string): CdrRowResult {
  if (cells.length !== 16 && cells.length !== 17 && cells.length !== 18) {
    return { kind: 'rejected', reason: `has ${cells.length} columns; a Master.csv row has 16, 17 (uniqueid) or 18 (uniqueid, userfield)` };
  }
  const cell = (name: (typeof cdrColumns)[number]) => cells[columnIndex[name]] ?? '';
  const whole = (name: 'duration' | 'billsec') => {
    const text = cell(name);
    return /^\d+$/.test(text) ? Number(text) : undefined;
  };
  const duration = whole('duration');
  if (duration === undefined) return { kind: 'rejected', reason: `duration: "${cell('duration')}" is not a whole number of seconds` };
  if (duration > maxCallSeconds) return { kind: 'rejected', reason: `duration: "${cell('duration')}" is out of range (${callLengthLimit})` };
  const billsec = whole('billsec');
  if (billsec === undefined) return { kind: 'rejected', reason: `billsec: "${cell('billsec')}" is not a whole number of seconds` };
  if (billsec > maxCallSeconds) return { kind: 'rejected', reason: `billsec: "${cell('billsec')}" is out of range (${callLengthLimit})` };
  const start = cdrInstant(cell('start'), zone);
  if (start === undefined || start === null) return { kind: 'rejected', reason: `start: "${cell('start')}" is not a date and time as YYYY-MM-DD HH:MM:SS` };
  const answer = cdrInstant(cell('answer'), zone);
  if (answer === undefined) return { kind: 'rejected', reason: `answer: "${cell('answer')}" is not a date and time as YYYY-MM-DD HH:MM:SS` };
  const disposition = cell('disposition');
  if (disposition !== 'ANSWERED' || billsec === 0) {
    return { kind: 'skipped', reason: disposition !== 'ANSWERED' ? `not answered (${disposition || 'no disposition'})` : 'no billable seconds' };
  }
  const uniqueid = cells.length >= 17 ? cell('uniqueid') || null : null;
  const context = cell('dcontext').toLowerCase();
  const direction = /from-(pstn|trunk|external)|inbound|incoming/.test(context) ? 'inbound' : /outbound|from-internal.*out|outgoing/.test(context) ? 'outbound' : /^\d+$/.test(cell('src')) && cell('src').length > 6 ? 'inbound' : 'internal';
  const agentChannel = direction === 'inbound' ? cell('dstchannel') : cell('channel');
  return {
    kind: 'call',
    call: {
      key: uniqueid ?? `${start}|${cell('src')}|${cell('dst')}|${cell('channel')}`,
      uniqueid,
      source: cell('src'),
      destination: cell('dst'),
      channel: cell('channel'),
      destinationChannel: cell('dstchannel'),
      start,
      answer,
      durationSeconds: duration,
      billableSeconds: billsec,
      direction,
      agent: extensionOf(agentChannel),
      userfield: cells.length === 18 ? cell('userfield') || null : null,
    },
  };
}
