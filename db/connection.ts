import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
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
  if (exists) checkExistingFile(path, options.nativeBinding);

  const db = new Database(path, bindingOption(options.nativeBinding));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    if (!exists) db.pragma(`application_id = ${workspaceApplicationId}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Refuses, without writing a byte, a file that is not a workspace or was written by a newer build. */
function checkExistingFile(path: string, nativeBinding: string | undefined): void {
  if (!hasSqliteHeader(path)) {
    throw new WorkbenchError('workspace-invalid', `${path} is not a Privacy Workbench workspace (not a SQLite file).`, 'path');
  }
  const probe = new Database(path, { readonly: true, fileMustExist: true, ...bindingOption(nativeBinding) });
  try {
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (applicationId !== workspaceApplicationId && !(applicationId === 0 && version === 0)) {
      throw new WorkbenchError('workspace-invalid', `${path} is a SQLite file but not a Privacy Workbench workspace.`, 'path');
    }
    if (version > latestSchemaVersion) {
      throw new WorkbenchError(
        'workspace-too-new',
        `This workspace was written by a newer version of Privacy Workbench (schema ${version}; this version knows up to ${latestSchemaVersion}). ` +
          'It was left untouched: update the app to open it.',
        'path',
      );
    }
  } finally {
    probe.close();
  }
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(sqliteHeader.length);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    // An empty file is a fresh database SQLite can initialise.
    return read === 0 || buffer.toString('latin1') === sqliteHeader;
  } finally {
    closeSync(fd);
  }
}

function bindingOption(nativeBinding: string | undefined): Database.Options {
  return nativeBinding ? { nativeBinding } : {};
}
