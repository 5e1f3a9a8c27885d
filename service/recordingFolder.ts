import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { readWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';
import type { RecordingSettings } from '../core/contract';

/**
 * The recordings folder and the one guard every reader and deleter of audio files goes through:
 * a file is touched only when, with every symbolic link and ".." resolved, it lies inside the
 * folder configured in the workspace.
 */
export type { RecordingSettings };

export function recordingSettingsOf(db: Db): RecordingSettings {
  const meta = readWorkspaceMeta(db);
  return {
    folder: meta.recordings_folder ?? null,
    backupRetentionDays: meta.backup_retention_days ? Number(meta.backup_retention_days) : 35,
    callerCountry: meta.caller_country ?? null,
  };
}

/** True when the file lies inside the folder once both are resolved (symbolic links and ".." included). */
export function insideFolder(file: string, folder: string): boolean {
  try {
    const root = realpathSync(folder);
    const real = realpathSync(file);
    return real.startsWith(root.endsWith(sep) ? root : root + sep);
  } catch {
    return false;
  }
}

export type FolderFile = { ok: true; path: string; size: number } | { ok: false; problem: 'no-folder' | 'missing' | 'outside' | 'not-a-file' };

/**
 * Where a registered file is: file_path is relative to the recordings folder (older entries may
 * hold an absolute path). Answers the resolved path only when it exists inside the folder.
 */
export function resolveRecordingFile(folder: string | null, filePath: string): FolderFile {
  if (!folder || !isAbsolute(folder)) return { ok: false, problem: 'no-folder' };
  const candidate = isAbsolute(filePath) ? filePath : join(folder, filePath);
  let real: string;
  let root: string;
  try {
    root = realpathSync(folder);
    real = realpathSync(candidate);
  } catch {
    return { ok: false, problem: 'missing' };
  }
  if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) return { ok: false, problem: 'outside' };
  const stats = statSync(real);
  if (!stats.isFile()) return { ok: false, problem: 'not-a-file' };
  return { ok: true, path: real, size: stats.size };
}

/** SHA-256 and size of a file, read in 1 MB chunks (memory does not grow with the file). */
export function sha256Of(path: string): { sha256: string; size: number } {
  const hash = createHash('sha256');
  const handle = openSync(path, 'r');
  const buffer = Buffer.alloc(1024 * 1024);
  let size = 0;
  try {
    for (;;) {
      const count = readSync(handle, buffer, 0, buffer.length, null);
      if (count === 0) break;
      size += count;
      hash.update(buffer.subarray(0, count));
    }
  } finally {
    closeSync(handle);
  }
  return { sha256: hash.digest('hex'), size };
}
