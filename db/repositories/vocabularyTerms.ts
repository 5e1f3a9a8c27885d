import type { CustomTerm } from '../../core/register/vocabularies';
import type { Db } from '../types';

export function listCustomTerms(db: Db): CustomTerm[] {
  return db
    .prepare(
      `SELECT kind, code, label, citation, special, recipient_kind AS recipientKind FROM vocabulary_terms
       ORDER BY kind, label COLLATE NOCASE`,
    )
    .all() as CustomTerm[];
}

export function insertCustomTerm(db: Db, term: CustomTerm, now: string): void {
  db.prepare(
    `INSERT INTO vocabulary_terms (kind, code, label, citation, special, recipient_kind, created_at)
     VALUES (@kind, @code, @label, @citation, @special, @recipientKind, @now)`,
  ).run({ ...term, now });
}
