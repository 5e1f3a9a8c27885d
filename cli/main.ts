import { randomUUID, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { minimumPassphraseLength, WorkbenchError, type ExportedFile, type FolderScanResult, type ImportSummary, type WorkspaceInfo } from '../core/contract';
import { registerExportFormats, registerFormatOf, type RegisterFileFormat } from '../core/register/registerColumns';
import { flagsText } from '../core/register/importReview';
import type { ImportJob } from '../core/recordings/importJob';
import { computeObligations, incidentFactsSchema, type IncidentFacts } from '../core/incidents/deadlines';
import { assessRisk } from '../core/incidents/risk';
import { createWorkbenchService, defaultActor, type WorkbenchServiceOptions } from '../service';
import { reportKinds, reportTitles } from '../core/reports/model';
import { playwrightPrinter } from '../service/reports/playwrightPrinter';
import { verifyPdf } from '../service/reports/pdf';
import type { ExportedReport, ReportKindEntry } from '../core/contract';
import { describeInvalidInput } from '../service/dispatch';
import { writeDemoWorkspace } from '../service/demo';
import { defaultUserDataDir } from '../service/userDataDir';
import { startWebServer } from './webServer';
import { checkWorkspaceFile } from '../service/workspaceCheck';
import {
  backupsFolderOf,
  backupWorkspaceFile,
  fileStamp,
  keyFromPassphrase,
  listBackups,
  looksEncrypted,
  newWorkspaceKey,
  passphraseKeyring,
  previewRestore,
  restoreWorkspace,
  rewriteWithKey,
} from '../service/workspaceFiles';
import type { RecordingSettings } from '../service/recordingFolder';

/** Where the CLI writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Folder of the built CLI, to find the built renderer for browser mode. */
  bundleDir: string;
  version: string;
  /** The environment (PRIVACY_WORKBENCH_PASSPHRASE); the process's when not given. */
  env?: NodeJS.ProcessEnv;
  /** The workspace passphrase of this invocation (--passphrase-file, else PRIVACY_WORKBENCH_PASSPHRASE), taken out before the command's own options are read. */
  passphrase?: string;
  /** Where it came from: the workspace's passphrase file, or the environment. */
  passphraseSource?: 'file' | 'environment';
}

/** The environment variable a workspace passphrase may come from (for scripts and CI; a file is safer on a shared computer). */
export const passphraseVariable = 'PRIVACY_WORKBENCH_PASSPHRASE';

