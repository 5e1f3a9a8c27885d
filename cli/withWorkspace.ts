import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createWorkbenchService, type WorkbenchService, type WorkbenchServiceOptions } from '../service';
import { callOrThrow } from './callOrThrow';
import type { CliIo } from './command';

/** The import worker bundled beside this CLI (dist/worker). */
export const importWorkerOf = (io: CliIo) => join(io.bundleDir, '..', 'worker', 'recordings-import.cjs');

/**
 * Opens the workspace for one command, with settings kept in a scratch folder; what opening it found
 * (an interrupted disposal closed, say) goes to stderr.
 */
export async function withWorkspace<T>(
  io: CliIo,
  path: string,
  work: (service: WorkbenchService) => Promise<T>,
  extra: Pick<WorkbenchServiceOptions, 'importWorkerPath' | 'printer' | 'appVersion'> = {},
): Promise<T> {
  const scratch = mkdtempSync(join(tmpdir(), 'privacy-workbench-cli-'));
  const service = createWorkbenchService({
    dataDir: scratch,
    // A command waits for another writer (the app, another command) as a person would, up to 5 s.
    busyTimeoutMs: 5000,
    onInternalError: () => undefined,
    ...(io.passphrase !== undefined ? { passphrase: io.passphrase } : {}),
    ...extra,
  });
  try {
    const opened = await callOrThrow(service, 'openWorkspace', { path: resolve(path) });
    for (const warning of opened.warnings) io.err(`warning: ${warning}\n`);
    return await work(service);
  } finally {
    service.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
