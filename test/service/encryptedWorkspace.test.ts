import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKey, keyFromPassphrase } from '../../db/encryption';
import { migrations } from '../../db/migrations';
import { workspaceApplicationId } from '../../db/connection';
import { checkWorkspaceFile } from '../../service/workspaceCheck';
import { workspaceFileFacts } from '../../service/workspaceFiles';
import { builtCli } from '../support/workspace';

/**
 * Data at rest (issue 15): encrypted workspaces, backups and restores, through the built CLI as a
 * user runs it, and checked from outside: the file's bytes, SQLite opening it without the key,
 * SIGKILL at random moments, and writes acknowledged by another process while a backup runs.
 */
const passphrase = 'correct horse battery staple';
let dir: string;
let passFile: string;
let otherPassFile: string;
const cli = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const siblings = (path: string) => readdirSync(join(path, '..')).filter((name) => name.startsWith(`${path.split('/').pop()}-`));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwb-encrypted-'));
  passFile = join(dir, 'passphrase.txt');
  otherPassFile = join(dir, 'other.txt');
  writeFileSync(passFile, `${passphrase}\n`);
  writeFileSync(otherPassFile, 'a different passphrase\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an encrypted workspace', () => {
  it('holds no readable text, keys included, and opens only with its passphrase, left untouched otherwise', () => {
    const file = join(dir, 'demo.pwb');
    const made = cli('demo', file, '--passphrase-file', passFile);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('(encrypted with the passphrase given)');
    // Opened once through the service: the callers' key and the signing identity are made and stored inside.
    mkdirSync(join(dir, 'audio'));
    const opened = cli('recordings', 'folder', join(dir, 'audio'), '--workspace', file, '--caller-country', 'GB', '--passphrase-file', passFile);
    expect(opened.status, opened.stderr).toBe(0);
    const bytes = readFileSync(file);
    for (const text of ['SQLite format 3', 'Smartner', 'SmarTek21', 'Sterling', 'Google Analytics', 'Card payments', 'BEGIN CERTIFICATE', 'PRIVATE KEY', 'workspace_meta', 'change_log']) {
      expect(bytes.includes(Buffer.from(text)), text).toBe(false);
    }
    // Nor a key or certificate in DER form: the rsaEncryption OID (a three-letter base64 prefix such as
    // "MII" is no test: it turns up by chance in a few megabytes of ciphertext about one run in ten).
    expect(bytes.includes(Buffer.from('06092a864886f70d010101', 'hex')), 'rsaEncryption OID').toBe(false);

    // Plain SQLite cannot read it.
    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_schema').get()).toThrow(/file is not a database/);
    plain.close();

    const before = sha256(file);
    const missing = cli('workspace', 'check', '--workspace', file);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`privacy-workbench: ${file} is encrypted (or is no workspace): give its passphrase to open it. It was left untouched.\n`);
    const wrong = cli('register', 'export', '--format', 'json', '--workspace', file, '--out', join(dir, 'x.json'), '--passphrase-file', otherPassFile);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toBe(`privacy-workbench: The passphrase does not open ${file} (or the file is no workspace). It was left untouched.\n`);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
    expect(sha256(file)).toBe(before);
    expect(siblings(file)).toEqual([]);

    // The passphrase from the environment works as the file does.
    const fromEnv = spawnSync(process.execPath, [builtCli, 'workspace', 'check', '--workspace', file], { encoding: 'utf8', env: { ...process.env, PRIVACY_WORKBENCH_PASSPHRASE: passphrase } });
    expect(fromEnv.status, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).toMatch(/^intact: /);
  }, 60_000);

  it('changes its passphrase: the old one no longer opens it, the new one does', () => {
    const file = join(dir, 'rekey.pwb');
    expect(cli('demo', file, '--passphrase-file', passFile).status).toBe(0);
    const newFile = join(dir, 'new.txt');
    writeFileSync(newFile, 'an entirely new passphrase\n');
    const changed = cli('workspace', 'passphrase', '--workspace', file, '--passphrase-file', passFile, '--new-passphrase-file', newFile);
    expect(changed.status, changed.stderr).toBe(0);
    expect(cli('workspace', 'check', '--workspace', file, '--passphrase-file', passFile).status).toBe(1);
    expect(cli('workspace', 'check', '--workspace', file, '--passphrase-file', newFile).status).toBe(0);
    writeFileSync(join(dir, 'short.txt'), 'short\n');
    const short = cli('workspace', 'passphrase', '--workspace', file, '--passphrase-file', newFile, '--new-passphrase-file', join(dir, 'short.txt'));
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('--new-passphrase-file: use at least 10 characters');
  }, 60_000);

  it('encrypts a plain workspace on request, keeping the plain file beside it until the user deletes it', () => {
    const file = join(dir, 'plain.pwb');
    const made = cli('demo', file);
    expect(made.stdout).toContain('(not encrypted: anyone with the file can read it');
    expect(readFileSync(file).includes(Buffer.from('Smartner'))).toBe(true);
    const encrypted = cli('workspace', 'encrypt', '--workspace', file, '--passphrase-file', passFile);
    expect(encrypted.status, encrypted.stderr).toBe(0);
    const kept = /The plain file is kept at (\S+):/.exec(encrypted.stdout)![1]!;
    expect(readFileSync(kept).includes(Buffer.from('Smartner'))).toBe(true);
    expect(readFileSync(file).includes(Buffer.from('Smartner'))).toBe(false);
    const check = cli('workspace', 'check', '--workspace', file, '--passphrase-file', passFile);
    expect(check.status, check.stdout).toBe(0);
    // Same history: the chain head of the plain file is the encrypted one's.
    expect(cli('workspace', 'check', '--workspace', kept).stdout.split('\n')[1]).toBe(check.stdout.split('\n')[1]);
  }, 60_000);
});

