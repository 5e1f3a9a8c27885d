import { createHash } from 'node:crypto';
import type { ChangeAction, ChangeLogEntity, ChangeLogEntry } from '../../core/changeLog';
import type Database from 'better-sqlite3';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

/** An entry to append: the log gives it its id (and its hash). */
export type NewChange = Omit<ChangeLogEntry, 'id'>;

/** The hash before the first entry. */
export const chainGenesis = '0'.repeat(64);

/** What an entry is made of, as stored: the text its hash covers. */
export interface StoredChange {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

/**
 * An entry's link in the chain: SHA-256 over the previous entry's hash and the entry's own content
 * (its number, time, actor, entity, action and both states, as stored), so changing, removing,
 * inserting or reordering any entry changes every hash after it.
 */
export function chainHash(previous: string, entry: StoredChange): string {
  const content = JSON.stringify([entry.id, entry.at, entry.actor, entry.entity, entry.entity_id, entry.action, entry.before_json, entry.after_json]);
  return createHash('sha256').update(`${previous}\n${content}`).digest('hex');
}

/** The statements every append runs, prepared once per connection (imports append thousands). */
const statements = new WeakMap<Db, { head: Database.Statement; sequence: Database.Statement; insert: Database.Statement }>();
function statementsOf(db: Db) {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = {
      head: db.prepare(`SELECT id, hash FROM change_log ORDER BY id DESC LIMIT 1`),
      sequence: db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'change_log'`),
      insert: db.prepare(
        `INSERT INTO change_log (id, at, actor, entity, entity_id, action, before_json, after_json, hash)
         VALUES (@id, @at, @actor, @entity, @entity_id, @action, @before_json, @after_json, @hash)`,
      ),
    };
    statements.set(db, prepared);
  }
  return prepared;
}

/** The newest entry's number and hash (the chain head), or none. */
export function chainHead(db: Db): { id: number; hash: string } | null {
  const row = statementsOf(db).head.get() as { id: number; hash: string | null } | undefined;
  return row ? { id: row.id, hash: row.hash ?? '' } : null;
}

export function appendChange(db: Db, change: NewChange): number {
  // The number and the previous hash are read inside the caller's write transaction, so no other writer comes between.
  const { sequence, insert } = statementsOf(db);
  const head = chainHead(db);
  const last = (sequence.get() as { seq: number } | undefined)?.seq ?? 0;
  const entry: StoredChange = {
    id: Math.max(head?.id ?? 0, last) + 1,
    at: change.at,
    actor: change.actor,
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    before_json: change.before === null ? null : writeJson(change.before),
    after_json: change.after === null ? null : writeJson(change.after),
  };
  insert.run({ ...entry, hash: chainHash(head?.hash || chainGenesis, entry) });
  return entry.id;
}

/**
 * Gives a hash to the entries written before the chain existed (migration 180), in order,
 * continuing from the last sealed one. Done once, when the workspace opens.
 */
export function sealChangeLog(db: Db): number {
  const unsealed = db.prepare(`SELECT * FROM change_log WHERE hash IS NULL ORDER BY id`).all() as StoredChange[];
  if (!unsealed.length) return 0;
  db.transaction(() => {
    const set = db.prepare(`UPDATE change_log SET hash = ? WHERE id = ? AND hash IS NULL`);
    const previousOf = db.prepare(`SELECT hash FROM change_log WHERE id < ? ORDER BY id DESC LIMIT 1`);
    let previous = ((previousOf.get(unsealed[0]!.id) as { hash: string | null } | undefined)?.hash ?? null) || chainGenesis;
    for (const entry of unsealed) {
      previous = chainHash(previous, entry);
      set.run(previous, entry.id);
    }
  }).immediate();
  return unsealed.length;
}

/** A break in the chain: the entry where it shows and what is wrong there. */
export interface ChainProblem {
  entryId: number;
  problem: string;
}

/**
 * Walks the chain from `from` (an entry whose hash is trusted, or the start) to the head, and says
 * where it breaks: an entry changed since it was written (its hash no longer matches its content),
 * a missing number (an entry removed), an entry whose link names another predecessor (inserted or
 * reordered), an entry without a hash. Triggers play no part: this reads what is in the file.
 */
export function verifyChain(db: Db, from: { id: number; hash: string } | null = null): { problems: ChainProblem[]; head: { id: number; hash: string } | null; checked: number } {
  const problems: ChainProblem[] = [];
  let previous = from?.hash ?? chainGenesis;
  let expectedId = (from?.id ?? 0) + 1;
  let head: { id: number; hash: string } | null = from;
  let checked = 0;
  if (from) {
    const anchor = db.prepare(`SELECT * FROM change_log WHERE id = ?`).get(from.id) as (StoredChange & { hash: string | null }) | undefined;
    if (!anchor) problems.push({ entryId: from.id, problem: `entry ${from.id}, checked before, is no longer in the change log` });
    else if (anchor.hash !== from.hash) problems.push({ entryId: from.id, problem: `entry ${from.id} now carries another hash than when it was checked before (the log was rewritten)` });
  }
  const rows = db.prepare(`SELECT * FROM change_log WHERE id > ? ORDER BY id`).iterate(from?.id ?? 0) as IterableIterator<StoredChange & { hash: string | null }>;
  for (const row of rows) {
    checked += 1;
    if (row.id !== expectedId) {
      problems.push({ entryId: row.id, problem: expectedId === row.id - 1 ? `entry ${expectedId} is missing (removed)` : `entries ${expectedId} to ${row.id - 1} are missing (removed)` });
    }
    if (!row.hash) {
      problems.push({ entryId: row.id, problem: `entry ${row.id} has no hash` });
    } else if (chainHash(previous, row) !== row.hash) {
      // Its own content, or its place after the previous entry, is not what was written.
      const alreadyExplained = problems.some((entry) => entry.entryId === row.id);
      if (!alreadyExplained) problems.push({ entryId: row.id, problem: `entry ${row.id} does not match its hash: it was changed, inserted or moved after it was written` });
    }
    previous = row.hash ?? previous;
    expectedId = row.id + 1;
    head = { id: row.id, hash: row.hash ?? '' };
  }
  const sequence = (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'change_log'`).get() as { seq: number } | undefined)?.seq ?? 0;
  if (head && sequence > head.id) problems.push({ entryId: head.id + 1, problem: `entries ${head.id + 1} to ${sequence} are missing from the end of the log (removed)` });
  return { problems, head, checked };
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

export function latestChange(db: Db): { id: number; at: string; hash: string } | null {
  const row = db.prepare(`SELECT id, at, coalesce(hash, '') AS hash FROM change_log ORDER BY id DESC LIMIT 1`).get() as
    | { id: number; at: string; hash: string }
    | undefined;
  return row ?? null;
}

/**
 * The newest entry's number and the connection's count of rows changed so far (SQLite's
 * total_changes()): taken before and after a call, they tell whether it wrote, and whether it
 * logged what it wrote.
 */
export function changeLogMark(db: Db): { id: number; changes: number } {
  return db.prepare(`SELECT coalesce(max(id), 0) AS id, total_changes() AS changes FROM change_log`).get() as { id: number; changes: number };
}

/** The entries written after entry `since`, oldest first, naming what each changed. */
export function changesSince(db: Db, since: number): Array<{ id: number; entity: ChangeLogEntity; entityId: string; action: ChangeAction }> {
  return db.prepare(`SELECT id, entity, entity_id AS entityId, action FROM change_log WHERE id > ? ORDER BY id`).all(since) as Array<{ id: number; entity: ChangeLogEntity; entityId: string; action: ChangeAction }>;
}

/** Every entry about records of the given kinds, oldest first, read one at a time. */
export function iterateChangesOf(db: Db, entities: readonly ChangeLogEntity[]): Iterable<{ id: number; entity: ChangeLogEntity; entity_id: string; action: ChangeAction; after_json: string | null }> {
  return db
    .prepare(`SELECT id, entity, entity_id, action, after_json FROM change_log WHERE entity IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .iterate(JSON.stringify(entities)) as Iterable<{ id: number; entity: ChangeLogEntity; entity_id: string; action: ChangeAction; after_json: string | null }>;
}

/** The entries of disposal batches, oldest first: each seals its batch's evidence. */
export function disposalBatchEntries(db: Db): Array<{ id: number; entity_id: string; after_json: string }> {
  return db.prepare(`SELECT id, entity_id, after_json FROM change_log WHERE entity = 'disposal-batch' ORDER BY id`).all() as Array<{ id: number; entity_id: string; after_json: string }>;
}

/** The entry with this hash (lower-case hex), if the chain holds it. */
export function changeWithHash(db: Db, hash: string): { id: number } | undefined {
  return db.prepare(`SELECT id FROM change_log WHERE hash = ?`).get(hash) as { id: number } | undefined;
}

/** The logged restores of the workspace, newest first. */
export function restoreEntries(db: Db): Array<{ at: string; actor: string; after_json: string }> {
  return db
    .prepare(`SELECT at, actor, after_json FROM change_log WHERE entity = 'workspace' AND action = 'update' AND after_json LIKE '%"restoredFrom"%' ORDER BY id DESC`)
    .all() as Array<{ at: string; actor: string; after_json: string }>;
}
