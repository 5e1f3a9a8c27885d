import type { Db } from '../types';

/** A recordings row as the register reads it. */
export interface RecordingRow {
  id: number;
  call_key: string;
  uniqueid: string | null;
  call_start: string;
  zone: string;
  duration_seconds: number;
  billable_seconds: number;
  direction: 'inbound' | 'outbound' | 'internal';
  agent: string | null;
  caller_ref: string | null;
  caller_ref_kind: 'hash' | 'number' | 'none';
  ticket_id: string | null;
  ticket_state: string | null;
  ticket_closed_at: string | null;
  purposes_json: string;
  storage_location: string | null;
  file_path: string | null;
  file_sha256: string | null;
  file_size: number | null;
  card_data: 'none' | 'spoken' | 'redacted' | 'deleted';
  card_data_note: string | null;
  status: 'retained' | 'disposed';
  earliest_delete_at: string | null;
  latest_delete_at: string | null;
  retention_conflict: 0 | 1;
  hold_count: number;
  source_file: string | null;
  source_line: number | null;
  imported_at: string;
}

export type RegisterView = 'retained' | 'due' | 'overdue' | 'held' | 'conflict' | 'card-data' | 'disposed';

/** What a search term may be: a recording id, a uniqueid, a ticket, an agent, or a caller reference (hashed number or kept number). */
export interface RecordingSearch {
  id: number | null;
  text: string;
  callerRefs: string[];
}

/**
 * The condition and order of each view. Every view walks an index in its order, so the first page
 * is read without touching the rest of the table: due and overdue along recordings_due, held, in
 * conflict and card data along their partial indexes (migration 160), the others by id.
 */
function viewQuery(view: RegisterView, now: string, overdueBefore: string): { where: string; params: unknown[]; order: string; index: string } {
  switch (view) {
    case 'due':
      return { where: `status = 'retained' AND retention_conflict = 0 AND latest_delete_at <= ? AND hold_count = 0`, params: [now], order: 'latest_delete_at, id', index: 'INDEXED BY recordings_due' };
    case 'overdue':
      return { where: `status = 'retained' AND retention_conflict = 0 AND latest_delete_at <= ? AND hold_count = 0`, params: [overdueBefore], order: 'latest_delete_at, id', index: 'INDEXED BY recordings_due' };
    case 'held':
      return { where: `status = 'retained' AND hold_count > 0`, params: [], order: 'latest_delete_at, id', index: 'INDEXED BY recordings_held' };
    case 'conflict':
      return { where: `status = 'retained' AND retention_conflict = 1`, params: [], order: 'latest_delete_at, id', index: 'INDEXED BY recordings_in_conflict' };
    case 'card-data':
      return { where: `card_data = 'spoken' AND status = 'retained'`, params: [], order: 'call_start, id', index: 'INDEXED BY recordings_card_data' };
    case 'disposed':
      return { where: `status = 'disposed'`, params: [], order: 'id DESC', index: 'INDEXED BY recordings_disposed' };
    case 'retained':
      // Newest first is the table's own order read backwards; most rows are kept, so the first page comes at once.
      return { where: `status = 'retained'`, params: [], order: 'id DESC', index: 'NOT INDEXED' };
  }
}

export function recordingsPage(
  db: Db,
  options: { view: RegisterView; search: RecordingSearch | null; now: string; overdueBefore: string; offset: number; limit: number },
): RecordingRow[] {
  const view = viewQuery(options.view, options.now, options.overdueBefore);
  const search = searchCondition(options.search);
  // Without a search, each view walks its own index (named, so the planner cannot prefer recordings_due for status alone); a search uses the search's indexes.
  return db
    .prepare(`SELECT * FROM recordings ${options.search ? '' : view.index} WHERE ${view.where} AND ${search.where} ORDER BY ${view.order} LIMIT ? OFFSET ?`)
    .all(...view.params, ...search.params, options.limit, options.offset) as RecordingRow[];
}

/** Counts the rows of a searched view (a search narrows to a few rows through its indexes). */
export function countSearched(db: Db, view: RegisterView, search: RecordingSearch, now: string, overdueBefore: string): number {
  const query = viewQuery(view, now, overdueBefore);
  const condition = searchCondition(search);
  return (db.prepare(`SELECT count(*) AS n FROM recordings WHERE ${query.where} AND ${condition.where}`).get(...query.params, ...condition.params) as { n: number }).n;
}

