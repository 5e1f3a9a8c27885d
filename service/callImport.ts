import { createHash, randomUUID } from 'node:crypto';
import { appendChange } from '../db/repositories/changeLog';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import { WorkbenchError } from '../core/contract';
import type { CallRowReader } from '../core/recordings/callRows';
import type { CallReaderSpec } from '../core/recordings/csvMapping';
import { splitCsvLine } from '../core/recordings/csvLine';
import { retentionByCallDay, retentionOf, type RecordingRetentionRule } from '../core/recordings/retention';
import { activeHolds, applyHold } from '../db/repositories/holds';
import { lastRecordingId, newRecordingsOfKnownTickets, recordingCount, recordingInserter, setRecordingIndexesAside, ticketRetentionUpdater } from '../db/repositories/recordings';
import { listRetentionRules } from '../db/repositories/retentionRules';
import type { Db } from '../db/types';
import { callerCountryOf, callerKey, callerRefOf, canonicalNumber } from './callerRef';
import type { CallReadData, CallReadMessage } from './callReadWorker';

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

export class Cancelled extends Error {}

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

/** What reading a call file needs from the workspace, read before it starts: plain data, so it can cross to the reading thread. */
export interface CallFileSetup {
  path: string;
  zone: string;
  purposes: string[];
  /** The workspace's key for callers' numbers (hex), or null to keep numbers as they are. */
  callerKey: string | null;
  /**
   * Leave the numbers to be hashed by whoever takes the rows (the writing thread, which has time to
   * spare while the reading thread parses): the caller_ref value is the number, its kind 'hash'.
   */
  hashLater?: boolean;
  country: string | null;
  rules: RecordingRetentionRule[];
  now: string;
  rejectedLimit: number;
}

/** What reading the whole file found, besides the calls it handed on. */
export interface CallFileSummary {
  lines: number;
  bytesRead: number;
  sha256: string;
  skipped: number;
  rejected: Array<{ line: number; reason: string }>;
  rejectedCount: number;
}

/**
 * Reads a file of call records through a row reader, line by line in chunks (memory does not grow
 * with the file), and hands each call on as the 18 values of a recordings row (db/repositories/
 * recordings.ts `recordingColumns` order). Touches no database: the import runs it on its own
 * thread or on a second one. A quoted field cannot span lines: each line is one record.
 */
export function readCallFile(
  setup: CallFileSetup,
  reader: CallRowReader,
  emit: (row: unknown[]) => void,
  hooks: { onProgress?(progress: { bytesRead: number; totalBytes: number; lines: number }): void; shouldCancel?(): boolean } = {},
): CallFileSummary {
  const totalBytes = statSync(setup.path).size;
  const purposesJson = JSON.stringify(setup.purposes);
  const sourceFile = basename(setup.path);
  const retention = retentionByCallDay(setup.purposes, setup.rules);
  const papaOptions = { delimiter: reader.delimiter };
  const hash = setup.callerKey === null ? null : setup.hashLater ? (number: string) => number : callerHasher(Buffer.from(setup.callerKey, 'hex'), setup.country);
  const summary: CallFileSummary = { lines: 0, bytesRead: 0, sha256: '', skipped: 0, rejected: [], rejectedCount: 0 };
  const fileHash = createHash('sha256');
  const handle = openSync(setup.path, 'r');
  const buffer = Buffer.alloc(chunkBytes);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = 0;
  let bytesRead = 0;
  let headingDone = !reader.hasHeading;
  const reject = (lineNumber: number, reason: string) => {
    summary.rejectedCount += 1;
    if (summary.rejected.length < setup.rejectedLimit) summary.rejected.push({ line: lineNumber, reason });
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
      summary.skipped += 1;
      return;
    }
    if (parsed.kind === 'rejected') {
      reject(lineNumber, parsed.reason);
      return;
    }
    const call = parsed.call;
    const { earliestDeletion, latestDeletion, conflict } = retention(call.start);
    const number = call.callerNumber;
    emit([
      call.key,
      call.uniqueid,
      call.start,
      setup.zone,
      call.durationSeconds,
      call.billableSeconds,
      call.direction,
      call.agent,
      number ? (hash ? hash(number) : number) : null,
      number ? (hash ? 'hash' : 'number') : 'none',
      call.ticketId,
      purposesJson,
      earliestDeletion,
      latestDeletion,
      conflict ? 1 : 0,
      sourceFile,
      lineNumber,
      setup.now,
    ]);
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
      hooks.onProgress?.({ bytesRead, totalBytes, lines: line });
      if (hooks.shouldCancel?.()) throw new Cancelled();
    }
    const rest = (carry + decoder.end()).replace(/\r$/, '');
    if (rest) {
      line += 1;
      take(rest, line);
    }
    hooks.onProgress?.({ bytesRead, totalBytes, lines: line });
  } finally {
    closeSync(handle);
  }
  return { ...summary, lines: line, bytesRead, sha256: fileHash.digest('hex') };
}

