import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkbenchService } from '../../service';
import { builtCli, repoRoot, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const run = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });

describe('the privacy-workbench command', () => {
  it('is the package bin and lists its commands with --help', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
    expect(pkg.bin['privacy-workbench']).toBe('dist/cli/privacy-workbench.cjs');
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/demo <file>/);
    expect(help.stdout).toMatch(/web \[/);
    expect(help.stderr).toBe('');
    expect(run('--version').stdout.trim()).toBe(pkg.version);
    for (const command of ['web', 'demo']) {
      const sub = run(command, '--help');
      expect(sub.status, command).toBe(0);
      expect(sub.stdout, command).toMatch(/Commands:/);
    }
  });

  it('exits 2 with usage on stderr for a wrong call', () => {
    for (const args of [[], ['frobnicate'], ['demo'], ['demo', 'a', 'b'], ['web', '--port', 'eighty'], ['demo', '--bogus', 'x']]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('writes the demo workspace, and refuses with exit 1 to overwrite a file', async () => {
    const path = join(tempDir(), 'nested', 'demo.pwb');
    const first = run('demo', path);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(path);
    expect(existsSync(path)).toBe(true);

    const before = readFileSync(path);
    const second = run('demo', path);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already exists/);
    expect(readFileSync(path).equals(before)).toBe(true);

    const workbench = createWorkbenchService({ dataDir: tempDir(), actor: 'test' });
    const opened = await workbench.call('openWorkspace', { path });
    expect(opened).toMatchObject({ ok: true, value: { isDemo: true } });
    const organisations = await workbench.call('listOrganisations', {});
    expect(organisations.ok && (organisations.value as unknown[]).length).toBe(5);
    workbench.close();
  });
});
