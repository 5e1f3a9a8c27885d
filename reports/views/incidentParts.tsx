import type { ReactNode } from 'react';
import type { ReportIncident, ReportObligation } from '../../core/reports/incident';
import { Badge, Empty, Fields, Table, When, utcText } from './reportParts';

/** Parts shared by the breach register and the incident report. */

export const numberText = (value: number | null) => (value === null ? null : `about ${value.toLocaleString('en')}`);

export function DecisionBadge({ incident }: { incident: ReportIncident }) {
  if (incident.notifiability === 'not-notifiable') return <Badge tone="ok">Judged not notifiable</Badge>;
  if (incident.notifiability === 'notifiable') return <Badge tone="warning">{incident.decision!.label}</Badge>;
  const filed = incident.obligations.some((obligation) => obligation.filings.length > 0);
  return filed ? <Badge tone="warning">Notified; no risk decision recorded</Badge> : <Badge tone="danger">No decision recorded</Badge>;
}

export function lateText(obligation: ReportObligation): string {
  if (obligation.late === null) return obligation.firstFiledAt ? 'No fixed deadline' : 'Not filed';
  return obligation.late ? 'Late' : 'On time';
}

/** The obligations of one incident: citation, due time (UTC and local), state, first filing and frozen lateness. */
export function ObligationsTable({ incident }: { incident: ReportIncident }) {
  if (!incident.obligations.length) return <Empty>No notification obligation arises from the recorded facts and decisions.</Empty>;
  return (
    <Table
      columns={['Obligation', 'Period (clock starts at)', 'Due', 'State', 'First filed', 'Lateness (frozen)']}
      rows={incident.obligations.map((obligation) => [
        <>
          {obligation.recipient}
          <br />
          {obligation.citation}
          {obligation.verify && (
            <>
              {' '}
              <Badge tone="warning">verify</Badge>
            </>
          )}
        </>,
        `${obligation.period} (${obligation.startsAt.toLowerCase()})`,
        <>
          <When key="due" at={obligation.dueAt} />
          {obligation.legalDue && (
            <>
              <br />
              Legal outer date: <When at={obligation.legalDue.at} /> ({obligation.legalDue.citation})
            </>
          )}
        </>,
        <>
          <Badge tone={obligation.tone}>{obligation.stateLabel}</Badge>
          {obligation.condition === 'pending-risk-assessment' && (
            <>
              {' '}
              <Badge tone="warning">Waits for the risk assessment</Badge>
            </>
          )}
          {obligation.notApplicable && (
            <>
              <br />
              {obligation.notApplicable.rationale} ({obligation.notApplicable.by}, {utcText(obligation.notApplicable.at)})
            </>
          )}
        </>,
        obligation.firstFiledAt ? utcText(obligation.firstFiledAt) : 'Not filed',
        <>
          {lateText(obligation)}
          {obligation.dueAtFirstFiling && obligation.dueAt && obligation.dueAtFirstFiling !== obligation.dueAt.utc && (
            <>
              <br />
              judged against {utcText(obligation.dueAtFirstFiling)}
            </>
          )}
        </>,
      ])}
    />
  );
}

export function FilingsTable({ incident }: { incident: ReportIncident }) {
  const filings = incident.obligations.flatMap((obligation) => obligation.filings.map((filing) => ({ obligation, filing })));
  if (!filings.length) return <Empty>No filing is recorded for this incident.</Empty>;
  return (
    <Table
      columns={['Filed', 'To', 'Phase', 'Channel and reference', 'Reasons for delay (Art. 33(1))', 'Recorded by']}
      rows={filings.map(({ obligation, filing }) => [
        <When key="filed" at={filing.filedAt} />,
        `${obligation.recipient} (${obligation.citation})`,
        filing.phase,
        [filing.channel, filing.reference].filter(Boolean).join(', ') || 'Not recorded',
        filing.delayReasons ?? '',
        filing.recordedBy,
      ])}
    />
  );
}

/** The facts, effects and remedial action of a breach (Art. 33(5)). */
export function FactsFields({ incident }: { incident: ReportIncident }) {
  return (
    <Fields
      items={[
        ['Incident ID', <code key="id">{incident.id}</code>],
        ['Status', incident.status],
        ...(incident.closure
          ? ([
              ['Closed', <When key="closed" at={incident.closure.at} />],
              ['Closed by', incident.closure.by],
              ['Closure summary', incident.closure.summary],
              ...(incident.closure.openObligations.length ? [['Closed with clocks still running', incident.closure.openObligations.join('; ')] as [string, string]] : []),
            ] as Array<[string, ReactNode]>)
          : []),
        ...incident.events.map((event): [string, ReactNode] => [event.label, <When key={event.event} at={event.at} />]),
        ...(incident.awarenessJustification ? [['Why awareness came after detection', incident.awarenessJustification] as [string, string]] : []),
        ['Facts: nature of the breach', incident.nature],
        ['Breach types', incident.breachTypes.join(', ')],
        ['Categories of personal data', incident.dataCategories.join(', ')],
        ['Data subjects (approx.)', numberText(incident.subjectsApprox)],
        ['Records (approx.)', numberText(incident.recordsApprox)],
        ['Where the people affected live', incident.affected.map((entry) => `${entry.name}: ${entry.count.toLocaleString('en')}`).join('; ')],
        ['Effects: likely consequences', incident.consequences],
        ['Remedial action: measures taken or proposed', incident.measures],
        ['Processing activities', incident.activities.join('; ') || 'None linked'],
        ['Processors', incident.processors.join('; ') || 'None linked'],
        ['Controller established in', incident.established.join(', ') || 'Not recorded'],
        ['Processor involved established in', incident.processorEstablished.join(', ') || 'None recorded'],
      ]}
    />
  );
}
