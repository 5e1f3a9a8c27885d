import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfLocalDay, instantFromLocal, instantOfWallClock, type LocalDate } from '../../core/incidents/calendar';
import { cdrInstant } from '../../core/recordings/cdr';

/**
 * The same facts give the same deadline on every computer (issue 16, point 3). This file and the
 * rest of test/core run once per time zone in vitest.config.mts (UTC, Australia/Sydney,
 * America/Santiago, Pacific/Chatham); the engine's end of a local day is compared with a reference
 * computed another way: Intl's own reading of each instant, searched minute by minute and then to
 * the millisecond, with no date built from fields.
 */

/** The local date and time Intl gives an instant in a zone, as numbers. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallOf(instant: number, zone: string): { date: string; minutes: number } {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/**
 * The last millisecond of a local date, by search: the first instant, after the date has begun,
 * whose local date is later; every zone's offset lies within ±14 h, so it lies within a window of
 * 40 hours from the date's midnight read as UTC.
 */
function referenceEndOfDay(date: LocalDate, zone: string): number {
  const iso = `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  const midnightAsUtc = Date.UTC(date.year, date.month - 1, date.day);
  let seen = false;
  for (let at = midnightAsUtc - 15 * 3_600_000; at < midnightAsUtc + 40 * 3_600_000; at += 60_000) {
    const local = wallOf(at, zone).date;
    if (local === iso) seen = true;
    else if (seen && local > iso) {
      // The day ended within the minute before: narrow it to the millisecond.
      let low = at - 60_000;
      let high = at;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (wallOf(middle, zone).date > iso) high = middle;
        else low = middle;
      }
      return high - 1;
    }
  }
  throw new Error(`${iso} never ended in ${zone}`);
}

const zones = ['UTC', 'Europe/Paris', 'America/Santiago', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Havana', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Apia'];

describe(`local days and wall-clock times, on a computer set to ${process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone}`, () => {
  it('runs in the time zone it says (the per-zone runs are real)', () => {
    if (process.env.TZ) expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ === 'UTC' ? 'UTC' : process.env.TZ);
  });

  it('ends each local day where an independent search says it does, DST days included', () => {
    // The days around every DST change of these zones in 2026 and 2027, then any day at all.
    const around = (iso: string) => {
      const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
      return [-1, 0, 1].map((shift) => {
        const date = new Date(Date.UTC(year, month - 1, day + shift));
        return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      });
    };
    const changes = ['2026-04-04', '2026-09-05', '2026-04-05', '2026-10-04', '2026-03-29', '2026-10-25', '2026-03-08', '2026-11-01', '2026-09-27', '2027-04-03', '2027-09-04'];
    for (const zone of zones) {
      for (const date of changes.flatMap(around)) {
        expect(endOfLocalDay(date, zone).getTime(), `${zone} ${JSON.stringify(date)}`).toBe(referenceEndOfDay(date, zone));
      }
    }
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 2000, max: 2037 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (zone, year, month, day) => {
        expect(endOfLocalDay({ year, month, day }, zone).getTime()).toBe(referenceEndOfDay({ year, month, day }, zone));
      }),
      { numRuns: 150 },
    );
  });

  it('reads a typed wall-clock time as the instant showing that time there (its first occurrence when the hour repeats)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-12-31T00:00:00Z') }), (zone, ms) => {
        const instant = Math.floor(ms / 60_000) * 60_000;
        const wall = wallOf(instant, zone);
        const typed = `${wall.date}T${String(Math.floor(wall.minutes / 60)).padStart(2, '0')}:${String(wall.minutes % 60).padStart(2, '0')}`;
        const read = Date.parse(instantFromLocal(typed, zone)!);
        // The same wall time, at this instant or at an earlier occurrence of it (an hour that repeats).
        expect(wallOf(read, zone)).toEqual(wall);
        expect(read).toBeLessThanOrEqual(instant);
        expect(instant - read).toBeLessThanOrEqual(3 * 3_600_000);
      }),
      { numRuns: 300 },
    );
    // Santiago's last hour of 4 April 2026 repeats: 23:30 is read as its first occurrence (-03:00).
    expect(instantFromLocal('2026-04-04T23:30', 'America/Santiago')).toBe('2026-04-04T23:30:00-03:00');
    // Paris skips 02:00–03:00 on 29 March 2026: 02:30 does not exist and is moved on by the gap.
    expect(instantFromLocal('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('reads call-record times through its per-hour cache exactly as without it, DST hours included', () => {
    const pad = (value: number) => String(value).padStart(2, '0');
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }), fc.integer({ min: 0, max: 3 }), (zone, ms, repeat) => {
        const wall = new Date(Math.floor(ms / 1000) * 1000);
        const text = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
        // Read once or several times: the first reading fills the cache, the others use it.
        for (let reading = 0; reading <= repeat; reading += 1) expect(cdrInstant(text, zone)).toBe(new Date(instantOfWallClock(wall.getTime(), zone)).toISOString());
      }),
      { numRuns: 400 },
    );
    // The hour Paris skips and the hour Santiago repeats, minute by minute.
    for (const [zone, day, hour] of [['Europe/Paris', '2026-03-29', 2], ['America/Santiago', '2026-04-04', 23]] as const) {
      for (let minute = 0; minute < 60; minute += 7) {
        const wall = Date.parse(`${day}T${pad(hour)}:${pad(minute)}:00Z`);
        expect(cdrInstant(`${day} ${pad(hour)}:${pad(minute)}:00`, zone), `${zone} ${minute}`).toBe(new Date(instantOfWallClock(wall, zone)).toISOString());
      }
    }
  });
});
