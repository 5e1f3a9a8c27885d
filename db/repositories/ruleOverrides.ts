import type { Period, RuleOverride } from '../../core/incidents/rules';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

export function listRuleOverrides(db: Db): RuleOverride[] {
  return (db.prepare(`SELECT rule_id, period_json, reason, set_by, set_at FROM rule_overrides ORDER BY rule_id`).all() as Array<{ rule_id: string; period_json: string; reason: string; set_by: string; set_at: string }>).map(
    (row) => ({ ruleId: row.rule_id, period: readJson<Period>(row.period_json, 'rule_overrides.period_json'), reason: row.reason, setBy: row.set_by, setAt: row.set_at }),
  );
}

export function upsertRuleOverride(db: Db, override: RuleOverride): void {
  db.prepare(
    `INSERT INTO rule_overrides (rule_id, period_json, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (rule_id) DO UPDATE SET period_json = excluded.period_json, reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at`,
  ).run(override.ruleId, writeJson(override.period), override.reason, override.setBy, override.setAt);
}

export function deleteRuleOverride(db: Db, ruleId: string): boolean {
  return db.prepare(`DELETE FROM rule_overrides WHERE rule_id = ?`).run(ruleId).changes === 1;
}
