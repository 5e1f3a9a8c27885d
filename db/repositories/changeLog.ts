import type { ChangeAction, ChangeLogEntity, ChangeLogEntry } from '../../core/changeLog';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

export interface NewChange {
  at: string;
  actor: string;
  entity: ChangeLogEntity;
  entityId: string;
  action: ChangeAction;
  before: unknown;
  after: unknown;
}

export function appendChange(db: Db, change: NewChange): number {
  const result = db
    .prepare(
      `INSERT INTO change_log (at, actor, entity, entity_id, action, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      change.at,
      change.actor,
      change.entity,
      change.entityId,
      change.action,
      change.before === null ? null : writeJson(change.before),
      change.after === null ? null : writeJson(change.after),
    );
  return Number(result.lastInsertRowid);
}

interface ChangeRow {
  id: number;
  at: string;
  actor: string;
  entity: ChangeLogEntity;
  entity_id: string;
  action: ChangeAction;
  before_json: string | null;
  after_json: string | null;
}

export function listChangesOfEntity(db: Db, entity: ChangeLogEntity, entityId: string): ChangeLogEntry[] {
  const rows = db
    .prepare(`SELECT * FROM change_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC`)
    .all(entity, entityId) as ChangeRow[];
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: readJson(row.before_json, 'change_log.before_json'),
    after: readJson(row.after_json, 'change_log.after_json'),
  }));
}

export function latestChange(db: Db): { id: number; at: string } | null {
  const row = db.prepare(`SELECT id, at FROM change_log ORDER BY id DESC LIMIT 1`).get() as
    | { id: number; at: string }
    | undefined;
  return row ?? null;
}
