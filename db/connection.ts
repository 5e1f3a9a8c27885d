import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { WorkbenchError } from '../core/contract/result';
import { latestSchemaVersion, migrate } from './migrations';
import type { Db } from './types';

/** Marks a SQLite file as a Privacy Workbench workspace ("PWKB"). */
export const workspaceApplicationId = 0x50574b42;
const sqliteHeader = 'SQLite format 3\0';

export interface OpenWorkspaceOptions {
  /** Create the file when it does not exist (otherwise a missing file is an error). */
  create?: boolean;
  /**
   * Path of the better-sqlite3 native addon to load. Electron passes its own build here; Node
   * uses the build in node_modules (see docs/ARCHITECTURE.md, "Native modules").
   */
  nativeBinding?: string;
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
  // A zero-byte file (say, made by "touch" or a save dialog) is a new database, not someone else's.
  const fresh = !exists || statSync(path).size === 0;
  if (!fresh) checkExistingFile(path, options.nativeBinding);

  const db = new Database(path, bindingOption(options.nativeBinding));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // FULL: a transaction the app has acknowledged (a filing at 71 h 59 min) survives a power cut.
    // In WAL mode NORMAL does not sync the log at each commit, and "a transaction committed in WAL
    // mode with synchronous=NORMAL might roll back following a power loss or system crash" (SQLite,
    // PRAGMA synchronous). The cost, one fsync of the log per commit, is in docs/PERFORMANCE.md.
    db.pragma('synchronous = FULL');
    if (fresh) db.pragma(`application_id = ${workspaceApplicationId}`);
    migrate(db);
    return db;
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
function checkExistingFile(path: string, nativeBinding: string | undefined): void {
  const header = readHeader(path);
  if (!header) {
    throw new WorkbenchError('workspace-invalid', `${path} is not a Privacy Workbench workspace (not a SQLite file).`, 'path');
  }
  let { applicationId, userVersion } = header;
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    const probe = new Database(path, { readonly: true, fileMustExist: true, ...bindingOption(nativeBinding) });
    try {
      applicationId = probe.pragma('application_id', { simple: true }) as number;
      userVersion = probe.pragma('user_version', { simple: true }) as number;
    } finally {
      probe.close();
    }
  }
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
