import { workerData, type MessagePort } from 'node:worker_threads';
import { WorkbenchError } from '../core/contract';
import { readerOf, type CallReaderSpec } from '../core/recordings/csvMapping';
import { Cancelled, readCallFile, type CallFileSetup, type CallFileSummary } from './callImport';

/**
 * The entry of the thread that reads and checks a call file while the import worker writes it
 * (bundled by scripts/build.mjs as dist/worker/call-read.cjs; issue 18, point 5): parsing lines,
 * reading times in their zone, hashing callers and working out retention dates run beside SQLite's
 * inserts instead of before each one. Rows go over a MessagePort in batches; a shared counter
 * wakes the writer, which takes messages synchronously inside its transaction. At most
 * `aheadBatches` batches wait unread (memory stays bounded whatever the file's size).
 */
export interface CallReadData {
  setup: CallFileSetup;
  reader: CallReaderSpec;
  port: MessagePort;
  /** Int32 × 4: batches posted, batches taken, cancel (1), heartbeat (one more per megabyte read). */
  signal: SharedArrayBuffer;
}

export type CallReadMessage =
  | { type: 'rows'; values: unknown[]; progress: { bytesRead: number; totalBytes: number; lines: number } }
  | { type: 'done'; summary: CallFileSummary }
  | { type: 'failed'; code: WorkbenchError['code'] | 'cancelled'; message: string; field: string | undefined };

/** Rows per message, and messages the writer may leave unread before the reader waits. */
export const rowsPerBatch = 2048;
export const aheadBatches = 16;

function run({ setup, reader, port, signal }: CallReadData): void {
  const counters = new Int32Array(signal);
  const cancelled = () => Atomics.load(counters, 2) === 1;
  const post = (message: CallReadMessage) => {
    port.postMessage(message);
    Atomics.add(counters, 0, 1);
    Atomics.notify(counters, 0);
    // Back-pressure: wait while the writer is far behind (and not gone: a cancel ends the wait).
    while (!cancelled() && Atomics.load(counters, 0) - Atomics.load(counters, 1) > aheadBatches) Atomics.wait(counters, 1, Atomics.load(counters, 1), 100);
  };
  let values: unknown[] = [];
  let progress = { bytesRead: 0, totalBytes: 0, lines: 0 };
  const flush = () => {
    if (!values.length) return;
    post({ type: 'rows', values, progress });
    values = [];
  };
  try {
    const summary = readCallFile(
      setup,
      readerOf(reader),
      (row) => {
        for (const value of row) values.push(value);
        if (values.length >= rowsPerBatch * 18) flush();
      },
      {
        onProgress: (now) => {
          progress = now;
          // Alive: the writer, waiting for rows, gives up on a reader that stops beating.
          Atomics.add(counters, 3, 1);
        },
        shouldCancel: cancelled,
      },
    );
    flush();
    post({ type: 'done', summary });
  } catch (error) {
    if (error instanceof Cancelled) post({ type: 'failed', code: 'cancelled', message: 'cancelled', field: undefined });
    else if (error instanceof WorkbenchError) post({ type: 'failed', code: error.code, message: error.message, field: error.field });
    else post({ type: 'failed', code: 'internal', message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, field: undefined });
  }
}

if (workerData) run(workerData as CallReadData);
