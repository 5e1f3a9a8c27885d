import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { deadlineRules } from '../core/incidents/rules';
import { deleteRuleOverride, listRuleOverrides, upsertRuleOverride } from '../db/repositories/ruleOverrides';
import { effectiveRules } from './incidents';
import { writeWithLog, type ServiceContext } from './session';

type RuleHandlers = Pick<Handlers, 'listDeadlineRules' | 'overrideRule' | 'clearRuleOverride'>;

/** The deadline rules with the workspace's overrides. Incidents already logged keep the rules they copied. */
export function ruleHandlers(context: ServiceContext): RuleHandlers {
  const list = () => {
    const db = context.db();
    const overrides = new Map(listRuleOverrides(db).map((override) => [override.ruleId, override]));
    return effectiveRules(db).map((rule) => ({ rule, builtIn: deadlineRules.find((entry) => entry.id === rule.id)!, override: overrides.get(rule.id) ?? null }));
  };
  const requireRule = (ruleId: string) => {
    if (!deadlineRules.some((rule) => rule.id === ruleId)) throw new WorkbenchError('not-found', `There is no deadline rule "${ruleId}".`, 'ruleId');
  };
  return {
    listDeadlineRules: () => list(),
    overrideRule: ({ ruleId, period, reason }) => {
      requireRule(ruleId);
      const before = listRuleOverrides(context.db()).find((override) => override.ruleId === ruleId) ?? null;
      const override = { ruleId, period, reason, setBy: context.actor, setAt: context.now() };
      writeWithLog(context, (log) => {
        upsertRuleOverride(context.db(), override);
        log('rule-override', ruleId, before ? 'update' : 'create', before, override);
      });
      return list();
    },
    clearRuleOverride: ({ ruleId, reason }) => {
      requireRule(ruleId);
      const before = listRuleOverrides(context.db()).find((override) => override.ruleId === ruleId);
      if (!before) throw new WorkbenchError('not-found', `The rule "${ruleId}" has no override.`, 'ruleId');
      writeWithLog(context, (log) => {
        deleteRuleOverride(context.db(), ruleId);
        log('rule-override', ruleId, 'delete', before, { reason });
      });
      return list();
    },
  };
}
