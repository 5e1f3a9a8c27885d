import { z } from 'zod';
import type { Alert } from '../incidents/alerts';
import { holidayCalendarIds } from '../incidents/holidays';
import { closeIncidentInputSchema, filingInputSchema, reopenIncidentInputSchema, incidentInputSchema, riskDecisionInputSchema, type IncidentDetail, type IncidentSummary } from '../incidents/model';
import type { DeadlineRule, RuleOverride } from '../incidents/rules';
import { byId, noInput, operation } from './operationSpec';

/** A period as a workspace may set it. */
export const periodInputSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('hours'), amount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(8760, 'must be at most 8760 hours (a year)') }).strict(),
  z.object({ unit: z.literal('calendar-days'), amount: z.number().int('must be a whole number').min(0, 'must not be negative').max(366, 'must be at most 366 days') }).strict(),
  z
    .object({ unit: z.literal('business-days'), amount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(60, 'must be at most 60 business days'), calendar: z.enum(holidayCalendarIds) })
    .strict(),
  z.object({ unit: z.literal('months'), amount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(24, 'must be at most 24 months') }).strict(),
  z.object({ unit: z.literal('none'), standard: z.string().trim().min(1, 'describe the standard, e.g. without undue delay').max(200, 'must be at most 200 characters') }).strict(),
]);

export interface DeadlineRuleEntry {
  /** The rule as this workspace applies it. */
  rule: DeadlineRule;
  builtIn: DeadlineRule;
  override: RuleOverride | null;
}

/** An alert as it was shown. */
export interface ShownAlert {
  key: string;
  incidentId: string;
  title: string;
  body: string;
  missed: boolean;
  at: string;
}

/** The breach register: incidents, their filings and decisions, the deadline rules and the alerts. */
export const incidentOperations = {
  listIncidents: operation<IncidentSummary[]>()(
    z.object({ drills: z.enum(['exclude', 'include', 'only']).default('exclude') }).strict(),
    'The breach register (Art. 33(5)), nearest deadline first; drills only when asked for.',
  ),
  getIncident: operation<IncidentDetail>()(byId, 'One incident with its obligations, filings, decisions and timeline.'),
  createIncident: operation<IncidentDetail>()(incidentInputSchema, 'Log a breach (or a drill); the obligations it starts are copied with their rules.'),
  updateIncident: operation<IncidentDetail>()(z.object({ id: z.string().min(1), changes: incidentInputSchema }).strict(), 'Replace the facts of an incident (closing it is its own step).'),
  closeIncident: operation<IncidentDetail>()(
    closeIncidentInputSchema,
    'Close an incident with a closure summary; obligations still running are named and must be acknowledged. Logged as a closure.',
  ),
  reopenIncident: operation<IncidentDetail>()(
    reopenIncidentInputSchema,
    'Reopen a closed incident, saying why: its closure no longer holds (it stays in the timeline and the change log).',
  ),
  recordFiling: operation<IncidentDetail>()(filingInputSchema, 'Record a filing (a phase) of a notification; the first one decides lateness.'),
  markObligationNotApplicable: operation<IncidentDetail>()(
    z.object({ incidentId: z.string().min(1), obligationId: z.string().min(1), rationale: z.string().trim().min(1, 'give the reasons').max(4000) }).strict(),
    'Mark an obligation not applicable, with the decider (you) and a rationale.',
  ),
  recordRiskDecision: operation<IncidentDetail>()(riskDecisionInputSchema, 'Record the decision on notifying, with its rationale; the assessment is advice.'),
  addTimelineNote: operation<IncidentDetail>()(
    z.object({ incidentId: z.string().min(1), kind: z.enum(['note', 'action']), text: z.string().trim().min(1, 'text must not be empty').max(4000) }).strict(),
    'Add an action or a note to the incident timeline (append-only).',
  ),
  listDeadlineRules: operation<DeadlineRuleEntry[]>()(noInput, 'The notification deadline rules, with the workspace\'s overrides.'),
  overrideRule: operation<DeadlineRuleEntry[]>()(
    z.object({ ruleId: z.string().min(1), period: periodInputSchema, reason: z.string().trim().min(1, 'say why the rule is overridden').max(2000, 'must be at most 2000 characters') }).strict(),
    'Give a rule the workspace\'s own period; incidents logged from now on copy it.',
  ),
  clearRuleOverride: operation<DeadlineRuleEntry[]>()(
    z.object({ ruleId: z.string().min(1), reason: z.string().trim().min(1, 'say why the override is removed').max(2000) }).strict(),
    'Go back to the built-in rule.',
  ),
  getAlertSettings: operation<{ thresholdsHours: number[] }>()(noInput, 'When to warn before a deadline, in hours.'),
  setAlertSettings: operation<{ thresholdsHours: number[] }>()(
    z
      .object({
        thresholdsHours: z
          .array(z.number().int('must be a whole number of hours').min(0, 'must not be negative').max(720, 'must be at most 720 hours (30 days)'))
          .min(1, 'keep at least one alert')
          .max(8, 'at most 8 alerts'),
      })
      .strict(),
    'Set when to warn before a deadline (hours; 0 is the deadline itself).',
  ),
  takeDueAlerts: operation<Alert[]>()(noInput, 'The deadline alerts to show now, each recorded so it is never shown twice.'),
  listRecentAlerts: operation<ShownAlert[]>()(noInput, 'The alerts shown most recently, newest first.'),
};
