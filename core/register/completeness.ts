import type { Activity, Organisation, Processor, ProcessorRecord } from './model';
import { columnHeaderOf } from './registerColumns';
import { normaliseWords } from './importReview';
import { isThirdCountry, mergeVocabulary } from './vocabularies';

/** A recipient that names a category rather than a vendor ("Unnamed payment service providers", a built-in category). */
const builtinCategories = new Set(mergeVocabulary([])['recipient-category'].map((term) => term.label.toLowerCase()));
const isRecipientCategory = (name: string) => /^(unnamed|unspecified|various|other|several|all)\b/i.test(name.trim()) || builtinCategories.has(name.trim().toLowerCase());

/** Vendor and recipient names compared without case, accents or legal-form punctuation. */
export const normaliseName = normaliseWords;

/**
 * What the law still requires of a register record. Pure: the caller passes `today` as a
 * 'yyyy-MM-dd' calendar date. Citations: GDPR Art. 30(1)(b)–(g) for the record's content, Art. 6(1)
 * for the lawful basis, Art. 9(2) and Art. 10 for special-category and criminal-offence data,
 * Art. 28(3) for the processor contract, Art. 28(1) for keeping processors' guarantees under review.
 */
export const gapKinds = [
  { code: 'controller-details', label: 'No contact details of the controller', citation: 'GDPR Art. 30(1)(a)' },
  { code: 'purposes', label: 'No purpose', citation: 'GDPR Art. 30(1)(b)' },
  { code: 'data-subjects', label: 'No data subjects', citation: 'GDPR Art. 30(1)(c)' },
  { code: 'data-categories', label: 'No personal-data categories', citation: 'GDPR Art. 30(1)(c)' },
  { code: 'recipients', label: 'No recipients', citation: 'GDPR Art. 30(1)(d)' },
  { code: 'transfer-safeguard', label: 'Transfer without safeguard', citation: 'GDPR Art. 30(1)(e)' },
  { code: 'retention', label: 'No time limit for erasure', citation: 'GDPR Art. 30(1)(f)' },
  { code: 'security', label: 'No security measures', citation: 'GDPR Art. 30(1)(g)' },
  { code: 'lawful-basis', label: 'No lawful basis', citation: 'GDPR Art. 6(1)' },
  { code: 'art9-condition', label: 'Special-category data without Art. 9 condition', citation: 'GDPR Art. 9(2)' },
  { code: 'art10-basis', label: 'Criminal-offence data without Art. 10 basis', citation: 'GDPR Art. 10' },
  { code: 'controller-contact', label: 'Controller served without contact details', citation: 'GDPR Art. 30(2)(a)' },
  { code: 'processing-categories', label: 'No categories of processing', citation: 'GDPR Art. 30(2)(b)' },
  { code: 'dpia', label: 'DPIA required but not complete', citation: 'GDPR Art. 35(1)' },
  { code: 'processor-contract', label: 'Processor contract missing or expired', citation: 'GDPR Art. 28(3)' },
  { code: 'review-overdue', label: 'Processor review overdue', citation: 'GDPR Art. 28(1)' },
  { code: 'processor-not-linked', label: 'Processor named but not linked', citation: 'GDPR Art. 28(3)' },
  { code: 'imported-text', label: 'Imported text not mapped', citation: 'GDPR Art. 30(1)' },
] as const;
export type GapKind = (typeof gapKinds)[number]['code'];
export const gapKindCodes = gapKinds.map((kind) => kind.code) as [GapKind, ...GapKind[]];

export interface Gap {
  kind: GapKind;
  citation: string;
  /** One sentence naming what is missing, e.g. "transfer to US via Square without a safeguard". */
  message: string;
  /** For a processor named among the recipients but not linked: the recipient's name (to create and link it). */
  recipient?: string;
}

export interface Completeness {
  /** Checks that apply to this record. */
  checks: number;
  gaps: Gap[];
}

/** Processor facts the checks read; a subset of Processor so callers can pass stored rows. */
export type ProcessorFacts = Pick<Processor, 'id' | 'name' | 'countries' | 'transferMechanism' | 'dpaReference' | 'dpaExpiresOn' | 'nextReviewOn'> &
  Partial<Pick<Processor, 'subProcessorIds'>>;

/**
 * A processor's sub-processors, theirs, and so on, each with the chain that leads to it (nearest
 * first). Safe against loops; each vendor appears once, by its shortest chain.
 */
