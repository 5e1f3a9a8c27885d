// Gets better-sqlite3 for Electron's ABI into build/native/electron/better_sqlite3.node, apart
// from the Node build in node_modules that the tests use. See docs/ARCHITECTURE.md ("Native modules").
//
// First the prebuilt binary better-sqlite3 publishes for this Electron (prebuild-install, its own
// installer: no compiler needed), then, failing that, a compile against Electron's headers (needs
// Python and a C++ toolchain). A plain "rebuild for Electron" is never used: where the npm config
// sets `nodedir` (as on our build machines), node-gyp takes Node's headers from it and silently
// produces a Node build. Both ways work in a scratch copy with every nodedir setting removed, and
// the result is kept only if it registers Electron's module ABI.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronModuleAbi, electronPackageDir, electronVersion } from './electron-binary.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The module ABI a native addon registers (node_register_module_v<N>), or null. */
export function registeredAbi(binary) {
  const match = /node_register_module_v(\d+)/.exec(Buffer.from(binary).toString('latin1'));
  return match ? match[1] : null;
}

/** node-gyp's environment for Electron: every nodedir setting removed (see the top of this file). */
function electronBuildEnv(version) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_nodedir$/i.test(key)));
  return { ...env, npm_config_nodedir: '', npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' };
}

function findNodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const npmCli = spawnSync(process.execPath, ['-e', 'process.stdout.write(require.resolve("npm/package.json", { paths: [require("path").dirname(process.execPath) + "/../lib/node_modules"] }))'], { encoding: 'utf8' });
  const fromNpm = npmCli.status === 0 ? join(dirname(npmCli.stdout), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : '';
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

/** The prebuilt addon for this Electron, fetched by better-sqlite3's own installer (prebuild-install). */
export function fetchPrebuilt(scratch, version) {
  let bin;
  try {
    bin = createRequire(join(scratch, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return { ok: false, why: 'prebuild-install is not installed' };
  }
  const result = spawnSync(process.execPath, [bin, '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`, `--platform=${process.platform}`], {
    cwd: scratch,
    env: electronBuildEnv(version),
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (result.status === 0) return { ok: true };
  const why = `${result.stderr ?? ''}${result.error ? result.error.message : ''}`.trim().split(/\r?\n/).filter((line) => !/^\s*at /.test(line)).slice(-2).join(' / ');
  return { ok: false, why: why || `exit status ${result.status}` };
}

/** Compiles the addon against Electron's headers (downloaded once into build/native/electron-headers). */
export function compileForElectron(scratch, version, root = repoRoot) {
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return { ok: false, why: 'node-gyp was not found (it ships with npm 10 and later)' };
  const headersDir = join(root, 'build', 'native', 'electron-headers');
  const args = [nodeGyp, 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', `--devdir=${headersDir}`];
  const result = spawnSync(process.execPath, args, { cwd: scratch, env: electronBuildEnv(version), stdio: 'inherit' });
  return result.status === 0 ? { ok: true } : { ok: false, why: 'the compile failed (see above; it needs Python 3 and a C++ toolchain, and downloads Electron’s headers once)' };
}

/**
 * Puts better-sqlite3 built for Electron at build/native/electron/better_sqlite3.node. `ways` are
 * tried in order (by default: the prebuilt binary, then a compile); each leaves
 * build/Release/better_sqlite3.node in the scratch copy, kept only if it registers `abi`.
 * Answers { ok, how, output } or { ok: false, problems }.
 */
export function buildNativeForElectron({
  root = repoRoot,
  packageDir = electronPackageDir,
  force = false,
  ways = [
    { name: 'prebuilt', run: fetchPrebuilt },
    { name: 'compiled', run: (scratch, version) => compileForElectron(scratch, version, root) },
  ],
  log = console.log,
} = {}) {
  const version = electronVersion(packageDir);
  const abi = electronModuleAbi(packageDir);
  const outputDir = join(root, 'build', 'native', 'electron');
  const output = join(outputDir, 'better_sqlite3.node');
  const stamp = join(outputDir, 'electron-version.txt');
  // The addon belongs to one Electron and one better-sqlite3: either changing means building again.
  const sqliteVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version ?? 'unknown';
  const stamped = `electron ${version}, better-sqlite3 ${sqliteVersion}`;
  if (!force && existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === stamped) {
    log(`better-sqlite3 for Electron ${version} is already built: ${output}`);
    return { ok: true, how: 'kept', output };
  }

  const scratch = join(root, 'build', 'native', 'scratch');
  const problems = [];
  for (const way of ways) {
    rmSync(scratch, { recursive: true, force: true });
    cpSync(join(root, 'node_modules', 'better-sqlite3'), scratch, { recursive: true, filter: (source) => !source.includes(join('better-sqlite3', 'build')) });
    log(way.name === 'prebuilt' ? `Fetching the prebuilt better-sqlite3 for Electron ${version}…` : `Compiling better-sqlite3 for Electron ${version}…`);
    const attempt = way.run(scratch, version);
    const built = join(scratch, 'build', 'Release', 'better_sqlite3.node');
    if (!attempt.ok || !existsSync(built)) {
      problems.push(`${way.name}: ${attempt.ok ? 'no better_sqlite3.node was left' : attempt.why}`);
      continue;
    }
    const registered = registeredAbi(readFileSync(built));
    const wanted = abi ?? null;
    if (registered === process.versions.modules || (wanted && registered !== wanted)) {
      problems.push(`${way.name}: it registers module ABI ${registered ?? 'none'}, not Electron ${version}'s (${wanted ?? 'unknown'})${registered === process.versions.modules ? ': a Node build, as node-gyp makes with Node’s headers' : ''}`);
      continue;
    }
    mkdirSync(outputDir, { recursive: true });
    cpSync(built, output);
    writeFileSync(stamp, `${stamped}\n`);
    rmSync(scratch, { recursive: true, force: true });
    log(`better-sqlite3 for Electron ${version} (${way.name}, ABI ${registered}): ${output}`);
    return { ok: true, how: way.name, output };
  }
  rmSync(scratch, { recursive: true, force: true });
  return { ok: false, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = buildNativeForElectron({ force: process.argv.includes('--force') });
  if (!result.ok) {
    console.error(`better-sqlite3 could not be had for Electron; the Node build in node_modules is untouched.\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
}
