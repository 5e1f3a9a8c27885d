import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureElectronBinary, findElectronBinary } from '../../scripts/electron-binary.mjs';
import { exitStatusOf, launchDesktop, npmCommand, runStep, sandboxAdvice, startWorkbench, type StepOptions } from '../../scripts/launch.mjs';

/**
 * `npm start` (scripts/start.mjs → scripts/launch.mjs) with an electron package of our own making:
 * its install.js is a real child process that succeeds, fails as the real one does without
 * network, or hangs. The build and the windows are recorded instead of run.
 */
let work: string;
let packageDir: string;
const installerRan = () => existsSync(join(packageDir, 'installer-ran'));

function fakeElectronPackage(installer: string): void {
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  writeFileSync(join(packageDir, 'install.js'), `require('fs').writeFileSync(require('path').join(__dirname, 'installer-ran'), '');\n${installer}`);
}
/** What the real install.js leaves: the unpacked dist/ with its version file, then path.txt naming the executable. */
const installs = `
const fs = require('fs'), path = require('path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\nexit 0\\n', { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v45.4.1');
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`;
/** What the real one (electron 45.4.1, @electron/get 5) prints here, where only the package registries can be reached. */
const failsOffline = `
console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13\\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\\n    at async FetchDownloader.download (file:///work/main/node_modules/@electron/get/dist/FetchDownloader.js:46:30)');
process.exit(1);
`;

