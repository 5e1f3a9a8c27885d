import { createHash, randomUUID } from 'node:crypto';
import { existsSync, lstatSync, statSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join, parse, resolve } from 'node:path';
import type { DisposalBatch, Handlers, LegalHoldPreview } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { appendChange } from '../db/repositories/changeLog';
import { fsyncFolder } from './fsync';
import type { HoldScope } from '../core/recordings/model';
import { countCovered, listHolds, placeHold, releaseHold } from '../db/repositories/holds';
import { deleteWorkspaceMeta, writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import {
  appendIntentVerification,
  confirmIntentDeleted,
  confirmInterruptedDeletion,
  deletingPathsOfBatch,
  disposalRun,
  disposalRunFinishedAt,
  disposalStateOf,
  dueForDisposal,
  evidenceRowsOfBatch,
  insertDisposalIntent,
  insertDisposalRun,
  intentsOfBatch,
  leaveInterruptedIntent,
  markRecordingDisposed,
  moveRecordingStatus,
  openDisposalRuns,
  refuseOpenIntent,
  settleIntent,
  touchDisposalRun,
  writeDisposalBatch,
  type DisposalCandidate,
  type DisposalEvidence,
  type DisposalIntentRow as IntentRow,
} from '../db/repositories/disposals';
import { hasKeptCallerNumbers } from '../db/repositories/recordings';
import type { Db } from '../db/types';
import { callerCountryOf, callerKey, callerRefsOf, existingCallerKey, internationalNumber, numberForms } from './callerRef';
import { insideFolder, recordingSettingsOf as settingsOf, sha256Of } from './recordingFolder';
import { writeWithLog, type ServiceContext } from './session';

type DisposalHandlers = Pick<Handlers, 'getRecordingSettings' | 'setRecordingSettings' | 'placeLegalHold' | 'previewLegalHold' | 'releaseLegalHold' | 'listLegalHolds' | 'disposeDueRecordings'>;

/**
 * Disposes of every recording due at `asOf`: past its latest deletion, without a retention
 * conflict and under no legal hold (checked again for each recording, whatever the caller asked).
 * A file is deleted only inside the configured recordings folder and only if it still has the hash
 * registered for it; each disposal is recorded with its evidence, in a batch.
 */
export function disposeDue(db: Db, asOf: string, operator: string, now: string, options: { acceptMissingFiles?: boolean; recordsOnly?: boolean; actor: string }): DisposalBatch {
  return disposeRecordings(db, dueForDisposal(db, asOf), { asOf, operator, now, acceptMissingFiles: options.acceptMissingFiles ?? false, recordsOnly: options.recordsOnly ?? false, actor: options.actor });
}

const fileDeleted = "file deleted from the recordings folder (operating-system deletion; media sanitisation is the storage layer's)";
const recordsOnlyMethod = 'records only: register entry closed; no file was touched (no recordings folder is set)';

export interface DisposalRunOptions {
  asOf: string;
  operator: string;
  now: string;
  /** Prefixes each method (card-data deletion says why). */
  reason?: string;
  acceptMissingFiles?: boolean;
  /** Close the register entries without touching any file: only where no recordings folder is set. */
  recordsOnly?: boolean;
  /** Who runs it, for the change log's entry of the batch (the operator is the name given on the certificate). */
  actor: string;
}

/** A heartbeat older than this means the batch's process is gone (another computer, or a reused pid). */
const staleHeartbeatMs = 2 * 60_000;

/**
 * Disposes of the given recordings in one batch (the sweep's due list, or one recording that holds
 * card details), so that whatever instant the process dies, every file deleted has its evidence
 * and no evidence claims a deletion that did not happen:
 * 1. Any earlier batch that did not finish is closed first (closeInterruptedDisposals).
 * 2. The batch and what it means to do with each recording (its intent) are written and committed
 *    before any file is touched. The write lock is taken here: an import holding the workspace stops
 *    the batch before it starts.
 * 3. Each recording, in one write transaction: checked again for holds, its file hashed and checked
 *    against the registered SHA-256, the recording marked disposed and the intent confirmed, and
 *    only then the file deleted; the commit follows the deletion. A deletion that fails rolls the
 *    transaction back and the recording is refused. A process that dies after the deletion and
 *    before the commit leaves the intent pending and the file gone, which the next run reads as
 *    deleted by this batch.
 * 4. The evidence rows and the batch summary are written from the intents.
 * A missing file is refused unless the caller accepts closing the entries of files already absent;
 * an unreachable or unset folder refuses the whole batch unless it is explicitly records only.
 */
export function disposeRecordings(db: Db, due: readonly DisposalCandidate[], run: DisposalRunOptions): DisposalBatch {
  const { asOf, operator, now } = run;
  const interrupted = closeInterruptedDisposals(db, now, run.actor);
  const { folder } = settingsOf(db);
  if (run.recordsOnly) {
    if (folder) {
      throw new WorkbenchError('invalid-input', `recordsOnly: a recordings folder is set (${folder}), so the files are disposed of with their entries; records-only disposal is for workspaces without one.`, 'recordsOnly');
    }
  } else if (!folder) {
    throw new WorkbenchError(
      'invalid-input',
      'folder: no recordings folder is set, so no file can be deleted and nothing was disposed of. Set the folder the phone system writes to (Call recordings, Files; CLI: recordings folder <dir>), or dispose of the register entries alone as "records only".',
      'folder',
    );
  } else if (!folderReachable(folder)) {
    throw new WorkbenchError('io', `folder: the recordings folder ${folder} cannot be reached (an unmounted share?); nothing was disposed of.`, 'folder');
  }

  const batchId = randomUUID();
  const prefixed = (method: string) => (run.reason ? `${run.reason}: ${method}` : method);
  db.transaction(() => {
    insertDisposalRun(db, {
      batchId,
      operator,
      asOf,
      startedAt: now,
      reason: run.reason ?? null,
      recordsOnly: run.recordsOnly ?? false,
      acceptMissing: run.acceptMissingFiles ?? false,
      host: hostname(),
      pid: process.pid,
      heartbeatAt: new Date().toISOString(),
    });
    due.forEach((recording, seq) => {
      const base = { batchId, recordingId: recording.id, seq, callKey: recording.call_key, filePath: recording.file_path, resolvedPath: null as string | null, sha256: recording.file_sha256, size: recording.file_size, now };
      const refuse = (reason: string) => insertDisposalIntent(db, { ...base, kind: 'close-entry', method: '', verification: '', outcome: 'refused', reason });
      const plan = (kind: IntentRow['kind'], method: string, verification: string, resolvedPath: string | null = null) =>
        insertDisposalIntent(db, { ...base, resolvedPath, kind, method: prefixed(method), verification, outcome: 'pending', reason: null });
      const current = disposalStateOf(db, recording.id);
      if (!current || current.hold_count > 0 || current.status !== 'retained') {
        refuse(current?.status === 'disposed' ? 'already disposed of' : 'under a legal hold');
        return;
      }
      if (run.recordsOnly) {
        plan('close-entry', recordsOnlyMethod, recording.file_path ? `no file was touched; the registered file ${recording.file_path} was not checked` : 'no file to verify');
        return;
      }
      if (!recording.file_path) {
        plan('close-entry', 'register entry closed; no audio file is known for this call', 'no file to verify');
        return;
      }
      // Scanned files are registered relative to the folder; older entries may hold a full path.
      const file = isAbsolute(recording.file_path) ? recording.file_path : join(folder!, recording.file_path);
      const link = lstatOrNull(file);
      if (!link) {
        if (run.acceptMissingFiles) plan('close-entry', 'register entry closed; the file was already absent', `file not found at ${file}`, file);
        else refuse(`the file is not in the recordings folder (${file}); check where it went, or close its entry as already absent`);
      } else if (link.isSymbolicLink()) {
        refuse('the registered path is a symbolic link; deleting it would leave the audio it points to');
      } else if (!insideFolder(file, folder!)) {
        refuse(`the file lies outside the recordings folder (${folder}); nothing outside it is deleted`);
      } else {
        plan('delete-file', fileDeleted, '', file);
      }
    });
  }).immediate();

  const pending = intentsOfBatch(db, batchId, ['pending']);
  const settle = (change: Omit<Parameters<typeof settleIntent>[1], 'batchId'>) => settleIntent(db, { batchId, ...change });
  const stillOurs = () => {
    touchDisposalRun(db, batchId, new Date().toISOString());
    if (disposalRunFinishedAt(db, batchId)) throw new WorkbenchError('conflict', `Disposal batch ${batchId} was closed by another process while it ran; it stopped. Its evidence is as that process recorded it.`);
  };
  const mustChange = (changes: number, what: string) => {
    if (changes !== 1) throw new WorkbenchError('conflict', `Disposal batch ${batchId}: ${what} changed under it; it stopped.`);
  };
  /** Runs one step in a write transaction; a step refused (a hold, a changed file) is recorded as such. */
  const attempt = <T>(intent: IntentRow, step: () => T): T | null => {
    try {
      return db.transaction(() => {
        stillOurs();
        if (markRecordingDisposed(db, intent.recording_id) !== 1) throw new Refused('placed under a legal hold meanwhile');
        return step();
      }).immediate();
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      db.transaction(() => refuseOpenIntent(db, batchId, intent.recording_id, error.message, now)).immediate();
      return null;
    }
  };
  for (const intent of pending) {
    const key = { recordingId: intent.recording_id, now };
    if (intent.kind === 'close-entry') {
      attempt(intent, () =>
        mustChange(settle({ ...key, from: 'pending', outcome: 'closed', sha256: intent.registered_sha256, size: intent.registered_size, method: intent.planned_method, verification: intent.planned_verification }), 'its intent'),
      );
      continue;
    }
    // 1. Checked and declared "deleting" (the recording marked disposed, so no hold can land on it), committed.
    const file = intent.resolved_path!;
    const declared = attempt(intent, () => {
      let hashed: { sha256: string; size: number };
      try {
        hashed = sha256Of(file);
      } catch (error) {
        throw new Refused(`the file could not be read to check its hash: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (intent.registered_sha256 && hashed.sha256 !== intent.registered_sha256) throw new Refused('the file no longer has the SHA-256 registered for it; check it before disposal');
      const verification = `${intent.registered_sha256 ? 'SHA-256 matched the registered hash' : 'SHA-256 taken'} before deletion; file absent afterwards`;
      mustChange(settle({ ...key, from: 'pending', outcome: 'deleting', sha256: hashed.sha256, size: hashed.size, method: intent.planned_method, verification }), 'its intent');
      return true;
    });
    if (!declared) continue;
    // 2. Deleted. A process that dies here leaves one intent "deleting": its file gone or not says which.
    let deletionFailed: string | null = null;
    let unsynced: string | null = null;
    try {
      unlinkSync(file);
      if (existsSync(file)) deletionFailed = `${file} is still there after deletion`;
    } catch (error) {
      deletionFailed = `the file could not be deleted: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!deletionFailed) {
      // The deletion reaches the disk before its confirmation does: after a power cut, no evidence
      // says "deleted" of a file that comes back. A folder that cannot be synced (some network or
      // FUSE mounts) does not undo the deletion: the evidence says the sync failed.
      try {
        fsyncFolder(file);
      } catch (error) {
        unsynced = `; the recordings folder could not be synced afterwards (${error instanceof Error ? error.message : String(error)}), so the deletion may not survive a power cut on that storage`;
      }
    }
    // 3. Confirmed (the hash and verification were recorded with the declaration), or undone when the deletion failed.
    db.transaction(() => {
      stillOurs();
      if (deletionFailed) {
        moveRecordingStatus(db, intent.recording_id, 'disposed', 'retained');
        refuseOpenIntent(db, batchId, intent.recording_id, deletionFailed, now);
        return;
      }
      mustChange(confirmIntentDeleted(db, batchId, intent.recording_id, now), 'its intent');
      if (unsynced) appendIntentVerification(db, batchId, intent.recording_id, unsynced);
    }).immediate();
  }
  const batch = db.transaction(() => finishRun(db, batchId, now, false, run.actor)).immediate();
  return { ...batch, interruptedBatchesClosed: interrupted };
}

/** What closing an interrupted batch found: deletions it confirmed, recordings it left undisposed. */
export interface InterruptedBatchClosed {
  id: string;
  startedAt: string;
  operator: string;
  confirmedDeleted: number;
  notDisposed: number;
}

/**
 * Closes every disposal batch whose process died before it finished (a crash, a power cut, a kill):
 * a pending intent whose file is gone was deleted by that batch (it was declared before the
 * deletion), so the recording is marked disposed and its evidence written, saying so; one whose
 * file is still there, or that had no file, is left undisposed and stays due. Nothing is deleted
 * here. A batch still running in another process (its heartbeat fresh, its process alive) is not
 * touched: a new disposal is refused meanwhile.
 */
export function closeInterruptedDisposals(db: Db, now: string, actor: string): InterruptedBatchClosed[] {
  const open = openDisposalRuns(db);
  const closed: InterruptedBatchClosed[] = [];
  for (const run of open) {
    if (deletingPathsOfBatch(db, run.batch_id).some((path) => path && fileGone(path) === null)) {
      throw new WorkbenchError('io', `Disposal batch ${run.batch_id} was interrupted while deleting a file that cannot be reached now (an unmounted folder?); it will be closed once the recordings folder is back. Nothing else is disposed of meanwhile.`);
    }
    if (stillRunning(run)) {
      throw new WorkbenchError('conflict', `Another disposal (batch ${run.batch_id}, by ${run.operator}, started ${run.started_at}, process ${run.pid} on ${run.host}) is still running; wait for it to finish.`);
    }
    const result = db.transaction(() => {
      // Read again under the write lock: another process may have closed it meanwhile.
      if (disposalRunFinishedAt(db, run.batch_id)) return null;
      const open = intentsOfBatch(db, run.batch_id, ['pending', 'deleting']);
      let confirmedDeleted = 0;
      let notDisposed = 0;
      for (const intent of open) {
        // Only the one intent declared "deleting" can have lost its file to this batch; a pending
        // one was never touched, whatever its file's state.
        const gone = intent.outcome === 'deleting' && intent.resolved_path ? fileGone(intent.resolved_path) : false;
        if (gone) {
          moveRecordingStatus(db, intent.recording_id, 'retained', 'disposed');
          confirmInterruptedDeletion(
            db,
            run.batch_id,
            intent.recording_id,
            `the batch stopped between this file's deletion (declared at ${intent.intended_at}, its SHA-256 checked then) and its confirmation; the file was absent when the batch was closed at ${now}`,
            now,
          );
          confirmedDeleted += 1;
        } else {
          if (intent.outcome === 'deleting') moveRecordingStatus(db, intent.recording_id, 'disposed', 'retained');
          leaveInterruptedIntent(db, run.batch_id, intent.recording_id, 'not disposed of: the batch was interrupted before this recording; it stays due', now);
          notDisposed += 1;
        }
      }
      finishRun(db, run.batch_id, now, true, actor);
      return { confirmedDeleted, notDisposed };
    }).immediate();
    if (result) closed.push({ id: run.batch_id, startedAt: run.started_at, operator: run.operator, ...result });
  }
  return closed;
}

/**
 * On this computer a batch runs while its process lives (a paused or sleeping laptop's process
 * still owns it, however old its heartbeat); a batch of another computer (a shared folder) runs
 * while its heartbeat is fresh.
 */
function stillRunning(run: { host: string; pid: number; heartbeat_at: string }): boolean {
  if (run.host !== hostname()) return Date.now() - Date.parse(run.heartbeat_at) <= staleHeartbeatMs;
  if (run.pid === process.pid) return false;
  try {
    process.kill(run.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the file is certainly gone (ENOENT), false when it is there, null when that cannot be told (the folder unreachable, no permission). */
function fileGone(path: string): boolean | null {
  try {
    lstatSync(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(dirname(path)) ? true : null;
  }
}

/** Writes a batch's evidence and summary from its intents and marks it finished (inside the caller's transaction). */
function finishRun(db: Db, batchId: string, now: string, interrupted: boolean, actor: string): DisposalBatch {
  const run = disposalRun(db, batchId);
  const intents = intentsOfBatch(db, batchId);
  const backupRetentionDays = settingsOf(db).backupRetentionDays;
  const backupExpiresAt = new Date(Date.parse(now) + backupRetentionDays * 86_400_000).toISOString();
  const evidence: DisposalEvidence[] = [];
  const batch: DisposalBatch = { id: batchId, operator: run.operator, asOf: run.as_of, startedAt: run.started_at, recordsOnly: run.records_only === 1, disposed: [], refused: [] };
  let deleted = 0;
  let missing = 0;
  for (const intent of intents) {
    if (intent.outcome === 'refused') {
      batch.refused.push({ recordingId: intent.recording_id, reason: intent.refused_reason ?? 'refused' });
      continue;
    }
    const entry = {
      recordingId: intent.recording_id,
      callKey: intent.call_key,
      fileSha256: intent.file_sha256,
      fileSize: intent.file_size,
      method: intent.method!,
      verification: intent.verification!,
      backupExpiresAt: intent.file_path && run.records_only === 0 ? backupExpiresAt : null,
    };
    if (intent.outcome === 'deleted') deleted += 1;
    else if (intent.resolved_path) missing += 1;
    evidence.push({ ...entry, filePath: intent.file_path });
    batch.disposed.push(entry);
  }
  // The batch row (append-only) is written after the evidence rows, with its counts.
  writeDisposalBatch(
    db,
    { id: batchId, operator: run.operator, startedAt: run.started_at, asOf: run.as_of, disposedAt: now, filesDeleted: deleted, filesMissing: missing, refused: batch.refused.length, interrupted },
    evidence,
  );
  // One entry per batch; each recording's evidence is in the disposals table, and its SHA-256 in the entry (the chain covers it).
  appendChange(db, {
    at: now,
    actor,
    entity: 'disposal-batch',
    entityId: batchId,
    action: 'create',
    before: null,
    after: {
      operator: run.operator,
      asOf: run.as_of,
      startedAt: run.started_at,
      recordsOnly: batch.recordsOnly,
      interrupted,
      disposed: batch.disposed.length,
      filesDeleted: deleted,
      filesMissing: missing,
      refused: batch.refused.length,
      evidenceSha256: evidenceDigest(db, batchId),
    },
  });
  return batch;
}

class Refused extends Error {}

/** SHA-256 over a batch's evidence rows as stored (in recording order): what its change-log entry seals. */
export function evidenceDigest(db: Db, batchId: string): string {
  return createHash('sha256').update(JSON.stringify(evidenceRowsOfBatch(db, batchId))).digest('hex');
}

type GivenHoldScope = HoldScope & { callerNumbers?: string[] };

/**
 * A hold's scope as stored: callers' numbers read in every form a call may have been stored in
 * (international with the callers' country, digits, national: numberForms) and turned into the
 * workspace's keyed hashes; instants in UTC. With how many recordings it covers now, and why a
 * number may miss calls.
 */
function resolveHoldScope(db: Db, given: GivenHoldScope, mode: 'place' | 'preview'): { scope: HoldScope; preview: LegalHoldPreview } {
  const { callerNumbers, ...scope } = given;
  const country = callerCountryOf(db);
  const warnings: string[] = [];
  const numbers = (callerNumbers ?? []).map((number) => ({ given: number, international: internationalNumber(number, country) }));
  if (callerNumbers?.length) {
    // A preview reads only: without a key yet, no call was stored as a hash, so there is nothing to hash for.
    const key = mode === 'place' ? callerKey(db) : existingCallerKey(db);
    // Plain numbers join the scope only where some calls were imported with their numbers kept.
    const keptNumbers = hasKeptCallerNumbers(db);
    const refs = callerNumbers.flatMap((number) => [...(key ? callerRefsOf(key, number, country) : []), ...(keptNumbers ? [number, ...numberForms(number, country)] : [])]);
    scope.callerRefs = [...new Set([...(scope.callerRefs ?? []), ...refs])];
    scope.callers = (scope.callers ?? 0) + callerNumbers.length;
    const unread = numbers.filter((number) => number.international === null).map((number) => `"${number.given}"`);
    if (unread.length) {
      warnings.push(
        country
          ? `${unread.join(', ')} cannot be read as a telephone number of ${country} or with a country code, so only calls stored with exactly these digits match.`
          : `${unread.join(', ')} ${unread.length === 1 ? 'has' : 'have'} no country code and no callers' country is set (Call recordings, Files and settings), so calls stored in international form do not match.`,
      );
    }
  }
  if (!scope.recordingIds?.length && !scope.ticketIds?.length && !scope.callerRefs?.length && !callerNumbers?.length && !scope.from && !scope.to) {
    throw new WorkbenchError('invalid-input', 'scope: name the recordings, tickets, callers or date range the hold covers', 'scope');
  }
  // Instants are compared as text with the stored call starts (UTC, "Z"): any offset given is converted first.
  if (scope.from) scope.from = new Date(scope.from).toISOString();
  if (scope.to) scope.to = new Date(scope.to).toISOString();
  if (scope.from && scope.to && scope.from > scope.to) throw new WorkbenchError('invalid-input', 'scope.to: the date range ends before it starts', 'scope.to');
  return { scope, preview: { recordings: countCovered(db, scope), callerNumbers: numbers, warnings } };
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** The folder is set, absolute, a directory that exists now, and not the file system's root. */
function folderReachable(folder: string | null): boolean {
  if (!folder || !isAbsolute(folder)) return false;
  try {
    return statSync(folder).isDirectory() && parse(resolve(folder)).root !== resolve(folder);
  } catch {
    return false;
  }
}

export function disposalHandlers(context: ServiceContext): DisposalHandlers {
  return {
    getRecordingSettings: () => settingsOf(context.db()),
    setRecordingSettings: ({ folder, backupRetentionDays, callerCountry }) => {
      const db = context.db();
      if (folder !== null) {
        if (!isAbsolute(folder)) throw new WorkbenchError('invalid-input', 'folder: give the full path of the recordings folder', 'folder');
        if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new WorkbenchError('not-found', `folder: ${folder} is not a folder`, 'folder');
        if (parse(resolve(folder)).root === resolve(folder)) throw new WorkbenchError('invalid-input', 'folder: the root of a disk cannot be the recordings folder; choose the folder the phone system writes to', 'folder');
      }
      const before = settingsOf(db);
      writeWithLog(context, (log) => {
        if (folder !== null) writeWorkspaceMeta(db, 'recordings_folder', folder);
        writeWorkspaceMeta(db, 'backup_retention_days', String(backupRetentionDays));
        if (callerCountry === null) deleteWorkspaceMeta(db, 'caller_country');
        else if (callerCountry !== undefined) writeWorkspaceMeta(db, 'caller_country', callerCountry);
        log('workspace', 'recording-settings', 'update', before, settingsOf(db));
      });
      return settingsOf(db);
    },
    placeLegalHold: ({ matter, reason, scope: given, reviewOn, confirmCoversNone }) => {
      const db = context.db();
      const id = randomUUID();
      writeWithLog(context, (log) => {
        const { scope, preview } = resolveHoldScope(db, given, 'place');
        if (preview.recordings === 0 && !confirmCoversNone) {
          throw new WorkbenchError(
            'conflict',
            `scope: this hold covers no recording now.${preview.warnings.length ? ` ${preview.warnings.join(' ')}` : ''} Check the numbers, tickets and dates; to place it all the same (it will hold matching calls imported later), confirm that it covers none.`,
            'scope',
          );
        }
        const covered = placeHold(db, { id, matter, reason, placedBy: context.actor, placedAt: context.now(), scope, reviewOn: reviewOn ?? null });
        // The scope as stored: callers only as keyed hashes.
        log('legal-hold', id, 'create', null, { matter, reason, scope, reviewOn: reviewOn ?? null, recordings: covered });
      });
      return listHolds(db).find((hold) => hold.id === id)!;
    },
    previewLegalHold: ({ scope }) => resolveHoldScope(context.db(), scope, 'preview').preview,
    releaseLegalHold: ({ holdId, reason }) => {
      const db = context.db();
      const released = writeWithLog(context, (log) => {
        const done = releaseHold(db, holdId, context.actor, context.now(), reason);
        if (done) log('legal-hold', holdId, 'update', { releasedAt: null }, { releasedBy: context.actor, releasedAt: context.now(), releaseReason: reason });
        return done;
      });
      if (!released) throw new WorkbenchError('not-found', 'There is no active legal hold with that id.', 'holdId');
      return listHolds(db).find((hold) => hold.id === holdId)!;
    },
    listLegalHolds: () => listHolds(context.db()),
    disposeDueRecordings: ({ asOf, operator, acceptMissingFiles, recordsOnly }) => {
      const db = context.db();
      const now = context.now();
      const instant = asOf ? new Date(asOf).toISOString() : now;
      if (instant > new Date(Date.parse(now) + 60_000).toISOString()) {
        throw new WorkbenchError('invalid-input', 'asOf: disposal cannot be run as of a future instant', 'asOf');
      }
      return disposeDue(db, instant, operator ?? context.actor, now, { acceptMissingFiles, recordsOnly, actor: context.actor });
    },
  };
}

