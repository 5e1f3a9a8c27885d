import { labelRows, textWidth } from '../../core/charts/labelRows';
import type { IncidentReportData, IncidentTimelineEntry } from '../../core/reports/incident';
import type { ReportView } from '../types';
import { DecisionBadge, FactsFields, FilingsTable, ObligationsTable, numberText } from './incidentParts';
import { Badge, Empty, Fields, Section, Table, localText, utcText } from './reportParts';

const markerColour: Record<IncidentTimelineEntry['kind'], string> = {
  event: '#1f3a5f',
  filing: '#1d7a46',
  deadline: '#b3261e',
  decision: '#8a5a00',
  'not-applicable': '#6b6b6b',
  log: '#6b6b6b',
};

/** The timeline as a picture: each entry numbered as in the table below, on a line scaled to time. */
function TimelinePicture({ entries }: { entries: IncidentTimelineEntry[] }) {
  const width = 700;
  const left = 30;
  const right = width - 30;
  const times = entries.map((entry) => Date.parse(entry.at.utc));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const xOf = (time: number) => (last === first ? (left + right) / 2 : left + ((time - first) / (last - first)) * (right - left));
  // Each number goes on the nearest row where it clears every number already there; rows are added as needed.
  const { rows, rowCount } = labelRows(times.map((time, index) => ({ x: xOf(time), width: textWidth(String(index + 1), 10), anchor: 'middle' as const })), 3);
  const axis = 28 + rowCount * 13;
  const height = axis + 52;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label="Timeline of the incident, numbered as in the table">
      <line x1={left} y1={axis} x2={right} y2={axis} stroke="#444" strokeWidth="1.5" />
      {entries.map((entry, index) => {
        const x = xOf(times[index]!);
        const labelY = axis - 14 - rows[index]! * 13;
        const colour = markerColour[entry.kind];
        return (
          <g key={index}>
            <line x1={x} y1={labelY + 3} x2={x} y2={axis} stroke={colour} strokeWidth="0.75" />
            {entry.kind === 'filing' ? (
              <rect x={x - 4} y={axis - 4} width="8" height="8" fill={colour} />
            ) : entry.kind === 'deadline' ? (
              <polygon points={`${x},${axis - 6} ${x + 5},${axis + 4} ${x - 5},${axis + 4}`} fill={colour} />
            ) : (
              <circle cx={x} cy={axis} r="4" fill={colour} />
            )}
            <text x={x} y={labelY} fontSize="10" textAnchor="middle" fill={colour}>
              {index + 1}
            </text>
          </g>
        );
      })}
      <text x={left} y={axis + 22} fontSize="10" fill="#333">
        {utcText(new Date(first).toISOString())}
      </text>
      <text x={right} y={axis + 22} fontSize="10" textAnchor="end" fill="#333">
        {utcText(new Date(last).toISOString())}
      </text>
      {/* The legend, below the axis wherever the rows put it (laid out for an axis at 78). */}
      <g fontSize="9" fill="#333" transform={`translate(0 ${axis - 78})`}>
        <circle cx={left + 4} cy={122} r="4" fill={markerColour.event} />
        <text x={left + 12} y={125}>event</text>
        <rect x={left + 60} y={118} width="8" height="8" fill={markerColour.filing} />
        <text x={left + 72} y={125}>filing</text>
        <polygon points={`${left + 120},${116} ${left + 125},${126} ${left + 115},${126}`} fill={markerColour.deadline} />
        <text x={left + 130} y={125}>deadline</text>
        <circle cx={left + 184} cy={122} r="4" fill={markerColour.decision} />
        <text x={left + 192} y={125}>decision</text>
        <circle cx={left + 244} cy={122} r="4" fill={markerColour.log} />
        <text x={left + 252} y={125}>note or action</text>
      </g>
    </svg>
  );
}

/** A draft value: what is recorded, or a warning that it must be completed before notifying. */
const draft = (value: string | null | undefined) => (value ? value : <Badge tone="warning">Not recorded: complete before notifying</Badge>);

