import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupEntry, Handlers, RestoreResult, WorkspaceInfo } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { openWorkspaceDatabase } from '../db/connection';
import { keyFromPassphrase, looksEncrypted, newWorkspaceKey, passphraseKeyring, saltOf, type WorkspaceKey } from '../db/encryption';
import { schemaVersionOf } from '../db/migrations';
import { appendChange, latestChange, restoreEntries, verifyChain } from '../db/repositories/changeLog';
import { listOrganisations } from '../db/repositories/organisations';
import { readWorkspaceMeta, writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';
import { writeDemoWorkspace } from './demo';
import { closeInterruptedDisposals } from './disposal';
import { describeCertificate, makeSigningIdentity, signingIdentityOf } from './reports/signing';
import { recordStateProblems } from './workspaceCheck';
import type { OsHeldKeys } from './osHeldKeys';
import { automaticBackupDue, backupStatusOf, keyringBeside, listBackupEntries, rotateBackups, takeBackup } from './backups';
import { backupFilesIn, backupsFolderOf, fileStamp, previewRestore, restoreWorkspace, rewriteWithKey, type RestoreRecord } from './workspaceFiles';
import type { SettingsStore } from './settings';

export const demoWorkspaceFileName = 'demo-workspace.sqlite';

export interface WorkspaceHost {
  dataDir: string;
  settings: SettingsStore;
  actor: string;
  now(): string;
  newId(): string;
  nativeBinding?: string;
  /**
   * The passphrase workspaces are opened and created with when a call gives none: the CLI's
   * (--passphrase-file or PRIVACY_WORKBENCH_PASSPHRASE). Without one, a new workspace is created
   * plain only when the call asks for it (passphrase null).
   */
  passphrase?: string;
  /** The callers' country a new workspace starts with (service/callerRef.ts), or null. */
  defaultCallerCountry: string | null;
  /** Called after the open workspace changes (opened, created, closed). */
  changed(workspace: WorkspaceInfo | null): void;
  /** The keys the OS secret store keeps for this computer account (the desktop app), if any. */
  osKeys?: OsHeldKeys;
  /** The app backs the open workspace up by itself, daily and on closing (not the CLI, whose commands are one-offs). */
  automaticBackups?: boolean;
  /** How long a call waits for another writer's lock before answering 'busy' (default serviceBusyTimeoutMs). */
  busyTimeoutMs?: number;
}

/** How long one call of the app waits for another writer's lock before answering 'busy'. */
export const serviceBusyTimeoutMs = 100;

/** Holds the one open workspace and implements the workspace operations. */
export class WorkspaceManager {
  private current: { db: Db; path: string; warnings: string[]; key: WorkspaceKey | null } | null = null;
  /** Why the last automatic backup failed (shown in the status bar until one succeeds). */
  private backupProblem: string | null = null;

  constructor(private readonly host: WorkspaceHost) {}

  /** The open database, or a clear error when no workspace is open. */
  db(): Db {
    if (!this.current) {
      throw new WorkbenchError('no-workspace', 'No workspace is open. Open the demo workspace, or create or open one.');
    }
    return this.current.db;
  }

  /** The open workspace's key (null when it is plain), for the connections made beside the main one (imports, backups). */
  key(): WorkspaceKey | null {
    return this.current?.key ?? null;
  }

  isOpen(): boolean {
    return this.current !== null;
  }

  info(): WorkspaceInfo | null {
    if (!this.current) return null;
    const { db, path, warnings } = this.current;
    const meta = readWorkspaceMeta(db);
    return {
      id: meta.id ?? '',
      name: meta.name ?? basename(path),
      path,
      isDemo: meta.is_demo === '1',
      schemaVersion: schemaVersionOf(db),
      createdAt: meta.created_at ?? '',
      lastChange: latestChange(db),
      warnings,
      encrypted: this.current.key !== null,
      protection: this.current.key === null ? 'none' : this.heldByOs(path) ? 'os-key-store' : 'passphrase',
      // Workspaces from before the setting take this computer's zone until one is set.
      timeZone: meta.time_zone ?? operatingSystemZone(),
    };
  }

  /**
   * The key to open or create a file with: an existing encrypted file's from its passphrase (scrypt
   * over the file's salt); a new file's from the passphrase given (null: plain on purpose). A new
   * workspace with no passphrase at all is refused: workspaces are encrypted unless asked otherwise.
   */
  private keyFor(absolute: string, mode: 'open' | 'create', given: string | null | undefined): WorkspaceKey | null {
    const passphrase = given === undefined ? (this.host.passphrase ?? undefined) : given;
    if (mode === 'create') {
      if (passphrase === undefined) {
        throw new WorkbenchError('invalid-input', 'A new workspace is encrypted: give it a passphrase (or choose explicitly to keep it unencrypted).', 'passphrase');
      }
      return passphrase === null ? null : newWorkspaceKey(passphrase);
    }
    return passphraseKeyring(passphrase)(absolute);
  }

  open(path: string, mode: 'open' | 'create', passphrase?: string | null): WorkspaceInfo {
    const absolute = this.checkedPath(path, mode);
    return this.openWith(absolute, mode, this.keyFor(absolute, mode, passphrase));
  }

  /**
   * Opens with the OS key store where it holds the file's key and no passphrase is given (the
   * desktop app); creates with a random key the store keeps (`osKeyStore`). Otherwise as `open`.
   */
  async openOrCreate(path: string, mode: 'open' | 'create', passphrase: string | null | undefined, osKeyStore = false): Promise<WorkspaceInfo> {
    const osKeys = this.host.osKeys;
    if (mode === 'create' && osKeyStore) {
      const absolute = this.checkedPath(path, mode);
      if (!osKeys) throw new WorkbenchError('invalid-input', 'Only the desktop app keeps keys in the OS key store: give a passphrase.', 'osKeyStore');
      const key = newWorkspaceKey(null);
      // The key is kept (wrapped by the OS store, synced) before a byte is encrypted with it.
      await osKeys.hold(key, absolute, this.host.now());
      return this.openWith(absolute, 'create', key);
    }
    let keyFileProblem: string | null = null;
    if (mode === 'open' && passphrase === undefined && this.host.passphrase === undefined && osKeys) {
      let held = false;
      try {
        held = osKeys.holds(resolve(path));
      } catch (error) {
        // A damaged key file locks out no passphrase workspace; it is said if this one needs it.
        keyFileProblem = error instanceof Error ? error.message : String(error);
      }
      if (held) {
        const absolute = this.checkedPath(path, mode);
        return this.openWith(absolute, 'open', await osKeys.keyFor(absolute));
      }
    }
    try {
      return this.open(path, mode, passphrase);
    } catch (error) {
      if (keyFileProblem && error instanceof WorkbenchError && error.code === 'workspace-locked') {
        throw new WorkbenchError('workspace-locked', `${error.message} If its key was kept by this computer's key store: ${keyFileProblem}`, error.field ?? 'passphrase');
      }
      throw error;
    }
  }

  /** The absolute path, refused early when it cannot be a workspace to open or create. */
  private checkedPath(path: string, mode: 'open' | 'create'): string {
    const absolute = resolve(path);
    if (mode === 'create' && existsSync(absolute)) {
      throw new WorkbenchError('conflict', `${absolute} already exists; open it instead, or choose a new file name.`, 'path');
    }
    if (existsSync(absolute) && statSync(absolute).isDirectory()) {
      throw new WorkbenchError('workspace-invalid', `${absolute} is a folder; give the path of a workspace file.`, 'path');
    }
    if (mode === 'create' && !existsSync(dirname(absolute))) {
      throw new WorkbenchError('not-found', `The folder ${dirname(absolute)} does not exist; create it first or choose another folder.`, 'path');
    }
    return absolute;
  }

  /** Opens a file with its key: the opening checks, a backup before any migration, then the checks of the log. */
  private openWith(absolute: string, mode: 'open' | 'create', key: WorkspaceKey | null): WorkspaceInfo {
    let db: Db;
    try {
      db = openWorkspaceDatabase(absolute, {
        create: mode === 'create',
        ...(this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}),
        ...(key ? { key } : {}),
        // Whatever a migration does, the file as it was is kept first (checked and named, or the opening stops).
        beforeMigrate: (unmigrated, fromSchema) => {
          takeBackup({ db: unmigrated, path: absolute, key }, 'before-migration', this.host.now(), {
            fromSchema,
            ...(this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}),
          });
        },
      });
    } catch (error) {
      if (error instanceof WorkbenchError) throw error;
      // SQLite and the file system speak for themselves, but say which file they mean.
      throw new WorkbenchError('io', `${absolute} could not be opened: ${error instanceof Error ? error.message : String(error)}`, 'path', { cause: error });
    }
    try {
      if (!readWorkspaceMeta(db).id) this.initialise(db, absolute);
    } catch (error) {
      db.close();
      throw error;
    }
    const warnings = this.checksOnOpen(db, absolute);
    // Opening waited for other writers (busy_timeout 5 s); a call of the app does not: a workspace
    // another writer holds (an import, the CLI) answers 'busy' at once. 100 ms absorbs another
    // connection's commit, never an import's whole transaction. The CLI's one-off commands wait.
    db.pragma(`busy_timeout = ${this.host.busyTimeoutMs ?? serviceBusyTimeoutMs}`);
    this.closeCurrent();
    this.current = { db, path: absolute, warnings, key };
    this.backupProblem = null;
    // An existing workspace changed since its newest backup, a day old or more (or never backed up), gets its daily backup as it opens.
    if (mode === 'open') this.backUpIfDue('daily');
    const info = this.info()!;
    this.host.settings.rememberOpened(absolute, info.name, this.host.now());
    this.host.changed(info);
    return info;
  }

  /** Automatic backups are for the app's own workspaces, not the demo (its data are public policies'). */
  private backsUpAutomatically(): boolean {
    return this.host.automaticBackups === true && this.current !== null && readWorkspaceMeta(this.current.db).is_demo !== '1';
  }

  /**
   * The app's automatic backup: `daily` when the newest backup is a day old (or there is none) and
   * something changed since; `closing` whenever something changed since. Then the rotation. A
   * failure never stops the work: it is kept for the status bar.
   */
  backUpIfDue(reason: 'daily' | 'closing'): BackupEntry | null {
    if (!this.current || !this.backsUpAutomatically()) return null;
    try {
      if (!automaticBackupDue(this.current, this.host.now(), reason)) return null;
      const entry = takeBackup(this.current, 'automatic', this.host.now(), this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {});
      rotateBackups(this.current.path);
      this.backupProblem = null;
      return entry;
    } catch (error) {
      this.backupProblem = `The automatic backup failed: ${error instanceof Error ? error.message : String(error)}`;
      return null;
    }
  }

  /**
   * Restores a backup over the open workspace: previewed (refused when newer), the workspace closed,
   * the backup restored over its file (the file kept aside whole, the restore logged in the restored
   * file), and the restored workspace opened. A failed restore reopens the workspace as it was.
   */
  restore(backup: string, passphrase: string | undefined, known: WorkspaceKey[] = []): RestoreResult {
    const current = this.currentOrThrow();
    const path = current.path;
    const keyOf = keyringBeside(current, passphrase, known);
    const preview = previewRestore(resolve(backup), path, keyOf, this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {});
    if (preview.refused) throw new WorkbenchError('workspace-too-new', `${preview.refused} Nothing was changed.`, 'path');
    const backupKey = keyOf(resolve(backup));
    const previousKey = current.key;
    const workspaceId = readWorkspaceMeta(current.db).id ?? null;
    this.closeCurrent();
    let result: ReturnType<typeof restoreWorkspace>;
    try {
      result = restoreWorkspace(resolve(backup), path, keyOf, { now: this.host.now(), actor: this.host.actor, ...(this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}) });
    } catch (error) {
      this.reopenAfterFailure(path, [previousKey, backupKey]);
      throw error;
    }
    // The restore replaced the history this computer checked: the restored one is checked whole as it opens.
    if (workspaceId) this.host.settings.forgetVerifiedChain(workspaceId);
    const workspace = this.openWith(path, 'open', result.key);
    // The restored state is the newest backup's at once, so the status bar does not call the restore "not backed up".
    if (this.backsUpAutomatically()) this.backUpIfDue('closing');
    const heldByStore = result.key !== null && known.some((key) => key.salt.equals(result.key!.salt));
    const passphraseNote =
      result.key && previousKey && !result.key.salt.equals(previousKey.salt)
        ? heldByStore
          ? "The restored workspace opens with the key this computer's key store holds for it (the backup was made before the passphrase was set), on this computer account only."
          : 'The restored workspace opens with the passphrase the backup was made under, not the one you set since.'
        : !backupKey && result.key
          ? 'The backup was not encrypted: the restored workspace is encrypted with the workspace’s present key.'
          : null;
    return { workspace: this.info() ?? workspace, keptAside: result.keptAside, passphraseNote };
  }

  /**
   * Re-encrypts the open workspace under a new key (a new passphrase, or a plain one encrypted):
   * closed, rewritten in a checked copy put in place with one rename (service/workspaceFiles.ts),
   * reopened with the new key, and the change logged. A failure reopens it as it was.
   */
  private rewrite(to: WorkspaceKey, what: 'passphrase changed' | 'encrypted', keepPlainAs?: string): WorkspaceInfo {
    const { path, key: from } = this.currentOrThrow();
    if (readWorkspaceMeta(this.db()).is_demo === '1') {
      throw new WorkbenchError('invalid-input', 'The demo workspace holds public example data and stays unencrypted; create a workspace of your own to encrypt it.');
    }
    this.closeCurrent();
    try {
      rewriteWithKey(path, from, to, { now: this.host.now(), ...(keepPlainAs ? { keepPlainAs } : {}), ...(this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}) });
    } catch (error) {
      this.reopenAfterFailure(path, [from, to]);
      throw error;
    }
    this.openWith(path, 'open', to);
    const db = this.db();
    db.transaction(() => {
      appendChange(db, { at: this.host.now(), actor: this.host.actor, entity: 'workspace', entityId: readWorkspaceMeta(db).id ?? '', action: 'update', before: null, after: { encryption: what, ...(keepPlainAs ? { keptPlain: keepPlainAs } : {}) } });
    }).immediate();
    return this.info()!;
  }

  changePassphrase(current: string, passphrase: string): WorkspaceInfo {
    const { path, key } = this.currentOrThrow();
    if (!key) throw new WorkbenchError('invalid-input', 'This workspace is not encrypted: encrypt it first.');
    // A key the OS store keeps has no passphrase to retype: this account opened it already.
    if (!this.heldByOs(path) && !keyFromPassphrase(path, current).key.equals(key.key)) throw new WorkbenchError('workspace-locked', 'That is not the present passphrase. Nothing was changed.', 'current');
    return this.rewrite(newWorkspaceKey(passphrase), 'passphrase changed');
  }

  encrypt(passphrase: string): { workspace: WorkspaceInfo; keptPlain: string; plainBackups: string[] } {
    const { path, key } = this.currentOrThrow();
    if (key) throw new WorkbenchError('conflict', 'This workspace is already encrypted; change its passphrase instead.');
    const keptPlain = `${path}.unencrypted-${fileStamp(this.host.now())}`;
    const workspace = this.rewrite(newWorkspaceKey(passphrase), 'encrypted', keptPlain);
    // Backups taken before stay as they were: plain, and named so the user can delete them.
    const plainBackups = backupFilesIn(backupsFolderOf(path)).filter((file) => !looksEncrypted(file));
    return { workspace, keptPlain, plainBackups };
  }

  /** Whether the OS store holds the open file's key; a damaged key file is said where a key is needed, not here. */
  private heldByOs(path: string): boolean {
    try {
      return this.host.osKeys?.holds(path) ?? false;
    } catch {
      return false;
    }
  }

  /** The keys the OS store holds for these files (one per salt), for reading backups of another key. */
  private async osKeysOf(paths: string[]): Promise<WorkspaceKey[]> {
    const osKeys = this.host.osKeys;
    if (!osKeys) return [];
    const keys: WorkspaceKey[] = [];
    for (const path of paths) {
      if (keys.some((key) => existsSync(path) && looksEncrypted(path) && saltOf(path).equals(key.salt))) continue;
      if (!this.heldByOs(path)) continue;
      try {
        const key = await osKeys.keyFor(path);
        if (key) keys.push(key);
      } catch {
        // Listed with why it cannot be read, as a backup of an unknown passphrase is.
      }
    }
    return keys;
  }

  /** A key that could not be found, when the OS-held key file is damaged: the refusal says that too. */
  private sayingKeyFileProblem<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const problem = error instanceof WorkbenchError && error.code === 'workspace-locked' ? (this.host.osKeys?.problem() ?? null) : null;
      if (problem) throw new WorkbenchError('workspace-locked', `${(error as WorkbenchError).message} If its key was kept by this computer's key store: ${problem}`, (error as WorkbenchError).field ?? 'passphrase');
      throw error;
    }
  }

  /**
   * After a failed restore or re-key: opens the file with whichever key it has now (the old one,
   * or the new one when the failure came after the file was put in place); the first failure is
   * what the caller reports, whatever this finds.
   */
  private reopenAfterFailure(path: string, keys: Array<WorkspaceKey | null>): void {
    for (const key of keys) {
      try {
        this.openWith(path, 'open', key);
        return;
      } catch {
        // The next key, then none: the user opens it from the recent list.
      }
    }
  }

  private currentOrThrow() {
    this.db();
    return this.current!;
  }

  openDemo(): WorkspaceInfo {
    const path = join(this.host.dataDir, demoWorkspaceFileName);
    if (!existsSync(path)) {
      writeDemoWorkspace(path, {
        actor: this.host.actor,
        now: this.host.now(),
        newId: this.host.newId,
        ...(this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}),
      });
    }
    // The demo is plain (its data are public policies'), and says so.
    return this.open(path, 'open', null);
  }

  close(): null {
    this.backUpIfDue('closing');
    this.closeCurrent();
    this.host.settings.forgetLast();
    this.host.changed(null);
    return null;
  }

  /** Closes the database without forgetting it, so the next start reopens it. */
  shutdown(): void {
    this.backUpIfDue('closing');
    this.closeCurrent();
  }

  handlers(): Pick<
    Handlers,
    | 'getWorkspace'
    | 'listRecentWorkspaces'
    | 'createWorkspace'
    | 'openWorkspace'
    | 'openDemoWorkspace'
    | 'closeWorkspace'
    | 'getKeyStore'
    | 'changePassphrase'
    | 'encryptWorkspace'
    | 'getBackupStatus'
    | 'listBackups'
    | 'backUpNow'
    | 'previewRestore'
    | 'restoreBackup'
    | 'setWorkspaceTimeZone'
  > {
    return {
      getWorkspace: () => this.info(),
      setWorkspaceTimeZone: ({ timeZone: typed }) => {
        const db = this.db();
        const before = this.info()!.timeZone;
        // Stored as the zone's own name ("europe/paris" is Europe/Paris); the same zone again changes nothing.
        const timeZone = new Intl.DateTimeFormat('en', { timeZone: typed }).resolvedOptions().timeZone;
        if (timeZone === readWorkspaceMeta(db).time_zone) return this.info()!;
        db.transaction(() => {
          writeWorkspaceMeta(db, 'time_zone', timeZone);
          appendChange(db, { at: this.host.now(), actor: this.host.actor, entity: 'workspace', entityId: readWorkspaceMeta(db).id ?? '', action: 'update', before: { timeZone: before }, after: { timeZone } });
        })();
        const info = this.info()!;
        this.host.changed(info);
        return info;
      },
      listRecentWorkspaces: () =>
        this.host.settings.read().recent.map((entry) => ({ ...entry, exists: existsSync(entry.path) })),
      createWorkspace: ({ path, passphrase, osKeyStore }) => this.openOrCreate(path, 'create', passphrase, osKeyStore === true),
      openWorkspace: ({ path, passphrase }) => this.openOrCreate(path, 'open', passphrase),
      getKeyStore: () => this.host.osKeys?.status() ?? { available: false, backend: null },
      openDemoWorkspace: () => this.openDemo(),
      closeWorkspace: () => this.close(),
      changePassphrase: ({ current, passphrase }) => this.changePassphrase(current, passphrase),
      encryptWorkspace: ({ passphrase }) => this.encrypt(passphrase),
      getBackupStatus: () => backupStatusOf(this.currentOrThrow(), this.host.now(), this.backsUpAutomatically(), this.backupProblem),
      listBackups: async () => listBackupEntries(this.currentOrThrow(), this.host.nativeBinding, await this.osKeysOf(backupFilesIn(backupsFolderOf(this.currentOrThrow().path)))),
      backUpNow: () => takeBackup(this.currentOrThrow(), 'manual', this.host.now(), this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}),
      previewRestore: async ({ path, passphrase }) => {
        const current = this.currentOrThrow();
        const known = await this.osKeysOf([resolve(path)]);
        return this.sayingKeyFileProblem(() => previewRestore(resolve(path), current.path, keyringBeside(current, passphrase, known), this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}));
      },
      restoreBackup: async ({ path, passphrase }) => {
        const known = await this.osKeysOf([resolve(path)]);
        return this.sayingKeyFileProblem(() => this.restore(path, passphrase, known));
      },
    };
  }

  private initialise(db: Db, path: string): void {
    const id = this.host.newId();
    const name = basename(path).replace(/\.(sqlite|db|pwb|workbench)$/i, '');
    const now = this.host.now();
    db.transaction(() => {
      writeWorkspaceMeta(db, 'id', id);
      writeWorkspaceMeta(db, 'name', name);
      writeWorkspaceMeta(db, 'created_at', now);
      writeWorkspaceMeta(db, 'is_demo', '0');
      if (this.host.defaultCallerCountry) writeWorkspaceMeta(db, 'caller_country', this.host.defaultCallerCountry);
      // The zone of this computer, once: forms and imports default to it, wherever the file is opened later.
      writeWorkspaceMeta(db, 'time_zone', operatingSystemZone());
      appendChange(db, { at: now, actor: this.host.actor, entity: 'workspace', entityId: id, action: 'create', before: null, after: { name, isDemo: false } });
    })();
  }

  /**
   * Work a crash may have left half done is finished or reported before anything else; then the
   * change log's chain is checked from where it was last found intact on this computer, and the
   * register's records against their last logged state. What fails is shown as a banner.
   */
  private checksOnOpen(db: Db, path: string): string[] {
    const warnings: string[] = [];
    const meta = readWorkspaceMeta(db);
    const workspaceId = meta.id;
    // Reports are signed with the workspace's own certificate, made once (here, for workspaces from before signing).
    if (workspaceId && !signingIdentityOf(db)) {
      const organisations = listOrganisations(db);
      const organisation = organisations.length === 1 ? organisations[0]!.name : (meta.name ?? 'Privacy Workbench workspace');
      db.transaction(() => {
        const identity = makeSigningIdentity(db, organisation, this.host.now());
        appendChange(db, { at: this.host.now(), actor: this.host.actor, entity: 'workspace', entityId: 'signing-certificate', action: 'create', before: null, after: describeCertificate(identity.certificatePem) });
      }).immediate();
    }
    if (workspaceId) {
      const remembered = this.host.settings.read().verifiedChains[workspaceId] ?? null;
      let chain = verifyChain(db, remembered);
      // A restore logs the head it replaced. When the head remembered here is gone because a logged
      // restore replaced exactly it, the restored chain is checked whole instead, and the restore said.
      const anchorGone = (problem: { entryId: number | null }) => problem.entryId === remembered?.id;
      const restore = remembered && chain.problems.length && chain.problems.every(anchorGone) ? restoreReplacing(db, remembered) : null;
      if (restore) {
        chain = verifyChain(db, null);
        warnings.push(
          `This workspace was restored from ${restore.restoredFrom} on ${restore.at} by ${restore.actor}; the state this computer last checked (entry ${remembered!.id}) was replaced${restore.keptAside ? ` and kept at ${restore.keptAside}` : ''}.`,
        );
      }
      const problems = [...chain.problems, ...recordStateProblems(db)];
      if (problems.length) {
        warnings.push(
          `The change log of this workspace does not hold together: ${problems
            .slice(0, 3)
            .map((problem) => problem.problem)
            .join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}. Run "privacy-workbench workspace check --workspace ${path}" for every problem, and compare with your backups.`,
        );
      } else if (chain.head) {
        this.host.settings.rememberVerifiedChain(workspaceId, chain.head);
      }
    }
    try {
      for (const batch of closeInterruptedDisposals(db, this.host.now(), this.host.actor)) {
        warnings.push(
          `A disposal batch (${batch.id}, by ${batch.operator}, started ${batch.startedAt}) was interrupted before it finished. It has been closed: ` +
            `${batch.confirmedDeleted} file deletion(s) confirmed with their evidence, ${batch.notDisposed} recording(s) not disposed of (they stay due).`,
        );
      }
    } catch (error) {
      warnings.push(error instanceof Error ? error.message : String(error));
    }
    return warnings;
  }

  private closeCurrent(): void {
    if (this.current) {
      this.current.db.close();
      this.current = null;
    }
  }
}

/** The logged restore that replaced the file whose chain head was exactly `head`, if there is one. */
function restoreReplacing(db: Db, head: { id: number; hash: string }): (RestoreRecord & { at: string; actor: string }) | null {
  for (const row of restoreEntries(db)) {
    const record = JSON.parse(row.after_json) as RestoreRecord;
    if (record.replaced?.head?.hash === head.hash) return { ...record, at: row.at, actor: row.actor };
  }
  return null;
}

/** This computer's IANA time zone (the TZ variable, or the OS setting), UTC when it has none. */
export function operatingSystemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
