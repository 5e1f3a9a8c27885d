import { describe, expect, it } from 'vitest';
import { acceptedTableCsvs, tableCsv } from '../../core/reports/csv';

describe('the CSV attached for a report table', () => {
  it('is RFC 4180 with CRLF, and a cell a spreadsheet would run as a formula is written as text', () => {
    const csv = tableCsv({
      name: 'calls',
      columns: ['Caller', 'Note'],
      rows: [
        ['=HYPERLINK("http://x","y")', 'plain, with a comma'],
        ['+31 6 1234', '@SUM(A1)'],
        ['-2', 'two\nlines'],
        ['Smartt', '—'],
      ],
    });
    expect(csv).toBe(
      ['Caller,Note', `"'=HYPERLINK(""http://x"",""y"")","plain, with a comma"`, `'+31 6 1234,'@SUM(A1)`, `'-2,"two\nlines"`, 'Smartt,—', ''].join('\r\n'),
    );
  });
});

describe('the CSVs verify accepts for a table', () => {
  it("are today's and the one reports printed before formula cells were written as text carry", () => {
    const table = { name: 'calls', columns: ['Caller'], rows: [['+31 6 1234']] };
    expect(acceptedTableCsvs(table)).toEqual([`Caller\r\n'+31 6 1234\r\n`, 'Caller\r\n+31 6 1234\r\n']);
    // A table without such cells has one form only.
    expect(acceptedTableCsvs({ name: 'plain', columns: ['A'], rows: [['b']] })).toEqual(['A\r\nb\r\n']);
  });
});
