import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { retentionView } from '../../reports/views/retention';
import { buildRetentionReport, defaultCertificateCap } from '../../service/reports/snapshots/retention';
import { bodyHtml, demoWithRecordings, reportNow } from '../support/reportData';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('call-recording retention and disposal record', () => {
  it('prints the rules, the counts, the months, the holds and each batch certificate with every disposed recording', async () => {
    const setup = await demoWithRecordings(tempDir());
    const built = buildRetentionReport(setup.db, {}, reportNow);
    const { data } = built.snapshot;
    expect(data.certificateCap).toBe(defaultCertificateCap);
    expect(data.rules.map((rule) => rule.name)).toEqual(expect.arrayContaining(['Quality and training', 'Dispute evidence', 'Investment-order calls']));
    expect(data.rules.find((rule) => rule.name === 'Dispute evidence')).toMatchObject({ verify: true, minimum: '6 years', countedFrom: 'closure of the linked ticket' });
    expect(data.rules.find((rule) => rule.name === 'Quality and training')).toMatchObject({ verify: false, maximum: '6 months' });
    // The counts are the service's at the same instant.
    const overview = await setup.workbench.getRetentionOverview({ now: reportNow });
    expect(data.counts).toEqual(overview.counts);
    expect(data.counts).toMatchObject({ disposed: 5, held: 1 });

    expect(data.holds.map((hold) => [hold.matter, hold.release?.reason ?? null])).toEqual([
      ['Claim 12', null],
      ['Audit 2026', 'Audit closed'],
    ]);
    expect(data.holds[0]).toMatchObject({ placedBy: 'dpo', scope: ['Ticket T-HOLD'], reviewOn: '2027-01-31', recordings: 1 });

    // One batch: the five March calls not held, each file hashed, checked and deleted.
    expect(data.batches).toHaveLength(1);
    const [batch] = data.batches;
    expect(batch).toMatchObject({ operator: 'dpo', recordings: 5, filesDeleted: 5, refused: 0 });
    expect(batch!.methods).toEqual([{ method: expect.stringContaining('file deleted'), verification: 'SHA-256 matched the registered hash before deletion; file absent afterwards', entries: 5 }]);
    expect(batch!.entries.map((entry) => entry.fileSha256)).toEqual([2, 3, 4, 5, 6].map((call) => sha256(`audio of call ${call}`)));
    const certificate = built.snapshot.tables.find((table) => table.name === 'disposal-certificates')!;
    expect(certificate.columns).toEqual(['Batch ID', 'Recording ID', 'SHA-256', 'Size (bytes)', 'Method', 'Verification', 'Operator', 'Disposed at', 'Last backup expires']);
    expect(certificate.rows).toHaveLength(5);
    expect(certificate.rows[0]).toEqual([
      batch!.id,
      String(batch!.entries[0]!.recordingId),
      sha256('audio of call 2'),
      String('audio of call 2'.length),
      expect.stringContaining('file deleted'),
      'SHA-256 matched the registered hash before deletion; file absent afterwards',
      'dpo',
      reportNow,
      '2026-12-28T09:00:00.000Z',
    ]);

    const html = bodyHtml(retentionView, built);
    for (const section of retentionView.sections(built.snapshot)) expect(html).toContain(`id="${section.id}"`);
    const hash = sha256('audio of call 2');
    expect(html).toContain(`${hash.slice(0, 32)}\n${hash.slice(32)}`);
    expect(html).toContain('Method (every entry)');
    expect(html).toContain('Claim 12');
    expect(html).toContain('Audit closed');
    expect(html).toContain('Active: blocks disposal');
    expect(html).toContain('<svg');
    // The held recording's bar is hatched, as its key is: held is not told by colour alone.
    expect(html).toContain('<pattern id="retention-held-hatch"');
    expect(html.match(/fill="url\(#retention-held-hatch\)"/g)).toHaveLength(2);
    expect(html).not.toContain('This certificate prints the first');
    expect(html).not.toContain('undefined');
    setup.close();
  });

  it('prints a capped certificate and says so, while the attached table keeps every entry', async () => {
    const setup = await demoWithRecordings(tempDir(), 12);
    const built = buildRetentionReport(setup.db, { certificateCap: 4 }, reportNow);
    const [batch] = built.snapshot.data.batches;
    expect(batch!.recordings).toBe(11);
    expect(batch!.entries).toHaveLength(4);
    expect(built.snapshot.tables.find((table) => table.name === 'disposal-certificates')!.rows).toHaveLength(11);
    const html = bodyHtml(retentionView, built);
    expect(html).toContain('This certificate prints the first 4 of 11 disposals, by recording id (at most 4 per batch); every entry is in the attached table disposal-certificates.csv.');
    setup.close();
  });

  it('says so when nothing was held or disposed of', async () => {
    const setup = await demoWithRecordings(tempDir(), 0);
    setup.db.exec(`DELETE FROM recording_holds; DELETE FROM legal_holds`);
    const built = buildRetentionReport(setup.db, {}, '2026-01-01T00:00:00.000Z');
    const html = bodyHtml(retentionView, built);
    expect(html).toContain('No legal hold has been placed on call recordings.');
    expect(html).toContain('No disposal batch has been run.');
    setup.close();
  });
});
