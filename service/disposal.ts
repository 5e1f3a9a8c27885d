import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, statSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, parse, resolve } from 'node:path';
import type { DisposalBatch, Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { listHolds, placeHold, releaseHold } from '../db/repositories/holds';
import { writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';
import { callerKey, callerRefOf, normaliseNumber } from './callerRef';
import { insideFolder, recordingSettingsOf as settingsOf, sha256Of } from './recordingFolder';
import { writeWithLog, type ServiceContext } from './session';

type DisposalHandlers = Pick<Handlers, 'getRecordingSettings' | 'setRecordingSettings' | 'placeLegalHold' | 'releaseLegalHold' | 'listLegalHolds' | 'disposeDueRecordings'>;

/**
 * Disposes of every recording due at `asOf`: past its latest deletion, without a retention
 * conflict and under no legal hold (checked again for each recording, whatever the caller asked).
 * A file is deleted only inside the configured recordings folder and only if it still has the hash
 * registered for it; each disposal is recorded with its evidence, in a batch.
 */
export function disposeDue(db: Db, asOf: string, operator: string, now: string, options: { acceptMissingFiles?: boolean } = {}): DisposalBatch {
  const due = db
    .prepare(
      `SELECT id, call_key, file_path, file_sha256, file_size FROM recordings
       WHERE status = 'retained' AND retention_conflict = 0 AND hold_count = 0 AND latest_delete_at <= ? ORDER BY latest_delete_at, id`,
    )
    .all(asOf) as DisposalCandidate[];
  return disposeRecordings(db, due, { asOf, operator, now, acceptMissingFiles: options.acceptMissingFiles ?? false });
}

interface DisposalCandidate {
  id: number;
  call_key: string;
  file_path: string | null;
  file_sha256: string | null;
  file_size: number | null;
}

const fileDeleted = "file deleted from the recordings folder (operating-system deletion; media sanitisation is the storage layer's)";

/**
 * Disposes of the given recordings in one batch (the sweep's due list, or one recording that holds
 * card details). The workspace is locked for writing before anything is deleted (an import running
 * elsewhere stops the batch before it starts). For each recording, inside a savepoint: it is checked
 * again for holds, marked disposed and its evidence written, and only then is its file deleted; if
 * the deletion fails, the savepoint is rolled back and the recording is listed as refused, so no
 * evidence ever describes a deletion that did not happen. A missing file is refused unless the
 * caller accepts closing the entries of files already absent; an unreachable folder refuses the
 * whole batch. `reason`, when given, prefixes each method.
 */
export function disposeRecordings(
  db: Db,
  due: readonly DisposalCandidate[],
  run: { asOf: string; operator: string; now: string; reason?: string; acceptMissingFiles?: boolean },
): DisposalBatch {
  const { asOf, operator, now } = run;
  const { folder, backupRetentionDays } = settingsOf(db);
  if (due.some((recording) => recording.file_path) && !folderReachable(folder)) {
    throw new WorkbenchError(
      'io',
      folder
        ? `folder: the recordings folder ${folder} cannot be reached (an unmounted share?); nothing was disposed of.`
        : 'folder: no recordings folder is configured, so no file may be deleted; nothing was disposed of.',
      'folder',
    );
  }
  const batch: DisposalBatch = { id: randomUUID(), operator, asOf, startedAt: now, disposed: [], refused: [] };
  const stillFree = db.prepare(`SELECT hold_count, status FROM recordings WHERE id = ?`);
  const markDisposed = db.prepare(`UPDATE recordings SET status = 'disposed' WHERE id = ? AND status = 'retained' AND hold_count = 0`);
  const evidence = db.prepare(
    `INSERT INTO disposals (batch_id, recording_id, call_key, file_path, file_sha256, file_size, method, verification, disposed_at, operator, backup_expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const backupExpiresAt = new Date(Date.parse(now) + backupRetentionDays * 86_400_000).toISOString();
  const counts = { deleted: 0, missing: 0 };
  db.transaction(() => {
    // The batch row (append-only) is written last, with its counts; the evidence rows refer to it, so the check waits for the commit.
    db.pragma('defer_foreign_keys = ON');
    for (const recording of due) {
      const current = stillFree.get(recording.id) as { hold_count: number; status: string } | undefined;
      if (!current || current.hold_count > 0 || current.status !== 'retained') {
        batch.refused.push({ recordingId: recording.id, reason: current?.status === 'disposed' ? 'already disposed of' : 'under a legal hold' });
        continue;
      }
      let method = 'register entry closed; no audio file is known for this call';
      let verification = 'no file to verify';
      let sha256 = recording.file_sha256;
      let size = recording.file_size;
      let toDelete: string | null = null;
      if (recording.file_path) {
        // Scanned files are registered relative to the folder; older entries may hold a full path.
        const file = isAbsolute(recording.file_path) ? recording.file_path : join(folder!, recording.file_path);
        const link = lstatOrNull(file);
        if (!link) {
          if (!run.acceptMissingFiles) {
            batch.refused.push({ recordingId: recording.id, reason: `the file is not in the recordings folder (${file}); check where it went, or close its entry as already absent` });
            continue;
          }
          method = 'register entry closed; the file was already absent';
          verification = `file not found at ${file}`;
          counts.missing += 1;
        } else if (link.isSymbolicLink()) {
          batch.refused.push({ recordingId: recording.id, reason: 'the registered path is a symbolic link; deleting it would leave the audio it points to' });
          continue;
        } else if (!insideFolder(file, folder!)) {
          batch.refused.push({ recordingId: recording.id, reason: `the file lies outside the recordings folder (${folder}); nothing outside it is deleted` });
          continue;
        } else {
          let measured: { sha256: string; size: number };
          try {
            measured = sha256Of(file);
          } catch (error) {
            batch.refused.push({ recordingId: recording.id, reason: `the file could not be read to check its hash: ${error instanceof Error ? error.message : String(error)}` });
            continue;
          }
          if (recording.file_sha256 && measured.sha256 !== recording.file_sha256) {
            batch.refused.push({ recordingId: recording.id, reason: 'the file no longer has the SHA-256 registered for it; check it before disposal' });
            continue;
          }
          sha256 = measured.sha256;
          size = measured.size;
          method = fileDeleted;
          verification = `${recording.file_sha256 ? 'SHA-256 matched the registered hash' : 'SHA-256 taken'} before deletion; file absent afterwards`;
          toDelete = file;
        }
      }
      if (run.reason) method = `${run.reason}: ${method}`;
      const entry = { recordingId: recording.id, callKey: recording.call_key, fileSha256: sha256, fileSize: size, method, verification, backupExpiresAt: recording.file_path ? backupExpiresAt : null };
      try {
        db.transaction(() => {
          if (markDisposed.run(recording.id).changes !== 1) throw new Refused('placed under a legal hold meanwhile');
          evidence.run(batch.id, recording.id, recording.call_key, recording.file_path, sha256, size, method, verification, now, operator, entry.backupExpiresAt);
          if (toDelete) {
            unlinkSync(toDelete);
            if (existsSync(toDelete)) throw new Refused(`${toDelete} is still there after deletion`);
          }
        })();
      } catch (error) {
        if (toDelete === null && !(error instanceof Refused)) throw error;
        batch.refused.push({ recordingId: recording.id, reason: error instanceof Refused ? error.message : `the file could not be deleted: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
      if (toDelete) counts.deleted += 1;
      batch.disposed.push(entry);
    }
    db.prepare(
      `INSERT INTO disposal_batches (id, operator, started_at, as_of, recordings, files_deleted, files_missing, refused) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(batch.id, operator, now, asOf, batch.disposed.length, counts.deleted, counts.missing, batch.refused.length);
  }).immediate();
  return batch;
}

class Refused extends Error {}

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
    setRecordingSettings: ({ folder, backupRetentionDays }) => {
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
        log('workspace', 'recording-settings', 'update', before, settingsOf(db));
      });
      return settingsOf(db);
    },
    placeLegalHold: ({ matter, reason, scope: given, reviewOn }) => {
      const db = context.db();
      const { callerNumbers, ...scope } = given;
      if (callerNumbers?.length) {
        const key = callerKey(db);
        // Plain numbers join the scope only where some calls were imported with their numbers kept.
        const keptNumbers = db.prepare(`SELECT 1 FROM recordings WHERE caller_ref_kind = 'number' LIMIT 1`).get() !== undefined;
        const refs = callerNumbers.flatMap((number) => [callerRefOf(key, number), ...(keptNumbers ? [number, normaliseNumber(number)] : [])]);
        scope.callerRefs = [...new Set([...(scope.callerRefs ?? []), ...refs])];
      }
      if (!scope.recordingIds?.length && !scope.ticketIds?.length && !scope.callerRefs?.length && !scope.from && !scope.to) {
        throw new WorkbenchError('invalid-input', 'scope: name the recordings, tickets, callers or date range the hold covers', 'scope');
      }
      // Instants are compared as text with the stored call starts (UTC, "Z"): any offset given is converted first.
      if (scope.from) scope.from = new Date(scope.from).toISOString();
      if (scope.to) scope.to = new Date(scope.to).toISOString();
      if (scope.from && scope.to && scope.from > scope.to) throw new WorkbenchError('invalid-input', 'scope.to: the date range ends before it starts', 'scope.to');
      const id = randomUUID();
      db.transaction(() => placeHold(db, { id, matter, reason, placedBy: context.actor, placedAt: context.now(), scope, reviewOn: reviewOn ?? null }))();
      return listHolds(db).find((hold) => hold.id === id)!;
    },
    releaseLegalHold: ({ holdId, reason }) => {
      const db = context.db();
      const released = db.transaction(() => releaseHold(db, holdId, context.actor, context.now(), reason))();
      if (!released) throw new WorkbenchError('not-found', 'There is no active legal hold with that id.', 'holdId');
      return listHolds(db).find((hold) => hold.id === holdId)!;
    },
    listLegalHolds: () => listHolds(context.db()),
    disposeDueRecordings: ({ asOf, operator, acceptMissingFiles }) => {
      const db = context.db();
      const now = context.now();
      const instant = asOf ? new Date(asOf).toISOString() : now;
      if (instant > new Date(Date.parse(now) + 60_000).toISOString()) {
        throw new WorkbenchError('invalid-input', 'asOf: disposal cannot be run as of a future instant', 'asOf');
      }
      return disposeDue(db, instant, operator ?? context.actor, now, { acceptMissingFiles });
    },
  };
}

