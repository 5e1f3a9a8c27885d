import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/workspace';

/**
 * SQL lives in db/repositories (house style 4; issue 19, point 10): the service decides the
 * transactions and calls named repository functions. This scans service/**\/*.ts for statements
 * (`.prepare(`, `.exec(` of a database, `.pragma(`, SQL text in a string) and fails on any the
 * allow-list below does not name, with its file and line.
 */
const allowed: Array<{ file: string; line: RegExp; why: string }> = [
  // docs/ARCHITECTURE.md, "SQL in repositories", says why each of these stays.
  { file: 'service/workspaceFiles.ts', line: /\.prepare\('VACUUM INTO \?'\)/, why: 'a backup is a VACUUM INTO copy of the whole file, not a statement about records' },
  { file: 'service/workspaceFiles.ts', line: /\.exec\('(BEGIN EXCLUSIVE|COMMIT)'\)/, why: 'takes the exclusive file lock before a restore or re-encryption replaces the file' },
  { file: 'service/workspaceFiles.ts', line: /\.pragma\('(application_id|user_version|quick_check|busy_timeout = 0|locking_mode = EXCLUSIVE|journal_mode = DELETE|wal_checkpoint\(TRUNCATE\))'/, why: 'file mechanics: what the file is, its locking and journal while it is copied' },
  { file: 'service/workspace.ts', line: /\.pragma\(`busy_timeout = /, why: "the open connection's wait for other writers, set by the workspace manager" },
  { file: 'service/workspaceCheck.ts', line: /\.pragma\('(integrity_check|foreign_key_check)'\)/, why: "SQLite's own checks of the file, run by `workspace check`" },
];

const statementPatterns = [
  /\.prepare\s*\(/,
  /\.pragma\s*\(/,
  // A database's exec; a regular expression literal's exec (/…/.exec(text)) is not SQL.
  /(?<!\/[dgimsuvy]*)\.exec\s*\(/,
  /[`'"](SELECT|WITH|INSERT|UPDATE \w+ SET|DELETE FROM|REPLACE INTO|CREATE|DROP|ALTER|VACUUM|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|PRAGMA|ATTACH|DETACH)\b/,
];

/** The lines of the given files that hold SQL the allow-list does not name, as "file:line: text". */
function strayStatements(files: Array<{ file: string; text: string }>): string[] {
  const stray: string[] = [];
  for (const { file, text } of files) {
    text.split('\n').forEach((line, index) => {
      if (!statementPatterns.some((pattern) => pattern.test(line))) return;
      if (allowed.some((entry) => entry.file === file && entry.line.test(line))) return;
      stray.push(`${file}:${index + 1}: ${line.trim()}`);
    });
  }
  return stray;
}

function serviceFiles(): Array<{ file: string; text: string }> {
  const found: Array<{ file: string; text: string }> = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) found.push({ file: relative(repoRoot, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(repoRoot, 'service'));
  return found;
}

describe('SQL stays in db/repositories', () => {
  it('finds no statement in service/ outside the allow-list', () => {
    const files = serviceFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(strayStatements(files)).toEqual([]);
  });

  it('names the file and line of a stray statement, and lets a regular expression exec pass', () => {
    const text = [
      `const match = /^bytes=(\\d+)-/.exec(range);`,
      `const rows = db.prepare('SELECT 1').all();`,
      `const more = db`,
      `  .prepare(`,
      '    `SELECT id FROM recordings WHERE status = ?`,',
      `  );`,
      `db.exec('DELETE FROM recordings');`,
      `db.pragma('foreign_keys = OFF');`,
      `db.prepare('VACUUM INTO ?').run(out);`,
    ].join('\n');
    expect(strayStatements([{ file: 'service/stray.ts', text }])).toEqual([
      `service/stray.ts:2: const rows = db.prepare('SELECT 1').all();`,
      `service/stray.ts:4: .prepare(`,
      'service/stray.ts:5: `SELECT id FROM recordings WHERE status = ?`,',
      `service/stray.ts:7: db.exec('DELETE FROM recordings');`,
      `service/stray.ts:8: db.pragma('foreign_keys = OFF');`,
      // Allowed only in the file the allow-list names.
      `service/stray.ts:9: db.prepare('VACUUM INTO ?').run(out);`,
    ]);
    expect(strayStatements([{ file: 'service/workspaceFiles.ts', text: `    db.prepare('VACUUM INTO ?').run(partial);` }])).toEqual([]);
  });
});
