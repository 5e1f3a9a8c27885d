/**
 * Deadline arithmetic. Pure: every function takes the instants and the zone it works in.
 * - Hours are elapsed time: 72 h after an instant is exactly 72 × 3 600 000 ms later, whatever the
 *   clocks do in between (DST changes included).
 * - Calendar days, business days and months count local dates in the incident's IANA zone; the
 *   deadline is the end of the last day there (23:59:59.999 local). The anchor's own day is day 0.
 */

/** A calendar date without a time or zone. Months are 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export const isoDateOf = (date: LocalDate): string =>
  `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

/** The date an instant falls on in a zone. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  return fromUtc(instant.getTime() + offsetAt(instant.getTime(), zone));
}

/**
 * The last millisecond of a date in a zone, as an instant: the start of the next local day minus
 * 1 ms, so that a day whose last hour repeats (clocks going back at midnight) keeps its whole length.
 */
export function endOfLocalDay(date: LocalDate, zone: string): Date {
  const next = addCalendarDays(date, 1);
  return new Date(instantOfWallClock(Date.UTC(next.year, next.month - 1, next.day), zone) - 1);
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone's offset from UTC at an instant, in ms: the wall time Intl shows there, less the
 * instant. Read from the instant alone (the computer's own zone plays no part), and through Intl
 * rather than a Date subclass, which a page's replaced Date (a test clock) would break.
 */
export function offsetAt(instant: number, zone: string): number {
  let formatter = wallFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    wallFormatters.set(zone, formatter);
  }
  const whole = Math.floor(instant / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(whole)) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const wall = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - whole;
}

/**
 * The instant a wall-clock time in a zone denotes, computed from the zone's offsets alone, so the
 * same on every computer (building a date from its fields goes through the computer's own zone,
 * which shifted a Santiago deadline by an hour on a computer set to Sydney). `wall` is the local
 * date and time written as if it were UTC. A time that occurs twice (clocks going back) is its
 * first occurrence; one that does not occur (clocks going forward) is moved on by the gap, so a day
 * whose midnight is skipped starts when its first minute does.
 */
export function instantOfWallClock(wall: number, zone: string): number {
  // Offsets lie within ±14 h: the instant is within 15 h of the wall time, and the offsets at both
  // ends of that window are those in force on either side of any change in it.
  const offsets = new Set([offsetAt(wall - 15 * 3_600_000, zone), offsetAt(wall, zone), offsetAt(wall + 15 * 3_600_000, zone)]);
  const candidates = [...offsets].map((offset) => wall - offset);
  const exact = candidates.filter((instant) => instant + offsetAt(instant, zone) === wall);
  return exact.length ? Math.min(...exact) : Math.max(...candidates);
}

const fromUtc = (ms: number): LocalDate => {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};
const utcOf = (date: LocalDate) => Date.UTC(date.year, date.month - 1, date.day);

export const addCalendarDays = (date: LocalDate, days: number): LocalDate => fromUtc(utcOf(date) + days * 86_400_000);

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Adds calendar months; a day past the end of the target month clamps to its last day (31 Jan + 1 month = 28 or 29 Feb). */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: LocalDate): number => new Date(utcOf(date)).getUTCDay();

/**
 * Adds business days: each step moves to the next day that is neither a Saturday, a Sunday nor a
 * holiday of the calendar given (a set of 'yyyy-MM-dd' for the years concerned).
 */
export function addBusinessDays(date: LocalDate, days: number, isHoliday: (isoDate: string) => boolean): LocalDate {
  let current = date;
  let left = days;
  while (left > 0) {
    current = addCalendarDays(current, 1);
    const weekday = weekdayOf(current);
    if (weekday !== 0 && weekday !== 6 && !isHoliday(isoDateOf(current))) left -= 1;
  }
  return current;
}

export const addHours = (instant: Date, hours: number): Date => new Date(instant.getTime() + hours * 3_600_000);

/** An instant as ISO 8601 with the zone's offset at that instant, e.g. 2026-03-29T03:00:00.000+02:00. */
export function formatInZone(instant: Date, zone: string): string {
  const offset = offsetAt(instant.getTime(), zone);
  // The wall time there, read through UTC fields of the shifted instant.
  const local = new Date(instant.getTime() + offset);
  const minutesOffset = Math.round(offset / 60_000);
  const sign = minutesOffset >= 0 ? '+' : '-';
  const hours = String(Math.floor(Math.abs(minutesOffset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(minutesOffset) % 60).padStart(2, '0');
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:` +
    `${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}${sign}${hours}:${minutes}`
  );
}

/** True when the zone is an IANA time zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/**
 * A wall-clock time in a zone ("2026-03-27T10:00", as a datetime-local input gives it) as an ISO
 * instant with that zone's offset; null when the text is not such a time.
 */
export function instantFromLocal(local: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const instant = new Date(instantOfWallClock(Date.UTC(year, month - 1, day, hour, minute, second), zone));
  return formatInZone(instant, zone).replace('.000', '');
}

/** An instant as the "yyyy-MM-ddTHH:mm" a datetime-local input shows, in a zone. */
export function localInputValue(instant: Date, zone: string): string {
  return formatInZone(instant, zone).slice(0, 16);
}
