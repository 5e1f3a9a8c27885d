import type { RecordingPractice } from '../../core/register/model';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

export type NewRecordingPractice = Omit<RecordingPractice, 'id' | 'organisationName'>;

export function insertRecordingPractice(db: Db, id: string, practice: NewRecordingPractice, now: string): void {
  db.prepare(
    `INSERT INTO recording_practices (id, organisation_id, purposes_json, linked_to_tickets, retention,
       notice, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    practice.organisationId,
    writeJson(practice.purposes),
    practice.linkedToTickets ? 1 : 0,
    practice.retention,
    practice.notice,
    practice.source,
    now,
    now,
  );
}

export function listRecordingPractices(db: Db): RecordingPractice[] {
  const rows = db
    .prepare(
      `SELECT r.*, o.name AS organisation_name FROM recording_practices r
       JOIN organisations o ON o.id = r.organisation_id ORDER BY o.name COLLATE NOCASE`,
    )
    .all() as Array<{
    id: string;
    organisation_id: string;
    organisation_name: string;
    purposes_json: string;
    linked_to_tickets: number;
    retention: string | null;
    notice: string | null;
    source: string | null;
  }>;
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    purposes: readJson<string[]>(row.purposes_json, 'recording_practices.purposes_json'),
    linkedToTickets: row.linked_to_tickets === 1,
    retention: row.retention,
    notice: row.notice,
    source: row.source,
  }));
}
