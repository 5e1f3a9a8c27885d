import type { Activity, ActivityInput } from './model';
import { listColumns, noSafeguard, normaliseWords, proposeTerm, splitCell, termsOf, type ReviewColumn } from './importReview';
import { dataSubjectRights, mergeVocabulary, recipientKinds, type Vocabulary } from './vocabularies';

const builtinVocabulary = mergeVocabulary([]);

/**
 * The register as a table, in the column layout of the UK ICO's controller record template (its
 * headings, in its order, for the items this workbench keeps), plus the workbench's own columns:
 * record ID (so that re-importing updates instead of duplicating), controller, activity name,
 * Art. 10 basis and status. Pure: parsing CSV or XLSX is the service's job.
 */
/** File formats of register import and export (XLSX is named so that it can be refused clearly). */
export const registerFileFormats = ['csv', 'json', 'xlsx', 'ods'] as const;
/** What the register is exported as (ODS is read, not written). */
export const registerExportFormats = ['csv', 'json', 'xlsx'] as const;
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
  controller: { header: 'Controller', aliases: ['organisation', 'organization', 'controller name', 'name of controller', 'responsable du traitement', 'nom du responsable du traitement'] },
  name: { header: 'Processing activity', aliases: ['name', 'activity', 'activity name', 'name of processing', 'nom du traitement', 'traitement', 'activite de traitement', 'activite', 'nom de l activite', 'intitule du traitement', 'designation de l activite'] },
  businessFunction: { header: 'Business function', aliases: ['department', 'team', 'function', 'business area', 'service', 'direction', 'service concerne'] },
  purposes: { header: 'Purpose of processing', aliases: ['purposes', 'purpose', 'purposes of processing', 'purposes of the processing', 'finalite', 'finalites', 'finalite du traitement', 'finalites du traitement', 'finalite principale', 'objectif poursuivi'] },
  jointController: { header: 'Name and contact details of joint controller (if applicable)', aliases: ['joint controller', 'joint controllers', 'responsable conjoint', 'responsables conjoints', 'co responsable du traitement'] },
  dataSubjects: { header: 'Categories of individuals', aliases: ['categories of data subjects', 'data subjects', 'individuals', 'categories de personnes concernees', 'personnes concernees'] },
  dataCategories: { header: 'Categories of personal data', aliases: ['personal data', 'types of personal data', 'data categories', 'categories de donnees', 'categories de donnees personnelles', 'categories de donnees collectees', 'donnees collectees', 'donnees traitees'] },
  recipients: { header: 'Categories of recipients', aliases: ['recipients', 'recipients of personal data', 'destinataires', 'categories de destinataires', 'destinataires des donnees'] },
  countries: {
    header: 'Names of third countries or international organisations that personal data are transferred to (if applicable)',
    aliases: ['third countries', 'international transfers', 'transfers', 'countries', 'transferts hors ue', 'transferts de donnees hors ue', 'pays', 'pays destinataires', 'pays tiers'],
  },
  safeguards: {
    header: 'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
    aliases: ['safeguards', 'transfer safeguards', 'transfer mechanism', 'garanties', 'garanties appropriees', 'type de garanties'],
  },
  retention: { header: 'Retention schedule (if possible)', aliases: ['retention', 'retention period', 'time limits for erasure', 'duree de conservation', 'durees de conservation', 'delais d effacement', 'duree de conservation des donnees'] },
  security: {
    header: 'General description of technical and organisational security measures (if possible)',
    aliases: ['security measures', 'security', 'technical and organisational measures', 'mesures de securite', 'description des mesures de securite', 'mesures de securite techniques et organisationnelles'],
  },
  lawfulBasis: { header: 'Article 6 lawful basis for processing personal data', aliases: ['lawful basis', 'lawful basis for processing', 'legal basis', 'base legale', 'base juridique', 'fondement juridique', 'base legale du traitement'] },
  art9: { header: 'Article 9 basis for processing special category data', aliases: ['article 9 condition', 'special category condition', 'condition for processing special category data'] },
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
  createdAt: { header: 'Date created', aliases: ['created', 'date de creation', 'date de creation de la fiche'] },
  updatedAt: { header: 'Date last updated', aliases: ['last updated', 'updated', 'mise a jour', 'date de derniere mise a jour'] },
  // The ICO processor template (Art. 30(2)): read into processor records, never part of the controller register's export.
  controllerDetails: {
    header: 'Name and contact details of controller',
    aliases: ['controller details', 'controller name and contact details', 'controller served', 'client', 'responsable de traitement pour le compte duquel', 'nom et coordonnees du responsable de traitement'],
  },
  controllerRepresentative: { header: "Name and contact details of controller's representative (if applicable)", aliases: ['controller s representative', 'representative of the controller'] },
  processingCategories: { header: 'Categories of processing', aliases: ['categories of processing carried out', 'processing carried out', 'categories de traitements', 'categories de traitements effectues'] },
} satisfies Record<string, RegisterColumn>;
export type RegisterColumnKey = keyof typeof registerColumns;
/** A register column's heading (for a flagged value's origin); an unknown key as it is. */
export const columnHeaderOf = (column: string): string => (column in registerColumns ? registerColumns[column as RegisterColumnKey].header : column);
export const registerColumnKeys = Object.keys(registerColumns) as RegisterColumnKey[];
/** Columns of the ICO processor template: a table with them (and no activity name or purpose) holds Art. 30(2) records. */
const processorTemplateColumns = ['controllerDetails', 'controllerRepresentative', 'processingCategories'] as const;
export const processorTemplateKeys: ReadonlySet<RegisterColumnKey> = new Set(processorTemplateColumns);
type ExportedColumnKey = Exclude<RegisterColumnKey, (typeof processorTemplateColumns)[number]>;
/** The columns of the controller register's table export, in order. */
export const exportedColumnKeys = registerColumnKeys.filter((key): key is ExportedColumnKey => !processorTemplateKeys.has(key));

