import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent, Result } from '../../core/contract';
import type { CsvMapping } from '../../core/recordings/csvMapping';
import type { ImportJob } from '../../core/recordings/importJob';
import { cdrRowReader } from '../../core/recordings/callRows';
import { openWorkspaceDatabase } from '../../db/connection';
import { createWorkbenchService, type WorkbenchService } from '../../service';
import { importCallFile } from '../../service/callImport';
import { typedClient, type TypedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { importWorkerForTests } from '../support/importWorker';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
let workerPath: string;
beforeAll(async () => {
  workerPath = await importWorkerForTests();
});

async function open() {
  const dir = tempDir();
  const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date('2026-11-23T09:00:00.000Z'), importWorkerPath: workerPath }));
  await workbench.createWorkspace({ passphrase: null, path: join(dir, 'calls.pwb') });
  return { workbench, dir, workspace: join(dir, 'calls.pwb') };
}

/** Polls a job until it has ended, keeping every state seen on the way. */
async function settle(workbench: TypedClient<WorkbenchService>, job: ImportJob, seen: ImportJob[] = []): Promise<ImportJob> {
  let current = job;
  while (current.state === 'running') {
    await new Promise((wake) => setTimeout(wake, 20));
    current = await workbench.getImportJob({ jobId: job.id });
    seen.push(current);
  }
  return current;
}

/** The recordings table's indexes and triggers as SQLite holds them, and whether the day buckets agree with a full count. */
function schemaAndBuckets(workspace: string) {
  const db = new Database(workspace, { readonly: true });
  try {
    const schema = db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'recordings' ORDER BY type, name`).all();
    const buckets = db.prepare(`SELECT day, conflict, held, recordings FROM recording_buckets WHERE recordings > 0 ORDER BY 1, 2, 3`).all();
    const counted = db
      .prepare(`SELECT coalesce(substr(latest_delete_at, 1, 10), 'none') AS day, retention_conflict AS conflict, hold_count > 0 AS held, count(*) AS recordings FROM recordings WHERE status = 'retained' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
      .all();
    return { schema, bucketsAgree: JSON.stringify(buckets) === JSON.stringify(counted), buckets: buckets.length };
  } finally {
    db.close();
  }
}

