import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { migrate } from '../../db/migrations';
import { sweepCounts } from '../../db/repositories/recordings';
import { listRetentionRules } from '../../db/repositories/retentionRules';
import { applyTicketChange } from '../../service/recordingFiles';

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
  it('equal a plain count after tickets are opened, closed and reopened (retention recomputed, property)', () => {
    const purposes = ['quality', 'dispute', 'complaint'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 30 }), purpose: fc.constantFrom(...purposes), ticket: fc.integer({ min: 0, max: 3 }), held: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.record({ ticket: fc.integer({ min: 0, max: 3 }), state: fc.constantFrom('open', 'pending', 'closed'), day: fc.integer({ min: 31, max: 400 }) }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 800 }),
        (rows, changes, nowDay) => {
          const db = new Database(':memory:');
          migrate(db);
          // A rule counted from the ticket's closure with a maximum, so closing a ticket moves the latest deletion.
          db.prepare(
            `INSERT INTO retention_rules (id, name, purposes_json, minimum, maximum, counted_from, created_at, updated_at)
             VALUES ('complaint', 'Complaint follow-up', '["complaint"]', NULL, 'P1Y', 'ticket-closure', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
          ).run();
          const at = (day: number) => new Date(Date.UTC(2025, 0, 1 + day, 9)).toISOString();
          const insert = db.prepare(
            `INSERT INTO recordings (call_key, call_start, zone, duration_seconds, billable_seconds, direction, caller_ref_kind, ticket_id, purposes_json, imported_at, hold_count)
             VALUES (?, ?, 'UTC', 1, 1, 'inbound', 'none', ?, ?, '2025-01-01T00:00:00.000Z', ?)`,
          );
          rows.forEach((row, index) => insert.run(`k${index}`, at(row.day), `T${row.ticket}`, JSON.stringify([row.purpose]), row.held ? 1 : 0));
          const rules = listRetentionRules(db);
          const noLog = () => {};
          for (let ticket = 0; ticket < 4; ticket += 1) applyTicketChange(db, rules, { ticketId: `T${ticket}`, state: 'open', closedAt: null }, at(1000), noLog);
          for (const change of changes) {
            applyTicketChange(db, rules, { ticketId: `T${change.ticket}`, state: change.state, closedAt: change.state === 'closed' ? at(change.day) : null }, at(1000), noLog);
          }
          const now = at(nowDay);
          const result = JSON.stringify(sweepCounts(db, now)) === JSON.stringify(naive(db, now));
          db.close();
          return result;
        },
      ),
      { numRuns: 100 },
    );
  });
});