function searchCondition(search: RecordingSearch | null): { where: string; params: unknown[] } {
  if (!search) return { where: '1', params: [] };
  const parts = [`uniqueid = ?`, `ticket_id = ?`, `agent = ?`, `caller_ref IN (SELECT value FROM json_each(?))`];
  const params: unknown[] = [search.text, search.text, search.text, JSON.stringify(search.callerRefs)];
  if (search.id !== null) {
    parts.unshift('id = ?');
    params.unshift(search.id);
  }
  return { where: `(${parts.join(' OR ')})`, params };
}

export function recordingById(db: Db, id: number): RecordingRow | undefined {
  return db.prepare(`SELECT * FROM recordings WHERE id = ?`).get(id) as RecordingRow | undefined;
}

/** Recordings kept, by month of their latest deletion, split into not held, held and in conflict (from the per-day buckets). */
export function monthBuckets(db: Db): Array<{ month: string; kept: number; held: number; conflict: number }> {
  return db
    .prepare(
      `SELECT substr(day, 1, 7) AS month,
         coalesce(sum(CASE WHEN conflict = 0 AND held = 0 THEN recordings END), 0) AS kept,
         coalesce(sum(CASE WHEN conflict = 0 AND held = 1 THEN recordings END), 0) AS held,
         coalesce(sum(CASE WHEN conflict = 1 THEN recordings END), 0) AS conflict
       FROM recording_buckets WHERE day <> 'none' AND recordings > 0 GROUP BY month ORDER BY month`,
    )
    .all() as Array<{ month: string; kept: number; held: number; conflict: number }>;
}

/** Recordings kept that no maximum applies to (kept until a person decides). */
export function countWithoutMaximum(db: Db): number {
  return (db.prepare(`SELECT coalesce(sum(recordings), 0) AS n FROM recording_buckets WHERE day = 'none' AND conflict = 0`).get() as { n: number }).n;
}

/**
 * Recordings due (not held, no conflict) whose latest deletion is at or before `before`: whole
 * days from the buckets, the day of `before` itself counted exactly.
 */
export function countDueBefore(db: Db, before: string): number {
  const day = before.slice(0, 10);
  const fromBuckets = (db
    .prepare(`SELECT coalesce(sum(recordings), 0) AS n FROM recording_buckets WHERE conflict = 0 AND held = 0 AND day <> 'none' AND day < ?`)
    .get(day) as { n: number }).n;
  const sameDay = (db
    .prepare(
      `SELECT count(*) AS n FROM recordings WHERE status = 'retained' AND retention_conflict = 0 AND latest_delete_at >= ? AND latest_delete_at <= ? AND hold_count = 0`,
    )
    .get(`${day}T00:00:00.000Z`, before) as { n: number }).n;
  return fromBuckets + sameDay;
}

/** Recordings kept under at least one hold, and kept in conflict (from the buckets). */
export function countHeldAndConflicts(db: Db): { held: number; conflicts: number; retained: number } {
  return db
    .prepare(
      `SELECT coalesce(sum(CASE WHEN held = 1 THEN recordings END), 0) AS held, coalesce(sum(CASE WHEN conflict = 1 THEN recordings END), 0) AS conflicts,
         coalesce(sum(recordings), 0) AS retained FROM recording_buckets`,
    )
    .get() as { held: number; conflicts: number; retained: number };
}

export function countDisposed(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM recordings INDEXED BY recordings_disposed WHERE status = 'disposed'`).get() as { n: number }).n;
}

export function countCardDataOpen(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM recordings INDEXED BY recordings_card_data WHERE card_data = 'spoken' AND status = 'retained'`).get() as { n: number }).n;
}

export function holdsOfRecording(db: Db, id: number): Array<{ id: string; matter: string; placedBy: string; placedAt: string; reviewOn: string | null }> {
  return db
    .prepare(
      `SELECT h.id, h.matter, h.placed_by AS placedBy, h.placed_at AS placedAt, h.review_on AS reviewOn
       FROM recording_holds rh JOIN legal_holds h ON h.id = rh.hold_id WHERE rh.recording_id = ? AND h.released_at IS NULL ORDER BY h.placed_at`,
    )
    .all(id) as Array<{ id: string; matter: string; placedBy: string; placedAt: string; reviewOn: string | null }>;
}

