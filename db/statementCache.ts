import type { Statement } from 'better-sqlite3';
import type { Db } from './types';

/** What changes how a statement answers (or binds it for good): never done to a statement others share. */
const modes = ['raw', 'pluck', 'expand', 'safeIntegers', 'bind'] as const;

/**
 * Keeps the statements a connection prepares, by their SQL (issue 18, point 3): the repositories
 * write plain `db.prepare(sql)` at each call, and SQLite compiles each statement once instead of at
 * every call. A kept statement is shared only in its default mode:
 * - asked while it is busy (in the middle of an iteration), a fresh one is prepared beside it;
 * - asking a kept statement for another mode (`.raw()`, `.pluck()`, `.expand()`, `.safeIntegers()`,
 *   `.bind()`) answers a fresh statement in that mode and leaves the kept one as it was, so such
 *   calls are chained on `prepare(…)`, as every repository writes them;
 * - the least recently used go past `capacity`.
 */
export function cachePreparedStatements(db: Db, capacity = 256): Db {
  const prepare = db.prepare.bind(db) as (source: string) => Statement;
  const kept = new Map<string, Statement>();
  const keep = (source: string, statement: Statement) => {
    for (const mode of modes) {
      const own = statement[mode] as (...args: unknown[]) => Statement;
      (statement as unknown as Record<string, unknown>)[mode] = (...args: unknown[]) => own.apply(prepare(source), args);
    }
    kept.set(source, statement);
    if (kept.size > capacity) kept.delete(kept.keys().next().value!);
    return statement;
  };
  const cachedPrepare = (source: string): Statement => {
    const statement = kept.get(source);
    if (!statement) return keep(source, prepare(source));
    if (statement.busy) return prepare(source);
    kept.delete(source);
    kept.set(source, statement);
    return statement;
  };
  db.prepare = cachedPrepare as Db['prepare'];
  return db;
}
