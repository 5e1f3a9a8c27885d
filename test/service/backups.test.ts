import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workspaceApplicationId } from '../../db/connection';
import { applyKey, keyFromPassphrase, looksEncrypted } from '../../db/encryption';
import { chainGenesis, chainHash, type StoredChange } from '../../db/repositories/changeLog';
import { migrations } from '../../db/migrations';
import { createWorkbenchService } from '../../service';
import { restoreWorkspace, workspaceFileFacts } from '../../service/workspaceFiles';
import { typedClient } from '../support/client';
import { useTempDirs } from '../support/workspace';

/**
 * The app's own backups (issue 15, points 2, 3 and 5): before a migration, on closing and once a day
 * while open when something changed, rotated; listed, previewed and restored from the app, with the
 * replaced file kept aside; a restore of a backup made under an earlier passphrase; the status bar's
 * last backup and its warning after a day.
 */
const tempDir = useTempDirs();
const passphrase = 'correct horse battery staple';
afterEach(() => {
  vi.useRealTimers();
});

/** A service as the app runs it, on a clock the test moves. */
function app(dir: string, clock: { now: number }) {
  return typedClient(createWorkbenchService({ dataDir: join(dir, 'user-data'), actor: 'dpo', clock: () => new Date(clock.now), automaticBackups: true }));
}
const backupsOf = (workspace: string) => {
  const folder = `${workspace} backups`;
  return existsSync(folder) ? readdirSync(folder).sort() : [];
};
const day = 24 * 60 * 60 * 1000;

/** A workspace created by the app, on a clock the test moves (30 November 2026, 09:00 UTC). */
async function started(protection: string | null) {
  const dir = tempDir();
  const clock = { now: Date.parse('2026-11-30T09:00:00Z') };
  const workspace = join(dir, 'register.pwb');
  const service = app(dir, clock);
  await service.createWorkspace({ path: workspace, passphrase: protection });
  return { dir, clock, workspace, service };
}

async function addActivity(service: ReturnType<typeof app>, name: string) {
  const [organisation] = await service.listOrganisations();
  const organisationId = organisation?.id ?? (await service.createOrganisation({ name: 'Smartt Ltd' })).id;
  return await service.createActivity({ organisationId, name });
}
async function activityNames(service: ReturnType<typeof app>) {
  return (await service.listActivities()).map((activity) => activity.name).sort();
}

