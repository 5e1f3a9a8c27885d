import type { Db } from '../types';

/**
 * The columns an import writes, in the order its rows give them: call_key, uniqueid, call_start,
 * zone, duration_seconds, billable_seconds, direction, agent, caller_ref, caller_ref_kind,
 * ticket_id, purposes_json, earliest_delete_at, latest_delete_at, retention_conflict (0 or 1),
 * source_file, source_line, imported_at. Bound by position: binding a million rows by name costs seconds.
 */
export const recordingColumns = `call_key, uniqueid, call_start, zone, duration_seconds, billable_seconds, direction, agent, caller_ref,
       caller_ref_kind, ticket_id, purposes_json, earliest_delete_at, latest_delete_at, retention_conflict, source_file, source_line, imported_at`;
/** Rows per INSERT statement: one statement's work (and one crossing into SQLite) for many rows. 64 × 18 parameters stays far below SQLite's limit. */
const rowsPerInsert = 64;

/**
 * Inserts recordings in order, `rowsPerInsert` to a statement, skipping any whose call key the
 * register already has (or an earlier row of the same import): `addValues` queues one row given as
 * its 18 values in `recordingColumns` order (from `offset` in a longer list), `flush` writes the
 * queued ones. It tells how many rows went in so far and how many were duplicates.
 */
export function recordingInserter(db: Db): { addValues(values: readonly unknown[], offset?: number): void; flush(): void; readonly inserted: number; readonly duplicates: number } {
  const statementFor = (rows: number) =>
    db.prepare(`INSERT INTO recordings (${recordingColumns}) VALUES ${Array.from({ length: rows }, () => `(${Array(18).fill('?').join(', ')})`).join(', ')} ON CONFLICT (call_key) DO NOTHING`);
  const full = statementFor(rowsPerInsert);
  const queued: unknown[] = [];
  let rows = 0;
  let inserted = 0;
  let offered = 0;
  const flush = () => {
    if (!rows) return;
    inserted += (rows === rowsPerInsert ? full : statementFor(rows)).run(queued).changes;
    offered += rows;
    queued.length = 0;
    rows = 0;
  };
  return {
    addValues(values, offset = 0) {
      for (let index = offset; index < offset + 18; index += 1) queued.push(values[index]);
      rows += 1;
      if (rows === rowsPerInsert) flush();
    },
    flush,
    get inserted() {
      return inserted;
    },
    get duplicates() {
      return offered - inserted;
    },
  };
}

/** Sets a recording's ticket state and the deletion dates they give: (state, closedAt, earliest, latest, conflict, id). */
export function ticketRetentionUpdater(db: Db): (state: string | null, closedAt: string | null, earliest: string | null, latest: string | null, conflict: 0 | 1, id: number) => void {
  const statement = db.prepare(
    `UPDATE recordings SET ticket_state = ?, ticket_closed_at = ?, earliest_delete_at = ?, latest_delete_at = ?, retention_conflict = ? WHERE id = ?`,
  );
  return (...values) => void statement.run(...values);
}

export interface SweepCounts {
  due: number;
  held: number;
  conflicts: number;
  retained: number;
}

/**
 * What a sweep at `now` finds among the recordings still kept: due (past their latest deletion, no
 * conflict, no hold), held (would be due but a hold covers them), in conflict, and the rest retained.
 * Whole days before today come from recording_buckets (kept by triggers); today is counted exactly
 * on the partial index recordings_due.
 */
export function sweepCounts(db: Db, now: string): SweepCounts {
  const today = now.slice(0, 10);
  const buckets = db
    .prepare(
      `SELECT
         coalesce(sum(recordings), 0) AS total,
         coalesce(sum(CASE WHEN conflict = 1 THEN recordings END), 0) AS conflicts,
         coalesce(sum(CASE WHEN conflict = 0 AND day < ? AND day <> 'none' THEN recordings END), 0) AS pastDays,
         coalesce(sum(CASE WHEN conflict = 0 AND held = 1 AND day < ? AND day <> 'none' THEN recordings END), 0) AS heldPastDays
       FROM recording_buckets`,
    )
    .get(today, today) as { total: number; conflicts: number; pastDays: number; heldPastDays: number };
  const todays = db
    .prepare(
      `SELECT count(*) AS due, coalesce(sum(hold_count > 0), 0) AS held FROM recordings
       WHERE status = 'retained' AND retention_conflict = 0 AND latest_delete_at >= ? AND latest_delete_at <= ?`,
    )
    .get(`${today}T00:00:00.000Z`, now) as { due: number; held: number };
  const pastDue = buckets.pastDays + todays.due;
  const held = buckets.heldPastDays + todays.held;
  return { due: pastDue - held, held, conflicts: buckets.conflicts, retained: buckets.total - buckets.conflicts - pastDue };
}