/** Reading the file on a second thread (the import worker's pipeline): where its bundle is, and how to make its row reader there. */
export interface ParallelReading {
  workerPath: string;
  reader: CallReaderSpec;
  /** How long the reading thread may go without a sign of life (a batch or a megabyte read) before the import gives up on it. */
  silenceMs?: number;
}

/**
 * Imports a file of call records through a row reader (Asterisk's Master.csv or a saved mapping),
 * in one transaction: a cancel, or any failure, leaves the workspace as it was. Calls already in
 * the register (same key) are counted as duplicates, so importing the same file again adds nothing.
 * Active legal holds then cover the new recordings their scope reaches. With `parallel`, the file
 * is read and checked on a second thread while this one writes (service/callReadWorker.ts).
 */
export function importCallFile(db: Db, path: string, reader: CallRowReader, options: CallImportOptions, now: string, parallel?: ParallelReading): CallImportResult {
  const rules: RecordingRetentionRule[] = listRetentionRules(db);
  const totalBytes = statSync(path).size;
  try {
    return db.transaction(() => {
      const setup: CallFileSetup = {
        path,
        zone: options.zone,
        purposes: options.purposes,
        callerKey: options.keepNumbers ? null : callerKey(db).toString('hex'),
        country: callerCountryOf(db),
        rules,
        now,
        rejectedLimit: options.rejectedLimit ?? Number.POSITIVE_INFINITY,
      };
      const lastIdBefore = lastRecordingId(db);
      // A large file (about 200 bytes a line) goes in by the bulk path: bucket trigger set aside, and
      // secondary indexes too when it brings at least a quarter as many rows as the register holds.
      const expectedRows = totalBytes / 200;
      const restore =
        expectedRows >= bulkImportRows ? setRecordingIndexesAside(db, { indexes: lastIdBefore === 0 || expectedRows >= recordingCount(db) / 4 }) : null;
      const insert = recordingInserter(db);
      const hooks = { onProgress: options.onProgress, shouldCancel: options.shouldCancel };
      let read: CallFileSummary;
      if (parallel) {
        // The reading thread is the slower of the two: the callers' numbers are hashed here, as rows are written.
        const hash = setup.callerKey === null ? null : callerHasher(Buffer.from(setup.callerKey, 'hex'), setup.country);
        read = readInParallel(parallel, { ...setup, hashLater: hash !== null }, (values, offset = 0) => {
          if (hash && values[offset + 9] === 'hash') values[offset + 8] = hash(values[offset + 8] as string);
          insert.addValues(values, offset);
        }, hooks);
      } else read = readCallFile(setup, reader, insert.addValues, hooks);
      insert.flush();
      // Indexes, trigger and buckets as they must be before anything reads or updates the new rows.
      restore?.(lastIdBefore);
      // New calls on tickets already known take the ticket's state and closing time, and the dates they give.
      inheritTicketStates(db, lastIdBefore, rules);
      for (const hold of activeHolds(db)) applyHold(db, hold.id, hold.scope);
      const result: CallImportResult = {
        imported: insert.inserted,
        duplicates: insert.duplicates,
        skipped: read.skipped,
        rejected: read.rejected,
        rejectedCount: read.rejectedCount,
        cancelled: false,
      };
      // One change-log entry for the whole import: the file (name, size, SHA-256) and what came of it.
      appendChange(db, {
        at: now,
        actor: options.actor,
        entity: 'call-import',
        entityId: randomUUID(),
        action: 'create',
        before: null,
        after: {
          file: basename(path),
          bytes: read.bytesRead,
          sha256: read.sha256,
          zone: options.zone,
          purposes: options.purposes,
          keepNumbers: options.keepNumbers,
          imported: result.imported,
          duplicates: result.duplicates,
          skipped: result.skipped,
          rejected: result.rejectedCount,
        },
      });
      return result;
    })();
  } catch (error) {
    if (error instanceof Cancelled) return { imported: 0, duplicates: 0, skipped: 0, rejected: [], rejectedCount: 0, cancelled: true };
    throw error;
  }
}

