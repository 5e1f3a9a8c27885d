import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/workspace';

/**
 * `npm run package` for Linux, through the real electron-builder with this checkout's
 * configuration. What it cannot have here is stood in for: the Electron binary (electronDist: a
 * folder with a stand-in executable) and fpm, the deb tool it downloads (CUSTOM_FPM_PATH: a script
 * that records its arguments and writes the package file). So this checks what electron-builder
 * decides and hands to fpm, not the deb fpm would make.
 */
let work: string;
let run: { status: number | null; output: string };
let fpmArgs: string[];
let fpmFiles: Record<string, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pwb-package-'));
  const electronDist = join(work, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(electronDist, 'chrome-sandbox'), '', { mode: 0o755 });
  const fpm = join(work, 'fpm');
  writeFileSync(
    fpm,
    `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
// electron-builder deletes its temporary files afterwards: keep the scripts and the desktop entry.
const files = {};
for (const arg of args) {
  const source = arg.split('=')[0];
  if (/(after-install|after-remove|\\.desktop)$/.test(source) && fs.existsSync(source)) files[source] = fs.readFileSync(source, 'utf8');
}
fs.writeFileSync(${JSON.stringify(join(work, 'fpm-args.json'))}, JSON.stringify({ args, files }));
fs.writeFileSync(args[args.indexOf('--package') + 1], 'deb');
`,
  );
  chmodSync(fpm, 0o755);
  const builder = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules/electron-builder/cli.js'), '--linux', 'deb', '--x64', '--config', 'electron-builder.yml', `-c.electronDist=${electronDist}`, `-c.directories.output=${join(work, 'release')}`],
    { cwd: repoRoot, env: { ...process.env, CUSTOM_FPM_PATH: fpm, CI: 'true' }, encoding: 'utf8', timeout: 240_000 },
  );
  run = { status: builder.status, output: `${builder.stdout}${builder.stderr}` };
  const fpmRun = existsSync(join(work, 'fpm-args.json')) ? (JSON.parse(readFileSync(join(work, 'fpm-args.json'), 'utf8')) as { args: string[]; files: Record<string, string> }) : { args: [], files: {} };
  fpmArgs = fpmRun.args;
  fpmFiles = fpmRun.files;
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const option = (name: string) => fpmArgs[fpmArgs.indexOf(name) + 1];

describe('packaging for Linux (deb)', () => {
  it('passes electron-builder’s checks: a maintainer with an e-mail and a homepage', () => {
    expect(run.output).not.toMatch(/Please specify/);
    expect(run.status, run.output.slice(-2_000)).toBe(0);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { author: { name: string; email: string }; homepage: string };
    expect(option('--maintainer')).toBe(`${pkg.author.name} <${pkg.author.email}>`);
    expect(option('--url')).toBe(pkg.homepage);
    expect(option('--name')).toBe('privacy-workbench');
    expect(existsSync(join(work, 'release', 'privacy-workbench_0.1.0_amd64.deb'))).toBe(true);
  });

  it('installs the app under its product name, with the AppArmor profile that lets its sandbox start on Ubuntu 23.10+', () => {
    expect(fpmArgs.some((arg) => arg.endsWith('=/opt/Privacy Workbench'))).toBe(true);
    const afterInstall = fpmFiles[option('--after-install')!]!;
    expect(afterInstall).toContain("APPARMOR_PROFILE_TARGET='/etc/apparmor.d/privacy-workbench'");
    expect(existsSync(join(work, 'release', 'linux-unpacked', 'resources', 'apparmor-profile'))).toBe(true);
  });

  it('names its desktop entry as Electron names the window (desktopName), so the two are linked', () => {
    const entry = fpmArgs.find((arg) => arg.endsWith('.desktop'))!;
    expect(entry).toMatch(/=\/usr\/share\/applications\/privacy-workbench\.desktop$/);
    const text = fpmFiles[entry.split('=')[0]!]!;
    expect(text).toMatch(/^Name=Privacy Workbench$/m);
    expect(text).toMatch(/^StartupWMClass=privacy-workbench$/m);
  });
});
