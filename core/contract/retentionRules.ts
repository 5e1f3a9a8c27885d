import { z } from 'zod';
import type { RetentionRule } from '../register/model';
import { retentionRuleInputSchema } from '../register/model';
import type { RetentionRuleImpact } from '../recordings/retention';
import { noInput, operation } from './operationSpec';

/** Retention rules: the periods that set each recording's earliest and latest deletion. */
export const retentionRuleOperations = {
  listRetentionRules: operation<RetentionRule[]>()(noInput, 'Retention rules, with how many activities use each.'),
  createRetentionRule: operation<RetentionRule>()(retentionRuleInputSchema, 'Add a retention rule (a minimum and/or a maximum period).'),
  updateRetentionRule: operation<RetentionRule>()(
    z.object({ id: z.string().min(1), changes: retentionRuleInputSchema }).strict(),
    'Replace the fields of a retention rule; the kept recordings of its purposes take the dates the rules now give.',
  ),
  retireRetentionRule: operation<RetentionRule>()(
    z.object({ id: z.string().min(1), reason: z.string().trim().min(3, 'say why the rule no longer applies').max(1000, 'must be at most 1000 characters') }).strict(),
    'Retire a retention rule: it sets no date from now on; the kept recordings of its purposes take the dates the other rules give.',
  ),
  previewRetentionRule: operation<RetentionRuleImpact>()(
    z
      .object({
        /** The rule changed or retired; null for a new one. */
        id: z.string().min(1).nullable(),
        /** The rule as it would be saved; null: retired. */
        changes: retentionRuleInputSchema.nullable(),
      })
      .strict()
      .refine((input) => input.id !== null || input.changes !== null, { message: 'name the rule to retire', path: ['id'] }),
    'What saving or retiring a retention rule would do to the kept recordings (how many dates move, which become due), without changing anything.',
  ),
  listRetentionPurposes: operation<string[]>()(noInput, 'Every call purpose a retention rule or a recording names: the choices a rule can cover.'),
};
