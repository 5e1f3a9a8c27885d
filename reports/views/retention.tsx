import type { ReportSection } from '../../core/reports/model';
import type { RetentionReportData } from '../../core/reports/retention';
import type { ReportView } from '../types';
import { Badge, Empty, Fields, Mono, Section, Table, plural, sectionId, utcText } from './reportParts';

type Batch = RetentionReportData['batches'][number];
const batchSection = (batch: Batch) => sectionId('retention-batch', batch.id);
const colours = { kept: '#1f3a5f', held: '#8a5a00', conflict: '#b3261e' };
/** Held recordings are hatched, not only coloured: the chart is read in greyscale prints and by people who do not tell brown from blue. */
const heldHatch = 'retention-held-hatch';
const fills = { kept: colours.kept, held: `url(#${heldHatch})`, conflict: colours.conflict };

/** The months given, with the months between them that have no recording, so the chart's axis runs evenly in time. */
function everyMonth(months: RetentionReportData['months']): RetentionReportData['months'] {
  if (!months.length) return [];
  const byMonth = new Map(months.map((month) => [month.month, month]));
  const filled: RetentionReportData['months'] = [];
  let [year, month] = months[0]!.month.split('-').map(Number) as [number, number];
  const last = months[months.length - 1]!.month;
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    filled.push(byMonth.get(key) ?? { month: key, kept: 0, held: 0, conflict: 0 });
    if (key >= last) return filled;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** Recordings kept, by month of their latest deletion, stacked: not held, held, in conflict; past months shaded. */
function MonthsChart({ months: given, asOf }: { months: RetentionReportData['months']; asOf: string }) {
  const months = everyMonth(given);
  const width = 700;
  const height = 170;
  const left = 44;
  const bottom = 140;
  const top = 14;
  const max = Math.max(1, ...months.map((month) => month.kept + month.held + month.conflict));
  const slot = (width - left - 10) / months.length;
  const bar = Math.max(2, Math.min(28, slot * 0.7));
  const labelEvery = Math.ceil(months.length / 12);
  const current = asOf.slice(0, 7);
  const yOf = (count: number) => bottom - (count / max) * (bottom - top);
  return (
    <svg viewBox={`0 0 ${width} ${height + 14}`} width="100%" role="img" aria-label="Recordings kept by month of their latest deletion">
      <defs>
        <pattern id={heldHatch} patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
          <rect width="5" height="5" fill={colours.held} />
          <line x1="0" y1="0" x2="0" y2="5" stroke="#fff" strokeWidth="2" />
        </pattern>
      </defs>
      <line x1={left} y1={bottom} x2={width - 10} y2={bottom} stroke="#444" />
      <line x1={left} y1={top} x2={left} y2={bottom} stroke="#444" />
      <text x={left - 4} y={top + 4} fontSize="9" textAnchor="end" fill="#333">
        {max.toLocaleString('en')}
      </text>
      <text x={left - 4} y={bottom} fontSize="9" textAnchor="end" fill="#333">
        0
      </text>
      {months.map((month, index) => {
        const x = left + index * slot + (slot - bar) / 2;
        const past = month.month < current;
        let base = 0;
        const parts = (['kept', 'held', 'conflict'] as const).map((part) => {
          const y0 = yOf(base);
          base += month[part];
          const y1 = yOf(base);
          return month[part] ? <rect key={part} x={x} y={y1} width={bar} height={y0 - y1} fill={fills[part]} stroke="#fff" strokeWidth="0.5" opacity={past ? 0.45 : 1} /> : null;
        });
        return (
          <g key={month.month}>
            {past && <rect x={left + index * slot} y={top} width={slot} height={bottom - top} fill="#000" opacity="0.05" />}
            {parts}
            {index % labelEvery === 0 && (
              <text x={x + bar / 2} y={bottom + 12} fontSize="9" textAnchor="middle" fill="#333">
                {month.month}
              </text>
            )}
          </g>
        );
      })}
      <g fontSize="9" fill="#333">
        <rect x={left} y={height + 2} width="8" height="8" fill={colours.kept} />
        <text x={left + 12} y={height + 10}>not held</text>
        <rect x={left + 70} y={height + 2} width="8" height="8" fill={fills.held} />
        <text x={left + 82} y={height + 10}>held (hatched)</text>
        <rect x={left + 150} y={height + 2} width="8" height="8" fill={colours.conflict} />
        <text x={left + 162} y={height + 10}>in conflict</text>
        <text x={left + 230} y={height + 10}>shaded: months already past on {asOf.slice(0, 10)} (recordings there are due)</text>
      </g>
    </svg>
  );
}

function Certificate({ batch, cap }: { batch: Batch; cap: number }) {
  // One method and verification for the whole batch is said once, above the table, instead of on every row.
  const [only] = batch.methods.length === 1 ? batch.methods : [];
  return (
    <>
      <h3 id={batchSection(batch)}>Disposal certificate: batch of {utcText(batch.startedAt)}</h3>
      <Fields
        items={[
          ['Batch ID', <Mono key="id" text={batch.id} />],
          ['Operator', batch.operator],
          ['Disposed at', utcText(batch.startedAt)],
          ['Recordings due as of', utcText(batch.asOf)],
          ['Recordings disposed of', batch.recordings.toLocaleString('en')],
          ['Files deleted', batch.filesDeleted.toLocaleString('en')],
          ['Files already absent', batch.filesMissing.toLocaleString('en')],
          ['Refused (held, changed or outside the folder)', batch.refused.toLocaleString('en')],
          ...(only
            ? ([
                ['Method (every entry)', only.method],
                ['Verification (every entry)', only.verification],
              ] as Array<[string, string]>)
            : []),
        ]}
      />
      {batch.entries.length ? (
        <>
          <Table
            columns={['Recording', 'SHA-256', 'Size (bytes)', ...(only ? [] : ['Method', 'Verification']), 'Last backup expires']}
            rows={batch.entries.map((entry) => [
              String(entry.recordingId),
              entry.fileSha256 ? <Mono key="hash" text={entry.fileSha256} /> : 'No file',
              entry.fileSize === null ? '' : entry.fileSize.toLocaleString('en'),
              ...(only ? [] : [entry.method, entry.verification]),
              entry.backupExpiresAt ? utcText(entry.backupExpiresAt) : 'No file, no backup',
            ])}
          />
          <p className="report-note">
            The operator and time above apply to every entry (disposal evidence in the manner of NIST SP 800-88).
            {batch.recordings > batch.entries.length &&
              ` This certificate prints the first ${batch.entries.length.toLocaleString('en')} of ${plural(batch.recordings, 'disposal')}, by recording id (at most ${cap.toLocaleString('en')} per batch); every entry is in the attached table disposal-certificates.csv.`}
          </p>
        </>
      ) : (
        <Empty>This batch disposed of no recording.</Empty>
      )}
    </>
  );
}

const countRows = (data: RetentionReportData): Array<[string, number]> => [
  ['Kept', data.counts.retained],
  ['Due for disposal (past their latest deletion, not held, no conflict)', data.counts.due],
  [`Overdue (due for more than ${data.overdueAfterDays} days)`, data.counts.overdue],
  ['Kept under a legal hold', data.counts.held],
  ['In conflict (a minimum outlasts a maximum; never disposed of automatically)', data.counts.conflicts],
  ['Kept without a maximum (until a person decides)', data.counts.noMaximum],
  ['Disposed of', data.counts.disposed],
  ['Card details spoken, not yet redacted or deleted (PCI DSS v4.0 Req. 3.3.1)', data.counts.cardDataOpen],
  ['Legal holds past their review date', data.counts.holdsToReview],
];

/** The call-recording retention and disposal record. */
export const retentionView: ReportView<RetentionReportData> = {
  kind: 'retention',
  sections(snapshot) {
    return [
      { id: 'retention-rules', title: 'Retention rules', level: 1 },
      { id: 'retention-counts', title: 'Recordings at the report instant', level: 1 },
      { id: 'retention-months', title: 'Recordings by month of their latest deletion', level: 1 },
      { id: 'retention-holds', title: 'Legal holds', level: 1 },
      { id: 'retention-disposals', title: 'Disposal batches and their certificates', level: 1 },
      ...snapshot.data.batches.map((batch): ReportSection => ({ id: batchSection(batch), title: `Batch of ${utcText(batch.startedAt)}`, level: 2 })),
    ];
  },
  body(snapshot) {
    const data = snapshot.data;
    return (
      <>
        <Section id="retention-rules" title="Retention rules">
          {data.rules.length ? (
            <Table
              columns={['Rule (purpose)', 'Keep at least', 'Delete at the latest', 'Counted from', 'Legal source', 'Note']}
              rows={data.rules.map((rule) => [
                <>
                  {rule.name} ({rule.purpose})
                  {rule.verify && (
                    <>
                      {' '}
                      <Badge tone="warning">verify</Badge>
                    </>
                  )}
                </>,
                rule.minimum ? `${rule.minimum}${rule.extendableTo ? `, up to ${rule.extendableTo} on request` : ''}` : 'No minimum',
                rule.maximum ?? 'No maximum',
                rule.countedFrom,
                rule.legalSource ?? 'Not recorded',
                rule.note ?? '',
              ])}
            />
          ) : (
            <Empty>No retention rule covers call recordings.</Empty>
          )}
          <p className="report-note">
            A recording may be deleted from the longest minimum and must be deleted by the shortest maximum of the rules of its purposes; where a minimum outlasts a
            maximum the rules conflict, and the recording is kept until a person decides. Rules marked "verify" rest on a secondary source.
          </p>
        </Section>
        <Section id="retention-counts" title="Recordings at the report instant">
          <p>As of {utcText(data.asOf)}:</p>
          <Table columns={['Recordings', 'Count']} rows={countRows(data).map(([label, count]) => [label, count.toLocaleString('en')])} />
        </Section>
        <Section id="retention-months" title="Recordings by month of their latest deletion">
          {data.months.length ? (
            <>
              <MonthsChart months={data.months} asOf={data.asOf} />
              <Table
                columns={['Month of latest deletion', 'Not held', 'Held', 'In conflict']}
                rows={data.months.map((month) => [
                  `${month.month}${month.month < data.asOf.slice(0, 7) ? ' (past)' : ''}`,
                  month.kept.toLocaleString('en'),
                  month.held.toLocaleString('en'),
                  month.conflict.toLocaleString('en'),
                ])}
              />
            </>
          ) : (
            <Empty>No recording is kept with a latest deletion date.</Empty>
          )}
        </Section>
        <Section id="retention-holds" title="Legal holds">
          {data.holds.length ? (
            <Table
              columns={['Matter and reason', 'Placed', 'Scope', 'Recordings', 'Review on', 'State']}
              rows={data.holds.map((hold) => [
                <>
                  <strong>{hold.matter}</strong>
                  <br />
                  {hold.reason}
                </>,
                `${hold.placedBy}, ${utcText(hold.placedAt)}`,
                hold.scope.join('; '),
                hold.recordings.toLocaleString('en'),
                hold.reviewOn ?? 'No review date',
                hold.release ? (
                  <>
                    <Badge tone="neutral">Released</Badge> by {hold.release.by}, {utcText(hold.release.at)}: {hold.release.reason}
                  </>
                ) : (
                  <Badge tone="warning">Active: blocks disposal</Badge>
                ),
              ])}
            />
          ) : (
            <Empty>No legal hold has been placed on call recordings.</Empty>
          )}
        </Section>
        <Section id="retention-disposals" title="Disposal batches and their certificates">
          {data.batches.length ? (
            data.batches.map((batch) => <Certificate key={batch.id} batch={batch} cap={data.certificateCap} />)
          ) : (
            <Empty>No disposal batch has been run.</Empty>
          )}
        </Section>
      </>
    );
  },
};
