import { createHash, randomUUID } from 'node:crypto';
import { appendChange } from '../db/repositories/changeLog';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { WorkbenchError } from '../core/contract';
import type { CallRowReader } from '../core/recordings/callRows';
import { splitCsvLine } from '../core/recordings/csvLine';
import { retentionByCallDay, retentionOf, type RecordingRetentionRule } from '../core/recordings/retention';
import { activeHolds, applyHold } from '../db/repositories/holds';
import { recordingCount, recordingInserter, setRecordingIndexesAside, ticketRetentionUpdater } from '../db/repositories/recordings';
import { listRetentionRules } from '../db/repositories/retentionRules';
import type { Db } from '../db/types';
import { callerCountryOf, callerKey, callerRefOf, canonicalNumber } from './callerRef';

export interface CallImportOptions {
  zone: string;
  purposes: string[];
  /** Keep callers' numbers as they are instead of a keyed hash (a choice the DPO makes and can justify). */
  keepNumbers: boolean;
  /** Who imports, for the change log's one entry per import. */
  actor: string;
  /** Called after each chunk of the file. */
  onProgress?(progress: { bytesRead: number; totalBytes: number; lines: number }): void;
  /** Checked after each chunk: true stops the import and writes nothing. */
  shouldCancel?(): boolean;
  /** Keep at most this many rejected lines in the result; every one is still counted. */
  rejectedLimit?: number;
}

export interface CallImportResult {
  imported: number;
  duplicates: number;
  skipped: number;
  /** The first rejected lines (all of them unless a limit was given). */
  rejected: Array<{ line: number; reason: string }>;
  /** Every rejected line, listed or not. */
  rejectedCount: number;
  cancelled: boolean;
}

class Cancelled extends Error {}

/** The keyed hash of a number in its canonical form (international where it can be read), remembered for callers who call again. */
function callerHasher(key: Buffer, country: string | null): (number: string) => string {
  const known = new Map<string, string>();
  return (number) => {
    let hash = known.get(number);
    if (hash === undefined) {
      hash = callerRefOf(key, canonicalNumber(number, country));
      if (known.size >= 100_000) known.clear();
      known.set(number, hash);
    }
    return hash;
  };
}

const chunkBytes = 1024 * 1024;
/** From about this many lines an import takes the bulk path (db/repositories/recordings.ts setRecordingIndexesAside). */
const bulkImportRows = 20_000;

/**
 * Imports a file of call records through a row reader (Asterisk's Master.csv or a saved mapping).
 * The file is read in chunks, line by line (memory does not grow with it), and written in one
 * transaction: a cancel, or any failure, leaves the workspace as it was. Calls already in the
 * register (same key) are counted as duplicates, so importing the same file again adds nothing.
 * Active legal holds then cover the new recordings their scope reaches. A quoted field cannot
 * span lines: each line is one record.
 */
