import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachePreparedStatements } from '../../db/statementCache';

function fresh() {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c')`);
  let compiled = 0;
  const original = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    compiled += 1;
    return original(source);
  }) as typeof db.prepare;
  return { db: cachePreparedStatements(db, 3), compiled: () => compiled };
}

describe('the prepared-statement cache', () => {
  it('compiles a statement once however often it is asked for', () => {
    const { db, compiled } = fresh();
    for (let round = 0; round < 50; round += 1) expect(db.prepare('SELECT name FROM t WHERE id = ?').get(2)).toEqual({ name: 'b' });
    expect(compiled()).toBe(1);
    expect(db.prepare('SELECT name FROM t WHERE id = ?')).toBe(db.prepare('SELECT name FROM t WHERE id = ?'));
  });

  it('prepares a second statement beside one still iterating, and both read correctly', () => {
    const { db } = fresh();
    const sql = 'SELECT id, name FROM t ORDER BY id';
    const seen: string[] = [];
    for (const outer of db.prepare(sql).iterate() as Iterable<{ id: number; name: string }>) {
      seen.push(`${outer.name}:${(db.prepare(sql).all() as unknown[]).length}`);
    }
    expect(seen).toEqual(['a:3', 'b:3', 'c:3']);
  });

  it('answers a raw, plucked or bound statement as a fresh one, leaving the shared one in its default mode', () => {
    const { db } = fresh();
    const sql = 'SELECT id, name FROM t WHERE id = ?';
    const shared = db.prepare(sql);
    expect(db.prepare(sql).raw().get(1)).toEqual([1, 'a']);
    expect(db.prepare(sql).pluck().get(1)).toBe(1);
    expect(db.prepare(sql).bind(3).get()).toEqual({ id: 3, name: 'c' });
    // The statement a caller kept in a variable still answers rows as objects, with any parameter.
    expect(shared.get(2)).toEqual({ id: 2, name: 'b' });
    expect(db.prepare(sql).get(1)).toEqual({ id: 1, name: 'a' });
  });

  it('keeps only the most recently used statements', () => {
    const { db, compiled } = fresh();
    const sqls = [1, 2, 3, 4].map((n) => `SELECT ${n} AS n`);
    for (const sql of sqls) db.prepare(sql).get();
    expect(compiled()).toBe(4);
    db.prepare(sqls[3]!).get();
    expect(compiled()).toBe(4);
    // The first fell out (capacity 3): asked again, it is compiled again.
    db.prepare(sqls[0]!).get();
    expect(compiled()).toBe(5);
  });
});