export function subProcessorChain(processorId: string, processorsById: ReadonlyMap<string, ProcessorFacts>): Array<{ processor: ProcessorFacts; via: ProcessorFacts[] }> {
  const result: Array<{ processor: ProcessorFacts; via: ProcessorFacts[] }> = [];
  const seen = new Set([processorId]);
  let frontier: Array<{ id: string; via: ProcessorFacts[] }> = [{ id: processorId, via: [] }];
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const { id, via } of frontier) {
      const parent = processorsById.get(id);
      if (!parent) continue;
      for (const childId of parent.subProcessorIds ?? []) {
        const child = processorsById.get(childId);
        if (!child || seen.has(childId)) continue;
        seen.add(childId);
        const chain = [...via, parent];
        result.push({ processor: child, via: chain });
        next.push({ id: childId, via: chain });
      }
    }
    frontier = next;
  }
  return result;
}

type ActivityFacts = Pick<
  Activity,
  'purposes' | 'dataSubjectCategories' | 'dataCategories' | 'recipients' | 'transfers' | 'retention' | 'securityMeasures' | 'lawfulBasis' | 'art9Condition' | 'art10Basis' | 'processors' | 'retentionRuleId' | 'dpiaRequired' | 'dpiaProgress'
> &
  Partial<Pick<Activity, 'flaggedText'>>;

const citationOf = (kind: GapKind): string => gapKinds.find((entry) => entry.code === kind)!.citation;

/** Lists every gap in one controller record, in the order of the Art. 30(1) letters. */
export function assessActivity(
  activity: ActivityFacts,
  processorsById: ReadonlyMap<string, ProcessorFacts>,
  today: string,
  /** The workspace's own data categories that are Art. 9 or Art. 10 data, beyond the built-in ones. */
  special: { art9: ReadonlySet<string>; art10: ReadonlySet<string> } = { art9: new Set(), art10: new Set() },
  /** The controller (the activity's organisation); its contact details are item (a). */
  controller?: Pick<Organisation, 'name' | 'address' | 'contactEmail'>,
): Completeness {
  const gaps: Gap[] = [];
  let checks = 0;
  const check = (kind: GapKind, ok: boolean, message: string, recipient?: string) => {
    checks += 1;
    if (!ok) gaps.push({ kind, citation: citationOf(kind), message, ...(recipient ? { recipient } : {}) });
  };

  if (controller) check('controller-details', Boolean(controller.address || controller.contactEmail), `no contact details of the controller (${controller.name}) are recorded`);

  check('purposes', activity.purposes.length > 0, 'no purpose of the processing is recorded');
  check('data-subjects', activity.dataSubjectCategories.length > 0, 'no category of data subjects is recorded');
  check('data-categories', activity.dataCategories.length > 0, 'no category of personal data is recorded');
  check(
    'recipients',
    activity.recipients.length > 0,
    activity.processors.length ? 'processors receive the data but no category of recipients is recorded' : 'no category of recipients is recorded',
  );

  for (const transfer of activity.transfers) {
    if (transfer.country !== null && !isThirdCountry(transfer.country)) continue;
    // Art. 30(1)(e) asks for the third country to be identified as well as the safeguard.
    const message =
      transfer.country === null
        ? transfer.mechanism === null
          ? 'transfer to an unnamed country without a safeguard'
          : 'transfer to an unnamed country (the safeguard is recorded, the country is not)'
        : `transfer to ${transfer.country} without a safeguard`;
    check('transfer-safeguard', transfer.country !== null && transfer.mechanism !== null, message);
  }
  // A processor linked for several purposes is checked once.
  const seen = new Set<string>();
  const linked = activity.processors
    .filter((link) => !seen.has(link.processorId) && seen.add(link.processorId))
    .map((link) => ({ link, processor: processorsById.get(link.processorId) }))
    .filter((entry) => entry.processor);
  // A transfer through a sub-processor (an onward transfer) needs its safeguard as well; each vendor once.
  const reached = new Set<string>();
  for (const { processor } of linked) {
    const chain = [{ processor: processor!, via: [] as ProcessorFacts[] }, ...subProcessorChain(processor!.id, processorsById)];
    for (const { processor: vendor, via } of chain) {
      if (reached.has(vendor.id)) continue;
      reached.add(vendor.id);
      const thirdCountries = vendor.countries.filter(isThirdCountry);
      if (!thirdCountries.length) continue;
      const route = via.length ? `${vendor.name} (sub-processor of ${via[via.length - 1]!.name})` : vendor.name;
      check('transfer-safeguard', vendor.transferMechanism !== null, `transfer to ${thirdCountries.join(', ')} via ${route} without a safeguard`);
    }
  }

  check('retention', Boolean(activity.retention) || activity.retentionRuleId !== null, 'no time limit for erasure is recorded (describe it or choose a retention rule)');
  check('security', Boolean(activity.securityMeasures), 'no description of the security measures is recorded');
  check('lawful-basis', activity.lawfulBasis !== null, 'no lawful basis is recorded');
  if (activity.dataCategories.some((code) => code === 'special-category' || special.art9.has(code))) {
    check('art9-condition', activity.art9Condition !== null, 'special-category data is processed without an Art. 9(2) condition');
  }
  if (activity.dataCategories.some((code) => code === 'criminal' || special.art10.has(code))) {
    check('art10-basis', activity.art10Basis !== null, 'criminal-offence data is processed without an Art. 10 basis');
  }

  // A recipient named as a processor needs its vendor linked, so that its Art. 28(3) contract is checked.
  const linkedNames = new Set(activity.processors.map((link) => normaliseName(link.processorName)));
  for (const recipient of activity.recipients.filter((entry) => entry.kind === 'processor')) {
    if (isRecipientCategory(recipient.name)) {
      // Art. 30(1)(d) allows categories of recipients, but a contract is made with each processor.
      check('processor-not-linked', activity.processors.some((link) => link.role === 'processor' || link.role === 'sub-processor'), `processors are described only as "${recipient.name}": link each vendor, so that its Art. 28(3) contract can be checked`);
    } else {
      check('processor-not-linked', linkedNames.has(normaliseName(recipient.name)), `${recipient.name} is named as a processor among the recipients but no vendor of that name is linked (its Art. 28(3) contract cannot be checked)`, recipient.name);
    }
  }
  for (const entry of activity.flaggedText ?? []) {
    check('imported-text', false, `imported text not yet mapped to a term: ${columnHeaderOf(entry.column)} "${entry.text}"`);
  }

  if (activity.dpiaRequired === 'yes') {
    // Art. 35(1): the assessment is carried out prior to the processing.
    check('dpia', activity.dpiaProgress === 'complete', `a DPIA is required and is ${activity.dpiaProgress === 'in-progress' ? 'still in progress' : 'not started'}`);
  }

  for (const { link, processor } of linked) {
    const actsAsProcessor = activity.processors.some((other) => other.processorId === link.processorId && (other.role === 'processor' || other.role === 'sub-processor'));
    if (actsAsProcessor) {
      const expired = processor!.dpaExpiresOn !== null && processor!.dpaExpiresOn < today;
      check(
        'processor-contract',
        Boolean(processor!.dpaReference) && !expired,
        expired ? `the processing agreement with ${processor!.name} expired on ${processor!.dpaExpiresOn}` : `no processing agreement with ${processor!.name} is recorded`,
      );
    }
    if (processor!.nextReviewOn !== null) {
      check('review-overdue', processor!.nextReviewOn >= today, `the review of ${processor!.name} was due on ${processor!.nextReviewOn}`);
    }
  }
  return { checks, gaps };
}

