import type { ReportMeta } from '../../core/reports/model';

/**
 * The print options of every report, whoever prints it: Playwright's page.pdf (CLI, browser
 * mode, tests) takes them as they are; the desktop app's webContents.printToPDF takes the same
 * values under its own names (electron/reportPrinter.ts). Margins in millimetres.
 */
export interface PrintSettings {
  format: 'A4';
  margin: { top: number; right: number; bottom: number; left: number };
  printBackground: true;
  displayHeaderFooter: true;
  headerTemplate: string;
  footerTemplate: string;
  /** PDF bookmarks from the headings (h1 to h3). */
  outline: true;
  /** A tagged (structured) PDF: headings, tables and lists stay recognisable to readers and screen readers. */
  tagged: true;
  preferCSSPageSize: false;
}

/** Prints a complete HTML document to PDF bytes. One Chromium per printer, reused for every report. */
export interface ReportPrinter {
  print(html: string, settings: PrintSettings): Promise<Uint8Array>;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The running header and footer are printed by Chromium outside the page: they need their own font and size. */
const band = "font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 7pt; color: #56606b; width: 100%; box-sizing: border-box; padding: 0 16mm;";

/** The options for one report: A4, its margins, the running header (organisation · title · classification) and footer (page X of Y, fingerprint, classification). */
export function printSettings(meta: Pick<ReportMeta, 'organisation' | 'title' | 'classification' | 'fingerprint'>): PrintSettings {
  const headerTemplate =
    `<div style="${band} display: flex; justify-content: space-between; gap: 4mm; padding-bottom: 1mm;">` +
    `<span style="overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">${escapeHtml(meta.organisation)} · ${escapeHtml(meta.title)}</span>` +
    `<span style="white-space: nowrap; font-weight: bold; color: #9b1c1c;">${escapeHtml(meta.classification)}</span></div>`;
  const footerTemplate =
    `<div style="${band} padding-top: 1mm;">` +
    `<div style="display: flex; justify-content: space-between;"><span style="font-weight: bold; color: #9b1c1c;">${escapeHtml(meta.classification)}</span>` +
    `<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>` +
    `<div style="font-family: 'DejaVu Sans Mono', monospace; font-size: 6.5pt;">SHA-256 of the attached snapshot.json: ${escapeHtml(meta.fingerprint)}</div></div>`;
  return {
    format: 'A4',
    margin: { top: 20, right: 16, bottom: 22, left: 16 },
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate,
    footerTemplate,
    outline: true,
    tagged: true,
    preferCSSPageSize: false,
  };
}

/** Prints a report's HTML with the shared options. */
export function printPdf(printer: ReportPrinter, html: string, meta: Pick<ReportMeta, 'organisation' | 'title' | 'classification' | 'fingerprint'>): Promise<Uint8Array> {
  return printer.print(html, printSettings(meta));
}
