import type { Db } from '../types';

/**
 * Migration 200: whether the controller is a small processing agent under Brazil's Resolução
 * CD/ANPD nº 2/2022, whose deadlines the ANPD doubles. Existing incidents start as not: their
 * obligations are as before.
 */
export function up(db: Db): void {
  db.exec(`ALTER TABLE incidents ADD COLUMN small_agent INTEGER NOT NULL DEFAULT 0 CHECK (small_agent IN (0, 1))`);
}
