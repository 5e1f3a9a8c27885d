import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDatabase } from '../../db/connection';
import { chainGenesis, chainHash, type StoredChange } from '../../db/repositories/changeLog';
import { createWorkbenchService } from '../../service';
import { checkWorkspace, checkWorkspaceFile } from '../../service/workspaceCheck';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { useTempDirs } from '../support/workspace';

/**
 * The change log as a hash chain (issue 14, point 4), tampered with as a tester would: sqlite3 on
 * the file, the append-only triggers dropped first.
 */
const tempDir = useTempDirs();

async function demo() {
  const dir = tempDir();
  const service = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date('2026-11-23T09:00:00.000Z') }));
  const info = await service.openDemoWorkspace();
  // An update made in the app, so the log holds more than creations.
  const activity = (await service.listActivities())[0]!;
  await service.updateActivity({ id: activity.id, changes: { organisationId: activity.organisationId, name: 'Renamed in the app' } });
  service.close();
  return info.path;
}
/** sqlite3 on the file, with the triggers that forbid rewriting the log dropped. */
function tamper(path: string, work: (db: Database.Database) => void) {
  const db = new Database(path);
  db.exec('DROP TRIGGER IF EXISTS change_log_no_update; DROP TRIGGER IF EXISTS change_log_no_delete;');
  work(db);
  db.close();
}
function check(path: string, expectHead?: string) {
  const db = openWorkspaceDatabase(path);
  try {
    return checkWorkspace(db, expectHead ? { expectHead } : {});
  } finally {
    db.close();
  }
}
const entryCount = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT max(id) AS n FROM change_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('the change log as a hash chain', () => {
  it('is intact as the app writes it, and names its head', async () => {
    const path = await demo();
    const result = check(path);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ intact: true, head: { id: entryCount(path), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('finds an entry edited, deleted, inserted or reordered, with its number, even with the triggers dropped', async () => {
    const edited = await demo();
    tamper(edited, (db) => db.prepare(`UPDATE change_log SET actor = 'someone else' WHERE id = 7`).run());
    expect(check(edited).problems).toContainEqual({ entryId: 7, problem: 'entry 7 does not match its hash: it was changed, inserted or moved after it was written' });

    const deleted = await demo();
    tamper(deleted, (db) => db.prepare('DELETE FROM change_log WHERE id = 9').run());
    expect(check(deleted).problems).toContainEqual({ entryId: 10, problem: 'entry 9 is missing (removed)' });

    const cut = await demo();
    const last = entryCount(cut);
    tamper(cut, (db) => db.prepare('DELETE FROM change_log WHERE id = ?').run(last));
    expect(check(cut).problems).toContainEqual({ entryId: last, problem: `entries ${last} to ${last} are missing from the end of the log (removed)` });

    const inserted = await demo();
    tamper(inserted, (db) =>
      db.prepare(`INSERT INTO change_log (at, actor, entity, entity_id, action, before_json, after_json, hash) VALUES ('2026-01-01T00:00:00.000Z', 'x', 'workspace', 'w', 'update', NULL, '{}', ?)`).run('f'.repeat(64)),
    );
    expect(check(inserted).problems).toContainEqual({ entryId: entryCount(inserted), problem: `entry ${entryCount(inserted)} does not match its hash: it was changed, inserted or moved after it was written` });

    const reordered = await demo();
    tamper(reordered, (db) => {
      const [a, b] = db.prepare('SELECT * FROM change_log WHERE id IN (3, 4) ORDER BY id').all() as Array<StoredChange & { hash: string }>;
      const move = db.prepare('UPDATE change_log SET at = ?, actor = ?, entity = ?, entity_id = ?, action = ?, before_json = ?, after_json = ?, hash = ? WHERE id = ?');
      move.run(b!.at, b!.actor, b!.entity, b!.entity_id, b!.action, b!.before_json, b!.after_json, b!.hash, 3);
      move.run(a!.at, a!.actor, a!.entity, a!.entity_id, a!.action, a!.before_json, a!.after_json, a!.hash, 4);
    });
    expect(check(reordered).problems.map((problem) => problem.entryId)).toEqual(expect.arrayContaining([3, 4]));
  });

  it('finds a record changed, removed or added outside the app', async () => {
    const path = await demo();
    tamper(path, (db) => {
      db.prepare(`UPDATE activities SET name = 'Edited with sqlite3' WHERE rowid = (SELECT min(rowid) FROM activities)`).run();
      db.prepare(`DELETE FROM activity_processors WHERE activity_id = (SELECT id FROM activities WHERE rowid = (SELECT max(rowid) FROM activities))`).run();
      db.prepare(`DELETE FROM activities WHERE rowid = (SELECT max(rowid) FROM activities)`).run();
      db.prepare(`INSERT INTO organisations (id, name, role, created_at, updated_at) VALUES ('ghost', 'Ghost Ltd', 'controller', '2026-01-01', '2026-01-01')`).run();
    });
    const problems = check(path).problems.map((problem) => problem.problem);
    expect(problems).toContainEqual(expect.stringMatching(/^activity \S+ \(Edited with sqlite3\) differs from its last logged state \(entry \d+\) in name: it was changed outside the app$/));
    expect(problems).toContainEqual(expect.stringMatching(/^activity \S+ is gone, but its last entry \(\d+\) is not a deletion/));
    expect(problems).toContainEqual('organisation ghost (Ghost Ltd) has no change-log entry: it was added outside the app');
  });

  it('finds an incident, a filing or a legal hold changed or removed outside the app', async () => {
    const dir = tempDir();
    const service = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date('2026-11-23T09:00:00.000Z') }));
    const { path } = await service.openDemoWorkspace();
    writeFileSync(join(dir, 'Master.csv'), [1, 2, 3].map((n) => cdrLine({ start: `2026-03-0${n} 10:00:00`, uniqueid: `h.${n}`, userfield: 'T-7', columns: 18 })).join('\n'));
    await service.importCallRecords({ path: join(dir, 'Master.csv'), zone: 'UTC', purposes: ['quality'] });
    const incident = await service.createIncident({ title: 'Lost laptop', zone: 'UTC', events: { aware: { at: '2026-11-22T10:00:00.000Z', zone: 'UTC' } }, affected: [{ where: 'FR', count: 40 }] });
    await service.updateIncident({
      id: incident.id,
      changes: { title: 'Lost laptop, disk unencrypted', zone: 'UTC', events: { aware: { at: '2026-11-22T10:00:00.000Z', zone: 'UTC' } }, affected: [{ where: 'FR', count: 40 }] },
    });
    await service.recordFiling({ incidentId: incident.id, obligationId: 'gdpr-33-authority', phase: 'initial', filedAt: '2026-11-23T08:00:00.000Z', reference: 'CNIL-2026-1' });
    const kept = await service.placeLegalHold({ matter: 'Claim 7', reason: 'Keep the calls of ticket T-7', scope: { ticketIds: ['T-7'] } });
    expect(kept.recordings).toBe(3);
    const released = await service.placeLegalHold({ matter: 'Claim 8', reason: 'Keep them too', scope: { ticketIds: ['T-7'] } });
    await service.releaseLegalHold({ holdId: released.id, reason: 'Settled' });
    // Links given in any order are stored as sets: read back sorted, they are no change.
    const activityIds = (await service.listActivities())
      .slice(0, 2)
      .map((activity) => activity.id)
      .sort()
      .reverse();
    await service.createIncident({ title: 'Two activities', zone: 'UTC', activityIds, events: { aware: { at: '2026-11-22T10:00:00.000Z', zone: 'UTC' } }, affected: [{ where: 'FR', count: 2 }] });
    service.close();
    expect(check(path).problems).toEqual([]);

    tamper(path, (db) => {
      db.prepare(`UPDATE incidents SET title = 'Nothing happened' WHERE id = ?`).run(incident.id);
      db.prepare(`UPDATE incident_filings SET filed_at = '2026-11-22T12:00:00.000Z'`).run();
      db.prepare(`DELETE FROM recording_holds WHERE hold_id = ? AND recording_id = (SELECT min(recording_id) FROM recording_holds WHERE hold_id = ?)`).run(kept.id, kept.id);
      db.prepare(`UPDATE legal_holds SET released_at = NULL, released_by = NULL, release_reason = NULL WHERE id = ?`).run(released.id);
    });
    const problems = check(path).problems.map((problem) => problem.problem);
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^incident ${incident.id} \\(Nothing happened\\) differs from its last logged state \\(entry \\d+\\) in title: it was changed outside the app$`)));
    expect(problems).toContainEqual(expect.stringMatching(/^filing \S+ \(initial\) differs from its last logged state \(entry \d+\) in filedAt: it was changed outside the app$/));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^legal-hold ${kept.id} \\(Claim 7\\) differs .* in recordings:`)));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^legal-hold ${released.id} \\(Claim 8\\) differs .* in releasedBy, releasedAt, releaseReason:`)));

    tamper(path, (db) => db.prepare(`DELETE FROM incident_filings`).run());
    expect(check(path).problems.map((problem) => problem.problem)).toContainEqual(expect.stringMatching(/^filing \S+ is gone, but its last entry \(\d+\) is not a deletion/));
  });

  it('needs the head an auditor kept to catch a log rewritten with fresh hashes', async () => {
    const path = await demo();
    const kept = check(path).head!.hash;
    // Someone who knows the recipe rewrites an entry and recomputes every hash after it.
    tamper(path, (db) => {
      db.prepare(`UPDATE change_log SET actor = 'someone else' WHERE id = 5`).run();
      let previous = chainGenesis;
      for (const row of db.prepare('SELECT * FROM change_log ORDER BY id').all() as StoredChange[]) {
        previous = chainHash(previous, row);
        db.prepare('UPDATE change_log SET hash = ? WHERE id = ?').run(previous, row.id);
      }
    });
    expect(check(path).intact).toBe(true);
    const anchored = check(path, kept);
    expect(anchored.intact).toBe(false);
    expect(anchored.problems).toContainEqual({ entryId: null, problem: `the chain head you kept (${kept}) is not in this change log: the history it anchored was changed or rebuilt` });
  });

  it('seals the entries of a workspace written before the chain, once, when it is upgraded', async () => {
    const path = join(tempDir(), 'old.pwb');
    openWorkspaceDatabase(path, { create: true }).close();
    // As version 0.1 (schema 170) left it: no hash column, entries without hashes.
    const raw = new Database(path);
    raw.exec(`ALTER TABLE incidents DROP COLUMN established_json; ALTER TABLE incidents DROP COLUMN small_agent; ALTER TABLE incidents DROP COLUMN processor_established_json;
      ALTER TABLE activities DROP COLUMN flagged_text_json; DROP TABLE register_import_layouts;
      ALTER TABLE retention_rules DROP COLUMN purposes_json; ALTER TABLE retention_rules DROP COLUMN retired_at; ALTER TABLE retention_rules DROP COLUMN retired_reason;
      ALTER TABLE retention_rules ADD COLUMN purpose TEXT; ALTER TABLE incidents DROP COLUMN closure_json;
      DROP TRIGGER change_log_no_update; DROP TRIGGER change_log_needs_hash; ALTER TABLE change_log DROP COLUMN hash;
      CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;`);
    raw.prepare(`INSERT INTO change_log (at, actor, entity, entity_id, action, before_json, after_json) VALUES ('2026-01-01T00:00:00.000Z', 'old', 'workspace', 'w', 'create', NULL, '{}')`).run();
    raw.prepare(`INSERT INTO change_log (at, actor, entity, entity_id, action, before_json, after_json) VALUES ('2026-01-02T00:00:00.000Z', 'old', 'workspace', 'w', 'update', '{}', '{"a":1}')`).run();
    raw.pragma('user_version = 170');
    raw.close();
    const result = check(path);
    expect(result.problems).toEqual([]);
    expect(result.head!.id).toBe(2);
    // Once sealed, a hash cannot be set again, and an entry cannot be added without one.
    const again = new Database(path);
    expect(() => again.prepare(`UPDATE change_log SET hash = 'x' WHERE id = 1`).run()).toThrow(/append-only/);
    expect(() => again.prepare(`INSERT INTO change_log (at, actor, entity, entity_id, action) VALUES ('2026-01-03T00:00:00.000Z', 'x', 'workspace', 'w', 'update')`).run()).toThrow(/needs its hash/);
    again.close();
  });

  it('treats an entry slipped in without a hash as a break (it is not sealed), and checks without writing the file', async () => {
    const path = await demo();
    tamper(path, (db) => {
      db.exec('DROP TRIGGER change_log_needs_hash');
      db.prepare(`INSERT INTO change_log (at, actor, entity, entity_id, action, before_json, after_json) VALUES ('2026-06-01T00:00:00.000Z', 'Anna Martin (anna)', 'workspace', 'w', 'update', NULL, '{}')`).run();
    });
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    const first = checkWorkspaceFile(path);
    const head = entryCount(path);
    expect(first.problems).toContainEqual({ entryId: head, problem: `entry ${head} has no hash` });
    // Opened by the app, it is still a break: nothing seals it.
    openWorkspaceDatabase(path).close();
    expect(checkWorkspaceFile(path).problems).toContainEqual({ entryId: head, problem: `entry ${head} has no hash` });
    const unchanged = createHash('sha256').update(readFileSync(path)).digest('hex');
    checkWorkspaceFile(path);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(unchanged);
    expect(before).toBeTruthy();
  });

  it('finds disposal evidence removed or changed, and recordings made undisposed, against the batch entry that sealed them', async () => {
    const dir = tempDir();
    const service = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date('2026-11-23T09:00:00.000Z') }));
    const path = (await service.createWorkspace({ passphrase: null, path: join(dir, 'calls.pwb') })).path;
    writeFileSync(join(dir, 'Master.csv'), [1, 2, 3, 4].map((n) => cdrLine({ start: `2026-03-0${n} 10:00:00`, uniqueid: `u.${n}` })).join('\n'));
    await service.importCallRecords({ path: join(dir, 'Master.csv'), zone: 'UTC', purposes: ['quality'] });
    await service.disposeDueRecordings({ recordsOnly: true });
    service.close();
    expect(check(path).problems).toEqual([]);
    tamper(path, (db) => {
      db.exec('DROP TRIGGER disposals_no_delete; DROP TRIGGER disposals_no_update;');
      db.prepare('DELETE FROM disposals WHERE recording_id = 1').run();
      db.prepare(`UPDATE disposals SET operator = 'someone else' WHERE recording_id = 2`).run();
      db.prepare(`UPDATE recordings SET status = 'retained' WHERE id = 3`).run();
    });
    const problems = check(path).problems.map((problem) => problem.problem);
    expect(problems).toContainEqual(expect.stringMatching(/^the disposal evidence of batch \S+ differs from what entry \d+ sealed/));
    expect(problems).toContain('recording 1 is marked disposed but has no disposal evidence');
    expect(problems).toContain('recording 3 has disposal evidence but is not marked disposed');
  });
});
