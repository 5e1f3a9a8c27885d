import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNativeForElectron, registeredAbi, type Way } from '../../scripts/build-native-electron.mjs';
import { repoRoot } from '../support/workspace';

/**
 * The one native-module strategy for Electron (scripts/build-native-electron.mjs): the prebuilt
 * binary first, a compile second, and nothing kept that does not register Electron's ABI. The
 * ways are stand-ins that leave an addon of a chosen ABI where the real ones leave theirs.
 */
let root: string;
let packageDir: string;
const output = () => join(root, 'build', 'native', 'electron', 'better_sqlite3.node');

/** An addon as far as the check reads it: the registration symbol with its ABI. */
const leaves = (abi: string, name: string, calls: string[]): Way => ({
  name,
  run(scratch) {
    calls.push(name);
    expect(existsSync(join(scratch, 'package.json')), 'the scratch copy of better-sqlite3').toBe(true);
    mkdirSync(join(scratch, 'build', 'Release'), { recursive: true });
    writeFileSync(join(scratch, 'build', 'Release', 'better_sqlite3.node'), `\x7fELF...node_register_module_v${abi}\0...${name}`);
    return { ok: true };
  },
});
const fails = (why: string, name: string, calls: string[]): Way => ({
  name,
  run() {
    calls.push(name);
    return { ok: false, why };
  },
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pwb-native-'));
  packageDir = join(root, 'node_modules', 'electron');
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  writeFileSync(join(packageDir, 'abi_version'), '150');
  mkdirSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.6.2' }));
  writeFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'the Node build, never touched');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('better-sqlite3 for Electron', () => {
  it('takes the prebuilt binary when there is one for this Electron, and compiles nothing', () => {
    const calls: string[] = [];
    const result = buildNativeForElectron({ root, packageDir, ways: [leaves('150', 'prebuilt', calls), leaves('150', 'compiled', calls)], log: () => undefined });
    expect(result).toEqual({ ok: true, how: 'prebuilt', output: output() });
    expect(calls).toEqual(['prebuilt']);
    expect(registeredAbi(readFileSync(output()))).toBe('150');
    expect(readFileSync(join(root, 'build', 'native', 'electron', 'electron-version.txt'), 'utf8')).toBe('electron 45.4.1, better-sqlite3 12.6.2\n');
    expect(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('the Node build, never touched');
    expect(existsSync(join(root, 'build', 'native', 'scratch'))).toBe(false);

    // Built for this version already: nothing is fetched again.
    expect(buildNativeForElectron({ root, packageDir, ways: [leaves('150', 'prebuilt', calls)], log: () => undefined })).toMatchObject({ ok: true, how: 'kept' });
    expect(calls).toEqual(['prebuilt']);
    // A new better-sqlite3 needs its own Electron build.
    writeFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.7.0' }));
    expect(buildNativeForElectron({ root, packageDir, ways: [leaves('150', 'prebuilt', calls)], log: () => undefined })).toMatchObject({ ok: true, how: 'prebuilt' });
    expect(calls).toEqual(['prebuilt', 'prebuilt']);
  });

  it('compiles when no prebuilt binary can be had', () => {
    const calls: string[] = [];
    const result = buildNativeForElectron({ root, packageDir, ways: [fails('getaddrinfo ENOTFOUND github.com', 'prebuilt', calls), leaves('150', 'compiled', calls)], log: () => undefined });
    expect(result).toMatchObject({ ok: true, how: 'compiled' });
    expect(calls).toEqual(['prebuilt', 'compiled']);
    expect(readFileSync(output(), 'latin1')).toContain('compiled');
  });

  it('keeps nothing that registers another ABI, naming a Node build as such (the nodedir trap)', () => {
    const calls: string[] = [];
    const result = buildNativeForElectron({ root, packageDir, ways: [leaves('143', 'prebuilt', calls), leaves(process.versions.modules, 'compiled', calls)], log: () => undefined });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      "prebuilt: it registers module ABI 143, not Electron 45.4.1's (150)",
      `compiled: it registers module ABI ${process.versions.modules}, not Electron 45.4.1's (150): a Node build, as node-gyp makes with Node’s headers`,
    ]);
    expect(existsSync(output())).toBe(false);
  });

  it('reads the ABI the real Node build registers', () => {
    expect(registeredAbi(readFileSync(join(repoRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')))).toBe(process.versions.modules);
  });
});
