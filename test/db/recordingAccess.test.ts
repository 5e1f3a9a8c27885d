import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrations';

describe('migration 150: the recording access log', () => {
  it('is append-only, keeps a reason exactly for refusals, and lists a recording through its index', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.prepare(
      `INSERT INTO recordings (call_key, call_start, zone, duration_seconds, billable_seconds, direction, caller_ref_kind, purposes_json, imported_at)
       VALUES ('k', '2026-01-01T00:00:00.000Z', 'UTC', 1, 1, 'inbound', 'none', '[]', '2026-01-01T00:00:00.000Z')`,
    ).run();
    const insert = db.prepare(`INSERT INTO recording_access (recording_id, at, actor, action, outcome, reason) VALUES (?, '2026-01-02T00:00:00.000Z', 'dpo', ?, ?, ?)`);
    insert.run(1, 'playback', 'served', null);
    insert.run(1, 'playback', 'refused', 'missing');
    expect(() => insert.run(1, 'playback', 'refused', null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'playback', 'served', 'why')).toThrow(/CHECK/);
    expect(() => insert.run(1, 'download', 'served', null)).toThrow(/CHECK/);
    expect(() => insert.run(2, 'playback', 'served', null)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`UPDATE recording_access SET actor = 'someone else'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM recording_access WHERE id = 1`).run()).toThrow(/append-only/);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM recording_access WHERE recording_id = ? ORDER BY id DESC`).all(1) as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' | ')).toMatch(/USING INDEX recording_access_by_recording/);
    expect(plan.map((step) => step.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
