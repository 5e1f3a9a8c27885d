// Runs bench/ui/uiBench.ts (the app at real sizes in Chromium): bundled with esbuild, packages left
// to node_modules, then run with this script's arguments (--dist <built dist>, --label <name>, --runs <n>).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, '.tmp', 'bench-ui', 'uiBench.mjs');
await build({ entryPoints: [join(root, 'bench/ui/uiBench.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
const run = spawnSync(process.execPath, [outfile, '--root', root, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
