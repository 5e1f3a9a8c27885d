import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { openWorkspaceDatabase } from '../db/connection';
import { createWorkbenchService } from '../service';
import { produceReport } from '../service/reportExport';
import type { PrintSettings, ReportPrinter } from '../service/reports/print';
import { playwrightPrinter } from '../service/reports/playwrightPrinter';

/**
 * Reports (issue 6). The controller register at 10 000 activities printed by our whole path
 * (snapshot from the database, HTML cut into print jobs, Chromium, joining, header and footer,
 * metadata and attachments) against Chromium printing the same jobs (HTML and options) on its own, in the same browser; and the demo workspace's audit pack. Numbers in docs/PERFORMANCE.md.
 */
const size = 10_000;
const root = mkdtempSync(join(tmpdir(), 'pwb-bench-reports-'));
const printer = playwrightPrinter();
const service = createWorkbenchService({ dataDir: root, actor: 'bench', printer, appVersion: 'bench' });
afterAll(async () => {
  service.close();
  await printer.close();
  rmSync(root, { recursive: true, force: true });
});

async function must<T>(promise: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

// The demo workspace's audit pack, before the register grows.
const demo = await must<{ path: string }>(service.call('openDemoWorkspace', {}));
const demoCopy = join(root, 'demo-pack.pwb');
await openWorkspaceDatabase(demo.path).backup(demoCopy);

/** The 10 000-activity register and the print jobs our path gives Chromium for it, made on first use (which also warms Chromium up). */
let large: ReturnType<typeof largeRegister> | null = null;
async function largeRegister() {
  const csvRows = ['Controller,Processing activity,Purpose of processing,Categories of personal data,Categories of individuals,Retention schedule (if possible),Article 6 lawful basis for processing personal data,Names of third countries or international organisations that personal data are transferred to (if applicable)'];
  const names = ['Smarp', 'SmarTek21', 'SmarterTools', 'Smartner', 'Smartt'];
  for (let index = 0; index < size; index += 1) {
    csvRows.push([names[index % 5], `Generated activity ${index}`, `Purpose ${index % 17}`, index % 3 ? 'Identity;Contact details' : 'Identity', index % 4 ? 'customers' : '', index % 5 ? '3 years' : '', index % 2 ? 'Contract' : '', index % 7 ? '' : 'US'].join(','));
  }
  await must(service.call('importRegister', { format: 'csv', content: csvRows.join('\n') }));
  // Every print job our path gives Chromium (the parts of the pages, the contents again with their
  // page numbers, the header and footer pages), recorded once, for Chromium alone to print.
  const jobs: Array<{ html: string; settings: PrintSettings }> = [];
  const recorder: ReportPrinter = { print: (html, settings) => (jobs.push({ html, settings }), printer.print(html, settings)), close: async () => undefined };
  const db = openWorkspaceDatabase(demo.path);
  const sample = await produceReport({ db: () => db, actor: 'bench', now: () => new Date().toISOString(), newId: randomUUID }, { printer: recorder, appVersion: 'bench' }, 'ropa', {});
  const markup = jobs.reduce((sum, job) => sum + job.html.length, 0);
  console.log(
    `register of ${size} activities: ${sample.pages} pages, ${(markup / 1e6).toFixed(1)} MB of HTML in ${jobs.length} print jobs (${sample.documents.length} parts of the pages), PDF ${(sample.bytes.length / 1e6).toFixed(1)} MB`,
  );
  return jobs;
}

describe(`the controller register with ${size} activities`, () => {
  bench('our path: exportReport (snapshot, HTML, print, metadata, attachments)', async () => {
    await (large ??= largeRegister());
    await must(service.call('exportReport', { kind: 'ropa' }));
  }, { iterations: 3, warmupIterations: 0, time: 0 });
  bench('Chromium alone: the same print jobs, HTML and options', async () => {
    for (const job of await (large ??= largeRegister())) await printer.print(job.html, job.settings);
  }, { iterations: 3, warmupIterations: 0, time: 0 });
});

describe('the demo workspace', () => {
  const pack = createWorkbenchService({ dataDir: join(root, 'pack'), actor: 'bench', printer, appVersion: 'bench' });
  bench('audit pack (every available report, one PDF)', async () => {
    await must(pack.call('openWorkspace', { path: demoCopy }));
    await must(pack.call('exportReport', { kind: 'audit-pack' }));
  }, { iterations: 5, warmupIterations: 1, time: 0 });
});
