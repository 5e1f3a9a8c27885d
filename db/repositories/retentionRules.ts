import type { RetentionRule, RetentionRuleInput } from '../../core/register/model';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

interface RetentionRuleRow {
  id: string;
  name: string;
  purposes_json: string;
  minimum: string | null;
  maximum: string | null;
  counted_from: RetentionRuleInput['countedFrom'];
  legal_source: string | null;
  note: string | null;
  extendable_to: string | null;
  retired_at: string | null;
  retired_reason: string | null;
  created_at: string;
  updated_at: string;
  activity_count: number;
}

const selectRules = `SELECT r.*, (SELECT count(*) FROM activities a WHERE a.retention_rule_id = r.id) AS activity_count FROM retention_rules r`;

function toRule(row: RetentionRuleRow): RetentionRule {
  return {
    id: row.id,
    name: row.name,
    purposes: readJson<string[]>(row.purposes_json, 'retention_rules.purposes_json'),
    minimum: row.minimum,
    maximum: row.maximum,
    countedFrom: row.counted_from,
    legalSource: row.legal_source,
    note: row.note,
    extendableTo: row.extendable_to,
    activityCount: row.activity_count,
    retiredAt: row.retired_at,
    retiredReason: row.retired_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const columnsOf = (input: RetentionRuleInput) => ({
  name: input.name,
  purposes_json: writeJson(input.purposes),
  minimum: input.minimum,
  maximum: input.maximum,
  counted_from: input.countedFrom,
  legal_source: input.legalSource,
  note: input.note,
  extendable_to: input.extendableTo,
});

export function insertRetentionRule(db: Db, id: string, input: RetentionRuleInput, now: string): void {
  db.prepare(
    `INSERT INTO retention_rules (id, name, purposes_json, minimum, maximum, counted_from, legal_source, note, extendable_to, created_at, updated_at)
     VALUES (@id, @name, @purposes_json, @minimum, @maximum, @counted_from, @legal_source, @note, @extendable_to, @now, @now)`,
  ).run({ id, now, ...columnsOf(input) });
}

export function updateRetentionRule(db: Db, id: string, input: RetentionRuleInput, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE retention_rules SET name = @name, purposes_json = @purposes_json, minimum = @minimum, maximum = @maximum,
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

/** Retires a rule: from `now` it sets no date. False when there is no such rule, or it is retired already. */
export function retireRetentionRule(db: Db, id: string, reason: string, now: string): boolean {
  return db.prepare(`UPDATE retention_rules SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ? AND retired_at IS NULL`).run(now, reason, now, id).changes === 1;
}

/** Every purpose a rule or a recording names, lower-cased (as the rules compare them) and sorted: the choices a rule can cover. */
export function listRetentionPurposes(db: Db): string[] {
  const lists = db
    .prepare(`SELECT purposes_json FROM retention_rules UNION SELECT DISTINCT purposes_json FROM recordings`)
    .pluck()
    .all() as string[];
  return [...new Set(lists.flatMap((list) => (JSON.parse(list) as string[]).map((purpose) => purpose.toLowerCase())))].sort();
}
