/**
 * Cuts a report's body markup into parts that Chromium prints as separate jobs.
 *
 * Chromium's print time grows faster than the page count of one job (measured here: 1 000 simple
 * pages print in 2 s, 3 000 in 28 s, 6 000 in 121 s) and a 10 000-activity register (22 MB of
 * HTML) fails to print at all. So a large report is cut into parts of about `budget` characters,
 * only where a page may break anyway: after a table row, a register entry, a section, a report
 * part, the cover or the contents. The elements still open at a cut are closed at the end of one
 * part and reopened (marked data-continued) at the start of the next; an open table gets its
 * header row again, so every page of a table still starts with its header.
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

const continued = (tag: string) => tag.replace(/\s*>$/, ' data-continued="">');

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
    if (end - from < budget || !cuttableAfter(closed, parent) || closingNext(markup, end)) continue;
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
 * Chromium writes a link only when its target is in the same print job, and a named destination
 * only for an element some link of the job points at. So a part that links to a heading printed in
 * another part gets an empty placeholder with that id (its link is then written), and the part
 * holding the heading gets an empty link to it (its destination is then written). When the parts
 * are joined (service/reports/assemble.ts), a later part's destination replaces an earlier
 * placeholder's: links point forward (the contents come first), so each name ends at its heading.
 */
function linkAcrossParts(parts: string[]): string[] {
  if (parts.length < 2) return parts;
  const defined = parts.map((part) => new Set([...part.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!)));
  const linked = parts.map((part) => new Set([...part.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]!)));
  const wanted = new Set(linked.flatMap((ids, index) => [...ids].filter((id) => !defined[index]!.has(id))));
  return parts.map((part, index) => {
    const placeholders = [...linked[index]!].filter((id) => !defined[index]!.has(id)).map((id) => `<span id="${id}"></span>`);
    const anchors = [...defined[index]!].filter((id) => wanted.has(id) && !linked[index]!.has(id)).map((id) => `<a href="#${id}"></a>`);
    return placeholders.join('') + anchors.join('') + part;
  });
}
