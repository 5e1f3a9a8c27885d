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
