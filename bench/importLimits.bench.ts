import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { cdrRowReader } from '../core/recordings/callRows';
import { openWorkspaceDatabase } from '../db/connection';
import { createWorkbenchService } from '../service';
import { importCallFile } from '../service/callImport';
import { cdrLine } from '../test/support/cdr';
import { importWorkerForTests } from '../test/support/importWorker';

/**
 * Imports against SQLite's own speed (issue 18, point 5): a Master.csv imported as the app does it
 * (the import worker's path: its own connection to a workspace with every pragma, index and trigger,
 * the file read and checked on the reading thread beside it: each line parsed, callers hashed,
 * retention dates; one transaction, the change-log entry), side by side with `sqlite3 .import` of the same file into a plain table whose unique key
 * is the call's uniqueid. Target: at most 3 times. BENCH_IMPORT_LINES sets the sizes (default
 * 200 000 and 1 000 000). Numbers in docs/PERFORMANCE.md.
 */
const sizes = (process.env.BENCH_IMPORT_LINES ?? '200000,1000000').split(',').map(Number);
const root = mkdtempSync(join(tmpdir(), 'pwb-bench-import-'));
// The reading thread the app's import worker starts beside itself (built from the source, as the tests do).
const readWorkerPath = join(dirname(await importWorkerForTests()), 'call-read.cjs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const base = Date.UTC(2025, 0, 1);
const stamp = (index: number) => new Date(base + index * 30_000).toISOString().slice(0, 19).replace('T', ' ');
function masterCsv(lines: number): string {
  const file = join(root, `Master-${lines}.csv`);
  const rows: string[] = [];
  for (let index = 0; index < lines; index += 1) {
    rows.push(
      cdrLine({
        start: stamp(index),
        uniqueid: `${1735689600 + index}.${index}`,
        src: `+3361${String(index % 250_000).padStart(7, '0')}`,
        disposition: index % 10 === 0 ? 'NO ANSWER' : 'ANSWERED',
        billsec: index % 10 === 0 ? 0 : 95,
        userfield: index % 3 === 0 ? `T-${index % 5000}` : '',
        columns: 18,
      }),
    );
  }
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

let counter = 0;
const scratch = (name: string) => join(root, `${name}-${(counter += 1)}.db`);
const columns = ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield'];

for (const lines of sizes) {
  const file = masterCsv(lines);
  describe(`${lines.toLocaleString('en')} Master.csv lines`, () => {
    bench(
      'sqlite3 .import into a plain table with a unique key (uniqueid)',
      () => {
        const target = scratch('sqlite3');
        const made = spawnSync('sqlite3', [target, `CREATE TABLE cdr (${columns.join(' TEXT, ')} TEXT, UNIQUE (uniqueid))`, '.import --csv ' + file + ' cdr'], { encoding: 'utf8' });
        if (made.status !== 0 || made.stderr) throw new Error(`sqlite3 .import failed: ${made.stderr}`);
        rmSync(target, { force: true });
      },
      { iterations: 3, warmupIterations: 0, warmupTime: 0, time: 0 },
    );
    // The workspaces exist (as in the app) before the import is timed: creating one (22 migrations) is not the import.
    const ready = Array.from({ length: 8 }, () => {
      const target = scratch('workspace');
      openWorkspaceDatabase(target, { create: true }).close();
      return target;
    });
    bench(
      'the app: import worker path into a workspace (every check, index and trigger)',
      () => {
        const target = ready.shift();
        if (!target) throw new Error('no workspace prepared for this run');
        const db = openWorkspaceDatabase(target, { alreadyChecked: true });
        const result = importCallFile(db, file, cdrRowReader('Europe/Paris'), { zone: 'Europe/Paris', purposes: ['quality'], keepNumbers: false, actor: 'bench' }, new Date().toISOString(), {
          workerPath: readWorkerPath,
          reader: { mapping: null, zone: 'Europe/Paris' },
        });
        if (result.imported !== lines - Math.ceil(lines / 10)) throw new Error(`imported ${result.imported} of ${lines}`);
        db.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
      },
      { iterations: 3, warmupIterations: 0, warmupTime: 0, time: 0 },
    );
  });
}

/**
 * The register import against a bare insert of the same rows: 10 000 CSV rows read, mapped,
 * matched, checked and written with one change-log entry each (hash chain included), through the
 * service; against the activities rows that import wrote, read back and inserted into a fresh
 * workspace with one prepared statement in one transaction.
 */
const registerRows = Number(process.env.BENCH_REGISTER_ROWS ?? 10_000);
const names = ['Smarp Oy', 'SmarTek21 LLC', 'SmarterTools Inc.', 'Smartner Oy', 'Smartt Ltd'];
const registerCsv = [
  'Controller,Processing activity,Purpose of processing,Categories of personal data,Categories of individuals,Retention schedule (if possible),Article 6 lawful basis for processing personal data',
  ...Array.from({ length: registerRows }, (_, index) =>
    [names[index % 5], `Generated activity ${index}`, `Purpose ${index % 17}`, index % 3 ? 'Identity;Contact details' : 'Identity', index % 4 ? 'customers' : '', index % 5 ? '3 years' : '', index % 2 ? 'Contract' : ''].join(','),
  ),
].join('\n');

async function registerWorkspace(name: string) {
  const dir = join(root, `${name}-${(counter += 1)}`);
  const service = createWorkbenchService({ dataDir: dir, actor: 'bench' });
  const path = join(dir, 'register.pwb');
  const created = await service.call('createWorkspace', { path, passphrase: null });
  if (!created.ok) throw new Error(created.error.message);
  for (const organisation of names) await service.call('createOrganisation', { name: organisation });
  return { service, path };
}

// The rows the import writes, read back once (untimed) for the bare insert.
const reference = await registerWorkspace('reference');
await reference.service.call('importRegister', { format: 'csv', content: registerCsv });
reference.service.close();
const readBack = openWorkspaceDatabase(reference.path);
const activityColumns = (readBack.prepare(`SELECT name FROM pragma_table_info('activities')`).all() as Array<{ name: string }>).map((column) => column.name);
const activityRows = readBack.prepare(`SELECT * FROM activities`).raw().all() as unknown[][];
const organisationRows = readBack.prepare(`SELECT * FROM organisations`).raw().all() as unknown[][];
readBack.close();

describe(`register import of ${registerRows.toLocaleString('en')} rows`, () => {
  bench(
    'bare insert of the same activities rows (one prepared statement, one transaction)',
    async () => {
      const { service, path } = await registerWorkspace('bare');
      service.close();
      const db = openWorkspaceDatabase(path);
      db.exec('DELETE FROM organisations');
      const organisations = db.prepare(`INSERT INTO organisations VALUES (${organisationRows[0]!.map(() => '?').join(', ')})`);
      const insert = db.prepare(`INSERT INTO activities (${activityColumns.join(', ')}) VALUES (${activityColumns.map(() => '?').join(', ')})`);
      db.transaction(() => {
        for (const row of organisationRows) organisations.run(row);
        for (const row of activityRows) insert.run(row);
      })();
      db.close();
    },
    { iterations: 3, warmupIterations: 0, warmupTime: 0, time: 0 },
  );
  bench(
    'the app: importRegister through the service (read, map, match, check, write, change log)',
    async () => {
      const { service } = await registerWorkspace('import');
      const result = await service.call('importRegister', { format: 'csv', content: registerCsv });
      if (!result.ok || (result.value as { imported: number }).imported !== registerRows) throw new Error(`import failed: ${JSON.stringify(result).slice(0, 300)}`);
      service.close();
    },
    { iterations: 3, warmupIterations: 0, warmupTime: 0, time: 0 },
  );
});
