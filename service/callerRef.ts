import { createHmac, randomBytes } from 'node:crypto';
import { readWorkspaceMeta, writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';

/** The workspace's key for callers' numbers, made on first use and kept in the workspace. */
export function callerKey(db: Db): Buffer {
  const stored = readWorkspaceMeta(db).caller_ref_key;
  if (stored) return Buffer.from(stored, 'hex');
  const key = randomBytes(32);
  writeWorkspaceMeta(db, 'caller_ref_key', key.toString('hex'));
  return key;
}

/** A number's digits (and a leading +), the form that is hashed: "+33 1 23-45" and "+331 2345" are one caller. */
export const normaliseNumber = (number: string): string => number.replace(/[^\d+]/g, '');

/** The keyed hash stored for a caller's number (HMAC-SHA256, first 128 bits as hex). */
export function callerRefOf(key: Buffer, number: string): string {
  return createHmac('sha256', key).update(normaliseNumber(number)).digest('hex').slice(0, 32);
}
