import type { Activity, ActivityInput } from './model';
import { activityStatuses, dataSubjectRights, dpiaProgressSteps, dpiaRequiredAnswers, findUnknownTerm, mergeVocabulary, recipientKinds, type Vocabulary } from './vocabularies';

const builtinVocabulary = mergeVocabulary([]);

/**
 * The register as a table, in the column layout of the UK ICO's controller record template (its
 * headings, in its order, for the items this workbench keeps), plus the workbench's own columns:
 * record ID (so that re-importing updates instead of duplicating), controller, activity name,
 * Art. 10 basis and status. Pure: parsing CSV or XLSX is the service's job.
 */
/** File formats of register import and export (XLSX is named so that it can be refused clearly). */
export const registerFileFormats = ['csv', 'json', 'xlsx'] as const;
export type RegisterFileFormat = (typeof registerFileFormats)[number];

/** The format a file name's extension names, or null. */
export function registerFormatOf(fileName: string): RegisterFileFormat | null {
  const extension = fileName.toLowerCase().split('.').pop();
  return registerFileFormats.find((format) => format === extension) ?? null;
}

export interface RegisterColumn {
  header: string;
  /** Other headings accepted on import (normalised). */
  aliases?: string[];
}

export const registerColumns = {
  id: { header: 'Record ID' },
  controller: { header: 'Controller', aliases: ['organisation', 'organization'] },
  name: { header: 'Processing activity', aliases: ['name', 'activity', 'activity name'] },
  businessFunction: { header: 'Business function' },
  purposes: { header: 'Purpose of processing', aliases: ['purposes', 'purpose'] },
  jointController: { header: 'Name and contact details of joint controller (if applicable)', aliases: ['joint controller'] },
  dataSubjects: { header: 'Categories of individuals', aliases: ['categories of data subjects', 'data subjects'] },
  dataCategories: { header: 'Categories of personal data', aliases: ['personal data'] },
  recipients: { header: 'Categories of recipients', aliases: ['recipients'] },
  countries: { header: 'Names of third countries or international organisations that personal data are transferred to (if applicable)' },
  safeguards: { header: 'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)' },
  retention: { header: 'Retention schedule (if possible)', aliases: ['retention', 'time limits for erasure'] },
  security: { header: 'General description of technical and organisational security measures (if possible)', aliases: ['security measures'] },
  lawfulBasis: { header: 'Article 6 lawful basis for processing personal data', aliases: ['lawful basis'] },
  art9: { header: 'Article 9 basis for processing special category data', aliases: ['article 9 condition'] },
  legitimateInterests: { header: 'Legitimate interests for the processing (if applicable)', aliases: ['legitimate interests'] },
  liaLink: { header: 'Link to record of legitimate interests assessment (if applicable)', aliases: ['lia link', 'link to lia'] },
  rights: { header: 'Rights available to individuals', aliases: ['rights available'] },
  automatedDecisions: { header: 'Existence of automated decision-making, including profiling (if applicable)', aliases: ['automated decision making'] },
  art10: { header: 'Article 10 basis for processing criminal offence data' },
  source: { header: 'The source of the personal data (if applicable)', aliases: ['source', 'source of the personal data'] },
  consentLink: { header: 'Link to record of consent', aliases: ['consent record link'] },
  dataLocation: { header: 'Location of personal data', aliases: ['data location'] },
  dpiaRequired: { header: 'Data Protection Impact Assessment required?', aliases: ['dpia required'] },
  dpiaProgress: { header: 'Data Protection Impact Assessment progress', aliases: ['dpia progress'] },
  dpiaLink: { header: 'Link to Data Protection Impact Assessment', aliases: ['dpia link', 'link to dpia'] },
  breachOccurred: { header: 'Personal data breach?', aliases: ['has a breach occurred', 'breach occurred'] },
  breachLink: { header: 'Link to record of personal data breach', aliases: ['breach link'] },
  retentionPolicyLink: { header: 'Link to retention & erasure policy document', aliases: ['retention policy link', 'link to retention policy'] },
  retainedPerPolicy: {
    header: 'Is personal data retained & erased in accordance with the retention policy document?',
    aliases: ['retained per policy', 'is personal data retained and erased in accordance with the policy document'],
  },
  retentionDeviation: { header: 'Reasons for not adhering to retention policy document (if applicable)', aliases: ['if not explain why', 'retention deviation'] },
  retentionRule: { header: 'Retention rule', aliases: ['retention rule name'] },
  status: { header: 'Status' },
  // The CNIL record template's dates; written on export, never read back (the workbench keeps them).
  createdAt: { header: 'Date created', aliases: ['created'] },
  updatedAt: { header: 'Date last updated', aliases: ['last updated', 'updated'] },
} satisfies Record<string, RegisterColumn>;
export type RegisterColumnKey = keyof typeof registerColumns;
export const registerColumnKeys = Object.keys(registerColumns) as RegisterColumnKey[];

