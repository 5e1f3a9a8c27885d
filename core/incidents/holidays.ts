import { addCalendarDays, daysInMonth, isoDateOf, weekdayOf, type LocalDate } from './calendar';

/** The n-th (1-based) weekday (0 = Sunday) of a month, or the last one when n is -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  if (n === -1) {
    let date: LocalDate = { year, month, day: daysInMonth(year, month) };
    while (weekdayOf(date) !== weekday) date = addCalendarDays(date, -1);
    return date;
  }
  let date: LocalDate = { year, month, day: 1 };
  while (weekdayOf(date) !== weekday) date = addCalendarDays(date, 1);
  return addCalendarDays(date, 7 * (n - 1));
}

/** A fixed-date federal holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
function observed(date: LocalDate): LocalDate {
  const weekday = weekdayOf(date);
  return weekday === 6 ? addCalendarDays(date, -1) : weekday === 0 ? addCalendarDays(date, 1) : date;
}

/**
 * US federal holidays observed in a year (5 U.S.C. 6103(a); observance under 6103(b) and Executive
 * Order 11582): New Year's Day, Birthday of Martin Luther King Jr. (third Monday of January),
 * Washington's Birthday (third Monday of February), Memorial Day (last Monday of May), Juneteenth
 * (19 June, from 2021), Independence Day, Labor Day (first Monday of September), Columbus Day
 * (second Monday of October), Veterans Day, Thanksgiving (fourth Thursday of November), Christmas.
 * New Year's Day of the next year falling on a Saturday is observed on 31 December of this one.
 */
export function usFederalHolidays(year: number): string[] {
  const fixed = (month: number, day: number) => observed({ year, month, day });
  const days: LocalDate[] = [
    fixed(1, 1),
    nthWeekday(year, 1, 1, 3),
    nthWeekday(year, 2, 1, 3),
    nthWeekday(year, 5, 1, -1),
    ...(year >= 2021 ? [fixed(6, 19)] : []),
    fixed(7, 4),
    nthWeekday(year, 9, 1, 1),
    nthWeekday(year, 10, 1, 2),
    fixed(11, 11),
    nthWeekday(year, 11, 4, 4),
    fixed(12, 25),
  ];
  const nextNewYear = observed({ year: year + 1, month: 1, day: 1 });
  if (nextNewYear.year === year) days.push(nextNewYear);
  // A 1 January on a Saturday is observed in the year before, so it is not a holiday of this year.
  return days.filter((date) => date.year === year).map(isoDateOf).sort();
}

/**
 * Brazil's national civil holidays (Lei 662/1949 as amended by Lei 10.607/2002: 1 January, 21 April,
 * 1 May, 7 September, 2 November, 15 November, 25 December; Lei 6.802/1980: 12 October; Lei
 * 14.759/2023: 20 November, from 2024). They are not moved when they fall on a weekend. Carnival and
 * Good Friday are not national civil holidays and are not included.
 */
export function brazilNationalHolidays(year: number): string[] {
  const dates: Array<[number, number]> = [[1, 1], [4, 21], [5, 1], [9, 7], [10, 12], [11, 2], [11, 15], [12, 25]];
  if (year >= 2024) dates.push([11, 20]);
  return dates.map(([month, day]) => isoDateOf({ year, month, day })).sort();
}

/**
 * Days the SEC (and EDGAR) was closed outside the federal holidays: executive orders closing the
 * executive departments for a national day of mourning or a Christmas Eve. As data, each with its
 * source; all to verify (taken from secondary sources). A filing day that the Commission is closed
 * is no business day for Form 8-K.
 */
export const secClosures: ReadonlyArray<{ date: string; reason: string; source: string; verify: true }> = [
  { date: '2018-12-05', reason: 'National Day of Mourning for President George H. W. Bush', source: 'Executive Order 13854 (verify)', verify: true },
  { date: '2018-12-24', reason: 'Christmas Eve', source: 'Executive Order 13856 (verify)', verify: true },
  { date: '2019-12-24', reason: 'Christmas Eve', source: 'Executive Order 13900 (verify)', verify: true },
  { date: '2020-12-24', reason: 'Christmas Eve', source: 'Executive Order 13961 (verify)', verify: true },
  { date: '2025-01-09', reason: 'National Day of Mourning for President Jimmy Carter', source: 'Executive order closing executive departments on 9 January 2025 (verify)', verify: true },
];

/** The SEC's non-business days of a year: the federal holidays and its one-off closures. */
export function secClosedDays(year: number): string[] {
  return [...usFederalHolidays(year), ...secClosures.filter((closure) => closure.date.startsWith(`${year}-`)).map((closure) => closure.date)].sort();
}

/** The holiday calendars business days are counted on, listed once: the rules, the contract's schema and the period labels take them from here. */
export const holidayCalendars = {
  'us-federal': { label: 'US federal holidays', holidaysOf: usFederalHolidays },
  'sec-edgar': { label: 'US federal holidays and SEC closures', holidaysOf: secClosedDays },
  'br-national': { label: 'Brazilian national holidays', holidaysOf: brazilNationalHolidays },
} as const;
export type HolidayCalendar = keyof typeof holidayCalendars;

/** Every calendar's id, from the table above (the contract's schema takes them as a tuple). */
export const holidayCalendarIds = Object.keys(holidayCalendars) as [HolidayCalendar, ...HolidayCalendar[]];

/** A holiday test for a calendar, computing each year once. */
export function holidayTest(calendar: HolidayCalendar): (isoDate: string) => boolean {
  const years = new Map<number, Set<string>>();
  return (isoDate) => {
    const year = Number(isoDate.slice(0, 4));
    let set = years.get(year);
    if (!set) {
      set = new Set(holidayCalendars[calendar].holidaysOf(year));
      years.set(year, set);
    }
    return set.has(isoDate);
  };
}
