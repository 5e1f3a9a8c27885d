import {
  beginMarkedContent,
  endMarkedContent,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  type PDFObject,
  type PDFPage,
} from '@cantoo/pdf-lib';
import { holdsContents, numberContents, renderStampHtml } from '../../reports';
import { pageSettings, stampSettings, type ReportPrinter, type StampFacts } from './print';

/** Header and footer pages per print job: Chromium prints a few hundred simple pages in about a second. */
export const stampBudget = 400;

/** The HTML documents of the header and footer pages of a report of `total` pages, in print jobs of stampBudget pages. */
export function stampDocuments(facts: StampFacts, total: number): string[] {
  const documents: string[] = [];
  for (let first = 1; first <= total; first += stampBudget) documents.push(renderStampHtml(facts, first, Math.min(total, first + stampBudget - 1), total));
  return documents;
}

interface OutlineEntry {
  title: PDFObject;
  /** Page index in the joined document, and the rest of the destination (/XYZ left top zoom). */
  page: number | null;
  view: PDFObject[];
  children: OutlineEntry[];
}

const pageIndexOf = (pageRefs: Map<string, number>, value: PDFObject | undefined) => (value instanceof PDFRef ? (pageRefs.get(value.toString()) ?? null) : null);

/**
 * The explicit destination array of a link or outline item, written as /Dest or as a GoTo action's
 * /D. Chromium's links name their destination instead (/Dest /id, resolved through the catalog's
 * /Dests); those are carried over by name (namedDestinations).
 */
function destinationOf(dict: PDFDict): PDFArray | undefined {
  const direct = dict.lookup(PDFName.of('Dest'));
  if (direct instanceof PDFArray) return direct;
  const action = dict.lookupMaybe(PDFName.of('A'), PDFDict);
  const goTo = action?.lookup(PDFName.of('D'));
  return goTo instanceof PDFArray ? goTo : undefined;
}

/** A part's named destinations (the ids its links point at): name, page index in the joined document, the rest of the destination. */
function namedDestinations(part: PDFDocument, pageRefs: Map<string, number>, offset: number): Array<{ name: PDFName; page: number; view: PDFObject[] }> {
  const dests = part.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return [];
  return dests.entries().flatMap(([name, raw]) => {
    const destination = part.context.lookup(raw);
    const array = destination instanceof PDFArray ? destination : destination instanceof PDFDict ? destination.lookupMaybe(PDFName.of('D'), PDFArray) : undefined;
    const page = pageIndexOf(pageRefs, array?.get(0));
    return array && page !== null ? [{ name, page: page + offset, view: array.asArray().slice(1) }] : [];
  });
}

/** A part's outline (Chromium's bookmarks), with its pages as indices in the joined document. */
function readOutline(part: PDFDocument, pageRefs: Map<string, number>, offset: number): OutlineEntry[] {
  const entries = (first: PDFDict | undefined, depth: number): OutlineEntry[] => {
    const list: OutlineEntry[] = [];
    for (let item = first, guard = 0; item && guard < 1_000_000 && depth < 32; item = item.lookupMaybe(PDFName.of('Next'), PDFDict), guard += 1) {
      const destination = destinationOf(item);
      const page = pageIndexOf(pageRefs, destination?.get(0));
      list.push({
        title: item.get(PDFName.of('Title')) ?? PDFName.of('Untitled'),
        page: page === null ? null : page + offset,
        view: destination ? destination.asArray().slice(1) : [],
        children: entries(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1),
      });
    }
    return list;
  };
  const root = part.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  return entries(root?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
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
      item.set(PDFName.of('Title'), entry.title);
      item.set(PDFName.of('Parent'), parent);
      if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!);
      if (index < refs.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!);
      if (entry.page !== null && pages[entry.page]) item.set(PDFName.of('Dest'), context.obj([pages[entry.page]!.ref, ...entry.view]));
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

/**
 * Internal links of a part point at its own page objects. Before its pages are copied, each such
 * destination gets the page's index instead (so copying does not drag a second copy of the target
 * page along); afterwards the index becomes the joined document's page.
 */
function linkDestinations(pages: PDFPage[]): PDFArray[] {
  const destinations: PDFArray[] = [];
  for (const page of pages) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let index = 0; annotations && index < annotations.size(); index += 1) {
      const annotation = annotations.lookupMaybe(index, PDFDict);
      const destination = annotation ? destinationOf(annotation) : undefined;
      if (destination) destinations.push(destination);
    }
  }
  return destinations;
}

