import type { DisposalBatch, Handlers, RecordingDetail, RecordingState, RecordingSummary, RecordingView, RetentionOverview } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { retentionOf, retentionState, type RecordingRetentionRule, type RetentionOutcome } from '../core/recordings/retention';
import {
  batchWithEntries,
  countCardDataOpen,
  countDisposed,
  countDueBefore,
  countHeldAndConflicts,
  countHoldsToReview,
  countSearched,
  countWithoutMaximum,
  disposalOfRecording,
  holdsOfRecording,
  keptRecordingsOfPurposes,
  listBatches,
  monthBuckets,
  recordingById,
  recordingsPage,
  retentionDatesWriter,
  setCardData,
  updateFileHash,
  type RecordingRow,
  type RecordingSearch,
  type RetentionDatesRow,
} from '../db/repositories/recordingRegister';
import { sweepCounts } from '../db/repositories/recordings';
import { listRetentionRules } from '../db/repositories/retentionRules';
import type { Db } from '../db/types';
import { callerCountryOf, callerRefOf, existingCallerKey, normaliseNumber, numberForms } from './callerRef';
import { disposeRecordings } from './disposal';
import { recordingSettingsOf, resolveRecordingFile, sha256Of } from './recordingFolder';
import { writeWithLog, type ServiceContext } from './session';

type RegisterHandlers = Pick<
  Handlers,
  'listRecordings' | 'getRecording' | 'getRetentionOverview' | 'setRecordingCardData' | 'deleteCardDataRecording' | 'listDisposalBatches' | 'getDisposalBatch'
>;

/** A due recording counts as overdue once it has waited this long past its latest deletion (one monthly disposal run missed). */
export const overdueAfterDays = 30;

const instantOr = (now: string | undefined, fallback: string) => (now ? new Date(now).toISOString() : fallback);
const daysBefore = (instant: string, days: number) => new Date(Date.parse(instant) - days * 86_400_000).toISOString();

function stateOf(row: RecordingRow, now: string): RecordingState {
  if (row.status === 'disposed') return 'disposed';
  return retentionState({ latestDeletion: row.latest_delete_at, conflict: row.retention_conflict === 1 }, row.hold_count > 0, now);
}

function summaryOf(row: RecordingRow, now: string): RecordingSummary {
  return {
    id: row.id,
    callStart: row.call_start,
    zone: row.zone,
    durationSeconds: row.duration_seconds,
    direction: row.direction,
    agent: row.agent,
    callerRef: row.caller_ref,
    callerRefKind: row.caller_ref_kind,
    ticketId: row.ticket_id,
    ticketState: row.ticket_state,
    purposes: JSON.parse(row.purposes_json) as string[],
    earliestDeleteAt: row.earliest_delete_at,
    latestDeleteAt: row.latest_delete_at,
    state: stateOf(row, now),
    held: row.hold_count > 0,
    cardData: row.card_data,
    hasFile: row.file_path !== null,
  };
}

/**
 * A search term may be a recording id, a uniqueid, a ticket id, an agent, or a caller's number:
 * numbers are hashed with the workspace key, so a caller can be found although only the hash is stored.
 */
function searchOf(db: Db, text: string | undefined): RecordingSearch | null {
  if (!text) return null;
  const digits = normaliseNumber(text);
  const callerRefs = [text];
  if (/\d/.test(digits)) {
    // Every stored form (international, digits, national: see numberForms), and with a leading +
    // when an international number was typed without one (33 6…); each as kept and as hashed.
    const country = callerCountryOf(db);
    const numbers = new Set([...numberForms(text, country), ...(digits.startsWith('+') || digits.startsWith('0') ? [] : numberForms(`+${digits}`, country))]);
    // A search reads only: without a key, no call was stored as a hash.
    const key = existingCallerKey(db);
    for (const number of numbers) callerRefs.push(number, ...(key ? [callerRefOf(key, number)] : []));
  }
  return { id: /^\d{1,15}$/.test(text) ? Number(text) : null, text, callerRefs };
}