describe('backups and restores', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = join(dir, 'register.pwb');
    expect(cli('demo', workspace, '--passphrase-file', passFile).status).toBe(0);
    const rows = ['Controller,Processing activity,Purpose of processing', ...Array.from({ length: 4000 }, (_, index) => `Smartt,Generated activity ${index},Purpose ${index % 13}`)];
    writeFileSync(join(dir, 'rows.csv'), rows.join('\n'));
    const imported = cli('register', 'import', join(dir, 'rows.csv'), '--workspace', workspace, '--passphrase-file', passFile);
    expect(imported.status, imported.stderr).toBe(0);
  }, 120_000);

  it('backs up encrypted like the workspace, checked, with its chain head; lists and restores it, keeping the replaced file aside', () => {
    const made = cli('backup', '--workspace', workspace, '--passphrase-file', passFile, '--json');
    expect(made.status, made.stderr).toBe(0);
    const backup = JSON.parse(made.stdout) as { path: string; encrypted: boolean; schemaVersion: number; chainHead: { id: number; hash: string } };
    expect(backup).toMatchObject({ encrypted: true, schemaVersion: migrations.at(-1)!.version });
    expect(backup.path).toContain(`${join(dir, 'register.pwb backups')}/register-`);
    expect(readFileSync(backup.path).includes(Buffer.from('Generated activity'))).toBe(false);
    const head = cli('workspace', 'check', '--workspace', workspace, '--passphrase-file', passFile).stdout;
    expect(head).toContain(`${backup.chainHead.id} entries, chain head ${backup.chainHead.hash}`);
    expect(cli('backup', '--workspace', workspace, '--passphrase-file', passFile, '--out', backup.path).stderr).toContain('already exists; a backup never overwrites a file');

    const listed = cli('backup', 'list', '--workspace', workspace, '--passphrase-file', passFile);
    expect(listed.stdout).toMatch(new RegExp(`1 backup\\(s\\)[\\s\\S]*schema ${backup.schemaVersion}  encrypted  entry ${backup.chainHead.id}, chain head ${backup.chainHead.hash}`));

    // Work after the backup, then the restore: the preview names what goes back, the replaced file is kept whole.
    writeFileSync(join(dir, 'more.csv'), 'Controller,Processing activity,Purpose of processing\nSmartt,Added after the backup,Purpose\n');
    expect(cli('register', 'import', join(dir, 'more.csv'), '--workspace', workspace, '--passphrase-file', passFile).status).toBe(0);
    const preview = cli('restore', backup.path, '--to', workspace, '--preview', '--passphrase-file', passFile);
    expect(preview.stdout).toContain(`activities: ${4025} now, ${4024} in the backup (-1)`);
    expect(preview.stdout).toContain('(preview only: nothing was changed)');
    const restored = cli('restore', backup.path, '--to', workspace, '--passphrase-file', passFile);
    expect(restored.status, restored.stderr).toBe(0);
    const aside = /kept whole at (\S+)\./.exec(restored.stdout)![1]!;
    const key = keyFromPassphrase(workspace, passphrase);
    expect(workspaceFileFacts(workspace, key, { check: true }).counts.activities).toBe(4024);
    expect(workspaceFileFacts(aside, keyFromPassphrase(aside, passphrase), { check: true }).counts.activities).toBe(4025);
    // The restored log is the backup's, and one entry more: the restore, naming the backup and the head it replaced.
    const checked = cli('workspace', 'check', '--workspace', workspace, '--expect-head', backup.chainHead.hash, '--passphrase-file', passFile);
    expect(checked.stdout).toContain(`intact: ${workspace}`);
    expect(checked.stdout).toContain(`the head you kept is entry ${backup.chainHead.id}; 1 entries were added since`);
    const db = new Database(workspace, { readonly: true });
    applyKey(db, keyFromPassphrase(workspace, passphrase));
    const last = db.prepare('SELECT entity, action, after_json FROM change_log ORDER BY id DESC LIMIT 1').get() as { entity: string; action: string; after_json: string };
    db.close();
    expect({ ...last, after_json: JSON.parse(last.after_json) }).toEqual({
      entity: 'workspace',
      action: 'update',
      after_json: { restoredFrom: basename(backup.path), backupHead: backup.chainHead, replaced: { path: workspace, head: { id: backup.chainHead.id + 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } }, keptAside: aside },
    });
  }, 120_000);

  it('refuses to restore over, encrypt or re-key a workspace another program has open, changing nothing; and a backup onto itself', async () => {
    const target = join(dir, 'held.pwb');
    expect(cli('demo', target).status).toBe(0);
    const backup = join(dir, 'held.pwbackup');
    expect(cli('backup', '--workspace', target, '--out', backup).status).toBe(0);
    // Another program (the app) holding the workspace open in WAL mode, as it does.
    const holder = spawn(process.execPath, ['-e', `const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))}); const db = new D(process.argv[1]); db.pragma('journal_mode = WAL'); db.prepare('SELECT count(*) FROM activities').get(); console.log('open'); setInterval(() => {}, 1000);`, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const before = sha256(target);
      const restore = cli('restore', backup, '--to', target);
      expect(restore.status).toBe(1);
      expect(restore.stderr).toContain(`${target} is open in another program (the app, or another command): close it there, then try again. Nothing was changed.`);
      const encrypt = cli('workspace', 'encrypt', '--workspace', target, '--passphrase-file', passFile);
      expect(encrypt.status).toBe(1);
      expect(encrypt.stderr).toContain('is open in another program');
      expect(sha256(target)).toBe(before);
      expect(readdirSync(dir).filter((name) => name.startsWith('held.pwb.') && !name.endsWith('-wal') && !name.endsWith('-shm'))).toEqual([]);
    } finally {
      holder.kill('SIGKILL');
    }
    const self = cli('restore', backup, '--to', backup);
    expect(self.status).toBe(1);
    expect(self.stderr).toContain('is the file to restore to');
  }, 60_000);

  it('restores a backup of an older version, upgraded; refuses one of a newer version, changing nothing', () => {
    // A workspace as version 170 wrote it (before the change-log chain).
    const old = join(dir, 'old.pwbackup');
    const db = new Database(old);
    for (const migration of migrations.filter((entry) => entry.version <= 170)) migration.up(db);
    db.pragma('user_version = 170');
    db.pragma(`application_id = ${workspaceApplicationId}`);
    db.prepare(`INSERT INTO workspace_meta (key, value) VALUES ('id', 'old-one'), ('name', 'Old register')`).run();
    db.close();
    const target = join(dir, 'from-old.pwb');
    const restored = cli('restore', old, '--to', target);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${target} (schema ${migrations.at(-1)!.version}`);
    expect(workspaceFileFacts(target, null, { check: true })).toMatchObject({ workspaceId: 'old-one', schemaVersion: migrations.at(-1)!.version });

    const newer = join(dir, 'newer.pwbackup');
    const copy = new Database(target);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    writeFileSync(newer, readFileSync(target));
    const bump = new Database(newer);
    bump.pragma(`user_version = ${migrations.at(-1)!.version + 10}`);
    bump.close();
    const before = sha256(target);
    const refused = cli('restore', newer, '--to', target);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('was written by a newer version of Privacy Workbench');
    expect(refused.stderr).toContain('Nothing was changed.');
    expect(sha256(target)).toBe(before);
  }, 60_000);

  it('holds every write acknowledged before it started, while another process writes on', async () => {
    const key = keyFromPassphrase(workspace, passphrase);
    // Another program writing the workspace: one row per transaction, each acknowledged on its stdout once committed.
    const writerScript = join(dir, 'writer.cjs');
    writeFileSync(
      writerScript,
      `const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
const db = new Database(process.argv[2]);
db.pragma("cipher = 'sqlcipher'"); db.pragma('legacy = 4'); db.pragma(\`key = "x'${key.key.toString('hex')}'"\`);
db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL'); db.pragma('busy_timeout = 5000');
const insert = db.prepare("INSERT INTO vocabulary_terms (kind, code, label, created_at) VALUES ('data', ?, ?, '2026-12-03T00:00:00Z')");
for (let n = 1; ; n += 1) { insert.run('written-' + n, 'written ' + n); process.stdout.write(n + '\\n'); }
`,
    );
    const writer = spawn(process.execPath, [writerScript, workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acknowledged = 0;
    let errors = '';
    writer.stdout.on('data', (chunk: Buffer) => {
      const lines = chunk.toString().trim().split('\n');
      acknowledged = Number(lines.at(-1));
    });
    writer.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    await expect.poll(() => acknowledged, { timeout: 20_000 }).toBeGreaterThan(300);
    const before = acknowledged;
    const out = join(dir, 'during-writes.pwbackup');
    const made = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [builtCli, 'backup', '--workspace', workspace, '--out', out, '--passphrase-file', passFile]);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (status) => resolve({ status, stderr }));
    });
    writer.kill('SIGKILL');
    expect(errors).toBe('');
    expect(made.status, made.stderr).toBe(0);
    expect(acknowledged).toBeGreaterThan(before);
    const copy = new Database(out, { readonly: true });
    applyKey(copy, keyFromPassphrase(out, passphrase));
    const rows = (copy.prepare(`SELECT label FROM vocabulary_terms WHERE code LIKE 'written-%'`).all() as Array<{ label: string }>).map((row) => Number(row.label.slice(8)));
    copy.close();
    const held = new Set(rows);
    const lost = Array.from({ length: before }, (_, index) => index + 1).filter((n) => !held.has(n));
    expect(lost).toEqual([]);
  }, 60_000);

  it('killed at random moments, a backup is whole and checked or absent, and a restore replaces the workspace whole or not at all', async () => {
    const key = keyFromPassphrase(workspace, passphrase);
    const source = join(dir, 'source.pwbackup');
    expect(cli('backup', '--workspace', workspace, '--out', source, '--passphrase-file', passFile).status).toBe(0);
    const sourceHead = workspaceFileFacts(source, key).chainHead;
    const killAfter = (args: string[], ms: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [builtCli, ...args], { stdio: 'ignore' });
        const timer = setTimeout(() => child.kill('SIGKILL'), ms);
        child.on('exit', (status) => {
          clearTimeout(timer);
          resolve(status);
        });
      });
    // How long each takes when left alone, so the kills spread over the whole of it (and a little after).
    const timed = (args: string[]) => {
      const started = Date.now();
      expect(cli(...args).status).toBe(0);
      return Date.now() - started;
    };
    const spareTarget = join(dir, 'timed.pwb');
    expect(cli('demo', spareTarget, '--passphrase-file', passFile).status).toBe(0);
    const backupTime = timed(['backup', '--workspace', workspace, '--out', join(dir, 'timed.pwbackup'), '--passphrase-file', passFile]);
    const restoreTime = timed(['restore', source, '--to', spareTarget, '--passphrase-file', passFile]);
    const trials = 12;
    const outcomes = { backupWhole: 0, backupAbsent: 0, restoreDone: 0, restoreUntouched: 0 };
    let runs = 0;
    const backupTrial = async (delay: number) => {
      const out = join(dir, `killed-${(runs += 1)}.pwbackup`);
      await killAfter(['backup', '--workspace', workspace, '--out', out, '--passphrase-file', passFile], delay);
      if (existsSync(out)) {
        expect(workspaceFileFacts(out, key, { check: true }).chainHead).toEqual(sourceHead);
        outcomes.backupWhole += 1;
      } else outcomes.backupAbsent += 1;
    };
    // A restore over a workspace of other content: afterwards it is either that workspace, untouched, or the backup, whole.
    const restoreTrial = async (delay: number) => {
      const target = join(dir, `target-${(runs += 1)}.pwb`);
      expect(cli('demo', target, '--passphrase-file', passFile).status).toBe(0);
      const untouched = sha256(target);
      await killAfter(['restore', source, '--to', target, '--passphrase-file', passFile], delay);
      if (sha256(target) === untouched) outcomes.restoreUntouched += 1;
      else {
        workspaceFileFacts(target, keyFromPassphrase(target, passphrase), { check: true });
        // The source's history, and the restore's own entry after it.
        expect(checkWorkspaceFile(target, { expectHead: sourceHead!.hash, passphrase }).expectedHead).toEqual({ found: true, entryId: sourceHead!.id, entriesSince: 1 });
        outcomes.restoreDone += 1;
      }
    };
    for (let trial = 0; trial < trials; trial += 1) {
      // Spread from process start to well past the end (twice the time it took alone), with jitter.
      const at = (total: number) => Math.floor((total * 2 * (trial + Math.random())) / trials);
      await backupTrial(at(backupTime));
      await restoreTrial(at(restoreTime));
    }
    // A busier machine than when they were timed can leave one side of a commit point unreached: a few more kills, later or earlier.
    for (let extra = 1; extra <= 6 && Math.min(outcomes.backupWhole, outcomes.backupAbsent) === 0; extra += 1) {
      await backupTrial(outcomes.backupWhole === 0 ? backupTime * (2 + extra) : Math.floor((backupTime * Math.random()) / 3));
    }
    for (let extra = 1; extra <= 6 && Math.min(outcomes.restoreDone, outcomes.restoreUntouched) === 0; extra += 1) {
      await restoreTrial(outcomes.restoreDone === 0 ? restoreTime * (2 + extra) : Math.floor((restoreTime * Math.random()) / 3));
    }
    console.log(`SIGKILL trials (backup ${backupTime} ms, restore ${restoreTime} ms alone): ${JSON.stringify(outcomes)}`);
    expect(outcomes.backupWhole + outcomes.backupAbsent + outcomes.restoreDone + outcomes.restoreUntouched).toBe(runs);
    expect(outcomes.backupWhole + outcomes.backupAbsent).toBeGreaterThanOrEqual(trials);
    // The kills reached both sides of each one's commit point.
    expect(Math.min(outcomes.backupWhole, outcomes.backupAbsent, outcomes.restoreDone, outcomes.restoreUntouched)).toBeGreaterThan(0);
  }, 240_000);
});
