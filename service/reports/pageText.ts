import { Parser } from 'htmlparser2';

/**
 * Page text against data: what each printed page of a report reads, compared with what its
 * attached data renders to (the same HTML the report was printed from, rendered again).
 *
 * The comparison does not depend on where lines or pages break (that depends on the fonts of the
 * computer that printed it): both sides are folded to their characters without white space, in
 * one case (print.css sets some headings in capitals), and the pages must read the rendered text
 * in order, from the first character to the last. What Chromium adds is allowed: a table's header
 * row repeated at the top of a page the table continues on. The running header and footer are
 * drawn as artifacts (service/reports/assemble.ts) and checked on their own: each page must name
 * its number, the page count and the fingerprint.
 */

/** Text folded for comparison, with where each folded character came from in the original. */
export interface FoldedText {
  folded: string;
  /** The original text (text nodes or runs joined with a space), for quoting. */
  original: string;
  /** For each UTF-16 unit of `folded`, its position in `original`. */
  origin: number[];
}

const ignored = /[\s\u00ad\u200b-\u200d\u2060\ufeff]/u;

function foldInto(target: FoldedText, text: string): void {
  if (target.original.length) target.original += ' ';
  for (const character of text.normalize('NFKC')) {
    const at = target.original.length;
    target.original += character;
    if (ignored.test(character)) continue;
    // Upper then lower: text-transform: uppercase writes "SS" for "ß"; both fold to "ss".
    const folded = character.toUpperCase().toLowerCase();
    target.folded += folded;
    for (let unit = 0; unit < folded.length; unit += 1) target.origin.push(at);
  }
}

const emptyFolded = (): FoldedText => ({ folded: '', original: '', origin: [] });

/** A quotation of the original around a folded position, for a message. */
export function quoteAt(text: FoldedText, position: number, before = 40): string {
  const at = position < text.origin.length ? text.origin[position]! : text.original.length;
  const from = Math.max(0, at - before);
  const to = Math.min(text.original.length, at + 60);
  return `${from > 0 ? '…' : ''}${text.original.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.original.length ? '…' : ''}`;
}

/** What the pages must read: the rendered documents' text, and each table body's range with its header (which a page may repeat). */
export interface ExpectedText extends FoldedText {
  tables: Array<{ from: number; to: number; header: string }>;
}

/** Elements whose text is not printed: the document head, and an SVG's accessible title. */
const unprinted = new Set(['head', 'style', 'script', 'title', 'desc']);