/**
 * A large import's way into the recordings table (issue 18, point 5): inside the import's one
 * transaction, the per-row bucket trigger and the secondary indexes are set aside, the rows go in,
 * and then the indexes are built again from their own SQL (one sort each instead of a B-tree
 * insert per row and index), the trigger is put back as it was, and the buckets gain the new rows
 * in one GROUP BY. Everything happens in the transaction: a failure or a cancel rolls the schema
 * back with the rows, and no other connection ever sees the table without them. The unique key
 * (call_key) stays, so duplicates are still found row by row. Returns the function that restores.
 */
export function setRecordingIndexesAside(db: Db, options: { indexes: boolean }): (lastIdBefore: number) => void {
  const kept = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE tbl_name = 'recordings' AND sql IS NOT NULL AND (name = 'recording_buckets_insert' OR (type = 'index' AND ?))
       ORDER BY type DESC, name`,
    )
    .all(options.indexes ? 1 : 0) as Array<{ type: 'index' | 'trigger'; name: string; sql: string }>;
  for (const entry of kept) db.exec(`DROP ${entry.type === 'index' ? 'INDEX' : 'TRIGGER'} "${entry.name}"`);
  return (lastIdBefore) => {
    for (const entry of kept) db.exec(entry.sql);
    db.prepare(
      `INSERT INTO recording_buckets (day, conflict, held, recordings)
       SELECT coalesce(substr(latest_delete_at, 1, 10), 'none'), retention_conflict, hold_count > 0, count(*)
       FROM recordings WHERE id > ? AND status = 'retained' GROUP BY 1, 2, 3
       ON CONFLICT (day, conflict, held) DO UPDATE SET recordings = recordings + excluded.recordings`,
    ).run(lastIdBefore);
  };
}

/** The recordings already in the register (an estimate is enough to choose the bulk path). */
export function recordingCount(db: Db): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) - coalesce(min(id), 0) + 1 AS n FROM recordings`).get() as { n: number }).n;
}

/** Whether some calls were imported with their callers' numbers kept as they are (not as keyed hashes). */
export function hasKeptCallerNumbers(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM recordings WHERE caller_ref_kind = 'number' LIMIT 1`).get() !== undefined;
}

/** A ticket's recordings with their retention as stored, first call first. */
export function recordingsOfTicket(db: Db, ticketId: string): Array<{
  id: number;
  call_start: string;
  purposes_json: string;
  ticket_state: string | null;
  ticket_closed_at: string | null;
  earliest_delete_at: string | null;
  latest_delete_at: string | null;
  retention_conflict: number;
}> {
  return db
    .prepare(
      `SELECT id, call_start, purposes_json, ticket_state, ticket_closed_at, earliest_delete_at, latest_delete_at, retention_conflict
       FROM recordings WHERE ticket_id = ? ORDER BY call_start`,
    )
    .all(ticketId) as ReturnType<typeof recordingsOfTicket>;
}

/** The highest recording id (0 when there is none): what an import adds after. */
export function lastRecordingId(db: Db): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM recordings`).get() as { id: number }).id;
}

/**
 * The recordings added after `lastIdBefore` whose ticket earlier recordings already gave a state,
 * with that state and closing time.
 */
export function newRecordingsOfKnownTickets(db: Db, lastIdBefore: number): Array<{ id: number; call_start: string; purposes_json: string; ticket_state: string; ticket_closed_at: string | null }> {
  return db
    .prepare(
      `SELECT n.id, n.call_start, n.purposes_json, k.ticket_state, k.ticket_closed_at
       FROM recordings n
       JOIN (SELECT ticket_id, ticket_state, ticket_closed_at FROM recordings
             WHERE ticket_state IS NOT NULL AND id <= ? AND ticket_id IN (SELECT DISTINCT ticket_id FROM recordings WHERE id > ? AND ticket_id IS NOT NULL)
             GROUP BY ticket_id) k ON k.ticket_id = n.ticket_id
       WHERE n.id > ?`,
    )
    .all(lastIdBefore, lastIdBefore, lastIdBefore) as Array<{ id: number; call_start: string; purposes_json: string; ticket_state: string; ticket_closed_at: string | null }>;
}
