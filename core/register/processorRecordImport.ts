import type { ProcessorRecordInput } from './model';
import { noSafeguard, splitCell } from './importReview';
import { cellText, itemsOfCell, type RegisterColumnKey, type TermResolver, type TermTest } from './registerColumns';

/**
 * A row of the ICO processor template (Art. 30(2)): the controller served, the categories of
 * processing carried out for it, transfers and security measures. Its identity is the controller's
 * name, so that importing the same file again updates instead of duplicating. A country no term
 * matches stays a transfer with no country named (itself a gap) and the text in its note. Pure.
 */
export interface ParsedProcessorRecord {
  row: number;
  fields: Omit<ProcessorRecordInput, 'organisationId'>;
}

/** "Acme Retail Ltd, 1 High Street, London": the name is the first line, or the text before the first comma. */
export function splitControllerDetails(details: string): { name: string; contact: string | null } {
  const lines = details.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const [first = '', ...rest] = lines;
  if (rest.length) return { name: first, contact: rest.join('\n') };
  const comma = first.indexOf(',');
  return comma > 0 ? { name: first.slice(0, comma).trim(), contact: first.slice(comma + 1).trim() || null } : { name: first, contact: null };
}

export function parseProcessorRow(
  cells: readonly string[],
  byKey: Partial<Record<RegisterColumnKey, number>>,
  row: number,
  resolve: TermResolver,
  isTerm: TermTest,
): ParsedProcessorRecord | { row: number; reason: string } {
  const cell = (key: RegisterColumnKey) => {
    const index = byKey[key];
    return index === undefined ? '' : cellText(cells[index] ?? '');
  };
  const details = cell('controllerDetails');
  if (!details) return { row, reason: '"Name and contact details of controller": empty; each row is the record kept for one controller served' };
  const { name, contact } = splitControllerDetails(details);
  const representative = cell('controllerRepresentative');
  const countries = itemsOfCell('countries', cell('countries'), false, (piece) => isTerm('countries', piece)).map((item) => ({ item, code: resolve('countries', item)?.code ?? null }));
  const safeguards = itemsOfCell('safeguards', cell('safeguards'), false, (piece) => isTerm('safeguards', piece)).map((item) => (noSafeguard.test(item) ? null : { item, found: resolve('safeguards', item) }));
  const paired = safeguards.length <= 1 || safeguards.length === countries.length;
  return {
    row,
    fields: {
      controllerName: name.slice(0, 200),
      controllerContact: [contact, representative ? `Representative: ${representative}` : null].filter(Boolean).join('\n') || null,
      processingCategories: splitCell(cell('processingCategories'), 'lists'),
      transfers: countries.map(({ item, code }, index) => {
        const safeguard = paired ? safeguards[safeguards.length === 1 ? 0 : index] : null;
        const unmatched = [code ? null : `country "${item}"`, safeguard && !safeguard.found ? `safeguard "${safeguard.item}"` : null].filter(Boolean);
        return {
          country: code,
          mechanism: (safeguard?.found?.code ?? null) as ProcessorRecordInput['transfers'][number]['mechanism'],
          mechanismDate: safeguard?.found?.date ?? null,
          note: unmatched.length ? `Imported as text: ${unmatched.join(', ')}` : null,
        };
      }),
      securityMeasures: cell('security') || null,
      source: null,
    },
  };
}
