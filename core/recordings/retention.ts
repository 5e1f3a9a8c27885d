import { addCalendarDays, addCalendarMonths, daysInMonth } from '../incidents/calendar';

/**
 * How long one recording must and may be kept. Each retention rule that covers one of the
 * recording's purposes gives a minimum (a law's duty to keep: MiFID II Art. 16(7)) and/or a
 * maximum (a privacy limit: GDPR Art. 5(1)(e), CNIL guidance), counted from the call or from the
 * closure of the linked ticket. The earliest deletion is the latest minimum; the latest deletion is
 * the earliest maximum. When they cross, the rules conflict: shown, never resolved silently. Pure.
 */
export interface RecordingRetentionRule {
  id: string;
  name: string;
  /** The call purposes it covers (compared without case). */
  purposes: readonly string[];
  /** A retired rule covers nothing. */
  retiredAt?: string | null;
  minimum: string | null;
  maximum: string | null;
  countedFrom: string;
  legalSource: string | null;
}

export interface RecordingTimes {
  /** UTC ISO instant of the call. */
  callStart: string;
  purposes: readonly string[];
  /** When the linked ticket was closed; null while it is open or when there is none. */
  ticketClosedAt: string | null;
}

export interface RetentionOutcome {
  /** Not before this instant (the longest minimum); null when no minimum applies or one cannot be computed yet. */
  earliestDeletion: string | null;
  /** From this instant the recording is due (the shortest maximum); null when no maximum applies. */
  latestDeletion: string | null;
  /** The rules cross: a minimum ends after a maximum. */
  conflict: boolean;
  /** Minimums that cannot be computed yet (their ticket is still open, or they count from an anchor the register does not know): the recording must be kept. */
  waitingForTicket: string[];
  applied: Array<{ ruleId: string; name: string; kind: 'minimum' | 'maximum'; until: string | null }>;
}

/** Adds an ISO 8601 period ("P6M", "P6Y", "P30D") to an instant, in UTC, clamping month ends. */
export function addPeriod(instant: string, period: string): string {
  const date = new Date(instant);
  const amount = Number(period.slice(1, -1));
  const unit = period.slice(-1);
  const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  const target = unit === 'D' ? addCalendarDays(day, amount) : addCalendarMonths(day, unit === 'Y' ? amount * 12 : amount);
  const clampedDay = Math.min(target.day, daysInMonth(target.year, target.month));
  return new Date(Date.UTC(target.year, target.month - 1, clampedDay, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds())).toISOString();
}

const covers = (rule: RecordingRetentionRule, purposes: readonly string[]) =>
  !rule.retiredAt && rule.purposes.some((covered) => purposes.some((purpose) => purpose.toLowerCase() === covered.toLowerCase()));

export function retentionOf(recording: RecordingTimes, rules: readonly RecordingRetentionRule[]): RetentionOutcome {
  const applied: RetentionOutcome['applied'] = [];
  const waitingForTicket: string[] = [];
  const minimums: string[] = [];
  const maximums: string[] = [];
  for (const rule of rules.filter((entry) => covers(entry, recording.purposes))) {
    // A recording is collected at the call; a ticket's closure is known once set; the register knows no other anchor
    // (end of a contract, of a relationship, last activity), so such a minimum cannot end and such a maximum gives no date.
    const anchor =
      rule.countedFrom === 'call' || rule.countedFrom === 'collection' ? recording.callStart : rule.countedFrom === 'ticket-closure' ? recording.ticketClosedAt : null;
    for (const kind of ['minimum', 'maximum'] as const) {
      const period = rule[kind];
      if (!period) continue;
      const until = anchor ? addPeriod(anchor, period) : null;
      applied.push({ ruleId: rule.id, name: rule.name, kind, until });
      if (until === null) {
        if (kind === 'minimum') waitingForTicket.push(rule.name);
        continue;
      }
      (kind === 'minimum' ? minimums : maximums).push(until);
    }
  }
  const earliestDeletion = waitingForTicket.length || !minimums.length ? null : minimums.sort().at(-1)!;
  const latestDeletion = maximums.length ? maximums.sort()[0]! : null;
  // A minimum still waiting for its ticket may end after the maximum: that is a conflict too.
  const conflict = latestDeletion !== null && ((earliestDeletion !== null && earliestDeletion > latestDeletion) || waitingForTicket.length > 0);
  return { earliestDeletion, latestDeletion, conflict, waitingForTicket, applied };
}

export type RetentionState = 'retained' | 'due' | 'conflict' | 'held';

/**
 * Where a recording stands at `now`. A conflict is never due. A recording is due from its latest
 * deletion on; one that would be due but is under a legal hold is held, not due.
 */
export function retentionState(outcome: Pick<RetentionOutcome, 'latestDeletion' | 'conflict'>, held: boolean, now: string): RetentionState {
  if (outcome.conflict) return 'conflict';
  const due = outcome.latestDeletion !== null && now >= outcome.latestDeletion;
  return due ? (held ? 'held' : 'due') : 'retained';
}

/**
 * The retention of calls imported together (the same purposes, no ticket closed yet), remembered
 * per UTC day of the call: every period counts whole days or months from the call and keeps its
 * time of day, so two calls of one day differ only in that time. A million calls span a few
 * thousand days; the rules run once for each.
 */
export function retentionByCallDay(purposes: readonly string[], rules: readonly RecordingRetentionRule[]): (callStart: string) => Pick<RetentionOutcome, 'earliestDeletion' | 'latestDeletion' | 'conflict'> {
  const days = new Map<string, Pick<RetentionOutcome, 'earliestDeletion' | 'latestDeletion' | 'conflict'>>();
  return (callStart) => {
    const day = callStart.slice(0, 10);
    let outcome = days.get(day);
    if (!outcome) {
      const { earliestDeletion, latestDeletion, conflict } = retentionOf({ callStart: `${day}T00:00:00.000Z`, purposes, ticketClosedAt: null }, rules);
      outcome = { earliestDeletion, latestDeletion, conflict };
      if (days.size > 50_000) days.clear();
      days.set(day, outcome);
    }
    const time = callStart.slice(10);
    return {
      earliestDeletion: outcome.earliestDeletion && outcome.earliestDeletion.slice(0, 10) + time,
      latestDeletion: outcome.latestDeletion && outcome.latestDeletion.slice(0, 10) + time,
      conflict: outcome.conflict,
    };
  };
}

/** What saving or retiring a retention rule would do to the kept recordings, shown before it is applied. */
export interface RetentionRuleImpact {
  /** Kept recordings of the purposes the rule covers before or after the change. */
  considered: number;
  /** Of those, how many would get other dates or another conflict state. */
  datesMove: number;
  /** Their latest deletion would come earlier, or later (a date given or taken away counts as later or earlier). */
  earlier: number;
  later: number;
  /** Would be due for disposal at once (not due now, no conflict, not held). */
  becomeDue: number;
  /** Would be held back as due but under a legal hold. */
  becomeDueHeld: number;
  /** Would fall into, or out of, a conflict of a minimum with a maximum. */
  newConflicts: number;
  conflictsResolved: number;
  /** Register activities that name the rule (their text does not change). */
  activities: number;
  /** A few recordings whose dates move, oldest call first. */
  examples: Array<{ id: number; callStart: string; latestBefore: string | null; latestAfter: string | null; conflictAfter: boolean }>;
}
