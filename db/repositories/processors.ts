import type { ProcessorDetail } from '../../core/contract';
import type { Processor, ProcessorInput } from '../../core/register/model';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

interface ProcessorRow {
  id: string;
  name: string;
  service: string | null;
  countries_json: string;
  data_categories_json: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
  activity_count: number;
}

const selectProcessors = `
  SELECT p.*, (SELECT count(DISTINCT l.activity_id) FROM activity_processors l WHERE l.processor_id = p.id)
    AS activity_count
  FROM processors p`;

function toProcessor(row: ProcessorRow): Processor {
  return {
    id: row.id,
    name: row.name,
    service: row.service,
    countries: readJson(row.countries_json, 'processors.countries_json'),
    dataCategories: readJson(row.data_categories_json, 'processors.data_categories_json'),
    notes: row.notes,
    activityCount: row.activity_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertProcessor(db: Db, id: string, input: ProcessorInput, now: string): void {
  db.prepare(
    `INSERT INTO processors (id, name, service, countries_json, data_categories_json, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.name, input.service, writeJson(input.countries), writeJson(input.dataCategories), input.notes, now, now);
}

export function listProcessors(db: Db): Processor[] {
  return (db.prepare(`${selectProcessors} ORDER BY p.name COLLATE NOCASE`).all() as ProcessorRow[]).map(toProcessor);
}

export function getProcessor(db: Db, id: string): ProcessorDetail | null {
  const row = db.prepare(`${selectProcessors} WHERE p.id = ?`).get(id) as ProcessorRow | undefined;
  if (!row) return null;
  const activities = db
    .prepare(
      `SELECT a.id, a.name, o.name AS organisationName, l.purpose, l.role
       FROM activity_processors l
       JOIN activities a ON a.id = l.activity_id
       JOIN organisations o ON o.id = a.organisation_id
       WHERE l.processor_id = ? ORDER BY o.name COLLATE NOCASE, a.name COLLATE NOCASE`,
    )
    .all(id) as ProcessorDetail['activities'];
  return { ...toProcessor(row), activities };
}
