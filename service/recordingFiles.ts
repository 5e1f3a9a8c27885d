import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import Papa from 'papaparse';
import type { FolderScanResult, Handlers, RecordingAccessEntry, RecordingFile, TicketState } from '../core/contract';
import { ticketStates, WorkbenchError } from '../core/contract';
import { audioExtensionOf, audioMimeTypes, compileFilePattern, uniqueidCandidates, type PatternMatch } from '../core/recordings/audioFiles';
import { cdrInstant } from '../core/recordings/cdr';
import { retentionOf, type RecordingRetentionRule } from '../core/recordings/retention';
import { listRetentionRules } from '../db/repositories/retentionRules';
import { readWorkspaceMeta, writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import { recordingsOfTicket, ticketRetentionUpdater } from '../db/repositories/recordings';
import {
  countRecordingFiles,
  fileCandidateByUniqueid,
  fileCandidatesStartedBetween,
  recordingFilesPage,
  recordingForPlayback,
  recordingZones,
  registerRecordingFile,
  type FileCandidate as Candidate,
} from '../db/repositories/recordingFiles';
import { accessLogOfRecording, logRecordingAccess, servedSince } from '../db/repositories/recordingAccess';
import type { Db } from '../db/types';
import { recordingSettingsOf, resolveRecordingFile, sha256Of } from './recordingFolder';
import { callerCountryOf, callerRefOf, numberForms } from './callerRef';
import { writeWithLog, type ChangeRecorder, type ServiceContext } from './session';

type RecordingFileHandlers = Pick<Handlers, 'scanRecordingsFolder' | 'listRecordingFiles' | 'listRecordingAccess' | 'updateTicket' | 'importTicketStates'>;

const listedNames = 50;

export interface FolderScanOptions {
  /** A file-name pattern; null matches by uniqueid only. */
  pattern: string | null;
  /** Called every 100 audio files and at the end. */
  onProgress?(progress: { scanned: number; matched: number }): void;
  /** Checked with each progress report: true stops the scan and writes nothing. */
  shouldCancel?(): boolean;
}

class Cancelled extends Error {}

/** Every file under the folder, as paths relative to it; links that resolve outside are set apart. */
function walk(root: string, visit: (relativePath: string) => void, outside: (relativePath: string) => void): void {
  const realRoot = realpathSync(root);
  const inside = (path: string) => path.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  const pending = [''];
  while (pending.length) {
    const folder = pending.pop()!;
    const entries = readdirSync(join(root, folder), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) visit(path);
      else if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(join(root, path));
        } catch {
          outside(path); // a dangling link leads nowhere inside the folder
          continue;
        }
        if (!inside(target)) outside(path);
        // A link to a folder inside is not followed: that folder is walked where it really is.
        else if (statSync(target).isFile()) visit(path);
      }
    }
  }
}

/**
 * Scans the recordings folder (recursively) and registers each audio file on its call: by the
 * user's pattern when it fits the name, else by uniqueid (the whole name, or one of its dash- or
 * underscore-separated parts). SHA-256 and size are read by streaming the file. A call that
 * already has a file keeps it: another file with the same hash is already known (a copy), one with
 * another hash is reported as changed and never overwrites the registered evidence; a file whose
 * registered copy has gone missing takes its place only with the same hash (it was moved). All
 * writes happen in one transaction at the end, so a cancel writes nothing.
 */