describe('automatic backups', () => {
  it('back up on closing when something changed (encrypted like the workspace, named with the chain head), not when nothing did', async () => {
    const { dir, clock, workspace, service: creator } = await started(passphrase);
    let service = creator;
    await addActivity(service, 'Payroll');
    const head = (await service.getWorkspace())!.lastChange!;
    service.close();
    const [first, ...others] = backupsOf(workspace);
    expect(others).toEqual([]);
    expect(first).toBe(`register-20261130T090000Z-entry-${head.id}-${head.hash.slice(0, 8)}-auto.pwbackup`);
    const path = join(`${workspace} backups`, first!);
    expect(looksEncrypted(path)).toBe(true);
    expect(workspaceFileFacts(path, keyFromPassphrase(path, passphrase), { check: true })).toMatchObject({ chainHead: { id: head.id, hash: head.hash }, counts: { activities: 1 } });

    // Opened and closed again without a change: the newest backup already holds it.
    clock.now += 3 * day;
    service = app(dir, clock);
    await service.openWorkspace({ path: workspace, passphrase });
    await service.closeWorkspace();
    service.close();
    expect(backupsOf(workspace)).toEqual([first]);
  });

  it('back up once a day while the workspace stays open and changes; the status bar warns after a day without one', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { clock, workspace, service } = await started(passphrase);
    await addActivity(service, 'Payroll');
    expect(await service.getBackupStatus()).toMatchObject({ lastBackupAt: null, upToDate: false, overdue: false, automatic: true, problem: null });
    // A quarter of an hour later the check runs: no backup yet, so one is taken.
    clock.now += 15 * 60_000;
    vi.advanceTimersByTime(15 * 60_000);
    expect(backupsOf(workspace)).toHaveLength(1);
    expect(await service.getBackupStatus()).toMatchObject({ lastBackupAt: '2026-11-30T09:15:00.000Z', upToDate: true, overdue: false });

    // A change; the checks of the next hours find the backup less than a day old.
    await addActivity(service, 'Recruitment');
    clock.now += 12 * 60 * 60_000;
    vi.advanceTimersByTime(15 * 60_000);
    expect(backupsOf(workspace)).toHaveLength(1);
    expect(await service.getBackupStatus()).toMatchObject({ upToDate: false, overdue: false });
    // A day and more after the backup, the status bar warns until the next check takes it.
    clock.now += 13 * 60 * 60_000;
    expect(await service.getBackupStatus()).toMatchObject({ lastBackupAt: '2026-11-30T09:15:00.000Z', upToDate: false, overdue: true });
    vi.advanceTimersByTime(15 * 60_000);
    expect(backupsOf(workspace)).toHaveLength(2);
    expect(await service.getBackupStatus()).toMatchObject({ upToDate: true, overdue: false });
    service.close();
  });

  it('keep a rotation: ten days of work keep the newest seven dailies; a manual backup stays', async () => {
    const dir = tempDir();
    const clock = { now: Date.parse('2026-11-02T09:00:00Z') };
    const workspace = join(dir, 'register.pwb');
    let service = app(dir, clock);
    await service.createWorkspace({ path: workspace, passphrase: null });
    const manual = await service.backUpNow();
    for (let n = 1; n <= 10; n += 1) {
      await addActivity(service, `Activity of day ${n}`);
      service.close();
      clock.now += day;
      service = app(dir, clock);
      await service.openWorkspace({ path: workspace });
    }
    service.close();
    const automatic = backupsOf(workspace).filter((file) => file.endsWith('-auto.pwbackup'));
    // 2 to 11 November (a Monday to a Wednesday): days 5 to 11 stay; weeks and months keep nothing older.
    expect(automatic.map((file) => /-(\d{8})T/.exec(file)![1])).toEqual(['20261105', '20261106', '20261107', '20261108', '20261109', '20261110', '20261111']);
    expect(backupsOf(workspace)).toContain(basename(manual.path));
  });

  it('are not taken of the demo, nor by the CLI (whose commands are one-offs)', async () => {
    const dir = tempDir();
    const clock = { now: Date.parse('2026-11-30T09:00:00Z') };
    const service = app(dir, clock);
    const demo = await service.openDemoWorkspace();
    await addActivity(service, 'Added to the demo');
    expect((await service.getBackupStatus()).automatic).toBe(false);
    // Never backed up by the app, the demo is never "overdue" either.
    clock.now += 3 * day;
    expect(await service.getBackupStatus()).toMatchObject({ lastBackupAt: null, upToDate: false, overdue: false });
    service.close();
    expect(backupsOf(demo.path)).toEqual([]);
    const cliLike = typedClient(createWorkbenchService({ dataDir: join(dir, 'cli'), actor: 'dpo' }));
    const workspace = join(dir, 'cli.pwb');
    await cliLike.createWorkspace({ path: workspace, passphrase: null });
    await addActivity(cliLike as ReturnType<typeof app>, 'From the CLI');
    cliLike.close();
    expect(backupsOf(workspace)).toEqual([]);
  });
});

