import { mergeVocabulary, type Vocabulary } from '../../core/register/vocabularies';
import { useOperation } from './useOperation';

const builtin = mergeVocabulary([]);

/** The workspace's vocabularies (built-in terms and its own); the built-in ones until they load. */
export function useVocabulary(): Vocabulary {
  const vocabulary = useOperation('getVocabulary', {});
  return vocabulary.state === 'ready' ? vocabulary.value : builtin;
}

/** Codes of the data categories that are Art. 9 or Art. 10 data. */
export function specialCodes(vocabulary: Vocabulary): { art9: Set<string>; art10: Set<string> } {
  const terms = vocabulary['data-category'];
  return {
    art9: new Set(terms.filter((term) => term.special === 'art9').map((term) => term.code)),
    art10: new Set(terms.filter((term) => term.special === 'art10').map((term) => term.code)),
  };
}

/** "Label — citation", or the label alone when the term has no citation. */
export const withCitation = (term: { label: string; citation?: string | undefined }) => (term.citation ? `${term.label} — ${term.citation}` : term.label);