export function scanRecordingsFolder(context: ServiceContext, options: FolderScanOptions): FolderScanResult {
  const db = context.db();
  const { folder } = recordingSettingsOf(db);
  if (!folder) throw new WorkbenchError('invalid-input', 'folder: set the recordings folder before scanning it', 'folder');
  const compiled = options.pattern ? compileFilePattern(options.pattern) : null;
  if (compiled && !compiled.ok) throw new WorkbenchError('invalid-input', `pattern: ${compiled.problem}`, 'pattern');
  const result: FolderScanResult = {
    scanned: 0,
    matched: 0,
    alreadyKnown: 0,
    changed: [],
    disposed: { count: 0, first: [] },
    unmatched: { count: 0, first: [] },
    ignored: 0,
    outside: { count: 0, first: [] },
    cancelled: false,
  };
  const note = (list: { count: number; first: string[] }, name: string) => {
    list.count += 1;
    if (list.first.length < listedNames) list.first.push(name);
  };
  const zones = recordingZones(db);
  const keyHex = readWorkspaceMeta(db).caller_ref_key;
  const callerKey = keyHex ? Buffer.from(keyHex, 'hex') : null;
  const country = callerCountryOf(db);

  /** The one call a pattern's date, time and numbers point to: started then, or under way then (the name may carry the answer time). */
  const byTime = (found: PatternMatch): Candidate | null => {
    const hits: Candidate[] = [];
    for (const zone of zones) {
      const at = cdrInstant(found.localDateTime!, zone);
      if (!at) continue;
      const rows = fileCandidatesStartedBetween(db, zone, at, new Date(Date.parse(at) - 6 * 3_600_000).toISOString());
      const during = rows.filter((row) => Date.parse(row.call_start) + row.duration_seconds * 1000 >= Date.parse(at));
      const exact = during.filter((row) => row.call_start === at);
      let chosen = exact.length ? exact : during;
      chosen = chosen.filter((row) => {
        const number = row.direction === 'inbound' ? found.src : found.dst;
        if (!number || row.caller_ref === null) return true;
        const forms = numberForms(number, country);
        return forms.includes(row.caller_ref) || (callerKey !== null && forms.some((form) => row.caller_ref === callerRefOf(callerKey, form)));
      });
      hits.push(...chosen);
    }
    return hits.length === 1 ? hits[0]! : null;
  };
  const match = (name: string): Candidate | null => {
    const found = compiled?.ok ? compiled.match(name) : null;
    if (found?.uniqueid) {
      const row = fileCandidateByUniqueid(db, found.uniqueid);
      if (row) return row;
    } else if (found?.localDateTime) {
      const row = byTime(found);
      if (row) return row;
    }
    for (const candidate of uniqueidCandidates(name)) {
      const row = fileCandidateByUniqueid(db, candidate);
      if (row) return row;
    }
    return null;
  };

  const registrations = new Map<number, { path: string; sha256: string; size: number; before: Candidate }>();
  const report = () => {
    options.onProgress?.({ scanned: result.scanned, matched: result.matched });
    if (options.shouldCancel?.()) throw new Cancelled();
  };
  try {
    walk(
      folder,
      (path) => {
        const name = path.slice(path.lastIndexOf('/') + 1);
        if (!audioExtensionOf(name)) {
          result.ignored += 1;
          return;
        }
        result.scanned += 1;
        if (result.scanned % 100 === 0) report();
        const recording = match(name);
        if (!recording) return note(result.unmatched, path);
        if (recording.status === 'disposed') return note(result.disposed, path);
        const measured = sha256Of(join(folder, path));
        const registered = registrations.get(recording.id);
        const current = registered ? { path: registered.path, sha256: registered.sha256 } : recording.file_path ? { path: recording.file_path, sha256: recording.file_sha256 } : null;
        if (!current) {
          registrations.set(recording.id, { path, ...measured, before: recording });
          result.matched += 1;
          return;
        }
        if (current.sha256 === measured.sha256) {
          const moved = !registered && current.path !== path && !resolveRecordingFile(folder, current.path).ok;
          if (moved) registrations.set(recording.id, { path, ...measured, before: recording });
          result.alreadyKnown += 1;
          return;
        }
        result.changed.push({ recordingId: recording.id, file: path, registeredFile: current.path, registeredSha256: current.sha256, foundSha256: measured.sha256, foundSize: measured.size });
      },
      (path) => note(result.outside, path),
    );
    report();
  } catch (error) {
    if (error instanceof Cancelled) return { ...result, matched: 0, cancelled: true };
    throw error;
  }
  writeWithLog(context, (log) => {
    for (const [id, file] of registrations) {
      registerRecordingFile(db, id, { storageLocation: folder, filePath: file.path, sha256: file.sha256, size: file.size });
      log('recording', String(id), 'update', { filePath: file.before.file_path, fileSha256: file.before.file_sha256 }, { storageLocation: folder, filePath: file.path, fileSha256: file.sha256, fileSize: file.size });
    }
  });
  return result;
}

/** What the playback guard decided. */
export type RecordingMedia =
  | { ok: true; path: string; mimeType: string; size: number }
  | { ok: false; status: 403 | 404 | 409 | 410; reason: string };

/** A later range request of the same listener within this time belongs to the playback already logged. */
const playbackSessionMs = 30 * 60_000;

/**
 * The one way to a recording's audio: the recording must have a file, not be disposed of, and the
 * file must resolve (links and ".." included) inside the configured recordings folder. Every
 * attempt is written to the append-only access log, served or refused with the reason. A request
 * that continues a playback (a range not starting at byte 0, as when seeking) is logged only when
 * the same person has no served entry for the recording in the last 30 minutes, so every byte
 * served is covered by an entry without one entry per seek.
 */
