import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/workspace';

/**
 * scripts/setup.sh on Debian, macOS and Windows (Git Bash), run by the real bash in a copy of the
 * checkout, with a PATH that holds only the tools the script may use: real ones, and stand-ins
 * for uname, apt-get, dpkg-query, id and npm that record how they were called.
 */
let checkout: string;
let bin: string;
const record = () => join(checkout, 'calls.log');

function tool(name: string, script: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, name), 0o755);
}
function realTool(name: string): void {
  const found = ['/usr/bin', '/bin', '/usr/local/bin'].map((dir) => join(dir, name)).find((path) => existsSync(path));
  if (!found) throw new Error(`${name} is not on this machine`);
  symlinkSync(found, join(bin, name));
}
function setup() {
  const run = spawnSync('/bin/bash', [join(checkout, 'scripts', 'setup.sh')], { env: { PATH: bin, HOME: checkout }, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, calls: existsSync(record()) ? readFileSync(record(), 'utf8').trim().split('\n') : [] };
}

beforeEach(() => {
  checkout = mkdtempSync(join(tmpdir(), 'pwb-setup-'));
  bin = join(checkout, 'bin');
  mkdirSync(join(checkout, 'scripts'), { recursive: true });
  mkdirSync(bin);
  copyFileSync(join(repoRoot, 'scripts', 'setup.sh'), join(checkout, 'scripts', 'setup.sh'));
  writeFileSync(join(checkout, 'package.json'), '{}');
  writeFileSync(join(checkout, 'package-lock.json'), '{}');
  for (const name of ['dirname', 'grep', 'node']) realTool(name);
  tool('npm', `echo "npm $*" >> "${record()}"`);
});
afterEach(() => rmSync(checkout, { recursive: true, force: true }));

describe('scripts/setup.sh', () => {
  it('on macOS installs the npm dependencies, says what the tests need, and does not stop for want of apt-get', () => {
    tool('uname', 'echo Darwin');
    const { status, output, calls } = setup();
    expect(status, output).toBe(0);
    expect(calls).toEqual(['npm ci --no-audit --no-fund']);
    expect(output).toContain('no apt-get here (Darwin)');
    expect(output).toContain('brew install poppler qpdf');
    expect(output).toMatch(/setup: ready\n$/);
  });

  it('on Windows (Git Bash) does the same, with Windows advice', () => {
    tool('uname', 'echo MINGW64_NT-10.0-22631');
    const { status, output, calls } = setup();
    expect(status, output).toBe(0);
    expect(calls).toEqual(['npm ci --no-audit --no-fund']);
    expect(output).toContain('CHROMIUM_PATH set to chrome.exe');
  });

  it('on Debian installs the missing packages with apt-get (through sudo when not root), then npm ci', () => {
    tool('dpkg-query', 'exit 1');
    tool('apt-get', `echo "apt-get $*" >> "${record()}"`);
    tool('sudo', `echo "sudo $1" >> "${record()}"; "$@"`);
    tool('id', 'echo 1000');
    const { status, output, calls } = setup();
    expect(status, output).toBe(0);
    expect(calls).toEqual([
      'sudo apt-get',
      'apt-get update -qq',
      'sudo apt-get',
      'apt-get install -y -qq --no-install-recommends chromium poppler-utils qpdf fonts-dejavu-core strace',
      'npm ci --no-audit --no-fund',
    ]);
  });

  it('refuses a Node older than 20.19 with a clear line', () => {
    rmSync(join(bin, 'node'));
    tool('node', 'case "$*" in *"[0]"*) echo 18 ;; *"[1]"*) echo 20 ;; *) echo v18.20.0 ;; esac');
    tool('uname', 'echo Linux');
    const { status, output, calls } = setup();
    expect(status).toBe(1);
    expect(output).toContain('setup: Node 20.19 or later is needed (found: v18.20.0).');
    expect(calls).toEqual([]);
  });
});
