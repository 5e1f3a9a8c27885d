import { closeSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes a file's content (or a folder's entries) through to the disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a rename, a new name or a deletion in the folder holding `path` durable: the folder's
 * entries are synced (not possible on Windows, where the change is durable once it returns).
 */
export function fsyncFolder(path: string): void {
  if (process.platform === 'win32') return;
  fsyncPath(dirname(path));
}
