// Where the Electron binary is, and getting it when it is missing. The electron package (45) has no
// install script: it downloads its binary only when something requires it or runs its install.js.
// Requiring it here would download without a word (and throw on failure), so `npm start` runs the
// installer itself, says that it is downloading, and reports why when it cannot.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The installed electron package of this checkout. */
export const electronPackageDir = join(root, 'node_modules', 'electron');

/** The executable's path inside an Electron dist folder, per platform (as the package's install.js names it). */
export function executableInDist(platform = process.platform) {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/**
 * Path of the Electron executable, or null when it is not on this machine. Never downloads. As the
 * package's own installer decides, a download counts only once it is whole: path.txt is written
 * after the archive is unpacked, and dist/version must name the package's version (an interrupted
 * or older download is downloaded again).
 */
export function findElectronBinary({ packageDir = electronPackageDir, env = process.env, platform = process.platform } = {}) {
  const executable = executableInDist(platform);
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, executable);
    return existsSync(candidate) ? candidate : null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const versionFile = join(packageDir, 'dist', 'version');
  if (!existsSync(pathFile) || !existsSync(versionFile)) return null;
  try {
    if (readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') !== electronVersion(packageDir)) return null;
  } catch {
    return null;
  }
  const candidate = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(candidate) ? candidate : null;
}

/** The installed electron package's version. */
export function electronVersion(packageDir = electronPackageDir) {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
}

/** The Node module ABI of that Electron (the package's abi_version file), which its native addons must register. */
export function electronModuleAbi(packageDir = electronPackageDir) {
  const file = join(packageDir, 'abi_version');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/** The lines of an installer's error output that say why, without the stack frames. */
function whyFrom(output) {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !/^at\s/.test(line));
  return lines.slice(-3).join(' / ') || 'it gave no reason';
}

/**
 * The Electron binary: found, or downloaded now by the electron package's own installer.
 * Answers { binary, downloaded } or { binary: null, reason } (one sentence a person can act on).
 */
export function ensureElectronBinary({ packageDir = electronPackageDir, env = process.env, platform = process.platform, timeoutMs = 15 * 60_000, log = console.log } = {}) {
  const found = findElectronBinary({ packageDir, env, platform });
  if (found) return { binary: found, downloaded: false };
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { binary: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set to ${env.ELECTRON_OVERRIDE_DIST_PATH}, which holds no ${executableInDist(platform)}.` };
  }
  const installer = join(packageDir, 'install.js');
  if (!existsSync(installer)) {
    return { binary: null, reason: `the electron package is not installed (${packageDir}); run "npm ci" first.` };
  }
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { binary: null, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary is not downloaded.' };
  }
  let version = 'its version';
  try {
    version = electronVersion(packageDir);
  } catch {
    // The version only makes the message friendlier.
  }
  log(`The Electron binary is not on this machine yet: downloading Electron ${version} (about 100 MB, once) with the electron package's installer…`);
  // Electron's downloader uses a proxy only when told to; the usual variables are taken as telling it.
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name]);
  const installEnv = proxied && !env.ELECTRON_GET_USE_PROXY ? { ...env, ELECTRON_GET_USE_PROXY: '1' } : env;
  const run = spawnSync(process.execPath, [installer], { cwd: packageDir, env: installEnv, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  if (run.error) {
    const timedOut = run.error.code === 'ETIMEDOUT';
    return { binary: null, reason: timedOut ? `the download did not finish within ${timeoutMs >= 60_000 ? `${Math.round(timeoutMs / 60_000)} minutes` : `${Math.round(timeoutMs / 1000)} seconds`}.` : `the installer could not run: ${run.error.message}.` };
  }
  if (run.status !== 0) {
    const output = `${run.stderr}\n${run.stdout}`;
    const unreachable = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|UND_ERR_CONNECT/i.test(output);
    const hint = unreachable
      ? ` Electron's download server (GitHub, or ELECTRON_MIRROR if set) could not be reached${proxied ? ' through the proxy' : '; behind a proxy, set HTTPS_PROXY'}.`
      : '';
    return { binary: null, reason: `the download failed (${whyFrom(output)}).${hint}` };
  }
  const binary = findElectronBinary({ packageDir, env, platform });
  if (!binary) return { binary: null, reason: `the installer finished, but no ${executableInDist(platform)} is in ${join(packageDir, 'dist')}.` };
  return { binary, downloaded: true };
}