const load = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false });

/** The page (from 1) each linked heading is on, across the parts: the contents' links name them. A later part's wins over an earlier placeholder's. */
function sectionPages(parts: PDFDocument[]): Map<string, number> {
  const pages = new Map<string, number>();
  let offset = 0;
  for (const part of parts) {
    const pageRefs = new Map(part.getPages().map((page, index) => [page.ref.toString(), index]));
    for (const { name, page } of namedDestinations(part, pageRefs, offset)) pages.set(name.decodeText(), page + 1);
    offset += part.getPageCount();
  }
  return pages;
}

/** Joins the printed parts of a report into one document: pages in order, links and outline carried over. */
async function joinParts(parts: PDFDocument[]): Promise<PDFDocument> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  const outline: OutlineEntry[] = [];
  const named: ReturnType<typeof namedDestinations> = [];
  for (const part of parts) {
    const partPages = part.getPages();
    const pageRefs = new Map(partPages.map((page, index) => [page.ref.toString(), index]));
    const offset = joined.getPageCount();
    outline.push(...readOutline(part, pageRefs, offset));
    named.push(...namedDestinations(part, pageRefs, offset));
    for (const destination of linkDestinations(partPages)) {
      const target = pageIndexOf(pageRefs, destination.get(0));
      destination.set(0, PDFNumber.of(target === null ? -1 : target + offset));
    }
    for (const page of await joined.copyPages(part, part.getPageIndices())) joined.addPage(page);
  }
  const pages = joined.getPages();
  for (const destination of linkDestinations(pages)) {
    const target = destination.lookupMaybe(0, PDFNumber)?.asNumber();
    if (target !== undefined) destination.set(0, target >= 0 && pages[target] ? pages[target]!.ref : PDFNull);
  }
  if (named.length) {
    const dests = joined.context.obj({}) as PDFDict;
    for (const { name, page, view } of named) dests.set(name, joined.context.obj([pages[page]!.ref, ...view]));
    joined.catalog.set(PDFName.of('Dests'), joined.context.register(dests));
  }
  writeOutline(joined, outline);
  return joined;
}

/**
 * Prints a report's HTML documents (one or more parts of its pages) and returns one PDF document
 * with the running header and footer on every page. One part is kept as Chromium wrote it (with
 * its tagged structure); several are joined, their links and bookmarks carried over, their
 * structure trees not (docs/ARCHITECTURE.md). The header and footer pages are printed once the
 * total is known and drawn over each page as an artifact (outside the document's structure).
 */
export async function printReportDocument(printer: ReportPrinter, documents: string[], facts: StampFacts): Promise<PDFDocument> {
  const parts: PDFDocument[] = [];
  for (const html of documents) parts.push(await load(await printer.print(html, pageSettings)));
  // The contents get their page numbers once the pages are known: the documents holding them are
  // printed again with the numbers in their (already laid out) page column.
  const starts = sectionPages(parts);
  for (const [index, html] of documents.entries()) {
    if (!starts.size || !holdsContents(html)) continue;
    const numbered = await load(await printer.print(numberContents(html, starts), pageSettings));
    if (numbered.getPageCount() === parts[index]!.getPageCount()) parts[index] = numbered;
  }
  const document = parts.length === 1 ? parts[0]! : await joinParts(parts);
  const pages = document.getPages();
  let next = 0;
  for (const html of stampDocuments(facts, pages.length)) {
    const stamps = await PDFDocument.load(await printer.print(html, stampSettings), { updateMetadata: false });
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
