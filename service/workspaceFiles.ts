import Database from 'better-sqlite3';
import { constants as fsConstants, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { backupNameSuffix, fileStamp, type BackupKind } from '../core/backups';
import { WorkbenchError, type RestorePreview, type WorkspaceFileFacts } from '../core/contract';
import { openWorkspaceDatabase, workspaceApplicationId } from '../db/connection';
import { applyKey, keyFromPassphrase, keyOpens, looksEncrypted, newWorkspaceKey, passphraseKeyring, rekey, type WorkspaceKey } from '../db/encryption';
import { latestSchemaVersion } from '../db/migrations';
import { appendChange, verifyChain } from '../db/repositories/changeLog';
import { fsyncFolder, fsyncPath } from './fsync';
import { readWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';
import { countRecords } from '../db/repositories/workspaceFacts';

/**
 * Workspace files as wholes (issue 15): backups, restores, encrypting a plain workspace and changing
 * a passphrase. Every one writes a new file beside its target under a temporary name, checks it
 * (SQLite's quick_check, the change log's chain, that it is the same workspace), makes it durable
 * (fsync of the file and its folder) and only then gives it its name with one rename: killed at any
 * instant, a backup is whole and checked or absent, and a restore has replaced the workspace or
 * changed nothing. The temporary names end in `.partial-<pid>`; leftovers are removed next time.
 */

export { keyFromPassphrase, looksEncrypted, newWorkspaceKey, passphraseKeyring, type WorkspaceKey };

/** The change log's first schema with a hash chain: older backups have no chain to check. */
const chainSchema = 180;

export type { RestorePreview, WorkspaceFileFacts };

const countedTables: Record<string, string> = {
  organisations: 'organisations',
  activities: 'activities',
  processors: 'processors',
  incidents: 'incidents',
  recordings: 'recordings',
  'legal holds': 'legal_holds',
  'disposal batches': 'disposal_batches',
  'change-log entries': 'change_log',
};

/** A name beside `target` for work in progress; never one a workspace or backup is given. */
const partialName = (target: string) => `${target}.partial-${process.pid}-${Date.now().toString(36)}`;

/** Removes work left in progress beside `target` by a process that died (not this one's). */
function removeLeftovers(target: string): void {
  const prefix = `${basename(target)}.partial-`;
  if (!existsSync(dirname(target))) return;
  for (const name of readdirSync(dirname(target))) {
    if (name.startsWith(prefix) && !name.startsWith(`${prefix}${process.pid}-`)) rmSync(join(dirname(target), name), { force: true });
  }
}

/** Opens any workspace file read-only through its key, without the opening checks' side work; the caller closes it. */
function openToRead(path: string, key: WorkspaceKey | null, nativeBinding?: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (looksEncrypted(path)) {
      if (!key) throw new WorkbenchError('workspace-locked', `${path} is encrypted: give its passphrase.`, 'passphrase');
      applyKey(db, key);
      if (!keyOpens(db)) throw new WorkbenchError('workspace-locked', `The passphrase does not open ${path} (or the file is no workspace).`, 'passphrase');
    }
    if ((db.pragma('application_id', { simple: true }) as number) !== workspaceApplicationId) {
      throw new WorkbenchError('workspace-invalid', `${path} is not a Privacy Workbench workspace or backup.`, 'path');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The facts of a workspace or backup file; `check`: also SQLite's quick_check and the whole chain, failing with what is wrong. */
export function workspaceFileFacts(path: string, key: WorkspaceKey | null, options: { check?: boolean; checkChain?: boolean; nativeBinding?: string } = {}): WorkspaceFileFacts {
  const db = openToRead(path, key, options.nativeBinding);
  try {
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (options.check) {
      const problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check).filter((line) => line !== 'ok');
      if (problems.length) throw new WorkbenchError('workspace-invalid', `${path} is damaged: SQLite's quick_check found ${problems.slice(0, 3).join('; ')}.`, 'path');
    }
    let chainHead: { id: number; hash: string } | null = null;
    if (schemaVersion >= chainSchema) {
      const chain = verifyChain(db);
      if (options.check && options.checkChain !== false && chain.problems.length) {
        throw new WorkbenchError('workspace-invalid', `${path}: its change log does not hold together (${chain.problems.slice(0, 2).map((problem) => problem.problem).join('; ')}).`, 'path');
      }
      chainHead = chain.head;
    }
    const meta = readWorkspaceMeta(db);
    const counts = countRecords(db, countedTables);
    const stats = statSync(path);
    return {
      path,
      bytes: stats.size,
      modifiedAt: stats.mtime.toISOString(),
      encrypted: looksEncrypted(path),
      workspaceId: meta.id ?? null,
      name: meta.name ?? null,
      schemaVersion,
      chainHead,
      counts,
    };
  } finally {
    db.close();
  }
}

/** The folder a workspace's backups go to by default: beside it, named after it. */
export const backupsFolderOf = (workspacePath: string) => join(dirname(workspacePath), `${basename(workspacePath)} backups`);

export { fileStamp };

/** A backup's file name: the workspace's name, the UTC time, the chain head's entry number and why it was taken, so a listing sorts by time (core/backups.ts reads it back). */
export function backupFileName(workspacePath: string, at: string, head: { id: number; hash: string } | null, kind: BackupKind = 'manual', fromSchema?: number): string {
  return `${basename(workspacePath).replace(/\.[^.]+$/, '')}${backupNameSuffix(at, head, kind, fromSchema)}`;
}

/**
 * Backs up an open workspace into `out`: VACUUM INTO writes a consistent copy of what the
 * connection sees (the -wal's committed pages included, whatever other writers do meanwhile),
 * encrypted with the workspace's key and salt when it is encrypted; the copy is checked (quick_check,
 * chain, same workspace), synced, and only then named. An existing file is never overwritten.
 */
export function backupWorkspace(db: Db, key: WorkspaceKey | null, out: string, options: { nativeBinding?: string; checkChain?: boolean } = {}): WorkspaceFileFacts {
  if (existsSync(out)) throw new WorkbenchError('conflict', `${out} already exists; a backup never overwrites a file. Choose another name.`, 'out');
  if (!existsSync(dirname(out))) throw new WorkbenchError('not-found', `The folder ${dirname(out)} does not exist.`, 'out');
  removeLeftovers(out);
  const partial = partialName(out);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    const facts = workspaceFileFacts(partial, key, { check: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.checkChain === false ? { checkChain: false } : {}) });
    const sourceId = readWorkspaceMeta(db).id ?? null;
    if (facts.workspaceId !== sourceId) throw new WorkbenchError('internal', `The copy of ${db.name} names workspace ${facts.workspaceId}, not ${sourceId}.`);
    fsyncPath(partial);
    // link, not rename: it fails rather than replace a file that appeared meanwhile.
    try {
      linkSync(partial, out);
      unlinkSync(partial);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || existsSync(out)) throw new WorkbenchError('conflict', `${out} already exists; a backup never overwrites a file. Choose another name.`, 'out');
      // A file system without hard links (FAT, exFAT): a rename, checked just before.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      renameSync(partial, out);
    }
    fsyncFolder(out);
    return { ...facts, path: out };
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Takes a workspace for a whole-file change, with no other program holding it: an exclusive lock
 * (locking_mode EXCLUSIVE), and the file switched to rollback-journal mode, which SQLite refuses
 * while another connection has it open in WAL mode. The caller closes the connection once done.
 */
function takeExclusively(path: string, key: WorkspaceKey | null, nativeBinding?: string): Db {
  const busy = () =>
    new WorkbenchError('conflict', `${path} is open in another program (the app, or another command): close it there, then try again. Nothing was changed.`, 'workspace');
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    if (looksEncrypted(path)) {
      if (!key) throw new WorkbenchError('workspace-locked', `${path} is encrypted: give its passphrase. Nothing was changed.`, 'passphrase');
      applyKey(db, key);
      if (!keyOpens(db)) throw new WorkbenchError('workspace-locked', `The passphrase does not open ${path}. Nothing was changed.`, 'passphrase');
    }
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw busy();
    // The first write lock in exclusive locking mode is kept until the connection closes.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') throw busy();
    throw error;
  }
}

/** Copies files byte for byte under temporary names, syncs them, then names them: whole or absent. */
function copyDurably(sources: string[], targets: string[]): void {
  const partials = targets.map(partialName);
  try {
    sources.forEach((source, index) => {
      copyFileSync(source, partials[index]!, fsConstants.COPYFILE_EXCL);
      fsyncPath(partials[index]!);
    });
    partials.forEach((partial, index) => renameSync(partial, targets[index]!));
    fsyncFolder(targets[0]!);
  } finally {
    for (const partial of partials) rmSync(partial, { force: true });
  }
}

/** Backs up a workspace file that is not open here: read-only (no migration, nothing written to it), then as `backupWorkspace`. */
export function backupWorkspaceFile(path: string, passphrase: string | null | undefined, out: string | null, options: { now: string; nativeBinding?: string }): WorkspaceFileFacts {
  if (!existsSync(path)) throw new WorkbenchError('not-found', `No workspace file at ${path}.`, 'workspace');
  const key = passphraseKeyring(passphrase)(path);
  const db = openToRead(path, key, options.nativeBinding);
  try {
    const head = (db.pragma('user_version', { simple: true }) as number) >= chainSchema ? verifyChain(db).head : null;
    const target = out ?? join(backupsFolderOf(path), backupFileName(path, options.now, head));
    if (!out) mkdirSync(dirname(target), { recursive: true });
    return backupWorkspace(db, key, target, options);
  } finally {
    db.close();
  }
}

/** The backups in a folder (files ending in .pwbackup), newest first, each read through the key; one that cannot be read is listed with why. */
/** The backup files (`.pwbackup`) in a folder, by full path; none when the folder does not exist. */
export function backupFilesIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.pwbackup')).map((name) => join(folder, name)) : [];
}

