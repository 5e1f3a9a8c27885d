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

async function buildWorker(): Promise<string> {
  const outfile = join(repoRoot, '.tmp', 'test-worker', 'recordings-import.cjs');
  // The register-read worker beside it, where the service looks for it (dist/worker has both).
  await build({
    entryPoints: [join(repoRoot, 'service/registerReadWorker.ts')],
    outfile: join(repoRoot, '.tmp', 'test-worker', 'register-read.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  // The call-file reading thread the import worker starts beside itself.
  await build({
    entryPoints: [join(repoRoot, 'service/callReadWorker.ts')],
    outfile: join(repoRoot, '.tmp', 'test-worker', 'call-read.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['better-sqlite3'],
  });
  // And the register-plan worker (matches and writes a register import on its own connection).
  await build({
    entryPoints: [join(repoRoot, 'service/registerPlanWorker.ts')],
    outfile: join(repoRoot, '.tmp', 'test-worker', 'register-plan.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['better-sqlite3'],
  });
  await build({
    entryPoints: [join(repoRoot, 'service/recordingsImportWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['better-sqlite3'],
  });
  return outfile;
}
