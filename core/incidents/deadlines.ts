import { z } from 'zod';
import { eeaCountries } from '../register/vocabularies';
import {
  addBusinessDays,
  addCalendarDays,
  addCalendarMonths,
  addHours,
  endOfLocalDay,
  instantOfWallClock,
  formatInZone,
  isKnownZone,
  isoDateOf,
  localDateOf,
  weekdayOf,
} from './calendar';
import { holidayCalendars, holidayTest } from './holidays';
import { assessRisk, riskFactsSchema, type Recommendation, type RiskAssessment } from './risk';
import { anchorEvents, deadlineRules, requiresDelayReasons, sectors, versionOn, type Anchor, type AnchorEvent, type DeadlineRule, type Period, type RuleVersion, type Threshold } from './rules';

/** An instant written with its offset ("2026-03-27T09:30:00+01:00" or "…Z"). */
export const instantSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO 8601 instant with its offset, e.g. 2026-03-27T09:30:00+01:00')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date and time');

/** ISO 3166-1 country ("DE") or ISO 3166-2 subdivision ("US-TX"). */
const whereSchema = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code such as DE or US-TX');

export const incidentFactsSchema = z
  .object({
    zone: z.string().refine(isKnownZone, 'must be an IANA time zone such as Europe/Berlin').default('UTC'),
    events: z.partialRecord(z.enum(anchorEvents), instantSchema).default({}),
    affected: z.array(z.object({ where: whereSchema, count: z.number().int('must be a whole number').min(0, 'must not be negative') }).strict()).default([]),
    sectors: z.array(z.enum(sectors)).default([]),
    /** Where the controller is established (country codes); empty: not recorded. */
    established: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
    /** Where the processor involved is established (country codes); empty: none involved or not recorded. */
    processorEstablished: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
    /** A small processing agent (Brazil, Res. CD/ANPD 2/2022): doubled periods where a rule says so. */
    smallAgent: z.boolean().default(false),
    filings: z.array(z.object({ obligation: z.string().min(1), filedAt: instantSchema }).strict()).default([]),
    assessment: riskFactsSchema.optional(),
  })
  .strict();
export type IncidentFacts = z.infer<typeof incidentFactsSchema>;

export type ObligationKind = 'deadline' | 'no-fixed-deadline' | 'waiting-for-anchor';

export interface Obligation {
  id: string;
  regime: string;
  recipient: string;
  citation: string;
  source: string;
  kind: ObligationKind;
  /** The event that starts the clock ("aware", …) or "filing:<obligation id>". */
  anchor: string;
  anchorAt: string | null;
  /** UTC ISO instant; null without a fixed deadline or while waiting for the anchor. */
  dueAt: string | null;
  /** The same instant with the incident zone's offset. */
  dueLocal: string | null;
  /** "72 hours", "30 calendar days", "without undue delay", … */
  period: string;
  verify: boolean;
  note: string | null;
  /** The rule as it was applied, copied into an incident's obligation. */
  rule: { id: string; effectiveFrom: string | null; effectiveTo: string | null; period: Period; lastVerified: string };
  /**
   * What the obligation still waits for before it is known to apply: `pending-risk-assessment` for a
   * duty that depends on the risk (Art. 34: high risk) while no assessment or decision is recorded.
   * Listed, never silently left out; it goes only when the facts rule it out.
   */
  condition: 'pending-risk-assessment' | null;
  /**
   * Where an interpretation statute moves a deadline that falls on a weekend or holiday to the next
   * business day: that later end, with its citation. Only when it differs; the strict `dueAt` stays
   * the deadline the clocks and alerts count to.
   */
  legalDueAt?: string;
  legalDueLocal?: string;
  legalDueCitation?: string;
  /** Set when a first filing after the deadline must give the reasons for the delay (the rule's `requiresDelayReasons`). */
  requiresDelayReasons?: true;
}

/** The end of the next business day when a deadline's local day is a weekend day or a holiday; null when it is not. */
function rolledOver(due: Date, zone: string, rollOver: NonNullable<RuleVersion['rollOver']>): Date | null {
  const isHoliday = rollOver.holidays ? holidayTest(rollOver.holidays) : () => false;
  let day = localDateOf(due, zone);
  let moved = false;
  while (weekdayOf(day) === 0 || weekdayOf(day) === 6 || isHoliday(isoDateOf(day))) {
    day = addCalendarDays(day, 1);
    moved = true;
  }
  if (!moved) return null;
  if (!rollOver.at) return endOfLocalDay(day, zone);
  const [hour, minute] = rollOver.at.split(':').map(Number) as [number, number];
  return new Date(instantOfWallClock(Date.UTC(day.year, day.month - 1, day.day, hour, minute), zone));
}

