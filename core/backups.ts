/**
 * Backups as the app keeps them (issue 15): what a backup file's name says, which automatic backups
 * a rotation keeps, and whether the workspace's latest state is backed up. Pure: the caller gives
 * the instant.
 */

/** Why a backup was taken: by hand (CLI `backup`, "Back up now"), by the app (daily, on closing), or before a migration. */
export type BackupKind = 'manual' | 'automatic' | 'before-migration';

/**
 * What a backup file's name records:
 * `<workspace>-<UTC time>-entry-<chain head's entry>-<its hash's first 8 hex>[-auto|-before-schema-<n>].pwbackup`.
 */
export interface BackupName {
  /** When it was taken (ISO 8601, UTC, to the second). */
  at: string;
  /** The change-log entry its chain head is (0: an empty log). */
  entry: number;
  /** The first 8 hex digits of that entry's hash (null in names written before they carried it). */
  hash: string | null;
  kind: BackupKind;
}

const namePattern = /-(\d{8}T\d{6}Z)-entry-(\d+)(?:-([0-9a-f]{8}))?(?:-(auto|before-schema-\d+))?\.pwbackup$/;

/** An instant as it goes into a file name: 20261203T122405Z. */
export const fileStamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The part of a backup's name after the workspace's name. */
export function backupNameSuffix(at: string, head: { id: number; hash: string } | null, kind: BackupKind, fromSchema?: number): string {
  const tag = kind === 'automatic' ? '-auto' : kind === 'before-migration' ? `-before-schema-${fromSchema ?? 0}` : '';
  return `-${fileStamp(at)}-entry-${head?.id ?? 0}${head?.hash ? `-${head.hash.slice(0, 8)}` : ''}${tag}.pwbackup`;
}

/**
 * A backup holds the workspace's latest state when it names the same chain head: the same entry
 * and hash (a restore can bring a smaller entry number back, so a number alone would mislead).
 */
export function holdsHead(name: BackupName, head: { id: number; hash: string } | null): boolean {
  if (!head) return true;
  return name.entry === head.id && (name.hash === null || head.hash.startsWith(name.hash));
}

/** Reads a backup's name back; null for a file named otherwise (renamed by hand: listed, never rotated). */
export function parseBackupName(name: string): BackupName | null {
  const match = namePattern.exec(name);
  if (!match) return null;
  const stamp = match[1]!;
  const at = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.000Z`;
  if (Number.isNaN(Date.parse(at))) return null;
  const kind: BackupKind = match[4] === 'auto' ? 'automatic' : match[4] ? 'before-migration' : 'manual';
  return { at, entry: Number(match[2]), hash: match[3] ?? null, kind };
}

/**
 * A backup named after a time still to come (a computer whose clock was wrong): it does not count
 * as the newest, or it would silence the warning and hold back the daily backup until then.
 */
export const takenInTheFuture = (backup: BackupName, now: string): boolean => Date.parse(backup.at) > Date.parse(now) + 60_000;

/** The newest backup by its time (by its entry within one second). */
export function newestOf<T extends BackupName>(backups: readonly T[]): T | null {
  return [...backups].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.entry - a.entry))[0] ?? null;
}

/** How many automatic backups a rotation keeps: the newest of each of the last days, weeks and months that have one. */
export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}
export const defaultRotation: RotationPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** Monday of the ISO week of a UTC day, as YYYY-MM-DD: one key per week. */
function weekKey(at: string): string {
  const day = new Date(`${at.slice(0, 10)}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/**
 * Which automatic backups a rotation removes. Periods are UTC days, ISO weeks and calendar months;
 * for each of the `daily` most recent days that have a backup, the newest of that day is kept, and
 * so on for weeks and months (a laptop switched off for a fortnight still keeps seven dailies).
 * The newest backup is always kept. Manual and pre-migration backups are never removed: they are
 * not passed here, or are ignored if they are.
 */
export function backupsToRemove<T extends { name: BackupName }>(backups: readonly T[], policy: RotationPolicy = defaultRotation): T[] {
  const automatic = backups.filter((backup) => backup.name.kind === 'automatic').sort((a, b) => (a.name.at < b.name.at ? 1 : a.name.at > b.name.at ? -1 : b.name.entry - a.name.entry));
  const kept = new Set<T>(automatic.slice(0, 1));
  const keepNewestPer = (keyOf: (at: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of automatic) {
      const key = keyOf(backup.name.at);
      if (seen.has(key)) continue;
      if (seen.size === count) break;
      seen.add(key);
      kept.add(backup);
    }
  };
  keepNewestPer((at) => at.slice(0, 10), policy.daily);
  keepNewestPer(weekKey, policy.weekly);
  keepNewestPer((at) => at.slice(0, 7), policy.monthly);
  return automatic.filter((backup) => !kept.has(backup));
}

/** How the workspace stands against its newest backup, for the status bar. */
export interface BackupStanding {
  /** The newest backup's time, or null when there is none. */
  lastBackupAt: string | null;
  /** The newest backup holds the workspace's latest change (same chain head entry). */
  upToDate: boolean;
  /** Changes made more than a day ago are in no backup (or there has never been one): shown as a warning. */
  overdue: boolean;
}

export const backupWarningAfterMs = 24 * 60 * 60 * 1000;

/**
 * Whether to warn: the workspace has changes no backup holds, and the newest backup (with none, the
 * workspace's creation) is more than a day old.
 */
export function backupStanding(backups: readonly BackupName[], head: { id: number; hash: string } | null, createdAt: string, now: string): BackupStanding {
  const newest = newestOf(backups.filter((backup) => !takenInTheFuture(backup, now)));
  const upToDate = head === null || (newest !== null && holdsHead(newest, head));
  const since = newest?.at ?? createdAt;
  return { lastBackupAt: newest?.at ?? null, upToDate, overdue: !upToDate && Date.parse(now) - Date.parse(since) > backupWarningAfterMs };
}
