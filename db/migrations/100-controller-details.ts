import type { Db } from '../types';

/**
 * Migration 100: Art. 30(1)(a) names the controller's representative (Art. 27) beside its contact
 * details and DPO; a processor's transfer safeguard gets its date (SCCs are dated).
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE organisations ADD COLUMN representative TEXT;
    ALTER TABLE processors ADD COLUMN transfer_mechanism_date TEXT;
  `);
}
