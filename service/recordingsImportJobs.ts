import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { splitCsvLine } from '../core/recordings/csvLine';
import { csvDelimiters, type CsvMapping } from '../core/recordings/csvMapping';
import type { CsvFilePreview, ImportJob } from '../core/recordings/importJob';
import * as mappings from '../db/repositories/csvMappings';
import type { Db } from '../db/types';
import type { ImportWorkerData, ImportWorkerMessage } from './recordingsImportWorker';
import { checkImportInput } from './recordings';
import { notFound, writeWithLog, type ServiceContext } from './session';
import { workerWorkspaceOf } from './workerWorkspace';
import { chainHead } from '../db/repositories/changeLog';

type ImportHandlers = Pick<
  Handlers,
  'startRecordingsImport' | 'getImportJob' | 'cancelImportJob' | 'listCsvMappings' | 'saveCsvMapping' | 'deleteCsvMapping' | 'previewCsvFile'
>;

export interface RecordingImportOptions {
  /** The bundled worker entry (dist/worker/recordings-import.cjs); imports in the background need it. */
  workerPath: string | undefined;
  /** better-sqlite3 addon for the worker's own connection (Electron passes its own build). */
  nativeBinding: string | undefined;
  /** Called when an import has written its records: the change-log entries after `sinceEntry` are its own (the service announces them). */
  written?: (db: Db, sinceEntry: number) => void;
}

interface RunningImport {
  job: ImportJob;
  workspacePath: string;
  worker: Worker;
  cancelFlag: Int32Array;
}

/** Jobs kept for polling after they end (the newest). */
const keptJobs = 20;

/**
 * Call-record imports as background jobs, one worker thread each, and the saved CSV column mappings
 * they can read files through. The worker holds the workspace's write transaction until it ends:
 * `explainBusy` says so to a write that waited for it in vain.
 */