export function describePeriod(period: Period): string {
  switch (period.unit) {
    case 'hours':
      return `${period.amount} hours`;
    case 'calendar-days':
      return `${period.amount} calendar days`;
    case 'business-days':
      return `${period.amount} business days (${holidayCalendars[period.calendar].label})${period.cutoff ? `, by ${period.cutoff}` : ''}`;
    case 'months':
      return `${period.amount} month${period.amount === 1 ? '' : 's'}`;
    case 'days-after-year-end':
      return `${period.amount} days after the end of the calendar year`;
    case 'none':
      return period.standard;
  }
}

/** The deadline a period gives from an anchor instant, in a zone. */
export function deadlineOf(anchorAt: Date, period: Exclude<Period, { unit: 'none' }>, zone: string): Date {
  switch (period.unit) {
    case 'hours':
      return addHours(anchorAt, period.amount);
    case 'calendar-days':
      return endOfLocalDay(addCalendarDays(localDateOf(anchorAt, zone), period.amount), zone);
    case 'business-days': {
      const last = addBusinessDays(localDateOf(anchorAt, zone), period.amount, holidayTest(period.calendar));
      if (!period.cutoff) return endOfLocalDay(last, zone);
      const [hour, minute] = period.cutoff.split(':').map(Number) as [number, number];
      return new Date(instantOfWallClock(Date.UTC(last.year, last.month - 1, last.day, hour, minute), zone));
    }
    case 'months':
      return endOfLocalDay(addCalendarMonths(localDateOf(anchorAt, zone), period.amount), zone);
    case 'days-after-year-end': {
      const { year } = localDateOf(anchorAt, zone);
      return endOfLocalDay(addCalendarDays({ year, month: 12, day: 31 }, period.amount), zone);
    }
  }
}

/** People affected who match a code: "EEA", "US" (any state), a country, or one subdivision. */
function matches(where: string, code: string): boolean {
  if (code === 'EEA') return eeaCountries.has(where.slice(0, 2));
  if (code.includes('-')) return where === code;
  return where.slice(0, 2) === code;
}

function thresholdHolds(threshold: Threshold, affected: IncidentFacts['affected']): boolean {
  const matching = affected.filter((entry) => matches(entry.where, threshold.where));
  if (!matching.length) return false;
  if (!threshold.count) return matching.some((entry) => entry.count > 0);
  const above = (count: number) => (threshold.count!.inclusive ? count >= threshold.count!.min : count > threshold.count!.min);
  if (threshold.count.per === 'total') return above(matching.reduce((sum, entry) => sum + entry.count, 0));
  const bySubdivision = new Map<string, number>();
  for (const entry of matching) bySubdivision.set(entry.where, (bySubdivision.get(entry.where) ?? 0) + entry.count);
  return [...bySubdivision.values()].some(above);
}

/**
 * Whether a rule applies to the facts: true, false, or `pending-risk-assessment` when only the risk
 * decides and none is known yet (a high-risk duty before any assessment: it may apply).
 */
export function applies(rule: DeadlineRule, facts: IncidentFacts, risk: Pick<RiskAssessment, 'recommendation'> | null): boolean | 'pending-risk-assessment' {
  if (rule.sector && !facts.sectors.includes(rule.sector)) return false;
  // A processor's own duty: where the processor involved is established, whoever the people are.
  if (rule.processorEstablishedIn !== undefined) return facts.processorEstablished.some((code) => matches(code, rule.processorEstablishedIn!));
  // By where the people affected live, or by where the controller is established (GDPR Art. 3(1)).
  const byEstablishment = rule.establishedIn !== undefined && facts.established.some((code) => matches(code, rule.establishedIn!));
  if (rule.affected && !byEstablishment && !rule.affected.some((threshold) => thresholdHolds(threshold, facts.affected))) return false;
  switch (rule.risk) {
    case 'not-unlikely':
      return risk?.recommendation !== 'document-only';
    case 'high':
      if (risk === null) return 'pending-risk-assessment';
      return risk.recommendation === 'notify-authority-and-subjects';
    default:
      return true;
  }
}

