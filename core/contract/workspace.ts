import { z } from 'zod';
import type { BackupKind, BackupStanding } from '../backups';
import type { ChangeLogEntry } from '../changeLog';
import { changeLogEntities } from '../changeLog';
import { isKnownZone } from '../incidents/calendar';
import { minimumPassphraseLength } from '../passphrase';
import { noInput, operation } from './operationSpec';

/** The workspace that is open: one SQLite file. */
export interface WorkspaceInfo {
  id: string;
  name: string;
  path: string;
  isDemo: boolean;
  schemaVersion: number;
  createdAt: string;
  /** The newest change-log entry, so reports and screens can name the data they show. */
  lastChange: { id: number; at: string; hash: string } | null;
  /** What opening the workspace found and the user must know (an interrupted disposal closed, say), shown as a banner. */
  warnings: string[];
  /** The file is encrypted (db/encryption.ts); false for a plain one (the demo, or one made plain on purpose). */
  encrypted: boolean;
  /** What opens it: a passphrase, the OS key store of this computer account (desktop app), or nothing (plain). */
  protection: 'passphrase' | 'os-key-store' | 'none';
  /** The workspace's IANA time zone, set once from the computer that created it: forms and imports default to it. */
  timeZone: string;
}

/** What a workspace or backup file holds, read through its key: enough to tell two files apart. */
export interface WorkspaceFileFacts {
  path: string;
  bytes: number;
  modifiedAt: string;
  encrypted: boolean;
  workspaceId: string | null;
  name: string | null;
  schemaVersion: number;
  chainHead: { id: number; hash: string } | null;
  /** Rows per kind of record, for a restore's preview. */
  counts: Record<string, number>;
}

/** One file of the backups folder: what its name says, and what it holds (or why it cannot be read). */
export interface BackupEntry {
  path: string;
  fileName: string;
  /** From its name (core/backups.ts); null for a file named otherwise. */
  kind: BackupKind | null;
  takenAt: string | null;
  facts: WorkspaceFileFacts | null;
  /** Why it could not be read: damaged, or made under another passphrase. */
  problem: string | null;
}

/** Where the open workspace's backups stand, for the status bar. */
export interface BackupStatus extends BackupStanding {
  folder: string;
  /** The app backs up by itself (daily and on closing); not for the demo, nor for the CLI. */
  automatic: boolean;
  /** Why the last automatic backup failed, if it did. */
  problem: string | null;
}

/** What restoring a backup over a workspace would change: both files' facts, side by side. */
export interface RestorePreview {
  backup: WorkspaceFileFacts;
  current: WorkspaceFileFacts | null;
  /** Why the file at the target cannot be read (damaged, another passphrase), when there is one. */
  currentProblem: string | null;
  /** Why it cannot be restored (a newer schema), or null. */
  refused: string | null;
}

export interface RestoreResult {
  workspace: WorkspaceInfo;
  /** Where the replaced workspace file is kept, whole. */
  keptAside: string | null;
  /** The restored file opens with the passphrase the backup was made under, when that differs. */
  passphraseNote: string | null;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

const workspacePath = z
  .object({
    path: z
      .string()
      .trim()
      .min(1, 'give the path of the workspace file')
      .refine((value) => !value.includes('\0'), 'must not contain a NUL character')
      .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), 'give the full path of the file (starting with / or a drive letter)'),
  })
  .strict();

export { minimumPassphraseLength };

const newPassphrase = z
  .string()
  .min(minimumPassphraseLength, `use at least ${minimumPassphraseLength} characters (a few words are easiest to remember)`)
  .max(1024, 'use at most 1024 characters');

/** Opening: the passphrase of an encrypted workspace (not needed for a plain one). */
const openWorkspaceInput = workspacePath.extend({ passphrase: z.string().max(1024).optional() }).strict();

/** Creating: a passphrase encrypts the new workspace; null makes it plain on purpose; left out, the service's own (the CLI's) or the OS-held key decides. */
const createWorkspaceInput = workspacePath
  .extend({
    passphrase: newPassphrase.nullable().optional(),
    /** The desktop app: a random key, kept by the operating system's secret store (getKeyStore says whether there is one). */
    osKeyStore: z.literal(true).optional(),
  })
  .strict()
  .refine((input) => !(input.osKeyStore && input.passphrase !== undefined), { path: ['passphrase'], message: 'give a passphrase or the OS key store, not both' });

/** A backup file, and the passphrase it was made under when that is not the workspace's present one. */
const backupFileInput = z
  .object({
    path: z.string().trim().min(1, 'give the path of the backup file'),
    passphrase: z.string().max(1024).optional(),
  })
  .strict();


/** The workspace file: create, open, close, its passphrase and time zone, its backups and its change history. */
export const workspaceOperations = {
  getWorkspace: operation<WorkspaceInfo | null>()(noInput, 'The open workspace, or null when none is open.'),
  listRecentWorkspaces: operation<RecentWorkspace[]>()(noInput, 'Workspaces opened before, newest first.'),
  createWorkspace: operation<WorkspaceInfo>()(createWorkspaceInput, 'Create an empty workspace file (encrypted with the passphrase given) and open it.'),
  openWorkspace: operation<WorkspaceInfo>()(openWorkspaceInput, 'Open an existing workspace file (an encrypted one with its passphrase).'),
  openDemoWorkspace: operation<WorkspaceInfo>()(noInput, 'Open the demo workspace, creating it on first use.'),
  closeWorkspace: operation<null>()(noInput, 'Close the open workspace.'),
  setWorkspaceTimeZone: operation<WorkspaceInfo>()(
    z.object({ timeZone: z.string().trim().refine(isKnownZone, 'is not a time zone this computer knows (use a name such as Europe/Paris)') }).strict(),
    "Set the workspace's time zone, which breach and call-import forms default to (each time stays shown with its zone).",
  ),
  getKeyStore: operation<{ available: boolean; backend: string | null }>()(noInput, "Whether this computer's OS secret store can keep workspace keys (the desktop app; not Linux's basic_text)."),
  changePassphrase: operation<WorkspaceInfo>()(
    z.object({ current: z.string().max(1024), passphrase: newPassphrase }).strict(),
    "Change the open workspace's passphrase, or give one to a workspace whose key the OS store keeps (current: empty); re-encrypted in a copy, checked, then put in place; earlier backups keep the old key.",
  ),
  encryptWorkspace: operation<{ workspace: WorkspaceInfo; keptPlain: string; plainBackups: string[] }>()(
    z.object({ passphrase: newPassphrase }).strict(),
    'Encrypt the open plain workspace with a passphrase; the plain file is kept beside it until you delete it, and the plain backups taken before are named.',
  ),
  getBackupStatus: operation<BackupStatus>()(noInput, "The open workspace's last backup, and whether its latest change is in one."),
  listBackups: operation<{ folder: string; backups: BackupEntry[] }>()(noInput, "The open workspace's backups folder, newest first, each file read through its key."),
  backUpNow: operation<BackupEntry>()(noInput, 'Back up the open workspace now into its backups folder (checked, then named; never rotated away).'),
  previewRestore: operation<RestorePreview>()(backupFileInput, 'What restoring a backup over the open workspace would change; writes nothing.'),
  restoreBackup: operation<RestoreResult>()(backupFileInput, 'Restore a backup over the open workspace: the current file is kept aside whole, the backup upgraded if older, and the restore logged.'),
  getChangeLog: operation<ChangeLogEntry[]>()(
    z.object({ entity: z.enum(changeLogEntities), entityId: z.string().min(1) }).strict(),
    'The change history of one record, newest first.',
  ),
};
