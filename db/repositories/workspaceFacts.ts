import type { Db } from '../types';

/**
 * Facts read from a workspace or backup file of any schema version (an old backup may predate a
 * table or a column): what a restore's preview and a backup's name show.
 */

function tableExists(db: Db, table: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table) !== undefined;
}

/** Rows per kind of record, 0 for a table the file does not have. The table names are the caller's constants, never input. */
export function countRecords(db: Db, tables: Readonly<Record<string, string>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [kind, table] of Object.entries(tables)) {
    counts[kind] = tableExists(db, table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
  }
  return counts;
}

/** The newest change-log entry, its number and hash (null for an empty log; hash '' in a log from before the chain). */
export function changeLogHeadOfAnySchema(db: Db): { id: number; hash: string } | null {
  const hasHash = db.prepare(`SELECT 1 FROM pragma_table_info('change_log') WHERE name = 'hash'`).get() !== undefined;
  if (!hasHash) {
    const last = tableExists(db, 'change_log') ? (db.prepare('SELECT max(id) AS id FROM change_log').get() as { id: number | null }).id : null;
    return last ? { id: last, hash: '' } : null;
  }
  return (db.prepare('SELECT id, hash FROM change_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined) ?? null;
}
