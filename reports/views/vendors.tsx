import type { ReportSection } from '../../core/reports/model';
import type { VendorEntry, VendorsData } from '../../core/reports/vendors';
import { listText, orDash } from '../format';
import type { ReportView } from '../types';

const vendorSectionId = (vendor: Pick<VendorEntry, 'id'>) => `vendor-${vendor.id}`;

const agreementBadge = (vendor: VendorEntry) => {
  if (vendor.agreement.state === 'valid') return <span className="report-badge report-badge-ok">agreement in force</span>;
  if (vendor.agreement.state === 'expired') return <span className="report-badge report-badge-danger">agreement expired</span>;
  return <span className="report-badge report-badge-danger">no agreement</span>;
};

/** The vendor register: who processes for us, in which role, where, under which agreement, engaging whom, reaching what. */
export const vendorsView: ReportView<VendorsData> = {
  kind: 'vendors',
  sections: (snapshot) => [
    { id: 'overview', title: 'Overview', level: 1 },
    { id: 'vendors', title: 'Vendors', level: 1 },
    ...snapshot.data.vendors.map((vendor): ReportSection => ({ id: vendorSectionId(vendor), title: vendor.name, level: 2 })),
    { id: 'sub-processors', title: 'Sub-processors (Art. 28(2) and (4))', level: 1 },
  ],
  body: (snapshot) => {
    const { vendors, assessedOn } = snapshot.data;
    const chains = vendors.flatMap((vendor) => vendor.subProcessors.map((sub) => ({ vendor, sub })));
    return (
      <>
        <section className="report-section">
          <h2 id="overview">Overview</h2>
          <p>
            {vendors.length} {vendors.length === 1 ? 'vendor' : 'vendors'}; agreements and reviews judged on {assessedOn}.
          </p>
          {vendors.length ? (
            <table className="report-table">
              <thead>
                <tr>
                  <th>Vendor</th>
                  <th>Service</th>
                  <th>Countries</th>
                  <th>Agreement (Art. 28(3))</th>
                  <th>Next review</th>
                  <th className="report-number">Activities</th>
                </tr>
              </thead>
              <tbody>
                {vendors.map((vendor) => (
                  <tr key={vendor.id}>
                    <td>{vendor.name}</td>
                    <td>{orDash(vendor.service)}</td>
                    <td>{listText(vendor.countries)}</td>
                    <td>
                      {agreementBadge(vendor)} {vendor.agreement.reference ?? ''}
                    </td>
                    <td>
                      {orDash(vendor.review.nextReviewOn)} {vendor.review.overdue ? <span className="report-badge report-badge-warning">overdue</span> : null}
                    </td>
                    <td className="report-number">{vendor.roles.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="report-empty">None recorded: the register holds no processor or vendor.</p>
          )}
        </section>
        <section className="report-section">
          <h2 id="vendors">Vendors</h2>
          {vendors.length ? vendors.map((vendor) => <VendorEntryView key={vendor.id} vendor={vendor} />) : <p className="report-empty">None recorded.</p>}
        </section>
        <section className="report-section">
          <h2 id="sub-processors">Sub-processors (Art. 28(2) and (4))</h2>
          {chains.length ? (
            <table className="report-table">
              <thead>
                <tr>
                  <th>Vendor</th>
                  <th>Engages</th>
                  <th>For</th>
                  <th>Where</th>
                </tr>
              </thead>
              <tbody>
                {chains.map(({ vendor, sub }) => (
                  <tr key={`${vendor.id}-${sub.name}`}>
                    <td>{vendor.name}</td>
                    <td>{sub.name}</td>
                    <td>{orDash(sub.service)}</td>
                    <td>{listText(sub.countries)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="report-empty">None recorded: no vendor is recorded as engaging a sub-processor.</p>
          )}
        </section>
      </>
    );
  },
};

function VendorEntryView({ vendor }: { vendor: VendorEntry }) {
  return (
    <div className="report-entry">
      <h3 id={vendorSectionId(vendor)}>
        {vendor.name} {agreementBadge(vendor)} {vendor.toVerify ? <span className="report-badge report-badge-warning">facts to verify</span> : null}
      </h3>
      <dl className="report-fields">
        <dt>Service</dt>
        <dd>{orDash(vendor.service)}</dd>
        <dt>Processes in</dt>
        <dd>{listText(vendor.countries, 'None recorded')}</dd>
        <dt>Transfer safeguard (Chapter V)</dt>
        <dd>
          {orDash(vendor.transferMechanism)}
          {vendor.transferMechanismDate ? ` (${vendor.transferMechanismDate})` : ''}
        </dd>
        <dt>Processing agreement (Art. 28(3))</dt>
        <dd>
          {vendor.agreement.reference ?? 'No reference recorded'}; signed {orDash(vendor.agreement.signedOn)}; expires {orDash(vendor.agreement.expiresOn)}
        </dd>
        <dt>Security assessment</dt>
        <dd>
          {orDash(vendor.security.assessedOn)}
          {vendor.security.outcome ? ` — ${vendor.security.outcome}` : ''}
        </dd>
        <dt>Review</dt>
        <dd>
          {vendor.review.cycleMonths ? `every ${vendor.review.cycleMonths} months` : 'no cycle set'}; next {orDash(vendor.review.nextReviewOn)}
          {vendor.review.overdue ? ' (overdue)' : ''}
        </dd>
        <dt>Data categories</dt>
        <dd>{listText(vendor.dataCategories)}</dd>
        <dt>Roles in the register</dt>
        <dd>
          {vendor.roles.length ? (
            <ul>
              {vendor.roles.map((role, index) => (
                <li key={index}>
                  {role.role} for “{role.activity}” ({role.organisation}){role.purpose ? `: ${role.purpose}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            'None: no activity is linked to this vendor.'
          )}
        </dd>
        <dt>Engages</dt>
        <dd>{listText(vendor.subProcessors.map((sub) => `${sub.name}${sub.service ? ` (${sub.service})` : ''}`), 'No sub-processor recorded')}</dd>
        <dt>Engaged by</dt>
        <dd>{listText(vendor.subProcessorOf.map((parent) => `${parent.name}${parent.service ? ` (${parent.service})` : ''}`), 'No vendor')}</dd>
        <dt>Reach</dt>
        <dd>
          Organisations: {listText(vendor.reach.organisations)}. Data subjects: {listText(vendor.reach.dataSubjects)}. Data:{' '}
          {listText(vendor.reach.dataCategories)}. Countries: {listText(vendor.reach.countries)}.
          {vendor.reach.indirectActivities ? ` Also ${vendor.reach.indirectActivities} activities through the vendors that engage it.` : ''}
        </dd>
        {vendor.notes ? (
          <>
            <dt>Notes</dt>
            <dd>{vendor.notes}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
