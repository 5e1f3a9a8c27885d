import { existsSync, statSync } from 'node:fs';
import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { isKnownZone } from '../core/incidents/calendar';
import { cdrRowReader } from '../core/recordings/callRows';
import { sweepCounts } from '../db/repositories/recordings';
import type { Db } from '../db/types';
import { importCallFile, type CallImportOptions, type CallImportResult } from './callImport';
import type { ServiceContext } from './session';

type RecordingHandlers = Pick<Handlers, 'importCallRecords' | 'sweepRecordings'>;

/**
 * Imports an Asterisk Master.csv (see importCallFile): read in chunks, written in one transaction,
 * duplicates counted, every rejected line reported with its number.
 */
export function importCdrFile(db: Db, path: string, options: CallImportOptions, now: string): CallImportResult {
  checkImportInput(path, options.zone);
  return importCallFile(db, path, cdrRowReader(options.zone), options, now);
}

/** The checks every import makes before reading a line: the file exists and the zone is known. */
export function checkImportInput(path: string, zone: string): void {
  if (!existsSync(path) || !statSync(path).isFile()) throw new WorkbenchError('not-found', `${path} does not exist (or is not a file).`, 'path');
  if (!isKnownZone(zone)) throw new WorkbenchError('invalid-input', `zone: "${zone}" is not an IANA time zone such as Europe/Paris`, 'zone');
}

export function recordingHandlers(context: ServiceContext): RecordingHandlers {
  return {
    importCallRecords: ({ path, zone, purposes, keepNumbers }) => {
      const { imported, duplicates, skipped, rejected, cancelled } = importCdrFile(context.db(), path, { zone, purposes, keepNumbers, actor: context.actor }, context.now());
      return { imported, duplicates, skipped, rejected, cancelled };
    },
    sweepRecordings: ({ now }) => sweepCounts(context.db(), now ? new Date(now).toISOString() : context.now()),
  };
}