export function listBackups(folder: string, passphrase: string | null, options: { nativeBinding?: string } = {}): Array<WorkspaceFileFacts | { path: string; problem: string }> {
  const keyOf = passphraseKeyring(passphrase);
  return backupFilesIn(folder)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    .map((path) => {
      try {
        return workspaceFileFacts(path, keyOf(path), options);
      } catch (error) {
        return { path, problem: error instanceof Error ? error.message : String(error) };
      }
    });
}

/** The change-log entry a restore writes into the restored file (entity workspace, action update). */
export interface RestoreRecord {
  restoredFrom: string;
  backupHead: { id: number; hash: string } | null;
  /** The workspace file it replaced and that file's chain head; null when it restored to a new file. */
  replaced: { path: string; head: { id: number; hash: string } | null; unreadable?: string | null } | null;
  keptAside: string | null;
  /** The backup was plain and the workspace it replaced encrypted: the restored file took the workspace's key. */
  encryptedOnRestore?: true;
}

/** Keys by file, from one passphrase (db/encryption.ts passphraseKeyring): one per command, so each salt costs one scrypt. */
export type Keyring = (path: string) => WorkspaceKey | null;

export function previewRestore(backup: string, target: string, keyOf: Keyring, options: { nativeBinding?: string } = {}): RestorePreview {
  if (!existsSync(backup)) throw new WorkbenchError('not-found', `No backup file at ${backup}.`, 'backup');
  const facts = workspaceFileFacts(backup, keyOf(backup), { check: true, ...options });
  let current: WorkspaceFileFacts | null = null;
  let currentProblem: string | null = null;
  if (existsSync(target) && statSync(target).size > 0) {
    try {
      current = workspaceFileFacts(target, keyOf(target), options);
    } catch (error) {
      // A damaged or foreign file is what a restore is for: it is kept aside as it is, and replaced.
      currentProblem = error instanceof Error ? error.message : String(error);
    }
  }
  const refused =
    facts.schemaVersion > latestSchemaVersion
      ? `The backup was written by a newer version of Privacy Workbench (schema ${facts.schemaVersion}; this version knows up to ${latestSchemaVersion}): update the app to restore it.`
      : null;
  return { backup: facts, current, currentProblem, refused };
}