export function recordingDetail(db: Db, id: number, now: string): RecordingDetail {
  const row = recordingById(db, id);
  if (!row) throw new WorkbenchError('not-found', `No recording with id ${id}.`, 'id');
  const rules = listRetentionRules(db);
  const summary = summaryOf(row, now);
  const outcome = retentionOf({ callStart: row.call_start, purposes: summary.purposes, ticketClosedAt: row.ticket_closed_at }, rules);
  const sourceOf = new Map(rules.map((rule) => [rule.id, rule.legalSource]));
  return {
    ...summary,
    uniqueid: row.uniqueid,
    billableSeconds: row.billable_seconds,
    ticketClosedAt: row.ticket_closed_at,
    storageLocation: row.storage_location,
    filePath: row.file_path,
    fileSha256: row.file_sha256,
    fileSize: row.file_size,
    cardDataNote: row.card_data_note,
    rules: outcome.applied.map((applied) => ({ ...applied, legalSource: sourceOf.get(applied.ruleId) ?? null })),
    waitingForTicket: outcome.waitingForTicket,
    rulesChangedSince:
      row.status === 'retained' &&
      (outcome.earliestDeletion !== row.earliest_delete_at || outcome.latestDeletion !== row.latest_delete_at || outcome.conflict !== (row.retention_conflict === 1)),
    holds: holdsOfRecording(db, id),
    disposal: disposalOfRecording(db, id) ?? null,
    sourceFile: row.source_file,
    sourceLine: row.source_line,
    importedAt: row.imported_at,
  };
}

/**
 * Gives the kept recordings of these purposes the deletion dates today's rules give (after a
 * retention rule is created or changed), so no recording keeps a date from a rule that no longer
 * says so. Runs inside the caller's transaction; returns how many recordings changed.
 */
export function recomputeRetention(db: Db, purposes: readonly string[]): number {
  const write = retentionDatesWriter(db);
  let changed = 0;
  for (const { row, outcome, changed: moves } of retentionDatesUnder(db, purposes, listRetentionRules(db))) {
    if (!moves) continue;
    write(row.id, outcome.earliestDeletion, outcome.latestDeletion, outcome.conflict ? 1 : 0);
    changed += 1;
  }
  return changed;
}

/**
 * The kept recordings of these purposes, each with the dates these rules give and whether they
 * differ from its stored ones. Reads only: a rule's preview and its saving walk the same recordings.
 */
export function* retentionDatesUnder(
  db: Db,
  purposes: readonly string[],
  rules: readonly RecordingRetentionRule[],
): Generator<{ row: RetentionDatesRow; outcome: RetentionOutcome; changed: boolean }> {
  const wanted = [...new Set(purposes.filter(Boolean).map((purpose) => purpose.toLowerCase()))];
  if (!wanted.length) return;
  for (const row of keptRecordingsOfPurposes(db, wanted)) {
    const outcome = retentionOf({ callStart: row.call_start, purposes: JSON.parse(row.purposes_json) as string[], ticketClosedAt: row.ticket_closed_at }, rules);
    const changed =
      outcome.earliestDeletion !== row.earliest_delete_at || outcome.latestDeletion !== row.latest_delete_at || (outcome.conflict ? 1 : 0) !== row.retention_conflict;
    yield { row, outcome, changed };
  }
}

/** How many recordings a view holds (only the count that view needs, from the buckets or a small index). */
function viewTotal(db: Db, view: RecordingView, now: string): number {
  switch (view) {
    case 'due':
      return sweepCounts(db, now).due;
    case 'overdue':
      return countDueBefore(db, daysBefore(now, overdueAfterDays));
    case 'held':
      return countHeldAndConflicts(db).held;
    case 'conflict':
      return countHeldAndConflicts(db).conflicts;
    case 'retained':
      return countHeldAndConflicts(db).retained;
    case 'card-data':
      return countCardDataOpen(db);
    case 'disposed':
      return countDisposed(db);
  }
}

export function retentionOverview(db: Db, now: string): RetentionOverview {
  const sweep = sweepCounts(db, now);
  const totals = countHeldAndConflicts(db);
  return {
    asOf: now,
    overdueAfterDays,
    counts: {
      retained: totals.retained,
      due: sweep.due,
      overdue: countDueBefore(db, daysBefore(now, overdueAfterDays)),
      held: totals.held,
      conflicts: totals.conflicts,
      noMaximum: countWithoutMaximum(db),
      disposed: countDisposed(db),
      cardDataOpen: countCardDataOpen(db),
      holdsToReview: countHoldsToReview(db, now.slice(0, 10)),
    },
    months: monthBuckets(db),
  };
}

