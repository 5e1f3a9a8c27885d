import type { HoldScope, LegalHold } from '../../core/recordings/model';
import type { Db } from '../types';

/** The SQL condition and parameters selecting the recordings a scope covers. */
function scopeCondition(scope: HoldScope): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.recordingIds?.length) {
    parts.push(`r.id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(scope.recordingIds));
  }
  if (scope.ticketIds?.length) {
    parts.push(`r.ticket_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(scope.ticketIds));
  }
  if (scope.callerRefs?.length) {
    parts.push(`r.caller_ref IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(scope.callerRefs));
  }
  if (scope.from) {
    parts.push(`r.call_start >= ?`);
    params.push(scope.from);
  }
  if (scope.to) {
    parts.push(`r.call_start <= ?`);
    params.push(scope.to);
  }
  return { where: parts.length ? parts.join(' AND ') : '0', params };
}

/** Recounts the active holds on the recordings a hold covers (the sweep reads hold_count). */
function recount(db: Db, holdId: string): void {
  db.prepare(
    `UPDATE recordings SET hold_count = (
       SELECT count(*) FROM recording_holds rh JOIN legal_holds h ON h.id = rh.hold_id
       WHERE rh.recording_id = recordings.id AND h.released_at IS NULL)
     WHERE id IN (SELECT recording_id FROM recording_holds WHERE hold_id = ?)`,
  ).run(holdId);
}

/** How many recordings still retained a scope covers now (what a hold placed now would hold). */
export function countCovered(db: Db, scope: HoldScope): number {
  const { where, params } = scopeCondition(scope);
  return (db.prepare(`SELECT count(*) AS n FROM recordings r WHERE r.status = 'retained' AND ${where}`).get(...params) as { n: number }).n;
}

/** Places a hold on every recording its scope covers now; returns how many. */
export function placeHold(db: Db, hold: Omit<LegalHold, 'releasedBy' | 'releasedAt' | 'releaseReason' | 'recordings'>): number {
  db.prepare(
    `INSERT INTO legal_holds (id, matter, reason, placed_by, placed_at, scope_json, review_on) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(hold.id, hold.matter, hold.reason, hold.placedBy, hold.placedAt, JSON.stringify(hold.scope), hold.reviewOn);
  return applyHold(db, hold.id, hold.scope);
}

/** Links the recordings a scope covers (also those imported after the hold was placed). */
export function applyHold(db: Db, holdId: string, scope: HoldScope): number {
  const { where, params } = scopeCondition(scope);
  const inserted = db
    .prepare(`INSERT INTO recording_holds (hold_id, recording_id) SELECT ?, r.id FROM recordings r WHERE r.status = 'retained' AND ${where} ON CONFLICT DO NOTHING`)
    .run(holdId, ...params).changes;
  recount(db, holdId);
  return inserted;
}

export function releaseHold(db: Db, holdId: string, by: string, at: string, reason: string): boolean {
  const changed = db.prepare(`UPDATE legal_holds SET released_by = ?, released_at = ?, release_reason = ? WHERE id = ? AND released_at IS NULL`).run(by, at, reason, holdId).changes === 1;
  if (changed) recount(db, holdId);
  return changed;
}

export function listHolds(db: Db): LegalHold[] {
  const rows = db
    .prepare(
      `SELECT h.*, (SELECT count(*) FROM recording_holds rh WHERE rh.hold_id = h.id) AS recordings FROM legal_holds h ORDER BY h.released_at IS NOT NULL, h.placed_at DESC`,
    )
    .all() as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    id: row.id as string,
    matter: row.matter as string,
    reason: row.reason as string,
    placedBy: row.placed_by as string,
    placedAt: row.placed_at as string,
    scope: JSON.parse(row.scope_json as string) as HoldScope,
    reviewOn: row.review_on as string | null,
    releasedBy: row.released_by as string | null,
    releasedAt: row.released_at as string | null,
    releaseReason: row.release_reason as string | null,
    recordings: row.recordings as number,
  }));
}

export function activeHolds(db: Db): LegalHold[] {
  return listHolds(db).filter((hold) => hold.releasedAt === null);
}
