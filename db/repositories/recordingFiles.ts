import type { Db } from '../types';

/** A call an audio file may belong to, with the file registered on it so far. */
export interface FileCandidate {
  id: number;
  file_path: string | null;
  file_sha256: string | null;
  status: 'retained' | 'disposed';
}

/** The call whose key is this uniqueid (calls imported without a uniqueid never match a file name). */
export function fileCandidateByUniqueid(db: Db, uniqueid: string): FileCandidate | undefined {
  return db.prepare(`SELECT id, file_path, file_sha256, status FROM recordings WHERE call_key = ? AND uniqueid IS NOT NULL`).get(uniqueid) as FileCandidate | undefined;
}

/** Calls of a zone that started between `earliest` and `latest` (UTC), latest first: those a file named by its time may belong to. */
export function fileCandidatesStartedBetween(
  db: Db,
  zone: string,
  latest: string,
  earliest: string,
): Array<FileCandidate & { call_start: string; duration_seconds: number; direction: string; caller_ref: string | null }> {
  return db
    .prepare(
      `SELECT id, file_path, file_sha256, status, call_start, duration_seconds, direction, caller_ref FROM recordings
       WHERE zone = ? AND call_start <= ? AND call_start >= ? ORDER BY call_start DESC`,
    )
    .all(zone, latest, earliest) as Array<FileCandidate & { call_start: string; duration_seconds: number; direction: string; caller_ref: string | null }>;
}

/** Every time zone calls were imported in. */
export function recordingZones(db: Db): string[] {
  return (db.prepare(`SELECT DISTINCT zone FROM recordings`).all() as Array<{ zone: string }>).map((row) => row.zone);
}

/** Registers an audio file on a call: where it is (relative to the folder), its SHA-256 and size. */
export function registerRecordingFile(db: Db, recordingId: number, file: { storageLocation: string; filePath: string; sha256: string; size: number }): void {
  db.prepare(`UPDATE recordings SET storage_location = ?, file_path = ?, file_sha256 = ?, file_size = ? WHERE id = ?`).run(file.storageLocation, file.filePath, file.sha256, file.size, recordingId);
}

/** What playback needs to know of a recording. */
export function recordingForPlayback(db: Db, recordingId: number): { id: number; status: string; file_path: string | null } | undefined {
  return db.prepare(`SELECT id, status, file_path FROM recordings WHERE id = ?`).get(recordingId) as { id: number; status: string; file_path: string | null } | undefined;
}

export interface RecordingFileRow {
  id: number;
  uniqueid: string | null;
  call_start: string;
  ticket_id: string | null;
  file_path: string;
  file_sha256: string | null;
  file_size: number | null;
  status: 'retained' | 'disposed';
}

export function countRecordingFiles(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM recordings WHERE file_path IS NOT NULL`).get() as { n: number }).n;
}

/** Calls with a registered file, newest call first. */
export function recordingFilesPage(db: Db, limit: number): RecordingFileRow[] {
  return db
    .prepare(
      `SELECT id, uniqueid, call_start, ticket_id, file_path, file_sha256, file_size, status FROM recordings
       WHERE file_path IS NOT NULL ORDER BY call_start DESC, id DESC LIMIT ?`,
    )
    .all(limit) as RecordingFileRow[];
}
