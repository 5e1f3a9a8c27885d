import type { Db } from '../types';

/** Migration 40: sub-processors. A vendor may be another vendor's sub-processor (GDPR Art. 28(2) and (4)). */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE processor_sub_processors (
      processor_id TEXT NOT NULL REFERENCES processors(id) ON DELETE CASCADE,
      sub_processor_id TEXT NOT NULL REFERENCES processors(id) ON DELETE RESTRICT,
      service TEXT,
      PRIMARY KEY (processor_id, sub_processor_id),
      CHECK (processor_id <> sub_processor_id)
    ) STRICT;
    CREATE INDEX processor_sub_processors_by_sub ON processor_sub_processors (sub_processor_id);
  `);
}
