import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { registerHeaders } from '../../core/register/registerColumns';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { steppingClock, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
async function openDemo() {
  const workbench = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') }));
  await workbench.openDemoWorkspace();
  return workbench;
}
const csv = (rows: string[][]) => Papa.unparse(rows);
const count = async (workbench: Awaited<ReturnType<typeof openDemo>>) => (await workbench.listActivities()).length;

describe('register export and import', () => {
  it('exports the register in the ICO column layout and re-imports it without a change', async () => {
    const workbench = await openDemo();
    const file = await workbench.exportRegister({ format: 'csv' });
    expect(file.fileName).toBe('register-2026-11-23.csv');
    const table = Papa.parse<string[]>(file.content.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual(registerHeaders());
    expect(table[0]).toContain('Article 6 lawful basis for processing personal data');
    expect(table).toHaveLength(25);

    const again = await workbench.importRegister({ format: 'csv', content: file.content });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 24, rejected: [], ignoredColumns: [], headerRow: 1, skipped: [], problems: [], encoding: 'UTF-8' });
    // Every value of the export is one of the workbench's own terms, matched exactly.
    expect(again.values.length).toBeGreaterThan(10);
    expect(again.values.filter((entry) => entry.match !== 'exact')).toEqual([]);

    const json = await workbench.exportRegister({ format: 'json' });
    const register = JSON.parse(json.content) as { organisations: unknown[]; activities: unknown[]; processors: unknown[] };
    expect(register.organisations).toHaveLength(5);
    expect(register.activities).toHaveLength(24);
    expect(register.processors).toHaveLength(3);
    expect(await workbench.importRegister({ format: 'json', content: json.content })).toMatchObject({ imported: 0, updated: 0, unchanged: 24 });
    workbench.close();
  });

  it('imports the ICO columns and a retention rule by name; an unknown rule is kept as flagged text', async () => {
    const workbench = await openDemo();
    await workbench.createRetentionRule({ name: 'CCTV footage', maximum: 'P30D', countedFrom: 'collection' });
    const content = csv([
      ['Controller', 'Processing activity', 'Retention rule', 'Rights available to individuals', 'Location of personal data', 'Personal data breach?'],
      ['Smartt', 'Door cameras', 'cctv footage', 'Access\nErasure', 'On-site recorder', 'No'],
      ['Smartt', 'Visitor log', 'Shredding', '', '', ''],
    ]);
    const summary = await workbench.importRegister({ format: 'csv', content });
    expect(summary).toMatchObject({ imported: 2, rejected: [] });
    const visitors = (await workbench.listActivities({ search: 'Visitor log' }))[0]!;
    const log = await workbench.getActivity({ id: visitors.id });
    expect(log.retentionRuleId).toBeNull();
    expect(log.flaggedText).toEqual([{ column: 'retentionRule', text: 'Shredding' }]);
    expect(log.completeness.gaps).toContainEqual(expect.objectContaining({ kind: 'imported-text', message: 'imported text not yet mapped to a term: Retention rule "Shredding"' }));
    const cameras = (await workbench.listActivities({ search: 'Door cameras' }))[0]!;
    const stored = await workbench.getActivity({ id: cameras.id });
    expect(stored).toMatchObject({ retentionRuleName: 'CCTV footage', rightsAvailable: ['access', 'erasure'], dataLocation: 'On-site recorder', breachOccurred: false });
    expect(stored.completeness.gaps.map((gap) => gap.kind)).not.toContain('retention');
    // The export names the rule, and reading it back changes nothing.
    const file = await workbench.exportRegister({ format: 'xlsx' });
    expect(file).toMatchObject({ fileName: 'register-2026-11-23.xlsx', encoding: 'base64' });
    expect(await workbench.importRegister({ format: 'xlsx', content: file.content })).toMatchObject({ imported: 0, updated: 0, unchanged: 26, rejected: [] });
    expect(await workbench.result.previewRegisterImport({ format: 'xlsx', content: Buffer.from('Name,Purpose\n').toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'content', message: expect.stringContaining('is not an XLSX workbook') },
    });
    workbench.close();
  });

  it('exports the full register workbook: the register with its key column hidden, and every linked item on its own sheet', async () => {
    const workbench = await openDemo();
    const file = await workbench.exportRegister({ format: 'xlsx' });
    const bytes = Buffer.from(file.content, 'base64');
    const entries = unzipSync(new Uint8Array(bytes));
    const workbook = strFromU8(entries['xl/workbook.xml']!);
    expect([...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((match) => match[1])).toEqual(['Register', 'Vendors', 'Vendor links', 'Transfers', 'Retention rules', 'Gaps']);
    // The Record ID column is there (a re-import keeps identity) but hidden from the reader.
    expect(strFromU8(entries['xl/worksheets/sheet1.xml']!)).toMatch(/<col [^>]*min="1" max="1"[^>]*hidden="1"/);
    const register = await readSheet(bytes, 'Register');
    expect(register[0]![0]).toBe('Record ID');
    expect(register).toHaveLength(25);

    const completeness = await workbench.getRegisterCompleteness();
    const gaps = await readSheet(bytes, 'Gaps');
    expect(gaps.length - 1).toBe(Object.values(completeness.byKind).reduce((sum, count) => sum + count, 0));
    const activities = await workbench.listActivities();
    const details = await Promise.all(activities.map((item) => workbench.getActivity({ id: item.id })));
    expect((await readSheet(bytes, 'Transfers')).length - 1).toBe(details.reduce((sum, detail) => sum + detail.transfers.length, 0));
    expect((await readSheet(bytes, 'Vendor links')).length - 1).toBe(details.reduce((sum, detail) => sum + detail.processors.length, 0));
    const vendors = await workbench.listProcessors();
    expect((await readSheet(bytes, 'Vendors')).length - 1).toBe(vendors.length);
    const rules = await workbench.listRetentionRules();
    expect((await readSheet(bytes, 'Retention rules')).length - 1).toBe(rules.length);
    // Read back, the workbook changes nothing.
    expect(await workbench.importRegister({ format: 'xlsx', content: file.content })).toMatchObject({ imported: 0, updated: 0, unchanged: 24, rejected: [] });
    workbench.close();
  });

  it('neutralises spreadsheet formulas in exported cells, and reads them back as typed', async () => {
    const workbench = await openDemo();
    const [organisation] = await workbench.listOrganisations();
    await workbench.createActivity({ organisationId: organisation!.id, name: '=HYPERLINK("http://evil.example","click")', purposes: ['+1 call centre', '@mention'] });
    const file = await workbench.exportRegister({ format: 'csv' });
    const table = Papa.parse<string[]>(file.content.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const cells = table.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(cells.some((cell) => /^[=+\-@\t\r]/.test(cell))).toBe(false);
    expect(await workbench.importRegister({ format: 'csv', content: file.content })).toMatchObject({ imported: 0, updated: 0, unchanged: 25 });
    // The same in a workbook: no cell is a formula, none starts with a formula prefix, and it reads back unchanged.
    const workbook = await workbench.exportRegister({ format: 'xlsx' });
    const sheet = await readSheet(Buffer.from(workbook.content, 'base64'));
    expect(sheet.flat()).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(sheet.flat().some((cell) => typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell))).toBe(false);
    expect(await workbench.importRegister({ format: 'xlsx', content: workbook.content })).toMatchObject({ imported: 0, updated: 0, unchanged: 25 });
    workbench.close();
  });

  it('imports every row that can be a record, keeps unmatched values as flagged text, and does not duplicate on re-import', async () => {
    const workbench = await openDemo();
    const before = await count(workbench);
    const content = csv([
      ['Controller', 'Processing activity', 'Purpose of processing', 'Categories of personal data', 'Article 6 lawful basis for processing personal data', 'Colour'],
      ['Smartt', 'Visitor badges', 'Know who is in the building', 'Identity', 'Legitimate interests', 'blue'],
      ['Smartt', 'Lie detection', 'Screen staff', 'Mind reading', 'Consent', ''],
      ['Acme Unknown', 'Payroll', 'Pay staff', 'Financial', 'Contract', ''],
      ['Smartt', '', 'No name', '', '', ''],
      ['smartt', 'VISITOR BADGES', 'Duplicate of row 2', '', '', ''],
      ['Smartt', 'Parking', 'Allocate spaces', 'Identity', 'Hunch', ''],
    ]);

    const preview = await workbench.previewRegisterImport({ format: 'csv', content });
    expect(await count(workbench)).toBe(before);
    const first = await workbench.importRegister({ format: 'csv', content });
    expect(first).toEqual(preview);
    // Row 5 has no name, so its purpose names it; unknown words are kept as text, not refused.
    expect(first.imported).toBe(4);
    expect(first.ignoredColumns).toEqual(['Colour']);
    expect(first.rejected).toEqual([
      { row: 4, reason: expect.stringMatching(/^Controller: "Acme Unknown" is not an organisation in this workspace/) },
      { row: 6, reason: 'the same record as row 2; each record may appear once' },
    ]);
    expect(first.values).toContainEqual(expect.objectContaining({ column: 'dataCategories', value: 'Mind reading', match: 'none', decision: { action: 'text' } }));
    expect(first.values).toContainEqual(expect.objectContaining({ column: 'lawfulBasis', value: 'Hunch', match: 'none', decision: { action: 'text' } }));
    expect(first.mapped).toMatchObject({ text: 2 });
    expect(await count(workbench)).toBe(before + 4);
    const parking = (await workbench.listActivities({ search: 'Parking' }))[0]!;
    expect(await workbench.getActivity({ id: parking.id })).toMatchObject({
      lawfulBasis: null,
      flaggedText: [{ column: 'lawfulBasis', text: 'Hunch' }],
    });

    const second = await workbench.importRegister({ format: 'csv', content });
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    expect(second.rejected).toHaveLength(2);
    expect(await count(workbench)).toBe(before + 4);

    // A changed cell updates the record (and only the columns the file has), with a change-log entry.
    const changed = content.replace('Know who is in the building', 'Know who is in the building\nEvacuation roll call');
    expect(await workbench.importRegister({ format: 'csv', content: changed })).toMatchObject({ imported: 0, updated: 1 });
    const badge = (await workbench.listActivities({ search: 'Visitor badges' }))[0]!;
    const detail = await workbench.getActivity({ id: badge.id });
    expect(detail).toMatchObject({ purposes: ['Know who is in the building', 'Evacuation roll call'], lawfulBasis: 'legitimate-interests' });
    const history = await workbench.getChangeLog({ entity: 'activity', entityId: badge.id });
    expect(history.map((entry) => entry.action)).toEqual(['update', 'create']);
    workbench.close();
  });

  it('updates only the fields a JSON record names', async () => {
    const workbench = await openDemo();
    const [first] = await workbench.listActivities({ search: 'Mentee card payments' });
    const before = await workbench.getActivity({ id: first!.id });
    const content = JSON.stringify({ activities: [{ id: first!.id, organisationName: 'Smartner', name: first!.name, retention: '7 years after the last payment' }] });
    expect(await workbench.importRegister({ format: 'json', content })).toMatchObject({ updated: 1, rejected: [] });
    const after = await workbench.getActivity({ id: first!.id });
    expect(after).toMatchObject({ purposes: before.purposes, recipients: before.recipients, securityMeasures: before.securityMeasures, status: before.status, retention: '7 years after the last payment' });
    workbench.close();
  });

  it('numbers rows as the file does, blank lines included, and refuses only rows with more cells than headings, listing every problem', async () => {
    const workbench = await openDemo();
    const content = 'Controller,Processing activity,Categories of personal data,Status\nSmartt,Good row,Identity,draft\n\nSmartt,Odd row,Telepathy,active\nSmartt,Short row\nSmartt,Long row,Identity,active,stray,"more\u0000"\n';
    const summary = await workbench.previewRegisterImport({ format: 'csv', content });
    expect(summary.imported).toBe(3);
    expect(summary.values).toContainEqual(expect.objectContaining({ column: 'dataCategories', value: 'Telepathy', decision: { action: 'text' } }));
    expect(summary.rejected).toEqual([
      {
        row: 6,
        reason: 'has 6 cells but the heading row has 4: cell 5 ("stray"), cell 6 ("more") cannot be matched to a column (check the commas or quotes); column 6: a NUL character removed',
      },
    ]);
    expect(summary.problems).toEqual([{ row: 6, column: 'column 6', message: 'a NUL character removed' }]);
    workbench.close();
  });

  it('refuses a file it cannot read, naming why, and writes nothing', async () => {
    const workbench = await openDemo();
    const before = await count(workbench);
    expect(await workbench.result.importRegister({ format: 'csv', content: 'Colour,Size\nblue,large\n' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'columns', message: expect.stringMatching(/^No column names the records: map "Processing activity", "Business function" or "Purpose of processing" to one of the file's columns \(its headings: Colour, Size\)/) },
    });
    expect(await workbench.result.importRegister({ format: 'json', content: '{not json' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'content' } });
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]).toString('base64');
    expect(await workbench.result.importRegister({ format: 'xlsx', content: brokenZip })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'content', message: expect.stringMatching(/^The XLSX workbook could not be read: /) },
    });
    expect(await count(workbench)).toBe(before);
    workbench.close();
  });
});