/** A passphrase file's first line, its line ending and any byte-order mark (Notepad writes one) dropped; `option` names it in errors. */
function readPassphraseFile(file: string, option: string): string {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new Error(`${option}: ${resolve(file)} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, { cause: error });
  }
  const passphrase = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  if (!passphrase) throw new Error(`${option}: ${resolve(file)} holds no passphrase on its first line.`);
  return passphrase;
}

/** Commands that never open a workspace, so take no passphrase. */
const withoutWorkspace = new Set(['verify', 'deadlines', 'assess']);

/**
 * Takes `--passphrase-file <file>` (or `=<file>`) out of a command's arguments and reads it: the
 * file's first line, its line ending dropped. Else PRIVACY_WORKBENCH_PASSPHRASE. Never a passphrase
 * on the command line itself, where other users of the computer can read it.
 */
function takePassphrase(args: string[], env: NodeJS.ProcessEnv): { args: string[]; passphrase?: string } {
  const rest: string[] = [];
  let file: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--passphrase-file') {
      file = args[index + 1];
      if (file === undefined || file.startsWith('--')) throw new UsageError('--passphrase-file needs the file that holds the passphrase');
      index += 1;
    } else if (arg.startsWith('--passphrase-file=')) file = arg.slice('--passphrase-file='.length);
    else rest.push(arg);
  }
  if (file !== undefined) return { args: rest, passphrase: readPassphraseFile(file, '--passphrase-file') };
  const fromEnv = env[passphraseVariable];
  return fromEnv ? { args: rest, passphrase: fromEnv } : { args: rest };
}

/** A mistake in how the command was called: exit code 2 with the usage. */
class UsageError extends Error {}

const commands: Record<string, { usage: string; summary: string }> = {
  demo: { usage: 'demo <file>', summary: 'Create the demo workspace (five organisations from the seed policies) at <file>.' },
  'register import': {
    usage: 'register import <file.csv|file.xlsx|file.ods|file.json> --workspace <file> [--mapping <saved layout>] [--json]',
    summary: 'Import a register (the ICO and CNIL templates as filled in): columns matched by heading or synonym, values mapped to terms or kept as flagged text; prints what was mapped, imported, updated and rejected.',
  },
  'register export': {
    usage: 'register export --format csv|xlsx|json --workspace <file> --out <file>',
    summary: 'Export the register: CSV or XLSX in the ICO template layout, or the whole register as JSON.',
  },
  deadlines: {
    usage: 'deadlines --input <facts.json>',
    summary: 'Print every notification obligation an incident\'s facts start, with its deadline and citation (JSON).',
  },
  assess: {
    usage: 'assess --input <facts.json>',
    summary: 'Score a breach\'s risk (ENISA severity, EDPB factors) and print the recommendation and reasons (JSON).',
  },
  'recordings import-cdr': {
    usage: 'recordings import-cdr <Master.csv> --zone <IANA zone> [--purpose <p>]... [--keep-numbers] --workspace <file> [--json]',
    summary: 'Import Asterisk call-detail records: answered calls become recordings with their retention dates.',
  },
  'recordings import-csv': {
    usage: 'recordings import-csv <file.csv> --mapping <name> --zone <IANA zone> [--purpose <p>]... [--keep-numbers] --workspace <file> [--json]',
    summary: 'Import call records from any CSV through a column mapping saved in the workspace (in the app).',
  },
  'recordings dispose': {
    usage: 'recordings dispose --workspace <file> --now <ISO instant> --operator <name> [--accept-missing] [--records-only] --json',
    summary:
      'Dispose of every recording due at that instant (never one under hold), with evidence; prints the batch. Needs the recordings folder; --records-only closes the entries of a workspace without one, touching no file.',
  },
  'recordings folder': {
    usage: 'recordings folder <dir> --workspace <file> [--backup-days <n>] [--caller-country <XX>] [--json]',
    summary:
      "Set the recordings folder (where the phone system writes its audio), how many days backups keep a deleted file (default: as set, else 35), and the callers' country (national numbers are read in it).",
  },
  'recordings scan': {
    usage: 'recordings scan --workspace <file> [--pattern <p>] [--json]',
    summary: 'Scan the recordings folder: match audio files to calls (uniqueid or pattern such as "in-{dst}-{src}-{date:YYYYMMDD}-{time:HHMMSS}-{uniqueid}") and register their SHA-256 and size.',
  },
  'recordings tickets': {
    usage: 'recordings tickets <file.csv> --workspace <file> [--json]',
    summary: 'Import ticket states (columns ticket, state, closed_at) and recompute the retention of their recordings; all or nothing.',
  },
  'recordings sweep': {
    usage: 'recordings sweep --workspace <file> [--now <ISO instant>] --json',
    summary: 'Count the recordings due for disposal, held, in conflict and retained.',
  },
  'certificate import': {
    usage: 'certificate import <file.p12> --workspace <file> [--p12-passphrase-file <file>]',
    summary: "Sign the workspace's reports from now on with the organisation's own key and certificate (PKCS#12), instead of the one made for it.",
  },
  'certificate export': {
    usage: 'certificate export --workspace <file> --out <file.pem>',
    summary: "Write the certificate the workspace's reports are signed with (PEM), for auditors to check signatures against.",
  },
  backup: {
    usage: 'backup --workspace <file> [--out <file>] [--json]',
    summary:
      "Back up a workspace: a consistent copy (what its -wal holds included, even while the app writes), encrypted like it, checked (quick_check, change-log chain) before it is named. Default: into the \"<workspace> backups\" folder beside it.",
  },
  'backup list': {
    usage: 'backup list --workspace <file> [--json]',
    summary: "List a workspace's backups (its backups folder): time, size, schema version, chain head, and any that cannot be read.",
  },
  restore: {
    usage: 'restore <backup> --to <file> [--preview] [--json]',
    summary:
      'Restore a backup to <file>: first what differs (records per kind, chain heads, schema), then the restore; a workspace already at <file> is kept aside whole, an older backup is upgraded, a newer one refused. --preview: only show.',
  },
  'workspace encrypt': {
    usage: 'workspace encrypt --workspace <file> --passphrase-file <file>',
    summary: 'Encrypt a plain workspace with the passphrase given; the plain file is kept beside it (readable by anyone: delete it when you no longer need it).',
  },
  'workspace passphrase': {
    usage: 'workspace passphrase --workspace <file> --passphrase-file <current> --new-passphrase-file <file>',
    summary: "Change an encrypted workspace's passphrase: the file is re-encrypted under the new one (its backups keep the old one).",
  },
  'workspace check': {
    usage: 'workspace check --workspace <file> [--expect-head <hash>] [--json]',
    summary:
      "Check a workspace: SQLite's integrity and foreign keys, the change log's hash chain, and each record against its last logged state; prints intact (exit 0) or each problem (exit 1). --expect-head: a chain head kept earlier (a report's cover names it) must still be in the log.",
  },
  report: {
    usage: 'report <ropa|processor-record|vendors|breaches|incident|retention|audit-pack> --workspace <file> --out <file.pdf> [--incident <id>]',
    summary: 'Print a report to PDF (Chromium at CHROMIUM_PATH or /usr/bin/chromium), its data attached and fingerprinted.',
  },
  verify: {
    usage: 'verify <file.pdf> [--certificate <file.pem>]',
    summary: 'Check a report PDF: its signature (over the whole file; with --certificate, by that certificate) and its attached data against the fingerprint: "intact" (exit 0), what does not match (exit 1), or why it cannot be read (exit 2).',
  },
  web: {
    usage: 'web [--data-dir <dir>] [--workspace <file>] [--port <n>]',
    summary: 'Browser mode for development and tests: serve the app and its service on 127.0.0.1 and print the URL.',
  },
};

export function helpText(version: string): string {
  const width = Math.max(...Object.values(commands).map((command) => command.usage.length));
  return [
    `privacy-workbench ${version}: the Privacy Workbench command line`,
    '',
    'Usage: privacy-workbench <command> [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --help, -h     Show this help',
    '  --version      Print the version',
    '',
    'Errors go to standard error with exit code 1; a wrong call exits with code 2.',
  ].join('\n');
}

/** Runs one CLI invocation and returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.err(helpText(io.version) + '\n');
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(helpText(io.version) + '\n');
      return 0;
    }
    if (command === '--version') {
      io.out(`${io.version}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(helpText(io.version) + '\n');
      return 0;
    }
    if (!withoutWorkspace.has(command)) {
      const taken = takePassphrase(rest, io.env ?? process.env);
      const fromFile = taken.args.length < rest.length;
      rest.splice(0, rest.length, ...taken.args);
      if (taken.passphrase !== undefined) io = { ...io, passphrase: taken.passphrase, passphraseSource: fromFile ? 'file' : 'environment' };
    }
    switch (command) {
      case 'demo':
        return runDemo(rest, io);
      case 'web':
        return await runWeb(rest, io);
      case 'register':
        return await runRegister(rest, io);
      case 'recordings':
        return await runRecordings(rest, io);
      case 'report':
        return await runReport(rest, io);
      case 'verify':
        return await runVerify(rest, io);
      case 'workspace':
        return runWorkspace(rest, io);
      case 'backup':
        return runBackup(rest, io);
      case 'restore':
        return runRestore(rest, io);
      case 'certificate':
        return await runCertificate(rest, io);
      case 'deadlines':
      case 'assess':
        return runFacts(command, rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`privacy-workbench: ${error.message}\nRun "privacy-workbench --help" for the commands.\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`privacy-workbench: ${message}\n`);
    return 1;
  }
}

function parse<Options extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function runDemo(args: string[], io: CliIo): number {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError(`usage: privacy-workbench ${commands.demo!.usage}`);
  const path = resolve(positionals[0]!);
  if (io.passphrase !== undefined) checkNewPassphrase(io.passphrase, '--passphrase-file');
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeDemoWorkspace(path, { actor: defaultActor(), now: new Date().toISOString(), newId: randomUUID, ...(io.passphrase !== undefined ? { key: newWorkspaceKey(io.passphrase) } : {}) });
  } catch (error) {
    if (error instanceof WorkbenchError) throw new Error(error.message, { cause: error });
    throw error;
  }
  io.out(
    io.passphrase !== undefined
      ? `Demo workspace written to ${path} (encrypted with the passphrase given)\n`
      : `Demo workspace written to ${path} (not encrypted: anyone with the file can read it; give --passphrase-file to encrypt it)\n`,
  );
  return 0;
}

/** The import worker bundled beside this CLI (dist/worker). */
const importWorkerOf = (io: CliIo) => join(io.bundleDir, '..', 'worker', 'recordings-import.cjs');

/** Runs one operation on a workspace file, with settings kept in a scratch folder. */
/** Opens the workspace for one command; what opening it found (an interrupted disposal closed, say) goes to stderr. */
async function withWorkspace<T>(
  io: CliIo,
  path: string,
  work: (service: ReturnType<typeof createWorkbenchService>) => Promise<T>,
  clock?: () => Date,
  importWorkerPath?: string,
  extra: Pick<WorkbenchServiceOptions, 'printer' | 'appVersion'> = {},
): Promise<T> {
  const scratch = mkdtempSync(join(tmpdir(), 'privacy-workbench-cli-'));
  const service = createWorkbenchService({
    dataDir: scratch,
    // A command waits for another writer (the app, another command) as a person would, up to 5 s.
    busyTimeoutMs: 5000,
    onInternalError: () => undefined,
    ...(clock ? { clock } : {}),
    ...(importWorkerPath ? { importWorkerPath } : {}),
    ...(io.passphrase !== undefined ? { passphrase: io.passphrase } : {}),
    ...extra,
  });
  try {
    const opened = await service.call('openWorkspace', { path: resolve(path) });
    if (!opened.ok) throw new Error(opened.error.message);
    for (const warning of (opened.value as WorkspaceInfo).warnings) io.err(`warning: ${warning}\n`);
    return await work(service);
  } finally {
    service.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function formatOf(path: string): RegisterFileFormat {
  const format = registerFormatOf(path);
  if (!format) throw new UsageError(`${path}: the file name must end in .csv, .xlsx, .ods or .json`);
  return format;
}

async function runRecordings(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'import-cdr') {
    const { values, positionals } = parse(rest, {
      zone: { type: 'string' },
      purpose: { type: 'string', multiple: true },
      'keep-numbers': { type: 'boolean' },
      workspace: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1 || !values.workspace || !values.zone) throw new UsageError(`usage: privacy-workbench ${commands['recordings import-cdr']!.usage}`);
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const result = await withWorkspace(io, values.workspace, async (service) => {
      const outcome = await service.call('importCallRecords', { path: file, zone: values.zone, purposes: values.purpose?.length ? values.purpose : ['quality'], keepNumbers: values['keep-numbers'] ?? false });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as { imported: number; duplicates: number; skipped: number; rejected: Array<{ line: number; reason: string }> };
    });
    printImportResult(result, values.json ?? false, io);
    return 0;
  }
  if (action === 'import-csv') {
    const { values, positionals } = parse(rest, {
      mapping: { type: 'string' },
      zone: { type: 'string' },
      purpose: { type: 'string', multiple: true },
      'keep-numbers': { type: 'boolean' },
      workspace: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1 || !values.workspace || !values.zone || !values.mapping) throw new UsageError(`usage: privacy-workbench ${commands['recordings import-csv']!.usage}`);
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const result = await withWorkspace(io, 
      values.workspace,
      async (service) => {
        const value = async <T>(name: string, input: unknown): Promise<T> => {
          const outcome = await service.call(name, input);
          if (!outcome.ok) throw new Error(outcome.error.message);
          return outcome.value as T;
        };
        const saved = await value<Array<{ id: string; name: string }>>('listCsvMappings', {});
        const mapping = saved.find((entry) => entry.name.toLowerCase() === values.mapping!.toLowerCase());
        if (!mapping) {
          throw new Error(`No mapping named "${values.mapping}" in this workspace${saved.length ? ` (saved: ${saved.map((entry) => entry.name).join(', ')})` : ''}; save one in the app (Call recordings, Import).`);
        }
        let job = await value<ImportJob>('startRecordingsImport', {
          path: file,
          source: 'mapping',
          mappingId: mapping.id,
          zone: values.zone,
          purposes: values.purpose?.length ? values.purpose : ['quality'],
          keepNumbers: values['keep-numbers'] ?? false,
        });
        while (job.state === 'running') {
          await new Promise((wake) => setTimeout(wake, 100));
          job = await value<ImportJob>('getImportJob', { jobId: job.id });
        }
        if (job.state !== 'done' || !job.result) throw new Error(job.error ?? `The import ended ${job.state}.`);
        if (job.result.rejectedCount > job.result.rejected.length) {
          io.err(`${job.result.rejectedCount} lines were rejected; the first ${job.result.rejected.length} are listed.\n`);
        }
        return job.result;
      },
      undefined,
      importWorkerOf(io),
    );
    printImportResult(result, values.json ?? false, io);
    return 0;
  }
  if (action === 'dispose') {
    const { values, positionals } = parse(rest, {
      workspace: { type: 'string' },
      now: { type: 'string' },
      operator: { type: 'string' },
      'accept-missing': { type: 'boolean' },
      'records-only': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length || !values.workspace || !values.now || !values.operator) throw new UsageError(`usage: privacy-workbench ${commands['recordings dispose']!.usage}`);
    const instant = new Date(values.now);
    if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(values.now)) throw new UsageError('--now must be an ISO 8601 instant, e.g. 2026-11-23T09:00:00Z');
    // --now is the instant the due list is taken at; the run's own clock stays the computer's (a future instant is refused).
    const batch = await withWorkspace(io, values.workspace, async (service) => {
      const outcome = await service.call('disposeDueRecordings', {
        operator: values.operator,
        asOf: instant.toISOString(),
        acceptMissingFiles: values['accept-missing'] ?? false,
        recordsOnly: values['records-only'] ?? false,
      });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as { id: string; disposed: unknown[]; refused: unknown[] };
    });
    io.out(values.json ? `${JSON.stringify(batch, null, 2)}\n` : `Batch ${batch.id}: disposed ${batch.disposed.length}, refused ${batch.refused.length}.\n`);
    return 0;
  }
  if (action === 'folder') {
    const { values, positionals } = parse(rest, { workspace: { type: 'string' }, 'backup-days': { type: 'string' }, 'caller-country': { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 1 || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands['recordings folder']!.usage}`);
    const days = values['backup-days'] === undefined ? undefined : Number(values['backup-days']);
    if (days !== undefined && (!Number.isInteger(days) || days < 0)) throw new UsageError('--backup-days must be a whole number of days (0 or more)');
    const settings = await withWorkspace(io, values.workspace, async (service) => {
      const current = await service.call('getRecordingSettings', {});
      if (!current.ok) throw new Error(current.error.message);
      const outcome = await service.call('setRecordingSettings', {
        folder: resolve(positionals[0]!),
        backupRetentionDays: days ?? (current.value as RecordingSettings).backupRetentionDays,
        ...(values['caller-country'] === undefined ? {} : { callerCountry: values['caller-country'].toUpperCase() }),
      });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as RecordingSettings;
    });
    io.out(
      values.json
        ? `${JSON.stringify(settings, null, 2)}\n`
        : `Recordings folder: ${settings.folder}; backups keep a deleted file ${settings.backupRetentionDays} days; callers' country: ${settings.callerCountry ?? 'not set'}.\n`,
    );
    return 0;
  }
  if (action === 'sweep') {
    const { values, positionals } = parse(rest, { workspace: { type: 'string' }, now: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands['recordings sweep']!.usage}`);
    const counts = await withWorkspace(io, values.workspace, async (service) => {
      const outcome = await service.call('sweepRecordings', values.now ? { now: values.now } : {});
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as { due: number; held: number; conflicts: number; retained: number };
    });
    io.out(values.json ? `${JSON.stringify(counts, null, 2)}\n` : `Due ${counts.due}, held ${counts.held}, in conflict ${counts.conflicts}, retained ${counts.retained}.\n`);
    return 0;
  }
  if (action === 'scan') {
    const { values, positionals } = parse(rest, { workspace: { type: 'string' }, pattern: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands['recordings scan']!.usage}`);
    const scan = await withWorkspace(io, values.workspace, async (service) => {
      const outcome = await service.call('scanRecordingsFolder', values.pattern === undefined ? {} : { pattern: values.pattern });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as FolderScanResult;
    });
    if (values.json) io.out(`${JSON.stringify(scan, null, 2)}\n`);
    else {
      io.out(
        `Scanned ${scan.scanned} audio files: matched ${scan.matched}, already known ${scan.alreadyKnown}, changed ${scan.changed.length}, ` +
          `of disposed calls ${scan.disposed.count}, unmatched ${scan.unmatched.count}; ignored ${scan.ignored} other files and ${scan.outside.count} links leading outside the folder.\n`,
      );
      for (const entry of scan.changed) io.out(`  changed: ${entry.file} (registered ${entry.registeredFile}, SHA-256 ${entry.registeredSha256 ?? 'none'}, found ${entry.foundSha256})\n`);
    }
    return 0;
  }
  if (action === 'tickets') {
    const { values, positionals } = parse(rest, { workspace: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 1 || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands['recordings tickets']!.usage}`);
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const content = readFileSync(file, 'utf8');
    const outcome = await withWorkspace(io, values.workspace, async (service) => {
      const result = await service.call('importTicketStates', { content });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { tickets: number; recordings: number; unknownTickets: string[] };
    });
    if (values.json) io.out(`${JSON.stringify(outcome, null, 2)}\n`);
    else {
      io.out(`Updated ${outcome.tickets} tickets; ${outcome.recordings} recordings changed.\n`);
      if (outcome.unknownTickets.length) io.out(`No recording is linked to: ${outcome.unknownTickets.join(', ')}\n`);
    }
    return 0;
  }
  throw new UsageError(
    [
      commands['recordings import-cdr']!,
      commands['recordings import-csv']!,
      commands['recordings folder']!,
      commands['recordings scan']!,
      commands['recordings tickets']!,
      commands['recordings sweep']!,
      commands['recordings dispose']!,
    ]
      .map((command, index) => `${index ? '       ' : 'usage: '}privacy-workbench ${command.usage}`)
      .join('\n'),
  );
}

/** An import's counts and rejected lines: JSON (exactly these four keys), or sentences. */
function printImportResult(result: { imported: number; duplicates: number; skipped: number; rejected: Array<{ line: number; reason: string }> }, json: boolean, io: CliIo): void {
  const { imported, duplicates, skipped, rejected } = result;
  if (json) {
    io.out(`${JSON.stringify({ imported, duplicates, skipped, rejected }, null, 2)}\n`);
    return;
  }
  io.out(`Imported ${imported}, duplicates ${duplicates}, skipped ${skipped} (no recording), rejected ${rejected.length}.\n`);
  for (const entry of rejected.slice(0, 50)) io.out(`  line ${entry.line}: ${entry.reason}\n`);
  if (rejected.length > 50) io.out(`  … and ${rejected.length - 50} more (use --json for all)\n`);
}

/** Reads and checks a facts file; a wrong field is named with its path. */
function readFacts(args: string[], command: 'deadlines' | 'assess'): IncidentFacts {
  const { values, positionals } = parse(args, { input: { type: 'string' } });
  if (positionals.length || !values.input) throw new UsageError(`usage: privacy-workbench ${commands[command]!.usage}`);
  const file = resolve(values.input);
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = incidentFactsSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: ${describeInvalidInput(parsed.error).message}`);
  return parsed.data;
}

function runFacts(command: 'deadlines' | 'assess', args: string[], io: CliIo): number {
  const facts = readFacts(args, command);
  if (command === 'deadlines') {
    const obligations = computeObligations(facts).map(({ id, recipient, kind, anchor, dueAt, dueLocal, citation }) => ({ id, recipient, kind, anchor, dueAt, dueLocal, citation }));
    io.out(`${JSON.stringify({ obligations }, null, 2)}\n`);
    return 0;
  }
  if (!facts.assessment) throw new Error('The facts file has no "assessment" part to score.');
  const { recommendation, severity, reasons } = assessRisk(facts.assessment);
  io.out(`${JSON.stringify({ recommendation, severity, reasons }, null, 2)}\n`);
  return 0;
}

async function runRegister(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'import') {
    const { values, positionals } = parse(rest, { workspace: { type: 'string' }, json: { type: 'boolean' }, mapping: { type: 'string' } });
    if (positionals.length !== 1 || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands['register import']!.usage}`);
    const file = resolve(positionals[0]!);
    const format = formatOf(file);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    // Binary and CSV files travel as base64 bytes (so a CSV's encoding is detected); JSON as text.
    const bytes = readFileSync(file);
    const content = format === 'json' ? bytes.toString('utf8') : bytes.toString('base64');
    const summary = await withWorkspace(io, values.workspace, async (service) => {
      // Unattended: the saved layout (named, or found by the file's headings) or the proposals apply; unmatched values are kept as flagged text.
      const result = await service.call('importRegister', { format, content, ...(format === 'json' ? {} : { encoding: 'base64' as const }), ...(values.mapping ? { layout: values.mapping } : {}) });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as ImportSummary;
      // The file is read, matched and written in the register-plan worker (beside the import worker), within its limits.
    }, undefined, importWorkerOf(io));
    const mapped = summary.values.filter((entry) => entry.decision.action !== 'text').map((entry) => ({
      column: entry.column,
      value: entry.value,
      to: entry.decision.action === 'map' ? entry.decision.code : 'new term',
      match: entry.chosen ? 'chosen' : entry.match,
    }));
    const keptAsText = summary.values.filter(flagsText).map((entry) => ({ column: entry.column, value: entry.value }));
    if (values.json) {
      io.out(
        `${JSON.stringify(
          {
            imported: summary.imported,
            updated: summary.updated,
            unchanged: summary.unchanged,
            rejected: summary.rejected,
            encoding: summary.encoding,
            layout: summary.layout,
            skipped: summary.skipped,
            problems: summary.problems,
            mapped,
            keptAsText,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      io.out(`Imported ${summary.imported}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length}.\n`);
      if (summary.encoding) io.out(`Read as ${summary.encoding}${summary.layout ? `, with the saved layout "${summary.layout}"` : ''}.\n`);
      for (const rejected of summary.rejected) io.out(`  row ${rejected.row}: ${rejected.reason}\n`);
      for (const skipped of summary.skipped) io.out(`  row ${skipped.row} skipped: ${skipped.reason}\n`);
      for (const problem of summary.problems) io.out(`  row ${problem.row}, ${problem.column}: ${problem.message}\n`);
      for (const entry of mapped) io.out(`  mapped ${entry.column} "${entry.value}" to ${entry.to} (${entry.match})\n`);
      for (const entry of keptAsText) io.out(`  kept as text and flagged: ${entry.column} "${entry.value}"\n`);
      if (summary.ignoredColumns.length) io.out(`Columns not used: ${summary.ignoredColumns.join(', ')}\n`);
    }
    return 0;
  }
  if (action === 'export') {
    const { values, positionals } = parse(rest, { workspace: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
    if (positionals.length || !values.workspace || !values.out || !values.format) throw new UsageError(`usage: privacy-workbench ${commands['register export']!.usage}`);
    const format = registerExportFormats.find((entry) => entry === values.format);
    if (!format) throw new UsageError('--format must be csv, xlsx or json');
    const out = resolve(values.out);
    const file = await withWorkspace(io, values.workspace, async (service) => {
      const result = await service.call('exportRegister', { format });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as ExportedFile;
    });
    writeFileSync(out, file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content);
    io.out(`Register written to ${out}\n`);
    return 0;
  }
  throw new UsageError(`usage: privacy-workbench ${commands['register import']!.usage}\n       privacy-workbench ${commands['register export']!.usage}`);
}

async function runReport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { workspace: { type: 'string' }, out: { type: 'string' }, incident: { type: 'string' } });
  if (positionals.length !== 1 || !values.workspace || !values.out) throw new UsageError(`usage: privacy-workbench ${commands.report!.usage}`);
  const kind = reportKinds.find((entry) => entry === positionals[0]);
  if (!kind) throw new UsageError(`unknown report "${positionals[0]}": choose one of ${reportKinds.join(', ')}`);
  if (kind === 'incident' && !values.incident) throw new UsageError('the incident report needs --incident <id>');
  if (kind !== 'incident' && values.incident) throw new UsageError('--incident is only for the incident report');
  const workspace = resolve(values.workspace);
  if (!existsSync(workspace)) throw new Error(`${workspace} does not exist.`);
  const out = resolve(values.out);
  if (!existsSync(dirname(out))) throw new Error(`The folder ${dirname(out)} does not exist.`);
  const printer = playwrightPrinter();
  try {
    const report = await withWorkspace(io, 
      workspace,
      async (service) => {
        const kinds = await service.call('listReportKinds', {});
        if (kinds.ok && !(kinds.value as ReportKindEntry[]).find((entry) => entry.kind === kind)?.available) {
          throw new Error(`The ${reportTitles[kind]} report is not available yet in this version.`);
        }
        const result = await service.call('exportReport', { kind, ...(values.incident ? { incidentId: values.incident } : {}) });
        if (!result.ok) throw new Error(result.error.message);
        return result.value as ExportedReport;
      },
      undefined,
      undefined,
      { printer, appVersion: io.version },
    );
    writeFileSync(out, Buffer.from(report.pdfBase64, 'base64'));
    io.out(`${reportTitles[kind]}: ${report.pages} pages written to ${out}\nFingerprint (SHA-256 of the attached snapshot.json): ${report.fingerprint}\n`);
    return 0;
  } finally {
    await printer.close();
  }
}

/** What `verify` reads at most: no report comes near it (the 10 000-activity register is 48 MB). */
const verifyLimits = { bytes: 200 * 1_048_576, milliseconds: 120_000 };

async function runVerify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { certificate: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError(`usage: privacy-workbench ${commands.verify!.usage}`);
  const file = resolve(positionals[0]!);
  let certificateSha256: string | undefined;
  if (values.certificate) {
    try {
      certificateSha256 = new X509Certificate(readFileSync(resolve(values.certificate))).fingerprint256.replace(/:/g, '').toLowerCase();
    } catch (error) {
      throw new UsageError(`--certificate: ${values.certificate} is not a readable X.509 certificate (PEM or DER): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Exit 2: the input cannot be verified at all (missing, too large, not a readable PDF, too slow), in one line.
  const cannot = (why: string) => {
    io.err(`privacy-workbench: cannot verify ${file}: ${why}\n`);
    return 2;
  };
  if (!existsSync(file) || !statSync(file).isFile()) return cannot('no such file');
  if (statSync(file).size > verifyLimits.bytes) return cannot(`it is ${Math.round(statSync(file).size / 1_048_576)} MB, more than any report (the limit is ${verifyLimits.bytes / 1_048_576} MB)`);
  let timer: NodeJS.Timeout | undefined;
  const verification = await Promise.race([
    verifyPdf(readFileSync(file), { appVersion: io.version, ...(certificateSha256 ? { certificateSha256 } : {}) }),
    new Promise<null>((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout(null), verifyLimits.milliseconds);
    }),
  ]).finally(() => clearTimeout(timer));
  if (verification === null) return cannot(`reading it took more than ${verifyLimits.milliseconds / 1000} s`);
  if (verification.unreadable) return cannot(verification.problems[0]!.replace(/^The file is not a readable PDF: /, 'not a readable PDF: '));
  if (verification.intact) {
    const tables = verification.attachments.filter((name) => name.endsWith('.csv')).length;
    io.out(
      `intact: signed by ${verification.signer ?? 'an unnamed certificate'} (certificate SHA-256 ${verification.certificateSha256}), the signature covering the whole file; ` +
        `the attached snapshot.json has the fingerprint the report states (${verification.stated}), its ${tables} CSV ${tables === 1 ? 'table matches' : 'tables match'}, ` +
        `and each of its ${verification.pages ?? '?'} pages reads what that data renders to.\n` +
        (certificateSha256
          ? '  The signer is the certificate given.\n'
          : '  Anyone can make a certificate with any name: compare its SHA-256 with the organisation\'s, or give it (verify --certificate <file.pem>).\n'),
    );
    return 0;
  }
  io.out(`NOT intact: ${file}\n${verification.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
  return 1;
}

/**
 * `workspace check`: read-only, and through the same opening checks as the app (a damaged file or a
 * log that does not belong is refused with its reason, exit 1).
 */
/** A file's size in words. */
const sizeText = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

const headText = (head: { id: number; hash: string } | null) => (head ? `entry ${head.id}, chain head ${head.hash}` : 'no chain (an empty log, or a version before the chain)');

function runBackup(args: string[], io: CliIo): number {
  const now = new Date().toISOString();
  if (args[0] === 'list') {
    const { values, positionals } = parse(args.slice(1), { workspace: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands['backup list']!.usage}`);
    const folder = backupsFolderOf(resolve(values.workspace));
    const backups = listBackups(folder, io.passphrase ?? null);
    if (values.json) io.out(`${JSON.stringify({ folder, backups }, null, 2)}\n`);
    else {
      io.out(backups.length ? `${backups.length} backup(s) in ${folder}, newest first:\n` : `No backups in ${folder}.\n`);
      for (const backup of backups) {
        io.out(
          'problem' in backup
            ? `  ${basename(backup.path)}: cannot be read (${backup.problem})\n`
            : `  ${basename(backup.path)}  ${backup.modifiedAt}  ${sizeText(backup.bytes)}  schema ${backup.schemaVersion}  ${backup.encrypted ? 'encrypted' : 'NOT encrypted'}  ${headText(backup.chainHead)}\n`,
        );
      }
    }
    return 0;
  }
  const { values, positionals } = parse(args, { workspace: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands.backup!.usage}`);
  const facts = backupWorkspaceFile(resolve(values.workspace), io.passphrase, values.out ? resolve(values.out) : null, { now });
  if (values.json) io.out(`${JSON.stringify(facts, null, 2)}\n`);
  else {
    io.out(
      `Backed up to ${facts.path} (${sizeText(facts.bytes)}, schema ${facts.schemaVersion}, ${facts.encrypted ? 'encrypted like the workspace' : 'NOT encrypted, like the workspace'}).\n` +
        `  Checked: quick_check ok, change log intact; ${headText(facts.chainHead)}.\n`,
    );
  }
  return 0;
}

function runRestore(args: string[], io: CliIo): number {
  const { values, positionals } = parse(args, { to: { type: 'string' }, preview: { type: 'boolean' }, json: { type: 'boolean' } });
  if (positionals.length !== 1 || !values.to) throw new UsageError(`usage: privacy-workbench ${commands.restore!.usage}`);
  const backup = resolve(positionals[0]!);
  const target = resolve(values.to);
  // One keyring for the preview and the restore: each file's key is derived once.
  const keyOf = passphraseKeyring(io.passphrase);
  const preview = previewRestore(backup, target, keyOf);
  const lines = [`Backup ${backup}: schema ${preview.backup.schemaVersion}, ${headText(preview.backup.chainHead)}.`];
  if (preview.currentProblem) {
    lines.push(`Replaces ${target}, which cannot be read (${preview.currentProblem}); it is kept aside as it is.`);
    for (const [kind, count] of Object.entries(preview.backup.counts)) lines.push(`  ${kind}: ${count} in the backup`);
  } else if (preview.current) {
    lines.push(`Replaces ${target}: schema ${preview.current.schemaVersion}, ${headText(preview.current.chainHead)}.`);
    if (preview.current.workspaceId !== preview.backup.workspaceId) lines.push(`  Note: the backup is of another workspace (${preview.backup.name ?? preview.backup.workspaceId}) than the one at ${target} (${preview.current.name ?? preview.current.workspaceId}).`);
    for (const [kind, count] of Object.entries(preview.backup.counts)) {
      const current = preview.current.counts[kind] ?? 0;
      lines.push(`  ${kind}: ${current} now, ${count} in the backup${count === current ? '' : ` (${count > current ? '+' : ''}${count - current})`}`);
    }
  } else {
    lines.push(`Restores to a new file ${target}.`);
    for (const [kind, count] of Object.entries(preview.backup.counts)) lines.push(`  ${kind}: ${count}`);
  }
  if (preview.refused) {
    io.err(`privacy-workbench: ${preview.refused} Nothing was changed.\n`);
    return 1;
  }
  if (values.preview) {
    io.out(values.json ? `${JSON.stringify(preview, null, 2)}\n` : `${lines.join('\n')}\n(preview only: nothing was changed)\n`);
    return 0;
  }
  const result = restoreWorkspace(backup, target, keyOf, { now: new Date().toISOString(), actor: defaultActor() });
  if (values.json) io.out(`${JSON.stringify({ preview, ...result }, null, 2)}\n`);
  else {
    io.out(
      `${lines.join('\n')}\nRestored ${target} (schema ${result.restored.schemaVersion}, ${headText(result.restored.chainHead)}).\n` +
        (result.keptAside ? `  The workspace it replaced is kept whole at ${result.keptAside}.\n` : ''),
    );
  }
  return 0;
}

function runWorkspace(args: string[], io: CliIo): number {
  const [action, ...rest] = args;
  if (action === 'encrypt' || action === 'passphrase') return runWorkspaceKey(action, rest, io);
  if (action !== 'check') throw new UsageError(`usage: privacy-workbench ${commands['workspace check']!.usage}`);
  const { values, positionals } = parse(rest, { workspace: { type: 'string' }, 'expect-head': { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands['workspace check']!.usage}`);
  const expectHead = values['expect-head'];
  if (expectHead !== undefined && !/^[0-9a-fA-F]{64}$/.test(expectHead)) throw new UsageError('--expect-head must be a SHA-256 in hex (64 characters), as a report cover names the chain head');
  const file = resolve(values.workspace);
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  {
    const result = checkWorkspaceFile(file, { ...(expectHead ? { expectHead } : {}), ...(io.passphrase !== undefined ? { passphrase: io.passphrase } : {}) });
    if (values.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.intact) {
      io.out(`intact: ${file}\n  change log: ${result.head ? `${result.head.id} entries, chain head ${result.head.hash}` : 'empty'}\n`);
      if (result.expectedHead) io.out(`  the head you kept is entry ${result.expectedHead.entryId}; ${result.expectedHead.entriesSince} entries were added since\n`);
    } else {
      io.out(`NOT intact: ${file}\n${result.problems.map((problem) => `  - ${problem.problem}`).join('\n')}\n`);
    }
    return result.intact ? 0 : 1;
  }
}

/** `workspace encrypt` (a plain file under the passphrase given) and `workspace passphrase` (a new passphrase for an encrypted one). */
function runWorkspaceKey(action: 'encrypt' | 'passphrase', args: string[], io: CliIo): number {
  const usage = commands[`workspace ${action}`]!.usage;
  const { values, positionals } = parse(args, { workspace: { type: 'string' }, 'new-passphrase-file': { type: 'string' } });
  if (positionals.length || !values.workspace || (action === 'passphrase') !== (values['new-passphrase-file'] !== undefined)) throw new UsageError(`usage: privacy-workbench ${usage}`);
  if (io.passphrase === undefined) throw new UsageError(`give the ${action === 'encrypt' ? 'new' : 'current'} passphrase with --passphrase-file <file> (or ${passphraseVariable})`);
  const path = resolve(values.workspace);
  if (!existsSync(path)) throw new Error(`No workspace file at ${path}.`);
  const now = new Date().toISOString();
  if (action === 'encrypt') {
    if (looksEncrypted(path)) throw new Error(`${path} is already encrypted; to change its passphrase use "workspace passphrase".`);
    checkNewPassphrase(io.passphrase, '--passphrase-file');
    const keptPlain = `${path}.unencrypted-${fileStamp(now)}`;
    const facts = rewriteWithKey(path, null, newWorkspaceKey(io.passphrase), { now, keepPlainAs: keptPlain });
    io.out(
      `Encrypted ${path} (${headText(facts.chainHead)}).\n` +
        `  The plain file is kept at ${keptPlain}: anyone with it can read the whole workspace. Delete it once you no longer need it.\n`,
    );
    return 0;
  }
  const fresh = readPassphraseFile(values['new-passphrase-file']!, '--new-passphrase-file');
  checkNewPassphrase(fresh, '--new-passphrase-file');
  if (!looksEncrypted(path)) throw new Error(`${path} is not encrypted; encrypt it with "workspace encrypt".`);
  const facts = rewriteWithKey(path, keyFromPassphrase(path, io.passphrase), newWorkspaceKey(fresh), { now });
  io.out(`The passphrase of ${path} was changed (${headText(facts.chainHead)}). Its earlier backups still open with the old one.\n`);
  return 0;
}

function checkNewPassphrase(passphrase: string, option: string): void {
  if (passphrase.length < minimumPassphraseLength) throw new UsageError(`${option}: use at least ${minimumPassphraseLength} characters (a few words are easiest to remember)`);
}

async function runCertificate(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'import') {
    const { values, positionals } = parse(rest, { workspace: { type: 'string' }, 'p12-passphrase-file': { type: 'string' } });
    if (positionals.length !== 1 || !values.workspace) throw new UsageError(`usage: privacy-workbench ${commands['certificate import']!.usage}`);
    if (!values['p12-passphrase-file'] && io.passphraseSource === 'file') {
      throw new UsageError("--passphrase-file is the workspace's passphrase; give the PKCS#12 file's own with --p12-passphrase-file <file>");
    }
    const p12File = resolve(positionals[0]!);
    if (!existsSync(p12File)) throw new Error(`${p12File} does not exist.`);
    // The passphrase comes from a file, never the command line (where other users of the computer could read it).
    const passphrase = values['p12-passphrase-file'] ? readFileSync(resolve(values['p12-passphrase-file']), 'utf8').replace(/\r?\n$/, '') : '';
    const certificate = await withWorkspace(io, values.workspace, async (service) => {
      const result = await service.call('importSigningCertificate', { p12: readFileSync(p12File).toString('base64'), passphrase });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { subject: string; sha256: string; validTo: string };
    });
    io.out(`Reports are now signed with: ${certificate.subject}\n  SHA-256 ${certificate.sha256}, valid until ${certificate.validTo}\n`);
    return 0;
  }
  const { values, positionals } = parse(rest, { workspace: { type: 'string' }, out: { type: 'string' } });
  if (action !== 'export' || positionals.length || !values.workspace || !values.out) {
    throw new UsageError(`usage: privacy-workbench ${commands['certificate export']!.usage}\n       privacy-workbench ${commands['certificate import']!.usage}`);
  }
  const out = resolve(values.out);
  const certificate = await withWorkspace(io, values.workspace, async (service) => {
    const result = await service.call('getSigningCertificate', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { pem: string; subject: string; sha256: string; validTo: string };
  });
  writeFileSync(out, certificate.pem);
  io.out(`Certificate written to ${out}\n  ${certificate.subject}\n  SHA-256 ${certificate.sha256}, valid until ${certificate.validTo}\n`);
  return 0;
}

async function runWeb(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    'data-dir': { type: 'string' },
    workspace: { type: 'string' },
    port: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535');

  const service = createWorkbenchService({
    ...(io.passphrase !== undefined ? { passphrase: io.passphrase } : {}),
    dataDir: resolve(values['data-dir'] ?? defaultUserDataDir()),
    printer: playwrightPrinter(),
    appVersion: io.version,
    reopenLast: values.workspace === undefined,
    automaticBackups: true,
    importWorkerPath: importWorkerOf(io),
    onInternalError: (error) => io.err(`internal error: ${error instanceof Error ? error.stack : String(error)}\n`),
  });
  if (service.startupProblem) io.err(`${service.startupProblem}\n`);
  if (values.workspace !== undefined) {
    const result = await service.call('openWorkspace', { path: resolve(values.workspace) });
    if (!result.ok) throw new Error(result.error.message);
  }
  const server = await startWebServer({ service, rendererDir: join(io.bundleDir, '..', 'renderer'), port });
  io.out(`Privacy Workbench (browser mode) is serving on 127.0.0.1 only.\nOpen: ${server.url}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  service.close();
  return 0;
}
