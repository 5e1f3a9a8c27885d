import type { Db } from '../types';

/** Migration 50: Art. 30(2)(a) asks for each controller's contact details, not just its name. */
export function up(db: Db): void {
  db.exec(`ALTER TABLE processor_records ADD COLUMN controller_contact TEXT;`);
}