/** What the law still requires of an Art. 30(2) record, letter by letter. */
export function assessProcessorRecord(record: Pick<ProcessorRecord, 'controllerContact' | 'processingCategories' | 'transfers' | 'securityMeasures'>): Completeness {
  const gaps: Gap[] = [];
  let checks = 0;
  const check = (kind: GapKind, citation: string, ok: boolean, message: string) => {
    checks += 1;
    if (!ok) gaps.push({ kind, citation, message });
  };
  check('controller-contact', 'GDPR Art. 30(2)(a)', Boolean(record.controllerContact), 'no contact details of the controller are recorded');
  check('processing-categories', 'GDPR Art. 30(2)(b)', record.processingCategories.length > 0, 'no category of processing carried out for the controller is recorded');
  for (const transfer of record.transfers) {
    if (transfer.country !== null && !isThirdCountry(transfer.country)) continue;
    const message =
      transfer.country !== null
        ? `transfer to ${transfer.country} without a safeguard`
        : transfer.mechanism
          ? 'transfer to an unnamed country (the safeguard is recorded, the country is not)'
          : 'transfer to an unnamed country without a safeguard';
    check('transfer-safeguard', 'GDPR Art. 30(2)(c)', transfer.country !== null && transfer.mechanism !== null, message);
  }
  check('security', 'GDPR Art. 30(2)(d)', Boolean(record.securityMeasures), 'no description of the security measures is recorded');
  return { checks, gaps };
}

export interface RegisterCompleteness {
  /** Share of all applicable checks that pass, 0–100, rounded down; 100 for an empty register. */
  score: number;
  activities: number;
  complete: number;
  byKind: Record<GapKind, number>;
}

/** Sums the completeness of every record: the score and the number of records with each gap kind. */
export function summariseRegister(assessments: readonly Completeness[]): RegisterCompleteness {
  const byKind = Object.fromEntries(gapKindCodes.map((kind) => [kind, 0])) as Record<GapKind, number>;
  let checks = 0;
  let failed = 0;
  let complete = 0;
  for (const assessment of assessments) {
    checks += assessment.checks;
    failed += assessment.gaps.length;
    if (!assessment.gaps.length) complete += 1;
    for (const kind of new Set(assessment.gaps.map((gap) => gap.kind))) byKind[kind] += 1;
  }
  return { score: checks ? Math.floor(((checks - failed) * 100) / checks) : 100, activities: assessments.length, complete, byKind };
}
