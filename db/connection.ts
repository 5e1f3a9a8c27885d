import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../core/contract/result';
import { applyKey, keyOpens, looksEncrypted, type WorkspaceKey } from './encryption';
import { latestSchemaVersion, migrate } from './migrations';
import { sealChangeLog } from './repositories/changeLog';
import { cachePreparedStatements } from './statementCache';
import type { Db } from './types';

/** Marks a SQLite file as a Privacy Workbench workspace ("PWKB"). */
export const workspaceApplicationId = 0x50574b42;
const sqliteHeader = 'SQLite format 3\0';

/** The migration that made the change log a hash chain (180). */
const chainMigration = 180;

/**
 * Opens a workspace to read it only (`workspace check`): the same refusals as opening it, and
 * SQLite's quick_check, but nothing written to the file (no migration, no sealing, no pragma
 * stored). A workspace of an older schema is refused: opening it in this version upgrades it first.
 */
export function openWorkspaceReadOnly(path: string, options: { nativeBinding?: string; key?: WorkspaceKey } = {}): Db {
  if (!existsSync(path)) throw new WorkbenchError('not-found', `No workspace file at ${path}.`, 'path');
  if (statSync(path).size === 0) throw new WorkbenchError('workspace-invalid', `${path} is empty (0 bytes), so it holds no workspace.`, 'path');
  const encrypted = checkExistingFile(path, options.nativeBinding, options.key);
  const db = new Database(path, { readonly: true, fileMustExist: true, ...bindingOption(options.nativeBinding) });
  try {
    if (encrypted) unlock(db, path, options.key!);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < latestSchemaVersion) {
      throw new WorkbenchError('workspace-invalid', `${path} was written by an older version (schema ${version}); open it once in this version, which upgrades it, then check it.`, 'path');
    }
    const problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check);
    if (problems.join() !== 'ok') throw new WorkbenchError('workspace-invalid', `${path} is damaged: SQLite's quick_check found ${problems.slice(0, 3).join('; ')}.`, 'path');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface OpenWorkspaceOptions {
  /** Create the file when it does not exist (otherwise a missing file is an error). */
  create?: boolean;
  /**
   * Path of the better-sqlite3 native addon to load. Electron passes its own build here; Node
   * uses the build in node_modules (see docs/ARCHITECTURE.md, "Native modules").
   */
  nativeBinding?: string;
  /**
   * Called on an existing workspace whose schema is older than this build's, after the opening
   * checks and before any migration runs (the service backs the file up there). Throwing stops
   * the opening with the file not migrated.
   */
  beforeMigrate?: (db: Db, fromSchema: number) => void;
  /**
   * The workspace's key (db/encryption.ts). An encrypted file needs it; a new file is created
   * encrypted with it; a plain file is opened as it is, whatever the key.
   */
  key?: WorkspaceKey;
  /**
   * Another connection to a workspace the service has just opened and checked (a worker's): SQLite's
   * quick_check, which reads the whole file (seconds at a million recordings), is not run again.
   */
  alreadyChecked?: boolean;
}

/** Why an encrypted workspace did not open: no key given, or one that does not open it. */
function lockedError(path: string, given: boolean): WorkbenchError {
  return given
    ? new WorkbenchError('workspace-locked', `The passphrase does not open ${path} (or the file is no workspace). It was left untouched.`, 'passphrase')
    : new WorkbenchError('workspace-locked', `${path} is encrypted (or is no workspace): give its passphrase to open it. It was left untouched.`, 'passphrase');
}

/** Keys a connection to an encrypted file and makes sure the key opens it. */
function unlock(db: Db, path: string, key: WorkspaceKey): void {
  applyKey(db, key);
  if (!keyOpens(db)) throw lockedError(path, true);
}

/**
 * Opens (or creates) a workspace file: checks it is ours and not newer than this build before
 * writing anything, then sets the pragmas and runs pending migrations.
 */