/** Lower case, "(if applicable)"-style notes and punctuation removed: how headings are compared. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/\((if applicable|if possible)\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Which column each heading of a file is, by name (never by position); unknown headings are ignored. */
export function matchHeaders(headers: readonly string[]): { byKey: Partial<Record<RegisterColumnKey, number>>; ignored: string[] } {
  const lookup = new Map<string, RegisterColumnKey>();
  for (const key of registerColumnKeys) {
    const column: RegisterColumn = registerColumns[key];
    for (const name of [column.header, ...(column.aliases ?? [])]) lookup.set(normaliseHeader(name), key);
  }
  const byKey: Partial<Record<RegisterColumnKey, number>> = {};
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const key = lookup.get(normaliseHeader(header));
    if (key && byKey[key] === undefined) byKey[key] = index;
    else if (header.trim()) ignored.push(header);
  });
  return { byKey, ignored };
}

/** Vocabulary lists (categories, countries, safeguards): one per line, or separated by semicolons. */
const splitList = (cell: string) => cell.split(/\r?\n|;/).map((item) => item.trim()).filter(Boolean);
/** Free-text items (purposes, data subjects, recipients) may contain semicolons: one per line only. */
const splitLines = (cell: string) => cell.split(/\r?\n/).map((item) => item.trim()).filter(Boolean);
const findCode = <Code extends string>(vocabulary: ReadonlyArray<{ code: Code; label: string }>, text: string): Code | undefined => {
  const wanted = normaliseHeader(text);
  return vocabulary.find((entry) => normaliseHeader(entry.code) === wanted || normaliseHeader(entry.label) === wanted)?.code;
};

export interface ParsedRow {
  /** 1-based row number in the file, counting the heading row as row 1. */
  row: number;
  id: string | null;
  controller: string | null;
  /** The activity, without its organisation id (the caller resolves the controller). */
  fields: Omit<ActivityInput, 'organisationId'>;
  /** The columns the file has: on an update, the others keep their stored values. */
  columns: RegisterColumnKey[];
  /** True when the row carries whole transfers (JSON), not just a table's countries and safeguards. */
  wholeTransfers?: boolean;
  /** The retention rule a table row names; the caller resolves it to `fields.retentionRuleId`. */
  retentionRuleName?: string | null;
}

/** Which stored fields each column carries. */
export const fieldsOfColumn: Partial<Record<RegisterColumnKey, Array<keyof Omit<ActivityInput, 'organisationId'>>>> = {
  name: ['name'],
  businessFunction: ['businessFunction'],
  purposes: ['purposes'],
  dataSubjects: ['dataSubjectCategories'],
  dataCategories: ['dataCategories'],
  recipients: ['recipients'],
  countries: ['transfers'],
  retention: ['retention'],
  security: ['securityMeasures'],
  lawfulBasis: ['lawfulBasis'],
  art9: ['art9Condition'],
  art10: ['art10Basis'],
  status: ['status'],
  source: ['source'],
  jointController: ['jointController'],
  legitimateInterests: ['legitimateInterests'],
  liaLink: ['liaLink'],
  rights: ['rightsAvailable'],
  automatedDecisions: ['automatedDecisionMaking'],
  consentLink: ['consentRecordLink'],
  dataLocation: ['dataLocation'],
  dpiaRequired: ['dpiaRequired'],
  dpiaProgress: ['dpiaProgress'],
  dpiaLink: ['dpiaLink'],
  breachOccurred: ['breachOccurred'],
  breachLink: ['breachLink'],
  retentionPolicyLink: ['retentionPolicyLink'],
  retainedPerPolicy: ['retainedPerPolicy'],
  retentionDeviation: ['retentionDeviation'],
  retentionRule: ['retentionRuleId'],
};

/**
 * The stored record updated from an imported row: fields whose column the file lacks keep their
 * value, and transfers the table cannot express (no country named) and transfer notes are kept.
 */
