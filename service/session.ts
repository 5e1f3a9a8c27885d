import type { ChangeAction, ChangeLogEntity } from '../core/changeLog';
import { WorkbenchError } from '../core/contract';
import { appendChange } from '../db/repositories/changeLog';
import type { WorkspaceKey } from '../db/encryption';
import type { Db } from '../db/types';

/** What every feature module needs: the open database (if any), who acts, and the clock. */
export interface ServiceContext {
  /** The open workspace, or an error the caller can show. */
  db(): Db;
  actor: string;
  /** The current instant as ISO-8601 UTC text. */
  now(): string;
  newId(): string;
  /** The open workspace's key (null when plain): connections made beside the main one (the import worker, backups) need it. */
  workspaceKey?(): WorkspaceKey | null;
}

/**
 * Runs a write and its change-log entries in one transaction, which takes the write lock at its
 * start (BEGIN IMMEDIATE): what the write reads to decide is what it changes, even with another
 * process writing the same workspace.
 */
export function writeWithLog<T>(context: ServiceContext, work: (log: ChangeRecorder) => T): T {
  const db = context.db();
  const at = context.now();
  return db
    .transaction(() =>
      work((entity, entityId, action, before, after) =>
        appendChange(db, { at, actor: context.actor, entity, entityId, action, before, after }),
      ),
    )
    .immediate();
}

export type ChangeRecorder = (
  entity: ChangeLogEntity,
  entityId: string,
  action: ChangeAction,
  before: unknown,
  after: unknown,
) => void;

export function notFound(what: string, id: string, field = 'id'): WorkbenchError {
  return new WorkbenchError('not-found', `No ${what} with id ${id}.`, field);
}
