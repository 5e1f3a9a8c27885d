/**
 * Controlled vocabularies of the register. Codes are stable identifiers stored in the workspace;
 * labels and citations are for people. Sources: GDPR Art. 6(1), Art. 9(2), Art. 10, Chapter V;
 * data-category checkboxes of the CNIL record template.
 */

export const lawfulBases = [
  { code: 'consent', label: 'Consent', citation: 'GDPR Art. 6(1)(a)' },
  { code: 'contract', label: 'Contract', citation: 'GDPR Art. 6(1)(b)' },
  { code: 'legal-obligation', label: 'Legal obligation', citation: 'GDPR Art. 6(1)(c)' },
  { code: 'vital-interests', label: 'Vital interests', citation: 'GDPR Art. 6(1)(d)' },
  { code: 'public-task', label: 'Public task', citation: 'GDPR Art. 6(1)(e)' },
  { code: 'legitimate-interests', label: 'Legitimate interests', citation: 'GDPR Art. 6(1)(f)' },
] as const;
export type LawfulBasis = (typeof lawfulBases)[number]['code'];
export const lawfulBasisCodes = lawfulBases.map((basis) => basis.code) as [LawfulBasis, ...LawfulBasis[]];

export const dataCategories = [
  { code: 'identity', label: 'Identity' },
  { code: 'contact', label: 'Contact details' },
  { code: 'personal-life', label: 'Personal life' },
  { code: 'professional-life', label: 'Professional life' },
  { code: 'financial', label: 'Economic and financial' },
  { code: 'connection', label: 'Connection data' },
  { code: 'location', label: 'Location' },
  { code: 'internet-cookies', label: 'Internet and cookies' },
  { code: 'communications', label: 'Communications content' },
  { code: 'audio-recordings', label: 'Audio recordings' },
  { code: 'credentials', label: 'Credentials' },
  { code: 'id-documents', label: 'Identity documents' },
  { code: 'special-category', label: 'Special category (Art. 9)' },
  { code: 'criminal', label: 'Criminal offences (Art. 10)' },
  { code: 'children', label: "Children's data" },
] as const;
export type DataCategory = (typeof dataCategories)[number]['code'];
export const dataCategoryCodes = dataCategories.map((category) => category.code) as [DataCategory, ...DataCategory[]];

/** Conditions that lift the Art. 9(1) ban on processing special categories of personal data. */
export const art9Conditions = [
  { code: 'explicit-consent', label: 'Explicit consent', citation: 'GDPR Art. 9(2)(a)' },
  { code: 'employment', label: 'Employment and social security law', citation: 'GDPR Art. 9(2)(b)' },
  { code: 'vital-interests', label: 'Vital interests, consent impossible', citation: 'GDPR Art. 9(2)(c)' },
  { code: 'not-for-profit', label: 'Not-for-profit body, members', citation: 'GDPR Art. 9(2)(d)' },
  { code: 'made-public', label: 'Made manifestly public by the data subject', citation: 'GDPR Art. 9(2)(e)' },
  { code: 'legal-claims', label: 'Legal claims or courts', citation: 'GDPR Art. 9(2)(f)' },
  { code: 'substantial-public-interest', label: 'Substantial public interest', citation: 'GDPR Art. 9(2)(g)' },
  { code: 'health-care', label: 'Health or social care', citation: 'GDPR Art. 9(2)(h)' },
  { code: 'public-health', label: 'Public health', citation: 'GDPR Art. 9(2)(i)' },
  { code: 'archiving-research', label: 'Archiving, research or statistics', citation: 'GDPR Art. 9(2)(j)' },
] as const;
export type Art9Condition = (typeof art9Conditions)[number]['code'];
export const art9ConditionCodes = art9Conditions.map((condition) => condition.code) as [Art9Condition, ...Art9Condition[]];

/** Art. 10: criminal-offence data only under official authority or where Union or Member State law authorises it. */
export const art10Bases = [
  { code: 'official-authority', label: 'Under the control of official authority', citation: 'GDPR Art. 10' },
  { code: 'authorised-by-law', label: 'Authorised by Union or Member State law', citation: 'GDPR Art. 10' },
] as const;
export type Art10Basis = (typeof art10Bases)[number]['code'];
export const art10BasisCodes = art10Bases.map((basis) => basis.code) as [Art10Basis, ...Art10Basis[]];

/** EEA member states (ISO 3166-1 alpha-2): a transfer anywhere else is a Chapter V transfer. */
export const eeaCountries: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT',
  'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);
export const isThirdCountry = (country: string): boolean => !eeaCountries.has(country.slice(0, 2));

