/**
 * The print options of every report, whoever prints it: Playwright's page.pdf (CLI, browser
 * mode, tests) takes them as they are; the desktop app's webContents.printToPDF takes the same
 * values under its own names (electron/reportPrinter.ts). Margins in millimetres.
 *
 * Chromium does not print the running header and footer: a report may take several print jobs
 * (reports/split.ts), and Chromium's "page X of Y" would count each job on its own. They are
 * printed on blank pages of their own (stampSettings) and laid over the joined pages
 * (service/reports/assemble.ts).
 */
export interface PrintSettings {
  format: 'A4';
  margin: { top: number; right: number; bottom: number; left: number };
  /** True for the report's pages (bands, badges); false for the header and footer pages, so they stay transparent over the page beneath. */
  printBackground: boolean;
  displayHeaderFooter: false;
  /** PDF bookmarks from the headings (h1 to h3); Chromium builds them from the tagged structure. */
  outline: boolean;
  /** A tagged (structured) PDF: headings, tables and lists stay recognisable to readers and screen readers. */
  tagged: boolean;
  preferCSSPageSize: false;
}

/** Prints a complete HTML document to PDF bytes. One Chromium per printer, reused for every report. */
export interface ReportPrinter {
  print(html: string, settings: PrintSettings): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The report's pages: A4, room at the top and bottom for the header and footer laid over them. */
export const pageSettings: PrintSettings = {
  format: 'A4',
  margin: { top: 20, right: 16, bottom: 22, left: 16 },
  printBackground: true,
  displayHeaderFooter: false,
  outline: true,
  tagged: true,
  preferCSSPageSize: false,
};

/** The parts of a report printed in several jobs: as the pages, untagged and without Chromium's outline (the joined document gets one built from the headings). */
export const partSettings: PrintSettings = { ...pageSettings, outline: false, tagged: false };

/** The header and footer pages (reports/render.tsx renderStampHtml places the text itself): no margins, no background, no structure. */
export const stampSettings: PrintSettings = {
  format: 'A4',
  margin: { top: 0, right: 0, bottom: 0, left: 0 },
  printBackground: false,
  displayHeaderFooter: false,
  outline: false,
  tagged: false,
  preferCSSPageSize: false,
};