/** How headings are compared: no accents, lower case, "(if applicable)"-style notes and punctuation removed. */
export const normaliseHeader = normaliseWords;

const headingLookup = (() => {
  const lookup = new Map<string, RegisterColumnKey>();
  for (const key of registerColumnKeys) {
    const column: RegisterColumn = registerColumns[key];
    for (const name of [column.header, ...(column.aliases ?? [])]) lookup.set(normaliseHeader(name), key);
  }
  return lookup;
})();

/** The register column a heading names (by its heading or a synonym), or undefined. */
export const columnOfHeading = (heading: string): RegisterColumnKey | undefined => headingLookup.get(normaliseHeader(heading));

/** Which column each heading of a file is, by name (never by position); unknown headings are ignored. */
export function matchHeaders(headers: readonly string[]): { byKey: Partial<Record<RegisterColumnKey, number>>; ignored: string[] } {
  const byKey: Partial<Record<RegisterColumnKey, number>> = {};
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const key = columnOfHeading(header);
    if (key && byKey[key] === undefined) byKey[key] = index;
    else if (header.trim()) ignored.push(header);
  });
  return { byKey, ignored };
}


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
  // Flagged text belongs to its column: the file's columns replace theirs, the others' stay.
  const present = new Set<string>(parsed.columns);
  merged.flaggedText = [...existing.flaggedText.filter((entry) => !present.has(entry.column)), ...parsed.fields.flaggedText.filter((entry) => present.has(entry.column))];
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
        // A safeguard kept as text lives in the note: the file's replaces the stored one, a user's own note stays.
        const note = safeguardTextOf(next.note) !== null ? next.note : safeguardTextOf(transfer.note) !== null ? null : transfer.note;
        return { ...transfer, mechanism: next.mechanism, mechanismDate: next.mechanismDate, note };
      });
    } else {
      merged.transfers = [...imported, ...existing.transfers.filter((transfer) => transfer.country === null)];
    }
  }
  return merged;
}