/** One incident: summary, timeline, decisions, obligations and filings, and the Art. 33(3) notification draft. */
export const incidentView: ReportView<IncidentReportData> = {
  kind: 'incident',
  sections() {
    return [
      { id: 'incident-summary', title: 'Summary and facts', level: 1 },
      { id: 'incident-timeline', title: 'Timeline', level: 1 },
      { id: 'incident-decisions', title: 'Decisions and their rationale', level: 1 },
      { id: 'incident-obligations', title: 'Obligations, deadlines and filings', level: 1 },
      { id: 'incident-draft', title: 'Notification draft (GDPR Art. 33(3))', level: 1 },
      { id: 'incident-log', title: 'Incident log', level: 1 },
    ];
  },
  body(snapshot) {
    const { incident, timeline, decisions, log, delayReasons, drill, asOf } = snapshot.data;
    const notApplicable = incident.obligations.filter((obligation) => obligation.notApplicable);
    return (
      <>
        <Section id="incident-summary" title="Summary and facts">
          <h3>
            {incident.title} {drill && <Badge tone="danger">DRILL: not a real incident</Badge>} <DecisionBadge incident={incident} />
          </h3>
          <p className="report-note">
            Times are given in UTC, then in {incident.zone}, the incident's zone, where day-based deadlines end. Obligation states as of {utcText(asOf)}.
          </p>
          <FactsFields incident={incident} />
          {incident.risk && (
            <Fields
              items={[
                ['The advice on notifying, from the facts at report time', incident.risk.recommendationLabel],
                [
                  'Why',
                  <ul key="why">
                    {incident.risk.factors.map((factor) => (
                      <li key={factor}>{factor}</li>
                    ))}
                  </ul>,
                ],
                [
                  'ENISA severity, one input',
                  `${incident.risk.severity} (${incident.risk.level})${incident.risk.enisaRecommendationLabel !== incident.risk.recommendationLabel ? `; alone it would advise: ${incident.risk.enisaRecommendationLabel.toLowerCase()}` : ''}`,
                ],
              ]}
            />
          )}
        </Section>
        <Section id="incident-timeline" title="Timeline">
          {timeline.length ? (
            <>
              <TimelinePicture entries={timeline} />
              <Table
                columns={['#', 'UTC', `Local time (${incident.zone})`, 'What', 'Detail', 'By']}
                rows={timeline.map((entry, index) => [
                  String(index + 1),
                  utcText(entry.at.utc).replace(' UTC', ''),
                  // The column names the incident's zone; an event recorded in another zone keeps its own name.
                  entry.at.zone === incident.zone ? localText(entry.at).replace(` ${entry.at.zone} `, ' ') : localText(entry.at),
                  entry.label,
                  entry.detail ?? '',
                  entry.by ?? '',
                ])}
              />
            </>
          ) : (
            <Empty>No event, filing or decision is recorded for this incident yet.</Empty>
          )}
        </Section>
        <Section id="incident-decisions" title="Decisions and their rationale">
          <h3>Risk decisions</h3>
          {decisions.length ? (
            <Table
              columns={['Decided', 'By', 'Decision', 'The assessment recommended', 'Rationale']}
              rows={decisions.map((decision) => [utcText(decision.decidedAt), decision.decidedBy, decision.label, decision.recommendationLabel ?? 'No assessment', decision.rationale])}
            />
          ) : (
            <Empty>No risk decision is recorded: the breach has not been judged notifiable or not.</Empty>
          )}
          <h3>Obligations marked not applicable</h3>
          {notApplicable.length ? (
            <Table
              columns={['Obligation', 'Marked', 'By', 'Rationale']}
              rows={notApplicable.map((obligation) => [
                `${obligation.recipient} (${obligation.citation})`,
                utcText(obligation.notApplicable!.at),
                obligation.notApplicable!.by,
                obligation.notApplicable!.rationale,
              ])}
            />
          ) : (
            <Empty>No obligation was marked not applicable.</Empty>
          )}
        </Section>
        <Section id="incident-obligations" title="Obligations, deadlines and filings">
          <ObligationsTable incident={incident} />
          <h3>Filings</h3>
          <FilingsTable incident={incident} />
          {incident.obligations.some((obligation) => obligation.note || obligation.verify) && (
            <>
              {incident.obligations
                .filter((obligation) => obligation.note || obligation.verify)
                .map((obligation) => (
                  <p key={obligation.id} className="report-note">
                    {obligation.recipient} ({obligation.citation}): {obligation.note ?? ''}
                    {obligation.verify ? ' The rule comes from a secondary source and is to be verified.' : ''} Source: {obligation.source}.
                  </p>
                ))}
            </>
          )}
        </Section>
        <Section id="incident-draft" title="Notification draft (GDPR Art. 33(3))">
          <p className="report-note">
            The content Art. 33(3) requires, as recorded. Information not yet available may be given in phases without undue further delay (Art. 33(4)).
          </p>
          <h3>(a) Nature of the breach, categories and approximate numbers of data subjects and records</h3>
          <Fields
            items={[
              ['Nature of the breach', draft(incident.nature)],
              ['Breach types', draft(incident.breachTypes.join(', '))],
              ['Categories of data subjects', draft(incident.dataSubjectCategories.join(', '))],
              ['Approximate number of data subjects', draft(numberText(incident.subjectsApprox))],
              ['Categories of personal data records', draft(incident.dataCategories.join(', '))],
              ['Approximate number of records', draft(numberText(incident.recordsApprox))],
              ['Where the people affected live', draft(incident.affected.map((entry) => `${entry.name}: ${entry.count.toLocaleString('en')}`).join('; '))],
            ]}
          />
          <h3>(b) Name and contact details of the data protection officer or other contact point</h3>
          <Fields items={[['Contact point', draft(incident.contactPoint)]]} />
          <h3>(c) Likely consequences of the breach</h3>
          <Fields items={[['Likely consequences', draft(incident.consequences)]]} />
          <h3>(d) Measures taken or proposed, including to mitigate its possible adverse effects</h3>
          <Fields items={[['Measures', draft(incident.measures)]]} />
          {delayReasons.length > 0 && (
            <>
              <h3>Reasons for the delay (Art. 33(1))</h3>
              <Fields items={delayReasons.map((reason, index): [string, string] => [`Late notification ${index + 1}`, reason])} />
            </>
          )}
        </Section>
        <Section id="incident-log" title="Incident log">
          {log.length ? (
            <Table columns={['At (UTC)', 'By', 'Kind', 'Entry']} rows={log.map((entry) => [utcText(entry.at), entry.actor, entry.kind, entry.text])} />
          ) : (
            <Empty>The incident log is empty.</Empty>
          )}
          <p className="report-note">The log is append-only in the workspace: entries are never edited or removed.</p>
        </Section>
      </>
    );
  },
};
