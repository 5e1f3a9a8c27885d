import { describePeriod } from '../../../core/register/model';
import { labelOf, retentionStarts } from '../../../core/register/vocabularies';
import type { BuiltReport, ReportTable } from '../../../core/reports/model';
import type { RetentionReportData } from '../../../core/reports/retention';
import { listHolds } from '../../../db/repositories/holds';
import { listRecordingPractices } from '../../../db/repositories/recordingPractices';
import { batchWithEntries, listBatches } from '../../../db/repositories/recordingRegister';
import { listRetentionRules } from '../../../db/repositories/retentionRules';
import type { Db } from '../../../db/types';
import { retentionOverview } from '../../recordingRegister';

/**
 * A disposal certificate prints this many entries at most (about six pages of A4): beyond it a
 * page would be a list nobody reads, and the attached CSV holds every entry anyway.
 */
export const defaultCertificateCap = 250;

export interface RetentionReportOptions {
  /** Entries printed per disposal certificate; every entry is in the attached table whatever the cap. */
  certificateCap?: number;
}

const scopeInWords = (scope: ReturnType<typeof listHolds>[number]['scope']): string[] => {
  const parts: string[] = [];
  if (scope.recordingIds?.length) parts.push(`Recordings ${scope.recordingIds.join(', ')}`);
  if (scope.ticketIds?.length) parts.push(`Ticket${scope.ticketIds.length === 1 ? '' : 's'} ${scope.ticketIds.join(', ')}`);
  // Callers are stored as keyed hashes: the report says how many, never the numbers.
  if (scope.callerRefs?.length) parts.push(`${scope.callerRefs.length} caller reference${scope.callerRefs.length === 1 ? '' : 's'} (keyed hashes)`);
  if (scope.from || scope.to) parts.push(`Calls ${scope.from ? `from ${scope.from}` : ''}${scope.from && scope.to ? ' ' : ''}${scope.to ? `to ${scope.to}` : ''} (UTC)`);
  return parts;
};

/**
 * The call-recording retention and disposal record at `now`: the rules that cover recordings, the
 * counts, recordings by month of their latest deletion, every legal hold and every disposal batch
 * with its certificate (printed up to the cap; every entry in the attached table).
 */
export function buildRetentionReport(db: Db, options: RetentionReportOptions, now: string): BuiltReport<RetentionReportData> {
  const asOf = new Date(now).toISOString();
  const certificateCap = options.certificateCap ?? defaultCertificateCap;
  const overview = retentionOverview(db, asOf);
  const rules = listRetentionRules(db)
    // Only rules in force with a purpose cover recordings (core/recordings/retention.ts).
    .filter((rule) => rule.purposes.length > 0 && rule.retiredAt === null)
    .map((rule) => ({
      id: rule.id,
      name: rule.name,
      purpose: rule.purposes.join(', '),
      minimum: rule.minimum ? describePeriod(rule.minimum) : null,
      maximum: rule.maximum ? describePeriod(rule.maximum) : null,
      extendableTo: rule.extendableTo ? describePeriod(rule.extendableTo) : null,
      countedFrom: labelOf(retentionStarts, rule.countedFrom),
      legalSource: rule.legalSource,
      note: rule.note,
      verify: /\bverify\b/i.test(`${rule.legalSource ?? ''} ${rule.note ?? ''}`),
    }));
  const holds = listHolds(db).map((hold) => ({
    id: hold.id,
    matter: hold.matter,
    reason: hold.reason,
    placedBy: hold.placedBy,
    placedAt: hold.placedAt,
    scope: scopeInWords(hold.scope),
    reviewOn: hold.reviewOn,
    recordings: hold.recordings,
    release: hold.releasedAt ? { by: hold.releasedBy ?? '', at: hold.releasedAt, reason: hold.releaseReason ?? '' } : null,
  }));
  const certificateRows: string[][] = [];
  const batches = listBatches(db)
    .filter((batch) => batch.startedAt <= asOf)
    .reverse()
    .map((summary) => {
      const batch = batchWithEntries(db, summary.id)!;
      // The call key is left out: without a uniqueid it is made of the caller's number, which the register keeps only as a keyed hash.
      for (const entry of batch.entries) {
        certificateRows.push([
          batch.id,
          String(entry.recordingId),
          entry.fileSha256 ?? '',
          entry.fileSize === null ? '' : String(entry.fileSize),
          entry.method,
          entry.verification,
          batch.operator,
          batch.startedAt,
          entry.backupExpiresAt ?? '',
        ]);
      }
      const methods = new Map<string, { method: string; verification: string; entries: number }>();
      for (const entry of batch.entries) {
        const key = `${entry.method}\n${entry.verification}`;
        const known = methods.get(key) ?? { method: entry.method, verification: entry.verification, entries: 0 };
        known.entries += 1;
        methods.set(key, known);
      }
      return {
        ...summary,
        methods: [...methods.values()],
        entries: batch.entries.slice(0, certificateCap).map((entry) => ({
          recordingId: entry.recordingId,
          fileSha256: entry.fileSha256,
          fileSize: entry.fileSize,
          method: entry.method,
          verification: entry.verification,
          backupExpiresAt: entry.backupExpiresAt,
        })),
      };
    });
  const data: RetentionReportData = { asOf, rules, counts: overview.counts, overdueAfterDays: overview.overdueAfterDays, months: overview.months, holds, certificateCap, batches };
  const organisations = [...new Set(listRecordingPractices(db).map((practice) => practice.organisationName))];
  return {
    snapshot: { kind: 'retention', data, tables: retentionTables(data, certificateRows) },
    organisation: organisations.join(', ') || 'The organisation recording calls',
    scope: `Call recordings: the retention rules, the counts as of ${asOf.slice(0, 16).replace('T', ' ')} UTC, every legal hold (active and released) and every disposal batch with its certificate`,
    filters: [],
  };
}

