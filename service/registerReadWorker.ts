import { parentPort } from 'node:worker_threads';
import { WorkbenchError } from '../core/contract';
import { readRegisterTable, type ReadProgress, type RegisterReadInput, type RegisterReadResult } from './registerRead';

/**
 * The entry of the worker thread that reads one register file (bundled by scripts/build.mjs as
 * dist/worker/register-read.cjs): unzip within limits, parse, analyse. It touches no database; the
 * service matches and writes what it returns. The service ends the thread when it runs too long.
 */
export type RegisterReadMessage =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'done'; result: RegisterReadResult }
  | { type: 'failed'; code: WorkbenchError['code']; message: string; field: string | undefined };

parentPort?.once('message', (input: RegisterReadInput) => {
  readRegisterTable(input, (progress) => parentPort!.postMessage({ type: 'progress', progress } satisfies RegisterReadMessage)).then(
    (result) => parentPort!.postMessage({ type: 'done', result } satisfies RegisterReadMessage),
    (error: unknown) => {
      const known = error instanceof WorkbenchError;
      parentPort!.postMessage({
        type: 'failed',
        code: known ? error.code : 'invalid-input',
        message: known ? error.message : `The file could not be read: ${error instanceof Error ? error.message : String(error)}`,
        field: known ? error.field : 'content',
      } satisfies RegisterReadMessage);
    },
  );
});
