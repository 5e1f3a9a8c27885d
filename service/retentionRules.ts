import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import type { RetentionRuleImpact } from '../core/recordings/retention';
import type { RetentionRule, RetentionRuleInput } from '../core/register/model';
import * as rules from '../db/repositories/retentionRules';
import type { Db } from '../db/types';
import { recomputeRetention, retentionDatesUnder } from './recordingRegister';
import { notFound, writeWithLog, type ServiceContext } from './session';

type RetentionRuleHandlers = Pick<
  Handlers,
  'listRetentionRules' | 'createRetentionRule' | 'updateRetentionRule' | 'retireRetentionRule' | 'previewRetentionRule' | 'listRetentionPurposes'
>;

const snapshotOf = ({ activityCount: _activityCount, ...stored }: RetentionRule) => stored;
const exampleCount = 5;

/**
 * What replacing (or, with null, retiring) one rule would do to the kept recordings of the
 * purposes it covers before or after: the same walk the save makes, counted instead of written.
 */
export function retentionRuleImpact(db: Db, id: string | null, changes: RetentionRuleInput | null, now: string): RetentionRuleImpact {
  const current = rules.listRetentionRules(db);
  const before = id === null ? null : (current.find((rule) => rule.id === id) ?? null);
  if (id !== null && !before) throw notFound('retention rule', id);
  const proposed = changes ? { ...(before ?? { id: '(new rule)' }), ...changes, retiredAt: before?.retiredAt ?? null } : { ...before!, retiredAt: now };
  const after = id === null ? [...current, proposed] : current.map((rule) => (rule.id === id ? proposed : rule));
  const purposes = [...(before && !before.retiredAt ? before.purposes : []), ...(changes?.purposes ?? [])];
  const impact: RetentionRuleImpact = {
    considered: 0,
    datesMove: 0,
    earlier: 0,
    later: 0,
    becomeDue: 0,
    becomeDueHeld: 0,
    newConflicts: 0,
    conflictsResolved: 0,
    activities: before?.activityCount ?? 0,
    examples: [],
  };
  const dueAt = (latest: string | null, conflict: boolean) => !conflict && latest !== null && latest <= now;
  for (const { row, outcome, changed } of retentionDatesUnder(db, purposes, after)) {
    impact.considered += 1;
    if (!changed) continue;
    impact.datesMove += 1;
    const latestBefore = row.latest_delete_at;
    const latestAfter = outcome.latestDeletion;
    // No latest deletion means kept without end: a date taken away moves it later, a date given earlier.
    if (latestBefore !== latestAfter) {
      if (latestAfter === null || (latestBefore !== null && latestAfter > latestBefore)) impact.later += 1;
      else impact.earlier += 1;
    }
    const conflictBefore = row.retention_conflict === 1;
    if (outcome.conflict && !conflictBefore) impact.newConflicts += 1;
    if (!outcome.conflict && conflictBefore) impact.conflictsResolved += 1;
    if (dueAt(latestAfter, outcome.conflict) && !dueAt(latestBefore, conflictBefore)) {
      if (row.hold_count > 0) impact.becomeDueHeld += 1;
      else impact.becomeDue += 1;
    }
    impact.examples.push({ id: row.id, callStart: row.call_start, latestBefore, latestAfter, conflictAfter: outcome.conflict });
    if (impact.examples.length > exampleCount * 4) {
      impact.examples.sort((a, b) => a.callStart.localeCompare(b.callStart) || a.id - b.id);
      impact.examples.length = exampleCount;
    }
  }
  impact.examples.sort((a, b) => a.callStart.localeCompare(b.callStart) || a.id - b.id);
  impact.examples.length = Math.min(impact.examples.length, exampleCount);
  return impact;
}

export function retentionRuleHandlers(context: ServiceContext): RetentionRuleHandlers {
  const load = (id: string) => {
    const rule = rules.getRetentionRule(context.db(), id);
    if (!rule) throw notFound('retention rule', id);
    return rule;
  };
  const inForce = (id: string) => {
    const rule = load(id);
    if (rule.retiredAt) throw new WorkbenchError('conflict', `The retention rule "${rule.name}" was retired on ${rule.retiredAt.slice(0, 10)}; add a new rule instead.`, 'id');
    return rule;
  };
  /**
   * Writes a rule (new when `before` is null) with its change-log entry, and in the same transaction
   * gives the kept recordings of the purposes concerned the dates the rules now give.
   */
  const change = (id: string, before: RetentionRule | null, write: () => void, purposes: readonly string[]) => {
    writeWithLog(context, (log) => {
      write();
      log('retention-rule', id, before ? 'update' : 'create', before && snapshotOf(before), snapshotOf(load(id)));
      recomputeRetention(context.db(), purposes);
    });
    return load(id);
  };
  return {
    listRetentionRules: () => rules.listRetentionRules(context.db()),
    listRetentionPurposes: () => rules.listRetentionPurposes(context.db()),
    previewRetentionRule: ({ id, changes }) => {
      if (id !== null) inForce(id);
      return retentionRuleImpact(context.db(), id, changes, context.now());
    },
    createRetentionRule: (input) => {
      const id = context.newId();
      return change(id, null, () => rules.insertRetentionRule(context.db(), id, input, context.now()), input.purposes);
    },
    updateRetentionRule: ({ id, changes }) => {
      const before = inForce(id);
      return change(id, before, () => rules.updateRetentionRule(context.db(), id, changes, context.now()), [...before.purposes, ...changes.purposes]);
    },
    retireRetentionRule: ({ id, reason }) => {
      const before = inForce(id);
      return change(id, before, () => rules.retireRetentionRule(context.db(), id, reason, context.now()), before.purposes);
    },
  };
}
