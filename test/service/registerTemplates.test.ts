import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../core/contract';
import { createWorkbenchService } from '../../service';
import { typedClient, type TypedClient } from '../support/client';
import { steppingClock, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
type Service = TypedClient<ReturnType<typeof createWorkbenchService>>;
async function openDemo(): Promise<{ workbench: Service; smartt: string }> {
  const workbench = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') }));
  await workbench.openDemoWorkspace();
  const organisations = await workbench.listOrganisations();
  return { workbench, smartt: organisations.find((organisation) => organisation.name === 'Smartt')!.id };
}
const activity = async (workbench: Service, search: string) => {
  const [found] = await workbench.listActivities({ search });
  if (!found) throw new Error(`no activity matches ${search}`);
  return workbench.getActivity({ id: found.id });
};
const proposal = (summary: ImportSummary, column: string, text: string) => summary.values.find((entry) => entry.column === column && entry.value === text);

/** The UK ICO controller template as a DPO fills it in Excel and saves it as CSV on Windows (Windows-1252). */
const icoCsv = readFileSync(join(__dirname, '../fixtures/register/ico-controller-cp1252.csv'));

describe('the ICO controller template as filled in', () => {
  it('finds the headings under the title rows, reads Windows-1252, maps the words and keeps the rest as flagged text', async () => {
    const { workbench, smartt } = await openDemo();
    const request = { format: 'csv' as const, content: icoCsv.toString('base64'), encoding: 'base64' as const, organisationId: smartt };
    const preview = await workbench.previewRegisterImport(request);
    expect(preview.encoding).toBe('Windows-1252 (not valid UTF-8)');
    expect(preview.headerRow).toBe(5);
    expect(preview.skipped).toEqual([
      { row: 1, reason: 'title row above the headings' },
      { row: 2, reason: 'title row above the headings' },
      { row: 3, reason: 'title row above the headings' },
      { row: 6, reason: 'notes row' },
    ]);
    // The ICO's own headings; the one the workbench does not keep is listed, not guessed.
    expect(preview.columns.filter((column) => column.how === 'heading')).toHaveLength(15);
    expect(preview.ignoredColumns).toEqual(['Link to contract with processor']);
    // The row with two cells beyond the headings cannot be matched: the only one refused, with every problem.
    expect(preview.rejected).toEqual([{ row: 11, reason: expect.stringMatching(/^has 18 cells but the heading row has 16: cell 17 \("stray cell"\), cell 18 \("another"\) cannot be matched/) }]);
    expect(preview).toMatchObject({ imported: 4, updated: 0 });

    // Words proposed their terms, once per distinct value.
    expect(proposal(preview, 'countries', 'United States')).toMatchObject({ match: 'exact', code: 'US', count: 1 });
    expect(proposal(preview, 'countries', 'United States of America')).toMatchObject({ match: 'synonym', code: 'US' });
    expect(proposal(preview, 'countries', 'Narnia')).toMatchObject({ match: 'none', decision: { action: 'text' } });
    expect(proposal(preview, 'safeguards', 'Standard contractual clauses (2021)')).toMatchObject({ match: 'exact', code: 'sccs', date: '2021-06-04' });
    expect(proposal(preview, 'lawfulBasis', 'Art. 6(1)(b) contract')).toMatchObject({ match: 'synonym', code: 'contract' });
    expect(proposal(preview, 'lawfulBasis', 'Legitimate interests')).toMatchObject({ match: 'exact', code: 'legitimate-interests', count: 1 });
    expect(proposal(preview, 'dataCategories', 'Health data')).toMatchObject({ match: 'synonym', code: 'special-category' });
    expect(proposal(preview, 'dataCategories', 'Bank stuff')).toMatchObject({ match: 'none', decision: { action: 'text' } });
    expect(proposal(preview, 'dpiaProgress', 'Completed')).toMatchObject({ match: 'synonym', code: 'complete' });
    expect(proposal(preview, 'rights', 'Access')).toMatchObject({ match: 'exact', count: 4 });
    expect(proposal(preview, 'retention', '7 years')).toMatchObject({ period: 'P7Y' });
    expect(proposal(preview, 'retention', 'six months')).toMatchObject({ period: 'P6M' });
    expect(preview.mapped.text).toBe(2);

    const imported = await workbench.importRegister(request);
    expect(imported).toMatchObject({ imported: 4, updated: 0, rejected: preview.rejected });

    // The record's identity is its business function and purpose; Windows-1252 text reads as written.
    const finance = await activity(workbench, 'Paying suppliers');
    expect(finance).toMatchObject({
      name: 'Finance – Paying suppliers and staff expenses',
      organisationName: 'Smartt',
      dataSubjectCategories: ['Employees', 'suppliers'],
      dataCategories: ['financial', 'contact'],
      recipients: [
        { name: 'Xero', kind: 'processor' },
        { name: 'HMRC', kind: 'external' },
      ],
      transfers: [{ country: 'US', mechanism: 'sccs', mechanismDate: '2021-06-04', note: null }],
      lawfulBasis: 'legal-obligation',
      rightsAvailable: ['access', 'rectification', 'erasure'],
      retention: '7 years',
      flaggedText: [],
    });
    // A processor named among the recipients with no vendor linked is an Art. 28(3) gap.
    expect(finance.completeness.gaps).toContainEqual(expect.objectContaining({ kind: 'processor-not-linked', citation: 'GDPR Art. 28(3)' }));
    const payroll = await activity(workbench, 'Payroll – monthly');
    expect(payroll).toMatchObject({ lawfulBasis: 'contract', art9Condition: 'employment', dataCategories: ['identity', 'financial', 'special-category'], dpiaRequired: 'yes', dpiaProgress: 'complete' });
    const marketing = await activity(workbench, 'Newsletter');
    expect(marketing.transfers).toEqual([
      { country: 'US', mechanism: 'dpf', mechanismDate: null, note: null },
      { country: 'IN', mechanism: 'sccs', mechanismDate: null, note: null },
    ]);
    expect(marketing.rightsAvailable).toEqual(['access', 'erasure', 'objection', 'withdraw-consent']);
    expect(marketing.dataSubjectCategories).toEqual(['Customers', 'prospects']);
    const calls = await activity(workbench, 'loyalty');
    expect(calls.name).toBe('Customer service – Café loyalty calls – Zoë’s scheme');
    expect(calls.flaggedText).toEqual([
      { column: 'dataCategories', text: 'Bank stuff' },
      { column: 'countries', text: 'Narnia' },
    ]);
    expect(calls.completeness.gaps.filter((gap) => gap.kind === 'imported-text').map((gap) => gap.message)).toEqual([
      'imported text not yet mapped to a term: Categories of personal data "Bank stuff"',
      'imported text not yet mapped to a term: Names of third countries or international organisations that personal data are transferred to (if applicable) "Narnia"',
    ]);

    // The same file again updates nothing and duplicates nothing.
    expect(await workbench.importRegister(request)).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    // The workbench's export of it reads back unchanged, flagged text included.
    const exported = await workbench.exportRegister({ format: 'csv' });
    expect(exported.content).toContain('Narnia');
    expect(await workbench.importRegister({ format: 'csv', content: exported.content })).toMatchObject({ imported: 0, updated: 0, unchanged: 28, rejected: [] });
    workbench.close();
  });

  it('applies the user’s choices, adds new terms, and remembers them for the next file of the same layout', async () => {
    const { workbench, smartt } = await openDemo();
    const request = { format: 'csv' as const, content: icoCsv.toString('base64'), encoding: 'base64' as const, organisationId: smartt };
    const choices = [
      { column: 'dataCategories' as const, value: 'Bank stuff', decision: { action: 'new-term' as const } },
      { column: 'countries' as const, value: 'Narnia', decision: { action: 'map' as const, code: 'NO' } },
      { column: 'lawfulBasis' as const, value: 'Legitimate interests', decision: { action: 'text' as const } },
    ];
    const imported = await workbench.importRegister({ ...request, values: choices, saveLayout: 'ICO controller 2018' });
    expect(imported.mapped).toMatchObject({ chosen: 1, newTerms: 1, text: 1 });
    const calls = await activity(workbench, 'loyalty');
    expect(calls.dataCategories).toEqual(['audio-recordings', 'x-bank-stuff']);
    expect(calls.transfers).toEqual([{ country: 'NO', mechanism: 'adequacy', mechanismDate: null, note: null }]);
    expect(calls.flaggedText).toEqual([{ column: 'lawfulBasis', text: 'Legitimate interests' }]);
    const vocabulary = await workbench.getVocabulary();
    expect(vocabulary['data-category']).toContainEqual(expect.objectContaining({ code: 'x-bank-stuff', label: 'Bank stuff' }));

    // Next time, the layout is recognised by its headings and the choices apply without being asked.
    const again = await workbench.previewRegisterImport(request);
    expect(again.layout).toBe('ICO controller 2018');
    expect(proposal(again, 'countries', 'Narnia')).toMatchObject({ chosen: true, decision: { action: 'map', code: 'NO' } });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    // A layout named that does not exist is a clear error.
    expect(await workbench.result.previewRegisterImport({ ...request, layout: 'Nope' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'layout' } });
    workbench.close();
  });
});

describe('the CNIL register model, in French, as a workbook', () => {
  it('matches the French headings and words, skips the title, and reads periods in words', async () => {
    const { workbench, smartt } = await openDemo();
    await workbench.createRetentionRule({ name: 'Paie (5 ans)', maximum: 'P5Y', countedFrom: 'end-of-relationship' });
    const bytes = await writeXlsxFile([
      [{ value: 'Registre des activités de traitement de Smartt' }],
      [],
      [
        'Activité de traitement',
        'Finalité(s) du traitement',
        'Base légale',
        'Catégories de personnes concernées',
        'Catégories de données',
        'Destinataires',
        'Transferts hors UE',
        'Garanties',
        'Durée de conservation',
        'Mesures de sécurité',
        'Date de création',
      ].map((text) => ({ value: text })),
      [
        'Gestion de la paie',
        'Verser les salaires',
        'Obligation légale',
        'Salariés',
        "État civil, identité; Vie professionnelle; Informations d'ordre économique et financier",
        'Service RH (internal); Cabinet comptable',
        'États-Unis',
        'Clauses contractuelles types (2021)',
        '5 ans',
        'Chiffrement',
        '2024-01-15',
      ].map((text) => ({ value: text })),
    ]).toBuffer();
    const request = { format: 'xlsx' as const, content: bytes.toString('base64'), organisationId: smartt };
    const summary = await workbench.importRegister(request);
    expect(summary).toMatchObject({ imported: 1, rejected: [], headerRow: 3, skipped: [{ row: 1, reason: 'title row above the headings' }] });
    expect(summary.columns.filter((column) => column.key === null)).toEqual([]);
    expect(proposal(summary, 'countries', 'États-Unis')).toMatchObject({ match: 'synonym', code: 'US' });
    expect(proposal(summary, 'retention', '5 ans')).toMatchObject({ match: 'close', label: 'Paie (5 ans)', period: 'P5Y' });
    const payroll = await activity(workbench, 'Gestion de la paie');
    expect(payroll).toMatchObject({
      purposes: ['Verser les salaires'],
      lawfulBasis: 'legal-obligation',
      dataSubjectCategories: ['Salariés'],
      dataCategories: ['identity', 'professional-life', 'financial'],
      recipients: [
        { name: 'Service RH', kind: 'internal' },
        { name: 'Cabinet comptable', kind: 'external' },
      ],
      transfers: [{ country: 'US', mechanism: 'sccs', mechanismDate: '2021-06-04', note: null }],
      retention: '5 ans',
      retentionRuleName: 'Paie (5 ans)',
      flaggedText: [],
    });
    expect(await workbench.importRegister(request)).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
    workbench.close();
  });
});

describe('text hygiene', () => {
  it('reads UTF-16 with its mark, and reports bytes and NULs that cannot be text with their row and column', async () => {
    const { workbench, smartt } = await openDemo();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Processing activity,Purpose of processing\r\nCrèche places,Allocate places\r\n', 'utf16le')]);
    const read = await workbench.previewRegisterImport({ format: 'csv', content: utf16.toString('base64'), encoding: 'base64', organisationId: smartt });
    expect(read).toMatchObject({ encoding: 'UTF-16 (little-endian)', imported: 1, problems: [] });

    // UTF-8 with one stray byte is not UTF-8: read as Windows-1252, and the byte it leaves undefined is reported.
    const mixed = Buffer.concat([Buffer.from('Processing activity,Purpose of processing\nBadges,Print '), Buffer.from([0x81]), Buffer.from(' cards\nKeys,Issue\u0000 keys\n')]);
    const summary = await workbench.importRegister({ format: 'csv', content: mixed.toString('base64'), encoding: 'base64', organisationId: smartt });
    expect(summary.encoding).toBe('Windows-1252 (not valid UTF-8)');
    expect(summary.problems).toEqual([
      { row: 2, column: 'Purpose of processing', message: 'byte 0x81, which has no meaning in Windows-1252 removed' },
      { row: 3, column: 'Purpose of processing', message: 'a NUL character removed' },
    ]);
    const keys = await activity(workbench, 'Keys');
    expect(keys.purposes).toEqual(['Issue keys']);
    workbench.close();
  });
});

describe('the ICO processor template as filled in', () => {
  it('imports one Art. 30(2) record per controller served, and updates it on a second import', async () => {
    const { workbench, smartt } = await openDemo();
    const rows = [
      ['Documentation template for processors'],
      ['Processor name and contact details:', 'Smartt Ltd'],
      [],
      [
        'Name and contact details of controller',
        "Name and contact details of controller's representative (if applicable)",
        'Categories of processing',
        'Names of third countries or international organisations that personal data are transferred to (if applicable)',
        'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
        'General description of technical and organisational security measures (if possible)',
      ],
      ['Acme Retail Ltd, 1 High Street, Leeds, privacy@acme.example', '', 'Payroll processing; help desk', 'United States', 'Standard contractual clauses (2021)', 'ISO 27001 certified hosting'],
      ['Bistro Group\nprivacy@bistro.example', 'EU Rep Ltd, Dublin', 'Booking system hosting', 'Narnia', '', 'Encrypted backups'],
    ];
    const content = Buffer.from(rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n')).toString('base64');
    const request = { format: 'csv' as const, content, encoding: 'base64' as const, organisationId: smartt };
    const summary = await workbench.importRegister(request);
    expect(summary).toMatchObject({ kind: 'processor-records', imported: 2, rejected: [], headerRow: 4 });
    const records = await workbench.listProcessorRecords();
    const acme = records.find((record) => record.controllerName === 'Acme Retail Ltd')!;
    expect(acme).toMatchObject({
      organisationName: 'Smartt',
      controllerContact: '1 High Street, Leeds, privacy@acme.example',
      processingCategories: ['Payroll processing', 'help desk'],
      transfers: [{ country: 'US', mechanism: 'sccs', mechanismDate: '2021-06-04', note: null }],
    });
    const bistro = records.find((record) => record.controllerName === 'Bistro Group')!;
    expect(bistro).toMatchObject({
      controllerContact: 'privacy@bistro.example\nRepresentative: EU Rep Ltd, Dublin',
      transfers: [{ country: null, mechanism: null, mechanismDate: null, note: 'Imported as text: country "Narnia"' }],
    });
    // A transfer whose country is not known is a gap of the record.
    expect(bistro.completeness.gaps.map((gap) => gap.kind)).toContain('transfer-safeguard');
    expect(await workbench.importRegister(request)).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    const changed = Buffer.from(Buffer.from(content, 'base64').toString('utf8').replace('Booking system hosting', 'Booking system hosting; card payments')).toString('base64');
    expect(await workbench.importRegister({ ...request, content: changed })).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
    workbench.close();
  });
});

describe('values kept as text, exported and read back', () => {
  it('reads the workbench’s own export of them back unchanged, safeguards in their place and a rule beside its text', async () => {
    const { workbench } = await openDemo();
    await workbench.createRetentionRule({ name: 'CCTV footage', maximum: 'P30D', countedFrom: 'collection' });
    const content = [
      'Controller,Processing activity,Names of third countries or international organisations that personal data are transferred to (if applicable),Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable),Retention rule',
      'Smartt,Door cameras,US; India,SCCs (2021); IDTA,Shredding',
      'Smartt,Badges,US; India; Japan,SCCs; BCRs,',
    ].join('\n');
    await workbench.importRegister({ format: 'csv', content });
    const cameras = await activity(workbench, 'Door cameras');
    expect(cameras.transfers).toEqual([
      { country: 'US', mechanism: 'sccs', mechanismDate: '2021-06-04', note: null },
      { country: 'IN', mechanism: null, mechanismDate: null, note: 'Safeguard imported as text: "IDTA"' },
    ]);
    expect(cameras.flaggedText).toEqual([{ column: 'retentionRule', text: 'Shredding' }]);
    // Two safeguards for three countries: none is applied, each is kept as text.
    const badges = await activity(workbench, 'Badges');
    expect(badges.transfers.map((transfer) => transfer.mechanism)).toEqual([null, null, null]);
    expect(badges.flaggedText).toEqual([
      { column: 'safeguards', text: 'SCCs' },
      { column: 'safeguards', text: 'BCRs' },
    ]);
    // The DPO sets the rule but leaves the text; the export writes both, and reading it back changes nothing.
    await workbench.bulkUpdateActivities({ ids: [cameras.id], field: 'retentionRuleId', value: (await workbench.listRetentionRules()).find((rule) => rule.name === 'CCTV footage')!.id });
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await workbench.exportRegister({ format });
      for (let round = 0; round < 2; round += 1) {
        expect(await workbench.importRegister({ format, content: exported.content }), `${format} round ${round}`).toMatchObject({ imported: 0, updated: 0, rejected: [] });
      }
    }
    expect((await activity(workbench, 'Door cameras')).retentionRuleName).toBe('CCTV footage');
    workbench.close();
  });
});

describe('rows held to the record’s own rules', () => {
  it('refuses a row whose purpose is longer than a record allows, naming the column, and makes one term of two spellings', async () => {
    const { workbench, smartt } = await openDemo();
    const content = [
      'Processing activity,Purpose of processing,Categories of personal data',
      `Long one,${'x'.repeat(600)},Identity`,
      'Cards,Issue cards,Bank & card details',
      'Card refunds desk,Refund cards,Bank / card details',
    ].join('\n');
    const values = [
      { column: 'dataCategories' as const, value: 'Bank & card details', decision: { action: 'new-term' as const } },
      { column: 'dataCategories' as const, value: 'Bank / card details', decision: { action: 'new-term' as const } },
    ];
    const summary = await workbench.importRegister({ format: 'csv', content, organisationId: smartt, values });
    expect(summary.rejected).toEqual([{ row: 2, reason: 'Purpose of processing: purpose is longer than 500 characters' }]);
    expect(summary.imported).toBe(2);
    const terms = (await workbench.getVocabulary())['data-category']!.filter((term) => term.code === 'x-bank-card-details');
    expect(terms).toHaveLength(1);
    expect((await activity(workbench, 'Card refunds desk')).dataCategories).toEqual(['x-bank-card-details']);
    workbench.close();
  });
});
