import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDatabase, workspaceApplicationId } from '../../db/connection';
import { latestSchemaVersion, migrations } from '../../db/migrations';
import { appendChange } from '../../db/repositories/changeLog';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const tableNames = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((row) => row.name);

describe('workspace database', () => {
  it('creates a workspace from empty with every migration, WAL, foreign keys and a busy timeout', () => {
    const path = join(tempDir(), 'new.pwb');
    const db = openWorkspaceDatabase(path, { create: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
      expect(db.pragma('application_id', { simple: true })).toBe(workspaceApplicationId);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      // FULL (2): in WAL mode NORMAL may lose an acknowledged commit to a power cut.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(tableNames(db)).toEqual(
        expect.arrayContaining(['activities', 'activity_processors', 'change_log', 'organisations', 'processors', 'workspace_meta']),
      );
    } finally {
      db.close();
    }
  });

  it('numbers migrations in strictly increasing order', () => {
    const versions = migrations.map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.every((version) => version > 0)).toBe(true);
  });

  it('opens an existing workspace again without re-running migrations', () => {
    const path = join(tempDir(), 'again.pwb');
    openWorkspaceDatabase(path, { create: true }).close();
    const db = openWorkspaceDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    db.close();
  });

  it('refuses a workspace written by a newer version and leaves the file byte for byte untouched', () => {
    const path = join(tempDir(), 'future.pwb');
    // Written the way real workspaces are: in WAL mode, then closed cleanly.
    const future = new Database(path);
    future.pragma('journal_mode = WAL');
    future.pragma(`application_id = ${workspaceApplicationId}`);
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma(`user_version = ${latestSchemaVersion + 10}`);
    future.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const before = sha256(path);

    expect(() => openWorkspaceDatabase(path)).toThrowError(/newer version of Privacy Workbench.*left untouched/s);
    try {
      openWorkspaceDatabase(path);
    } catch (error) {
      expect(error).toMatchObject({ code: 'workspace-too-new', field: 'path' });
    }
    expect(sha256(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  it('refuses a SQLite database of another program even when it carries no application id, and leaves it untouched', () => {
    const path = join(tempDir(), 'someone-elses.db');
    const db = new Database(path);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    db.close();
    const before = sha256(path);
    expect(() => openWorkspaceDatabase(path)).toThrowError(/a SQLite file but not a Privacy Workbench workspace; it was left untouched/);
    expect(sha256(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a zero-byte file instead of turning it into a new, empty workspace, and leaves it as it is', () => {
    const path = join(tempDir(), 'empty.pwb');
    writeFileSync(path, '');
    expect(() => openWorkspaceDatabase(path)).toThrowError(/empty \(0 bytes\), so it holds no workspace.*left untouched/s);
    expect(readFileSync(path).length).toBe(0);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a write-ahead log left by another copy of the file, leaving both untouched, and replays its own after a crash', () => {
    const dir = tempDir();
    // Two workspaces with the same tables and different contents (as two copies of a register drift apart).
    const make = (name: string, rows: number) => {
      const path = join(dir, name);
      const db = openWorkspaceDatabase(path, { create: true });
      db.prepare(`INSERT INTO workspace_meta (key, value) VALUES ('id', ?)`).run(name);
      for (let n = 0; n < rows; n += 1) appendChange(db, { at: '2026-12-01T00:00:00.000Z', actor: name, entity: 'workspace', entityId: name, action: 'update', before: null, after: { n, pad: 'x'.repeat(300) } });
      db.close();
      return path;
    };
    const laptop = make('laptop.pwb', 50);
    const synced = make('synced.pwb', 400);
    // The laptop's last writes, still in its log (the app running, or crashed): the log is copied as a sync service would.
    const running = new Database(laptop);
    running.pragma('wal_autocheckpoint = 0');
    for (let n = 0; n < 200; n += 1) {
      appendChange(running, { at: '2026-12-02T00:00:00.000Z', actor: 'laptop', entity: 'workspace', entityId: 'w', action: 'update', before: null, after: { n, pad: 'y'.repeat(300) } });
    }
    copyFileSync(`${laptop}-wal`, `${synced}-wal`);
    // A crash, in a copy: the file and its own log as the process left them.
    const crashed = join(dir, 'crashed.pwb');
    copyFileSync(laptop, crashed);
    copyFileSync(`${laptop}-wal`, `${crashed}-wal`);
    running.close();

    const before = { file: sha256(synced), log: sha256(`${synced}-wal`) };
    expect(() => openWorkspaceDatabase(synced)).toThrowError(/synced\.pwb-wal does not belong to .*synced\.pwb: .*Both were left untouched/s);
    expect({ file: sha256(synced), log: sha256(`${synced}-wal`) }).toEqual(before);
    expect(existsSync(`${synced}-shm`)).toBe(false);

    // Its own log is replayed: the last commits before the crash are there.
    const recovered = openWorkspaceDatabase(crashed);
    expect((recovered.prepare(`SELECT count(*) AS n FROM change_log WHERE actor = 'laptop'`).get() as { n: number }).n).toBe(200);
    expect(recovered.pragma('integrity_check', { simple: true })).toBe('ok');
    recovered.close();
  });

  it('refuses a damaged file (SQLite quick_check) with what is wrong, and leaves it as it is', () => {
    const path = join(tempDir(), 'damaged.pwb');
    const db = openWorkspaceDatabase(path, { create: true });
    for (let n = 0; n < 300; n += 1) appendChange(db, { at: '2026-12-01T00:00:00.000Z', actor: 'dpo', entity: 'workspace', entityId: 'w', action: 'update', before: null, after: { n, pad: 'z'.repeat(200) } });
    db.close();
    // Scribble over the middle of the last page (an index or table page), as a bad sector or a broken copy would.
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, bytes.length - pageSize + 8, bytes.length - 64);
    writeFileSync(path, bytes);
    const scribbled = sha256(path);
    expect(() => openWorkspaceDatabase(path)).toThrowError(/damaged: SQLite's quick_check found .*left as it is; restore it from a backup/s);
    expect(sha256(path)).toBe(scribbled);
  });

  it('refuses a file that is not a SQLite database, or a SQLite database of another application', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.pwb');
    writeFileSync(text, 'these are not the records you are looking for');
    expect(() => openWorkspaceDatabase(text)).toThrowError(/not a Privacy Workbench workspace \(not a SQLite file\)/);
    expect(readFileSync(text, 'utf8')).toBe('these are not the records you are looking for');

    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.pragma('application_id = 12345');
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => openWorkspaceDatabase(other)).toThrowError(/a SQLite file but not a Privacy Workbench workspace/);
  });

  it('says plainly when the file does not exist', () => {
    expect(() => openWorkspaceDatabase(join(tempDir(), 'missing.pwb'))).toThrowError(/No workspace file at/);
  });

  it('runs all pending migrations in one transaction: a failure leaves the file as it was', () => {
    const path = join(tempDir(), 'clash.pwb');
    const db = new Database(path);
    db.pragma(`application_id = ${workspaceApplicationId}`);
    // A table the first migration wants to create already exists, so that migration fails part-way.
    db.exec('CREATE TABLE change_log (x)');
    db.close();

    expect(() => openWorkspaceDatabase(path)).toThrowError(/change_log already exists/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(after)).toEqual(['change_log']);
    after.close();
  });

  it('keeps the change log append-only', () => {
    const db = openWorkspaceDatabase(join(tempDir(), 'log.pwb'), { create: true });
    const id = appendChange(db, { at: '2026-11-23T09:00:00.000Z', actor: 'dpo', entity: 'activity', entityId: 'a1', action: 'create', before: null, after: { name: 'x' } });
    expect(() => db.prepare('UPDATE change_log SET actor = ? WHERE id = ?').run('someone else', id)).toThrowError(/append-only/);
    expect(() => db.prepare('DELETE FROM change_log WHERE id = ?').run(id)).toThrowError(/append-only/);
    expect(db.prepare('SELECT actor FROM change_log WHERE id = ?').get(id)).toEqual({ actor: 'dpo' });
    db.close();
  });

  it('finds a record’s history through the change-log index, not a table scan', () => {
    const db = openWorkspaceDatabase(join(tempDir(), 'plan.pwb'), { create: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM change_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC`)
      .all('activity', 'a1') as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' | ')).toMatch(/USING (COVERING )?INDEX change_log_by_entity/);
    db.close();
  });
});
