/** How reports write instants and lists: UTC always, and the local time only in a zone that is named. */

/** "2026-11-23 09:00:00 UTC" */
export function utcText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "2026-11-23 10:00:00 (Europe/Paris, UTC+01:00)": the wall-clock time in the zone given. */
export function localText(iso: string, zone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    }).formatToParts(date);
  } catch {
    return `${utcText(iso)} (zone ${zone} unknown)`;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', 'UTC') || 'UTC';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} (${zone}, ${offset === 'UTC' ? 'UTC+00:00' : offset})`;
}

/** A list in words, or the dash the reports use for "nothing recorded" in a table cell. */
export const listText = (values: readonly string[], empty = '—'): string => (values.length ? values.join('; ') : empty);

export const orDash = (value: string | null | undefined): string => (value === null || value === undefined || value === '' ? '—' : value);

/** Turns free text into a heading id fragment. */
export const idFragment = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