/**
 * What a vocabulary item of a cell stands for: a term's code (and, for a safeguard, its date), or
 * null to keep it as text and flag it. The import's review step decides; the default takes the
 * proposal and keeps anything unmatched as text.
 */
export type TermResolver = (column: ReviewColumn, item: string) => { code: string; date: string | null } | null;
/** Whether a piece of a cell is itself one term (then a comma or "and" inside it does not split it). */
export type TermTest = (column: ReviewColumn, piece: string) => boolean;

/** The default resolver: the proposed term when there is one (exact, synonym or close), else text. */
/** Whether a piece is a term by exact or synonym match: what the review step and the row parser both split by. */
export function termTest(vocabulary: Vocabulary = builtinVocabulary): TermTest {
  const terms = new Map<ReviewColumn, ReturnType<typeof termsOf>>();
  return (column, piece) => {
    if (!terms.has(column)) terms.set(column, termsOf(column, vocabulary));
    const match = proposeTerm(column, piece, terms.get(column)!).match;
    return match === 'exact' || match === 'synonym';
  };
}

export function proposalResolver(vocabulary: Vocabulary = builtinVocabulary): TermResolver {
  const terms = new Map<ReviewColumn, ReturnType<typeof termsOf>>();
  return (column, item) => {
    if (!terms.has(column)) terms.set(column, termsOf(column, vocabulary));
    const proposal = proposeTerm(column, item, terms.get(column)!);
    return proposal.code === null ? null : { code: proposal.code, date: proposal.date };
  };
}

/** The items of a vocabulary cell: lists split (commas too, unless the piece is one term); single-value columns whole. */
export function itemsOfCell(column: ReviewColumn, cell: string, own = false, isTerm?: (piece: string) => boolean): string[] {
  if (!listColumns.has(column)) return cell.trim() ? [cell.trim()] : [];
  return splitCell(cell, own ? 'lines' : 'commas', isTerm);
}

/**
 * Reads one data row into activity fields. Vocabulary items go through `resolve`; what it cannot
 * map is kept as flagged text on the record, never refused. A row is refused only when it cannot be
 * a record: no name, business function or purpose to know it by.
 */
