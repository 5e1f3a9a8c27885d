import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChangeEvent, Handlers, OperationName, Result, WorkbenchEvents } from '../core/contract';
import { operationWrites } from '../core/contract/writes';
import { WorkbenchError } from '../core/contract';
import { describeCertificate, importSigningIdentity, signingIdentityOf } from './reports/signing';
import { writeWithLog } from './session';
import type { Db } from '../db/types';
import { changeLogMark, changesSince, listChangesOfEntity } from '../db/repositories/changeLog';
import { activityHandlers } from './activities';
import { dispatch } from './dispatch';
import { organisationHandlers } from './organisations';
import { processorHandlers } from './processors';
import { transferHandlers } from './registerTransfer';
import { retentionRuleHandlers } from './retentionRules';
import { vocabularyHandlers } from './vocabulary';
import { incidentHandlers } from './incidents';
import { alertHandlers } from './alerts';
import { ruleHandlers } from './rules';
import { recordingHandlers } from './recordings';
import { disposalHandlers } from './disposal';
import { recordingRegisterHandlers } from './recordingRegister';
import { openRecordingMedia, recordingFileHandlers } from './recordingFiles';
import { continuesPlayback, mediaReply, type MediaReply } from './recordingMedia';
import { recordingImportHandlers } from './recordingsImportJobs';
import { reportHandlers } from './reportExport';
import type { ReportPrinter } from './reports/print';
import type { ServiceContext } from './session';
import { SettingsStore } from './settings';
import { WorkspaceManager } from './workspace';
import { OsHeldKeys, type OsKeyStore } from './osHeldKeys';

export interface WorkbenchServiceOptions {
  /** Folder for settings and the demo workspace (the OS user-data folder in the app). */
  dataDir: string;
  /** Who is acting, for the change log; defaults to the OS user name. */
  actor?: string;
  /** The clock; tests pass a fixed one. */
  clock?: () => Date;
  /**
   * The callers' country given to a new workspace (ISO 3166-1 alpha-2); none by default. Not taken
   * from the computer's locale: a wrong country reads national numbers wrongly (a French 06… as
   * +1 06… on an en-US computer), so it is set by the person who knows the phone system.
   */
  defaultCallerCountry?: string | null;
  /** better-sqlite3 addon built for the running runtime (Electron passes its own). */
  nativeBinding?: string;
  /** The passphrase workspaces are opened and created with when a call gives none (the CLI's --passphrase-file or PRIVACY_WORKBENCH_PASSPHRASE). */
  passphrase?: string;
  /** Reopen the workspace that was open when the app last stopped. */
  reopenLast?: boolean;
  /**
   * The OS secret store (the desktop shell's, electron/osKeyStore.ts): new workspaces may keep a
   * random key there instead of a passphrase. Without it, such workspaces say they open in the app.
   */
  osKeyStore?: OsKeyStore;
  /**
   * Back the open workspace up by itself (the app: the desktop shell and browser mode): once a day
   * while it is open and changed, and on closing (service/backups.ts). Not the CLI.
   */
  automaticBackups?: boolean;
  /**
   * The bundled worker that runs call-record imports in the background (dist/worker/recordings-import.cjs):
   * the CLI and Electron pass the one beside their bundle, tests one built from the source.
   */
  importWorkerPath?: string;
  /**
   * Prints reports to PDF: the CLI, browser mode and tests pass Playwright's Chromium
   * (service/reports/playwrightPrinter.ts), the desktop app a hidden window's printToPDF. Closed with the service.
   */
  printer?: ReportPrinter;
  /** The version printed on report covers and in the PDF's creator. */
  appVersion?: string;
  /** Characters of report markup per print job; the default suits every report (tests lower it to print small reports in parts). */
  reportPartBudget?: number;
  /**
   * How long a call waits for another writer (an import, the CLI) before answering 'busy': 100 ms
   * by default, so the app answers at once; the CLI's one-off commands wait longer.
   */
  busyTimeoutMs?: number;
  /** Where unexpected errors are reported (they reach the caller only as code 'internal'). */
  onInternalError?: (error: unknown) => void;
}

