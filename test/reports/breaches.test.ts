import { describe, expect, it } from 'vitest';

import { openWorkspaceDatabase } from '../../db/connection';
import { breachesView } from '../../reports/views/breaches';
import { createWorkbenchService } from '../../service';
import { buildBreachesReport } from '../../service/reports/snapshots/breaches';
import { typedClient } from '../support/client';
import { bodyHtml, demoWithIncidents, reportNow } from '../support/reportData';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();


describe('breach register (Art. 33(5))', () => {
  it('lists every real breach, notified or not, with the decision not to notify and why; drills are left out and the scope says so', async () => {
    const setup = await demoWithIncidents(tempDir());
    const built = buildBreachesReport(setup.db, {}, reportNow);
    const { data } = built.snapshot;
    expect(data.incidents.map((incident) => incident.title)).toEqual(['Encrypted laptop lost on a train', 'Customer database exposed']);
    expect(data.drillsExcluded).toBe(1);
    expect(built.scope).toMatch(/drills excluded \(1 not shown\)/);
    expect(built.filters).toEqual(['Drills excluded']);

    const [documented, notified] = data.incidents;
    expect(documented).toMatchObject({ notifiability: 'not-notifiable', decision: { rationale: 'Full-disk encryption with a revoked key: no risk to the people', decidedBy: 'dpo' } });
    const authority = notified!.obligations.find((obligation) => obligation.id === 'gdpr-33-authority')!;
    // Aware 10:00 in Berlin (09:00 UTC) on 19 November: due 72 hours later, filed on time.
    expect(authority).toMatchObject({ state: 'met', late: false, dueAt: { utc: '2026-11-22T09:00:00.000Z', local: '2026-11-22T10:00:00.000+01:00', zone: 'Europe/Berlin' } });
    expect(authority.filings).toMatchObject([{ reference: 'BfDI-2026-0042', filedAt: { utc: '2026-11-20T15:00:00.000Z' } }]);
    expect(notified!.obligations.find((obligation) => obligation.id === 'us-wa-residents')).toMatchObject({ state: 'not-applicable', notApplicable: { by: 'dpo' } });

    const tables = Object.fromEntries(built.snapshot.tables.map((table) => [table.name, table]));
    expect(tables['breaches']!.rows).toHaveLength(2);
    expect(tables['not-notifiable']!.rows).toEqual([[documented!.id, 'Encrypted laptop lost on a train', 'Document only (unlikely to result in a risk)', documented!.decision!.rationale, 'dpo', reportNow]]);
    expect(tables['filings']!.rows.map((row) => row[5])).toEqual(['BfDI-2026-0042']);
    for (const table of built.snapshot.tables) for (const row of table.rows) expect(row).toHaveLength(table.columns.length);

    const html = bodyHtml(breachesView, built);
    for (const section of breachesView.sections(built.snapshot)) expect(html).toContain(`id="${section.id}"`);
    expect(html).toContain('Customer database exposed');
    expect(html).toContain('Full-disk encryption with a revoked key: no risk to the people');
    expect(html).toContain('2026-11-22 09:00 UTC');
    expect(html).toContain('2026-11-22 10:00 Europe/Berlin (UTC+01:00)');
    expect(html).toContain('Drills are excluded from this register (1 drill not shown)');
    expect(html).toContain('The three addresses belong to German customers who moved (dpo, 2026-11-23 09:00 UTC)');
    expect(html).toContain('Notified; no risk decision recorded');
    expect(html).not.toContain('Tabletop drill');
    expect(html).not.toContain('undefined');
    setup.close();
  });

  it('says so when no breach was judged not notifiable, and when none is recorded at all', async () => {
    const setup = await demoWithIncidents(tempDir());
    // The decision is reversed: the laptop's disk turned out not to be encrypted.
    await setup.workbench.recordRiskDecision({ incidentId: setup.documented.id, decision: 'notify-authority', rationale: 'The disk was not encrypted after all' });
    const built = buildBreachesReport(setup.db, {}, reportNow);
    const html = bodyHtml(breachesView, built);
    expect(html).toContain('<p class="report-empty">No breach was judged not notifiable.</p>');
    expect(built.snapshot.tables.find((table) => table.name === 'not-notifiable')!.rows).toEqual([]);
    setup.close();
    // A workspace without incidents: the sections stay, each saying so.
    const fresh = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'dpo', clock: () => new Date(reportNow) }));
    const workspace = await fresh.openDemoWorkspace();
    const db = openWorkspaceDatabase(workspace.path);
    const empty = buildBreachesReport(db, {}, reportNow);
    db.close();
    fresh.close();
    const emptyHtml = bodyHtml(breachesView, empty);
    expect(emptyHtml).toContain('No breach is recorded in this workspace.');
    expect(emptyHtml).toContain('id="breaches-incidents"');
    expect(emptyHtml).toContain('No breach was judged not notifiable.');
  });
});
