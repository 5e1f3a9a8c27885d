import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Handlers, WorkspaceInfo } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { openWorkspaceDatabase } from '../db/connection';
import { newWorkspaceKey, passphraseKeyring, type WorkspaceKey } from '../db/encryption';
import { schemaVersionOf } from '../db/migrations';
import { appendChange, latestChange, verifyChain } from '../db/repositories/changeLog';
import { listOrganisations } from '../db/repositories/organisations';
import { readWorkspaceMeta, writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';
import { writeDemoWorkspace } from './demo';
import { closeInterruptedDisposals } from './disposal';
import { describeCertificate, makeSigningIdentity, signingIdentityOf } from './reports/signing';
import { recordStateProblems } from './workspaceCheck';
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
}

/** Holds the one open workspace and implements the workspace operations. */
export class WorkspaceManager {
  private current: { db: Db; path: string; warnings: string[]; key: WorkspaceKey | null } | null = null;

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
    let db: Db;
    const key = this.keyFor(absolute, mode, passphrase);
    try {
      db = openWorkspaceDatabase(absolute, {
        create: mode === 'create',
        ...(this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}),
        ...(key ? { key } : {}),
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
    this.closeCurrent();
    this.current = { db, path: absolute, warnings, key };
    const info = this.info()!;
    this.host.settings.rememberOpened(absolute, info.name, this.host.now());
    this.host.changed(info);
    return info;
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
    this.closeCurrent();
    this.host.settings.forgetLast();
    this.host.changed(null);
    return null;
  }

  /** Closes the database without forgetting it, so the next start reopens it. */
  shutdown(): void {
    this.closeCurrent();
  }

  handlers(): Pick<
    Handlers,
    'getWorkspace' | 'listRecentWorkspaces' | 'createWorkspace' | 'openWorkspace' | 'openDemoWorkspace' | 'closeWorkspace'
  > {
    return {
      getWorkspace: () => this.info(),
      listRecentWorkspaces: () =>
        this.host.settings.read().recent.map((entry) => ({ ...entry, exists: existsSync(entry.path) })),
      createWorkspace: ({ path, passphrase }) => this.open(path, 'create', passphrase),
      openWorkspace: ({ path, passphrase }) => this.open(path, 'open', passphrase),
      openDemoWorkspace: () => this.openDemo(),
      closeWorkspace: () => this.close(),
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
      const chain = verifyChain(db, remembered);
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