interface Recorded {
  steps: Array<{ label: string; command: string; args: string[]; options?: StepOptions }>;
  desktop: string[];
  browser: number;
  lines: string[];
}
function start(argv: string[], stepStatus: (label: string) => number = () => 0, env: NodeJS.ProcessEnv = { PATH: process.env.PATH }) {
  const recorded: Recorded = { steps: [], desktop: [], browser: 0, lines: [] };
  const status = startWorkbench({
    root: work,
    argv,
    env,
    platform: 'linux',
    packageDir,
    log: (line) => recorded.lines.push(line),
    run: (label, command, args, options) => {
      recorded.steps.push({ label, command, args, ...(options ? { options } : {}) });
      return stepStatus(label);
    },
    desktop: async (binary) => {
      recorded.desktop.push(binary);
      return 0;
    },
    browser: async () => {
      recorded.browser += 1;
      return 0;
    },
  });
  return { status, recorded };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'pwb-start-'));
  packageDir = join(work, 'node_modules', 'electron');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('npm start', () => {
  it('downloads the Electron binary with the package’s own installer when it is missing, then opens the desktop app', async () => {
    fakeElectronPackage(installs);
    expect(findElectronBinary({ packageDir, env: {}, platform: 'linux' })).toBeNull();
    const { status, recorded } = start([]);
    expect(await status).toBe(0);
    expect(installerRan()).toBe(true);
    expect(recorded.lines.join('\n')).toMatch(/downloading Electron 45\.4\.1/);
    expect(recorded.steps.map((step) => step.label)).toEqual(['The build (npm run build)', 'Building better-sqlite3 for Electron (npm run native:electron)']);
    expect(recorded.desktop).toEqual([join(packageDir, 'dist', 'electron')]);
    expect(recorded.browser).toBe(0);

    // The next start finds it and downloads nothing.
    rmSync(join(packageDir, 'installer-ran'));
    const again = start(['--no-build']);
    expect(await again.status).toBe(0);
    expect(installerRan()).toBe(false);
    expect(again.recorded.desktop).toEqual([join(packageDir, 'dist', 'electron')]);
  });

  it('falls back to browser mode when the download fails, and says why', async () => {
    fakeElectronPackage(failsOffline);
    const { status, recorded } = start(['--no-build']);
    expect(await status).toBe(0);
    expect(installerRan()).toBe(true);
    expect(recorded.desktop).toEqual([]);
    expect(recorded.browser).toBe(1);
    const said = recorded.lines.join('\n');
    expect(said).toMatch(/The desktop window cannot open: the download failed \(TypeError: fetch failed\)\. Electron's download server \(GitHub, or ELECTRON_MIRROR if set\) could not be reached; behind a proxy, set HTTPS_PROXY\./);
    expect(said).not.toMatch(/undici|FetchDownloader/);
    expect(said).toMatch(/Starting browser mode instead/);
  });

  it('downloads again over a download that was interrupted (no path.txt) or is of another version', async () => {
    fakeElectronPackage(installs);
    // Ctrl-C during the first download: part of dist/ unpacked, path.txt not yet written.
    mkdirSync(join(packageDir, 'dist'));
    writeFileSync(join(packageDir, 'dist', 'electron'), '');
    expect(findElectronBinary({ packageDir, env: {}, platform: 'linux' })).toBeNull();
    expect(await start(['--no-build']).status).toBe(0);
    expect(installerRan()).toBe(true);
    expect(findElectronBinary({ packageDir, env: {}, platform: 'linux' })).toBe(join(packageDir, 'dist', 'electron'));
    // An electron package upgraded over an older download.
    writeFileSync(join(packageDir, 'dist', 'version'), 'v44.0.0');
    expect(findElectronBinary({ packageDir, env: {}, platform: 'linux' })).toBeNull();
  });

  it('tells Electron’s downloader to use the proxy the usual variables name', () => {
    fakeElectronPackage(`require('fs').writeFileSync(require('path').join(__dirname, 'env.json'), JSON.stringify({ use: process.env.ELECTRON_GET_USE_PROXY ?? null })); process.exit(1);`);
    ensureElectronBinary({ packageDir, env: { PATH: process.env.PATH, HTTPS_PROXY: 'http://127.0.0.1:3128' }, platform: 'linux', log: () => undefined });
    expect(JSON.parse(readFileSync(join(packageDir, 'env.json'), 'utf8'))).toEqual({ use: '1' });
    ensureElectronBinary({ packageDir, env: { PATH: process.env.PATH }, platform: 'linux', log: () => undefined });
    expect(JSON.parse(readFileSync(join(packageDir, 'env.json'), 'utf8'))).toEqual({ use: null });
  });

  it('gives up on a download that hangs, with the time it waited', () => {
    fakeElectronPackage('setInterval(() => {}, 1000);');
    const answer = ensureElectronBinary({ packageDir, env: { PATH: process.env.PATH }, platform: 'linux', timeoutMs: 1_500, log: () => undefined });
    expect(answer).toEqual({ binary: null, reason: expect.stringMatching(/did not finish within 2 seconds/) });
  });

  it('does not download when told not to, or when ELECTRON_OVERRIDE_DIST_PATH names a folder without Electron', async () => {
    fakeElectronPackage(installs);
    const skipped = start(['--no-build'], () => 0, { PATH: process.env.PATH, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(await skipped.status).toBe(0);
    expect(skipped.recorded.lines.join('\n')).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
    const empty = join(work, 'empty-dist');
    mkdirSync(empty);
    const overridden = start(['--no-build'], () => 0, { PATH: process.env.PATH, ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(await overridden.status).toBe(0);
    expect(overridden.recorded.lines.join('\n')).toContain(`ELECTRON_OVERRIDE_DIST_PATH is set to ${empty}, which holds no electron`);
    expect(installerRan()).toBe(false);
    expect(skipped.recorded.browser + overridden.recorded.browser).toBe(2);
  });

  it('stops on a failed build, and opens browser mode when better-sqlite3 cannot be built for Electron', async () => {
    fakeElectronPackage(installs);
    const broken = start([], (label) => (label.startsWith('The build') ? 2 : 0));
    expect(await broken.status).toBe(2);
    expect(installerRan()).toBe(false);
    expect(broken.recorded.browser + broken.recorded.desktop.length).toBe(0);

    const noNative = start(['--no-build'], (label) => (label.startsWith('Building better-sqlite3') ? 1 : 0));
    expect(await noNative.status).toBe(0);
    expect(noNative.recorded.desktop).toEqual([]);
    expect(noNative.recorded.browser).toBe(1);
    expect(noNative.recorded.lines.join('\n')).toMatch(/without better-sqlite3 built for Electron/);
  });

  it('runs npm without a shell through npm_execpath, and with one for npm.cmd on Windows (EINVAL since Node 20.12.2)', () => {
    expect(npmCommand({ env: { npm_execpath: 'C:\\npm\\bin\\npm-cli.js' }, platform: 'win32' })).toEqual({ command: process.execPath, prefix: ['C:\\npm\\bin\\npm-cli.js'], shell: false });
    expect(npmCommand({ env: {}, platform: 'win32' })).toEqual({ command: 'npm.cmd', prefix: [], shell: true });
    expect(npmCommand({ env: {}, platform: 'linux' })).toEqual({ command: 'npm', prefix: [], shell: false });
  });

  it('reports a step that cannot start or is killed, instead of exiting silently or as a success', () => {
    const lines: string[] = [];
    expect(runStep('The build', join(work, 'no-such-npm'), ['run', 'build'], { log: (line) => lines.push(line) })).toBe(1);
    expect(lines[0]).toMatch(/^The build could not start \(.*no-such-npm: spawnSync .* ENOENT\)\.$/);
    expect(runStep('The build', process.execPath, ['-e', 'process.kill(process.pid, "SIGKILL")'], { log: (line) => lines.push(line) })).toBe(137);
    expect(lines[1]).toBe('The build was stopped by SIGKILL.');
    expect(exitStatusOf(null, 'SIGTERM')).toBe(143);
    expect(exitStatusOf(0, null)).toBe(0);
    expect(exitStatusOf(null, null)).toBe(1);
  });
});

describe('the desktop app’s end', () => {
  const fakeElectron = (script: string) => {
    const file = join(work, 'electron');
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
    return file;
  };

  it('explains the Ubuntu 23.10+ sandbox abort with its fixes, never by turning the sandbox off', async () => {
    // What Electron prints there before it aborts with a trap.
    const electron = fakeElectron(
      "echo '[12:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'\\''m aborting now.' >&2\nkill -TRAP $$",
    );
    const lines: string[] = [];
    const status = await launchDesktop(electron, work, { log: (line) => lines.push(line) });
    expect(status).toBe(133);
    const said = lines.join('\n');
    expect(said).toContain(`sudo chown root:root "${join(work, 'chrome-sandbox')}" && sudo chmod 4755 "${join(work, 'chrome-sandbox')}"`);
    expect(said).toMatch(/install the \.deb package/);
    expect(said).not.toMatch(/--no-sandbox/);
    expect(sandboxAdvice('[1:ERROR] GPU process launch failed', electron)).toBeNull();
  });

  it('reports a desktop app killed by a signal as a failure, and a normal end as success', async () => {
    const lines: string[] = [];
    expect(await launchDesktop(fakeElectron('kill -KILL $$'), work, { log: (line) => lines.push(line) })).toBe(137);
    expect(lines).toEqual(['The desktop app was stopped by SIGKILL.']);
    expect(await launchDesktop(fakeElectron('exit 0'), work, { log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toHaveLength(1);
    expect(readFileSync(join(work, 'electron'), 'utf8')).toContain('exit 0');
  });
});
