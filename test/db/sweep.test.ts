import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { migrate } from '../../db/migrations';
import { sweepCounts } from '../../db/repositories/recordings';

/** The sweep's bucket arithmetic against a plain count of the same rows. */
function naive(db: Database.Database, now: string) {
  const one = (sql: string) => (db.prepare(sql).get(now) as { n: number }).n;
  const base = `FROM recordings WHERE status = 'retained'`;
  const pastDue = one(`SELECT count(*) AS n ${base} AND retention_conflict = 0 AND latest_delete_at <= ?`);
  const held = one(`SELECT count(*) AS n ${base} AND retention_conflict = 0 AND hold_count > 0 AND latest_delete_at <= ?`);
  const conflicts = (db.prepare(`SELECT count(*) AS n ${base} AND retention_conflict = 1`).get() as { n: number }).n;
  const total = (db.prepare(`SELECT count(*) AS n ${base}`).get() as { n: number }).n;
  return { due: pastDue - held, held, conflicts, retained: total - conflicts - pastDue };
}

describe('the sweep counts', () => {
  it('equal a plain count through inserts, holds, conflicts and disposals, at any instant (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ day: fc.integer({ min: 0, max: 20 }), minute: fc.integer({ min: 0, max: 1439 }), conflict: fc.boolean(), noDate: fc.boolean(), held: fc.boolean(), disposed: fc.boolean() }),
          { maxLength: 40 },
        ),
        fc.integer({ min: -1, max: 22 }),
        fc.integer({ min: 0, max: 1439 }),
        (rows, nowDay, nowMinute) => {
          const db = new Database(':memory:');
          migrate(db);
          const at = (day: number, minute: number) => new Date(Date.UTC(2026, 0, 1 + day, 0, minute)).toISOString();
          const insert = db.prepare(
            `INSERT INTO recordings (call_key, call_start, zone, duration_seconds, billable_seconds, direction, caller_ref_kind, purposes_json, latest_delete_at, retention_conflict, imported_at)
             VALUES (?, '2025-01-01T00:00:00.000Z', 'UTC', 1, 1, 'inbound', 'none', '[]', ?, ?, '2026-01-01T00:00:00.000Z')`,
          );
          rows.forEach((row, index) => insert.run(`k${index}`, row.noDate ? null : at(row.day, row.minute), row.conflict ? 1 : 0));
          rows.forEach((row, index) => {
            if (row.held) db.prepare(`UPDATE recordings SET hold_count = hold_count + 1 WHERE call_key = ?`).run(`k${index}`);
            if (row.disposed) db.prepare(`UPDATE recordings SET status = 'disposed' WHERE call_key = ?`).run(`k${index}`);
          });
          const now = at(nowDay, nowMinute);
          const result = JSON.stringify(sweepCounts(db, now)) === JSON.stringify(naive(db, now));
          db.close();
          return result;
        },
      ),
      { numRuns: 150 },
    );
  });
});