export function openRecordingMedia(db: Db, recordingId: number, access: { actor: string; now: string; continuation: boolean }): RecordingMedia {
  const recording = recordingForPlayback(db, recordingId);
  if (!recording) return { ok: false, status: 404, reason: `there is no recording ${recordingId}` };
  const log = (outcome: 'served' | 'refused', reason: string | null) => logRecordingAccess(db, { recordingId, at: access.now, actor: access.actor, outcome, reason });
  const refuse = (status: 403 | 404 | 409 | 410, reason: string): RecordingMedia => {
    log('refused', reason);
    return { ok: false, status, reason };
  };
  if (recording.status === 'disposed') return refuse(410, 'the recording was disposed of');
  if (!recording.file_path) return refuse(404, 'no audio file is registered for this call');
  const extension = audioExtensionOf(recording.file_path);
  if (!extension) return refuse(403, 'the registered file is not an audio file');
  const { folder } = recordingSettingsOf(db);
  const file = resolveRecordingFile(folder, recording.file_path);
  if (!file.ok) {
    if (file.problem === 'no-folder') return refuse(409, 'no recordings folder is configured');
    if (file.problem === 'outside') return refuse(403, 'the file lies outside the recordings folder');
    return refuse(404, 'the file is missing from the recordings folder');
  }
  const since = new Date(Date.parse(access.now) - playbackSessionMs).toISOString();
  const loggedRecently = access.continuation && servedSince(db, recordingId, access.actor, since);
  if (!loggedRecently) log('served', null);
  return { ok: true, path: file.path, mimeType: audioMimeTypes[extension]!, size: file.size };
}

export function listRecordingAccess(db: Db, recordingId: number): RecordingAccessEntry[] {
  return accessLogOfRecording(db, recordingId);
}

function listRecordingFiles(db: Db, limit: number): { savedPattern: string | null; total: number; files: RecordingFile[] } {
  const total = countRecordingFiles(db);
  const rows = recordingFilesPage(db, limit);
  return {
    savedPattern: readWorkspaceMeta(db).recordings_scan_pattern || null,
    total,
    files: rows.map((row) => ({
      recordingId: row.id,
      uniqueid: row.uniqueid,
      callStart: row.call_start,
      ticketId: row.ticket_id,
      filePath: row.file_path,
      fileSha256: row.file_sha256,
      fileSize: row.file_size,
      status: row.status,
    })),
  };
}

interface TicketChange {
  ticketId: string;
  state: TicketState;
  closedAt: string | null;
}

/**
 * Sets a ticket's state on every recording linked to it and recomputes their retention (rules
 * counted from the ticket's closure start or stop running). Runs inside the caller's transaction.
 * Answers how many recordings changed, or null when no recording names the ticket.
 */
export function applyTicketChange(db: Db, rules: RecordingRetentionRule[], change: TicketChange, now: string, log: ChangeRecorder): number | null {
  const rows = recordingsOfTicket(db, change.ticketId);
  if (!rows.length) return null;
  if (change.state === 'closed') {
    if (!change.closedAt) throw new WorkbenchError('invalid-input', 'closedAt: give when the ticket was closed', 'closedAt');
    if (change.closedAt > now) throw new WorkbenchError('invalid-input', `closedAt: ${change.closedAt} is in the future`, 'closedAt');
    if (change.closedAt < rows[0]!.call_start) {
      throw new WorkbenchError('invalid-input', `closedAt: ${change.closedAt} is before the ticket's first call (${rows[0]!.call_start})`, 'closedAt');
    }
  } else if (change.closedAt) {
    throw new WorkbenchError('invalid-input', `closedAt: only a closed ticket has a closing time (the state is ${change.state})`, 'closedAt');
  }
  const update = ticketRetentionUpdater(db);
  let changed = 0;
  for (const row of rows) {
    const retention = retentionOf({ callStart: row.call_start, purposes: JSON.parse(row.purposes_json) as string[], ticketClosedAt: change.closedAt }, rules);
    const next = [change.state, change.closedAt, retention.earliestDeletion, retention.latestDeletion, retention.conflict ? 1 : 0] as const;
    const same = row.ticket_state === next[0] && row.ticket_closed_at === next[1] && row.earliest_delete_at === next[2] && row.latest_delete_at === next[3] && row.retention_conflict === next[4];
    if (same) continue;
    update(...next, row.id);
    changed += 1;
  }
  const before = { state: rows[0]!.ticket_state, closedAt: rows[0]!.ticket_closed_at };
  if (changed) log('ticket', change.ticketId, 'update', before, { state: change.state, closedAt: change.closedAt, recordings: rows.length });
  return changed;
}

