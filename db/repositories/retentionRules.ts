import type { RetentionRule, RetentionRuleInput } from '../../core/register/model';
import type { Db } from '../types';

interface RetentionRuleRow {
  id: string;
  name: string;
  purpose: string | null;
  minimum: string | null;
  maximum: string | null;
  counted_from: RetentionRuleInput['countedFrom'];
  legal_source: string | null;
  note: string | null;
  extendable_to: string | null;
  created_at: string;
  updated_at: string;
  activity_count: number;
}

const selectRules = `SELECT r.*, (SELECT count(*) FROM activities a WHERE a.retention_rule_id = r.id) AS activity_count FROM retention_rules r`;

function toRule(row: RetentionRuleRow): RetentionRule {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    minimum: row.minimum,
    maximum: row.maximum,
    countedFrom: row.counted_from,
    legalSource: row.legal_source,
    note: row.note,
    extendableTo: row.extendable_to,
    activityCount: row.activity_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const columnsOf = (input: RetentionRuleInput) => ({
  name: input.name,
  purpose: input.purpose,
  minimum: input.minimum,
  maximum: input.maximum,
  counted_from: input.countedFrom,
  legal_source: input.legalSource,
  note: input.note,
  extendable_to: input.extendableTo,
});

export function insertRetentionRule(db: Db, id: string, input: RetentionRuleInput, now: string): void {
  db.prepare(
    `INSERT INTO retention_rules (id, name, purpose, minimum, maximum, counted_from, legal_source, note, extendable_to, created_at, updated_at)
     VALUES (@id, @name, @purpose, @minimum, @maximum, @counted_from, @legal_source, @note, @extendable_to, @now, @now)`,
  ).run({ id, now, ...columnsOf(input) });
}

export function updateRetentionRule(db: Db, id: string, input: RetentionRuleInput, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE retention_rules SET name = @name, purpose = @purpose, minimum = @minimum, maximum = @maximum,
           counted_from = @counted_from, legal_source = @legal_source, note = @note, extendable_to = @extendable_to, updated_at = @now WHERE id = @id`,
      )
      .run({ id, now, ...columnsOf(input) }).changes === 1
  );
}

export function getRetentionRule(db: Db, id: string): RetentionRule | null {
  const row = db.prepare(`${selectRules} WHERE r.id = ?`).get(id) as RetentionRuleRow | undefined;
  return row ? toRule(row) : null;
}

export function listRetentionRules(db: Db): RetentionRule[] {
  return (db.prepare(`${selectRules} ORDER BY r.name COLLATE NOCASE`).all() as RetentionRuleRow[]).map(toRule);
}
