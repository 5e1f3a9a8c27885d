/**
 * Cuts a report's body markup into parts that Chromium prints as separate jobs.
 *
 * Chromium's print time grows faster than the page count of one job (measured here: 1 000 simple
 * pages print in 2 s, 3 000 in 28 s, 6 000 in 121 s) and a 10 000-activity register (17 MB of
 * HTML) fails to print at all. So a large report is cut into parts of about `budget` characters,
 * only where a page may break anyway: after a table row, a register entry, a section, a report
 * part, the cover or the contents. The elements still open at a cut are closed at the end of one
 * part and reopened (marked data-continued) at the start of the next; an open table gets its
 * header row again, so every page of a table still starts with its header.
 *
 * A body over the budget also ends a part after the table of contents, so the cover and contents
 * (printed a second time with their page numbers) are a short job of their own.
 *
 * The markup must be what react-dom/server writes: well formed, with every `<`, `>` and quote in
 * text and attribute values escaped. A body under the budget is returned whole, as one part.
 */

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Classes of elements after which a part may end (besides table rows, the cover and the contents). */
const cuttableClasses = ['report-entry', 'report-section', 'report-part'];

interface OpenElement {
  name: string;
  /** The opening tag as written, to reopen the element in the next part. */
  tag: string;
  /** For a table, its header row group once passed, repeated when the table is reopened. */
  head?: string;
  /** Where the element's opening tag starts in the markup (for a thead, to copy it whole). */
  start: number;
}

const classesOf = (tag: string): string[] => /\sclass="([^"]*)"/.exec(tag)?.[1]?.split(/\s+/) ?? [];

function cuttableAfter(element: OpenElement, parent: OpenElement | undefined): boolean {
  if (element.name === 'tr') return parent?.name === 'tbody';
  if (element.name === 'header' || element.name === 'nav') return true;
  return classesOf(element.tag).some((name) => cuttableClasses.includes(name));
}

/**
 * True when a closing tag (or the end) comes next: a cut there would reopen elements only to close
 * them again, leaving an empty table or section at the top of the next part.
 */
const closingNext = (markup: string, at: number) => /^\s*(?:<\/|$)/.test(markup.slice(at, at + 64));

/** An element reopened in the next part: marked, and without its id (the id stays with the original, where links must lead). */
const continued = (tag: string) => tag.replace(/\sid="[^"]*"/, '').replace(/\s*>$/, ' data-continued="">');

/** Splits body markup into parts of roughly `budget` characters at safe places; each part is well formed. */
export function splitReportMarkup(markup: string, budget: number): string[] {
  if (markup.length <= budget) return [markup];
  const parts: string[] = [];
  const stack: OpenElement[] = [];
  let prefix = '';
  let from = 0;
  const tags = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;
  for (let match = tags.exec(markup); match; match = tags.exec(markup)) {
    const [text, closing, rawName] = match;
    const name = rawName!.toLowerCase();
    if (!closing) {
      if (!voidElements.has(name) && !text.endsWith('/>')) stack.push({ name, tag: text, start: match.index });
      continue;
    }
    const closed = stack.pop();
    if (!closed || closed.name !== name) throw new Error(`Report markup is not well formed: </${name}> at ${match.index} closes <${closed?.name ?? 'nothing'}>.`);
    const end = match.index + text.length;
    const parent = stack[stack.length - 1];
    if (name === 'thead' && parent?.name === 'table') parent.head = markup.slice(closed.start, end);
    // The cover and contents end a part of their own: they are printed again once the pages are known, and should cost little.
    const contentsEnd = name === 'nav' && classesOf(closed.tag).includes('report-contents');
    if ((end - from < budget && !contentsEnd) || !cuttableAfter(closed, parent) || closingNext(markup, end)) continue;
    const closers = stack.map((element) => `</${element.name}>`).reverse().join('');
    parts.push(prefix + markup.slice(from, end) + closers);
    prefix = stack.map((element) => continued(element.tag) + (element.head ?? '')).join('');
    from = end;
  }
  if (stack.length) throw new Error(`Report markup is not well formed: <${stack[stack.length - 1]!.name}> is never closed.`);
  parts.push(prefix + markup.slice(from));
  return linkAcrossParts(parts);
}

/**
 * Prepares parts for printing in several jobs, which Chromium prints untagged (their structure
 * trees could not be joined): the outline is then built from the headings and their named
 * destinations (service/reports/assemble.ts). Chromium writes a link only when its target is in
 * the same job, and a named destination only for an element some link of the job points at. So:
 * every heading gets an id if it has none; each part gets an empty link to each of its headings
 * and to each of its elements another part links to (their destinations are then written), and an
 * empty placeholder for each id it links to in another part (its link is then written). When the
 * parts are joined, a later part's destination replaces an earlier placeholder's: links point
 * forward (the contents come first), so each name ends at its element.
 */
function linkAcrossParts(parts: string[]): string[] {
  if (parts.length < 2) return parts;
  const idsOf = (part: string) => new Set([...part.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
  const taken = new Set(parts.flatMap((part) => [...idsOf(part)]));
  let unnamed = 0;
  const freshId = () => {
    do unnamed += 1;
    while (taken.has(`pw-heading-${unnamed}`));
    return `pw-heading-${unnamed}`;
  };
  const named = parts.map((part) => part.replace(/<h([1-6])(?![^>]*\sid=")([^>]*)>/g, (_, level: string, rest: string) => `<h${level} id="${freshId()}"${rest}>`));
  const defined = named.map(idsOf);
  const anywhere = new Set(defined.flatMap((ids) => [...ids]));
  const linked = named.map((part) => new Set([...part.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]!)));
  const wanted = new Set(linked.flatMap((ids, index) => [...ids].filter((id) => !defined[index]!.has(id))));
  return named.map((part, index) => {
    const headings = reportHeadings(part).map((heading) => heading.id);
    // A placeholder only for a target another part holds: a link to nothing stays unwritten, as in one job.
    const placeholders = [...linked[index]!].filter((id) => !defined[index]!.has(id) && anywhere.has(id)).map((id) => `<span id="${id}"></span>`);
    const targets = new Set([...headings, ...[...defined[index]!].filter((id) => wanted.has(id))]);
    const anchors = [...targets].filter((id) => !linked[index]!.has(id)).map((id) => `<a href="#${id}"></a>`);
    return placeholders.join('') + anchors.join('') + part;
  });
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0' };

/** The text of escaped markup: tags dropped, entities decoded, white space folded. */
const textOf = (markup: string) =>
  markup
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) =>
      code.startsWith('#x') || code.startsWith('#X') ? String.fromCodePoint(parseInt(code.slice(2), 16)) : code.startsWith('#') ? String.fromCodePoint(Number(code.slice(1))) : (entities[code] ?? whole),
    )
    .replace(/\s+/g, ' ')
    .trim();

/** The headings of a printed document that have an id, in order: level, id and text (the outline of a report printed in parts). */
export function reportHeadings(html: string): Array<{ level: number; id: string; title: string }> {
  return [...html.matchAll(/<h([1-6])\b[^>]*?\sid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)].map((match) => ({ level: Number(match[1]), id: match[2]!, title: textOf(match[3]!) }));
}
