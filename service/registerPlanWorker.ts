import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { WorkbenchError, type WorkbenchFailure } from '../core/contract';
import type { Db } from '../db/types';
import type { ReadLimits, ReadProgress } from './registerRead';
import { openInWorker, type WorkerWorkspace } from './workerWorkspace';
import { runTransfer, type ImportSummary, type TransferInput } from './registerTransfer';

/**
 * The entry of the worker thread that runs one register preview or import whole (bundled by
 * scripts/build.mjs as dist/worker/register-plan.cjs; issue 18: long work off the service's thread):
 * it reads the file (within the limits the service sets on it: heap, time to read), matches it
 * against the register and, for an import, writes it on its own connection, taking the write lock
 * and logging each change in one transaction, as the service would. The service keeps answering
 * other calls meanwhile and sees the import once it has committed.
 */
export interface RegisterPlanInput extends WorkerWorkspace {
  mode: 'preview' | 'import';
  limits?: ReadLimits;
  actor: string;
  now: string;
  input: TransferInput;
  /** Int32: the service's decision once the file is read: 0 not yet, 1 stop (cancelled), 2 go on. */
  decision?: SharedArrayBuffer;
}

export type RegisterPlanMessage =
  | { type: 'progress'; progress: ReadProgress }
  /** The file is read: what follows is matching (and writing). */
  | { type: 'read' }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; failure: WorkbenchFailure };

async function run(work: RegisterPlanInput, post: (message: RegisterPlanMessage) => void): Promise<RegisterPlanMessage> {
  let db: Db | null = null;
  try {
    db = openInWorker(work);
    const open = db;
    const context = { db: () => open, actor: work.actor, now: () => work.now, newId: randomUUID };
    const summary = await runTransfer(context, work.mode, work.input, work.limits ? { limits: work.limits } : {}, new Map(), {
      progress: (progress) => post({ type: 'progress', progress }),
      read: () => {
        post({ type: 'read' });
        if (!work.decision) return;
        // Nothing is matched or written until the service says so: a cancel that came first stops here.
        const decision = new Int32Array(work.decision);
        Atomics.wait(decision, 0, 0);
        if (Atomics.load(decision, 0) !== 2) throw new WorkbenchError('cancelled', 'The file was not read: you cancelled it. Nothing was imported.', 'readId');
      },
    });
    return { type: 'done', summary };
  } catch (error) {
    if (error instanceof WorkbenchError) return { type: 'failed', failure: error.toFailure() };
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) {
      return { type: 'failed', failure: { code: 'busy', message: 'The workspace is being written by another program; nothing was imported. Try again in a moment.' } };
    }
    return { type: 'failed', failure: { code: 'internal', message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}` } };
  } finally {
    db?.close();
  }
}

if (parentPort) {
  const port = parentPort;
  port.once('message', (work: RegisterPlanInput) => {
    void run(work, (message) => port.postMessage(message)).then((message) => port.postMessage(message));
  });
}
