import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { WorkbenchError } from '../../core/contract';
import type { PrintSettings, ReportPrinter } from './print';

/** The Chromium the CLI, browser mode and the tests print with: CHROMIUM_PATH, else Debian's. */
export const defaultChromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Prints through a headless Chromium driven by Playwright, launched on the first report and reused
 * until close(). Each print job gets a fresh context (no state shared between jobs) with
 * JavaScript off: reports hold no script.
 */
export function playwrightPrinter(executablePath = defaultChromiumPath()): ReportPrinter {
  let browser: Promise<Browser> | null = null;
  const launch = () => {
    if (!existsSync(executablePath)) {
      throw new WorkbenchError('io', `No Chromium at ${executablePath} to print reports with: install Debian's chromium (scripts/setup.sh) or set CHROMIUM_PATH.`);
    }
    browser ??= chromium.launch({ executablePath, args: chromiumArgs }).catch((error: unknown) => {
      browser = null;
      throw error;
    });
    return browser;
  };
  return {
    async print(html: string, settings: PrintSettings) {
      const context = await (await launch()).newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const margin = Object.fromEntries(Object.entries(settings.margin).map(([side, mm]) => [side, `${mm}mm`]));
        return new Uint8Array(await page.pdf({ ...settings, margin }));
      } finally {
        await context.close();
      }
    },
    async close() {
      const running = browser;
      browser = null;
      if (running) await (await running).close();
    },
  };
}
