import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedReport } from '../../core/contract';
import { reportTitles, type ReportKind } from '../../core/reports/model';
import { verifyPdf } from '../../service/reports/pdf';
import { playwrightPrinter } from '../../service/reports/playwrightPrinter';
import { contentsEntries, folded, pageText } from '../support/pdfText';
import { demoWithRecordings, type ReportWorkspace } from '../support/reportData';
import { screenshotsDir as screenshots } from '../support/screenshots';

/** Each report this version prints, with a row of the demo workspace its pages must show. */
const printable: Array<{ kind: ReportKind; knownRow: RegExp; headings: RegExp[] }> = [
  { kind: 'ropa', knownRow: /Platform user accounts and company instances/, headings: [/Contents/, /Overview/, /Smartt/, /Gaps against Art\. 30\(1\)/] },
  { kind: 'processor-record', knownRow: /IntelliTek AI Platform/, headings: [/Contents/, /Overview and gaps/, /SmarTek21/] },
  { kind: 'vendors', knownRow: /Sterling Talent Solutions/, headings: [/Contents/, /Overview/, /Vendors/, /Sub-processors/] },
  { kind: 'breaches', knownRow: /Customer database exposed/, headings: [/Register of breaches/, /Breaches judged not notifiable/, /Full-disk encryption with a revoked key/] },
  { kind: 'incident', knownRow: /Customer database exposed/, headings: [/BfDI portal/, /Timeline/, /Decisions and their rationale/, /Obligations, deadlines and filings/, /Notification draft \(GDPR Art\. 33\(3\)\)/] },
  { kind: 'retention', knownRow: /Claim 12/, headings: [/Retention rules/, /Legal holds/, /Disposal batches and their certificates/, /MiFID II/] },
  {
    kind: 'audit-pack',
    knownRow: /Platform user accounts and company instances/,
    headings: [/What this pack holds/, /Part 1\. Record of processing activities/, /Vendor register/, /Breach register/, /Incident report/, /Call-recording retention and disposal record/],
  },
];
const tool = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' });
const infoOf = (file: string) => Object.fromEntries(tool('pdfinfo', [file]).split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));

let workbench: ReportWorkspace['workbench'];
let data: ReportWorkspace;
let folder: string;
const files = new Map<ReportKind, { file: string; report: ExportedReport }>();
const printer = playwrightPrinter();

beforeAll(async () => {
  // One folder for the whole file: the reports are printed once and read by every test.
  folder = mkdtempSync(join(tmpdir(), 'pwb-reports-'));
  // The demo workspace with a notified and a not-notifiable breach, a drill, recordings, holds and a disposal batch (made through the service).
  data = await demoWithRecordings(folder, 6, { printer, appVersion: '9.8.7' });
  workbench = data.workbench;
  for (const { kind } of printable) {
    const report = await workbench.exportReport({ kind, ...(kind === 'incident' ? { incidentId: data.notified.id } : {}) });
    const file = join(folder, report.fileName);
    writeFileSync(file, Buffer.from(report.pdfBase64, 'base64'));
    files.set(kind, { file, report });
  }
}, 120_000);

