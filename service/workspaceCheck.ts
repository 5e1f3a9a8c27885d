import { openWorkspaceReadOnly } from '../db/connection';
import { passphraseKeyring } from '../db/encryption';
import { changeWithHash, disposalBatchEntries, iterateChangesOf, verifyChain } from '../db/repositories/changeLog';
import { listActivityRecords } from '../db/repositories/activities';
import { listOrganisations } from '../db/repositories/organisations';
import { listProcessors } from '../db/repositories/processors';
import { listFilings, listIncidents } from '../db/repositories/incidents';
import { listHolds } from '../db/repositories/holds';
import type { Db } from '../db/types';
import { evidenceDigest } from './disposal';
import type { ChangeLogEntity } from '../core/changeLog';
import { disposedWithoutEvidence, evidenceOfUndisposed } from '../db/repositories/disposals';

export interface WorkspaceCheck {
  intact: boolean;
  /** Each problem, with the change-log entry it concerns where there is one. */
  problems: Array<{ entryId: number | null; problem: string }>;
  /** The newest entry: what an auditor keeps to check against later. */
  head: { id: number; hash: string } | null;
  /** Where a kept head (--expect-head) stands in this log. */
  expectedHead?: { found: boolean; entryId: number | null; entriesSince: number };
}

/** JSON with keys sorted, so two states compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as Record<string, unknown>)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Equal by content: the plain JSON first (fast, and what nearly every field gives), key order aside only when that differs. */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null) || canonical(a) === canonical(b);
}

/** Links (`activityIds`, `processorIds`…) are stored as sets: logged in the order given, read back sorted and once each. */
function asStored(field: string, value: unknown): unknown {
  return field.endsWith('Ids') && Array.isArray(value) ? [...new Set(value.map(String))].sort() : value;
}

/**
 * Where each kind of record is read from, for the state check. A legal hold's count of covered
 * recordings grows as calls are imported under it: it may only have grown since it was logged
 * (a recording taken out of a hold outside the app could be disposed of).
 */
const checkedKinds: Array<{ entity: ChangeLogEntity; list: (db: Db) => Array<Record<string, unknown>>; growing?: string[] }> = [
  { entity: 'activity', list: (db) => listActivityRecords(db) as unknown as Array<Record<string, unknown>> },
  { entity: 'organisation', list: (db) => listOrganisations(db) as unknown as Array<Record<string, unknown>> },
  { entity: 'processor', list: (db) => listProcessors(db) as unknown as Array<Record<string, unknown>> },
  { entity: 'incident', list: (db) => listIncidents(db) as unknown as Array<Record<string, unknown>> },
  { entity: 'filing', list: (db) => listIncidents(db).flatMap((incident) => listFilings(db, incident.id)) as unknown as Array<Record<string, unknown>> },
  { entity: 'legal-hold', list: (db) => listHolds(db) as unknown as Array<Record<string, unknown>>, growing: ['recordings'] },
];

/**
 * The records against their logged state: a record changed outside the app (say, with sqlite3) no
 * longer has the values its change-log entries gave it (its creation, then each update over it);
 * one removed outside it is gone although its last entry is not a deletion; one added outside it
 * has no entry at all. Activities, organisations, processors, incidents, filings and legal holds
 * are checked; every field the entries name is compared.
 */
export function recordStateProblems(db: Db): Array<{ entryId: number | null; problem: string }> {
  const problems: Array<{ entryId: number | null; problem: string }> = [];
  const logged = new Map<string, { lastId: number; deleted: boolean; state: Record<string, unknown> }>();
  for (const entry of iterateChangesOf(db, checkedKinds.map((kind) => kind.entity))) {
    const key = `${entry.entity}:${entry.entity_id}`;
    const after = JSON.parse(entry.after_json ?? '{}') as Record<string, unknown>;
    const previous = logged.get(key);
    // A creation starts the state afresh; an update lays its fields over it.
    const state = entry.action === 'create' || !previous ? after : { ...previous.state, ...after };
    logged.set(key, { lastId: entry.id, deleted: entry.action === 'delete', state });
  }
  const current = new Set<string>();
  for (const kind of checkedKinds) {
    for (const record of kind.list(db)) {
      const id = String(record.id);
      const key = `${kind.entity}:${id}`;
      current.add(key);
      const label = String(record.name ?? record.title ?? record.matter ?? record.phase ?? '');
      const entry = logged.get(key);
      if (!entry) {
        problems.push({ entryId: null, problem: `${kind.entity} ${id} (${label}) has no change-log entry: it was added outside the app` });
        continue;
      }
      if (entry.deleted) {
        problems.push({ entryId: entry.lastId, problem: `${kind.entity} ${id} exists, but entry ${entry.lastId} recorded its deletion` });
        continue;
      }
      const differing = Object.keys(entry.state).filter((field) =>
        !(field in record)
          ? false
          : kind.growing?.includes(field)
            ? Number(record[field]) < Number(entry.state[field])
            : !sameValue(asStored(field, record[field]), asStored(field, entry.state[field])),
      );
      if (differing.length) {
        problems.push({
          entryId: entry.lastId,
          problem: `${kind.entity} ${id} (${label}) differs from its last logged state (entry ${entry.lastId}) in ${differing.join(', ')}: it was changed outside the app`,
        });
      }
    }
  }
  problems.push(...evidenceProblems(db));
  for (const [key, entry] of logged) {
    if (!entry.deleted && !current.has(key)) problems.push({ entryId: entry.lastId, problem: `${key.replace(':', ' ')} is gone, but its last entry (${entry.lastId}) is not a deletion: it was removed outside the app` });
  }
  return problems;
}

