import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { splitCsvLine } from '../../core/recordings/csvLine';

describe('the fast CSV line reader', () => {
  it('reads bare and quoted fields as a full CSV parser does, and gives up on anything else', () => {
    expect(splitCsvLine('"","+336",200,"a ""b"", c",', ',')).toEqual(['', '+336', '200', 'a "b", c', '']);
    expect(splitCsvLine('a;"b;c";d', ';')).toEqual(['a', 'b;c', 'd']);
    expect(splitCsvLine('', ',')).toEqual(['']);
    for (const odd of ['a,b"c', '"a"b,c', '"open,c', ' "a",b']) expect(splitCsvLine(odd, ','), odd).toBeNull();
  });

  it('agrees with papaparse on every line it accepts', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', '1', ' ', ',', '"', ';', 'é') }), fc.constant(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 8 }), fc.constantFrom(',', ';'), (cells, delimiter) => {
        const line = cells.map(([text, quoted]) => (quoted ? `"${text.replace(/"/g, '""')}"` : text)).join(delimiter);
        const fast = splitCsvLine(line, delimiter);
        if (fast === null) return;
        expect(fast).toEqual(Papa.parse<string[]>(line, { delimiter }).data[0] ?? ['']);
      }),
      { numRuns: 2000 },
    );
  });
});
