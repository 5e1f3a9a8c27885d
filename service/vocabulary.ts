import type { Handlers } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import type { ActivityInput, ProcessorInput, ProcessorRecordInput, Transfer } from '../core/register/model';
import { customCodeOf, findUnknownTerm, mergeVocabulary, type Vocabulary, type VocabularyKind } from '../core/register/vocabularies';
import { insertCustomTerm, listCustomTerms } from '../db/repositories/vocabularyTerms';
import type { Db } from '../db/types';
import { writeWithLog, type ServiceContext } from './session';

type VocabularyHandlers = Pick<Handlers, 'getVocabulary' | 'addVocabularyTerm'>;

export const vocabularyOf = (db: Db): Vocabulary => mergeVocabulary(listCustomTerms(db));

const transferTerms = (transfers: readonly Transfer[], prefix: string) =>
  transfers.flatMap((transfer, index) => [
    { field: `${prefix}transfers.${index}.country`, kind: 'country' as const, code: transfer.country },
    { field: `${prefix}transfers.${index}.mechanism`, kind: 'transfer-mechanism' as const, code: transfer.mechanism },
  ]);

/** Refuses a record that names a term its workspace does not have, naming the field. */
function refuseUnknown(vocabulary: Vocabulary, values: Array<{ field: string; kind: VocabularyKind; code: string | null }>): void {
  const unknown = findUnknownTerm(vocabulary, values);
  if (unknown) throw new WorkbenchError('invalid-input', unknown.message, unknown.field);
}

/** The vocabulary terms an activity names, each with its field. */
const activityTerms = (input: Omit<ActivityInput, 'organisationId'>, prefix: string) => [
  { field: `${prefix}lawfulBasis`, kind: 'lawful-basis' as const, code: input.lawfulBasis },
  { field: `${prefix}art9Condition`, kind: 'art9-condition' as const, code: input.art9Condition },
  { field: `${prefix}art10Basis`, kind: 'art10-basis' as const, code: input.art10Basis },
  ...input.dataCategories.map((code, index) => ({ field: `${prefix}dataCategories.${index}`, kind: 'data-category' as const, code })),
  ...transferTerms(input.transfers, prefix),
];

/** The first term of an activity its workspace does not have (for an import row's reason), or null. */
export const unknownActivityTerm = (vocabulary: Vocabulary, input: Omit<ActivityInput, 'organisationId'>) => findUnknownTerm(vocabulary, activityTerms(input, ''));

export function checkActivityTerms(vocabulary: Vocabulary, input: ActivityInput, prefix = ''): void {
  refuseUnknown(vocabulary, activityTerms(input, prefix));
}

export function checkProcessorTerms(vocabulary: Vocabulary, input: ProcessorInput, prefix = ''): void {
  refuseUnknown(vocabulary, [
    { field: `${prefix}transferMechanism`, kind: 'transfer-mechanism', code: input.transferMechanism },
    ...input.countries.map((code, index) => ({ field: `${prefix}countries.${index}`, kind: 'country' as const, code })),
    ...input.dataCategories.map((code, index) => ({ field: `${prefix}dataCategories.${index}`, kind: 'data-category' as const, code })),
  ]);
}

export function checkProcessorRecordTerms(vocabulary: Vocabulary, input: ProcessorRecordInput, prefix = ''): void {
  refuseUnknown(vocabulary, transferTerms(input.transfers, prefix));
}

/** Codes of the workspace's data categories that are special-category or criminal-offence data. */
export function specialCategoriesOf(vocabulary: Vocabulary): { art9: Set<string>; art10: Set<string> } {
  const terms = vocabulary['data-category'];
  return {
    art9: new Set(terms.filter((term) => term.special === 'art9').map((term) => term.code)),
    art10: new Set(terms.filter((term) => term.special === 'art10').map((term) => term.code)),
  };
}

export function vocabularyHandlers(context: ServiceContext): VocabularyHandlers {
  return {
    getVocabulary: () => vocabularyOf(context.db()),
    addVocabularyTerm: (input) => {
      const db = context.db();
      const vocabulary = vocabularyOf(db);
      if (input.kind === 'country' && !input.code) throw new WorkbenchError('invalid-input', 'code: a country needs its code (e.g. XK)', 'code');
      if (input.kind !== 'country' && input.code) throw new WorkbenchError('invalid-input', 'code: only countries take a code; other terms get one from their label', 'code');
      if (input.special && input.kind !== 'data-category') throw new WorkbenchError('invalid-input', 'special: only data categories can be special-category or criminal-offence data', 'special');
      if (input.kind === 'recipient-category' && !input.recipientKind) {
        throw new WorkbenchError('invalid-input', 'recipientKind: say whether the recipients are internal, external or processors', 'recipientKind');
      }
      const code = input.kind === 'country' ? input.code! : input.kind === 'data-subject-category' || input.kind === 'recipient-category' ? input.label : customCodeOf(input.label);
      const clash = vocabulary[input.kind].find((term) => term.code === code || term.label.toLowerCase() === input.label.toLowerCase());
      if (clash) throw new WorkbenchError('conflict', `"${clash.label}" is already in this vocabulary${clash.custom ? '' : ' (built in)'}.`, 'label');
      const term = {
        kind: input.kind,
        code,
        label: input.label,
        citation: input.citation,
        special: input.special,
        recipientKind: input.kind === 'recipient-category' ? input.recipientKind : null,
      };
      writeWithLog(context, (log) => {
        insertCustomTerm(db, term, context.now());
        log('vocabulary-term', `${term.kind}/${term.code}`, 'create', null, term);
      });
      return vocabularyOf(db)[input.kind].find((entry) => entry.code === code)!;
    },
  };
}