export function recordingRegisterHandlers(context: ServiceContext): RegisterHandlers {
  return {
    listRecordings: ({ view, search, now, offset, limit }) => {
      const db = context.db();
      const instant = instantOr(now, context.now());
      const overdueBefore = daysBefore(instant, overdueAfterDays);
      const searched = searchOf(db, search);
      const rows = recordingsPage(db, { view, search: searched, now: instant, overdueBefore, offset, limit });
      const total = searched ? countSearched(db, view, searched, instant, overdueBefore) : viewTotal(db, view, instant);
      return { total, rows: rows.map((row) => summaryOf(row, instant)) };
    },
    getRecording: ({ id, now }) => recordingDetail(context.db(), id, instantOr(now, context.now())),
    getRetentionOverview: ({ now }) => retentionOverview(context.db(), instantOr(now, context.now())),
    setRecordingCardData: ({ id, cardData, note }) => {
      const db = context.db();
      const row = recordingById(db, id);
      if (!row) throw new WorkbenchError('not-found', `No recording with id ${id}.`, 'id');
      if (row.status === 'disposed') throw new WorkbenchError('conflict', `Recording ${id} was disposed of; its card-data flag can no longer change.`, 'id');
      if (cardData === 'redacted' && !note) throw new WorkbenchError('invalid-input', 'note: say how the card details were redacted (tool, what was removed)', 'note');
      if (cardData === 'spoken' && !note) throw new WorkbenchError('invalid-input', 'note: say where in the call the card details were spoken, or how you know', 'note');
      // A redacted file has new contents: its hash and size are taken again, so disposal can still verify it.
      const file = cardData === 'redacted' && row.file_path ? resolveRecordingFile(recordingSettingsOf(db).folder, row.file_path) : null;
      const rehash = file?.ok ? sha256Of(file.path) : null;
      const before = { cardData: row.card_data, note: row.card_data_note, fileSha256: row.file_sha256 };
      writeWithLog(context, (log) => {
        setCardData(db, id, cardData, note ?? null);
        if (rehash) updateFileHash(db, id, rehash.sha256, rehash.size);
        log('recording', String(id), 'update', before, { cardData, note: note ?? null, fileSha256: rehash?.sha256 ?? row.file_sha256 });
      });
      return recordingDetail(db, id, context.now());
    },
    deleteCardDataRecording: ({ id, reason }): DisposalBatch => {
      const db = context.db();
      const row = recordingById(db, id);
      if (!row) throw new WorkbenchError('not-found', `No recording with id ${id}.`, 'id');
      if (row.status === 'disposed') throw new WorkbenchError('conflict', `Recording ${id} was already disposed of.`, 'id');
      if (row.hold_count > 0) {
        throw new WorkbenchError('conflict', `Recording ${id} is under a legal hold and cannot be deleted; redact the card details instead, or ask the hold's owner to release it.`, 'id');
      }
      const now = context.now();
      // A duty to keep (MiFID II order calls, dispute evidence) outranks deletion: such a recording is redacted instead.
      const outcome = retentionOf({ callStart: row.call_start, purposes: JSON.parse(row.purposes_json) as string[], ticketClosedAt: row.ticket_closed_at }, listRetentionRules(db));
      if (outcome.waitingForTicket.length || (outcome.earliestDeletion && outcome.earliestDeletion > now)) {
        const until = outcome.earliestDeletion ? ` until ${outcome.earliestDeletion.slice(0, 10)}` : ' (its end is not known yet)';
        throw new WorkbenchError('conflict', `Recording ${id} must be kept${until} under a minimum retention rule; redact the card details instead of deleting the recording.`, 'id');
      }
      const batch = disposeRecordings(db, [row], { asOf: now, operator: context.actor, now, reason: `card data (PCI DSS v4.0 Req. 3.3.1): ${reason}`, actor: context.actor });
      if (batch.disposed.length) {
        writeWithLog(context, (log) => {
          setCardData(db, id, 'deleted', reason);
          log('recording', String(id), 'update', { cardData: row.card_data, note: row.card_data_note }, { cardData: 'deleted', note: reason, disposalBatch: batch.id });
        });
      }
      return batch;
    },
    listDisposalBatches: () => listBatches(context.db()),
    getDisposalBatch: ({ id }) => {
      const batch = batchWithEntries(context.db(), id);
      if (!batch) throw new WorkbenchError('not-found', `No disposal batch with id ${id}.`, 'id');
      return batch;
    },
  };
}