describe('a backup before every migration', () => {
  /** A workspace as version 170 wrote it. */
  function oldWorkspace(path: string) {
    const db = new Database(path);
    for (const migration of migrations.filter((entry) => entry.version <= 170)) migration.up(db);
    db.pragma('user_version = 170');
    db.pragma(`application_id = ${workspaceApplicationId}`);
    db.prepare(`INSERT INTO workspace_meta (key, value) VALUES ('id', 'old-one'), ('name', 'Old register'), ('created_at', '2026-01-01T00:00:00.000Z'), ('is_demo', '0')`).run();
    db.close();
  }

  it('keeps the file as it was, checked, before the migration runs', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'old.pwb');
    oldWorkspace(workspace);
    const service = typedClient(createWorkbenchService({ dataDir: join(dir, 'user-data'), actor: 'dpo', clock: () => new Date('2026-11-30T09:00:00Z') }));
    expect((await service.openWorkspace({ path: workspace })).schemaVersion).toBe(migrations.at(-1)!.version);
    service.close();
    const [kept, ...others] = backupsOf(workspace);
    expect(others).toEqual([]);
    expect(kept).toMatch(/^old-20261130T090000Z-entry-0-before-schema-170\.pwbackup$/);
    expect(workspaceFileFacts(join(`${workspace} backups`, kept!), null, { check: true })).toMatchObject({ workspaceId: 'old-one', schemaVersion: 170 });
  });

  it('when the backup cannot be written, the workspace is not migrated and says why', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'old.pwb');
    oldWorkspace(workspace);
    // A file where the backups folder would go.
    writeFileSync(`${workspace} backups`, 'not a folder');
    const service = typedClient(createWorkbenchService({ dataDir: join(dir, 'user-data'), actor: 'dpo' }));
    const opened = await service.result.openWorkspace({ path: workspace });
    service.close();
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.error.message).toMatch(/backups/);
    const db = new Database(workspace, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(170);
    db.close();
  });
});