export function importCallFile(db: Db, path: string, reader: CallRowReader, options: CallImportOptions, now: string): CallImportResult {
  const rules: RecordingRetentionRule[] = listRetentionRules(db);
  const rejectedLimit = options.rejectedLimit ?? Number.POSITIVE_INFINITY;
  const result: CallImportResult = { imported: 0, duplicates: 0, skipped: 0, rejected: [], rejectedCount: 0, cancelled: false };
  const totalBytes = statSync(path).size;
  const purposesJson = JSON.stringify(options.purposes);
  const sourceFile = basename(path);
  const retention = retentionByCallDay(options.purposes, rules);
  const papaOptions = { delimiter: reader.delimiter };
  try {
    db.transaction(() => {
      const lastIdBefore = (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM recordings`).get() as { id: number }).id;
      // A large file (about 200 bytes a line) goes in by the bulk path: bucket trigger set aside, and
      // secondary indexes too when it brings at least a quarter as many rows as the register holds.
      const expectedRows = totalBytes / 200;
      const restore =
        expectedRows >= bulkImportRows ? setRecordingIndexesAside(db, { indexes: lastIdBefore === 0 || expectedRows >= recordingCount(db) / 4 }) : null;
      const insert = recordingInserter(db);
      const country = callerCountryOf(db);
      const hash = options.keepNumbers ? null : callerHasher(callerKey(db), country);
      const fileHash = createHash('sha256');
      const handle = openSync(path, 'r');
      const buffer = Buffer.alloc(chunkBytes);
      const decoder = new StringDecoder('utf8');
      let carry = '';
      let line = 0;
      let bytesRead = 0;
      let headingDone = !reader.hasHeading;
      const reject = (lineNumber: number, reason: string) => {
        result.rejectedCount += 1;
        if (result.rejected.length < rejectedLimit) result.rejected.push({ line: lineNumber, reason });
      };
      const take = (text: string, lineNumber: number) => {
        if (text === '') return;
        const cells = splitCsvLine(text, reader.delimiter) ?? Papa.parse<string[]>(text, papaOptions).data[0] ?? [''];
        if (cells.length === 1 && cells[0] === '') return;
        if (!headingDone) {
          headingDone = true;
          const problem = reader.heading(cells);
          if (problem) throw new WorkbenchError('invalid-input', `line ${lineNumber}: ${problem}`, 'mappingId');
          return;
        }
        const parsed = reader.read(cells);
        if (parsed.kind === 'skipped') {
          result.skipped += 1;
          return;
        }
        if (parsed.kind === 'rejected') {
          reject(lineNumber, parsed.reason);
          return;
        }
        const call = parsed.call;
        const { earliestDeletion, latestDeletion, conflict } = retention(call.start);
        const number = call.callerNumber;
        insert.add({
          callKey: call.key,
          uniqueid: call.uniqueid,
          callStart: call.start,
          zone: options.zone,
          durationSeconds: call.durationSeconds,
          billableSeconds: call.billableSeconds,
          direction: call.direction,
          agent: call.agent,
          callerRef: number ? (hash ? hash(number) : number) : null,
          callerRefKind: number ? (hash ? 'hash' : 'number') : 'none',
          ticketId: call.ticketId,
          purposesJson,
          earliestDeleteAt: earliestDeletion,
          latestDeleteAt: latestDeletion,
          retentionConflict: conflict ? 1 : 0,
          sourceFile,
          sourceLine: lineNumber,
          importedAt: now,
        });
      };
      /** Takes every whole line of `text` and keeps the unfinished rest. */
      const takeLines = (text: string) => {
        let from = 0;
        for (;;) {
          const end = text.indexOf('\n', from);
          if (end === -1) break;
          line += 1;
          take(text.charCodeAt(end - 1) === 13 ? text.slice(from, end - 1) : text.slice(from, end), line);
          from = end + 1;
        }
        carry = text.slice(from);
      };
      try {
        for (;;) {
          const count = readSync(handle, buffer, 0, chunkBytes, null);
          if (count === 0) break;
          fileHash.update(buffer.subarray(0, count));
          const first = bytesRead === 0;
          bytesRead += count;
          let text = carry + decoder.write(buffer.subarray(0, count));
          if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          takeLines(text);
          options.onProgress?.({ bytesRead, totalBytes, lines: line });
          if (options.shouldCancel?.()) throw new Cancelled();
        }
        const rest = (carry + decoder.end()).replace(/\r$/, '');
        if (rest) {
          line += 1;
          take(rest, line);
        }
        options.onProgress?.({ bytesRead, totalBytes, lines: line });
        insert.flush();
        result.imported = insert.inserted;
        result.duplicates = insert.duplicates;
        // Indexes, trigger and buckets as they must be before anything reads or updates the new rows.
        restore?.(lastIdBefore);
        // New calls on tickets already known take the ticket's state and closing time, and the dates they give.
        inheritTicketStates(db, lastIdBefore, rules);
        for (const hold of activeHolds(db)) applyHold(db, hold.id, hold.scope);
        // One change-log entry for the whole import: the file (name, size, SHA-256) and what came of it.
        appendChange(db, {
          at: now,
          actor: options.actor,
          entity: 'call-import',
          entityId: randomUUID(),
          action: 'create',
          before: null,
          after: {
            file: sourceFile,
            bytes: bytesRead,
            sha256: fileHash.digest('hex'),
            zone: options.zone,
            purposes: options.purposes,
            keepNumbers: options.keepNumbers,
            imported: result.imported,
            duplicates: result.duplicates,
            skipped: result.skipped,
            rejected: result.rejectedCount,
          },
        });
      } finally {
        closeSync(handle);
      }
    })();
  } catch (error) {
    if (error instanceof Cancelled) return { imported: 0, duplicates: 0, skipped: 0, rejected: [], rejectedCount: 0, cancelled: true };
    throw error;
  }
  return result;
}

/**
 * Gives the recordings imported after `lastIdBefore` whose ticket is already known (its state set
 * on earlier recordings) that ticket's state and closing time, and recomputes their deletion dates:
 * a call that joins a closed ticket counts its ticket-closure rules from that closure at once.
 */
function inheritTicketStates(db: Db, lastIdBefore: number, rules: readonly RecordingRetentionRule[]): void {
  const rows = db
    .prepare(
      `SELECT n.id, n.call_start, n.purposes_json, k.ticket_state, k.ticket_closed_at
       FROM recordings n
       JOIN (SELECT ticket_id, ticket_state, ticket_closed_at FROM recordings
             WHERE ticket_state IS NOT NULL AND id <= ? AND ticket_id IN (SELECT DISTINCT ticket_id FROM recordings WHERE id > ? AND ticket_id IS NOT NULL)
             GROUP BY ticket_id) k ON k.ticket_id = n.ticket_id
       WHERE n.id > ?`,
    )
    .all(lastIdBefore, lastIdBefore, lastIdBefore) as Array<{ id: number; call_start: string; purposes_json: string; ticket_state: string; ticket_closed_at: string | null }>;
  const update = ticketRetentionUpdater(db);
  for (const row of rows) {
    const outcome = retentionOf({ callStart: row.call_start, purposes: JSON.parse(row.purposes_json) as string[], ticketClosedAt: row.ticket_closed_at }, rules);
    update(row.ticket_state, row.ticket_closed_at, outcome.earliestDeletion, outcome.latestDeletion, outcome.conflict ? 1 : 0, row.id);
  }
}