export function mergeImported(existing: Omit<ActivityInput, 'organisationId'>, parsed: ParsedRow): Omit<ActivityInput, 'organisationId'> {
  const merged = { ...existing };
  for (const column of parsed.columns) {
    for (const field of fieldsOfColumn[column] ?? []) (merged as Record<string, unknown>)[field] = parsed.fields[field];
  }
  if (parsed.wholeTransfers && parsed.columns.includes('countries')) merged.transfers = parsed.fields.transfers;
  if (parsed.columns.includes('countries') && !parsed.wholeTransfers) {
    // A table names countries and safeguards only. When the countries are the stored ones, in order,
    // the stored transfers (their notes, and those without a named country) are kept as they are.
    const named = existing.transfers.filter((transfer) => transfer.country !== null);
    const imported = parsed.fields.transfers;
    const sameCountries = named.length === imported.length && named.every((transfer, index) => transfer.country === imported[index]!.country);
    const withSafeguards = parsed.columns.includes('safeguards');
    if (sameCountries) {
      let index = 0;
      merged.transfers = existing.transfers.map((transfer) => {
        if (transfer.country === null) return transfer;
        const next = imported[index]!;
        index += 1;
        if (!withSafeguards) return transfer;
        return { ...transfer, mechanism: next.mechanism, mechanismDate: next.mechanismDate };
      });
    } else {
      merged.transfers = [...imported, ...existing.transfers.filter((transfer) => transfer.country === null)];
    }
  }
  return merged;
}

