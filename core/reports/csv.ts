import { neutraliseFormula } from '../register/registerColumns';
import type { ReportTable } from './model';

/**
 * A report table as the CSV attached to the PDF: RFC 4180 (fields quoted when they hold a comma,
 * a quote or a line break; quotes doubled; CRLF between records), UTF-8 without a byte-order mark.
 * Cells are written as the snapshot holds them, except that a cell a spreadsheet would run as a
 * formula (= + - @ first) gets an apostrophe in front, as in the register export: an auditor opens
 * these files in a spreadsheet, and call records or imported registers carry text from outside.
 * snapshot.json keeps the exact value; `verify` rebuilds each file byte for byte from it.
 */
export function tableCsv(table: ReportTable, { asText = true }: { asText?: boolean } = {}): string {
  const field = (cell: string) => {
    const text = asText ? neutraliseFormula(cell) : cell;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.columns, ...table.rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/**
 * Every CSV a report of this table may carry: today's, and the one reports printed before
 * formula cells were written as text carry (cells exactly as in the snapshot). `verify` accepts
 * either, so an older report still checks out.
 */
export const acceptedTableCsvs = (table: ReportTable): string[] => [...new Set([tableCsv(table), tableCsv(table, { asText: false })])];

/** The attachment name of a table's CSV. */
export const tableFileName = (table: Pick<ReportTable, 'name'>): string => `${table.name}.csv`;

/** The attachment name of the snapshot, whose SHA-256 is the report's fingerprint. */
export const snapshotFileName = 'snapshot.json';