const instant = (text: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : null);

/**
 * Reads ticket states from CSV: columns ticket, state (open, pending or closed) and closed_at (an
 * ISO 8601 instant, for closed tickets); a heading row is recognised by its first cell "ticket".
 * All or nothing: any bad line refuses the whole file, each problem named with its line number.
 */
export function importTicketStates(context: ServiceContext, content: string): { tickets: number; recordings: number; unknownTickets: string[] } {
  const table = Papa.parse<string[]>(content.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data;
  const problems: string[] = [];
  const changes: Array<{ line: number; change: TicketChange }> = [];
  const seen = new Map<string, number>();
  table.forEach((cells, index) => {
    const line = index + 1;
    if (cells.every((cell) => cell.trim() === '')) return;
    if (index === 0 && cells[0]?.trim().toLowerCase() === 'ticket') return;
    const [ticketCell = '', stateCell = '', closedCell = ''] = cells.map((cell) => cell.trim());
    if (cells.length > 3) return problems.push(`line ${line}: has ${cells.length} columns; give ticket, state, closed_at`);
    if (!ticketCell) return problems.push(`line ${line}: ticket is empty`);
    const state = stateCell.toLowerCase() as TicketState;
    if (!ticketStates.includes(state)) return problems.push(`line ${line}: state "${stateCell}" is not open, pending or closed`);
    const closedAt = closedCell ? instant(closedCell) : null;
    if (closedCell && !closedAt) return problems.push(`line ${line}: closed_at "${closedCell}" is not an ISO 8601 instant such as 2026-11-23T09:00:00Z`);
    if (seen.has(ticketCell)) return problems.push(`line ${line}: ticket ${ticketCell} is already on line ${seen.get(ticketCell)}`);
    seen.set(ticketCell, line);
    changes.push({ line, change: { ticketId: ticketCell, state, closedAt } });
  });
  const refuse = () => {
    const shown = problems.slice(0, 10).join('; ');
    return new WorkbenchError('invalid-input', `content: nothing was imported: ${shown}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}`, 'content');
  };
  if (problems.length) throw refuse();
  const rules = listRetentionRules(context.db());
  const now = context.now();
  return writeWithLog(context, (log) => {
    const outcome = { tickets: 0, recordings: 0, unknownTickets: [] as string[] };
    for (const { line, change } of changes) {
      try {
        const changed = applyTicketChange(context.db(), rules, change, now, log);
        if (changed === null) outcome.unknownTickets.push(change.ticketId);
        else {
          outcome.tickets += 1;
          outcome.recordings += changed;
        }
      } catch (error) {
        if (!(error instanceof WorkbenchError)) throw error;
        problems.push(`line ${line}: ${error.message.replace(/^closedAt:/, 'closed_at:')}`);
      }
    }
    // Throwing inside the transaction rolls back every line already applied.
    if (problems.length) throw refuse();
    return outcome;
  });
}

export function recordingFileHandlers(context: ServiceContext): RecordingFileHandlers {
  return {
    scanRecordingsFolder: ({ pattern }) => {
      const db = context.db();
      const effective = pattern === undefined ? readWorkspaceMeta(db).recordings_scan_pattern || null : pattern || null;
      const result = scanRecordingsFolder(context, { pattern: effective });
      // Saved only once it has been used: a pattern that was refused, or a failed scan, changes nothing.
      if (pattern !== undefined && !result.cancelled) writeWorkspaceMeta(db, 'recordings_scan_pattern', pattern);
      return result;
    },
    listRecordingFiles: ({ limit }) => listRecordingFiles(context.db(), limit),
    listRecordingAccess: ({ recordingId }) => listRecordingAccess(context.db(), recordingId),
    updateTicket: ({ ticketId, state, closedAt }) => {
      const db = context.db();
      const change: TicketChange = { ticketId, state, closedAt: closedAt ? new Date(closedAt).toISOString() : null };
      const rules = listRetentionRules(db);
      const now = context.now();
      const changed = writeWithLog(context, (log) => applyTicketChange(db, rules, change, now, log));
      if (changed === null) throw new WorkbenchError('not-found', `ticketId: no recording is linked to ticket ${ticketId}`, 'ticketId');
      return { ...change, recordings: changed };
    },
    importTicketStates: ({ content }) => importTicketStates(context, content),
  };
}
