import { describe, expect, it } from 'vitest';
import { periodInputSchema } from '../../core/contract';
import { computeObligations, describePeriod, incidentFactsSchema } from '../../core/incidents/deadlines';
import { holidayCalendarIds, holidayCalendars } from '../../core/incidents/holidays';
import { deadlineRules, requiresDelayReasons, type DeadlineRule } from '../../core/incidents/rules';

/** A breach known on 1 June 2026 affecting people in Germany and the United Kingdom, with a controller in both. */
const facts = incidentFactsSchema.parse({
  zone: 'Europe/Berlin',
  events: { aware: '2026-06-01T10:00:00+02:00' },
  affected: [
    { where: 'DE', count: 800 },
    { where: 'GB', count: 300 },
  ],
  established: ['DE', 'GB'],
});

describe('behaviours declared on the rules, not on rule ids', () => {
  it('asks the reasons for a late filing of the obligations whose rule says so, and of no other', () => {
    const flagged = deadlineRules.filter((rule) => rule.requiresDelayReasons).map((rule) => rule.id);
    expect(flagged).toEqual(['gdpr-33-authority', 'uk-gdpr-33-ico']);
    const obligations = computeObligations(facts);
    expect(obligations.length).toBeGreaterThan(2);
    for (const obligation of obligations) expect(obligation.requiresDelayReasons ?? false, obligation.id).toBe(flagged.includes(obligation.id));
  });

  it('keeps asking them for a rule an incident copied before the flag existed', () => {
    const copied = deadlineRules.map(({ requiresDelayReasons: _flag, ...rule }): DeadlineRule => rule);
    expect(copied.every((rule) => requiresDelayReasons(rule) === (deadlineRules.find((entry) => entry.id === rule.id)!.requiresDelayReasons ?? false))).toBe(true);
    expect(computeObligations(facts, copied).find((obligation) => obligation.id === 'uk-gdpr-33-ico')?.requiresDelayReasons).toBe(true);
    // A rule of the workspace's own that says nothing is not asked for them.
    expect(requiresDelayReasons({ id: 'workspace-own-rule' })).toBe(false);
  });
});

describe('the holiday calendars, listed once', () => {
  it("are what a workspace's business-day period may name, and each has its label", () => {
    expect(holidayCalendarIds).toEqual(Object.keys(holidayCalendars));
    for (const calendar of holidayCalendarIds) {
      expect(periodInputSchema.safeParse({ unit: 'business-days', amount: 3, calendar }).success, calendar).toBe(true);
      expect(describePeriod({ unit: 'business-days', amount: 3, calendar })).toBe(`3 business days (${holidayCalendars[calendar].label})`);
    }
    expect(periodInputSchema.safeParse({ unit: 'business-days', amount: 3, calendar: 'fr-national' }).success).toBe(false);
    const named = deadlineRules.flatMap((rule) => rule.versions.flatMap((version) => [version.period, version.smallAgent?.period].flatMap((period) => (period?.unit === 'business-days' ? [period.calendar] : []))));
    expect(named.length).toBeGreaterThan(0);
    for (const calendar of named) expect(holidayCalendarIds).toContain(calendar);
  });
});
