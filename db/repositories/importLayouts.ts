import type { RegisterImportLayout } from '../../core/register/registerImport';
import type { Db } from '../types';

interface LayoutRow {
  id: string;
  name: string;
  signature: string;
  columns_json: string;
  values_json: string;
  created_at: string;
  updated_at: string;
}

const toLayout = (row: LayoutRow): RegisterImportLayout => ({
  id: row.id,
  name: row.name,
  signature: row.signature,
  columns: JSON.parse(row.columns_json) as RegisterImportLayout['columns'],
  values: JSON.parse(row.values_json) as RegisterImportLayout['values'],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function listImportLayouts(db: Db): RegisterImportLayout[] {
  return (db.prepare(`SELECT * FROM register_import_layouts ORDER BY name`).all() as LayoutRow[]).map(toLayout);
}

/** The layout of that name (regardless of case), or null. */
export function findImportLayoutByName(db: Db, name: string): RegisterImportLayout | null {
  const row = db.prepare(`SELECT * FROM register_import_layouts WHERE name = ?`).get(name) as LayoutRow | undefined;
  return row ? toLayout(row) : null;
}

export function upsertImportLayout(db: Db, layout: Omit<RegisterImportLayout, 'createdAt' | 'updatedAt'>, now: string): void {
  db.prepare(
    `INSERT INTO register_import_layouts (id, name, signature, columns_json, values_json, created_at, updated_at)
     VALUES (@id, @name, @signature, @columns, @values, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, signature = excluded.signature, columns_json = excluded.columns_json,
       values_json = excluded.values_json, updated_at = excluded.updated_at`,
  ).run({ id: layout.id, name: layout.name, signature: layout.signature, columns: JSON.stringify(layout.columns), values: JSON.stringify(layout.values), now });
}