/**
 * Restores a backup to `target`. The backup is checked, copied beside the target under a temporary
 * name (VACUUM INTO, so the copy is whole), upgraded there when it comes from an older version, and
 * checked again. An existing target is first copied aside whole (`<target>.before-restore-<time>`,
 * its -wal included), and must not be open elsewhere (its log would then belong to the old file).
 * Then one rename puts the restored file in place: the target is replaced whole, or not at all.
 */
export function restoreWorkspace(
  backup: string,
  target: string,
  keyOf: Keyring,
  options: { now: string; actor: string; nativeBinding?: string },
): { restored: WorkspaceFileFacts; keptAside: string | null; key: WorkspaceKey | null } {
  const preview = previewRestore(backup, target, keyOf, options);
  if (preview.refused) throw new WorkbenchError('workspace-too-new', `${preview.refused} Nothing was changed.`, 'backup');
  if (!existsSync(dirname(target))) throw new WorkbenchError('not-found', `The folder ${dirname(target)} does not exist.`, 'to');
  if (existsSync(target) && realpathSync(target) === realpathSync(backup)) throw new WorkbenchError('invalid-input', `${backup} is the file to restore to: give --to the workspace (or a new file). Nothing was changed.`, 'to');
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const backupKey = keyOf(backup);
  // A plain backup restored over an encrypted workspace is encrypted with the workspace's key: a
  // restore never leaves in clear what was encrypted (the plain backups of a workspace encrypted since).
  const targetKey = preview.current?.encrypted ? keyOf(target) : null;
  const restoredKey = backupKey ?? targetKey;
  removeLeftovers(target);
  const partial = partialName(target);
  let keptAside: string | null = null;
  let guard: Db | null = null;
  try {
    const source = openToRead(backup, backupKey, options.nativeBinding);
    try {
      source.prepare('VACUUM INTO ?').run(partial);
    } finally {
      source.close();
    }
    // An older backup is upgraded in its copy (the opening path runs the migrations); the copy keeps the backup's key.
    const upgraded = openWorkspaceDatabase(partial, { ...binding, ...(backupKey ? { key: backupKey } : {}) });
    const replacing = existsSync(target) && statSync(target).size > 0;
    if (replacing) keptAside = `${target}.before-restore-${fileStamp(options.now)}`;
    // The restore is itself in the log: which backup, and the head it replaced (so this computer's
    // remembered head, now cut away, is explained by an entry of the chain rather than lost).
    upgraded.transaction(() => {
      const restoredFrom: RestoreRecord = {
        restoredFrom: basename(backup),
        backupHead: preview.backup.chainHead,
        replaced: preview.current ? { path: target, head: preview.current.chainHead } : replacing ? { path: target, head: null, unreadable: preview.currentProblem } : null,
        keptAside,
        ...(!backupKey && targetKey ? { encryptedOnRestore: true } : {}),
      };
      appendChange(upgraded, { at: options.now, actor: options.actor, entity: 'workspace', entityId: readWorkspaceMeta(upgraded).id ?? '', action: 'update', before: null, after: restoredFrom });
    })();
    upgraded.pragma('wal_checkpoint(TRUNCATE)');
    upgraded.pragma('journal_mode = DELETE');
    // SQLite3 Multiple Ciphers encrypts a plain file in rollback-journal mode, as rewriteWithKey does.
    if (!backupKey && targetKey) rekey(upgraded, targetKey);
    upgraded.close();
    const restored = workspaceFileFacts(partial, restoredKey, { check: true, ...options });
    if (keptAside) {
      if (existsSync(keptAside)) throw new WorkbenchError('conflict', `${keptAside} already exists. Nothing was changed.`, 'to');
      const wal = `${target}-wal`;
      const hasLog = existsSync(wal) && statSync(wal).size > 0;
      // A log beside the file (a crash, or one that does not belong) is kept aside with it, as found, before anything opens it.
      if (hasLog) copyDurably([target, wal], [keptAside, `${keptAside}-wal`]);
      try {
        guard = takeExclusively(target, keyOf(target), options.nativeBinding);
      } catch (error) {
        if (hasLog) for (const file of [keptAside, `${keptAside}-wal`]) rmSync(file, { force: true });
        throw error;
      }
      // Under the exclusive lock, in rollback-journal mode, the file alone is the whole workspace.
      if (!hasLog) copyDurably([target], [keptAside]);
    }
    fsyncPath(partial);
    renameSync(partial, target);
    fsyncFolder(target);
    return { restored: { ...restored, path: target }, keptAside, key: restoredKey };
  } finally {
    guard?.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
  }
}

