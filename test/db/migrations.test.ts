import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('turns a zero-byte file into a workspace that opens again', () => {
    const path = join(tempDir(), 'empty.pwb');
    writeFileSync(path, '');
    openWorkspaceDatabase(path).close();
    const again = openWorkspaceDatabase(path);
    expect(again.pragma('application_id', { simple: true })).toBe(workspaceApplicationId);
    expect(again.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    again.close();
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