afterAll(async () => {
  data?.close();
  await printer.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('reports printed from the demo workspace', () => {
  it.each(printable)('$kind: metadata, text, fonts, structure and page images', async ({ kind, knownRow, headings }) => {
    const { file, report } = files.get(kind)!;
    // The incident report's name also carries the incident's short id.
    const incidentPart = kind === 'incident' ? `${data.notified.id.slice(0, 8)}-` : '';
    expect(report.fileName).toMatch(new RegExp(`^${kind}-${incidentPart}2026-11-23-${report.fingerprint.slice(0, 8)}\\.pdf$`));
    expect(report.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const info = infoOf(file);
    expect(Number(info.Pages)).toBe(report.pages);
    expect(report.pages).toBeGreaterThanOrEqual(3);
    expect(info.Title).toBe(reportTitles[kind]);
    expect(info.Author).toBe('dpo');
    expect(info.Subject!.length).toBeGreaterThan(20);
    expect(info.Keywords).toContain(`sha256:${report.fingerprint}`);
    expect(info.Creator).toBe('Privacy Workbench 9.8.7');
    expect(info['Page size']).toMatch(/^59[56]\.\d* x 84[12]\.\d* pts \(A4\)$/);
    expect(info.Tagged).toBe('yes');

    const text = tool('pdftotext', ['-layout', file, '-']);
    for (const heading of headings) expect(text).toMatch(heading);
    expect(text).toMatch(knownRow);
    expect(text).toContain(`Page 1 of ${report.pages}`);
    expect(text).toContain(`Page ${report.pages} of ${report.pages}`);
    // The fingerprint on the cover and in every footer; the classification in the header and footer.
    expect(text.split(report.fingerprint).length - 1).toBeGreaterThanOrEqual(report.pages + 1);
    expect(text).toContain('CONFIDENTIAL');
    expect(text).toMatch(/Generated \(UTC\)\s+2026-11-23 09:00:00 UTC/);
    expect(text).toContain('Privacy Workbench 9.8.7');

    // The contents give the page each section starts on, and that page shows the section's heading.
    const contents = contentsEntries(file);
    expect(contents.length).toBeGreaterThanOrEqual(2);
    for (const entry of contents) {
      expect(entry.page, entry.title).toBeGreaterThanOrEqual(3);
      expect(entry.page, entry.title).toBeLessThanOrEqual(report.pages);
      expect(folded(pageText(file, entry.page)).toLowerCase(), `"${entry.title}" on page ${entry.page}`).toContain(folded(entry.title).slice(0, 24).toLowerCase());
    }

    const fonts = tool('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) expect(row.split(/\s+/).slice(-5, -4)[0], row).toBe('yes');
    // The print stylesheet's fonts, not Chromium's default serif (which would mean the stylesheet was lost).
    expect(tool('pdffonts', [file])).toMatch(/DejaVuSans/);
    expect(tool('pdffonts', [file])).not.toMatch(/Serif/);

    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);

    // The outline (bookmarks) survived the metadata and attachments.
    const document = await PDFDocument.load(readFileSync(file));
    expect(document.catalog.lookup(PDFName.of('Outlines'), PDFDict).get(PDFName.of('First'))).toBeDefined();

    // Page images an auditor looks at: the cover, the contents, the first pages of the body and the last page.
    for (const stale of readdirSync(screenshots).filter((name) => name.startsWith(`report-${kind}-p`))) rmSync(join(screenshots, stale));
    const pages = [...new Set([1, 2, 3, 4, report.pages].filter((page) => page <= report.pages))];
    for (const page of pages) {
      execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, join(screenshots, `report-${kind}-p${page}`)]);
    }
    expect(readdirSync(screenshots).filter((name) => name.startsWith(`report-${kind}-p`))).toHaveLength(pages.length);
  });

  it.each(printable)('$kind: keeps the words of its data whole (no word cut across two lines of a cell)', ({ kind }) => {
    const { file } = files.get(kind)!;
    // The data the report prints is attached to it: its words are the dictionary the lines are checked against.
    const attachments = mkdtempSync(join(folder, `words-${kind}-`));
    tool('pdfdetach', ['-saveall', '-o', attachments, file]);
    const words = new Set(
      readdirSync(attachments)
        .flatMap((name) => readFileSync(join(attachments, name), 'utf8').match(/\p{L}{4,}/gu) ?? [])
        .filter((word) => word.length <= 20),
    );
    expect(words.size).toBeGreaterThan(50);
    // In reading order, a cell's lines follow each other: a word cut in two ends one line and starts the next.
    const lines = tool('pdftotext', [file, '-']).split('\n').map((line) => line.trim());
    const cut: string[] = [];
    for (let index = 0; index + 1 < lines.length; index += 1) {
      const end = /(\p{L}+)$/u.exec(lines[index]!)?.[1];
      const start = /^(\p{L}+)/u.exec(lines[index + 1]!)?.[1];
      if (!end || !start || words.has(end) || words.has(start)) continue;
      if (words.has(end + start)) cut.push(`${end}/${start}`);
    }
    expect(cut).toEqual([]);
  });

  it('lists every kind as printable, and refuses an unknown kind or an incident report without its incident', async () => {
    const kinds = await workbench.listReportKinds();
    expect(kinds.filter((entry) => entry.available).map((entry) => entry.kind)).toEqual(['ropa', 'processor-record', 'vendors', 'breaches', 'incident', 'retention', 'audit-pack']);
    // Not a kind the contract knows: sent untyped to check the service refuses it.
    const bad = await workbench.raw('exportReport', { kind: 'payroll' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('kind');
    expect(await workbench.result.exportReport({ kind: 'incident' })).toMatchObject({ ok: false, error: { field: 'incidentId' } });
    expect(await workbench.result.exportReport({ kind: 'incident', incidentId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'incidentId' } });
    // Drills stay out of the register and the pack.
    const register = readFileSync(files.get('breaches')!.file);
    expect(tool('pdftotext', [files.get('breaches')!.file, '-'])).not.toContain('Tabletop drill');
    expect(register.length).toBeGreaterThan(0);
    expect(tool('pdftotext', [files.get('audit-pack')!.file, '-'])).not.toContain('Tabletop drill');
  });
});

describe('verification', () => {
  /** Rewrites the PDF with every stream uncompressed (qpdf), so attached data can be found and changed as bytes. */
  const uncompressed = (file: string) => {
    const out = `${file}.plain.pdf`;
    execFileSync('qpdf', ['--stream-data=uncompress', '--object-streams=disable', file, out]);
    return out;
  };
  const flipByteAfter = (file: string, marker: string, offset: number) => {
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from(marker, 'latin1'));
    expect(at, `"${marker}" in ${file}`).toBeGreaterThan(0);
    bytes[at + offset] = bytes[at + offset]! ^ 0x01;
    const changed = `${file}.changed.pdf`;
    writeFileSync(changed, bytes);
    return changed;
  };

  it('accepts an untouched report and rejects one with a single byte of its data changed', async () => {
    const { file, report } = files.get('ropa')!;
    const intact = await verifyPdf(readFileSync(file));
    expect(intact).toMatchObject({ intact: true, stated: report.fingerprint, computed: report.fingerprint, problems: [] });
    expect([...intact.attachments].sort()).toEqual(['activities.csv', 'gaps.csv', 'report.json', 'snapshot.json']);

    // The same file with its streams uncompressed (rewritten by qpdf): its signature no longer holds, its data still match.
    const plain = uncompressed(file);
    const signatureOnly = 'The signature no longer fits the file: it was rewritten (re-saved by another program) or tampered with after it was signed.';
    expect((await verifyPdf(readFileSync(plain))).problems).toEqual([signatureOnly]);

    // One byte of the snapshot (inside the first activity's name in snapshot.json).
    const snapshotChanged = await verifyPdf(readFileSync(flipByteAfter(plain, '{"data":{"assessedOn":"2026-11-23"', 10)));
    expect(snapshotChanged.intact).toBe(false);
    expect(snapshotChanged.problems.join('\n')).toMatch(/snapshot\.json was changed: its SHA-256 is [0-9a-f]{64}, the fingerprint printed in the report is/);

    // One byte of an attached CSV.
    const csvChanged = await verifyPdf(readFileSync(flipByteAfter(plain, 'Record ID,Organisation,Processing activity,Citation', 2)));
    expect(csvChanged).toMatchObject({ intact: false, stated: report.fingerprint, computed: report.fingerprint });
    expect(csvChanged.problems).toEqual([signatureOnly, 'gaps.csv does not match the table "gaps" of snapshot.json.']);
  });

  it('says clearly when a PDF carries none of our attachments', async () => {
    const { file } = files.get('vendors')!;
    const stripped = join(folder, 'pages-only.pdf');
    execFileSync('qpdf', ['--empty', '--pages', file, '--', stripped]);
    const result = await verifyPdf(readFileSync(stripped));
    expect(result.intact).toBe(false);
    expect(result.problems).toEqual([expect.stringMatching(/has no attached snapshot\.json: it is not a Privacy Workbench report/)]);
    const notPdf = await verifyPdf(new TextEncoder().encode('hello'));
    expect(notPdf.problems[0]).toMatch(/not a readable PDF/);
  });
});
