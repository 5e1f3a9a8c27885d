import type { CsvMapping, CsvMappingInput } from '../../core/recordings/csvMapping';
import type { Db } from '../types';

interface CsvMappingRow {
  id: string;
  name: string;
  delimiter: CsvMapping['delimiter'];
  has_heading: number;
  time_format: CsvMapping['timeFormat'];
  columns_json: string;
  created_at: string;
  updated_at: string;
}

const toMapping = (row: CsvMappingRow): CsvMapping => ({
  id: row.id,
  name: row.name,
  delimiter: row.delimiter,
  hasHeading: row.has_heading === 1,
  timeFormat: row.time_format,
  columns: JSON.parse(row.columns_json) as CsvMapping['columns'],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function listCsvMappings(db: Db): CsvMapping[] {
  return (db.prepare(`SELECT * FROM csv_mappings ORDER BY name`).all() as CsvMappingRow[]).map(toMapping);
}

export function getCsvMapping(db: Db, id: string): CsvMapping | null {
  const row = db.prepare(`SELECT * FROM csv_mappings WHERE id = ?`).get(id) as CsvMappingRow | undefined;
  return row ? toMapping(row) : null;
}

/** The mapping of that name (names are unique regardless of case), or null. */
export function findCsvMappingByName(db: Db, name: string): CsvMapping | null {
  const row = db.prepare(`SELECT * FROM csv_mappings WHERE name = ?`).get(name) as CsvMappingRow | undefined;
  return row ? toMapping(row) : null;
}

export function upsertCsvMapping(db: Db, id: string, input: CsvMappingInput, now: string): void {
  db.prepare(
    `INSERT INTO csv_mappings (id, name, delimiter, has_heading, time_format, columns_json, created_at, updated_at)
     VALUES (@id, @name, @delimiter, @hasHeading, @timeFormat, @columns, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, delimiter = excluded.delimiter, has_heading = excluded.has_heading,
       time_format = excluded.time_format, columns_json = excluded.columns_json, updated_at = excluded.updated_at`,
  ).run({ id, name: input.name, delimiter: input.delimiter, hasHeading: input.hasHeading ? 1 : 0, timeFormat: input.timeFormat, columns: JSON.stringify(input.columns), now });
}

export function deleteCsvMapping(db: Db, id: string): void {
  db.prepare(`DELETE FROM csv_mappings WHERE id = ?`).run(id);
}