export interface WorkbenchService {
  handlers: Handlers;
  /** Validates and runs one operation; never throws. */
  call(name: string, input: unknown): Promise<Result<unknown>>;
  invoke<Name extends OperationName>(name: Name, input: unknown): Promise<Result<ReturnType<Handlers[Name]>>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<Event extends keyof WorkbenchEvents>(event: Event, listener: (payload: WorkbenchEvents[Event]) => void): () => void;
  /**
   * A recording's audio for the media route (browser mode) or protocol (Electron): checked by the
   * playback guard and written to the access log. Not a contract operation: it answers a file on disk.
   */
  recordingMedia(recordingId: number | null, range: string | null | undefined): MediaReply;
  /** An error met while reopening the last workspace at start, to show once. */
  startupProblem: string | null;
  /** Settles once the last workspace is reopened (a key from the OS store comes asynchronously), with what went wrong, if anything. */
  started: Promise<string | null>;
  close(): void;
}

export function defaultActor(): string {
  try {
    return userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}

/** Builds the workbench service: the same object behind Electron IPC, browser mode and the CLI. */
export function createWorkbenchService(options: WorkbenchServiceOptions): WorkbenchService {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? (() => new Date());
  const listeners = {
    workspaceChanged: new Set<(payload: WorkbenchEvents['workspaceChanged']) => void>(),
    changed: new Set<(payload: WorkbenchEvents['changed']) => void>(),
    // Sent by the desktop shell, never by the service: subscribing is allowed, nothing arrives.
    workspaceRequested: new Set<(payload: WorkbenchEvents['workspaceRequested']) => void>(),
  };
  const settings = new SettingsStore(options.dataDir);
  // Who acts: the profile name asked for once (kept in settings.json, so per computer account),
  // with the account, as "Anna Martin (anna)"; the account alone until a name is given.
  const account = options.actor ?? defaultActor();
  const actorNow = () => {
    const name = settings.read().profileName;
    return name ? `${name} (${account})` : account;
  };
  const now = () => clock().toISOString();
  const workspaces = new WorkspaceManager({
    dataDir: options.dataDir,
    settings,
    get actor() {
      return actorNow();
    },
    now,
    newId: randomUUID,
    defaultCallerCountry: options.defaultCallerCountry ?? null,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
    changed: (workspace) => listeners.workspaceChanged.forEach((listener) => listener(workspace)),
    ...(options.automaticBackups ? { automaticBackups: true } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    osKeys: new OsHeldKeys(options.dataDir, options.osKeyStore ?? null),
  });
  // The daily backup while a workspace stays open: checked every quarter of an hour (cheap: the
  // folder's names and the chain head), taken when a day has passed and something changed.
  const dailyBackups = options.automaticBackups ? setInterval(() => workspaces.backUpIfDue('daily'), 15 * 60_000) : null;
  dailyBackups?.unref();
  const context: ServiceContext = {
    db: () => workspaces.db(),
    workspaceKey: () => workspaces.key(),
    get actor() {
      return actorNow();
    },
    now,
    newId: randomUUID,
  };
  /** Announces the entries written after `since` (work that ends after its call returned: an import in a worker). */
  const announce = (operation: OperationName, since: number, db: Db): ChangeEvent | null => {
    // Another workspace opened meanwhile: it heard workspaceChanged, and these entries are not its own.
    // The same file reopened (a new connection) still hears them: its screens may have been read before the work committed.
    if (!workspaces.isOpen() || context.db().name !== db.name) return null;
    const entries: ChangeEvent['entries'] = changesSince(context.db(), since);
    if (!entries.length) return null;
    const event: ChangeEvent = { operation, entries };
    listeners.changed.forEach((listener) => listener(event));
    return event;
  };
  const imports = recordingImportHandlers(context, {
    workerPath: options.importWorkerPath,
    nativeBinding: options.nativeBinding,
    written: (db, since) => void announce('startRecordingsImport', since, db),
  });

  // Register previews and imports running in their own threads: ended with the service (an import not yet committed is rolled back).
  const planWorkers = new Set<Worker>();
  const handlers: Handlers = {
    ...workspaces.handlers(),
    ...organisationHandlers(context),
    ...activityHandlers(context),
    ...processorHandlers(context),
    // The register-plan worker is built beside the recordings import worker (dist/worker).
    ...transferHandlers(context, {
      planWorkerPath: options.importWorkerPath ? join(dirname(options.importWorkerPath), 'register-plan.cjs') : undefined,
      nativeBinding: options.nativeBinding,
      running: planWorkers,
    }),
    ...retentionRuleHandlers(context),
    ...vocabularyHandlers(context),
    ...incidentHandlers(context),
    ...ruleHandlers(context),
    ...recordingHandlers(context),
    ...disposalHandlers(context),
    ...recordingRegisterHandlers(context),
    ...recordingFileHandlers(context),
    ...imports.handlers,
    ...reportHandlers(context, { printer: options.printer, appVersion: options.appVersion ?? 'development build', partBudget: options.reportPartBudget }),
    ...alertHandlers(context, settings, clock(), () => workspaces.isOpen()),
    getChangeLog: ({ entity, entityId }) => listChangesOfEntity(context.db(), entity, entityId),
    getProfile: () => ({ name: settings.read().profileName, account, actor: actorNow() }),
    importSigningCertificate: ({ p12, passphrase }) => {
      const db = context.db();
      const before = signingIdentityOf(db);
      const identity = writeWithLog(context, (log) => {
        const imported = importSigningIdentity(db, Buffer.from(p12, 'base64'), passphrase, now());
        log('workspace', 'signing-certificate', 'update', before ? describeCertificate(before.certificatePem) : null, describeCertificate(imported.certificatePem));
        return imported;
      });
      return { pem: identity.certificatePem, ...describeCertificate(identity.certificatePem) };
    },
    getSigningCertificate: () => {
      const identity = signingIdentityOf(context.db());
      if (!identity) throw new WorkbenchError('not-found', 'This workspace has no signing certificate yet: open it again in this version to make one.');
      return { pem: identity.certificatePem, ...describeCertificate(identity.certificatePem) };
    },
    setProfile: ({ name }) => {
      settings.setProfileName(name);
      return { name: settings.read().profileName, account, actor: actorNow() };
    },
  };

  let startupProblem: string | null = null;
  let started: Promise<string | null> | null = null;
  if (options.reopenLast) {
    const last = settings.read().lastWorkspace;
    if (last) {
      try {
        workspaces.open(last, 'open');
      } catch (error) {
        if (error instanceof WorkbenchError && error.code === 'workspace-locked' && options.osKeyStore) {
          // Its key may be in the OS store, which answers asynchronously: the window hears of it by workspaceChanged.
          started = workspaces.openOrCreate(last, 'open', undefined).then(
            () => null,
            (later: unknown) => `The last workspace (${last}) could not be reopened: ${later instanceof Error ? later.message : String(later)}`,
          );
        } else {
          startupProblem = `The last workspace (${last}) could not be reopened: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
    }
  }

  /**
   * Every call goes through here: an operation declared as a write (core/contract/writes.ts) is
   * followed by a `changed` event naming the change-log entries it wrote; one that changed the
   * workspace without writing an entry is reported as an internal error (it broke the one write path).
   */
  const call = async (name: string, input: unknown) => {
    const writes = Object.hasOwn(operationWrites, name) ? operationWrites[name as OperationName] : null;
    const before = writes && workspaces.isOpen() ? { db: context.db(), ...changeLogMark(context.db()) } : null;
    const result = await dispatch(handlers, name, input, options.onInternalError, imports.explainBusy);
    if (!writes || !result.ok || !workspaces.isOpen()) return result;
    const db = context.db();
    // A call that opened another workspace has sent workspaceChanged: everything changed.
    if (!before || before.db.name !== db.name) return result;
    const head = changeLogMark(db);
    if (before.db === db && head.id === before.id && head.changes > before.changes) {
      options.onInternalError?.(new Error(`${name} changed the workspace without a change-log entry`));
    }
    const event = announce(name as OperationName, before.id, db);
    return event ? { ...result, changed: event } : result;
  };
  return {
    handlers,
    call,
    invoke: (name, input) => call(name, input) as never,
    on: (event, listener) => {
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return () => set.delete(listener);
    },
    recordingMedia: (recordingId, range) => {
      if (recordingId === null) return mediaReply({ ok: false, status: 404, reason: 'that is not a recording address' }, range);
      if (!workspaces.isOpen()) return mediaReply({ ok: false, status: 409, reason: 'no workspace is open' }, range);
      return mediaReply(openRecordingMedia(context.db(), recordingId, { actor: context.actor, now: now(), continuation: continuesPlayback(range) }), range);
    },
    startupProblem,
    started: started ?? Promise.resolve(startupProblem),
    close: () => {
      if (dailyBackups) clearInterval(dailyBackups);
      imports.shutdown();
      for (const worker of planWorkers) void worker.terminate();
      workspaces.shutdown();
      void options.printer?.close().catch((error: unknown) => options.onInternalError?.(error));
    },
  };
}
