import { Unzip, UnzipInflate } from 'fflate';
import { Parser } from 'htmlparser2';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { WorkbenchError } from '../core/contract';
import { decodeText, type TextEncoding } from '../core/register/importText';
import { valueKey, type RuleTerm } from '../core/register/importReview';
import { analyseTable, type ImportChoices, type RegisterImportLayout, type TableAnalysis } from '../core/register/registerImport';
import type { Vocabulary } from '../core/register/vocabularies';

/**
 * Reading a register table from a file's bytes: CSV (its encoding detected), XLSX or ODS, within
 * limits, then analysing it with the user's choices or a saved layout's. No database: it runs in
 * the register-plan worker (service/registerPlanWorker.ts), so that the service keeps answering
 * while a large or hostile file is read, and in-process where no worker is built (some tests).
 */

export interface ReadLimits {
  /** Bytes a workbook may inflate to, all entries together (a zip bomb inflates far beyond its size). */
  uncompressedBytes: number;
  /** Entries a workbook may hold. */
  entries: number;
  /** Cells a table may hold (rows × the cells of each row). */
  cells: number;
}

export const defaultReadLimits: ReadLimits = { uncompressedBytes: 256 * 1024 * 1024, entries: 10_000, cells: 5_000_000 };

export interface RegisterReadInput {
  format: 'csv' | 'xlsx' | 'ods';
  bytes: Uint8Array;
  /** The CSV arrived as text (UTF-8), not as bytes whose encoding is to be found. */
  utf8Text?: boolean;
  vocabulary: Vocabulary;
  rules: RuleTerm[];
  choices: ImportChoices;
  layouts: RegisterImportLayout[];
  /** A saved layout the user named; without it, the layout saved for the file's headings applies. */
  layoutName?: string | undefined;
  limits?: ReadLimits;
}

/** How far a read has got: its phase, and the share done when it can be told (0 to 1). */
export interface ReadProgress {
  phase: 'checking' | 'reading' | 'analysing';
  share: number | null;
}