export const recipientKinds = ['internal', 'external', 'processor'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

export const transferMechanisms = [
  { code: 'adequacy', label: 'Adequacy decision', citation: 'GDPR Art. 45' },
  { code: 'sccs', label: 'Standard contractual clauses', citation: 'GDPR Art. 46(2)(c)' },
  { code: 'dpf', label: 'EU-US Data Privacy Framework', citation: 'Commission Implementing Decision (EU) 2023/1795' },
  { code: 'bcrs', label: 'Binding corporate rules', citation: 'GDPR Art. 47' },
  { code: 'art49', label: 'Art. 49 derogation', citation: 'GDPR Art. 49(1)' },
] as const;
export type TransferMechanism = (typeof transferMechanisms)[number]['code'];
export const transferMechanismCodes = transferMechanisms.map((mechanism) => mechanism.code) as [
  TransferMechanism,
  ...TransferMechanism[],
];

export const processorRoles = [
  { code: 'processor', label: 'Processor' },
  { code: 'sub-processor', label: 'Sub-processor' },
  { code: 'joint-controller', label: 'Joint controller' },
  { code: 'independent-controller', label: 'Independent controller' },
] as const;
export type ProcessorRole = (typeof processorRoles)[number]['code'];
export const processorRoleCodes = processorRoles.map((role) => role.code) as [ProcessorRole, ...ProcessorRole[]];

export const organisationRoles = ['controller', 'processor', 'both'] as const;
export type OrganisationRole = (typeof organisationRoles)[number];

export const activityStatuses = ['active', 'draft', 'retired'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/** Looks up the label of a vocabulary code, falling back to the code itself for user additions. */
export function labelOf(vocabulary: ReadonlyArray<{ code: string; label: string }>, code: string): string {
  return vocabulary.find((entry) => entry.code === code)?.label ?? code;
}

/** Rights of the data subject (GDPR Chapter III), for the ICO template's "rights available" column. */
export const dataSubjectRights = [
  { code: 'information', label: 'To be informed', citation: 'GDPR Art. 13–14' },
  { code: 'access', label: 'Access', citation: 'GDPR Art. 15' },
  { code: 'rectification', label: 'Rectification', citation: 'GDPR Art. 16' },
  { code: 'erasure', label: 'Erasure', citation: 'GDPR Art. 17' },
  { code: 'restriction', label: 'Restriction', citation: 'GDPR Art. 18' },
  { code: 'portability', label: 'Data portability', citation: 'GDPR Art. 20' },
  { code: 'objection', label: 'Objection', citation: 'GDPR Art. 21' },
  { code: 'automated-decisions', label: 'Not subject to solely automated decisions', citation: 'GDPR Art. 22' },
  { code: 'withdraw-consent', label: 'Withdraw consent', citation: 'GDPR Art. 7(3)' },
] as const;
export type DataSubjectRight = (typeof dataSubjectRights)[number]['code'];
export const dataSubjectRightCodes = dataSubjectRights.map((right) => right.code) as [DataSubjectRight, ...DataSubjectRight[]];

/** The ICO template's "DPIA required?" answers; "to-assess" means the screening is not done. */
export const dpiaRequiredAnswers = ['yes', 'no', 'to-assess'] as const;
export const dpiaProgressSteps = ['not-started', 'in-progress', 'complete'] as const;

/** What a retention period is counted from. */
export const retentionStarts = [
  { code: 'collection', label: 'collection of the data' },
  { code: 'call', label: 'the call' },
  { code: 'ticket-closure', label: 'closure of the linked ticket' },
  { code: 'end-of-contract', label: 'the end of the contract' },
  { code: 'end-of-relationship', label: 'the end of the relationship' },
  { code: 'last-activity', label: 'the last activity' },
] as const;
export type RetentionStart = (typeof retentionStarts)[number]['code'];
export const retentionStartCodes = retentionStarts.map((start) => start.code) as [RetentionStart, ...RetentionStart[]];

/** ISO 3166-1 alpha-2 codes of every country and territory (249). Names come from Intl.DisplayNames. */
export const isoCountryCodes: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** A term the user added to a vocabulary: "x-" and a slug of its label, e.g. "x-loyalty-card-data". */
export const customCodePattern = /^x-[a-z0-9]+(-[a-z0-9]+)*$/;
export type CustomCode = `x-${string}`;
export const isCustomCode = (value: string): value is CustomCode => customCodePattern.test(value);
/** The code a new term gets from its label. */
export const customCodeOf = (label: string): CustomCode =>
  `x-${label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'term'}`;

/** The vocabularies the register uses, each extensible with the workspace's own terms. */
export const vocabularyKinds = [
  { code: 'lawful-basis', label: 'Lawful bases (Art. 6)' },
  { code: 'art9-condition', label: 'Special-category conditions (Art. 9)' },
  { code: 'art10-basis', label: 'Criminal-offence data bases (Art. 10)' },
  { code: 'data-category', label: 'Categories of personal data' },
  { code: 'data-subject-category', label: 'Categories of data subjects' },
  { code: 'recipient-category', label: 'Categories of recipients' },
  { code: 'country', label: 'Countries and territories (ISO 3166)' },
  { code: 'transfer-mechanism', label: 'Transfer mechanisms (Chapter V)' },
] as const;
export type VocabularyKind = (typeof vocabularyKinds)[number]['code'];
export const vocabularyKindCodes = vocabularyKinds.map((kind) => kind.code) as [VocabularyKind, ...VocabularyKind[]];

export interface VocabularyTerm {
  code: string;
  label: string;
  citation?: string | undefined;
  /** True for a term the workspace added. */
  custom?: boolean;
  /** Data categories: whether the category is special-category (Art. 9) or criminal-offence (Art. 10) data. */
  special?: 'art9' | 'art10' | null;
  /** Recipient categories: the kind of recipient. */
  recipientKind?: RecipientKind;
}
export type Vocabulary = Record<VocabularyKind, VocabularyTerm[]>;

/** A term as the workspace stores it. */
export interface CustomTerm {
  kind: VocabularyKind;
  code: string;
  label: string;
  citation: string | null;
  special: 'art9' | 'art10' | null;
  recipientKind: RecipientKind | null;
}

const starterDataSubjects = ['Customers', 'Prospective customers', 'Employees', 'Job applicants', 'Contractors', 'Suppliers', 'Website visitors', 'Users of the service', 'Children', 'Callers'];
const starterRecipients: Array<{ label: string; kind: RecipientKind }> = [
  { label: 'Internal departments', kind: 'internal' },
  { label: 'Group companies', kind: 'internal' },
  { label: 'Processors (service providers)', kind: 'processor' },
  { label: 'Public authorities', kind: 'external' },
  { label: 'Professional advisers', kind: 'external' },
  { label: 'Banks and payment providers', kind: 'external' },
];

const countryNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  } catch {
    return null;
  }
})();
/** The English name of an ISO 3166 code ("US-TX" gives the country's), or the code itself. */
export const countryName = (code: string): string => countryNames?.of(code.slice(0, 2)) ?? code;