/** Reads one data row into activity fields, or says which column is wrong and why. */
export function parseRegisterRow(
  cells: readonly string[],
  byKey: Partial<Record<RegisterColumnKey, number>>,
  row: number,
  vocabulary: Vocabulary = builtinVocabulary,
): ParsedRow | { row: number; reason: string } {
  const cell = (key: RegisterColumnKey) => {
    const index = byKey[key];
    const text = index === undefined ? '' : (cells[index] ?? '').trim();
    // Undo neutraliseFormula: the apostrophe was only there to keep a spreadsheet from calculating.
    return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
  };
  const fail = (key: RegisterColumnKey, problem: string) => ({ row, reason: `${registerColumns[key].header}: ${problem}` });

  const name = cell('name');
  if (!name) return fail('name', 'is empty; every row needs the name of its processing activity');

  const categories: ActivityInput['dataCategories'] = [];
  for (const item of splitList(cell('dataCategories'))) {
    const code = findCode(vocabulary['data-category'], item);
    if (!code) return fail('dataCategories', `"${item}" is not a known category (use one of: ${vocabulary['data-category'].map((entry) => entry.label).join(', ')})`);
    categories.push(code as ActivityInput['dataCategories'][number]);
  }
  const recipients: ActivityInput['recipients'] = [];
  for (const item of splitLines(cell('recipients'))) {
    const match = /^(.*?)\s*\(([^)]*)\)$/.exec(item);
    const kind = match ? recipientKinds.find((entry) => entry === match[2]!.trim().toLowerCase()) : 'external';
    if (!kind) return fail('recipients', `"${item}": the kind in brackets must be internal, external or processor`);
    recipients.push({ name: match ? match[1]!.trim() : item, kind });
  }
  const countries = splitList(cell('countries')).map((country) => country.toUpperCase());
  const badCountry = countries.find((country) => !/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(country) || findUnknownTerm(vocabulary, [{ field: '', kind: 'country', code: country }]));
  if (badCountry) return fail('countries', `"${badCountry}" is not an ISO 3166 country code such as US`);
  const safeguards = splitList(cell('safeguards'));
  const mechanisms: ActivityInput['transfers'][number]['mechanism'][] = [];
  const mechanismDates: Array<string | null> = [];
  for (const item of safeguards) {
    if (/^none$/i.test(item)) {
      mechanisms.push(null);
      mechanismDates.push(null);
      continue;
    }
    // "Standard contractual clauses (2021-06-04)": the safeguard and its date.
    const dated = /^(.*?)\s*\((\d{4}-\d{2}-\d{2})\)$/.exec(item);
    const code = findCode(vocabulary['transfer-mechanism'], dated ? dated[1]! : item);
    if (!code) return fail('safeguards', `"${item}" is not a known safeguard (${vocabulary['transfer-mechanism'].map((entry) => entry.label).join(', ')})`);
    mechanisms.push(code as NonNullable<ActivityInput['transfers'][number]['mechanism']>);
    mechanismDates.push(dated ? dated[2]! : null);
  }
  if (mechanisms.length > 1 && mechanisms.length !== countries.length) {
    return fail('safeguards', `gives ${mechanisms.length} safeguards for ${countries.length} countries; give one for all, or one per country in the same order`);
  }
  const lawfulBasisText = cell('lawfulBasis');
  const lawfulBasis = (
    lawfulBasisText
      ? (findCode(vocabulary['lawful-basis'], lawfulBasisText) ??
        findCode(vocabulary['lawful-basis'], lawfulBasisText.replace(/^.*?(consent|contract|legal obligation|vital interests|public task|legitimate interests).*$/i, '$1')))
      : null
  ) as ActivityInput['lawfulBasis'] | undefined;
  if (lawfulBasis === undefined) return fail('lawfulBasis', `"${lawfulBasisText}" is not an Art. 6(1) basis (${vocabulary['lawful-basis'].map((entry) => entry.label).join(', ')})`);
  const art9Text = cell('art9');
  const art9Condition = (art9Text ? findCode(vocabulary['art9-condition'], art9Text) : null) as ActivityInput['art9Condition'] | undefined;
  if (art9Condition === undefined) return fail('art9', `"${art9Text}" is not an Art. 9(2) condition`);
  const art10Text = cell('art10');
  const art10Basis = (art10Text ? findCode(vocabulary['art10-basis'], art10Text) : null) as ActivityInput['art10Basis'] | undefined;
  if (art10Basis === undefined) return fail('art10', `"${art10Text}" is not an Art. 10 basis`);
  const rights: ActivityInput['rightsAvailable'] = [];
  for (const item of splitList(cell('rights'))) {
    const code = findCode(dataSubjectRights, item);
    if (!code) return fail('rights', `"${item}" is not a right of the data subject (${dataSubjectRights.map((entry) => entry.label).join(', ')})`);
    rights.push(code);
  }
  const answer = (key: RegisterColumnKey): boolean | null | undefined => {
    const text = cell(key).toLowerCase();
    if (!text) return null;
    if (/^(yes|y|true)$/.test(text)) return true;
    if (/^(no|n|false)$/.test(text)) return false;
    return undefined;
  };
  const breachOccurred = answer('breachOccurred');
  if (breachOccurred === undefined) return fail('breachOccurred', `"${cell('breachOccurred')}" must be Yes, No or empty`);
  const retainedPerPolicy = answer('retainedPerPolicy');
  if (retainedPerPolicy === undefined) return fail('retainedPerPolicy', `"${cell('retainedPerPolicy')}" must be Yes, No or empty`);
  const dpiaRequiredText = normaliseHeader(cell('dpiaRequired'));
  const dpiaRequired = dpiaRequiredText ? dpiaRequiredAnswers.find((entry) => normaliseHeader(entry) === dpiaRequiredText) : null;
  if (dpiaRequired === undefined) return fail('dpiaRequired', `"${cell('dpiaRequired')}" must be Yes, No or To assess`);
  const dpiaProgressText = normaliseHeader(cell('dpiaProgress'));
  const dpiaProgress = dpiaProgressText ? dpiaProgressSteps.find((entry) => normaliseHeader(entry) === dpiaProgressText) : null;
  if (dpiaProgress === undefined) return fail('dpiaProgress', `"${cell('dpiaProgress')}" must be Not started, In progress or Complete`);
  const statusText = cell('status').toLowerCase() || 'active';
  const status = activityStatuses.find((entry) => entry === statusText);
  if (!status) return fail('status', `"${cell('status')}" must be active, draft or retired`);

  return {
    row,
    // An empty status cell gives no status: a stored record keeps its own.
    columns: registerColumnKeys.filter((key) => byKey[key] !== undefined && !(key === 'status' && !cell('status'))),
    id: cell('id') || null,
    controller: cell('controller') || null,
    retentionRuleName: cell('retentionRule') || null,
    fields: {
      name,
      businessFunction: cell('businessFunction') || null,
      purposes: splitLines(cell('purposes')),
      lawfulBasis,
      art9Condition,
      art10Basis,
      dataSubjectCategories: splitLines(cell('dataSubjects')),
      dataCategories: [...new Set(categories)],
      recipients,
      transfers: countries.map((country, index) => {
        const at = mechanisms.length === 1 ? 0 : index;
        return { country, mechanism: mechanisms[at] ?? null, mechanismDate: mechanismDates[at] ?? null, note: null };
      }),
      retention: cell('retention') || null,
      securityMeasures: cell('security') || null,
      status,
      source: cell('source') || null,
      jointController: cell('jointController') || null,
      legitimateInterests: cell('legitimateInterests') || null,
      liaLink: cell('liaLink') || null,
      rightsAvailable: [...new Set(rights)],
      automatedDecisionMaking: cell('automatedDecisions') || null,
      consentRecordLink: cell('consentLink') || null,
      dataLocation: cell('dataLocation') || null,
      dpiaRequired,
      dpiaProgress,
      dpiaLink: cell('dpiaLink') || null,
      breachOccurred,
      breachLink: cell('breachLink') || null,
      retentionPolicyLink: cell('retentionPolicyLink') || null,
      retainedPerPolicy,
      retentionDeviation: cell('retentionDeviation') || null,
      // Resolved from `retentionRuleName` by the caller, which knows the workspace's rules.
      retentionRuleId: null,
    },
  };
}

