import { openWorkspaceReadOnly } from '../db/connection';
import { passphraseKeyring } from '../db/encryption';
import { verifyChain } from '../db/repositories/changeLog';
import { listActivityRecords } from '../db/repositories/activities';
import { listOrganisations } from '../db/repositories/organisations';
import { listProcessors } from '../db/repositories/processors';
import type { Db } from '../db/types';
import { evidenceDigest } from './disposal';

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

/**
 * The register's records against their last logged state: a record changed outside the app (say,
 * with sqlite3) no longer has the values its latest change-log entry gave it; one removed outside
 * it is gone although its last entry is not a deletion; one added outside it has no entry at all.
 * Every field the entry names is compared.
 */
export function recordStateProblems(db: Db): Array<{ entryId: number | null; problem: string }> {
  const problems: Array<{ entryId: number | null; problem: string }> = [];
  const lastEntries = new Map(
    (
      db
        .prepare(
          `SELECT c.id, c.entity, c.entity_id, c.action, c.after_json FROM change_log c
           JOIN (SELECT entity, entity_id, max(id) AS id FROM change_log WHERE entity IN ('activity', 'organisation', 'processor') GROUP BY entity, entity_id) last ON last.id = c.id`,
        )
        .all() as Array<{ id: number; entity: string; entity_id: string; action: string; after_json: string | null }>
    ).map((row) => [`${row.entity}:${row.entity_id}`, row]),
  );
  const current = new Map<string, Record<string, unknown>>();
  for (const activity of listActivityRecords(db)) current.set(`activity:${activity.id}`, activity as unknown as Record<string, unknown>);
  for (const organisation of listOrganisations(db)) current.set(`organisation:${organisation.id}`, organisation as unknown as Record<string, unknown>);
  for (const processor of listProcessors(db)) current.set(`processor:${processor.id}`, processor as unknown as Record<string, unknown>);
  for (const [key, record] of current) {
    const [entity, id] = key.split(/:(.*)/s) as [string, string];
    const entry = lastEntries.get(key);
    if (!entry) {
      problems.push({ entryId: null, problem: `${entity} ${id} (${String(record.name ?? '')}) has no change-log entry: it was added outside the app` });
      continue;
    }
    if (entry.action === 'delete') {
      problems.push({ entryId: entry.id, problem: `${entity} ${id} exists, but entry ${entry.id} recorded its deletion` });
      continue;
    }
    const logged = JSON.parse(entry.after_json ?? '{}') as Record<string, unknown>;
    const differing = Object.keys(logged).filter((field) => field in record && canonical(record[field]) !== canonical(logged[field]));
    if (differing.length) {
      problems.push({
        entryId: entry.id,
        problem: `${entity} ${id} (${String(record.name ?? '')}) differs from its last logged state (entry ${entry.id}) in ${differing.join(', ')}: it was changed outside the app`,
      });
    }
  }
  problems.push(...evidenceProblems(db));
  for (const [key, entry] of lastEntries) {
    if (entry.action !== 'delete' && !current.has(key)) problems.push({ entryId: entry.id, problem: `${key.replace(':', ' ')} is gone, but its last entry (${entry.id}) is not a deletion: it was removed outside the app` });
  }
  return problems;
}

/**
 * Disposal evidence against the change log: each batch's evidence rows must still hash to what its
 * entry sealed, and every disposed recording must have its evidence (and only disposed ones).
 */
export function evidenceProblems(db: Db): Array<{ entryId: number | null; problem: string }> {
  const problems: Array<{ entryId: number | null; problem: string }> = [];
  const batches = db.prepare(`SELECT id, entity_id, after_json FROM change_log WHERE entity = 'disposal-batch' ORDER BY id`).all() as Array<{ id: number; entity_id: string; after_json: string }>;
  for (const batch of batches) {
    const sealed = (JSON.parse(batch.after_json) as { evidenceSha256?: string }).evidenceSha256;
    if (sealed && evidenceDigest(db, batch.entity_id) !== sealed) {
      problems.push({ entryId: batch.id, problem: `the disposal evidence of batch ${batch.entity_id} differs from what entry ${batch.id} sealed: evidence rows were changed or removed` });
    }
  }
  // A batch still running writes its evidence when it ends: its recordings are not counted here.
  const unproven = db
    .prepare(
      `SELECT r.id FROM recordings r WHERE r.status = 'disposed' AND NOT EXISTS (SELECT 1 FROM disposals d WHERE d.recording_id = r.id)
       AND NOT EXISTS (SELECT 1 FROM disposal_intents i JOIN disposal_runs u ON u.batch_id = i.batch_id WHERE i.recording_id = r.id AND u.finished_at IS NULL) LIMIT 20`,
    )
    .all() as Array<{ id: number }>;
  for (const row of unproven) problems.push({ entryId: null, problem: `recording ${row.id} is marked disposed but has no disposal evidence` });
  const revived = db.prepare(`SELECT DISTINCT d.recording_id AS id FROM disposals d JOIN recordings r ON r.id = d.recording_id WHERE r.status <> 'disposed' LIMIT 20`).all() as Array<{ id: number }>;
  for (const row of revived) problems.push({ entryId: null, problem: `recording ${row.id} has disposal evidence but is not marked disposed` });
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
    const found = db.prepare(`SELECT id FROM change_log WHERE hash = ?`).get(options.expectHead.toLowerCase()) as { id: number } | undefined;
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
