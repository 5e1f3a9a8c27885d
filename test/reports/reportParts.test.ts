import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportDocuments, reportViewOf } from '../../reports';
import { verifyPdf } from '../../service/reports/pdf';
import type { PrintSettings, ReportPrinter } from '../../service/reports/print';
import { playwrightPrinter } from '../../service/reports/playwrightPrinter';
import { contentsEntries, folded, pageText } from '../support/pdfText';
import { demoWithRecordings, metaOf, type ReportWorkspace } from '../support/reportData';

/**
 * A large report prints in several Chromium jobs (reports/split.ts) that are joined into one PDF
 * (service/reports/assemble.ts). Here the demo workspace's reports are printed with a budget small
 * enough to cut them into many parts, and the joined PDF must still read as one document.
 */
const tool = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' });

/** Counts the print jobs, so the test knows the report was really printed in parts. */
function countingPrinter(inner: ReportPrinter) {
  const jobs: Array<{ html: string; settings: PrintSettings }> = [];
  const printer: ReportPrinter = {
    print: (html, settings) => {
      jobs.push({ html, settings });
      return inner.print(html, settings);
    },
    close: () => inner.close(),
  };
  return { printer, jobs };
}

interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

function bookmarksOf(document: PDFDocument): Bookmark[] {
  const pages = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const walk = (first: PDFDict | undefined): Bookmark[] => {
    const list: Bookmark[] = [];
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = item.lookup(PDFName.of('Title'));
      const target = item.lookupMaybe(PDFName.of('Dest'), PDFArray)?.get(0);
      list.push({
        title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
        page: target instanceof PDFRef ? (pages.get(target.toString()) ?? 0) : 0,
        children: walk(item.lookupMaybe(PDFName.of('First'), PDFDict)),
      });
    }
    return list;
  };
  return walk(document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict));
}

let folder: string;
let data: ReportWorkspace;
const browser = playwrightPrinter();
const counted = countingPrinter(browser);
const budget = 12_000;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'pwb-report-parts-'));
  data = await demoWithRecordings(folder, 6, { printer: counted.printer, appVersion: '9.8.7', reportPartBudget: budget });
}, 120_000);

