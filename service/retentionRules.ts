import type { Handlers } from '../core/contract';
import type { RetentionRule } from '../core/register/model';
import * as rules from '../db/repositories/retentionRules';
import { recomputeRetention } from './recordingRegister';
import { notFound, writeWithLog, type ServiceContext } from './session';

type RetentionRuleHandlers = Pick<Handlers, 'listRetentionRules' | 'createRetentionRule' | 'updateRetentionRule'>;

const snapshotOf = ({ activityCount: _activityCount, ...stored }: RetentionRule) => stored;

export function retentionRuleHandlers(context: ServiceContext): RetentionRuleHandlers {
  const load = (id: string) => {
    const rule = rules.getRetentionRule(context.db(), id);
    if (!rule) throw notFound('retention rule', id);
    return rule;
  };
  return {
    listRetentionRules: () => rules.listRetentionRules(context.db()),
    createRetentionRule: (input) => {
      const id = context.newId();
      writeWithLog(context, (log) => {
        rules.insertRetentionRule(context.db(), id, input, context.now());
        log('retention-rule', id, 'create', null, snapshotOf(load(id)));
        // Call recordings of the rule's purpose take their dates from today's rules.
        recomputeRetention(context.db(), [input.purpose ?? '']);
      });
      return load(id);
    },
    updateRetentionRule: ({ id, changes }) => {
      const before = load(id);
      writeWithLog(context, (log) => {
        rules.updateRetentionRule(context.db(), id, changes, context.now());
        log('retention-rule', id, 'update', snapshotOf(before), snapshotOf(load(id)));
        recomputeRetention(context.db(), [before.purpose ?? '', changes.purpose ?? '']);
      });
      return load(id);
    },
  };
}
