import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { printSettings } from '../../service/reports/print';

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
    const settings = printSettings({ organisation: 'Smartt', title: 'Vendor register', classification: 'CONFIDENTIAL', fingerprint: 'ab'.repeat(32) });
    const bytes = await electronReportPrinter().print('<!DOCTYPE html><html><body>report</body></html>', settings);
    expect(new TextDecoder().decode(bytes)).toBe('%PDF-1.7 stand-in');
    const [window] = fake.windows;
    expect(window!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    expect(window!.html).toContain('report');
    expect(window!.printed).toEqual({
      pageSize: 'A4',
      margins: { top: 20 / 25.4, right: 16 / 25.4, bottom: 22 / 25.4, left: 16 / 25.4 },
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: settings.headerTemplate,
      footerTemplate: settings.footerTemplate,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
      preferCSSPageSize: false,
    });
    expect(settings.footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(settings.footerTemplate).toContain('ab'.repeat(32));
    expect(settings.headerTemplate).toContain('Smartt · Vendor register');
    expect(window!.destroyed).toBe(true);
    expect(existsSync(window!.file!)).toBe(false);
  });
});