const anchorName = (anchor: Anchor) => ('event' in anchor ? anchor.event : `filing:${anchor.filingOf}`);

function anchorInstant(anchor: Anchor, facts: IncidentFacts): Date | null {
  if ('event' in anchor) {
    const value = facts.events[anchor.event as AnchorEvent];
    return value ? new Date(value) : null;
  }
  const filed = facts.filings.filter((filing) => filing.obligation === anchor.filingOf).map((filing) => Date.parse(filing.filedAt));
  if (!filed.length) return null;
  return new Date(anchor.which === 'latest' ? Math.max(...filed) : Math.min(...filed));
}

/**
 * Every obligation the facts start, in rule order, leaving out rules whose conditions are not met.
 * Pure: the same facts always give the same deadlines.
 */
export function computeObligations(
  input: IncidentFacts,
  rules: readonly DeadlineRule[] = deadlineRules,
  /** The responder's recorded decision, which takes the place of the scored recommendation. */
  decided?: Recommendation,
): Obligation[] {
  const facts = incidentFactsSchema.parse(input);
  const scored = facts.assessment ? assessRisk(facts.assessment) : null;
  const risk = decided ? { recommendation: decided } : scored;
  const obligations: Obligation[] = [];
  for (const rule of rules) {
    const applicable = applies(rule, facts, risk);
    if (!applicable) continue;
    const anchorAt = anchorInstant(rule.anchor, facts);
    // The version in force on the anchor's day where the law is in force (its own zone: Brussels
    // for EU law, the state's for a state law), whatever zone the incident is logged in; none: the
    // law did not apply to this breach yet. Before the clock starts, the newest version says what is coming.
    const inForce = anchorAt ? versionOn(rule, isoDateOf(localDateOf(anchorAt, rule.lawZone ?? rule.zone ?? facts.zone))) : rule.versions[rule.versions.length - 1]!;
    if (!inForce) continue;
    const version: RuleVersion = inForce;
    let period = version.period;
    // The smaller-breach period only when the counts are recorded and show fewer people: without them, the stricter one.
    const total = facts.affected.reduce((sum, entry) => sum + entry.count, 0);
    if (version.below && facts.affected.length && total < version.below.count) period = version.below.period;
    // A small processing agent's doubled period, where the rule has one.
    const small = facts.smallAgent && version.smallAgent ? version.smallAgent : null;
    if (small) period = small.period;
    const zone = rule.zone ?? facts.zone;
    // A controller established outside the area (and recorded as such) has no lead authority: it
    // deals with the authority of every country where people affected live (EDPB Guidelines 8/2022).
    const outside = rule.establishedIn !== undefined && rule.withoutEstablishment !== undefined && facts.established.length > 0 && !facts.established.some((code) => matches(code, rule.establishedIn!));
    const countries = [...new Set(facts.affected.filter((entry) => matches(entry.where, rule.establishedIn ?? '')).map((entry) => entry.where.slice(0, 2)))].sort();
    const base = {
      id: rule.id,
      regime: rule.regime,
      recipient: outside ? `${rule.withoutEstablishment!}${countries.length ? ` (${countries.join(', ')})` : ''}` : rule.recipient,
      citation: rule.citation,
      source: rule.source,
      anchor: anchorName(rule.anchor),
      anchorAt: anchorAt?.toISOString() ?? null,
      period: describePeriod(period),
      verify: version.verify || small !== null,
      note: small ? `${small.note}${version.note ? ` ${version.note}` : ''}` : (version.note ?? null),
      rule: { id: rule.id, effectiveFrom: version.effectiveFrom, effectiveTo: version.effectiveTo, period, lastVerified: rule.lastVerified },
      condition: null,
      ...(requiresDelayReasons(rule) ? { requiresDelayReasons: true as const } : {}),
    };
    if (applicable === 'pending-risk-assessment') {
      obligations.push({
        ...base,
        kind: 'no-fixed-deadline',
        dueAt: null,
        dueLocal: null,
        condition: 'pending-risk-assessment',
        note: `Applies if the breach is likely to result in a high risk to people: record the risk assessment or a decision.${version.note ? ` ${version.note}` : ''}`,
      });
      continue;
    }
    if (period.unit === 'none') {
      obligations.push({ ...base, kind: 'no-fixed-deadline', dueAt: null, dueLocal: null });
      continue;
    }
    if (!anchorAt) {
      obligations.push({ ...base, kind: 'waiting-for-anchor', dueAt: null, dueLocal: null });
      continue;
    }
    let due = deadlineOf(anchorAt, period, zone);
    if (version.noLaterThan && version.noLaterThan.period.unit !== 'none') {
      const otherAnchor = anchorInstant(version.noLaterThan.anchor, facts);
      if (otherAnchor) {
        const other = deadlineOf(otherAnchor, version.noLaterThan.period, zone);
        // A limit that had already passed when the clock started does not bind (DORA: late classification).
        if (other < due && other >= anchorAt) due = other;
      }
    }
    const rolls = version.rollOver && (period.unit === 'calendar-days' || period.unit === 'months' || (period.unit === 'hours' && version.rollOver.at !== undefined));
    const legal = rolls ? rolledOver(due, zone, version.rollOver!) : null;
    obligations.push({
      ...base,
      kind: 'deadline',
      dueAt: due.toISOString(),
      dueLocal: formatInZone(due, facts.zone),
      ...(legal ? { legalDueAt: legal.toISOString(), legalDueLocal: formatInZone(legal, facts.zone), legalDueCitation: version.rollOver!.citation } : {}),
    });
  }
  // NIS2 Art. 23(4)(d) or (e): whether the incident is still handled at the final report's deadline
  // decides between a final report then, or a progress report then and a final report a month after
  // the end of handling. Still handled: no end of handling recorded, or one later than that deadline.
  // The legal outer date where there is one: a final report filed by then is on time.
  const dueOf = new Map(obligations.map((obligation) => [obligation.id, obligation.legalDueAt ?? obligation.dueAt]));
  const handlingEnded = facts.events.handlingEnded ? Date.parse(facts.events.handlingEnded) : null;
  const byRule = new Map(rules.map((rule) => [rule.id, rule]));
  const handled = obligations.filter((obligation) => {
    const condition = byRule.get(obligation.id)?.whileHandling;
    if (!condition) return true;
    // An incident that copied its final-report rule before Art. 23(4)(e) was modelled keeps that rule alone.
    if (!byRule.get(condition.at)?.whileHandling) return condition.applies === 'if-ended';
    const reference = dueOf.get(condition.at);
    if (!reference) return condition.applies === 'if-ended';
    const ongoing = handlingEnded === null || handlingEnded > Date.parse(reference);
    return ongoing === (condition.applies === 'if-ongoing');
  });
  // A clock chained to another obligation's filing exists only with that obligation (DORA's
  // intermediate report, before DORA applied, has no initial report to follow), wherever the rules
  // list puts it; chains of chains are followed to the end.
  let kept = handled;
  for (;;) {
    const ids = new Set(kept.map((obligation) => obligation.id));
    const next = kept.filter((obligation) => !obligation.anchor.startsWith('filing:') || ids.has(obligation.anchor.slice('filing:'.length)));
    if (next.length === kept.length) return kept;
    kept = next;
  }
}

export type ObligationState = 'waiting' | 'open' | 'due-soon' | 'overdue' | 'met' | 'late' | 'no-fixed-deadline';

/**
 * Where an obligation stands at `now`. Lateness is decided by the first filing and never changes
 * afterwards; an open deadline within `dueSoonHours` is due soon.
 */
export function obligationState(obligation: Pick<Obligation, 'kind' | 'dueAt'>, firstFiledAt: string | null, now: Date, dueSoonHours = 24): ObligationState {
  if (obligation.kind === 'no-fixed-deadline') return firstFiledAt ? 'met' : 'no-fixed-deadline';
  if (obligation.kind === 'waiting-for-anchor' || !obligation.dueAt) return 'waiting';
  const due = Date.parse(obligation.dueAt);
  if (firstFiledAt) return Date.parse(firstFiledAt) <= due ? 'met' : 'late';
  if (now.getTime() > due) return 'overdue';
  return due - now.getTime() <= dueSoonHours * 3_600_000 ? 'due-soon' : 'open';
}