/** The text a report's HTML documents print, in document order (Chromium paints a report's text in that order). */
export function expectedText(documents: readonly string[]): ExpectedText {
  const expected: ExpectedText = { ...emptyFolded(), tables: [] };
  let hidden = 0;
  const headers: Array<{ start: number; header: string }> = [];
  let bodyFrom = -1;
  // The parser hands text over in pieces (an entity ends one): a text node is folded whole.
  let pending = '';
  const flush = () => {
    if (hidden === 0 && pending.trim()) foldInto(expected, pending);
    pending = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        flush();
        if (unprinted.has(name)) hidden += 1;
        else if (name === 'table') headers.push({ start: -1, header: '' });
        else if (name === 'thead' && headers.length) headers[headers.length - 1]!.start = expected.folded.length;
        else if (name === 'tbody') bodyFrom = expected.folded.length;
      },
      onclosetag(name) {
        flush();
        if (unprinted.has(name)) hidden -= 1;
        else if (name === 'table') headers.pop();
        else if (name === 'thead' && headers.length) {
          const table = headers[headers.length - 1]!;
          table.header = expected.folded.slice(table.start);
        } else if (name === 'tbody' && bodyFrom >= 0) {
          expected.tables.push({ from: bodyFrom, to: expected.folded.length, header: headers[headers.length - 1]?.header ?? '' });
          bodyFrom = -1;
        }
      },
      ontext(text) {
        pending += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  for (const document of documents) {
    parser.write(document);
    parser.end();
    flush();
    parser.reset();
  }
  return expected;
}

/** What one printed page reads: its content, and its running header and footer (marked as artifacts). */
export interface PageText {
  body: FoldedText;
  stamp: FoldedText;
}

interface TextItem {
  str?: string;
  type?: string;
  tag?: string;
}

/** The text of each page of a PDF, read with pdf.js (Mozilla's PDF reader), content and artifacts apart. */
export async function readPageTexts(bytes: Uint8Array): Promise<PageText[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js may take ownership of the buffer it is given: it reads a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const pages: PageText[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
      const text: PageText = { body: emptyFolded(), stamp: emptyFolded() };
      // Marked content nests; inside an Artifact, everything is the running header and footer.
      const open: boolean[] = [];
      for (const item of content.items as TextItem[]) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') open.push(item.tag === 'Artifact' || open.at(-1) === true);
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str) foldInto(open.at(-1) ? text.stamp : text.body, item.str);
      }
      pages.push(text);
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** The facts each page's running header and footer must state. */
export interface StampExpectation {
  fingerprint: string;
  classification: string;
  /** The running header's left part: "organisation · title". */
  heading: string;
}

/** How many characters two folded texts share from the given positions. */
function commonLength(a: string, from: number, b: string, at: number): number {
  let length = 0;
  while (from + length < a.length && at + length < b.length && a.charCodeAt(from + length) === b.charCodeAt(at + length)) length += 1;
  return length;
}

/** The most text one gap may carry to the next page (a few lines of a narrow column), and how many gaps a page may leave. */
const maxCarried = 400;
const maxCarriedPerPage = 40;
/** How much of the page must read on after a gap for the gap to count as carried (less where the page ends sooner). */
const continuationRun = 12;

/** A folded string, for a `contains` test. */
const fold = (text: string) => {
  const folded = emptyFolded();
  foldInto(folded, text);
  return folded.folded;
};

/**
 * Each way the pages differ from the expected text, in words, naming the page (at most a few:
 * after the first difference the rest would only repeat it).
 */
export function comparePageTexts(expected: ExpectedText, pages: readonly PageText[], stamp: StampExpectation): string[] {
  const problems: string[] = [];
  const fingerprint = fold(stamp.fingerprint);
  const classification = fold(stamp.classification);
  // The running header and footer, exactly: "organisation · title" (cut short with an ellipsis when
  // it does not fit), the classification twice, "Page N of T", the fingerprint line. Nothing else
  // may be drawn as an artifact: text added there would escape the comparison of the page's content.
  const header = fold(stamp.heading);
  // NFKC writes the ellipsis as three full stops.
  const ellipsis = fold('…');
  pages.forEach((page, index) => {
    const rest = fold(`${stamp.classification} ${stamp.classification} Page ${index + 1} of ${pages.length} SHA-256 of the attached snapshot.json: ${stamp.fingerprint}`);
    const actual = page.stamp.folded;
    const head = actual.endsWith(rest) ? actual.slice(0, actual.length - rest.length) : null;
    const headHolds = head !== null && (head === header || (head.endsWith(ellipsis) && head.length > ellipsis.length && header.startsWith(head.slice(0, -ellipsis.length))));
    if (headHolds || problems.length >= 5) return;
    const missing = [
      actual.includes(fold(`Page ${index + 1} of ${pages.length}`)) ? null : `"Page ${index + 1} of ${pages.length}"`,
      actual.includes(fingerprint) ? null : 'the fingerprint',
      actual.includes(classification) ? null : 'the classification',
    ].filter((part): part is string => part !== null);
    problems.push(
      missing.length
        ? `Page ${index + 1}'s header and footer do not state ${missing.join(', ')}.`
        : `Page ${index + 1}'s header and footer read "${page.stamp.original.replace(/\s+/g, ' ').trim().slice(0, 400)}", not the report's own header and footer (text added to them, or drawn as an artifact).`,
    );
  });

  const text = expected.folded;
  let position = 0;
  /** Text the data gives earlier than a page prints it: the last line(s) of an element whose neighbour continued on the page, printed at the top of the next. */
  let carried: string[] = [];
  for (const [index, page] of pages.entries()) {
    const body = page.body.folded;
    let read = 0;
    const differs = (where: number, data: number) =>
      data >= text.length
        ? `Page ${index + 1} reads text the attached data does not give: "${quoteAt(page.body, where)}".`
        : `Page ${index + 1} does not read what the attached data gives: the page has "${quoteAt(page.body, where)}" where the data gives "${quoteAt(expected, data)}".`;
    // A table continued from the page before repeats its header row at the top of this one.
    const table = expected.tables.find((range) => range.from <= position && position < range.to);
    if (table?.header && body.startsWith(table.header) && !text.startsWith(table.header, position)) read = table.header.length;
    for (const line of carried) {
      if (!body.startsWith(line, read)) {
        problems.push(`Page ${index + 1} does not begin with the text page ${index} left to it ("${line.slice(0, 60)}"): it has "${quoteAt(page.body, read)}".`);
        return problems;
      }
      read += line.length;
    }
    carried = [];
    while (read < body.length) {
      const same = commonLength(body, read, text, position);
      read += same;
      position += same;
      if (read >= body.length) break;
      // Where the page reads on past a gap, the gap must be carried to the next page: nothing else may be missing.
      const needed = Math.min(continuationRun, body.length - read);
      let gap = 1;
      while (gap <= maxCarried && position + gap < text.length && commonLength(body, read, text, position + gap) < needed) gap += 1;
      if (gap > maxCarried || position + gap >= text.length || carried.length >= maxCarriedPerPage) {
        problems.push(differs(read, position));
        return problems;
      }
      carried.push(text.slice(position, position + gap));
      position += gap;
    }
  }
  if (carried.length) problems.push(`The last page leaves text of the attached data unprinted: "${carried[0]!.slice(0, 60)}".`);
  else if (position < text.length) {
    problems.push(`The pages end before the attached data does: no page reads "${quoteAt(expected, position, 0)}" (a page was removed or cut short).`);
  }
  return problems;
}