const recordingCount = (workspace: string) => {
  const db = new Database(workspace, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM recordings`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

function masterCsv(dir: string, rows: number): string {
  const file = join(dir, 'Master.csv');
  const lines: string[] = [];
  for (let index = 0; index < rows; index += 1) {
    lines.push(cdrLine({ start: `2026-03-${String(1 + (index % 28)).padStart(2, '0')} 09:15:00`, uniqueid: `job.${index}`, src: `+336${String(index).padStart(8, '0')}` }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('call-record import jobs (a worker thread)', () => {
  it('reports progress in bytes and lines while it runs, then the counts', async () => {
    const { workbench, dir, workspace } = await open();
    const file = masterCsv(dir, 40_000);
    const schemaBefore = schemaAndBuckets(workspace).schema;
    const events: ChangeEvent[] = [];
    workbench.on('changed', (event) => events.push(event));
    const started = await workbench.startRecordingsImport({ path: file, source: 'asterisk', zone: 'Europe/Paris', purposes: ['quality'] });
    expect(started).toMatchObject({ state: 'running', path: file, source: 'asterisk', bytesRead: 0, finishedAt: null, result: null, error: null });
    const seen: ImportJob[] = [];
    const done = await settle(workbench, started, seen);
    expect(done).toMatchObject({ state: 'done', lines: 40_000, error: null, finishedAt: '2026-11-23T09:00:00.000Z' });
    expect(done.bytesRead).toBe(done.totalBytes);
    expect(done.result).toEqual({ imported: 40_000, duplicates: 0, skipped: 0, rejected: [], rejectedCount: 0 });
    // Some polls saw the import part way through.
    expect(seen.some((job) => job.state === 'running' && job.bytesRead > 0 && job.bytesRead < job.totalBytes && job.lines > 0)).toBe(true);
    expect(recordingCount(workspace)).toBe(40_000);
    // 40 000 lines take the bulk path (trigger and indexes set aside, then rebuilt): the schema is as it was, the buckets agree with a count.
    const after = schemaAndBuckets(workspace);
    expect(after.schema).toEqual(schemaBefore);
    expect(after.schema.length).toBeGreaterThan(10);
    expect(after.bucketsAgree).toBe(true);
    expect(after.buckets).toBeGreaterThan(0);
    // The import wrote after its call returned: its entry is announced when it ends, so the screens showing recordings ask again.
    expect(events.map((event) => [event.operation, event.entries.map((entry) => entry.entity)])).toEqual([['startRecordingsImport', ['call-import']]]);

    const again = await settle(workbench, await workbench.startRecordingsImport({ path: file, source: 'asterisk', zone: 'Europe/Paris' }));
    expect(again.result).toMatchObject({ imported: 0, duplicates: 40_000 });
    expect(recordingCount(workspace)).toBe(40_000);
    workbench.close();
  });

  it('keeps answering other calls within 100 ms while a long import runs', async () => {
    const dir = tempDir();
    const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date('2026-11-23T09:00:00.000Z'), importWorkerPath: workerPath }));
    await workbench.openDemoWorkspace();
    const file = masterCsv(dir, 300_000);
    const job = await workbench.startRecordingsImport({ path: file, source: 'asterisk', zone: 'UTC' });
    let state = job.state;
    const calls: Array<[string, () => Promise<Result<unknown>>]> = [
      ['listActivities', () => workbench.result.listActivities()],
      ['listIncidents', () => workbench.result.listIncidents()],
      ['getRegisterCompleteness', () => workbench.result.getRegisterCompleteness()],
      ['listRecordings', () => workbench.result.listRecordings({ view: 'retained' })],
      [
        'getImportJob',
        async () => {
          const result = await workbench.result.getImportJob({ jobId: job.id });
          if (result.ok) state = result.value.state;
          return result;
        },
      ],
    ];
    const waits: Array<{ name: string; asked: number; ms: number }> = [];
    // The last moment the import was seen running: calls asked before it ran beside the import (once
    // it has committed, reading 300 000 more recordings is the register's size, not a delay).
    let runningSeenAt = performance.now();
    for (let index = 0; state === 'running'; index += 1) {
      const [name, call] = calls[index % calls.length]!;
      const asked = performance.now();
      const result = await call();
      waits.push({ name, asked, ms: performance.now() - asked });
      expect(result.ok, name).toBe(true);
      if (name === 'getImportJob' && state === 'running') runningSeenAt = performance.now();
      await new Promise((wake) => setTimeout(wake, 5));
    }
    expect(state).toBe('done');
    const during = waits.filter((wait) => wait.asked < runningSeenAt);
    // Enough calls were made while the import held the workspace for the figure to mean something.
    expect(during.length).toBeGreaterThan(25);
    const slowest = during.reduce((worst, wait) => (wait.ms > worst.ms ? wait : worst));
    const times = during.map((wait) => wait.ms).sort((x, y) => x - y);
    const p99 = times[Math.ceil(times.length * 0.99) - 1]!;
    console.log(`${during.length} calls during the import: p99 ${Math.round(p99)} ms, slowest ${slowest.name} ${Math.round(slowest.ms)} ms`);
    // Not delayed by more than 100 ms (99 calls in 100; the odd one may lose the two cores to the
    // import's threads and another test file for a moment: seen once at 117 ms under CI), and none
    // waits for a stage of the import (in-process, calls waited seconds, if they were made at all).
    expect(p99).toBeLessThan(100);
    expect(slowest.ms, `${slowest.name} took ${Math.round(slowest.ms)} ms`).toBeLessThan(1000);
    workbench.close();
  }, 120_000);

  it('writes the same rows reading on a second thread (a job) as reading inline (the CLI), rejects and skips included', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    for (let index = 0; index < 30_000; index += 1) {
      if (index % 997 === 5) lines.push('"not","a","call"');
      else lines.push(cdrLine({ start: `2026-03-${String(1 + (index % 28)).padStart(2, '0')} 0${index % 10}:15:00`, uniqueid: `same.${index % 29_000}`, src: index % 7 ? `+336${String(index % 5000).padStart(8, '0')}` : '0612345678', disposition: index % 11 ? 'ANSWERED' : 'NO ANSWER', userfield: index % 3 ? `T-${index % 400}` : '' }));
    }
    const file = join(dir, 'Master.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const rowsOf = (workspace: string) => {
      const db = new Database(workspace, { readonly: true });
      try {
        return db.prepare(`SELECT id, call_key, call_start, caller_ref, caller_ref_kind, ticket_id, earliest_delete_at, latest_delete_at, source_line FROM recordings ORDER BY id`).all();
      } finally {
        db.close();
      }
    };
    const inline = await open();
    await inline.workbench.setRecordingSettings({ folder: null, backupRetentionDays: 30, callerCountry: 'FR' });
    const inlineResult = await inline.workbench.importCallRecords({ path: file, zone: 'Europe/Paris', purposes: ['quality'] });
    const parallel = await open();
    await parallel.workbench.setRecordingSettings({ folder: null, backupRetentionDays: 30, callerCountry: 'FR' });
    const job = await settle(parallel.workbench, await parallel.workbench.startRecordingsImport({ path: file, source: 'asterisk', zone: 'Europe/Paris', purposes: ['quality'] }));
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ imported: inlineResult.imported, duplicates: inlineResult.duplicates, skipped: inlineResult.skipped, rejectedCount: (inlineResult.rejected as unknown[]).length });
    expect(job.result!.duplicates).toBeGreaterThan(0);
    expect(job.result!.rejectedCount).toBeGreaterThan(0);
    // Each workspace has its own caller key: compare everything but the hashes, then that the hashes group callers alike.
    const a = rowsOf(inline.workspace) as Array<Record<string, unknown>>;
    const b = rowsOf(parallel.workspace) as Array<Record<string, unknown>>;
    expect(a.length).toBe(inlineResult.imported);
    const without = (rows: Array<Record<string, unknown>>) => rows.map(({ caller_ref: _ref, ...rest }) => rest);
    expect(without(b)).toEqual(without(a));
    const groups = (rows: Array<Record<string, unknown>>) => rows.map((row) => rows.findIndex((other) => other.caller_ref === row.caller_ref));
    expect(groups(b.slice(0, 3000))).toEqual(groups(a.slice(0, 3000)));
    inline.workbench.close();
    parallel.workbench.close();
  }, 120_000);

  it('gives up on a reading thread that died, naming the file, with nothing written and the schema as it was', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'dead-reader.pwb');
    const file = masterCsv(dir, 25_000);
    const broken = join(dir, 'broken-reader.cjs');
    writeFileSync(broken, "throw new Error('a broken bundle');\n");
    const db = openWorkspaceDatabase(workspace, { create: true });
    const schemaBefore = schemaAndBuckets(workspace).schema;
    const asked = performance.now();
    expect(() =>
      importCallFile(db, file, cdrRowReader('UTC'), { zone: 'UTC', purposes: ['quality'], keepNumbers: false, actor: 'dpo' }, '2026-11-23T09:00:00.000Z', {
        workerPath: broken,
        reader: { mapping: null, zone: 'UTC' },
        silenceMs: 500,
      }),
    ).toThrow(/Reading Master\.csv stopped \(no sign of the reading thread for 1 s\); nothing was imported/);
    // Given up after its silence, not after minutes.
    expect(performance.now() - asked).toBeLessThan(10_000);
    db.close();
    expect(recordingCount(workspace)).toBe(0);
    expect(schemaAndBuckets(workspace).schema).toEqual(schemaBefore);
  });

  it('cancels without writing anything, and refuses a second import while one runs', async () => {
    const { workbench, dir, workspace } = await open();
    const file = masterCsv(dir, 150_000);
    const schemaBefore = schemaAndBuckets(workspace).schema;
    const job = await workbench.startRecordingsImport({ path: file, source: 'asterisk', zone: 'UTC' });
    const second = await workbench.result.startRecordingsImport({ path: file, source: 'asterisk', zone: 'UTC' });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict', field: 'path', message: expect.stringContaining('An import is already running in this workspace') } });
    let current = job;
    while (current.state === 'running' && current.lines === 0) {
      await new Promise((wake) => setTimeout(wake, 10));
      current = await workbench.getImportJob({ jobId: job.id });
    }
    expect(current.state).toBe('running');
    await workbench.cancelImportJob({ jobId: job.id });
    const ended = await settle(workbench, current);
    expect(ended).toMatchObject({ state: 'cancelled', result: null });
    expect(ended.lines).toBeLessThan(150_000);
    expect(recordingCount(workspace)).toBe(0);
    // Cancelled part way along the bulk path: the indexes and trigger it had set aside are back with the rollback.
    expect(schemaAndBuckets(workspace).schema).toEqual(schemaBefore);
    expect(await workbench.sweepRecordings()).toEqual({ due: 0, held: 0, conflicts: 0, retained: 0 });
    expect(await workbench.result.getImportJob({ jobId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'jobId' } });
    workbench.close();
  });

  it('answers a write made during a running import at once with busy, saying why', async () => {
    const { workbench, dir } = await open();
    const file = masterCsv(dir, 400_000);
    const job = await workbench.startRecordingsImport({ path: file, source: 'asterisk', zone: 'UTC' });
    let current = job;
    while (current.state === 'running' && current.lines === 0) {
      await new Promise((wake) => setTimeout(wake, 10));
      current = await workbench.getImportJob({ jobId: job.id });
    }
    const asked = performance.now();
    const write = await workbench.result.saveCsvMapping({ name: 'During', delimiter: ',', hasHeading: false, timeFormat: 'iso8601', columns: { start: 1, duration: 2 } });
    const waited = performance.now() - asked;
    const stillRunning = (await workbench.getImportJob({ jobId: job.id })).state === 'running';
    await workbench.cancelImportJob({ jobId: job.id });
    await settle(workbench, current);
    // Only meaningful if the import still held the workspace when the write gave up.
    expect(stillRunning).toBe(true);
    expect(write).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringContaining('An import of call records') } });
    // Answered at once (the service's busy timeout is 100 ms), not after the 5 s a connection used to wait.
    expect(waited).toBeLessThan(1000);
    expect(await workbench.listCsvMappings()).toEqual([]);
    workbench.close();
  }, 60_000);

  it('reports a failure (a mapped heading the file lacks) and writes nothing', async () => {
    const { workbench, dir, workspace } = await open();
    const file = join(dir, 'calls.csv');
    writeFileSync(file, 'When,Seconds\n2026-03-27T09:15:00Z,60\n');
    const mapping = await workbench.saveCsvMapping({ name: 'Hosted PBX', delimiter: ',', hasHeading: true, timeFormat: 'iso8601', columns: { start: 'Started', duration: 'Seconds' } });
    const job = await settle(workbench, await workbench.startRecordingsImport({ path: file, source: 'mapping', mappingId: mapping.id, zone: 'UTC' }));
    expect(job).toMatchObject({ state: 'failed', result: null, mappingName: 'Hosted PBX' });
    expect(job.error).toBe('line 1: the heading row has no column "Started" (call start); its headings are "When", "Seconds". Nothing was written.');
    expect(recordingCount(workspace)).toBe(0);
    expect(await workbench.result.startRecordingsImport({ path: file, source: 'mapping', zone: 'UTC' })).toMatchObject({ ok: false, error: { field: 'mappingId' } });
    expect(await workbench.result.startRecordingsImport({ path: join(dir, 'none.csv'), source: 'asterisk', zone: 'UTC' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'path' } });
    expect(await workbench.result.startRecordingsImport({ path: file, source: 'asterisk', zone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { field: 'zone' } });
    workbench.close();
  });

  it('lists the first thousand rejected lines of a file of bad lines, and counts them all', async () => {
    const { workbench, dir } = await open();
    const file = join(dir, 'Master.csv');
    writeFileSync(file, `${Array.from({ length: 2500 }, (_, index) => `bad,line,${index}`).join('\n')}\n`);
    const job = await settle(workbench, await workbench.startRecordingsImport({ path: file, source: 'asterisk', zone: 'UTC' }));
    expect(job.result).toMatchObject({ imported: 0, rejectedCount: 2500 });
    expect(job.result!.rejected).toHaveLength(1000);
    expect(job.result!.rejected[999]).toEqual({ line: 1000, reason: expect.stringContaining('has 3 columns') });
    workbench.close();
  });
});

describe('saved CSV column mappings', () => {
  const importWith = async (workbench: TypedClient<WorkbenchService>, file: string, mapping: CsvMapping, zone = 'Europe/Paris') =>
    settle(workbench, await workbench.startRecordingsImport({ path: file, source: 'mapping', mappingId: mapping.id, zone, keepNumbers: true }));
  const starts = (workspace: string) => {
    const db = new Database(workspace, { readonly: true });
    try {
      return db.prepare(`SELECT call_start AS start, caller_ref AS caller, agent, ticket_id AS ticket, direction, billable_seconds AS billable FROM recordings ORDER BY source_line`).all();
    } finally {
      db.close();
    }
  };

  it('reads each time format in the zone given (or the offset written), by column number without a heading', async () => {
    const cases: Array<[CsvMapping['timeFormat'], string, string]> = [
      ['iso8601', '2026-03-27T09:15:00', '2026-03-27T08:15:00.000Z'],
      ['iso8601', '2026-03-27T09:15:00-04:00', '2026-03-27T13:15:00.000Z'],
      ['iso8601', '2026-07-01T09:15:00.250Z', '2026-07-01T09:15:00.250Z'],
      ['ymd-hms', '2026-07-01 09:15:30', '2026-07-01T07:15:30.000Z'],
      ['dmy-hm', '03/04/2026 09:15', '2026-04-03T07:15:00.000Z'],
      ['mdy-hm', '03/04/2026 09:15', '2026-03-04T08:15:00.000Z'],
      ['epoch-seconds', '1774599300', '2026-03-27T08:15:00.000Z'],
    ];
    for (const [format, text, expected] of cases) {
      const { workbench, dir, workspace } = await open();
      const file = join(dir, 'calls.csv');
      writeFileSync(file, `u1;${text};95\n`);
      const mapping = await workbench.saveCsvMapping({ name: 'Export', delimiter: ';', hasHeading: false, timeFormat: format, columns: { start: 2, billableSeconds: 3, uniqueid: 1 } });
      const job = await importWith(workbench, file, mapping);
      expect(job.result, `${format} ${text}`).toMatchObject({ imported: 1, rejectedCount: 0 });
      expect(starts(workspace), `${format} ${text}`).toMatchObject([{ start: expected, billable: 95, direction: 'inbound' }]);
      workbench.close();
    }
  });

  it('reads quoted fields by heading, skips unanswered calls, names the line and column of a bad value, and adds nothing again', async () => {
    const { workbench, dir, workspace } = await open();
    const file = join(dir, 'export.csv');
    writeFileSync(
      file,
      [
        '\uFEFFCall ID;Started;Talk time;Status;Way;Agent;From;Ticket',
        'a1;27/03/2026 09:15;0:02:05;ANSWERED;in;"Dupont; Marie";+33 6 12 34 56 78;"T-""7"""',
        'a2;27/03/2026 09:20;60;NO ANSWER;in;Marie;+33 6 12 34 56 79;',
        'a3;32/03/2026 09:25;60;ANSWERED;in;Marie;+33 6 12 34 56 80;',
        'a4;27/03/2026 09:30;sixty;ANSWERED;out;Marie;+33 6 12 34 56 81;',
        'a5;27/03/2026 09:35;60;ANSWERED;sideways;Marie;+33 6 12 34 56 82;',
        'a6;27/03/2026 09:40;60;maybe;in;Marie;+33 6 12 34 56 83;',
        'a7;27/03/2026 09:45;60',
        'a8;27/03/2026 09:50;45;yes;OUT;Paul;0612345684;T-9',
        '',
      ].join('\r\n'),
    );
    const preview = await workbench.previewCsvFile({ path: file });
    expect(preview.delimiter).toBe(';');
    expect(preview.firstRow).toEqual(['Call ID', 'Started', 'Talk time', 'Status', 'Way', 'Agent', 'From', 'Ticket']);
    expect(preview.rows[0]).toEqual(['a1', '27/03/2026 09:15', '0:02:05', 'ANSWERED', 'in', 'Dupont; Marie', '+33 6 12 34 56 78', 'T-"7"']);
    expect(preview.rows).toHaveLength(8);

    const mapping = await workbench.saveCsvMapping({
      name: 'Contact centre',
      delimiter: ';',
      hasHeading: true,
      timeFormat: 'dmy-hm',
      columns: { start: 'started', billableSeconds: 'Talk time', answered: 'Status', direction: 'Way', agent: 'Agent', callerNumber: 'From', uniqueid: 'Call ID', ticketId: 'Ticket' },
    });
    const first = await importWith(workbench, file, mapping);
    expect(first.result).toEqual({
      imported: 2,
      duplicates: 0,
      skipped: 1,
      rejectedCount: 5,
      rejected: [
        { line: 4, reason: 'call start (column "started"): "32/03/2026 09:25" is not a date and time as DD/MM/YYYY HH:MM' },
        { line: 5, reason: 'billable seconds (column "Talk time"): "sixty" is not a whole number of seconds (or H:MM:SS)' },
        { line: 6, reason: 'direction (column "Way"): "sideways" is not a direction (inbound, outbound or internal)' },
        { line: 7, reason: expect.stringMatching(/^answered or disposition \(column "Status"\): "maybe" is neither/) },
        { line: 8, reason: 'has 3 columns; the mapping reads column 8' },
      ],
    });
    expect(starts(workspace)).toEqual([
      { start: '2026-03-27T08:15:00.000Z', caller: '+33 6 12 34 56 78', agent: 'Dupont; Marie', ticket: 'T-"7"', direction: 'inbound', billable: 125 },
      { start: '2026-03-27T08:50:00.000Z', caller: '0612345684', agent: 'Paul', ticket: 'T-9', direction: 'outbound', billable: 45 },
    ]);
    const again = await importWith(workbench, file, mapping);
    expect(again.result).toMatchObject({ imported: 0, duplicates: 2, skipped: 1, rejectedCount: 5 });
    expect(starts(workspace)).toHaveLength(2);
    workbench.close();
  });

  it('are saved, renamed and deleted with change-log entries; names are unique and columns checked', async () => {
    const { workbench } = await open();
    const input = { name: 'Hosted PBX', delimiter: ',', hasHeading: true, timeFormat: 'ymd-hms', columns: { start: 'Start', duration: 'Duration' } } as const;
    const saved = await workbench.saveCsvMapping(input);
    expect(saved).toMatchObject({ name: 'Hosted PBX', hasHeading: true, columns: { start: 'Start', duration: 'Duration', answered: null } });
    expect(await workbench.result.saveCsvMapping({ ...input, name: 'hosted pbx' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    expect(await workbench.result.saveCsvMapping({ ...input, hasHeading: false })).toMatchObject({ ok: false, error: { field: 'columns.start', message: expect.stringContaining('give the column number') } });
    expect(await workbench.result.saveCsvMapping({ ...input, columns: { start: 'Start' } })).toMatchObject({ ok: false, error: { field: 'columns.duration' } });
    const renamed = await workbench.saveCsvMapping({ ...input, id: saved.id, name: 'Hosted PBX (2026)' });
    expect(renamed).toMatchObject({ id: saved.id, name: 'Hosted PBX (2026)' });
    expect((await workbench.listCsvMappings()).map((mapping) => mapping.name)).toEqual(['Hosted PBX (2026)']);
    await workbench.deleteCsvMapping({ id: saved.id });
    expect(await workbench.listCsvMappings()).toEqual([]);
    const history = await workbench.getChangeLog({ entity: 'csv-mapping', entityId: saved.id });
    expect(history.map((entry) => entry.action)).toEqual(['delete', 'update', 'create']);
    expect(await workbench.result.deleteCsvMapping({ id: saved.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    workbench.close();
  });
});

describe('out-of-range values', () => {
  it('rejects a duration no SQLite integer holds, and one longer than a week, with the line and column, and imports the rest', async () => {
    const { workbench, dir, workspace } = await open();
    const file = join(dir, 'Master.csv');
    writeFileSync(
      file,
      [
        cdrLine({ start: '2026-03-01 09:15:00', uniqueid: 'ok.1' }),
        // The tester's line: a duration past every integer type (as written in the file, not as a JavaScript number).
        cdrLine({ start: '2026-03-01 09:16:00', uniqueid: 'bad.1', duration: 120 }).replace(',120,', ',99999999999999999999,'),
        cdrLine({ start: '2026-03-01 09:17:00', uniqueid: 'bad.2', billsec: 8 * 86_400 }),
        cdrLine({ start: '2026-03-01 09:18:00', uniqueid: 'ok.2', duration: 7 * 86_400, billsec: 7 * 86_400 }),
      ].join('\n'),
    );
    const summary = await workbench.importCallRecords({ path: file, zone: 'UTC' });
    expect(summary.imported).toBe(2);
    expect(summary.rejected).toEqual([
      { line: 2, reason: 'duration: "99999999999999999999" is out of range (a call lasts at most 604800 seconds, 7 days)' },
      { line: 3, reason: 'billsec: "691200" is out of range (a call lasts at most 604800 seconds, 7 days)' },
    ]);
    expect(recordingCount(workspace)).toBe(2);
    workbench.close();
  });
});
