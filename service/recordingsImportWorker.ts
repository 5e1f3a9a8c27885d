import { parentPort, workerData } from 'node:worker_threads';
import { WorkbenchError } from '../core/contract';
import { readerOf, type CsvMapping } from '../core/recordings/csvMapping';
import { importJobRejectedLimit } from '../core/recordings/importJob';
import type { Db } from '../db/types';
import { importCallFile, type CallImportResult } from './callImport';
import { openInWorker, type WorkerWorkspace } from './workerWorkspace';

/**
 * The entry of the worker thread that runs one import (bundled by scripts/build.mjs as
 * dist/worker/recordings-import.cjs). It opens its own connection to the workspace, so the
 * process that serves the window keeps answering while a million lines are read, and runs the
 * same importer in one transaction. The import loop is synchronous: a cancel arrives through a
 * shared flag, not a message.
 */
export interface ImportWorkerData extends WorkerWorkspace {
  path: string;
  mapping: Pick<CsvMapping, 'delimiter' | 'hasHeading' | 'timeFormat' | 'columns'> | null;
  zone: string;
  purposes: string[];
  keepNumbers: boolean;
  now: string;
  /** Who imports, for the change log. */
  actor: string;
  /** One Int32: set to 1 to cancel. */
  cancelFlag: SharedArrayBuffer;
  /** The bundled reading thread (dist/worker/call-read.cjs): the file is read and checked on it while this thread writes. */
  readWorkerPath?: string;
}

export type ImportWorkerMessage =
  | { type: 'progress'; bytesRead: number; totalBytes: number; lines: number }
  | { type: 'finished'; result: CallImportResult }
  | { type: 'failed'; message: string };

function run(data: ImportWorkerData, post: (message: ImportWorkerMessage) => void): void {
  const flag = new Int32Array(data.cancelFlag);
  let db: Db | null = null;
  try {
    db = openInWorker(data);
    const spec = { mapping: data.mapping, zone: data.zone };
    const reader = readerOf(spec);
    const result = importCallFile(
      db,
      data.path,
      reader,
      {
        zone: data.zone,
        purposes: data.purposes,
        keepNumbers: data.keepNumbers,
        actor: data.actor,
        rejectedLimit: importJobRejectedLimit,
        onProgress: (progress) => post({ type: 'progress', ...progress }),
        shouldCancel: () => Atomics.load(flag, 0) === 1,
      },
      data.now,
      data.readWorkerPath ? { workerPath: data.readWorkerPath, reader: spec } : undefined,
    );
    post({ type: 'finished', result });
  } catch (error) {
    const message = error instanceof WorkbenchError ? error.message : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    post({ type: 'failed', message });
  } finally {
    db?.close();
  }
}

if (parentPort) {
  const port = parentPort;
  run(workerData as ImportWorkerData, (message) => port.postMessage(message));
}