describe('restoring from the app', () => {
  it('previews, restores over the open workspace keeping it aside, logs the restore, and opens without a broken-chain warning', async () => {
    const { dir, clock, workspace, service } = await started(passphrase);
    await addActivity(service, 'Payroll');
    const backup = await service.backUpNow();
    clock.now += 60_000;
    await addActivity(service, 'Added after the backup');
    const listed = await service.listBackups();
    expect(listed.backups.map((entry) => [entry.fileName, entry.kind, entry.facts?.counts.activities, entry.problem])).toEqual([[basename(backup.path), 'manual', 1, null]]);

    const preview = await service.previewRestore({ path: backup.path });
    expect(preview).toMatchObject({ backup: { counts: { activities: 1 } }, current: { counts: { activities: 2 } }, refused: null });
    clock.now += 60_000;
    const restored = await service.restoreBackup({ path: backup.path });
    expect(restored.workspace.warnings).toEqual([]);
    expect(restored.passphraseNote).toBeNull();
    expect(await activityNames(service)).toEqual(['Payroll']);
    const aside = workspaceFileFacts(restored.keptAside!, keyFromPassphrase(restored.keptAside!, passphrase), { check: true });
    expect(aside.counts.activities).toBe(2);
    const log = await service.getChangeLog({ entity: 'workspace', entityId: restored.workspace.id });
    expect(log.at(0)?.after).toMatchObject({ restoredFrom: basename(backup.path), replaced: { head: { id: aside.chainHead!.id } } });
    // The restored state is backed up at once: the status bar does not call it unsaved.
    expect(await service.getBackupStatus()).toMatchObject({ upToDate: true, overdue: false });
    service.close();

    // Opened again on this computer, whose remembered head the restore cut away: no broken-chain warning.
    let again = app(dir, clock);
    expect((await again.openWorkspace({ path: workspace, passphrase })).warnings).toEqual([]);
    again.close();

    // The restore does not switch the check off: a log rewritten afterwards, hashes recomputed, is still caught.
    const db = new Database(workspace);
    applyKey(db, keyFromPassphrase(workspace, passphrase));
    db.exec('DROP TRIGGER IF EXISTS change_log_no_update;');
    db.prepare(`UPDATE change_log SET actor = 'someone else' WHERE id = 2`).run();
    let previous = chainGenesis;
    for (const row of db.prepare('SELECT * FROM change_log ORDER BY id').all() as StoredChange[]) {
      previous = chainHash(previous, row);
      db.prepare('UPDATE change_log SET hash = ? WHERE id = ?').run(previous, row.id);
    }
    db.close();
    again = app(dir, clock);
    expect((await again.openWorkspace({ path: workspace, passphrase })).warnings).toEqual([expect.stringMatching(/does not hold together: entry \d+ now carries another hash/)]);
    again.close();
  });

  it('a restore made elsewhere (the CLI) over the head this computer checked is said once, not flagged as a rewritten log', async () => {
    const { dir, clock, workspace, service: creator } = await started(null);
    let service = creator;
    await addActivity(service, 'Payroll');
    const backup = await service.backUpNow();
    await addActivity(service, 'Recruitment');
    service.close();
    // Opened once more, so this computer remembers the head the CLI's restore will replace.
    service = app(dir, clock);
    await service.openWorkspace({ path: workspace });
    service.close();
    restoreWorkspace(backup.path, workspace, () => null, { now: '2026-11-30T10:00:00.000Z', actor: 'cli-user' });
    service = app(dir, clock);
    const warnings = (await service.openWorkspace({ path: workspace })).warnings;
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^This workspace was restored from ${basename(backup.path).replace(/[.]/g, '\\.')} on 2026-11-30T10:00:00.000Z by cli-user; the state this computer last checked \\(entry \\d+\\) was replaced and kept at .*before-restore`))]);
    service.close();
    service = app(dir, clock);
    expect((await service.openWorkspace({ path: workspace })).warnings).toEqual([]);
    service.close();
  });

  it('restores a plain backup over an encrypted workspace encrypted with its key, never in clear', async () => {
    const { workspace, service } = await started(null);
    await addActivity(service, 'Payroll');
    const plain = await service.backUpNow();
    await service.encryptWorkspace({ passphrase });
    await addActivity(service, 'After encryption');
    const restored = await service.restoreBackup({ path: plain.path });
    expect(restored.workspace).toMatchObject({ encrypted: true, protection: 'passphrase' });
    expect(restored.passphraseNote).toMatch(/not encrypted: the restored workspace is encrypted with the workspace’s present key/);
    expect(looksEncrypted(workspace)).toBe(true);
    expect(readFileSync(workspace).includes(Buffer.from('Payroll'))).toBe(false);
    expect(await activityNames(service)).toEqual(['Payroll']);
    service.close();
    expect(workspaceFileFacts(workspace, keyFromPassphrase(workspace, passphrase), { check: true }).counts.activities).toBe(1);
  });

  it('a backup made under an earlier passphrase needs that passphrase, and the restored workspace opens with it', async () => {
    const { dir, clock, workspace, service } = await started(passphrase);
    await addActivity(service, 'Payroll');
    const backup = await service.backUpNow();
    const wrong = await service.result.changePassphrase({ current: 'not the passphrase', passphrase: 'a brand new passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'workspace-locked', field: 'current' } });
    await service.changePassphrase({ current: passphrase, passphrase: 'a brand new passphrase' });
    await addActivity(service, 'After the change');

    expect(await service.result.previewRestore({ path: backup.path })).toMatchObject({ ok: false, error: { code: 'workspace-locked', message: expect.stringContaining('another passphrase') } });
    expect(await service.result.restoreBackup({ path: backup.path, passphrase: 'a brand new passphrase' })).toMatchObject({ ok: false, error: { code: 'workspace-locked' } });
    // Refused, the workspace is open and whole as it was.
    expect(await activityNames(service)).toEqual(['After the change', 'Payroll']);
    const restored = await service.restoreBackup({ path: backup.path, passphrase });
    expect(restored.passphraseNote).toMatch(/passphrase the backup was made under/);
    expect(await activityNames(service)).toEqual(['Payroll']);
    service.close();
    const again = app(dir, clock);
    expect(await again.result.openWorkspace({ path: workspace, passphrase: 'a brand new passphrase' })).toMatchObject({ ok: false, error: { code: 'workspace-locked' } });
    await again.openWorkspace({ path: workspace, passphrase });
    again.close();
  });

  it('encrypts a plain workspace on request, keeping the plain file and naming the plain backups', async () => {
    const { workspace, service } = await started(null);
    await addActivity(service, 'Payroll');
    const plainBackup = await service.backUpNow();
    const result = await service.encryptWorkspace({ passphrase });
    expect(result.workspace.encrypted).toBe(true);
    expect(looksEncrypted(workspace)).toBe(true);
    expect(looksEncrypted(result.keptPlain)).toBe(false);
    expect(result.plainBackups).toEqual([plainBackup.path]);
    expect(await activityNames(service)).toEqual(['Payroll']);
    service.close();
  });
});

describe('a key kept by the OS secret store (the desktop app)', () => {
  /** A stand-in for safeStorage: reversible only with this "account's" secret. */
  const store = (secret: string, available = true) => ({
    status: () => Promise.resolve({ available, backend: available ? 'gnome_libsecret' : 'basic_text' }),
    encrypt: (text: string) => Promise.resolve(Buffer.from(`${secret}|${text}`).reverse()),
    decrypt: (wrapped: Buffer) => {
      const [owner, text] = Buffer.from(wrapped).reverse().toString().split('|');
      return owner === secret ? Promise.resolve({ text: text!, shouldReEncrypt: false }) : Promise.reject(new Error('not this account'));
    },
  });

  it('opens without a passphrase; given a passphrase later, its earlier backups still open through the store; a damaged key file is reported, never reset', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'held.pwb');
    const clock = { now: Date.parse('2026-11-30T09:00:00Z') };
    const desktop = () => typedClient(createWorkbenchService({ dataDir: join(dir, 'user-data'), actor: 'dpo', clock: () => new Date(clock.now), automaticBackups: true, osKeyStore: store('anna') }));
    let service = desktop();
    expect(await service.createWorkspace({ path: workspace, osKeyStore: true })).toMatchObject({ encrypted: true, protection: 'os-key-store' });
    await addActivity(service, 'Payroll');
    const early = await service.backUpNow();
    service.close();
    // The key file holds the key wrapped, never in clear: the key the store unwraps appears nowhere in it.
    const held = readFileSync(join(dir, 'user-data', 'os-held-keys.json'), 'utf8');
    const entries = Object.values(JSON.parse(held).keys as Record<string, { wrapped: string }>);
    expect(entries).toHaveLength(1);
    const clear = (await store('anna').decrypt(Buffer.from(entries[0]!.wrapped, 'base64'))).text;
    expect(clear).toMatch(/^[0-9a-f]{64}$/);
    expect(held.includes(clear)).toBe(false);
    expect(Buffer.from(entries[0]!.wrapped, 'base64').includes(Buffer.from(clear))).toBe(false);

    service = desktop();
    await service.openWorkspace({ path: workspace });
    // No passphrase to retype: this account opened it.
    expect(await service.changePassphrase({ current: '', passphrase })).toMatchObject({ protection: 'passphrase' });
    await addActivity(service, 'After the passphrase');
    // The backup from before still opens through the store, without a passphrase.
    expect((await service.previewRestore({ path: early.path })).backup.counts.activities).toBe(1);
    expect((await service.listBackups()).backups.find((entry) => entry.path === early.path)?.problem).toBeNull();
    service.close();

    // Elsewhere (the CLI, browser mode: no store), the workspace opens with its passphrase only now.
    const cli = typedClient(createWorkbenchService({ dataDir: join(dir, 'user-data'), actor: 'dpo' }));
    expect(await cli.result.openWorkspace({ path: workspace })).toMatchObject({ ok: false, error: { code: 'workspace-locked' } });
    await cli.openWorkspace({ path: workspace, passphrase });
    cli.close();

    writeFileSync(join(dir, 'user-data', 'os-held-keys.json'), '{"version": 1, "keys": {');
    service = desktop();
    // Damaged, the key file locks out no passphrase workspace; where a key is missing, the refusal says why it may be.
    const damaged = /os-held-keys\.json, where this computer keeps the keys .* cannot be read .* keep a copy of it/;
    expect(await service.result.openWorkspace({ path: workspace })).toMatchObject({ ok: false, error: { code: 'workspace-locked', message: expect.stringMatching(damaged) } });
    await service.openWorkspace({ path: workspace, passphrase });
    const refused = await service.result.previewRestore({ path: early.path });
    service.close();
    expect(refused).toMatchObject({ ok: false, error: { code: 'workspace-locked', message: expect.stringMatching(damaged) } });
    expect(readFileSync(join(dir, 'user-data', 'os-held-keys.json'), 'utf8')).toBe('{"version": 1, "keys": {');
  });
});
