import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../core/reports/csv';

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
