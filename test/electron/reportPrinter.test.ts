import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { pageSettings, stampSettings } from '../../service/reports/print';

/** The desktop printer under a stand-in 'electron' that records the window and the printToPDF options. */
const fake = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; file: string | null; html: string | null; printed: Record<string, unknown> | null; destroyed: boolean }>,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof fake.windows)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, file: null, html: null, printed: null, destroyed: false };
      fake.windows.push(this.record);
    }
    loadFile(file: string) {
      this.record.file = file;
      this.record.html = readFileSync(file, 'utf8');
      return Promise.resolve();
    }
    webContents = {
      printToPDF: (options: Record<string, unknown>) => {
        this.record.printed = options;
        return Promise.resolve(Buffer.from('%PDF-1.7 stand-in'));
      },
    };
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { BrowserWindow };
});

const { electronReportPrinter } = await import('../../electron/reportPrinter');

describe('the desktop report printer', () => {
  it('prints in a hidden window without JavaScript, with the same settings as the CLI, and leaves nothing behind', async () => {
    const printer = electronReportPrinter();
    const bytes = await printer.print('<!DOCTYPE html><html><body>report</body></html>', pageSettings);
    expect(new TextDecoder().decode(bytes)).toBe('%PDF-1.7 stand-in');
    await printer.print('<!DOCTYPE html><html><body>Page 1 of 1</body></html>', stampSettings);
    const [window, stampWindow] = fake.windows;
    // A session of its own: the app window's hooks (its CSP header, whose style-src 'self' drops the
    // reports' inline styles) must not reach the report's page.
    expect(window!.options).toMatchObject({ show: false, webPreferences: { partition: 'report-printer', sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    expect(String((window!.options.webPreferences as { partition: string }).partition)).not.toMatch(/^persist:/);
    expect(window!.html).toContain('report');
    expect(window!.printed).toEqual({
      pageSize: 'A4',
      margins: { top: 20 / 25.4, right: 16 / 25.4, bottom: 22 / 25.4, left: 16 / 25.4 },
      printBackground: true,
      displayHeaderFooter: false,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
      preferCSSPageSize: false,
    });
    // The header and footer pages: no margins, transparent, untagged.
    expect(stampWindow!.printed).toEqual({
      pageSize: 'A4',
      margins: { top: 0, right: 0, bottom: 0, left: 0 },
      printBackground: false,
      displayHeaderFooter: false,
      generateDocumentOutline: false,
      generateTaggedPDF: false,
      preferCSSPageSize: false,
    });
    for (const record of [window!, stampWindow!]) {
      expect(record.destroyed).toBe(true);
      expect(existsSync(record.file!)).toBe(false);
    }
  });
});