export function recordingImportHandlers(context: ServiceContext, options: RecordingImportOptions) {
  const jobs = new Map<string, RunningImport>();
  const runningIn = (workspacePath: string) => [...jobs.values()].find((entry) => entry.job.state === 'running' && entry.workspacePath === workspacePath);
  const snapshot = (job: ImportJob): ImportJob => ({ ...job, result: job.result && { ...job.result, rejected: [...job.result.rejected] } });
  const finish = (entry: RunningImport, changes: Partial<ImportJob>) => {
    if (entry.job.state !== 'running') return;
    Object.assign(entry.job, changes, { finishedAt: context.now() });
    const ended = [...jobs.values()].filter((other) => other.job.state !== 'running');
    for (const old of ended.slice(0, Math.max(0, ended.length - keptJobs))) jobs.delete(old.job.id);
  };
  const loadJob = (jobId: string) => {
    const entry = jobs.get(jobId);
    if (!entry) throw notFound('import job', jobId, 'jobId');
    return entry;
  };
  const loadMapping = (id: string, field = 'id') => {
    const mapping = mappings.getCsvMapping(context.db(), id);
    if (!mapping) throw notFound('CSV mapping', id, field);
    return mapping;
  };

  const handlers: ImportHandlers = {
    startRecordingsImport: ({ path, source, mappingId, zone, purposes, keepNumbers }) => {
      const db = context.db();
      checkImportInput(path, zone);
      const mapping = source === 'mapping' ? loadMapping(mappingId!, 'mappingId') : null;
      const running = runningIn(db.name);
      if (running) {
        throw new WorkbenchError('conflict', `An import is already running in this workspace (${running.job.path}); wait for it to finish or cancel it.`, 'path');
      }
      if (!options.workerPath || !existsSync(options.workerPath)) {
        throw new WorkbenchError('io', `The import worker is missing (${options.workerPath ?? 'not configured'}): build the app again (npm run build).`);
      }
      const cancelFlag = new SharedArrayBuffer(4);
      const data: ImportWorkerData = {
        ...workerWorkspaceOf(context, options.nativeBinding),
        actor: context.actor,
        path,
        mapping: mapping && { delimiter: mapping.delimiter, hasHeading: mapping.hasHeading, timeFormat: mapping.timeFormat, columns: mapping.columns },
        zone,
        purposes,
        keepNumbers,
        now: context.now(),
        cancelFlag,
        // The reading thread beside the import worker (dist/worker), when it is there.
        ...(existsSync(join(dirname(options.workerPath), 'call-read.cjs')) ? { readWorkerPath: join(dirname(options.workerPath), 'call-read.cjs') } : {}),
      };
      const job: ImportJob = {
        id: context.newId(),
        state: 'running',
        path,
        source,
        mappingName: mapping?.name ?? null,
        bytesRead: 0,
        totalBytes: statSync(path).size,
        lines: 0,
        startedAt: context.now(),
        finishedAt: null,
        result: null,
        error: null,
      };
      const headAtStart = chainHead(db)?.id ?? 0;
      const worker = new Worker(options.workerPath, { workerData: data });
      const entry: RunningImport = { job, workspacePath: db.name, worker, cancelFlag: new Int32Array(cancelFlag) };
      jobs.set(job.id, entry);
      worker.on('message', (message: ImportWorkerMessage) => {
        if (message.type === 'progress') Object.assign(job, { bytesRead: message.bytesRead, totalBytes: message.totalBytes, lines: message.lines });
        else if (message.type === 'failed') finish(entry, { state: 'failed', error: `${message.message.replace(/\.?$/, '.')} Nothing was written.` });
        else if (message.result.cancelled) finish(entry, { state: 'cancelled' });
        else {
          const { imported, duplicates, skipped, rejected, rejectedCount } = message.result;
          finish(entry, { state: 'done', result: { imported, duplicates, skipped, rejected, rejectedCount } });
          options.written?.(db, headAtStart);
        }
      });
      worker.on('error', (error) => finish(entry, { state: 'failed', error: `The import stopped: ${error.message}. Nothing was written.` }));
      worker.on('exit', (code) => finish(entry, { state: 'failed', error: `The import stopped unexpectedly (exit code ${code}). Nothing was written.` }));
      return snapshot(job);
    },
    getImportJob: ({ jobId }) => snapshot(loadJob(jobId).job),
    cancelImportJob: ({ jobId }) => {
      const entry = loadJob(jobId);
      if (entry.job.state === 'running') Atomics.store(entry.cancelFlag, 0, 1);
      return snapshot(entry.job);
    },
    listCsvMappings: () => mappings.listCsvMappings(context.db()),
    saveCsvMapping: ({ id: givenId, ...input }) => {
      const db = context.db();
      const before = givenId ? loadMapping(givenId) : null;
      const sameName = mappings.findCsvMappingByName(db, input.name);
      if (sameName && sameName.id !== givenId) throw new WorkbenchError('conflict', `name: a mapping named "${sameName.name}" already exists; choose another name or edit that one.`, 'name');
      const id = givenId ?? context.newId();
      writeWithLog(context, (log) => {
        mappings.upsertCsvMapping(db, id, input, context.now());
        log('csv-mapping', id, before ? 'update' : 'create', before, mappings.getCsvMapping(db, id));
      });
      return loadMapping(id);
    },
    deleteCsvMapping: ({ id }) => {
      const before: CsvMapping = loadMapping(id);
      writeWithLog(context, (log) => {
        mappings.deleteCsvMapping(context.db(), id);
        log('csv-mapping', id, 'delete', before, null);
      });
      return { id };
    },
    previewCsvFile: ({ path, delimiter }) => previewCsvFile(path, delimiter),
  };

  return {
    handlers,
    /** What to tell a write that waited in vain for the workspace. */
    explainBusy(): string {
      const running = [...jobs.values()].find((entry) => entry.job.state === 'running');
      return running
        ? `An import of call records (${running.job.path}, started ${running.job.startedAt}) is running and holds the workspace for writing; nothing else can be saved until it finishes or is cancelled. Try again then.`
        : 'The workspace is being written by another program; try again in a moment.';
    },
    /** Stops every running import (each is rolled back: nothing half written). */
    shutdown(): void {
      for (const entry of jobs.values()) {
        if (entry.job.state !== 'running') continue;
        Atomics.store(entry.cancelFlag, 0, 1);
        void entry.worker.terminate();
      }
    },
  };
}

const previewBytes = 64 * 1024;
const previewRows = 10;

/** The first lines of a CSV file split into cells, with the separator given or guessed from the first line. */
export function previewCsvFile(path: string, given: CsvFilePreview['delimiter'] | undefined): CsvFilePreview {
  if (!existsSync(path) || !statSync(path).isFile()) throw new WorkbenchError('not-found', `path: ${path} does not exist (or is not a file).`, 'path');
  const handle = openSync(path, 'r');
  const buffer = Buffer.alloc(previewBytes);
  let count: number;
  try {
    count = readSync(handle, buffer, 0, previewBytes, 0);
  } finally {
    closeSync(handle);
  }
  let text = buffer.toString('utf8', 0, count);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0')) throw new WorkbenchError('invalid-input', `path: ${path} is not a text file.`, 'path');
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (count === previewBytes) lines.pop();
  const filled = lines.filter((line) => line !== '').slice(0, previewRows + 1);
  if (!filled.length) throw new WorkbenchError('invalid-input', `path: ${path} is empty.`, 'path');
  const first = filled[0]!;
  const delimiter = given ?? [...csvDelimiters].sort((left, right) => first.split(right).length - first.split(left).length)[0]!;
  const cellsOf = (line: string) => splitCsvLine(line, delimiter) ?? Papa.parse<string[]>(line, { delimiter }).data[0] ?? [];
  return { path, delimiter, firstRow: cellsOf(first), rows: filled.slice(1).map(cellsOf), totalBytes: statSync(path).size };
}
