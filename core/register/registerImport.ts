import { cleanCell } from './importText';
import {
  extensibleColumns,
  noSafeguard,
  proposeTerm,
  readSafeguardDate,
  reviewColumns,
  termsOf,
  valueKey,
  type ReviewColumn,
  type RuleTerm,
  type ValueDecision,
  type ValueProposal,
} from './importReview';
import {
  cellText,
  columnOfHeading,
  itemsOfCell,
  normaliseHeader,
  parseRegisterRow,
  registerColumnKeys,
  registerColumns,
  type ParsedRow,
  type RegisterColumnKey,
  type TermResolver,
} from './registerColumns';
import { parseProcessorRow, type ParsedProcessorRecord } from './processorRecordImport';
import { customCodeOf, type Vocabulary } from './vocabularies';

/**
 * A register table as people keep it (the ICO's templates, the CNIL's model, their own sheet):
 * the heading row found below any title rows, notes rows skipped, columns matched by heading or
 * synonym (or as the user mapped them), every distinct vocabulary value proposed a term once, and
 * each row read with the choices made. Pure: reading the file's bytes is the service's job.
 */

/** A file layout remembered with the choices made for it. */
export interface RegisterImportLayout {
  id: string;
  name: string;
  /** The layout's headings, normalised, joined: files with the same headings share the layout. */
  signature: string;
  /** Heading (normalised) → register column, or null for a column not imported. */
  columns: Record<string, RegisterColumnKey | null>;
  values: Array<{ column: ReviewColumn; value: string; decision: ValueDecision }>;
  createdAt: string;
  updatedAt: string;
}

/** What the user chose in the mapping and review steps (or a saved layout holds). */
export interface ImportChoices {
  /** Heading (as written, or normalised) → register column, or null to leave the column out. */
  columns?: Record<string, RegisterColumnKey | null> | undefined;
  values?: ReadonlyArray<{ column: ReviewColumn; value: string; decision: ValueDecision }> | undefined;
}

export interface ColumnMatch {
  /** 0-based position in the heading row. */
  index: number;
  heading: string;
  key: RegisterColumnKey | null;
  /** How the column was matched: by the workbench's heading, a synonym, the user's (or layout's) choice, or not at all. */
  how: 'heading' | 'synonym' | 'chosen' | 'none';
}

export interface TableAnalysis {
  /** The heading row's number in the file (1-based). */
  headerRow: number;
  /** Title rows above the headings, notes rows below: not records, skipped. */
  skipped: Array<{ row: number; reason: string }>;
  columns: ColumnMatch[];
  signature: string;
  values: ValueProposal[];
  /** Characters removed from cells (NUL, control characters, undefined bytes), each with its place. */
  problems: Array<{ row: number; column: string; message: string }>;
  rows: Array<ParsedRow | { row: number; reason: string }>;
  /** Terms the import adds to the workspace's vocabulary (values the user chose to add as new terms). */
  newTerms: Array<{ kind: 'data-category' | 'transfer-mechanism'; label: string; code: string }>;
  /** What the table holds: controller records (activities), or the ICO processor template's Art. 30(2) records. */
  kind: 'activities' | 'processor-records';
  /** The Art. 30(2) records, when the table is the processor template (then `rows` is empty). */
  processorRecords: Array<ParsedProcessorRecord | { row: number; reason: string }>;
}

