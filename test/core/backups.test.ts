import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupNameSuffix, backupStanding, backupsToRemove, parseBackupName, type BackupKind, type BackupName } from '../../core/backups';

/** Backups named as the app names them, read back through their names. */
const named = (at: string, entry: number, kind: BackupKind = 'automatic') => {
  const file = `register${backupNameSuffix(at, { id: entry, hash: 'ab'.repeat(32) }, kind, 170)}`;
  return { file, name: parseBackupName(file)! };
};

describe('backup names', () => {
  it('carry the time, the chain head and the kind, and read back', () => {
    expect(named('2026-12-03T13:41:03.123Z', 42).file).toBe('register-20261203T134103Z-entry-42-abababab-auto.pwbackup');
    expect(parseBackupName('register-20261203T134103Z-entry-42-abababab-auto.pwbackup')).toEqual({ at: '2026-12-03T13:41:03.000Z', entry: 42, hash: 'abababab', kind: 'automatic' });
    expect(parseBackupName('register-20261203T134103Z-entry-42-abababab-before-schema-170.pwbackup')?.kind).toBe('before-migration');
    // Names from before the hash was in them, and names changed by hand.
    expect(parseBackupName('register-20261203T134103Z-entry-42.pwbackup')).toEqual({ at: '2026-12-03T13:41:03.000Z', entry: 42, hash: null, kind: 'manual' });
    expect(parseBackupName('my copy.pwbackup')).toBeNull();
    expect(parseBackupName('register-20261399T134103Z-entry-42.pwbackup')).toBeNull();
  });
});

describe('the rotation of automatic backups (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps, of a backup every day at noon for 13 months, the 19 a worked calendar gives', () => {
    const backups = [];
    for (let day = new Date('2025-11-01T12:00:00Z'); day <= new Date('2026-12-03T12:00:00Z'); day.setUTCDate(day.getUTCDate() + 1)) {
      backups.push(named(day.toISOString(), backups.length + 1));
    }
    const removed = new Set(backupsToRemove(backups).map((backup) => backup.name.at.slice(0, 10)));
    const kept = backups.map((backup) => backup.name.at.slice(0, 10)).filter((day) => !removed.has(day));
    // Days: 3, 2, 1 December and 30 to 27 November. ISO weeks (from Monday): 30 Nov–6 Dec and 23–29
    // Nov are held already; 16–22 Nov gives the 22nd, 9–15 Nov the 15th. Months: December and
    // November are held; then the last day of each month back to January 2026.
    expect(kept.sort().reverse()).toEqual([
      '2026-12-03', '2026-12-02', '2026-12-01', '2026-11-30', '2026-11-29', '2026-11-28', '2026-11-27',
      '2026-11-22', '2026-11-15',
      '2026-10-31', '2026-09-30', '2026-08-31', '2026-07-31', '2026-06-30', '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31',
    ]);
  });

  it('counts the days that have a backup, not the days before now (a laptop off for a month keeps its dailies), and never removes a manual or pre-migration backup', () => {
    const backups = [
      ...['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08'].map((day, index) => named(`${day}T09:00:00Z`, index + 1)),
      named('2026-11-01T08:00:00Z', 0, 'manual'),
      named('2026-11-01T07:00:00Z', 0, 'before-migration'),
      named('2026-11-08T08:00:00Z', 7),
    ];
    const removed = backupsToRemove(backups).map((backup) => backup.file);
    // 8 days with a backup: the oldest day's goes, unless a week or month keeps it: 1 November is
    // the only backup of week 26 Oct–1 Nov, so it stays; of 8 November, the earlier one goes.
    expect(removed).toEqual([named('2026-11-08T08:00:00Z', 7).file]);
  });

  it('holds for any set of backups: the newest kept, at most 23 kept, and the newest of each recent day kept', () => {
    const instant = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2026-12-31T23:59:59Z') }).map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString());
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom<BackupKind>('automatic', 'automatic', 'automatic', 'manual', 'before-migration')), { maxLength: 300 }), (drawn) => {
        const backups = drawn.map(([at, kind], index) => ({ ...named(at, index + 1, kind), index }));
        const removed = new Set(backupsToRemove(backups));
        const automatic = backups.filter((backup) => backup.name.kind === 'automatic');
        const kept = automatic.filter((backup) => !removed.has(backup));
        expect([...removed].every((backup) => backup.name.kind === 'automatic')).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
        if (automatic.length) {
          const newest = [...automatic].sort((a, b) => (a.name.at < b.name.at ? 1 : a.name.at > b.name.at ? -1 : b.name.entry - a.name.entry))[0]!;
          expect(removed.has(newest)).toBe(false);
        }
        const days = [...new Set(automatic.map((backup) => backup.name.at.slice(0, 10)))].sort().reverse().slice(0, 7);
        for (const day of days) {
          const ofDay = automatic.filter((backup) => backup.name.at.startsWith(day));
          const newestOfDay = ofDay.reduce((a, b) => (b.name.at > a.name.at || (b.name.at === a.name.at && b.name.entry > a.name.entry) ? b : a));
          expect(removed.has(newestOfDay), day).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the status bar: the last backup, and a warning after a day', () => {
  const head = { id: 12, hash: 'ab'.repeat(32) };
  const at = (iso: string, entry: number): BackupName => ({ at: iso, entry, hash: 'abababab', kind: 'automatic' });
  it('warns when changes made more than a day ago are in no backup', () => {
    expect(backupStanding([], head, '2026-12-01T09:00:00Z', '2026-12-03T09:00:00Z')).toEqual({ lastBackupAt: null, upToDate: false, overdue: true });
    expect(backupStanding([], head, '2026-12-03T08:00:00Z', '2026-12-03T09:00:00Z')).toEqual({ lastBackupAt: null, upToDate: false, overdue: false });
    expect(backupStanding([at('2026-12-01T09:00:00.000Z', 11)], head, '2026-11-01T09:00:00Z', '2026-12-03T09:00:00Z')).toMatchObject({ upToDate: false, overdue: true });
    expect(backupStanding([at('2026-12-03T08:00:00.000Z', 11)], head, '2026-11-01T09:00:00Z', '2026-12-03T09:00:00Z')).toMatchObject({ upToDate: false, overdue: false });
  });
  it('does not count a backup named after a time still to come (a wrong clock) as the newest', () => {
    const future = { ...at('2027-06-01T09:00:00.000Z', 12) };
    expect(backupStanding([future, at('2026-12-01T09:00:00.000Z', 11)], head, '2026-01-01T09:00:00Z', '2026-12-03T09:00:00Z')).toEqual({ lastBackupAt: '2026-12-01T09:00:00.000Z', upToDate: false, overdue: true });
  });
  it('does not warn when the newest backup holds the latest change, however old; and a restore bringing a smaller head back is not "backed up"', () => {
    expect(backupStanding([at('2026-10-01T09:00:00.000Z', 12)], head, '2026-01-01T09:00:00Z', '2026-12-03T09:00:00Z')).toEqual({ lastBackupAt: '2026-10-01T09:00:00.000Z', upToDate: true, overdue: false });
    // Entry 12 again, but another history (its hash differs): not the backed-up state.
    expect(backupStanding([{ ...at('2026-12-01T09:00:00.000Z', 12), hash: 'cdcdcdcd' }], head, '2026-01-01T09:00:00Z', '2026-12-03T09:00:00Z')).toMatchObject({ upToDate: false, overdue: true });
  });
});
