import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { isKnownZone } from '../core/incidents/calendar';
import { parseCdrRow } from '../core/recordings/cdr';
import { retentionOf, type RecordingRetentionRule } from '../core/recordings/retention';
import { activeHolds, applyHold } from '../db/repositories/holds';
import { recordingInserter, sweepCounts } from '../db/repositories/recordings';
import { listRetentionRules } from '../db/repositories/retentionRules';
import { readWorkspaceMeta, writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';
import type { ServiceContext } from './session';

type RecordingHandlers = Pick<Handlers, 'importCallRecords' | 'sweepRecordings'>;

export interface CdrImportOptions {
  zone: string;
  purposes: string[];
  /** Keep callers' numbers as they are instead of a keyed hash (a choice the DPO makes and can justify). */
  keepNumbers: boolean;
  /** Called after each chunk of the file. */
  onProgress?(progress: { bytesRead: number; totalBytes: number; lines: number }): void;
  /** Checked after each chunk: true stops the import and writes nothing. */
  shouldCancel?(): boolean;
}

export interface CdrImportResult {
  imported: number;
  duplicates: number;
  skipped: number;
  rejected: Array<{ line: number; reason: string }>;
  cancelled: boolean;
}

class Cancelled extends Error {}

/** The workspace's key for callers' numbers, made on first use and kept in the workspace. */
function callerKey(db: Db): Buffer {
  const stored = readWorkspaceMeta(db).caller_ref_key;
  if (stored) return Buffer.from(stored, 'hex');
  const key = randomBytes(32);
  writeWorkspaceMeta(db, 'caller_ref_key', key.toString('hex'));
  return key;
}

/** A caller's number as the register keeps it: a keyed hash of its digits (and +), or the number itself without a key. */
export function callerRefOf(key: Buffer | null, number: string): string {
  return key ? createHmac('sha256', key).update(number.replace(/[^\d+]/g, '')).digest('hex').slice(0, 32) : number;
}

const chunkBytes = 4 * 1024 * 1024;

/**
 * Imports an Asterisk Master.csv. The file is read in chunks (memory does not grow with it) and
 * written in one transaction: a cancel, or any failure, leaves the workspace as it was. Calls
 * already in the register (same uniqueid, or the same call fields without one) are counted as
 * duplicates, so importing the same file again adds nothing.
 */
export function importCdrFile(db: Db, path: string, options: CdrImportOptions, now: string): CdrImportResult {
  if (!existsSync(path)) throw new WorkbenchError('not-found', `${path} does not exist.`, 'path');
  if (!isKnownZone(options.zone)) throw new WorkbenchError('invalid-input', `zone: "${options.zone}" is not an IANA time zone such as Europe/Paris`, 'zone');
  const rules: RecordingRetentionRule[] = listRetentionRules(db);
  const result: CdrImportResult = { imported: 0, duplicates: 0, skipped: 0, rejected: [], cancelled: false };
  const totalBytes = statSync(path).size;
  const purposesJson = JSON.stringify(options.purposes);
  const sourceFile = basename(path);
  try {
    db.transaction(() => {
      const insert = recordingInserter(db);
      const key = options.keepNumbers ? null : callerKey(db);
      const handle = openSync(path, 'r');
      const buffer = Buffer.alloc(chunkBytes);
      const decoder = new StringDecoder('utf8');
      let carry = '';
      let line = 0;
      let bytesRead = 0;
      const take = (cells: string[], lineNumber: number) => {
        if (cells.length === 1 && cells[0] === '') return;
        const parsed = parseCdrRow(cells, options.zone);
        if (parsed.kind === 'skipped') {
          result.skipped += 1;
          return;
        }
        if (parsed.kind === 'rejected') {
          result.rejected.push({ line: lineNumber, reason: parsed.reason });
          return;
        }
        const call = parsed.call;
        const retention = retentionOf({ callStart: call.start, purposes: options.purposes, ticketClosedAt: null }, rules);
        const number = call.direction === 'inbound' ? call.source : call.destination;
        const inserted = insert({
          callKey: call.key,
          uniqueid: call.uniqueid,
          callStart: call.start,
          zone: options.zone,
          durationSeconds: call.durationSeconds,
          billableSeconds: call.billableSeconds,
          direction: call.direction,
          agent: call.agent,
          callerRef: number ? callerRefOf(key, number) : null,
          callerRefKind: number ? (key ? 'hash' : 'number') : 'none',
          ticketId: call.userfield,
          purposesJson,
          earliestDeleteAt: retention.earliestDeletion,
          latestDeleteAt: retention.latestDeletion,
          retentionConflict: retention.conflict ? 1 : 0,
          sourceFile,
          sourceLine: lineNumber,
          importedAt: now,
        });
        if (inserted) result.imported += 1;
        else result.duplicates += 1;
      };
      /** Parses whole lines; if a quoted field ever spans lines, each line is read on its own instead. */
      const parseLines = (lines: string[]) => {
        const table = Papa.parse<string[]>(lines.join('\n'), { skipEmptyLines: false }).data;
        if (table.length === lines.length) {
          table.forEach((cells, index) => take(cells, line + index + 1));
        } else {
          lines.forEach((text, index) => take(Papa.parse<string[]>(text).data[0] ?? [''], line + index + 1));
        }
        line += lines.length;
      };
      try {
        for (;;) {
          const count = readSync(handle, buffer, 0, chunkBytes, null);
          if (count === 0) break;
          bytesRead += count;
          const text = carry + decoder.write(buffer.subarray(0, count));
          const lastBreak = text.lastIndexOf('\n');
          if (lastBreak === -1) {
            carry = text;
            continue;
          }
          carry = text.slice(lastBreak + 1);
          parseLines(text.slice(0, lastBreak).replace(/\r$/gm, '').split('\n'));
          options.onProgress?.({ bytesRead, totalBytes, lines: line });
          if (options.shouldCancel?.()) throw new Cancelled();
        }
        const rest = (carry + decoder.end()).replace(/\r$/, '');
        if (rest) parseLines([rest]);
        options.onProgress?.({ bytesRead, totalBytes, lines: line });
        // Active legal holds cover the new recordings their scope reaches.
        for (const hold of activeHolds(db)) applyHold(db, hold.id, hold.scope);
      } finally {
        closeSync(handle);
      }
    })();
  } catch (error) {
    if (error instanceof Cancelled) return { imported: 0, duplicates: 0, skipped: 0, rejected: [], cancelled: true };
    throw error;
  }
  return result;
}

export function recordingHandlers(context: ServiceContext): RecordingHandlers {
  return {
    importCallRecords: ({ path, zone, purposes, keepNumbers }) => importCdrFile(context.db(), path, { zone, purposes, keepNumbers }, context.now()),
    sweepRecordings: ({ now }) => sweepCounts(context.db(), now ? new Date(now).toISOString() : context.now()),
  };
}
