import type { Db } from '../types';

export interface NewRecording {
  callKey: string;
  uniqueid: string | null;
  callStart: string;
  zone: string;
  durationSeconds: number;
  billableSeconds: number;
  direction: 'inbound' | 'outbound' | 'internal';
  agent: string | null;
  callerRef: string | null;
  callerRefKind: 'hash' | 'number' | 'none';
  ticketId: string | null;
  purposesJson: string;
  earliestDeleteAt: string | null;
  latestDeleteAt: string | null;
  retentionConflict: 0 | 1;
  sourceFile: string;
  sourceLine: number;
  importedAt: string;
}

/**
 * A prepared insert; a call already in the register (same key) is left as it is and reported as a
 * duplicate. Parameters are bound by position: binding a million rows by name costs seconds.
 */
export function recordingInserter(db: Db): (recording: NewRecording) => boolean {
  const statement = db.prepare(
    `INSERT INTO recordings (call_key, uniqueid, call_start, zone, duration_seconds, billable_seconds, direction, agent, caller_ref,
       caller_ref_kind, ticket_id, purposes_json, earliest_delete_at, latest_delete_at, retention_conflict, source_file, source_line, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (call_key) DO NOTHING`,
  );
  return (recording) =>
    statement.run(
      recording.callKey,
      recording.uniqueid,
      recording.callStart,
      recording.zone,
      recording.durationSeconds,
      recording.billableSeconds,
      recording.direction,
      recording.agent,
      recording.callerRef,
      recording.callerRefKind,
      recording.ticketId,
      recording.purposesJson,
      recording.earliestDeleteAt,
      recording.latestDeleteAt,
      recording.retentionConflict,
      recording.sourceFile,
      recording.sourceLine,
      recording.importedAt,
    ).changes === 1;
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