const labelOfCode = (vocabulary: ReadonlyArray<{ code: string; label: string }>, code: string | null) =>
  code === null ? '' : (vocabulary.find((entry) => entry.code === code)?.label ?? code);

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'Yes' : 'No');
/** 'to-assess' as 'To assess'. */
const sentence = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replace(/-/g, ' ');

/** One activity as the cells of a table row, in the order of `registerColumnKeys`. */
export function registerRowOf(activity: Activity, vocabulary: Vocabulary = builtinVocabulary): string[] {
  const values: Record<RegisterColumnKey, string> = {
    id: activity.id,
    controller: activity.organisationName,
    name: activity.name,
    businessFunction: activity.businessFunction ?? '',
    purposes: activity.purposes.join('\n'),
    dataSubjects: activity.dataSubjectCategories.join('\n'),
    dataCategories: activity.dataCategories.map((code) => labelOfCode(vocabulary['data-category'], code)).join('\n'),
    recipients: activity.recipients.map((recipient) => `${recipient.name} (${recipient.kind})`).join('\n'),
    countries: activity.transfers.map((transfer) => transfer.country ?? '').filter(Boolean).join('\n'),
    safeguards: activity.transfers
      .filter((transfer) => transfer.country)
      .map((transfer) => {
        const label = labelOfCode(vocabulary['transfer-mechanism'], transfer.mechanism) || 'None';
        return transfer.mechanism && transfer.mechanismDate ? `${label} (${transfer.mechanismDate})` : label;
      })
      .join('\n'),
    retention: activity.retention ?? '',
    security: activity.securityMeasures ?? '',
    lawfulBasis: labelOfCode(vocabulary['lawful-basis'], activity.lawfulBasis),
    art9: labelOfCode(vocabulary['art9-condition'], activity.art9Condition),
    art10: labelOfCode(vocabulary['art10-basis'], activity.art10Basis),
    status: activity.status,
    source: activity.source ?? '',
    jointController: activity.jointController ?? '',
    legitimateInterests: activity.legitimateInterests ?? '',
    liaLink: activity.liaLink ?? '',
    rights: activity.rightsAvailable.map((code) => labelOfCode(dataSubjectRights, code)).join('\n'),
    automatedDecisions: activity.automatedDecisionMaking ?? '',
    consentLink: activity.consentRecordLink ?? '',
    dataLocation: activity.dataLocation ?? '',
    dpiaRequired: activity.dpiaRequired === null ? '' : sentence(activity.dpiaRequired),
    dpiaProgress: activity.dpiaProgress === null ? '' : sentence(activity.dpiaProgress),
    dpiaLink: activity.dpiaLink ?? '',
    breachOccurred: yesNo(activity.breachOccurred),
    breachLink: activity.breachLink ?? '',
    retentionPolicyLink: activity.retentionPolicyLink ?? '',
    retainedPerPolicy: yesNo(activity.retainedPerPolicy),
    retentionDeviation: activity.retentionDeviation ?? '',
    retentionRule: activity.retentionRuleName ?? '',
    createdAt: activity.createdAt.slice(0, 10),
    updatedAt: activity.updatedAt.slice(0, 10),
  };
  return registerColumnKeys.map((key) => values[key]);
}

export const registerHeaders = (): string[] => registerColumnKeys.map((key) => registerColumns[key].header);

/**
 * A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
 * is prefixed with an apostrophe, so that it is shown as text (CSV injection, OWASP).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
