import { openWorkspaceDatabase } from '../db/connection';
import type { Db } from '../db/types';
import type { ServiceContext } from './session';

/**
 * How a worker thread reaches the workspace the service has open: its file, its key (hex: keys
 * cross to a worker as data, derived once by the service, never the passphrase) and the
 * better-sqlite3 addon of the running runtime (Electron passes its own build).
 */
export interface WorkerWorkspace {
  workspacePath: string;
  key?: { key: string; salt: string };
  nativeBinding?: string;
}

/** What a worker needs to open the service's workspace. */
export function workerWorkspaceOf(context: ServiceContext, nativeBinding: string | undefined): WorkerWorkspace {
  const key = context.workspaceKey?.() ?? null;
  return {
    workspacePath: context.db().name,
    ...(key ? { key: { key: key.key.toString('hex'), salt: key.salt.toString('hex') } } : {}),
    ...(nativeBinding ? { nativeBinding } : {}),
  };
}

/** The worker's own connection to it: checked and migrated by the service already, so neither again. */
export function openInWorker(workspace: WorkerWorkspace): Db {
  return openWorkspaceDatabase(workspace.workspacePath, {
    alreadyChecked: true,
    ...(workspace.nativeBinding ? { nativeBinding: workspace.nativeBinding } : {}),
    ...(workspace.key ? { key: { key: Buffer.from(workspace.key.key, 'hex'), salt: Buffer.from(workspace.key.salt, 'hex') } } : {}),
  });
}