/**
 * Writes a copy of `path` under another key (or encrypts a plain one): VACUUM INTO a temporary
 * file, re-encrypted there (SQLite3 Multiple Ciphers rekeys in rollback-journal mode), checked
 * through the new key, then renamed over the workspace. The workspace must not be open elsewhere.
 * `keepPlain`: the plain original stays under another name, as a backup the user deletes.
 */
export function rewriteWithKey(
  path: string,
  from: WorkspaceKey | null,
  to: WorkspaceKey,
  options: { now: string; keepPlainAs?: string; nativeBinding?: string },
): WorkspaceFileFacts {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  removeLeftovers(path);
  const partial = partialName(path);
  let guard: Db | null = null;
  try {
    // Held until the new file is in place: nobody writes to the old one meanwhile.
    guard = takeExclusively(path, from, options.nativeBinding);
    const quick = (guard.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check).filter((line) => line !== 'ok');
    if (quick.length) throw new WorkbenchError('workspace-invalid', `${path} is damaged (${quick.slice(0, 2).join('; ')}): restore it from a backup first. Nothing was changed.`, 'workspace');
    guard.prepare('VACUUM INTO ?').run(partial);
    const copy = new Database(partial, binding);
    try {
      if (from) applyKey(copy, from);
      copy.pragma('journal_mode = DELETE');
      rekey(copy, to);
    } finally {
      copy.close();
    }
    const facts = workspaceFileFacts(partial, to, { check: true, ...options });
    fsyncPath(partial);
    if (options.keepPlainAs) {
      linkSync(path, options.keepPlainAs);
      fsyncFolder(options.keepPlainAs);
    }
    renameSync(partial, path);
    fsyncFolder(path);
    return { ...facts, path };
  } finally {
    guard?.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}