export function parseRegisterRow(
  cells: readonly string[],
  byKey: Partial<Record<RegisterColumnKey, number>>,
  row: number,
  resolve: TermResolver = proposalResolver(),
  isTerm: TermTest = termTest(),
): ParsedRow | { row: number; reason: string } {
  const cell = (key: RegisterColumnKey) => {
    const index = byKey[key];
    return index === undefined ? '' : cellText(cells[index] ?? '');
  };
  const flagged: Array<{ column: string; text: string }> = [];
  // Lists in other people's files are separated by semicolons, bullets or commas; the workbench's own
  // export (it has the record ID column) puts one item per line, so there those are part of the item.
  const own = byKey.id !== undefined;
  // Purposes may hold a comma; data subjects and recipients are names, separated by commas too.
  const splitLines = (text: string) => splitCell(text, own ? 'lines' : 'lists');
  const splitNames = (text: string) => splitCell(text, own ? 'lines' : 'commas');
  const terms = (column: ReviewColumn, key: RegisterColumnKey = column as RegisterColumnKey) => {
    const mapped: Array<{ code: string; date: string | null }> = [];
    for (const item of itemsOfCell(column, cell(key), own, (piece) => isTerm(column, piece))) {
      const found = resolve(column, item);
      if (found) mapped.push(found);
      else flagged.push({ column, text: item });
    }
    return mapped;
  };
  const one = (column: ReviewColumn) => terms(column)[0]?.code ?? null;

  const businessFunction = cell('businessFunction') || null;
  const purposes = splitLines(cell('purposes'));
  // A record is known by its name; the ICO template has none, so its business function and purpose name it.
  const name = (cell('name') || [businessFunction, purposes[0]].filter(Boolean).join(' – ')).slice(0, 200).trim();
  if (!name) {
    const wanted = byKey.name !== undefined ? `"${registerColumns.name.header}"` : `"${registerColumns.businessFunction.header}" or "${registerColumns.purposes.header}"`;
    return { row, reason: `${wanted}: empty, so the row cannot be told apart from others (give it a name, a business function or a purpose)` };
  }

  const recipients: ActivityInput['recipients'] = splitNames(cell('recipients')).map((item) => {
    const match = /^(.*?)\s*\(([^)]*)\)$/.exec(item);
    const kind = match ? recipientKinds.find((entry) => entry === match[2]!.trim().toLowerCase()) : undefined;
    // "Xero (processor)" names a processor; other words in brackets are part of the name.
    return kind ? { name: match![1]!.trim() || item, kind } : { name: item, kind: 'external' as const };
  });
  const countries = terms('countries').map((entry) => entry.code);
  // Safeguards pair with the countries: one for all, or one per country in the same order ("None" for
  // none). A paired safeguard no term matches stays in its transfer's note (the transfer has no
  // safeguard, itself a gap), so that an export writes it back in its place.
  const safeguardItems = itemsOfCell('safeguards', cell('safeguards'), own, (piece) => isTerm('safeguards', piece));
  const safeguards = safeguardItems.map((item) => (noSafeguard.test(item) ? null : (resolve('safeguards', item) ?? { text: item })));
  const paired = safeguards.length <= 1 || safeguards.length === countries.length;
  if (!paired) {
    // Safeguards that do not pair with the countries: each kept as text for the DPO to sort out.
    for (const item of safeguardItems) if (!noSafeguard.test(item)) flagged.push({ column: 'safeguards', text: item });
  } else if (!countries.length) {
    for (const entry of safeguards) if (entry && 'text' in entry) flagged.push({ column: 'safeguards', text: entry.text });
  }
  const mechanismAt = (index: number) => (paired ? (safeguards[safeguards.length === 1 ? 0 : index] ?? null) : null);
  const answer = (column: 'breachOccurred' | 'retainedPerPolicy') => {
    const code = one(column);
    return code === null ? null : code === 'yes';
  };
  const status = (one('status') ?? 'active') as ActivityInput['status'];
  // The retention text stays as written (it may be criteria, not a period); a rule it names or whose
  // maximum it states is linked, unless the file has a rule column of its own.
  const retentionText = cell('retention');
  const ruleFromText = retentionText && byKey.retentionRule === undefined ? resolve('retention', retentionText) : null;
  for (const extra of cell('retentionRule').split(/\r?\n/).slice(1).map((line) => line.trim()).filter(Boolean)) flagged.push({ column: 'retentionRule', text: extra });

  return {
    row,
    // An empty status cell gives no status: a stored record keeps its own. Without a name column, the name comes from the row.
    columns: [
      ...registerColumnKeys.filter((key) => byKey[key] !== undefined && !(key === 'status' && !cell('status'))),
      ...(byKey.name === undefined ? (['name'] as const) : []),
      ...(ruleFromText && byKey.retentionRule === undefined ? (['retentionRule'] as const) : []),
    ],
    id: cell('id') || null,
    controller: cell('controller') || null,
    // The rule named first; further lines are text an export wrote back (kept flagged by the caller).
    retentionRuleName: cell('retentionRule').split(/\r?\n/)[0]!.trim() || null,
    fields: {
      name,
      businessFunction,
      purposes,
      lawfulBasis: one('lawfulBasis') as ActivityInput['lawfulBasis'],
      art9Condition: one('art9') as ActivityInput['art9Condition'],
      art10Basis: one('art10') as ActivityInput['art10Basis'],
      dataSubjectCategories: splitNames(cell('dataSubjects')),
      dataCategories: [...new Set(terms('dataCategories').map((entry) => entry.code))] as ActivityInput['dataCategories'],
      recipients,
      transfers: countries.map((country, index) => {
        const mechanism = mechanismAt(index);
        if (mechanism && 'text' in mechanism) return { country, mechanism: null, mechanismDate: null, note: safeguardTextNote(mechanism.text) };
        return { country, mechanism: (mechanism?.code ?? null) as ActivityInput['transfers'][number]['mechanism'], mechanismDate: mechanism?.date ?? null, note: null };
      }),
      retention: cell('retention') || null,
      securityMeasures: cell('security') || null,
      status,
      source: cell('source') || null,
      jointController: cell('jointController') || null,
      legitimateInterests: cell('legitimateInterests') || null,
      liaLink: cell('liaLink') || null,
      rightsAvailable: [...new Set(terms('rights').map((entry) => entry.code))] as ActivityInput['rightsAvailable'],
      automatedDecisionMaking: cell('automatedDecisions') || null,
      consentRecordLink: cell('consentLink') || null,
      dataLocation: cell('dataLocation') || null,
      dpiaRequired: one('dpiaRequired') as ActivityInput['dpiaRequired'],
      dpiaProgress: one('dpiaProgress') as ActivityInput['dpiaProgress'],
      dpiaLink: cell('dpiaLink') || null,
      breachOccurred: answer('breachOccurred'),
      breachLink: cell('breachLink') || null,
      retentionPolicyLink: cell('retentionPolicyLink') || null,
      retainedPerPolicy: answer('retainedPerPolicy'),
      retentionDeviation: cell('retentionDeviation') || null,
      // Resolved from `retentionRuleName` by the caller, which knows the workspace's rules.
      retentionRuleId: ruleFromText?.code ?? null,
      // In the register's column order, whatever order the cells were read in.
      flaggedText: flagged.sort((a, b) => registerColumnKeys.indexOf(a.column as RegisterColumnKey) - registerColumnKeys.indexOf(b.column as RegisterColumnKey)),
    },
  };
}

