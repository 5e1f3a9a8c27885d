import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './workspace';

let built: Promise<string> | null = null;

/**
 * The import worker built from the source with esbuild (as scripts/build.mjs does), so service
 * tests run the code in front of them. It is written to the repository's ignored .tmp folder, from
 * where better-sqlite3 (left outside the bundle) is found in node_modules.
 */
export function importWorkerForTests(): Promise<string> {
  built ??= buildWorker();
  return built;
}

/**
 * The workers as dist/worker has them, side by side (the service finds each beside the import
 * worker): the call-file reading thread, the register-plan worker (reads, matches and writes a
 * register file), and the recordings import worker itself.
 */
const workers: Array<[source: string, bundle: string]> = [
  ['service/callReadWorker.ts', 'call-read.cjs'],
  ['service/registerPlanWorker.ts', 'register-plan.cjs'],
  ['service/recordingsImportWorker.ts', 'recordings-import.cjs'],
];

async function buildWorker(): Promise<string> {
  for (const [source, bundle] of workers) {
    await build({
      entryPoints: [join(repoRoot, source)],
      outfile: join(repoRoot, '.tmp', 'test-worker', bundle),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'warning',
      external: ['better-sqlite3'],
    });
  }
  return join(repoRoot, '.tmp', 'test-worker', 'recordings-import.cjs');
}