export interface RegisterReadResult {
  analysis: TableAnalysis;
  encoding: TextEncoding | null;
  layout: RegisterImportLayout | null;
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The entries a test wants from a zip, inflated, after every entry's size is counted against the limits. */
function unzipChecked(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ReadLimits, what: string, onProgress?: (progress: ReadProgress) => void): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let entries = 0;
  // A limit reached inside the inflater's callbacks: fflate may wrap what is thrown there.
  let refused: WorkbenchError | null = null;
  const refuse = (message: string): never => {
    refused = new WorkbenchError('invalid-input', message, 'content');
    throw refused;
  };
  const unzip = new Unzip((file) => {
    entries += 1;
    if (entries > limits.entries) refuse(`The ${what} holds more than ${limits.entries} entries; it is refused as unsafe to read.`);
    const keep = wanted(file.name);
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (error) throw new WorkbenchError('invalid-input', `The ${what} could not be read: ${error.message}`, 'content');
      total += chunk.length;
      if (total > limits.uncompressedBytes) {
        refuse(
          `The ${what} inflates to more than ${megabytes(limits.uncompressedBytes)} (it is ${bytes.length.toLocaleString('en')} bytes packed); it is refused as unsafe to read (a "zip bomb"). Save the sheet again, or export it as CSV.`,
        );
      }
      if (keep) chunks.push(chunk);
      if (final && keep) files.set(file.name, Buffer.concat(chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Fed in slices, so that progress can be told as the packed bytes are read.
    const slice = 1024 * 1024;
    for (let start = 0; start < bytes.length; start += slice) {
      const end = Math.min(bytes.length, start + slice);
      unzip.push(bytes.subarray(start, end), end === bytes.length);
      onProgress?.({ phase: 'checking', share: end / bytes.length });
    }
    if (!bytes.length) unzip.push(bytes, true);
  } catch (error) {
    if (refused) throw refused;
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError('invalid-input', `The ${what} could not be read: ${error instanceof Error ? error.message : String(error)}`, 'content');
  }
  return files;
}

const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** A spreadsheet cell as the text a CSV file would hold (dates as yyyy-MM-dd). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

function countCells(table: readonly string[][], limits: ReadLimits, what: string): void {
  let cells = 0;
  for (const row of table) {
    cells += row.length;
    if (cells > limits.cells) throw new WorkbenchError('invalid-input', `The ${what} holds more than ${limits.cells.toLocaleString('en')} cells; split it, or export it as CSV.`, 'content');
  }
}

async function readXlsx(bytes: Uint8Array, limits: ReadLimits, onProgress?: (progress: ReadProgress) => void): Promise<string[][]> {
  if (!isZip(bytes)) {
    throw new WorkbenchError('invalid-input', 'The file is not an XLSX workbook (send its bytes as base64; a .xls or .csv file renamed to .xlsx is refused).', 'content');
  }
  // Every entry is inflated and counted first, so that a bomb is refused before the reader builds anything;
  // the cells the sheets address (their last row times their last column) are counted before the reader
  // builds its table, so that one cell at ZZ1000000 is refused rather than allocated.
  const sheets = unzipChecked(bytes, (name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name), limits, 'XLSX workbook', onProgress);
  for (const xml of sheets.values()) {
    let lastRow = 0;
    let lastColumn = 0;
    const text = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('latin1');
    for (const match of text.matchAll(/<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"/g)) {
      const column = [...match[1]!].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
      lastColumn = Math.max(lastColumn, column);
      lastRow = Math.max(lastRow, Number(match[2]));
    }
    if (lastRow * lastColumn > limits.cells) {
      throw new WorkbenchError('invalid-input', `The XLSX workbook addresses ${lastRow.toLocaleString('en')} rows by ${lastColumn.toLocaleString('en')} columns, more than ${limits.cells.toLocaleString('en')} cells; split it, or export it as CSV.`, 'content');
    }
  }
  onProgress?.({ phase: 'reading', share: null });
  let rows: unknown[][];
  try {
    rows = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new WorkbenchError('invalid-input', `The XLSX workbook could not be read: ${error instanceof Error ? error.message : String(error)}`, 'content');
  }
  const table = rows.map((row) => row.map(cellText));
  countCells(table, limits, 'XLSX workbook');
  return table;
}

/**
 * The first table of an OpenDocument spreadsheet (ODF 1.2 part 1, 9.1: table:table-row and
 * table:table-cell, with their number-rows-repeated and number-columns-repeated). Repeated empty
 * rows and cells are only written out when something follows them, so the "whole sheet" of empty
 * repeats an office suite writes costs nothing; what a cell shows is its text (text:p, one per line),
 * except dates, which are read from office:date-value.
 */
function readOds(bytes: Uint8Array, limits: ReadLimits, onProgress?: (progress: ReadProgress) => void): string[][] {
  if (!isZip(bytes)) throw new WorkbenchError('invalid-input', 'The file is not an ODS spreadsheet.', 'content');
  const files = unzipChecked(bytes, (name) => name === 'content.xml', limits, 'ODS spreadsheet', onProgress);
  onProgress?.({ phase: 'reading', share: null });
  const content = files.get('content.xml');
  if (!content) throw new WorkbenchError('invalid-input', 'The ODS spreadsheet has no content.xml: it is not an OpenDocument spreadsheet.', 'content');
  const table: string[][] = [];
  let cells = 0;
  let tables = 0;
  let inTable = false;
  let row: string[] | null = null;
  let rowRepeat = 1;
  let pendingRows = 0;
  let cell: { text: string[]; repeat: number; date: string | null } | null = null;
  let pendingCells = 0;
  let paragraph: string | null = null;
  const grow = (count: number) => {
    cells += count;
    if (cells > limits.cells) throw new WorkbenchError('invalid-input', `The ODS spreadsheet holds more than ${limits.cells.toLocaleString('en')} cells; split it, or export it as CSV.`, 'content');
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'table:table') {
          tables += 1;
          inTable = tables === 1;
          return;
        }
        if (!inTable) return;
        if (name === 'table:table-row') {
          row = [];
          pendingCells = 0;
          rowRepeat = Math.max(1, Number(attributes['table:number-rows-repeated'] ?? 1) || 1);
        } else if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && row) {
          const date = attributes['office:value-type'] === 'date' ? (attributes['office:date-value'] ?? '').slice(0, 10) : null;
          cell = { text: [], repeat: Math.max(1, Number(attributes['table:number-columns-repeated'] ?? 1) || 1), date };
        } else if (name === 'text:p' && cell) paragraph = '';
        else if (name === 'text:s' && paragraph !== null) paragraph += ' '.repeat(Math.min(1000, Math.max(1, Number(attributes['text:c'] ?? 1) || 1)));
        else if (name === 'text:tab' && paragraph !== null) paragraph += '\t';
        else if (name === 'text:line-break' && paragraph !== null) paragraph += '\n';
      },
      ontext(text) {
        if (paragraph !== null) paragraph += text;
      },
      onclosetag(name) {
        if (!inTable) return;
        if (name === 'text:p' && cell && paragraph !== null) {
          cell.text.push(paragraph);
          paragraph = null;
        } else if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && row && cell) {
          const value = cell.date ?? cell.text.join('\n');
          if (value) {
            grow(pendingCells + cell.repeat);
            for (let index = 0; index < pendingCells; index += 1) row.push('');
            for (let index = 0; index < cell.repeat; index += 1) row.push(value);
            pendingCells = 0;
          } else pendingCells += cell.repeat;
          cell = null;
        } else if (name === 'table:table-row' && row) {
          if (row.length) {
            // Empty rows written out before this one count as cells too: a huge repeat is refused, not built.
            grow(pendingRows);
            for (let index = 0; index < pendingRows; index += 1) table.push([]);
            grow(row.length * rowRepeat);
            for (let index = 0; index < rowRepeat; index += 1) table.push([...row]);
            pendingRows = 0;
          } else pendingRows += rowRepeat;
          row = null;
        } else if (name === 'table:table') inTable = false;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8'));
  parser.end();
  return table;
}

/** Reads and analyses a register table; the same code runs in the worker and in-process. */
export async function readRegisterTable(input: RegisterReadInput, onProgress?: (progress: ReadProgress) => void): Promise<RegisterReadResult> {
  const limits = input.limits ?? defaultReadLimits;
  let table: string[][];
  let encoding: TextEncoding | null = null;
  if (input.format === 'xlsx') table = await readXlsx(input.bytes, limits, onProgress);
  else if (input.format === 'ods') table = readOds(input.bytes, limits, onProgress);
  else {
    onProgress?.({ phase: 'reading', share: null });
    const decoded = input.utf8Text ? { text: Buffer.from(input.bytes).toString('utf8').replace(/^\uFEFF/, ''), encoding: 'utf-8' as const } : decodeText(input.bytes);
    encoding = decoded.encoding;
    // Empty lines are kept while parsing, so that the row numbers reported are the file's own.
    const parsed = Papa.parse<string[]>(decoded.text, { skipEmptyLines: false });
    const fatal = parsed.errors.find((error) => error.type === 'Quotes');
    if (fatal) throw new WorkbenchError('invalid-input', `CSV row ${(fatal.row ?? 0) + 1}: ${fatal.message}`, 'content');
    table = parsed.data;
    countCells(table, limits, 'CSV file');
  }
  if (!table.some((cells) => cells.some((cell) => cell.trim()))) {
    throw new WorkbenchError('invalid-input', 'The file is empty: it needs a heading row and one row per activity.', 'content');
  }
  onProgress?.({ phase: 'analysing', share: null });
  let analysis = analyseTable(table, input.vocabulary, input.choices, input.rules);
  const layout = input.layoutName
    ? (input.layouts.find((entry) => entry.name.toLowerCase() === input.layoutName!.toLowerCase()) ?? null)
    : ([...input.layouts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).find((entry) => entry.signature === analysis.signature) ?? null);
  if (input.layoutName && !layout) throw new WorkbenchError('not-found', `layout: no saved layout is named "${input.layoutName}"`, 'layout');
  if (layout) {
    // The layout's choices, with the user's own choices in this import on top.
    const chosenValues = new Set((input.choices.values ?? []).map((entry) => valueKey(entry.column, entry.value)));
    analysis = analyseTable(
      table,
      input.vocabulary,
      {
        columns: { ...layout.columns, ...(input.choices.columns ?? {}) },
        values: [...layout.values.filter((entry) => !chosenValues.has(valueKey(entry.column, entry.value))), ...(input.choices.values ?? [])],
      },
      input.rules,
    );
  }
  return { analysis, encoding, layout };
}