/** How long the writer waits for a sign of life from the reading thread (it reads a megabyte in milliseconds) before giving up on it. */
const readerSilenceMs = 10_000;

/**
 * Reads the file on a second thread (service/callReadWorker.ts) and hands its rows to `emit` on
 * this one as they come: synchronously, inside the caller's transaction, woken by a shared counter
 * instead of the event loop. A cancel tells the reader to stop and throws Cancelled here.
 */
function readInParallel(parallel: ParallelReading, setup: CallFileSetup, emit: (values: unknown[], offset?: number) => void, hooks: Pick<CallImportOptions, 'onProgress' | 'shouldCancel'>): CallFileSummary {
  const counters = new Int32Array(new SharedArrayBuffer(16));
  const { port1, port2 } = new MessageChannel();
  const data: CallReadData = { setup, reader: parallel.reader, port: port2, signal: counters.buffer as SharedArrayBuffer };
  const silenceMs = parallel.silenceMs ?? readerSilenceMs;
  let worker: Worker | null = null;
  let taken = 0;
  const cancel = () => {
    Atomics.store(counters, 2, 1);
    Atomics.notify(counters, 1);
    return new Cancelled();
  };
  try {
    worker = new Worker(parallel.workerPath, { workerData: data, transferList: [port2] });
    // Heard only once this thread is free again (after the import has failed on the silence): not a crash of the import worker.
    worker.on('error', () => undefined);
    for (;;) {
      let received = receiveMessageOnPort(port1);
      // The writer blocks here, so it never hears the thread's 'error' or 'exit' events: a thread
      // that died (out of memory, a broken bundle) shows as silence, neither rows nor heartbeat.
      let lastSign = Date.now();
      let beat = Atomics.load(counters, 3);
      while (!received) {
        if (hooks.shouldCancel?.()) throw cancel();
        const posted = Atomics.load(counters, 0);
        // Posted but not yet readable: a moment; nothing posted: sleep until the reader signals.
        const woke = Atomics.wait(counters, 0, posted, posted > taken ? 1 : 100) === 'ok';
        const beatNow = Atomics.load(counters, 3);
        if (woke || beatNow !== beat) {
          lastSign = Date.now();
          beat = beatNow;
        }
        if (Date.now() - lastSign > silenceMs) {
          throw new WorkbenchError('io', `Reading ${basename(setup.path)} stopped (no sign of the reading thread for ${Math.round(silenceMs / 1000)} s); nothing was imported. Try again, or import it from the command line.`, 'path');
        }
        received = receiveMessageOnPort(port1);
      }
      taken += 1;
      Atomics.store(counters, 1, taken);
      Atomics.notify(counters, 1);
      const message = received.message as CallReadMessage;
      if (message.type === 'done') return message.summary;
      if (message.type === 'failed') throw message.code === 'cancelled' ? new Cancelled() : new WorkbenchError(message.code, message.message, message.field);
      for (let offset = 0; offset < message.values.length; offset += 18) emit(message.values, offset);
      hooks.onProgress?.(message.progress);
      if (hooks.shouldCancel?.()) throw cancel();
    }
  } finally {
    // Told to stop, so that nothing it still reads is sent to a closed port; then ended.
    Atomics.store(counters, 2, 1);
    Atomics.notify(counters, 1);
    port1.close();
    void worker?.terminate();
  }
}

/**
 * Gives the recordings imported after `lastIdBefore` whose ticket is already known (its state set
 * on earlier recordings) that ticket's state and closing time, and recomputes their deletion dates:
 * a call that joins a closed ticket counts its ticket-closure rules from that closure at once.
 */
function inheritTicketStates(db: Db, lastIdBefore: number, rules: readonly RecordingRetentionRule[]): void {
  const rows = newRecordingsOfKnownTickets(db, lastIdBefore);
  const update = ticketRetentionUpdater(db);
  for (const row of rows) {
    const outcome = retentionOf({ callStart: row.call_start, purposes: JSON.parse(row.purposes_json) as string[], ticketClosedAt: row.ticket_closed_at }, rules);
    update(row.ticket_state, row.ticket_closed_at, outcome.earliestDeletion, outcome.latestDeletion, outcome.conflict ? 1 : 0, row.id);
  }
}
