import type { Db } from '../types';

/**
 * Migration 240: how an incident was closed, kept with it: the closure summary, when and by whom,
 * and the obligations still open that the closer acknowledged (JSON; NULL while it is not closed
 * through the closing step, as for incidents closed before it existed).
 */
export function up(db: Db): void {
  db.exec(`ALTER TABLE incidents ADD COLUMN closure_json TEXT CHECK (closure_json IS NULL OR json_valid(closure_json));`);
}
