// `npm start`: builds, then runs the desktop app on Electron when the Electron binary is on this
// machine; otherwise says so plainly and starts browser mode (the same renderer and service).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

run(npm, ['run', '--silent', 'build']);
const electron = findElectronBinary();
const wantsBrowser = process.argv.includes('--browser');
if (electron && !wantsBrowser) {
  run(process.execPath, [join(root, 'scripts', 'build-native-electron.mjs')]);
  const child = spawn(electron, [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!wantsBrowser) {
    console.log(
      'The Electron binary is not on this machine (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH), so the desktop window cannot open.\n' +
        'Starting browser mode instead: the same app and service, served on 127.0.0.1. Open the URL below in a browser.\n',
    );
  }
  const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'privacy-workbench.cjs'), 'web', ...process.argv.slice(2).filter((arg) => arg !== '--browser')], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
