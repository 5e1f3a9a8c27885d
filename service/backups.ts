import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { backupsToRemove, backupStanding, backupWarningAfterMs, holdsHead, newestOf, parseBackupName, takenInTheFuture, type BackupKind, type BackupName } from '../core/backups';
import { WorkbenchError, type BackupEntry, type BackupStatus } from '../core/contract';
import { looksEncrypted, passphraseKeyring, saltOf, type WorkspaceKey } from '../db/encryption';
import { readWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';
import { fsyncFolder } from './fsync';
import { backupFileName, backupFilesIn, backupsFolderOf, backupWorkspace, workspaceFileFacts, type Keyring } from './workspaceFiles';
import { changeLogHeadOfAnySchema } from '../db/repositories/workspaceFacts';

/**
 * The app's backups of the open workspace (issue 15, point 2): into the folder beside it
 * (`<file> backups`), before every migration, by hand, and by the app itself once a day and on
 * closing when something changed since the newest backup; automatic ones are rotated
 * (core/backups.ts: 7 daily, 4 weekly, 12 monthly). Manual and pre-migration backups stay until
 * the user deletes them.
 */

/** The open workspace as the backup functions need it. */
export interface OpenWorkspace {
  db: Db;
  path: string;
  key: WorkspaceKey | null;
}

/** The newest change-log entry, its number and hash (null for an empty log, or one from before the chain): what a backup's name records. */
export function headOf(db: Db): { id: number; hash: string } | null {
  return changeLogHeadOfAnySchema(db);
}

/** The backups in a workspace's folder as their names tell (no file opened): cheap enough for the status bar. */
function namedBackups(folder: string): Array<{ path: string; name: BackupName }> {
  return backupFilesIn(folder).flatMap((path) => {
    const name = parseBackupName(basename(path));
    return name ? [{ path, name }] : [];
  });
}

/** Takes a backup of the open workspace into its folder: written, checked, synced, named (service/workspaceFiles.ts). */
export function takeBackup(workspace: OpenWorkspace, kind: BackupKind, now: string, options: { fromSchema?: number; nativeBinding?: string } = {}): BackupEntry {
  const folder = backupsFolderOf(workspace.path);
  mkdirSync(folder, { recursive: true });
  const out = join(folder, backupFileName(workspace.path, now, headOf(workspace.db), kind, options.fromSchema));
  // Before a migration the file is kept as it is, a broken chain included: the opening then shows the banner, it is not blocked.
  const facts = backupWorkspace(workspace.db, workspace.key, out, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), checkChain: kind !== 'before-migration' });
  return { path: out, fileName: basename(out), kind, takenAt: parseBackupName(basename(out))?.at ?? now, facts, problem: null };
}

/** Removes the automatic backups the rotation no longer keeps; returns how many. */
export function rotateBackups(workspacePath: string): number {
  const folder = backupsFolderOf(workspacePath);
  const removed = backupsToRemove(namedBackups(folder));
  for (const backup of removed) rmSync(backup.path, { force: true });
  if (removed.length) fsyncFolder(join(folder, 'x'));
  return removed.length;
}

/** Whether an automatic backup is due: something changed since the newest backup, and (`daily`) that backup is a day old or there is none. */
export function automaticBackupDue(workspace: OpenWorkspace, now: string, reason: 'daily' | 'closing'): boolean {
  const newest = newestOf(namedBackups(backupsFolderOf(workspace.path)).map((backup) => backup.name).filter((name) => !takenInTheFuture(name, now)));
  if (newest && holdsHead(newest, headOf(workspace.db))) return false;
  if (reason === 'closing' || !newest) return true;
  return Date.parse(now) - Date.parse(newest.at) >= backupWarningAfterMs;
}

export function backupStatusOf(workspace: OpenWorkspace, now: string, automatic: boolean, problem: string | null): BackupStatus {
  const folder = backupsFolderOf(workspace.path);
  const meta = readWorkspaceMeta(workspace.db);
  const standing = backupStanding(namedBackups(folder).map((backup) => backup.name), headOf(workspace.db), meta.created_at ?? now, now);
  // The demo holds public example data and is never backed up by the app: no warning for it.
  return { folder, automatic, problem, ...standing, overdue: standing.overdue && meta.is_demo !== '1' };
}

/**
 * The keys for a restore in the app: the open workspace's own key for itself and for every backup
 * that shares its salt (made since the passphrase was last set); a backup made under an earlier
 * passphrase needs that passphrase.
 */
export function keyringBeside(workspace: OpenWorkspace, passphrase: string | undefined, known: WorkspaceKey[] = []): Keyring {
  const fromPassphrase = passphraseKeyring(passphrase);
  return (path) => {
    if (!existsSync(path) || !looksEncrypted(path)) return null;
    const salt = saltOf(path);
    if (workspace.key && salt.equals(workspace.key.salt)) return workspace.key;
    // Keys the OS store gave for this file (a backup from before the workspace got a passphrase).
    const held = known.find((key) => key.salt.equals(salt));
    if (held) return held;
    if (passphrase === undefined) {
      throw new WorkbenchError(
        'workspace-locked',
        `${basename(path)} was made under another passphrase than the workspace's present one: give the passphrase it was made under.`,
        'passphrase',
      );
    }
    return fromPassphrase(path);
  };
}

/** The backups folder's files, newest first, each read through its key (one that cannot be read says why). */
export function listBackupEntries(workspace: OpenWorkspace, nativeBinding?: string, known: WorkspaceKey[] = []): { folder: string; backups: BackupEntry[] } {
  const folder = backupsFolderOf(workspace.path);
  const keyOf = keyringBeside(workspace, undefined, known);
  const backups = backupFilesIn(folder).map((path): BackupEntry => {
      const file = basename(path);
      const name = parseBackupName(file);
      const base = { path, fileName: file, kind: name?.kind ?? null, takenAt: name?.at ?? null };
      try {
        return { ...base, facts: workspaceFileFacts(path, keyOf(path), nativeBinding ? { nativeBinding } : {}), problem: null };
      } catch (error) {
        return { ...base, facts: null, problem: error instanceof Error ? error.message : String(error) };
      }
    });
  const time = (entry: BackupEntry) => entry.takenAt ?? entry.facts?.modifiedAt ?? '';
  return { folder, backups: backups.sort((a, b) => (time(a) < time(b) ? 1 : time(a) > time(b) ? -1 : 0)) };
}