/** The built-in terms, then the workspace's own, kind by kind. */
export function mergeVocabulary(custom: readonly CustomTerm[]): Vocabulary {
  const own = (kind: VocabularyKind): VocabularyTerm[] =>
    custom
      .filter((term) => term.kind === kind)
      .map((term) => ({ code: term.code, label: term.label, citation: term.citation ?? undefined, custom: true, special: term.special, ...(term.recipientKind ? { recipientKind: term.recipientKind } : {}) }));
  return {
    'lawful-basis': [...lawfulBases, ...own('lawful-basis')],
    'art9-condition': [...art9Conditions, ...own('art9-condition')],
    'art10-basis': [...art10Bases, ...own('art10-basis')],
    'data-category': [
      ...dataCategories.map((category) => ({ ...category, special: category.code === 'special-category' ? ('art9' as const) : category.code === 'criminal' ? ('art10' as const) : null })),
      ...own('data-category'),
    ],
    'data-subject-category': [...starterDataSubjects.map((label) => ({ code: label, label })), ...own('data-subject-category')],
    'recipient-category': [...starterRecipients.map((entry) => ({ code: entry.label, label: entry.label, recipientKind: entry.kind })), ...own('recipient-category')],
    country: [...isoCountryCodes.map((code) => ({ code, label: countryName(code) })).sort((a, b) => a.label.localeCompare(b.label)), ...own('country')],
    'transfer-mechanism': [...transferMechanisms, ...own('transfer-mechanism')],
  };
}

/**
 * The first value that is neither a built-in code nor a term of the workspace, as the field it is
 * in and what is wrong; null when every value is known. Countries may carry a subdivision ("US-TX").
 */
export function findUnknownTerm(vocabulary: Vocabulary, values: ReadonlyArray<{ field: string; kind: VocabularyKind; code: string | null }>): { field: string; message: string } | null {
  for (const { field, kind, code } of values) {
    if (code === null) continue;
    const terms = vocabulary[kind];
    const known = kind === 'country' ? terms.some((term) => term.code === code || term.code === code.slice(0, 2)) : terms.some((term) => term.code === code);
    if (!known) {
      const label = vocabularyKinds.find((entry) => entry.code === kind)!.label.toLowerCase();
      return { field, message: `${field}: "${code}" is not in the ${label}${kind === 'country' ? '' : ' (add it to the vocabulary first)'}` };
    }
  }
  return null;
}
