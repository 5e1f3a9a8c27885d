import {
  beginMarkedContent,
  endMarkedContent,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  type PDFObject,
  type PDFPage,
} from '@cantoo/pdf-lib';
import type { StampFacts } from '../../core/reports/model';
import { holdsContents, numberContents, renderStampHtml, reportHeadings } from '../../reports';
import { pdfObjectsPerTick } from './pdf';
import { pageSettings, partSettings, stampSettings, type PrintSettings, type ReportPrinter } from './print';

/** Header and footer pages per print job: Chromium prints a few hundred simple pages in about a second. */
const stampBudget = 400;

/** The HTML documents of the header and footer pages of a report of `total` pages, in print jobs of stampBudget pages. */
function stampDocuments(facts: StampFacts, total: number): string[] {
  const documents: string[] = [];
  for (let first = 1; first <= total; first += stampBudget) documents.push(renderStampHtml(facts, first, Math.min(total, first + stampBudget - 1), total));
  return documents;
}

const load = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: pdfObjectsPerTick });

const pageIndexOf = (pageRefs: Map<string, number>, value: PDFObject | undefined) => (value instanceof PDFRef ? (pageRefs.get(value.toString()) ?? null) : null);

interface Destination {
  /** Page index in the joined document. */
  page: number;
  /** The rest of the destination (/XYZ left top zoom). */
  view: PDFObject[];
}

/**
 * Where each named destination of the parts leads (Chromium names them after the ids its links
 * point at), as a page of the joined document. A later part's replaces an earlier placeholder's
 * (reports/split.ts): links point forward, from the contents.
 */
function namedDestinations(parts: PDFDocument[]): Map<string, Destination & { name: PDFName }> {
  const named = new Map<string, Destination & { name: PDFName }>();
  let offset = 0;
  for (const part of parts) {
    const pageRefs = new Map(part.getPages().map((page, index) => [page.ref.toString(), index]));
    const dests = part.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
    for (const [name, raw] of dests?.entries() ?? []) {
      const destination = part.context.lookup(raw);
      const array = destination instanceof PDFArray ? destination : destination instanceof PDFDict ? destination.lookupMaybe(PDFName.of('D'), PDFArray) : undefined;
      const page = pageIndexOf(pageRefs, array?.get(0));
      if (array && page !== null) named.set(name.decodeText(), { name, page: page + offset, view: array.asArray().slice(1) });
    }
    offset += part.getPageCount();
  }
  return named;
}

interface OutlineEntry extends Destination {
  title: string;
  children: OutlineEntry[];
}

/**
 * The outline of a report printed in parts: its headings in order, nested by level across the
 * cuts, each leading to its named destination (every heading has one: reports/split.ts).
 */
function headingOutline(documents: string[], named: Map<string, Destination>): OutlineEntry[] {
  const roots: OutlineEntry[] = [];
  const open: Array<{ level: number; entry: OutlineEntry }> = [];
  for (const heading of documents.flatMap(reportHeadings)) {
    const destination = named.get(heading.id);
    if (!destination) continue;
    const entry: OutlineEntry = { title: heading.title, ...destination, children: [] };
    while (open.length && open[open.length - 1]!.level >= heading.level) open.pop();
    (open.length ? open[open.length - 1]!.entry.children : roots).push(entry);
    open.push({ level: heading.level, entry });
  }
  return roots;
}

/** Writes the joined outline: top-level entries open, deeper ones closed (a register's thousands of activities stay folded). */
function writeOutline(document: PDFDocument, entries: OutlineEntry[]): void {
  if (!entries.length) return;
  const { context } = document;
  const pages = document.getPages();
  const writeLevel = (list: OutlineEntry[], parent: PDFRef, open: boolean): { first: PDFRef; last: PDFRef; visible: number } => {
    const refs = list.map(() => context.nextRef());
    let visible = 0;
    list.forEach((entry, index) => {
      const item = context.obj({}) as PDFDict;
      item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
      item.set(PDFName.of('Parent'), parent);
      if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!);
      if (index < refs.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!);
      if (pages[entry.page]) item.set(PDFName.of('Dest'), context.obj([pages[entry.page]!.ref, ...entry.view]));
      if (entry.children.length) {
        const children = writeLevel(entry.children, refs[index]!, false);
        item.set(PDFName.of('First'), children.first);
        item.set(PDFName.of('Last'), children.last);
        item.set(PDFName.of('Count'), PDFNumber.of(-entry.children.length));
      }
      context.assign(refs[index]!, item);
      visible += 1;
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, visible: open ? visible : 0 };
  };
  const rootRef = context.nextRef();
  const top = writeLevel(entries, rootRef, true);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.visible }));
  document.catalog.set(PDFName.of('Outlines'), rootRef);
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

