import type { RecordingAccessEntry } from '../../core/recordings/model';
import type { Db } from '../types';

/** Appends one playback attempt to the recording's access log (append-only: migration 150). */
export function logRecordingAccess(db: Db, entry: { recordingId: number; at: string; actor: string; outcome: 'served' | 'refused'; reason: string | null }): void {
  db.prepare(`INSERT INTO recording_access (recording_id, at, actor, action, outcome, reason) VALUES (?, ?, ?, 'playback', ?, ?)`).run(entry.recordingId, entry.at, entry.actor, entry.outcome, entry.reason);
}

/** Whether this person was served this recording at or after `since`. */
export function servedSince(db: Db, recordingId: number, actor: string, since: string): boolean {
  return db.prepare(`SELECT 1 FROM recording_access WHERE recording_id = ? AND actor = ? AND outcome = 'served' AND at >= ? LIMIT 1`).get(recordingId, actor, since) !== undefined;
}

/** A recording's access log, newest first. */
export function accessLogOfRecording(db: Db, recordingId: number): RecordingAccessEntry[] {
  const rows = db
    .prepare(`SELECT id, recording_id, at, actor, action, outcome, reason FROM recording_access WHERE recording_id = ? ORDER BY id DESC`)
    .all(recordingId) as Array<{ id: number; recording_id: number; at: string; actor: string; action: 'playback'; outcome: 'served' | 'refused'; reason: string | null }>;
  return rows.map((row) => ({ id: row.id, recordingId: row.recording_id, at: row.at, actor: row.actor, action: row.action, outcome: row.outcome, reason: row.reason }));
}
