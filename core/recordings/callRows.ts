import { parseCdrRow } from './cdr';

/** One call as every import source delivers it to the import pipeline. */
export interface ImportedCall {
  /** The duplicate key: the phone system's unique id, or a key made of the call's own fields. */
  key: string;
  uniqueid: string | null;
  /** UTC ISO instant. */
  start: string;
  durationSeconds: number;
  billableSeconds: number;
  direction: 'inbound' | 'outbound' | 'internal';
  agent: string | null;
  /** The other party's number (the caller of an inbound call, the called number of an outbound one). */
  callerNumber: string | null;
  ticketId: string | null;
}

export type CallRowResult = { kind: 'call'; call: ImportedCall } | { kind: 'skipped'; reason: string } | { kind: 'rejected'; reason: string };

/** Turns the cells of one line into a call; a source (Asterisk, a saved mapping) is one reader. */
export interface CallRowReader {
  delimiter: string;
  /** The first line is a heading row, given to `heading` instead of `read`. */
  hasHeading: boolean;
  /** Takes the heading row; returns what is wrong with it (a mapped column it lacks), or null. */
  heading(cells: readonly string[]): string | null;
  read(cells: readonly string[]): CallRowResult;
}

/** Asterisk cdr_csv's Master.csv: no heading, commas, the zone the server wrote its times in. */
export function cdrRowReader(zone: string): CallRowReader {
  return {
    delimiter: ',',
    hasHeading: false,
    heading: () => null,
    read(cells) {
      const parsed = parseCdrRow(cells, zone);
      if (parsed.kind !== 'call') return parsed;
      const call = parsed.call;
      return {
        kind: 'call',
        call: {
          key: call.key,
          uniqueid: call.uniqueid,
          start: call.start,
          durationSeconds: call.durationSeconds,
          billableSeconds: call.billableSeconds,
          direction: call.direction,
          agent: call.agent,
          callerNumber: (call.direction === 'inbound' ? call.source : call.destination) || null,
          ticketId: call.userfield,
        },
      };
    },
  };
}
