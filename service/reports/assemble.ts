import {
  beginMarkedContent,
  endMarkedContent,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFObject,
} from '@cantoo/pdf-lib';
import type { StampFacts } from '../../core/reports/model';
import { holdsContents, numberContents, renderStampHtml, reportHeadings } from '../../reports';
import { namedDestinationsOf, pdfObjectsPerTick } from './pdf';
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

interface Destination {
  /** Page index in the joined document. */
  page: number;
  /** The rest of the destination (/XYZ left top zoom). */
  view: PDFObject[];
}

/** Each destination name (an element's id) with where it leads. */
type NamedDestinations = Map<string, Destination & { name: PDFName }>;

/**
 * Where each named destination of the parts leads (Chromium names them after the ids its links
 * point at), as a page of the joined document. A later part's replaces an earlier placeholder's
 * (reports/split.ts): links point forward, from the contents.
 */
function namedDestinations(parts: PDFDocument[]): NamedDestinations {
  const named: NamedDestinations = new Map();
  let offset = 0;
  for (const part of parts) {
    for (const { name, page, view } of namedDestinationsOf(part)) named.set(name.decodeText(), { name, page: page + offset, view });
    offset += part.getPageCount();
  }
  return named;
}

interface OutlineEntry {
  title: string;
  /** Page index in the joined document; null when the heading has no destination (its bookmark then only groups its children). */
  page: number | null;
  view: PDFObject[];
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
    const entry: OutlineEntry = { title: heading.title, page: destination?.page ?? null, view: destination?.view ?? [], children: [] };
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
  /** Writes one level; returns its first and last item and how many items it shows (open items show their children). */
  const writeLevel = (list: OutlineEntry[], parent: PDFRef, depth: number): { first: PDFRef; last: PDFRef; visible: number } => {
    const refs = list.map(() => context.nextRef());
    let visible = 0;
    list.forEach((entry, index) => {
      const item = context.obj({}) as PDFDict;
      item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
      item.set(PDFName.of('Parent'), parent);
      if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!);
      if (index < refs.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!);
      if (entry.page !== null && pages[entry.page]) item.set(PDFName.of('Dest'), context.obj([pages[entry.page]!.ref, ...entry.view]));
      visible += 1;
      if (entry.children.length) {
        // Open at the top level (the sections show), closed below (an organisation's activities stay folded).
        const open = depth === 0;
        const children = writeLevel(entry.children, refs[index]!, depth + 1);
        item.set(PDFName.of('First'), children.first);
        item.set(PDFName.of('Last'), children.last);
        item.set(PDFName.of('Count'), PDFNumber.of(open ? children.visible : -entry.children.length));
        if (open) visible += children.visible;
      }
      context.assign(refs[index]!, item);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, visible };
  };
  const rootRef = context.nextRef();
  const top = writeLevel(entries, rootRef, 0);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.visible }));
  document.catalog.set(PDFName.of('Outlines'), rootRef);
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * Joins the printed parts of a report into one document: pages in order, named destinations
 * carried over, an outline from the headings. Chromium's links name their destinations (/Dest
 * /id, resolved through the catalog's /Dests), so copying a page never drags its link targets along.
 */
async function joinParts(parts: PDFDocument[], documents: string[], named: NamedDestinations): Promise<PDFDocument> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  for (const part of parts) {
    for (const page of await joined.copyPages(part, part.getPageIndices())) joined.addPage(page);
  }
  const pages = joined.getPages();
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
  // Destinations are kept as page indices, so they stay true for a reprinted part of the same length.
  const named = namedDestinations(parts);
  const starts = new Map([...named].map(([id, destination]) => [id, destination.page + 1]));
  for (const [index, html] of documents.entries()) {
    if (!starts.size || !holdsContents(html)) continue;
    const numbered = await load(await printer.print(numberContents(html, starts), settings));
    if (numbered.getPageCount() === parts[index]!.getPageCount()) parts[index] = numbered;
  }
  const document = parts.length === 1 ? parts[0]! : await joinParts(parts, documents, named);
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