export function disposalOfRecording(db: Db, id: number) {
  return db
    .prepare(
      `SELECT batch_id AS batchId, disposed_at AS disposedAt, operator, method, verification, backup_expires_at AS backupExpiresAt
       FROM disposals WHERE recording_id = ? ORDER BY disposed_at DESC LIMIT 1`,
    )
    .get(id) as { batchId: string; disposedAt: string; operator: string; method: string; verification: string; backupExpiresAt: string | null } | undefined;
}

export function setCardData(db: Db, id: number, cardData: RecordingRow['card_data'], note: string | null): void {
  db.prepare(`UPDATE recordings SET card_data = ?, card_data_note = ? WHERE id = ?`).run(cardData, note, id);
}

export function updateFileHash(db: Db, id: number, sha256: string, size: number): void {
  db.prepare(`UPDATE recordings SET file_sha256 = ?, file_size = ? WHERE id = ?`).run(sha256, size, id);
}

export function countHoldsToReview(db: Db, today: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM legal_holds WHERE released_at IS NULL AND review_on IS NOT NULL AND review_on <= ?`).get(today) as { n: number }).n;
}

interface BatchRow {
  id: string;
  operator: string;
  started_at: string;
  as_of: string;
  recordings: number;
  files_deleted: number;
  files_missing: number;
  refused: number;
}

const batchSummary = (row: BatchRow) => ({
  id: row.id,
  operator: row.operator,
  startedAt: row.started_at,
  asOf: row.as_of,
  recordings: row.recordings,
  filesDeleted: row.files_deleted,
  filesMissing: row.files_missing,
  refused: row.refused,
});

export function listBatches(db: Db) {
  return (db.prepare(`SELECT * FROM disposal_batches ORDER BY started_at DESC`).all() as BatchRow[]).map(batchSummary);
}

export function batchWithEntries(db: Db, id: string) {
  const row = db.prepare(`SELECT * FROM disposal_batches WHERE id = ?`).get(id) as BatchRow | undefined;
  if (!row) return undefined;
  const entries = db
    .prepare(
      `SELECT recording_id AS recordingId, call_key AS callKey, file_sha256 AS fileSha256, file_size AS fileSize, method, verification, backup_expires_at AS backupExpiresAt
       FROM disposals WHERE batch_id = ? ORDER BY recording_id`,
    )
    .all(id) as Array<{ recordingId: number; callKey: string; fileSha256: string | null; fileSize: number | null; method: string; verification: string; backupExpiresAt: string | null }>;
  return { ...batchSummary(row), entries };
}

/** What a kept recording's retention dates are computed from, with the dates it has now. */
export type RetentionDatesRow = Pick<RecordingRow, 'id' | 'call_start' | 'purposes_json' | 'ticket_closed_at' | 'earliest_delete_at' | 'latest_delete_at' | 'retention_conflict' | 'hold_count'>;

/**
 * The kept recordings that name one of these purposes (lower-cased), with their dates. Purposes are
 * compared as the retention rules compare them (JavaScript's lower case, which knows É from é;
 * SQLite's lower() knows only A to Z): first over the few distinct purpose lists, then by list.
 */
export function keptRecordingsOfPurposes(db: Db, purposes: readonly string[]): RetentionDatesRow[] {
  const wanted = new Set(purposes.map((purpose) => purpose.toLowerCase()));
  const lists = (db.prepare(`SELECT DISTINCT purposes_json FROM recordings WHERE status = 'retained'`).pluck().all() as string[]).filter((list) =>
    (JSON.parse(list) as string[]).some((purpose) => wanted.has(purpose.toLowerCase())),
  );
  if (!lists.length) return [];
  return db
    .prepare(
      `SELECT id, call_start, purposes_json, ticket_closed_at, earliest_delete_at, latest_delete_at, retention_conflict, hold_count FROM recordings
       WHERE status = 'retained' AND purposes_json IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(lists)) as RetentionDatesRow[];
}

/** Sets one kept recording's retention dates. */
export function retentionDatesWriter(db: Db): (id: number, earliest: string | null, latest: string | null, conflict: 0 | 1) => void {
  const update = db.prepare(`UPDATE recordings SET earliest_delete_at = ?, latest_delete_at = ?, retention_conflict = ? WHERE id = ?`);
  return (id, earliest, latest, conflict) => void update.run(earliest, latest, conflict, id);
}
