import type { BuiltReport, ReportTable } from '../../../core/reports/model';
import type { RopaActivity, RopaData, RopaOrganisation } from '../../../core/reports/ropa';
import { assessActivity, type ProcessorFacts } from '../../../core/register/completeness';
import { countryName, labelOf, processorRoles } from '../../../core/register/vocabularies';
import { listActivityRecords } from '../../../db/repositories/activities';
import { listOrganisations } from '../../../db/repositories/organisations';
import { listProcessors } from '../../../db/repositories/processors';
import type { Db } from '../../../db/types';
import { specialCategoriesOf, vocabularyOf } from '../../vocabulary';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
export const placeText = (code: string): string => `${countryName(code)} (${code})`;

/** Names the organisation(s) a report is about, for its cover. */
export function organisationsText(names: readonly string[]): string {
  if (names.length === 0) return 'No organisation recorded';
  if (names.length === 1) return names[0]!;
  return `${names.length} organisations: ${names.join(', ')}`;
}

/**
 * The controller register (Art. 30(1)): every activity of every organisation acting as a
 * controller, each field with its label, and its gaps as the register screen assesses them.
 */
export function buildRopaReport(db: Db, _options: Record<string, never>, now: string): BuiltReport<RopaData> {
  const today = now.slice(0, 10);
  const vocabulary = vocabularyOf(db);
  const specials = specialCategoriesOf(vocabulary);
  const processors = new Map<string, ProcessorFacts>(listProcessors(db).map((processor) => [processor.id, processor]));
  const organisations = listOrganisations(db);
  const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  const records = listActivityRecords(db).sort((a, b) => collator.compare(a.name, b.name));
  const label = (kind: keyof typeof vocabulary, code: string | null) => (code === null ? null : labelOf(vocabulary[kind], code));

  const activitiesOf = new Map<string, RopaActivity[]>();
  for (const activity of records) {
    const gaps = assessActivity(activity, processors, today, specials, byId.get(activity.organisationId)).gaps;
    const dpia = [
      activity.dpiaRequired ? `required: ${activity.dpiaRequired}` : null,
      activity.dpiaProgress ? `progress: ${activity.dpiaProgress}` : null,
      activity.dpiaLink,
    ].filter((part): part is string => Boolean(part));
    const entry: RopaActivity = {
      id: activity.id,
      name: activity.name,
      businessFunction: activity.businessFunction,
      status: activity.status,
      purposes: activity.purposes,
      lawfulBasis: label('lawful-basis', activity.lawfulBasis),
      legitimateInterests: activity.legitimateInterests,
      art9Condition: label('art9-condition', activity.art9Condition),
      art10Basis: label('art10-basis', activity.art10Basis),
      dataSubjects: activity.dataSubjectCategories.map((code) => labelOf(vocabulary['data-subject-category'], code)),
      dataCategories: activity.dataCategories.map((code) => labelOf(vocabulary['data-category'], code)),
      recipients: activity.recipients.map((recipient) => ({ name: recipient.name, kind: recipient.kind })),
      processors: activity.processors.map((link) => ({ name: link.processorName, role: labelOf(processorRoles, link.role), purpose: link.purpose })),
      transfers: activity.transfers.map((transfer) => ({
        country: transfer.country ? placeText(transfer.country) : 'Country not named',
        mechanism: label('transfer-mechanism', transfer.mechanism),
        mechanismDate: transfer.mechanismDate,
        note: transfer.note,
      })),
      retention: activity.retention,
      retentionRule: activity.retentionRuleName,
      securityMeasures: activity.securityMeasures,
      jointController: activity.jointController,
      dpia: dpia.length ? dpia.join('; ') : null,
      source: activity.source,
      updatedAt: activity.updatedAt,
      gaps: gaps.map((gap) => ({ citation: gap.citation, message: gap.message })),
    };
    activitiesOf.set(activity.organisationId, [...(activitiesOf.get(activity.organisationId) ?? []), entry]);
  }

  const included: RopaOrganisation[] = organisations
    .filter((organisation) => organisation.role !== 'processor' || activitiesOf.has(organisation.id))
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((organisation) => ({
      id: organisation.id,
      name: organisation.name,
      legalName: organisation.legalName,
      role: organisation.role,
      country: organisation.country ? placeText(organisation.country) : null,
      address: organisation.address,
      contactEmail: organisation.contactEmail,
      dpoContact: organisation.dpoContact,
      representative: organisation.representative,
      activities: activitiesOf.get(organisation.id) ?? [],
    }));
  const all = included.flatMap((organisation) => organisation.activities.map((activity) => ({ organisation, activity })));
  const data: RopaData = {
    assessedOn: today,
    organisations: included,
    totals: {
      activities: all.length,
      withGaps: all.filter(({ activity }) => activity.gaps.length).length,
      gaps: all.reduce((sum, { activity }) => sum + activity.gaps.length, 0),
    },
  };
  const join = (values: readonly string[]) => values.join('; ');
  const tables: ReportTable[] = [
    {
      name: 'activities',
      columns: [
        'Record ID', 'Organisation', 'Processing activity', 'Business function', 'Status', 'Purposes', 'Lawful basis', 'Legitimate interests',
        'Art. 9 condition', 'Art. 10 basis', 'Data subjects', 'Personal data', 'Recipients', 'Processors', 'Transfers', 'Retention', 'Retention rule',
        'Security measures', 'Joint controller', 'DPIA', 'Source', 'Last updated', 'Gaps',
      ],
      rows: all.map(({ organisation, activity }) => [
        activity.id,
        organisation.name,
        activity.name,
        activity.businessFunction ?? '',
        activity.status,
        join(activity.purposes),
        activity.lawfulBasis ?? '',
        activity.legitimateInterests ?? '',
        activity.art9Condition ?? '',
        activity.art10Basis ?? '',
        join(activity.dataSubjects),
        join(activity.dataCategories),
        join(activity.recipients.map((recipient) => `${recipient.name} (${recipient.kind})`)),
        join(activity.processors.map((processor) => `${processor.name} (${processor.role})`)),
        join(activity.transfers.map((transfer) => `${transfer.country}: ${transfer.mechanism ?? 'no safeguard'}`)),
        activity.retention ?? '',
        activity.retentionRule ?? '',
        activity.securityMeasures ?? '',
        activity.jointController ?? '',
        activity.dpia ?? '',
        activity.source ?? '',
        activity.updatedAt,
        String(activity.gaps.length),
      ]),
    },
    {
      name: 'gaps',
      columns: ['Record ID', 'Organisation', 'Processing activity', 'Citation', 'What is missing'],
      rows: all.flatMap(({ organisation, activity }) => activity.gaps.map((gap) => [activity.id, organisation.name, activity.name, gap.citation, gap.message])),
    },
  ];
  return {
    snapshot: { kind: 'ropa', data, tables },
    organisation: organisationsText(included.map((organisation) => organisation.name)),
    scope: `Every processing activity recorded for the controllers in the workspace (all statuses), with the gaps assessed on ${today}.`,
    filters: [],
  };
}
