import type { ProcessorDetail } from '../../../core/contract';
import type { BuiltReport } from '../../../core/reports/model';
import type { VendorEntry, VendorsData } from '../../../core/reports/vendors';
import { labelOf, processorRoles } from '../../../core/register/vocabularies';
import { listProcessors } from '../../../db/repositories/processors';
import type { Db } from '../../../db/types';
import { processorHandlers } from '../../processors';
import { vocabularyOf } from '../../vocabulary';
import { organisationsText, placeText } from './ropa';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The vendor register: each processor's roles, countries, agreements, sub-processors and reach, as the vendor screen shows them. */
export function buildVendorsReport(db: Db, _options: Record<string, never>, now: string): BuiltReport<VendorsData> {
  const today = now.slice(0, 10);
  const vocabulary = vocabularyOf(db);
  // The vendor screen's own reading (reach through sub-processors included), on this connection; it writes nothing.
  const detail = processorHandlers({ db: () => db, actor: 'report', now: () => now, newId: () => '' }).getProcessor;
  const vendors: VendorEntry[] = listProcessors(db)
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((processor) => {
      // getProcessor answers synchronously (the handler map's type also allows handlers that await).
      const full = detail({ id: processor.id }) as ProcessorDetail;
      const hasAgreement = Boolean(full.dpaReference || full.dpaSignedOn);
      return {
        id: full.id,
        name: full.name,
        service: full.service,
        countries: full.countries.map(placeText),
        dataCategories: full.dataCategories.map((code) => labelOf(vocabulary['data-category'], code)),
        transferMechanism: full.transferMechanism ? labelOf(vocabulary['transfer-mechanism'], full.transferMechanism) : null,
        transferMechanismDate: full.transferMechanismDate,
        agreement: {
          reference: full.dpaReference,
          signedOn: full.dpaSignedOn,
          expiresOn: full.dpaExpiresOn,
          state: !hasAgreement ? 'missing' : full.dpaExpiresOn && full.dpaExpiresOn < today ? 'expired' : 'valid',
        },
        security: { assessedOn: full.securityAssessedOn, outcome: full.securityOutcome },
        review: { cycleMonths: full.reviewCycleMonths, nextReviewOn: full.nextReviewOn, overdue: Boolean(full.nextReviewOn && full.nextReviewOn < today) },
        toVerify: full.toVerify,
        roles: full.activities
          .map((activity) => ({ activity: activity.name, organisation: activity.organisationName, role: labelOf(processorRoles, activity.role), purpose: activity.purpose }))
          .sort((a, b) => collator.compare(a.organisation, b.organisation) || collator.compare(a.activity, b.activity)),
        subProcessors: full.subProcessors.map((sub) => ({ name: sub.name, service: sub.service, countries: sub.countries.map(placeText) })),
        subProcessorOf: full.subProcessorOf.map((parent) => ({ name: parent.name, service: parent.service })),
        reach: {
          organisations: full.reach.organisations,
          dataCategories: full.reach.dataCategories.map((code) => labelOf(vocabulary['data-category'], code)),
          dataSubjects: full.reach.dataSubjects.map((code) => labelOf(vocabulary['data-subject-category'], code)),
          countries: full.reach.countries.map(placeText),
          indirectActivities: full.indirectActivities.length,
        },
        notes: full.notes,
      };
    });
  const join = (values: readonly string[]) => values.join('; ');
  return {
    snapshot: {
      kind: 'vendors',
      data: { assessedOn: today, vendors },
      tables: [
        {
          name: 'vendors',
          columns: [
            'Vendor ID', 'Vendor', 'Service', 'Countries', 'Data categories', 'Transfer safeguard', 'Safeguard date', 'Agreement', 'Agreement state',
            'Signed on', 'Expires on', 'Security assessed on', 'Security outcome', 'Review cycle (months)', 'Next review', 'To verify', 'Activities',
            'Organisations reached', 'Countries reached',
          ],
          rows: vendors.map((vendor) => [
            vendor.id,
            vendor.name,
            vendor.service ?? '',
            join(vendor.countries),
            join(vendor.dataCategories),
            vendor.transferMechanism ?? '',
            vendor.transferMechanismDate ?? '',
            vendor.agreement.reference ?? '',
            vendor.agreement.state,
            vendor.agreement.signedOn ?? '',
            vendor.agreement.expiresOn ?? '',
            vendor.security.assessedOn ?? '',
            vendor.security.outcome ?? '',
            vendor.review.cycleMonths === null ? '' : String(vendor.review.cycleMonths),
            vendor.review.nextReviewOn ?? '',
            vendor.toVerify ? 'yes' : 'no',
            String(vendor.roles.length),
            join(vendor.reach.organisations),
            join(vendor.reach.countries),
          ]),
        },
        {
          name: 'vendor-roles',
          columns: ['Vendor', 'Organisation', 'Processing activity', 'Role', 'Purpose'],
          rows: vendors.flatMap((vendor) => vendor.roles.map((role) => [vendor.name, role.organisation, role.activity, role.role, role.purpose])),
        },
        {
          name: 'sub-processors',
          columns: ['Vendor', 'Sub-processor', 'Service', 'Countries'],
          rows: vendors.flatMap((vendor) => vendor.subProcessors.map((sub) => [vendor.name, sub.name, sub.service ?? '', join(sub.countries)])),
        },
      ],
    },
    organisation: organisationsText([...new Set(vendors.flatMap((vendor) => vendor.reach.organisations))].sort(collator.compare)),
    scope: `Every processor and vendor in the workspace's register, with its roles, agreements and sub-processors; agreements and reviews judged on ${today}.`,
    filters: [],
  };
}