afterAll(async () => {
  data?.close();
  await browser.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('a report printed in several parts', () => {
  it('reads as one document: page X of Y throughout, bookmarks and links to the right pages, fonts, metadata, verifiable', async () => {
    counted.jobs.length = 0;
    const report = await data.workbench.exportReport({ kind: 'ropa' });
    const file = join(folder, report.fileName);
    writeFileSync(file, Buffer.from(report.pdfBase64, 'base64'));

    // The report's pages (margins kept for the header and footer), then the header and footer pages (no margins).
    const pageJobs = counted.jobs.filter((job) => job.settings.margin.top > 0);
    const stampJobs = counted.jobs.filter((job) => job.settings.margin.top === 0);
    expect(pageJobs.length).toBeGreaterThan(3);
    expect(stampJobs).toHaveLength(1);
    // Parts are printed untagged (their structure trees could not be joined); the outline comes from the headings.
    for (const job of pageJobs) expect(job.settings).toMatchObject({ tagged: false, outline: false, displayHeaderFooter: false });
    expect(tool('pdfinfo', [file])).toMatch(/Tagged:\s+no/);
    for (const job of pageJobs) expect(job.html.length).toBeLessThan(budget * 3);

    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
    expect(await verifyPdf(readFileSync(file))).toMatchObject({ intact: true, problems: [] });
    expect(tool('pdfinfo', [file])).toMatch(new RegExp(`Pages:\\s+${report.pages}\\n`));
    const fonts = tool('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    for (const row of fonts) expect(row.split(/\s+/).slice(-5, -4)[0], row).toBe('yes');

    // Every page carries its own number out of the whole document's count, and the fingerprint.
    for (let page = 1; page <= report.pages; page += 1) {
      const text = pageText(file, page);
      expect(text).toContain(`Page ${page} of ${report.pages}`);
      expect(text).toContain(report.fingerprint);
      expect(text).toContain('CONFIDENTIAL');
    }

    // Every activity is printed once as an entry, and the whole text holds every activity name in the register's order.
    const whole = tool('pdftotext', [file, '-']);
    const activities = await data.workbench.listActivities();
    for (const activity of activities) expect(folded(whole), activity.name).toContain(folded(activity.name));

    // The bookmarks of every part, joined: each points at the page that shows its heading.
    const document = await PDFDocument.load(readFileSync(file));
    const bookmarks = bookmarksOf(document);
    const flat = (list: Bookmark[]): Bookmark[] => list.flatMap((entry) => [entry, ...flat(entry.children)]);
    const all = flat(bookmarks);
    expect(all.map((entry) => entry.title)).toEqual(expect.arrayContaining(['Contents', 'Overview', 'Smartt', 'Gaps against Art. 30(1) and related articles']));
    expect(all.length).toBeGreaterThan(activities.length);
    for (const entry of all) {
      expect(entry.page, entry.title).toBeGreaterThan(0);
      const heading = entry.title.replace(/\s+\d+ gaps?$|\s+complete$/, '').slice(0, 30);
      expect(folded(pageText(file, entry.page)), `bookmark "${entry.title}" on page ${entry.page}`).toContain(folded(heading));
    }
    // Nested as the headings are, across the cuts: each activity under its organisation, however many parts that organisation took.
    const parents = new Map<string, string>();
    const note = (list: Bookmark[], parent: string) => list.forEach((entry) => (parents.set(entry.title, parent), note(entry.children, entry.title)));
    note(bookmarks, '');
    const byOrganisation = await data.workbench.listActivities();
    for (const activity of byOrganisation) {
      const title = [...parents.keys()].find((candidate) => candidate.startsWith(activity.name));
      expect(title, activity.name).toBeDefined();
      expect(parents.get(title!), activity.name).toBe(activity.organisationName);
    }
    // Bookmarks go to later pages as the document goes on (no part's bookmarks point into another part).
    const inOrder = all.map((entry) => entry.page);
    expect([...inOrder].sort((a, b) => a - b)).toEqual(inOrder);
    // The sections show when the file opens; each organisation's activities are folded under it.
    const root = document.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const countOf = (item: PDFDict) => item.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber() ?? 0;
    const cover = root.lookup(PDFName.of('First'), PDFDict);
    const sections = bookmarks[0]!.children;
    expect(countOf(root)).toBe(1 + sections.length);
    expect(countOf(cover)).toBe(sections.length);
    let organisation = cover.lookupMaybe(PDFName.of('First'), PDFDict);
    let closed = 0;
    for (; organisation; organisation = organisation.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      if (organisation.has(PDFName.of('First'))) {
        expect(countOf(organisation)).toBeLessThan(0);
        closed += 1;
      }
    }
    expect(closed).toBe(5);

    // The contents page's links name their headings; each name leads to the page that shows the heading.
    const pageNumbers = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
    const dests = document.catalog.lookup(PDFName.of('Dests'), PDFDict);
    let links = 0;
    for (const page of document.getPages()) {
      const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (let index = 0; annotations && index < annotations.size(); index += 1) {
        const name = annotations.lookupMaybe(index, PDFDict)?.get(PDFName.of('Dest'));
        if (!(name instanceof PDFName)) continue;
        links += 1;
        const target = dests.lookup(name, PDFArray).get(0);
        expect(target).toBeInstanceOf(PDFRef);
        // The heading's own page (where its bookmark points), not the placeholder on the contents page.
        expect(all.map((entry) => entry.page), name.decodeText()).toContain(pageNumbers.get((target as PDFRef).toString()));
      }
    }
    // The contents list the overview, the five organisations and the gaps, each with the page it starts on.
    expect(links).toBeGreaterThanOrEqual(7);
    const contents = contentsEntries(file);
    expect(contents.map((entry) => entry.title)).toEqual(expect.arrayContaining(['Overview', 'Smartt', 'Gaps against Art. 30(1) and related articles']));
    for (const entry of contents) expect(folded(pageText(file, entry.page)), `"${entry.title}" on page ${entry.page}`).toContain(entry.title);
  });

  it('prints the same pages as one job would, apart from the page breaks at the cuts', async () => {
    const report = await data.workbench.exportReport({ kind: 'vendors' });
    const file = join(folder, report.fileName);
    writeFileSync(file, Buffer.from(report.pdfBase64, 'base64'));
    // The same report in one job, for comparison.
    const whole = join(folder, 'whole.pdf');
    const single = await demoWithRecordings(join(folder, 'single'), 6, { printer: browser, appVersion: '9.8.7' });
    try {
      const one = await single.workbench.exportReport({ kind: 'vendors' });
      writeFileSync(whole, Buffer.from(one.pdfBase64, 'base64'));
      const words = (path: string) =>
        tool('pdftotext', [path, '-'])
          .split(/\s+/)
          .filter((word) => word && !/^(Page|of|\d+|CONFIDENTIAL|[0-9a-f]{64}|[0-9a-f-]{36})$/.test(word));
      // Table headers are repeated where a table goes on in the next part; everything else is the same text in the same order.
      const parted = words(file);
      const joined = words(whole);
      expect(parted.length).toBeGreaterThanOrEqual(joined.length);
      let at = 0;
      for (const word of joined) {
        at = parted.indexOf(word, at);
        expect(at, word).toBeGreaterThanOrEqual(0);
        at += 1;
      }
    } finally {
      single.close();
    }
  });

  it('cuts a report into documents only where pages may break, each a whole HTML document with the print stylesheet', () => {
    const view = reportViewOf('ropa')!;
    expect(view).toBeDefined();
    const meta = metaOf('ropa', { organisation: 'O', scope: 'S', filters: [] });
    const snapshot = { kind: 'ropa' as const, generatedAt: meta.generatedAt, data: { organisations: [], totals: { activities: 0, withGaps: 0, gaps: 0 }, assessedOn: '2026-11-23' }, tables: [] };
    const documents = renderReportDocuments(meta, snapshot as never, view as never, 100);
    expect(documents.length).toBeGreaterThan(1);
    for (const html of documents) {
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en"><head><meta charSet="utf-8"\/>|^<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"\/>/);
      expect(html).toContain('@page');
      expect(html).toMatch(/<\/body><\/html>$/);
    }
  });
});
