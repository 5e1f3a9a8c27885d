import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintSettings, ReportPrinter } from '../service/reports/print';

const inches = (millimetres: number) => millimetres / 25.4;

/**
 * The printer's windows live in a session of their own (in memory: no "persist:" prefix), apart
 * from the app window's: the default session's hooks, such as the app's Content-Security-Policy
 * header, must not reach a report, whose inline styles that policy would drop.
 */
export const reportPrinterPartition = 'report-printer';

/**
 * The desktop app's printer: a hidden, sandboxed window with JavaScript off loads the report
 * from a temporary file (a data: URL would cap large registers at 2 MB) and prints it with
 * webContents.printToPDF, with the same settings the CLI gives Playwright.
 */
export function electronReportPrinter(): ReportPrinter {
  return {
    async print(html: string, settings: PrintSettings) {
      const folder = mkdtempSync(join(tmpdir(), 'privacy-workbench-report-'));
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          partition: reportPrinterPartition,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      try {
        const file = join(folder, 'report.html');
        writeFileSync(file, html);
        await window.loadFile(file);
        const pdf = await window.webContents.printToPDF({
          pageSize: settings.format,
          margins: { top: inches(settings.margin.top), right: inches(settings.margin.right), bottom: inches(settings.margin.bottom), left: inches(settings.margin.left) },
          printBackground: settings.printBackground,
          displayHeaderFooter: settings.displayHeaderFooter,
          generateDocumentOutline: settings.outline,
          generateTaggedPDF: settings.tagged,
          preferCSSPageSize: settings.preferCSSPageSize,
        });
        return new Uint8Array(pdf);
      } finally {
        window.destroy();
        rmSync(folder, { recursive: true, force: true });
      }
    },
    close: async () => undefined,
  };
}
