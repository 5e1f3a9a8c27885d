import { describe, expect, it } from 'vitest';
import { comparePageTexts, expectedText, type FoldedText, type PageText } from '../../service/reports/pageText';

/**
 * The page-text comparison on its own (service/reports/pageText.ts), with pages written out by
 * hand as a PDF reader would read them: what printing may change (line and page breaks, capitals,
 * a table header repeated, the end of a column carried to the next page) passes; text added,
 * changed, moved elsewhere or missing does not. Real printed reports and forgeries of them are
 * checked in signing.test.ts and reportParts.test.ts.
 */
const html = (body: string) => `<!DOCTYPE html><html><head><title>Not printed</title><style>p { color: red }</style></head><body>${body}</body></html>`;
const folded = (text: string): FoldedText => {
  const result = expectedText([html(`<p>${text}</p>`)]);
  return { folded: result.folded, original: result.original, origin: result.origin };
};
const stampOf = (page: number, total: number) => folded(`Org · Title CONFIDENTIAL CONFIDENTIAL Page ${page} of ${total} SHA-256 of the attached snapshot.json: abc123`);
const pagesOf = (...bodies: string[]): PageText[] => bodies.map((body, index) => ({ body: folded(body), stamp: stampOf(index + 1, bodies.length) }));
const stamp = { fingerprint: 'abc123', classification: 'CONFIDENTIAL', heading: 'Org · Title' };

const document = html(
  '<h1>Vendor register</h1><dl><dt>Processing agreement (Art. 28(3))</dt><dd>No reference recorded</dd></dl>' +
    '<table><thead><tr><th>Vendor</th><th>Country</th></tr></thead><tbody><tr><td>Square</td><td>US</td></tr><tr><td>Sterling</td><td>US</td></tr></tbody></table>' +
    '<svg><title>Chart title, not printed</title><text>12 kept</text></svg><p>Stra&szlig;e &amp; end</p>',
);
const expected = expectedText([document]);

describe('page text against the rendered data', () => {
  it('reads the text a browser prints, in order, without the head, titles or markup', () => {
    expect(expected.folded).toBe('vendorregisterprocessingagreement(art.28(3))noreferencerecordedvendorcountrysquareussterlingus12keptstraße&end'.replace('ß', 'ss'));
    expect(expected.tables).toEqual([{ from: expected.folded.indexOf('square'), to: expected.folded.indexOf('12kept'), header: 'vendorcountry' }]);
  });

  it('accepts the same text broken into other lines and pages, in capitals, with a table header repeated', () => {
    expect(comparePageTexts(expected, pagesOf('VENDOR REGISTER Processing agreement (Art. 28(3)) No reference recorded Vendor Country Square US', 'Vendor Country Sterling US 12 kept STRASSE & end'), stamp)).toEqual([]);
  });

  it('accepts the last line of a column carried to the top of the next page while its neighbour stayed', () => {
    expect(comparePageTexts(expected, pagesOf('Vendor register Processing agreement (Art. No reference recorded', '28(3)) Vendor Country Square US Sterling US 12 kept Straße & end'), stamp)).toEqual([]);
  });

  it('names the page that reads something else, with both texts', () => {
    const problems = comparePageTexts(expected, pagesOf('Vendor register Processing agreement (Art. 28(3)) No reference recorded', 'Vendor Country Square UK Sterling US 12 kept Straße & end'), stamp);
    expect(problems).toEqual([expect.stringMatching(/^Page 2 does not read what the attached data gives: the page has "Vendor Country Square UK Sterling.*" where the data gives ".*Square US Sterling/)]);
  });

  it('finds text added at the end, text left out, a carried line that never arrives, and wrong page numbers', () => {
    expect(comparePageTexts(expected, pagesOf('Vendor register Processing agreement (Art. 28(3)) No reference recorded Vendor Country Square US Sterling US 12 kept Straße & end. Approved.'), stamp)).toEqual([
      expect.stringMatching(/^Page 1 reads text the attached data does not give: "….*Sterling US 12 kept Straße & end\. Approved\."\.$/),
    ]);
    expect(comparePageTexts(expected, pagesOf('Vendor register Processing agreement (Art. 28(3)) No reference recorded Vendor Country Square US'), stamp)).toEqual([
      expect.stringMatching(/^The pages end before the attached data does: no page reads "…Sterling US 12 kept Straße & end" \(a page was removed or cut short\)\.$/),
    ]);
    expect(comparePageTexts(expected, pagesOf('Vendor register Processing agreement (Art. No reference recorded', 'Vendor Country Square US Sterling US 12 kept Straße & end'), stamp)).toEqual([
      expect.stringMatching(/^Page 2 does not begin with the text page 1 left to it \("28\(3\)\)"\)/),
    ]);
    expect(comparePageTexts(expected, pagesOf('Vendor register Processing agreement (Art. No reference recorded Vendor Country Square US Sterling US 12 kept Straße & end'), stamp)).toEqual([
      'The last page leaves text of the attached data unprinted: "28(3))".',
    ]);
    const renumbered = pagesOf('Vendor register Processing agreement (Art. 28(3)) No reference recorded', 'Vendor Country Square US Sterling US 12 kept Straße & end');
    renumbered[1]!.stamp = stampOf(3, 3);
    expect(comparePageTexts(expected, renumbered, stamp)).toEqual(['Page 2\'s header and footer do not state "Page 2 of 2".']);
    // A header cut short with an ellipsis passes; words added to the header and footer (drawn as an artifact) do not.
    const cut = pagesOf('Vendor register Processing agreement (Art. 28(3)) No reference recorded Vendor Country Square US Sterling US 12 kept Straße & end');
    cut[0]!.stamp = folded('Org · Ti… CONFIDENTIAL CONFIDENTIAL Page 1 of 1 SHA-256 of the attached snapshot.json: abc123');
    expect(comparePageTexts(expected, cut, stamp)).toEqual([]);
    cut[0]!.stamp = folded('Org · Title CONFIDENTIAL CONFIDENTIAL Page 1 of 1 SHA-256 of the attached snapshot.json: abc123 No vendors (all contracts terminated)');
    expect(comparePageTexts(expected, cut, stamp)).toEqual([expect.stringMatching(/^Page 1's header and footer read ".*No vendors \(all contracts terminated\)", not the report's own header and footer/)]);
  });
});