export function openWorkspaceDatabase(path: string, options: OpenWorkspaceOptions = {}): Db {
  const exists = existsSync(path);
  if (!exists && !options.create) {
    throw new WorkbenchError('not-found', `No workspace file at ${path}.`, 'path');
  }
  // An empty file is nobody's workspace: an interrupted copy or a file made by "touch". Opening it
  // would silently turn it into a new, empty workspace where the user expects their register.
  if (exists && statSync(path).size === 0) {
    throw new WorkbenchError('workspace-invalid', `${path} is empty (0 bytes), so it holds no workspace (an interrupted copy?). It was left untouched; open the right file, or restore it from a backup.`, 'path');
  }
  const fresh = !exists;
  const encrypted = fresh ? options.key !== undefined : checkExistingFile(path, options.nativeBinding, options.key);

  const db = new Database(path, bindingOption(options.nativeBinding));
  try {
    if (fresh && options.key) applyKey(db, options.key, true);
    else if (encrypted) unlock(db, path, options.key!);
    if (!fresh && !options.alreadyChecked) {
      // Nothing has been written yet, so closing here leaves the file as it was.
      const problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check);
      if (problems.join() !== 'ok') {
        throw new WorkbenchError(
          'workspace-invalid',
          `${path} is damaged: SQLite's quick_check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (${problems.slice(0, 3).join('; ')}). It was left as it is; restore it from a backup.`,
          'path',
        );
      }
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // FULL: a transaction the app has acknowledged (a filing at 71 h 59 min) survives a power cut.
    // In WAL mode NORMAL does not sync the log at each commit, and "a transaction committed in WAL
    // mode with synchronous=NORMAL might roll back following a power loss or system crash" (SQLite,
    // PRAGMA synchronous). The cost, one fsync of the log per commit, is in docs/PERFORMANCE.md.
    db.pragma('synchronous = FULL');
    if (fresh) db.pragma(`application_id = ${workspaceApplicationId}`);
    // The entries written before the hash chain are sealed once, when the migration that made it has just run.
    if (!fresh && options.beforeMigrate) {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version < latestSchemaVersion) options.beforeMigrate(db, version);
    }
    const { from } = migrate(db);
    if (from < chainMigration && !fresh) sealChangeLog(db);
    // After the migrations (each runs once): what the app asks again and again is compiled once.
    return cachePreparedStatements(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Refuses, without writing a byte or creating a file beside it, a file that is not a workspace or
 * was written by a newer build. The two numbers are read from the SQLite header itself (offsets
 * 60 and 68, big-endian), so no SQLite connection and no -wal or -shm file is involved. Only when
 * a non-empty write-ahead log sits beside the file (another program may have committed newer pages
 * there) does a read-only SQLite connection read them through the log.
 */
function checkExistingFile(path: string, nativeBinding: string | undefined, key: WorkspaceKey | undefined): boolean {
  const encrypted = looksEncrypted(path);
  if (encrypted && !key) throw lockedError(path, false);
  const header = encrypted ? null : readHeader(path);
  if (!encrypted && !header) {
    throw new WorkbenchError('workspace-invalid', `${path} is not a Privacy Workbench workspace (not a SQLite file).`, 'path');
  }
  const wal = `${path}-wal`;
  // The log may hold newer values of both numbers: they are read from a copy with the log replayed.
  // An encrypted file's header is encrypted too: its numbers are read through the key, read-only.
  const { applicationId, userVersion } =
    existsSync(wal) && statSync(wal).size > 0 ? checkWriteAheadLogBelongs(path, nativeBinding, header, key) : (header ?? keyedNumbers(path, nativeBinding, key!));
  if (applicationId !== workspaceApplicationId) {
    throw new WorkbenchError('workspace-invalid', `${path} is a SQLite file but not a Privacy Workbench workspace; it was left untouched.`, 'path');
  }
  if (userVersion > latestSchemaVersion) {
    throw new WorkbenchError(
      'workspace-too-new',
      `This workspace was written by a newer version of Privacy Workbench (schema ${userVersion}; this version knows up to ${latestSchemaVersion}). ` +
        'It was left untouched: update the app to open it.',
      'path',
    );
  }
  return encrypted;
}

/** An encrypted file's application id and schema version, read through its key on a read-only connection. */
function keyedNumbers(path: string, nativeBinding: string | undefined, key: WorkspaceKey): { applicationId: number; userVersion: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...bindingOption(nativeBinding) });
  try {
    unlock(db, path, key);
    return { applicationId: db.pragma('application_id', { simple: true }) as number, userVersion: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}

/**
 * A write-ahead log beside the file is replayed into it when SQLite opens it, and merged into it
 * when the last connection closes. After a crash that is what keeps the last commits; but a log
 * left by another copy of the file (a file-sync service, a restore over the file) is replayed just
 * the same and damages it. So the log is first replayed into a scratch copy, which must pass
 * SQLite's integrity_check and still be the same workspace (application id, workspace id) as the
 * file alone; otherwise the file and its log are refused and left untouched.
 */
function checkWriteAheadLogBelongs(
  path: string,
  nativeBinding: string | undefined,
  header: { applicationId: number; userVersion: number } | null,
  key: WorkspaceKey | undefined,
): { applicationId: number; userVersion: number } {
  // A log that changes while it is checked belongs to a program writing the file now (the app
  // while the CLI opens the same workspace): its copy may be torn, and it is no stale log.
  const stamp = () => [statSync(path), statSync(`${path}-wal`)].map((stats) => `${stats.size}:${stats.mtimeMs}`).join('|');
  const stampBefore = stamp();
  const scratch = mkdtempSync(join(tmpdir(), 'privacy-workbench-open-'));
  try {
    const alone = join(scratch, 'alone.pwb');
    const replayed = join(scratch, 'replayed.pwb');
    copyFileSync(path, alone);
    copyFileSync(path, replayed);
    copyFileSync(`${path}-wal`, `${replayed}-wal`);
    const workspaceIdOf = (file: string): { id: string | null; problems: string[]; applicationId: number; userVersion: number } => {
      const db = new Database(file, bindingOption(nativeBinding));
      try {
        if (!header) unlock(db, path, key!);
        const problems = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).filter((line) => line !== 'ok');
        const hasMeta = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'workspace_meta'`).get() !== undefined;
        const id = hasMeta ? ((db.prepare(`SELECT value FROM workspace_meta WHERE key = 'id'`).get() as { value: string } | undefined)?.value ?? null) : null;
        return { id, problems, applicationId: db.pragma('application_id', { simple: true }) as number, userVersion: db.pragma('user_version', { simple: true }) as number };
      } catch (error) {
        if (error instanceof WorkbenchError) throw error;
        return { id: null, problems: [error instanceof Error ? error.message : String(error)], applicationId: 0, userVersion: 0 };
      } finally {
        db.close();
      }
    };
    const before = workspaceIdOf(alone);
    const after = workspaceIdOf(replayed);
    const refuse = (why: string) =>
      new WorkbenchError(
        'workspace-invalid',
        `${path}-wal does not belong to ${path}: ${why}. Both were left untouched. A log left by another copy of the file (a file-sync service, a restore) cannot be replayed safely: move the -wal file aside to open the workspace as last saved, or restore it from a backup.`,
        'path',
      );
    const live = () => existsSync(`${path}-wal`) && stamp() !== stampBefore;
    if (after.problems.length) {
      if (live()) return header ?? before;
      throw refuse(`replayed into a copy, it fails SQLite's integrity_check (${after.problems.slice(0, 2).join('; ')})`);
    }
    if (before.applicationId === workspaceApplicationId && after.applicationId !== workspaceApplicationId) throw refuse('replayed into a copy, the file is no longer a Privacy Workbench workspace');
    if (before.id && after.id && before.id !== after.id) throw refuse(`it holds workspace ${after.id}, the file is workspace ${before.id}`);
    return { applicationId: after.applicationId, userVersion: after.userVersion };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The SQLite header's user_version and application_id, or null when the file is not SQLite. */
function readHeader(path: string): { userVersion: number; applicationId: number } | null {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(100);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    if (read < 100 || buffer.toString('latin1', 0, sqliteHeader.length) !== sqliteHeader) return null;
    return { userVersion: buffer.readInt32BE(60), applicationId: buffer.readInt32BE(68) };
  } finally {
    closeSync(fd);
  }
}

function bindingOption(nativeBinding: string | undefined): Database.Options {
  return nativeBinding ? { nativeBinding } : {};
}
