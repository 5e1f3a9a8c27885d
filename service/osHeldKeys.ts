import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../core/contract';
import { looksEncrypted, saltOf, type WorkspaceKey } from '../db/encryption';
import { fsyncFolder, fsyncPath } from './fsync';

/**
 * The operating system's secret store, as the desktop shell offers it (electron/osKeyStore.ts:
 * Electron's safeStorage, asynchronous API): macOS Keychain, Windows DPAPI, a Linux secret
 * service. Not offered where the OS has no real secret store (Linux `basic_text`): the app then
 * asks for a passphrase instead.
 */
export interface OsKeyStore {
  /** Whether it keeps secrets for real, and what it is (shown to the user). */
  status(): Promise<{ available: boolean; backend: string }>;
  encrypt(text: string): Promise<Buffer>;
  /** `shouldReEncrypt`: the store rotated its key; the secret is wrapped again and stored. */
  decrypt(wrapped: Buffer): Promise<{ text: string; shouldReEncrypt: boolean }>;
}

const heldKeysSchema = z.object({
  version: z.literal(1),
  /** By the workspace file's salt (its first 16 bytes, readable without the key; its backups share it). */
  keys: z.record(z.string().regex(/^[0-9a-f]{32}$/), z.object({ wrapped: z.string(), path: z.string(), storedAt: z.string() })),
});
type HeldKeys = z.infer<typeof heldKeysSchema>;

/**
 * Workspace keys the OS store keeps: each random key, wrapped by the store, in
 * `<user data>/os-held-keys.json` (never the key in clear: without this account's OS store the file
 * is useless). A workspace opens without a passphrase on this computer account only; its backups
 * too (they share its key). The file is written whole and synced (a lost entry loses a workspace),
 * and a damaged one is reported, never reset. Entries are never removed: a backup taken before the
 * workspace was given a passphrase still needs its key.
 */
export class OsHeldKeys {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly store: OsKeyStore | null,
  ) {
    this.file = join(dataDir, 'os-held-keys.json');
  }

  private read(): HeldKeys {
    if (!existsSync(this.file)) return { version: 1, keys: {} };
    try {
      return heldKeysSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (error) {
      throw new WorkbenchError(
        'io',
        `${this.file}, where this computer keeps the keys of workspaces protected by the OS key store, cannot be read (${error instanceof Error ? error.message : String(error)}). It was left as it is: keep a copy of it.`,
      );
    }
  }

  private write(held: HeldKeys): void {
    mkdirSync(join(this.file, '..'), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(held, null, 2)}\n`, { mode: 0o600 });
    fsyncPath(temporary);
    renameSync(temporary, this.file);
    fsyncFolder(this.file);
  }

  /** Why the key file cannot be read, or null when it can (or there is none). */
  problem(): string | null {
    try {
      this.read();
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async status(): Promise<{ available: boolean; backend: string | null }> {
    if (!this.store) return { available: false, backend: null };
    return this.store.status();
  }

  /** Wraps a new workspace's key with the OS store and keeps it, before the file is written with it. */
  async hold(key: WorkspaceKey, path: string, now: string): Promise<void> {
    const { available, backend } = await this.status();
    if (!this.store || !available) {
      throw new WorkbenchError('invalid-input', `This computer offers no secret store the app can keep the key in${backend ? ` (${backend})` : ''}: protect the workspace with a passphrase instead.`, 'osKeyStore');
    }
    const wrapped = await this.store.encrypt(key.key.toString('hex'));
    // Read, changed and written in one synchronous step after the wait, so concurrent holds all stay.
    const held = this.read();
    held.keys[key.salt.toString('hex')] = { wrapped: wrapped.toString('base64'), path, storedAt: now };
    this.write(held);
  }

  /** Whether the key of this (encrypted) file is held here. */
  holds(path: string): boolean {
    if (!existsSync(path) || !looksEncrypted(path)) return false;
    return this.read().keys[saltOf(path).toString('hex')] !== undefined;
  }

  /** The key of an encrypted file whose key the OS store holds here, or null. */
  async keyFor(path: string): Promise<WorkspaceKey | null> {
    if (!existsSync(path) || !looksEncrypted(path)) return null;
    const salt = saltOf(path);
    const entry = this.read().keys[salt.toString('hex')];
    if (!entry) return null;
    if (!this.store) throw new WorkbenchError('workspace-locked', `The key of ${path} is kept by the desktop app's OS key store: open it in the app.`, 'passphrase');
    let opened: { text: string; shouldReEncrypt: boolean };
    try {
      opened = await this.store.decrypt(Buffer.from(entry.wrapped, 'base64'));
    } catch (error) {
      throw new WorkbenchError(
        'workspace-locked',
        `The OS key store did not give the key of ${path} (${error instanceof Error ? error.message : String(error)}). It opens only on the computer account that created it, or with a passphrase set for it.`,
        'passphrase',
      );
    }
    const key = Buffer.from(opened.text, 'hex');
    if (key.length !== 32) throw new WorkbenchError('workspace-locked', `The OS key store gave no valid key for ${path}.`, 'passphrase');
    if (opened.shouldReEncrypt) {
      const wrapped = (await this.store.encrypt(opened.text)).toString('base64');
      // Read, changed and written in one step after the wait: a key held meanwhile is kept.
      const held = this.read();
      held.keys[salt.toString('hex')] = { ...entry, wrapped };
      this.write(held);
    }
    return { key, salt };
  }
}
