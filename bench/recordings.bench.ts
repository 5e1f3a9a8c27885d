import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, bench, describe } from 'vitest';
import { migrate } from '../db/migrations';
import { sweepCounts } from '../db/repositories/recordings';
import { importCdrFile } from '../service/recordings';
import { cdrLine } from '../test/support/cdr';

/**
 * Call recordings at call-centre scale (numbers in docs/PERFORMANCE.md):
 * - importing 1 000 000 Master.csv rows, against inserting the same rows with bare better-sqlite3
 *   in one transaction (target: at most 1.5 times as long);
 * - a sweep over 5 000 000 recordings (target: under 100 ms).
 */
const importRows = Number(process.env.BENCH_CDR_ROWS ?? 1_000_000);
const sweepRows = Number(process.env.BENCH_SWEEP_ROWS ?? 5_000_000);
const root = mkdtempSync(join(tmpdir(), 'pwb-bench-recordings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const file = join(root, 'Master.csv');
const lines: string[] = [];
const base = Date.UTC(2025, 0, 1);
const stamp = (index: number) => new Date(base + index * 30_000).toISOString().slice(0, 19).replace('T', ' ');
for (let index = 0; index < importRows; index += 1) {
  lines.push(cdrLine({ start: stamp(index), uniqueid: `${1735689600 + index}.${index}`, src: `+3361${String(index).padStart(7, '0')}`, disposition: index % 10 === 0 ? 'NO ANSWER' : 'ANSWERED', billsec: index % 10 === 0 ? 0 : 95 }));
}
writeFileSync(file, `${lines.join('\n')}\n`);
lines.length = 0;

const fresh = (name: string) => {
  const db = new Database(join(root, `${name}-${Math.random().toString(36).slice(2)}.pwb`));
  db.pragma('journal_mode = WAL');
  migrate(db);
  return db;
};

/**
 * The rows the import writes, read back from a first (untimed) import, so the bare baseline inserts
 * exactly the same values: the same keys, hashed callers and retention dates, in the same order.
 */
const importedColumns = `call_key, uniqueid, call_start, zone, duration_seconds, billable_seconds, direction, agent, caller_ref, caller_ref_kind,
  ticket_id, purposes_json, earliest_delete_at, latest_delete_at, retention_conflict, source_file, source_line, imported_at`;
let sameRows: unknown[][] = (() => {
  const db = fresh('reference');
  importCdrFile(db, file, { zone: 'Europe/Paris', purposes: ['quality'], keepNumbers: false, actor: 'bench' }, new Date().toISOString());
  const rows = db.prepare(`SELECT ${importedColumns} FROM recordings ORDER BY id`).raw().all() as unknown[][];
  db.close();
  return rows;
})();
const answeredRows = sameRows.length;

describe(`import ${importRows.toLocaleString('en')} call records`, () => {
  bench(
    'bare better-sqlite3: the same rows, one prepared insert, one transaction',
    () => {
      const db = fresh('bare');
      const insert = db.prepare(`INSERT INTO recordings (${importedColumns}) VALUES (${Array(18).fill('?').join(', ')})`);
      db.transaction(() => {
        for (const row of sameRows) insert.run(row);
      })();
      db.close();
    },
    {
      iterations: 1,
      warmupIterations: 0,
      warmupTime: 0,
      // Hundreds of megabytes of rows kept alive would slow every garbage collection of the import measured next.
      teardown: (_task, mode) => {
        if (mode === 'run') sameRows = [];
      },
    },
  );
  bench(
    'importCdrFile: read, parse, check, hash callers, retention dates, insert',
    () => {
      const db = fresh('import');
      const result = importCdrFile(db, file, { zone: 'Europe/Paris', purposes: ['quality'], keepNumbers: false, actor: 'bench' }, new Date().toISOString());
      if (result.imported !== answeredRows) throw new Error(`imported ${result.imported}, expected ${answeredRows}`);
      db.close();
    },
    { iterations: 1, warmupIterations: 0, warmupTime: 0 },
  );
});

describe(`sweep over ${sweepRows.toLocaleString('en')} recordings`, () => {
  const db = fresh('sweep');
  // Generated in SQL: one row per 10 s from 2020 on, a tenth in conflict, one in a hundred held.
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${sweepRows - 1})
    INSERT INTO recordings (call_key, call_start, zone, duration_seconds, billable_seconds, direction, caller_ref_kind, purposes_json,
      latest_delete_at, retention_conflict, hold_count, imported_at)
    SELECT 'k' || i, strftime('%Y-%m-%dT%H:%M:%SZ', 1577836800 + i * 10, 'unixepoch'), 'UTC', 60, 55, 'inbound', 'none', '["quality"]',
      strftime('%Y-%m-%dT%H:%M:%SZ', 1577836800 + i * 10 + 15552000, 'unixepoch'), CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END,
      CASE WHEN i % 100 = 1 THEN 1 ELSE 0 END, '2026-01-01T00:00:00Z'
    FROM n;
    ANALYZE;
  `);
  bench('sweep at a mid-range instant', () => {
    sweepCounts(db, '2021-06-01T00:00:00Z');
  });
});
