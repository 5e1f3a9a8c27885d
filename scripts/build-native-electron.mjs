// Builds better-sqlite3 for Electron's ABI into build/native/electron/better_sqlite3.node, apart
// from the Node build in node_modules that the tests use. See docs/ARCHITECTURE.md ("Native modules").
//
// A plain "rebuild for Electron" is not used: where the npm config sets `nodedir` (as on our build
// machines), node-gyp takes Node's headers from it and silently produces a Node build. This script
// removes every nodedir setting from node-gyp's environment, builds against Electron's headers in
// a scratch copy, and checks the result's module version before keeping it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = electronVersion();
const outputDir = join(root, 'build', 'native', 'electron');
const output = join(outputDir, 'better_sqlite3.node');
const stamp = join(outputDir, 'electron-version.txt');

if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version && !process.argv.includes('--force')) {
  console.log(`better-sqlite3 for Electron ${version} is already built: ${output}`);
  process.exit(0);
}

function findNodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const npmCli = spawnSync(process.execPath, ['-e', 'process.stdout.write(require.resolve("npm/package.json", { paths: [require("path").dirname(process.execPath) + "/../lib/node_modules"] }))'], { encoding: 'utf8' });
  const fromNpm = npmCli.status === 0 ? join(dirname(npmCli.stdout), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : '';
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    throw new Error('node-gyp was not found (it ships with npm); install npm 10 or later.');
  }
}

const scratch = join(root, 'build', 'native', 'scratch');
rmSync(scratch, { recursive: true, force: true });
cpSync(join(root, 'node_modules', 'better-sqlite3'), scratch, { recursive: true, filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`) });

const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_nodedir$/i.test(key)));
env.npm_config_nodedir = '';
env.npm_config_runtime = 'electron';
env.npm_config_target = version;
env.npm_config_disturl = 'https://electronjs.org/headers';
const headersDir = join(root, 'build', 'native', 'electron-headers');
const args = [findNodeGyp(), 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', `--devdir=${headersDir}`];
console.log(`Building better-sqlite3 for Electron ${version} (needs Electron's headers: downloaded once into ${headersDir})`);
const result = spawnSync(process.execPath, args, { cwd: scratch, env, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('The Electron build of better-sqlite3 failed (see above). The Node build in node_modules is untouched.');
  process.exit(1);
}

const built = join(scratch, 'build', 'Release', 'better_sqlite3.node');
const binary = readFileSync(built);
const registered = /node_register_module_v(\d+)/.exec(binary.toString('latin1'));
if (registered && registered[1] === process.versions.modules) {
  console.error(`The build registered Node's module version ${registered[1]}: node-gyp used Node's headers, not Electron's. Not kept.`);
  process.exit(1);
}
mkdirSync(outputDir, { recursive: true });
cpSync(built, output);
writeFileSync(stamp, `${version}\n`);
rmSync(scratch, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${version}: ${output}`);