function retentionTables(data: RetentionReportData, certificateRows: string[][]): ReportTable[] {
  return [
    {
      name: 'retention-rules',
      columns: ['Rule', 'Purpose', 'Minimum', 'Maximum', 'Extendable to', 'Counted from', 'Legal source', 'Note', 'To verify'],
      rows: data.rules.map((rule) => [rule.name, rule.purpose, rule.minimum ?? '', rule.maximum ?? '', rule.extendableTo ?? '', rule.countedFrom, rule.legalSource ?? '', rule.note ?? '', rule.verify ? 'yes' : 'no']),
    },
    {
      name: 'counts',
      columns: ['Measure', 'Recordings'],
      rows: Object.entries(data.counts).map(([measure, count]) => [measure, String(count)]),
    },
    {
      name: 'recordings-by-month',
      columns: ['Month of latest deletion', 'Not held', 'Held', 'In conflict'],
      rows: data.months.map((month) => [month.month, String(month.kept), String(month.held), String(month.conflict)]),
    },
    {
      name: 'legal-holds',
      columns: ['Hold ID', 'Matter', 'Reason', 'Placed by', 'Placed at', 'Scope', 'Review on', 'Recordings', 'Released by', 'Released at', 'Release reason'],
      rows: data.holds.map((hold) => [
        hold.id,
        hold.matter,
        hold.reason,
        hold.placedBy,
        hold.placedAt,
        hold.scope.join('; '),
        hold.reviewOn ?? '',
        String(hold.recordings),
        hold.release?.by ?? '',
        hold.release?.at ?? '',
        hold.release?.reason ?? '',
      ]),
    },
    {
      name: 'disposal-batches',
      columns: ['Batch ID', 'Operator', 'Disposed at', 'Due as of', 'Recordings', 'Files deleted', 'Files already absent', 'Refused'],
      rows: data.batches.map((batch) => [batch.id, batch.operator, batch.startedAt, batch.asOf, String(batch.recordings), String(batch.filesDeleted), String(batch.filesMissing), String(batch.refused)]),
    },
    {
      name: 'disposal-certificates',
      columns: ['Batch ID', 'Recording ID', 'SHA-256', 'Size (bytes)', 'Method', 'Verification', 'Operator', 'Disposed at', 'Last backup expires'],
      rows: certificateRows,
    },
  ];
}