/** The note of a transfer whose safeguard an import kept as text, and the text read back from it. */
const safeguardNotePrefix = 'Safeguard imported as text: ';
const safeguardTextNote = (text: string) => `${safeguardNotePrefix}"${text}"`;
const safeguardTextOf = (note: string | null): string | null => (note?.startsWith(safeguardNotePrefix) ? note.slice(safeguardNotePrefix.length).replace(/^"|"$/g, '') : null);

const labelOfCode = (vocabulary: ReadonlyArray<{ code: string; label: string }>, code: string | null) =>
  code === null ? '' : (vocabulary.find((entry) => entry.code === code)?.label ?? code);

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'Yes' : 'No');
/** 'to-assess' as 'To assess'. */
const sentence = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replace(/-/g, ' ');

/** One activity as the cells of a table row, in the order of `exportedColumnKeys`. */
export function registerRowOf(activity: Activity, vocabulary: Vocabulary = builtinVocabulary): string[] {
  const values: Record<ExportedColumnKey, string> = {
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
        const label = labelOfCode(vocabulary['transfer-mechanism'], transfer.mechanism) || safeguardTextOf(transfer.note) || 'None';
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
  // Values kept as text go back into the column they came from, so that a re-import flags them again.
  for (const entry of activity.flaggedText) {
    const key = entry.column as ExportedColumnKey;
    if (key in values) values[key] = values[key] ? `${values[key]}\n${entry.text}` : entry.text;
  }
  return exportedColumnKeys.map((key) => values[key]);
}

export const registerHeaders = (): string[] => exportedColumnKeys.map((key) => registerColumns[key].header);

/** A cell's text as imported: trimmed, and neutraliseFormula undone (the apostrophe only kept a spreadsheet from calculating). */
export function cellText(cell: string): string {
  const text = cell.trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
 * is prefixed with an apostrophe, so that it is shown as text (CSV injection, OWASP).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
