import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { randomBytes, scryptSync } from 'node:crypto';
import type { Db } from './types';

/**
 * Encrypted workspaces (issue 15). The file is encrypted page by page by SQLite3 Multiple Ciphers
 * (the better-sqlite3-multiple-ciphers build, installed as better-sqlite3) in its SQLCipher 4
 * scheme (AES-256-CBC, HMAC-SHA512 per page), so `sqlcipher` opens it with the same raw key.
 *
 * The key handed to SQLite is always a raw 256-bit key, never a passphrase: either random (kept by
 * the operating system's secret store, in the desktop app) or derived from a passphrase with scrypt,
 * which is memory-hard (SQLCipher's own PBKDF2 is not). scrypt's salt is the file's own SQLCipher
 * salt, the first 16 bytes of the file, which SQLCipher keeps in clear: a new workspace gets a
 * random one, written there by giving SQLite the key and salt together (`x'<key><salt>'`).
 * A backup made with VACUUM INTO keeps the salt, so the passphrase opens it too.
 */

/** A workspace's raw key and the salt at the head of its file. */
export interface WorkspaceKey {
  key: Buffer;
  salt: Buffer;
}

/** scrypt's cost: 2^17 × 8 × 128 bytes = 128 MiB of memory, about half a second on a laptop (OWASP's minimum is 2^17). */
export const scryptCost = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } as const;

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

/** The first 16 bytes of a file (fewer when it is shorter). */
function headOf(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * True for a file that may be an encrypted database: not plain SQLite, and whole pages long (a
 * database is always a whole number of pages, of 512 bytes or a power of two above). Only the key
 * tells an encrypted workspace from random bytes of that length.
 */
export function looksEncrypted(path: string): boolean {
  const stats = statSync(path);
  if (!stats.isFile()) return false;
  const size = stats.size;
  if (size < 512 || size % 512 !== 0) return false;
  return !headOf(path).equals(sqliteMagic);
}

/** The passphrase, as typed, made into bytes the same way on every computer (Unicode NFC). */
const passphraseBytes = (passphrase: string) => Buffer.from(passphrase.normalize('NFC'), 'utf8');

/** The key of an existing encrypted workspace from its passphrase (scrypt over the file's salt). */
/** The salt at the head of an encrypted file (its first 16 bytes): a workspace and its backups share it until the passphrase changes. */
export const saltOf = (path: string): Buffer => headOf(path);

export function keyFromPassphrase(path: string, passphrase: string): WorkspaceKey {
  const salt = headOf(path);
  return { key: scryptSync(passphraseBytes(passphrase), salt, 32, scryptCost), salt };
}

/**
 * The keys one passphrase gives, file by file: null for a plain file (or no passphrase: opening
 * then says what is missing). A workspace and its backups share a salt, so scrypt runs once per
 * salt, however many of them one command reads. Scoped to one command: nothing outlives it.
 */
export function passphraseKeyring(passphrase: string | null | undefined): (path: string) => WorkspaceKey | null {
  const bySalt = new Map<string, WorkspaceKey>();
  return (path) => {
    if (!passphrase || !existsSync(path) || !looksEncrypted(path)) return null;
    const salt = headOf(path).toString('hex');
    const key = bySalt.get(salt) ?? keyFromPassphrase(path, passphrase);
    bySalt.set(salt, key);
    return key;
  };
}

/** A key for a new workspace: from a passphrase (scrypt over a new random salt), or random (for the OS store). */
export function newWorkspaceKey(passphrase: string | null): WorkspaceKey {
  const salt = randomBytes(16);
  return { key: passphrase === null ? randomBytes(32) : scryptSync(passphraseBytes(passphrase), salt, 32, scryptCost), salt };
}

/** What SQLite3 Multiple Ciphers is told before the key: the SQLCipher 4 scheme. */
function selectCipher(db: Db): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
}

/**
 * Keys a connection. `create`: the file is new (or plain, being encrypted by `rekey`), so the salt
 * is given with the key. Nothing is read or written until the first statement.
 */
export function applyKey(db: Db, key: WorkspaceKey, create = false): void {
  selectCipher(db);
  db.pragma(`key = "x'${key.key.toString('hex')}${create ? key.salt.toString('hex') : ''}'"`);
}

/** Re-encrypts the whole file under another key (or encrypts a plain one). SQLite3 Multiple Ciphers needs rollback-journal mode for it. */
export function rekey(db: Db, key: WorkspaceKey): void {
  selectCipher(db);
  db.pragma(`rekey = "x'${key.key.toString('hex')}${key.salt.toString('hex')}'"`);
}

/** True when the key opens the connection's file (SQLite reads page 1 through it). */
export function keyOpens(db: Db): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw error;
  }
}