/** The row (0-based) that holds the headings: the one among the first 30 naming most register columns. */
export function findHeaderRow(table: readonly string[][]): number {
  let best = -1;
  let bestScore = 0;
  table.slice(0, 30).forEach((cells, index) => {
    const score = new Set(cells.map((cell) => columnOfHeading(cell)).filter(Boolean)).size;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  if (best >= 0) return best;
  // No heading is known: the first row with text is taken as the headings, for the user to map.
  const first = table.findIndex((cells) => cells.some((cell) => cell.trim()));
  return first < 0 ? 0 : first;
}

const notesStart = /^\s*(notes?\b|n\.?b\.?\b|please\b|guidance\b|example\b|e\.g\.|for example\b|\*|remarque|exemple|à titre d'exemple)/i;

/** Reads a register table with the user's choices; proposals stand wherever no choice was made. */
export function analyseTable(table: readonly string[][], vocabulary: Vocabulary, choices: ImportChoices = {}, rules: readonly RuleTerm[] = []): TableAnalysis {
  const headerIndex = findHeaderRow(table);
  const headings = (table[headerIndex] ?? []).map((cell) => cleanCell(cell).value.trim());
  const skipped: TableAnalysis['skipped'] = [];
  for (let index = 0; index < headerIndex; index += 1) {
    if (table[index]!.some((cell) => cell.trim())) skipped.push({ row: index + 1, reason: 'title row above the headings' });
  }

  const chosen = new Map(Object.entries(choices.columns ?? {}).map(([heading, key]) => [normaliseHeader(heading), key]));
  const taken = new Set<RegisterColumnKey>();
  const columns: ColumnMatch[] = headings.map((heading, index) => {
    const normalised = normaliseHeader(heading);
    let key: RegisterColumnKey | null | undefined;
    let how: ColumnMatch['how'];
    if (chosen.has(normalised)) {
      key = chosen.get(normalised) ?? null;
      how = key ? 'chosen' : 'none';
    } else {
      key = heading ? (columnOfHeading(heading) ?? null) : null;
      how = key === null ? 'none' : normaliseHeader(registerColumns[key].header) === normalised ? 'heading' : 'synonym';
    }
    if (key && taken.has(key)) {
      key = null;
      how = 'none';
    }
    if (key) taken.add(key);
    return { index, heading, key, how };
  });
  const byKey: Partial<Record<RegisterColumnKey, number>> = {};
  for (const column of columns) if (column.key) byKey[column.key] = column.index;
  const signature = headings.map(normaliseHeader).filter(Boolean).join('|');
  const width = headings.length;

  // Every data row, cleaned, with the rows that are not records set aside.
  const problems: TableAnalysis['problems'] = [];
  const records: Array<{ row: number; cells: string[] } | { row: number; reason: string }> = [];
  const kind: TableAnalysis['kind'] =
    byKey.processingCategories !== undefined && byKey.controllerDetails !== undefined && byKey.name === undefined && byKey.purposes === undefined ? 'processor-records' : 'activities';
  const identity = new Set([byKey.name, byKey.businessFunction, byKey.purposes, byKey.controllerDetails].filter((index) => index !== undefined));
  for (let index = headerIndex + 1; index < table.length; index += 1) {
    const row = index + 1;
    const cells = table[index]!.map((cell, at) => {
      const { value, removed } = cleanCell(cell);
      for (const what of removed) problems.push({ row, column: headings[at] || `column ${at + 1}`, message: `${what} removed` });
      return value;
    });
    const filled = cells.map((cell, at) => ({ cell: cell.trim(), at })).filter((entry) => entry.cell);
    if (!filled.length) continue;
    if (filled.length <= 2 && notesStart.test(filled[0]!.cell)) {
      skipped.push({ row, reason: 'notes row' });
      continue;
    }
    if (filled.length === 1 && width >= 4 && !identity.has(filled[0]!.at)) {
      skipped.push({ row, reason: `notes row (only "${headings[filled[0]!.at] || `column ${filled[0]!.at + 1}`}" is filled)` });
      continue;
    }
    const beyond = filled.filter((entry) => entry.at >= width);
    if (beyond.length) {
      const reasons = [
        `has ${cells.length} cells but the heading row has ${width}: ${beyond.map((entry) => `cell ${entry.at + 1} ("${entry.cell.slice(0, 40)}")`).join(', ')} cannot be matched to a column (check the commas or quotes)`,
        ...problems.filter((problem) => problem.row === row).map((problem) => `${problem.column}: ${problem.message}`),
      ];
      records.push({ row, reason: reasons.join('; ') });
      continue;
    }
    records.push({ row, cells: cells.length < width ? [...cells, ...Array<string>(width - cells.length).fill('')] : cells });
  }

  // Every distinct value of the vocabulary columns, once, with its proposal and decision.
  const termLists = new Map(reviewColumns.map((column) => [column, termsOf(column, vocabulary, rules)]));
  const proposals = new Map<string, ValueProposal>();
  const decided = new Map((choices.values ?? []).map((entry) => [valueKey(entry.column, entry.value), entry.decision]));
  const own = byKey.id !== undefined;
  const isTerm = (column: ReviewColumn) => (piece: string) => {
    const match = proposeTerm(column, piece, termLists.get(column)!).match;
    return match === 'exact' || match === 'synonym';
  };
  const itemsOf = (column: ReviewColumn, cells: readonly string[]) => {
    const at = byKey[column as RegisterColumnKey];
    // With a rule column of its own, the file says which rule applies: its retention text is only text.
    if (at === undefined || (column === 'retention' && byKey.retentionRule !== undefined)) return [];
    return itemsOfCell(column, cellText(cells[at] ?? ''), own, isTerm(column)).filter((item) => !(column === 'safeguards' && noSafeguard.test(item)));
  };
  for (const record of records) {
    if (!('cells' in record)) continue;
    for (const column of reviewColumns) {
      for (const item of itemsOf(column, record.cells)) {
        const key = valueKey(column, item);
        const known = proposals.get(key);
        if (known) {
          known.count += 1;
          continue;
        }
        const proposal = proposeTerm(column, item, termLists.get(column)!);
        const choice = decided.get(key);
        const usable = choice && (choice.action !== 'new-term' || extensibleColumns[column]) && (choice.action !== 'map' || termLists.get(column)!.some((term) => term.code === choice.code) || column === 'countries');
        const decision: ValueDecision = usable ? choice : proposal.code ? { action: 'map', code: proposal.code } : { action: 'text' };
        proposals.set(key, { column, value: item, count: 1, ...proposal, decision, chosen: Boolean(usable) });
      }
    }
  }

  const newTerms: TableAnalysis['newTerms'] = [];
  for (const proposal of proposals.values()) {
    const kind = extensibleColumns[proposal.column];
    const code = customCodeOf(proposal.value);
    // Two spellings that give the same code ("Bank & card details", "Bank / card details") are one new term.
    if (proposal.decision.action === 'new-term' && kind && !newTerms.some((term) => term.kind === kind && term.code === code)) newTerms.push({ kind, label: proposal.value.trim(), code });
  }
  const resolve: TermResolver = (column, item) => {
    const proposal = proposals.get(valueKey(column, item));
    if (!proposal) return null;
    const { decision } = proposal;
    if (decision.action === 'text') return null;
    if (decision.action === 'new-term') return { code: customCodeOf(proposal.value), date: column === 'safeguards' ? readSafeguardDate(item, null).date : null };
    return { code: decision.code, date: column === 'safeguards' ? readSafeguardDate(item, decision.code).date : null };
  };
  const termTest = (column: ReviewColumn, piece: string) => isTerm(column)(piece);
  const parse = (record: (typeof records)[number]) => ('cells' in record ? parseRegisterRow(record.cells, byKey, record.row, resolve, termTest) : record);
  const parseProcessor = (record: (typeof records)[number]) => ('cells' in record ? parseProcessorRow(record.cells, byKey, record.row, resolve, termTest) : record);
  return {
    headerRow: headerIndex + 1,
    skipped,
    columns,
    signature,
    values: [...proposals.values()],
    problems,
    rows: kind === 'activities' ? records.map(parse) : [],
    newTerms,
    kind,
    processorRecords: kind === 'processor-records' ? records.map(parseProcessor) : [],
  };
}

/** The register columns a user may map a heading to. */
export const mappableColumns: ReadonlyArray<{ key: RegisterColumnKey; header: string }> = registerColumnKeys
  .filter((key) => key !== 'createdAt' && key !== 'updatedAt')
  .map((key) => ({ key, header: registerColumns[key].header }));

