import type { BreachRegisterData, ReportIncident } from '../../core/reports/incident';
import type { ReportSection } from '../../core/reports/model';
import type { ReportView } from '../types';
import { DecisionBadge, FactsFields, FilingsTable, ObligationsTable } from './incidentParts';
import { Empty, Fields, Section, Table, When, plural, sectionId, utcText } from './reportParts';

const incidentSection = (incident: ReportIncident) => sectionId('breaches-incident', incident.id);
const eventAt = (incident: ReportIncident, event: string) => incident.events.find((entry) => entry.event === event)?.at ?? null;

function obligationsInWords(incident: ReportIncident): string {
  if (!incident.obligations.length) return 'None';
  const count = (states: string[]) => incident.obligations.filter((obligation) => states.includes(obligation.state)).length;
  const parts = [
    [count(['met']), 'met'],
    [count(['late']), 'filed late'],
    [count(['overdue']), 'overdue'],
    [count(['open', 'due-soon', 'waiting', 'no-fixed-deadline']), 'open'],
    [count(['not-applicable', 'no-longer-applies']), 'not applicable'],
  ] as const;
  return parts
    .filter(([value]) => value > 0)
    .map(([value, label]) => `${value} ${label}`)
    .join(', ');
}

/** The Art. 33(5) breach register: the list, the breaches judged not notifiable and why, then each breach in full. */
export const breachesView: ReportView<BreachRegisterData> = {
  kind: 'breaches',
  sections(snapshot) {
    return [
      { id: 'breaches-register', title: 'Register of breaches', level: 1 },
      { id: 'breaches-not-notifiable', title: 'Breaches judged not notifiable', level: 1 },
      { id: 'breaches-incidents', title: 'Each breach: facts, effects, remedial action, obligations and filings', level: 1 },
      ...snapshot.data.incidents.map((incident): ReportSection => ({ id: incidentSection(incident), title: incident.title, level: 2 })),
    ];
  },
  body(snapshot) {
    const { incidents, drillsExcluded, asOf } = snapshot.data;
    const notNotifiable = incidents.filter((incident) => incident.notifiability === 'not-notifiable');
    return (
      <>
        <Section id="breaches-register" title="Register of breaches">
          <p>
            {plural(incidents.length, 'breach', 'breaches')} recorded, notified or not, as GDPR Art. 33(5) requires; states as of {utcText(asOf)}.
          </p>
          {incidents.length ? (
            <Table
              columns={['Breach', 'Occurred', 'Aware', 'Status', 'Decision', 'Obligations']}
              rows={incidents.map((incident) => [
                <>
                  {incident.title}
                  <br />
                  <code>{incident.id}</code>
                </>,
                <When key="occurred" at={eventAt(incident, 'occurred')} />,
                <When key="aware" at={eventAt(incident, 'aware')} />,
                incident.status,
                <DecisionBadge key="decision" incident={incident} />,
                obligationsInWords(incident),
              ])}
            />
          ) : (
            <Empty>No breach is recorded in this workspace.</Empty>
          )}
          <p className="report-note">
            Drills are excluded from this register{drillsExcluded ? ` (${plural(drillsExcluded, 'drill')} not shown)` : ''}. Times are in UTC, then in the incident's zone, where
            day-based deadlines end.
          </p>
        </Section>
        <Section id="breaches-not-notifiable" title="Breaches judged not notifiable">
          {notNotifiable.length ? (
            notNotifiable.map((incident) => (
              <div key={incident.id}>
                <h3>{incident.title}</h3>
                <Fields
                  items={[
                    ['Decision', incident.decision!.label],
                    ['Rationale', incident.decision!.rationale],
                    ['Decided by', incident.decision!.decidedBy],
                    ['Decided at', utcText(incident.decision!.decidedAt)],
                    ['The assessment recommended', incident.decision!.recommendationLabel ?? 'No risk assessment recorded'],
                  ]}
                />
              </div>
            ))
          ) : (
            <Empty>No breach was judged not notifiable.</Empty>
          )}
        </Section>
        <Section id="breaches-incidents" title="Each breach: facts, effects, remedial action, obligations and filings">
          {incidents.length === 0 && <Empty>No breach is recorded in this workspace.</Empty>}
          {incidents.map((incident) => (
            <div key={incident.id}>
              <h3 id={incidentSection(incident)}>
                {incident.title} <DecisionBadge incident={incident} />
              </h3>
              <FactsFields incident={incident} />
              {incident.decision && (
                <Fields
                  items={[
                    ['Decision', `${incident.decision.label} (${incident.decision.decidedBy}, ${utcText(incident.decision.decidedAt)})`],
                    ['Rationale', incident.decision.rationale],
                  ]}
                />
              )}
              <ObligationsTable incident={incident} />
              <FilingsTable incident={incident} />
            </div>
          ))}
        </Section>
      </>
    );
  },
};
