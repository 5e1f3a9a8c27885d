import { describe, expect, it } from 'vitest';

import { processorRecordView } from '../../reports/views/processor-record';
import { buildProcessorRecordReport } from '../../service/reports/snapshots/processorRecord';
import { bodyHtml, demoWithIncidents, reportNow } from '../support/reportData';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

describe('processor record (Art. 30(2))', () => {
  it('prints every record of each organisation acting as a processor, with its contacts, transfers, measures and gaps', async () => {
    const setup = await demoWithIncidents(tempDir());
    const records = await setup.workbench.listProcessorRecords();
    expect(records.length).toBeGreaterThan(0);
    const built = buildProcessorRecordReport(setup.db, {}, reportNow);
    const { data } = built.snapshot;
    const printed = data.processors.flatMap((organisation) => organisation.records);
    expect(printed.map((record) => record.id).sort()).toEqual(records.map((record) => record.id).sort());
    // The gaps are those the register shows, with their citations.
    for (const record of records) {
      expect(printed.find((entry) => entry.id === record.id)!.gaps.map((gap) => gap.citation)).toEqual(record.completeness.gaps.map((gap) => gap.citation));
    }
    expect(data.totals.gaps).toBe(records.reduce((sum, record) => sum + record.completeness.gaps.length, 0));
    expect(built.organisation.split(', ').sort()).toEqual([...new Set(records.map((record) => record.organisationName))].sort());

    const html = bodyHtml(processorRecordView, built);
    for (const section of processorRecordView.sections(built.snapshot)) expect(html).toContain(`id="${section.id}"`);
    const first = records[0]!;
    expect(html).toContain(`On behalf of ${first.controllerName}`);
    expect(html).toContain(`Processor: ${first.organisationName}`);
    for (const category of first.processingCategories) expect(html).toContain(category.replace(/&/g, '&amp;').replace(/'/g, '&#x27;'));
    const gaps = built.snapshot.tables.find((table) => table.name === 'gaps')!;
    expect(gaps.rows).toHaveLength(data.totals.gaps);
    for (const [, , , citation] of gaps.rows) expect(html).toContain(citation!);
    expect(html).not.toContain('undefined');
    setup.close();
  });

  it('lists a transfer without a safeguard as a gap, and says so when a processor keeps no record', async () => {
    const setup = await demoWithIncidents(tempDir());
    const organisation = await setup.workbench.createOrganisation({ name: 'Hosting Partner', role: 'processor', country: 'IE', contactEmail: 'privacy@hosting.example' });
    const bare = buildProcessorRecordReport(setup.db, {}, reportNow);
    expect(bodyHtml(processorRecordView, bare)).toContain(
      'No Art. 30(2) record is kept for Hosting Partner: one is required for each controller it acts for.',
    );
    await setup.workbench.createProcessorRecord({
      organisationId: organisation.id,
      controllerName: 'Shop GmbH',
      controllerContact: 'privacy@shop.example',
      processingCategories: ['Hosting of the web shop'],
      transfers: [{ country: 'US', mechanism: null }, { country: 'CH', mechanism: 'adequacy', mechanismDate: '2000-07-26' }],
      securityMeasures: 'Encryption at rest; ISO 27001',
    });
    const built = buildProcessorRecordReport(setup.db, {}, reportNow);
    const entry = built.snapshot.data.processors.find((processor) => processor.name === 'Hosting Partner')!;
    expect(entry.records[0]!.gaps).toEqual([{ citation: 'GDPR Art. 30(2)(c)', message: 'transfer to US without a safeguard' }]);
    expect(entry.records[0]!.transfers[1]).toMatchObject({ country: 'Switzerland (CH)', mechanism: 'Adequacy decision', mechanismCitation: 'GDPR Art. 45' });
    const html = bodyHtml(processorRecordView, built);
    expect(html).toContain('No safeguard recorded');
    expect(html).toContain('transfer to US without a safeguard');
    expect(built.snapshot.tables.find((table) => table.name === 'transfers')!.rows).toContainEqual([entry.records[0]!.id, 'Hosting Partner', 'Shop GmbH', 'United States (US)', 'none recorded', '', '', '']);
    setup.close();
  });
});
