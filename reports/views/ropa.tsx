import type { ReportSection } from '../../core/reports/model';
import type { RopaActivity, RopaData, RopaOrganisation } from '../../core/reports/ropa';
import { listText, orDash } from '../format';
import type { ReportView } from '../types';

const organisationSectionId = (organisation: Pick<RopaOrganisation, 'id'>) => `organisation-${organisation.id}`;

/** The controller register (GDPR Art. 30(1)): an overview, each organisation's records field by field, then every gap. */
export const ropaView: ReportView<RopaData> = {
  kind: 'ropa',
  sections: (snapshot) => [
    { id: 'overview', title: 'Overview', level: 1 },
    ...snapshot.data.organisations.map((organisation): ReportSection => ({ id: organisationSectionId(organisation), title: organisation.name, level: 1 })),
    { id: 'gaps', title: 'Gaps against Art. 30(1) and related articles', level: 1 },
  ],
  body: (snapshot) => {
    const { organisations, totals, assessedOn } = snapshot.data;
    const all = organisations.flatMap((organisation) => organisation.activities.map((activity) => ({ organisation, activity })));
    const withGaps = all.filter(({ activity }) => activity.gaps.length);
    return (
      <>
        <section className="report-section">
          <h2 id="overview">Overview</h2>
          <p>
            {totals.activities} processing {totals.activities === 1 ? 'activity' : 'activities'} of {organisations.length}{' '}
            {organisations.length === 1 ? 'organisation' : 'organisations'}; {totals.withGaps} with gaps ({totals.gaps} gaps in all), assessed on{' '}
            {assessedOn}.
          </p>
          {all.length ? (
            <table className="report-table">
              <thead>
                <tr>
                  <th>Organisation</th>
                  <th>Processing activity</th>
                  <th>Lawful basis</th>
                  <th>Status</th>
                  <th className="report-number">Gaps</th>
                </tr>
              </thead>
              <tbody>
                {all.map(({ organisation, activity }) => (
                  <tr key={activity.id}>
                    <td>{organisation.name}</td>
                    <td>{activity.name}</td>
                    <td>{orDash(activity.lawfulBasis)}</td>
                    <td>{activity.status}</td>
                    <td className="report-number">{activity.gaps.length ? <span className="report-badge report-badge-warning">{activity.gaps.length}</span> : <span className="report-badge report-badge-ok">0</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="report-empty">None recorded: the register holds no processing activity.</p>
          )}
        </section>
        {organisations.map((organisation) => (
          <section className="report-section" key={organisation.id}>
            <h2 id={organisationSectionId(organisation)}>{organisation.name}</h2>
            <dl className="report-fields">
              <dt>Controller (Art. 30(1)(a))</dt>
              <dd>
                {organisation.legalName ?? organisation.name} ({organisation.role})
                {organisation.country ? `, ${organisation.country}` : ''}
              </dd>
              <dt>Address</dt>
              <dd>{orDash(organisation.address)}</dd>
              <dt>Contact</dt>
              <dd>{orDash(organisation.contactEmail)}</dd>
              <dt>Data protection officer</dt>
              <dd>{orDash(organisation.dpoContact)}</dd>
              <dt>Representative (Art. 27)</dt>
              <dd>{orDash(organisation.representative)}</dd>
            </dl>
            {organisation.activities.length ? (
              organisation.activities.map((activity) => <ActivityEntry key={activity.id} activity={activity} />)
            ) : (
              <p className="report-empty">None recorded: {organisation.name} has no processing activity in the register.</p>
            )}
          </section>
        ))}
        <section className="report-section">
          <h2 id="gaps">Gaps against Art. 30(1) and related articles</h2>
          {withGaps.length ? (
            <table className="report-table">
              <thead>
                <tr>
                  <th>Organisation</th>
                  <th>Processing activity</th>
                  <th>Citation</th>
                  <th>What is missing</th>
                </tr>
              </thead>
              <tbody>
                {withGaps.flatMap(({ organisation, activity }) =>
                  activity.gaps.map((gap, index) => (
                    <tr key={`${activity.id}-${index}`}>
                      <td>{organisation.name}</td>
                      <td>{activity.name}</td>
                      <td>{gap.citation}</td>
                      <td>{gap.message}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          ) : (
            <p className="report-empty">None recorded: every activity has every field the law requires.</p>
          )}
        </section>
      </>
    );
  },
};

/** One Art. 30(1) record, every field labelled with the letter of the article it answers. */
function ActivityEntry({ activity }: { activity: RopaActivity }) {
  return (
    <div className="report-entry">
      <h3 id={`activity-${activity.id}`}>
        {activity.name}{' '}
        {activity.gaps.length ? (
          <span className="report-badge report-badge-warning">{activity.gaps.length === 1 ? '1 gap' : `${activity.gaps.length} gaps`}</span>
        ) : (
          <span className="report-badge report-badge-ok">complete</span>
        )}
      </h3>
      <dl className="report-fields">
        <dt>Business function · status</dt>
        <dd>
          {orDash(activity.businessFunction)} · {activity.status}
        </dd>
        <dt>(b) Purposes</dt>
        <dd>{listText(activity.purposes)}</dd>
        <dt>Lawful basis (Art. 6)</dt>
        <dd>
          {orDash(activity.lawfulBasis)}
          {activity.legitimateInterests ? ` — legitimate interests: ${activity.legitimateInterests}` : ''}
        </dd>
        {activity.art9Condition || activity.art10Basis ? (
          <>
            <dt>Art. 9(2) / Art. 10</dt>
            <dd>
              {orDash(activity.art9Condition)} / {orDash(activity.art10Basis)}
            </dd>
          </>
        ) : null}
        <dt>(c) Data subjects</dt>
        <dd>{listText(activity.dataSubjects)}</dd>
        <dt>(c) Personal data</dt>
        <dd>{listText(activity.dataCategories)}</dd>
        <dt>(d) Recipients</dt>
        <dd>{listText(activity.recipients.map((recipient) => `${recipient.name} (${recipient.kind})`))}</dd>
        <dt>Processors and vendors</dt>
        <dd>{listText(activity.processors.map((processor) => `${processor.name} — ${processor.role}${processor.purpose ? `: ${processor.purpose}` : ''}`))}</dd>
        <dt>(e) Transfers</dt>
        <dd>
          {listText(
            activity.transfers.map(
              (transfer) =>
                `${transfer.country}: ${transfer.mechanism ?? 'no safeguard recorded'}${transfer.mechanismDate ? ` (${transfer.mechanismDate})` : ''}${transfer.note ? ` — ${transfer.note}` : ''}`,
            ),
            'None recorded',
          )}
        </dd>
        <dt>(f) Time limits for erasure</dt>
        <dd>
          {orDash(activity.retention)}
          {activity.retentionRule ? ` (rule: ${activity.retentionRule})` : ''}
        </dd>
        <dt>(g) Security measures</dt>
        <dd>{orDash(activity.securityMeasures)}</dd>
        {activity.jointController ? (
          <>
            <dt>Joint controller</dt>
            <dd>{activity.jointController}</dd>
          </>
        ) : null}
        <dt>DPIA (Art. 35)</dt>
        <dd>{orDash(activity.dpia)}</dd>
        <dt>Source · last updated</dt>
        <dd>
          {orDash(activity.source)} · {activity.updatedAt.slice(0, 10)}
        </dd>
        <dt>Gaps</dt>
        <dd>
          {activity.gaps.length ? (
            <ul>
              {activity.gaps.map((gap, index) => (
                <li key={index}>
                  {gap.citation}: {gap.message}
                </li>
              ))}
            </ul>
          ) : (
            'None'
          )}
        </dd>
      </dl>
    </div>
  );
}
