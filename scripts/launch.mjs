// What `npm start` does (scripts/start.mjs is its entry): build, find or download the Electron
// binary, build better-sqlite3 for it, and open the desktop window; or say why not and start
// browser mode. Every child that fails, cannot start or is killed is reported with a non-zero exit.
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './electron-binary.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * How to run npm. Under `npm start`, npm names its own script in npm_execpath: running that with
 * this Node needs no shell anywhere. Otherwise Windows needs a shell for npm.cmd: since Node
 * 20.12.2 (CVE-2024-27980) spawning a .cmd without one fails with EINVAL.
 */
export function npmCommand({ env = process.env, platform = process.platform } = {}) {
  const execPath = env.npm_execpath;
  if (execPath && /\.[cm]?js$/i.test(execPath)) return { command: process.execPath, prefix: [execPath], shell: false };
  if (platform === 'win32') return { command: 'npm.cmd', prefix: [], shell: true };
  return { command: 'npm', prefix: [], shell: false };
}

/** The exit status for a child that ended with a code or was killed by a signal (128 + its number, as shells report it). */
export function exitStatusOf(code, signal) {
  if (typeof code === 'number') return code;
  if (signal) return 128 + (constants.signals[signal] ?? 0);
  return 1;
}

/** Runs one step to its end; says what went wrong when it could not start, failed or was killed. */
export function runStep(label, command, args, { cwd = repoRoot, shell = false, log = console.error } = {}) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell, windowsHide: true });
  if (result.error) {
    log(`${label} could not start (${command}: ${result.error.message}).`);
    return 1;
  }
  if (result.signal) {
    log(`${label} was stopped by ${result.signal}.`);
    return exitStatusOf(null, result.signal);
  }
  if (result.status !== 0) log(`${label} failed (exit status ${result.status}).`);
  return result.status ?? 1;
}

const sandboxFailure = /setuid_sandbox_host|SUID sandbox helper binary|No usable sandbox|Failed to move to new namespace|unprivileged_userns/i;

/**
 * What to do when Chromium's sandbox cannot start (Linux: Ubuntu 23.10 and later restrict the
 * unprivileged user namespaces it uses through AppArmor), or null when the output shows no such
 * failure. The sandbox is never turned off for the user.
 */
export function sandboxAdvice(output, electronBinary) {
  if (!sandboxFailure.test(output)) return null;
  const helper = join(dirname(electronBinary), 'chrome-sandbox');
  return [
    'Electron stopped because its sandbox cannot start on this system. On Ubuntu 23.10 and later,',
    'AppArmor allows the user namespaces the sandbox needs only to programs that have a profile.',
    'Any one of these fixes it, without turning the sandbox off:',
    '  - install the .deb package (npm run package): it installs an AppArmor profile for the app;',
    `  - for this checkout, make the sandbox helper setuid root:`,
    `      sudo chown root:root "${helper}" && sudo chmod 4755 "${helper}"`,
    '  - or give this Electron an AppArmor profile that allows userns (docs/SECURITY.md shows one).',
    'Meanwhile "npm start -- --browser" runs the same app in a browser.',
  ].join('\n');
}

/**
 * Runs the desktop app until it ends. Electron's error output goes to the terminal as it comes
 * and its last part is kept, so a sandbox failure can be explained instead of passing unnoticed.
 */
export function launchDesktop(electronBinary, appDir, { log = console.error, env = process.env } = {}) {
  return new Promise((resolveStatus) => {
    const child = spawn(electronBinary, [appDir], { cwd: appDir, env, stdio: ['inherit', 'inherit', 'pipe'], windowsHide: false });
    let tail = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-64 * 1024);
    });
    child.on('error', (error) => {
      log(`The desktop app could not start (${electronBinary}: ${error.message}).`);
      resolveStatus(1);
    });
    child.on('close', (code, signal) => {
      const status = exitStatusOf(code, signal);
      if (status !== 0) {
        const advice = sandboxAdvice(tail, electronBinary);
        log(advice ?? (signal ? `The desktop app was stopped by ${signal}.` : `The desktop app ended with exit status ${status}.`));
      }
      resolveStatus(status);
    });
  });
}

/** Browser mode: the CLI's web server (the same renderer and service on 127.0.0.1). Runs until it ends. */
export function launchBrowserMode(root, args, { log = console.error } = {}) {
  return new Promise((resolveStatus) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'privacy-workbench.cjs'), 'web', ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => {
      log(`Browser mode could not start: ${error.message}.`);
      resolveStatus(1);
    });
    child.on('close', (code, signal) => resolveStatus(exitStatusOf(code, signal)));
  });
}

/**
 * `npm start [-- --browser] [-- --no-build]`. The steps are passed in so that a test can stand in
 * for the build and the windows while the decisions, the installer and the messages stay real.
 */
export async function startWorkbench({
  root = repoRoot,
  argv = [],
  env = process.env,
  platform = process.platform,
  packageDir,
  log = console.log,
  run = runStep,
  desktop = launchDesktop,
  browser = launchBrowserMode,
} = {}) {
  const wantsBrowser = argv.includes('--browser');
  const passOn = argv.filter((arg) => arg !== '--browser' && arg !== '--no-build');
  if (!argv.includes('--no-build')) {
    const npm = npmCommand({ env, platform });
    const built = run('The build (npm run build)', npm.command, [...npm.prefix, 'run', '--silent', 'build'], { cwd: root, shell: npm.shell });
    if (built !== 0) return built;
  }
  if (wantsBrowser) return browser(root, passOn);

  const electron = ensureElectronBinary({ ...(packageDir ? { packageDir } : {}), env, platform, log });
  if (!electron.binary) {
    log(`The desktop window cannot open: ${electron.reason}\nStarting browser mode instead: the same app and service, served on 127.0.0.1. Open the URL below in a browser.\n`);
    return browser(root, passOn);
  }
  if (electron.downloaded) log(`Electron is ready: ${electron.binary}`);
  const native = run('Building better-sqlite3 for Electron (npm run native:electron)', process.execPath, [join(root, 'scripts', 'build-native-electron.mjs')], { cwd: root });
  if (native !== 0) {
    log('The desktop window cannot open without better-sqlite3 built for Electron (see above).\nStarting browser mode instead: the same app and service, served on 127.0.0.1.\n');
    return browser(root, passOn);
  }
  return desktop(electron.binary, root);
}
