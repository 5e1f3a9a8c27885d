import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { openWorkspaceDatabase } from '../db/connection';
import { createWorkbenchService } from '../service';
import { produceReport } from '../service/reportExport';
import { verifyPdf } from '../service/reports/pdf';
import { partSettings, stampSettings, type PrintSettings, type ReportPrinter } from '../service/reports/print';
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

/**
 * The 10 000-activity register, and every print job our path gives Chromium for it (the parts of
 * its pages, the contents again with page numbers, the header and footer pages), recorded by a
 * first export made before the benches (which also warms Chromium up).
 */
async function largeRegister() {
  const csvRows = ['Controller,Processing activity,Purpose of processing,Categories of personal data,Categories of individuals,Retention schedule (if possible),Article 6 lawful basis for processing personal data,Names of third countries or international organisations that personal data are transferred to (if applicable)'];
  const names = ['Smarp', 'SmarTek21', 'SmarterTools', 'Smartner', 'Smartt'];
  for (let index = 0; index < size; index += 1) {
    csvRows.push([names[index % 5], `Generated activity ${index}`, `Purpose ${index % 17}`, index % 3 ? 'Identity;Contact details' : 'Identity', index % 4 ? 'customers' : '', index % 5 ? '3 years' : '', index % 2 ? 'Contract' : '', index % 7 ? '' : 'US'].join(','));
  }
  await must(service.call('importRegister', { format: 'csv', content: csvRows.join('\n') }));
  const jobs: Array<{ html: string; settings: PrintSettings }> = [];
  const recorder: ReportPrinter = { print: (html, settings) => (jobs.push({ html, settings }), printer.print(html, settings)), close: async () => undefined };
  const db = openWorkspaceDatabase(demo.path);
  const sample = await produceReport({ db: () => db, actor: 'bench', now: () => new Date().toISOString(), newId: randomUUID }, { printer: recorder, appVersion: 'bench' }, 'ropa', {});
  const markup = sample.documents.reduce((sum, html) => sum + html.length, 0);
  const stamps = jobs.filter((job) => job.settings === stampSettings).length;
  console.log(
    `register of ${size} activities: ${sample.pages} pages, ${(markup / 1e6).toFixed(1)} MB of HTML in ${sample.documents.length} parts; ${jobs.length} print jobs in all (${stamps} of header and footer pages, ${jobs.length - stamps - sample.documents.length} of the contents numbered); PDF ${(sample.bytes.length / 1e6).toFixed(1)} MB`,
  );
  return { jobs, documents: sample.documents, bytes: sample.bytes };
}
const large = await largeRegister();

describe(`the controller register with ${size} activities`, () => {
  bench('our path: exportReport (snapshot, HTML in parts, print, contents numbered, header and footer, join, metadata, attachments)', async () => {
    await must(service.call('exportReport', { kind: 'ropa' }));
  }, { iterations: 3, warmupIterations: 0, time: 0 });
  bench('Chromium alone: every print job of our path, the same HTML and options', async () => {
    for (const job of large.jobs) await printer.print(job.html, job.settings);
  }, { iterations: 3, warmupIterations: 0, time: 0 });
  bench("Chromium alone: the report's pages only (its parts, without the contents printed again or the header and footer pages)", async () => {
    for (const html of large.documents) await printer.print(html, partSettings);
  }, { iterations: 3, warmupIterations: 0, time: 0 });
});

describe(`verify: the register of ${size} activities`, () => {
  const file = join(root, 'register.pdf');
  writeFileSync(file, large.bytes);
  bench('verify (signature, attachments, every page read with pdf.js and compared with what its data renders to)', async () => {
    const verification = await verifyPdf(large.bytes);
    if (!verification.intact) throw new Error(verification.problems.join('\n'));
  }, { iterations: 2, warmupIterations: 0, time: 0 });
  bench("poppler's pdftotext reading the same pages' text (a C++ reader, for scale)", () => {
    execFileSync('pdftotext', [file, '/dev/null']);
  }, { iterations: 2, warmupIterations: 0, time: 0 });
});

describe('the demo workspace', () => {
  const pack = createWorkbenchService({ dataDir: join(root, 'pack'), actor: 'bench', printer, appVersion: 'bench' });
  bench('audit pack (every available report, one PDF)', async () => {
    await must(pack.call('openWorkspace', { path: demoCopy }));
    await must(pack.call('exportReport', { kind: 'audit-pack' }));
  }, { iterations: 5, warmupIterations: 1, time: 0 });
});