/**
 * Disposal evidence against the change log: each batch's evidence rows must still hash to what its
 * entry sealed, and every disposed recording must have its evidence (and only disposed ones).
 */
export function evidenceProblems(db: Db): Array<{ entryId: number | null; problem: string }> {
  const problems: Array<{ entryId: number | null; problem: string }> = [];
  for (const batch of disposalBatchEntries(db)) {
    const sealed = (JSON.parse(batch.after_json) as { evidenceSha256?: string }).evidenceSha256;
    if (sealed && evidenceDigest(db, batch.entity_id) !== sealed) {
      problems.push({ entryId: batch.id, problem: `the disposal evidence of batch ${batch.entity_id} differs from what entry ${batch.id} sealed: evidence rows were changed or removed` });
    }
  }
  // A batch still running writes its evidence when it ends: its recordings are not counted here.
  for (const id of disposedWithoutEvidence(db, 20)) problems.push({ entryId: null, problem: `recording ${id} is marked disposed but has no disposal evidence` });
  for (const id of evidenceOfUndisposed(db, 20)) problems.push({ entryId: null, problem: `recording ${id} has disposal evidence but is not marked disposed` });
  return problems;
}

/**
 * The whole check (CLI `workspace check`): SQLite's integrity_check and foreign_key_check, the
 * change log's hash chain from its first entry, and the register's records against their last
 * logged state. `expectHead` is a chain head kept earlier (a report's cover or a backup names it):
 * it must still be in the chain, or the history it anchored was rewritten.
 */
export function checkWorkspace(db: Db, options: { expectHead?: string; integrity?: boolean } = {}): WorkspaceCheck {
  const problems: Array<{ entryId: number | null; problem: string }> = [];
  if (options.integrity !== false) {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).filter((line) => line !== 'ok');
    for (const line of integrity.slice(0, 20)) problems.push({ entryId: null, problem: `SQLite integrity_check: ${line}` });
  }
  const foreign = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  for (const row of foreign.slice(0, 20)) problems.push({ entryId: null, problem: `SQLite foreign_key_check: a row of ${row.table} (rowid ${row.rowid}) refers to a missing ${row.parent}` });
  const chain = verifyChain(db);
  problems.push(...chain.problems);
  problems.push(...recordStateProblems(db));
  let expectedHead: WorkspaceCheck['expectedHead'];
  if (options.expectHead) {
    const found = changeWithHash(db, options.expectHead.toLowerCase());
    expectedHead = { found: found !== undefined, entryId: found?.id ?? null, entriesSince: found && chain.head ? chain.head.id - found.id : 0 };
    if (!found) problems.push({ entryId: null, problem: `the chain head you kept (${options.expectHead}) is not in this change log: the history it anchored was changed or rebuilt` });
  }
  return { intact: problems.length === 0, problems, head: chain.head, ...(expectedHead ? { expectedHead } : {}) };
}

/** Opens a workspace file read-only (with every opening check) and checks it whole; the file is not written. */
export function checkWorkspaceFile(path: string, options: { expectHead?: string; nativeBinding?: string; passphrase?: string } = {}): WorkspaceCheck {
  const key = passphraseKeyring(options.passphrase)(path);
  const db = openWorkspaceReadOnly(path, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(key ? { key } : {}) });
  try {
    return checkWorkspace(db, options.expectHead ? { expectHead: options.expectHead } : {});
  } finally {
    db.close();
  }
}
