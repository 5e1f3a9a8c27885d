import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './workspace';

let built: Promise<string> | null = null;

/**
 * The import worker built from the source with esbuild (as scripts/build.mjs does), so service
 * tests run the code in front of them. better-sqlite3 stays outside the bundle, required by its
 * absolute path since the bundle lives in a temporary folder.
 */
export function importWorkerForTests(): Promise<string> {
  built ??= buildWorker();
  return built;
}

async function buildWorker(): Promise<string> {
  const betterSqlite = createRequire(join(repoRoot, 'package.json')).resolve('better-sqlite3');
  const folder = mkdtempSync(join(tmpdir(), 'pwb-worker-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  const outfile = join(folder, 'recordings-import.cjs');
  await build({
    entryPoints: [join(repoRoot, 'service/recordingsImportWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    plugins: [{ name: 'absolute-better-sqlite3', setup: (builder) => builder.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: betterSqlite, external: true })) }],
  });
  return outfile;
}