function annotationsOf(page: PDFPage): PDFDict[] {
  const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annotations) return [];
  return annotations.asArray().flatMap((_, index) => annotations.lookupMaybe(index, PDFDict) ?? []);
}

/** The explicit destination array of a link (/Dest, or a GoTo action's /D); Chromium's links name theirs instead. */
function destinationOf(annotation: PDFDict): PDFArray | undefined {
  const direct = annotation.lookup(PDFName.of('Dest'));
  if (direct instanceof PDFArray) return direct;
  const goTo = annotation.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('D'));
  return goTo instanceof PDFArray ? goTo : undefined;
}

/**
 * Joins the printed parts of a report into one document: pages in order, named destinations
 * carried over (Chromium's links name theirs), an outline from the headings. A link with an
 * explicit destination gets the page's index before its part is copied (so copying does not drag
 * a second copy of the target page along), and the joined page afterwards.
 */
async function joinParts(parts: PDFDocument[], documents: string[]): Promise<PDFDocument> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  for (const part of parts) {
    const partPages = part.getPages();
    const pageRefs = new Map(partPages.map((page, index) => [page.ref.toString(), index]));
    const offset = joined.getPageCount();
    for (const destination of partPages.flatMap((page) => annotationsOf(page).flatMap((annotation) => destinationOf(annotation) ?? []))) {
      const target = pageIndexOf(pageRefs, destination.get(0));
      destination.set(0, PDFNumber.of(target === null ? -1 : target + offset));
    }
    for (const page of await joined.copyPages(part, part.getPageIndices())) joined.addPage(page);
  }
  const pages = joined.getPages();
  for (const destination of pages.flatMap((page) => annotationsOf(page).flatMap((annotation) => destinationOf(annotation) ?? []))) {
    const target = destination.lookupMaybe(0, PDFNumber)?.asNumber();
    if (target !== undefined) destination.set(0, target >= 0 && pages[target] ? pages[target]!.ref : PDFNull);
  }
  const named = namedDestinations(parts);
  if (named.size) {
    const dests = joined.context.obj({}) as PDFDict;
    for (const { name, page, view } of named.values()) dests.set(name, joined.context.obj([pages[page]!.ref, ...view]));
    joined.catalog.set(PDFName.of('Dests'), joined.context.register(dests));
  }
  writeOutline(joined, headingOutline(documents, named));
  return joined;
}

/**
 * Prints a report's HTML documents and returns one PDF document with the running header and
 * footer on every page. A report in one document is printed tagged, with Chromium's outline, and
 * kept as Chromium wrote it. A report in several parts (reports/split.ts) is printed untagged
 * (structure trees cannot be joined, and would only cost time and size) and joined, its outline
 * built from the headings. Then the document(s) holding the contents are printed again with each
 * section's page (`numberContents`): their page column is there, empty, the first time, so
 * nothing moves; should the page count change all the same, the unnumbered contents are kept.
 * Last, the header and footer pages are printed once the total is known and drawn over each page
 * as an artifact (outside the document's structure).
 */
export async function printReportDocument(printer: ReportPrinter, documents: string[], facts: StampFacts): Promise<PDFDocument> {
  const settings: PrintSettings = documents.length === 1 ? pageSettings : partSettings;
  const parts: PDFDocument[] = [];
  for (const html of documents) parts.push(await load(await printer.print(html, settings)));
  const starts = new Map([...namedDestinations(parts)].map(([id, destination]) => [id, destination.page + 1]));
  for (const [index, html] of documents.entries()) {
    if (!starts.size || !holdsContents(html)) continue;
    const numbered = await load(await printer.print(numberContents(html, starts), settings));
    if (numbered.getPageCount() === parts[index]!.getPageCount()) parts[index] = numbered;
  }
  const document = parts.length === 1 ? parts[0]! : await joinParts(parts, documents);
  const pages = document.getPages();
  let next = 0;
  for (const html of stampDocuments(facts, pages.length)) {
    const stamps = await load(await printer.print(html, stampSettings));
    for (const stamp of await document.embedPages(stamps.getPages())) {
      const page = pages[next++];
      if (!page) throw new Error('The header and footer pages outnumber the report pages.');
      page.pushOperators(beginMarkedContent('Artifact'));
      page.drawPage(stamp, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
      page.pushOperators(endMarkedContent());
    }
  }
  if (next !== pages.length) throw new Error(`Header and footer pages were printed for ${next} of ${pages.length} report pages.`);
  return document;
}
