import { describe, expect, it } from 'vitest';

import { incidentView } from '../../reports/views/incident';
import { buildIncidentReport } from '../../service/reports/snapshots/incident';
import { bodyHtml, demoWithIncidents, notifiedBreach, reportNow } from '../support/reportData';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

describe('incident report', () => {
  it('gives the timeline from occurrence to each filing in UTC and the incident zone, the decisions, every obligation and the Art. 33(3) draft', async () => {
    const setup = await demoWithIncidents(tempDir());
    const built = buildIncidentReport(setup.db, { incidentId: setup.notified.id }, reportNow);
    const { data } = built.snapshot;
    expect(built.filters).toEqual([`Incident ${setup.notified.id}`]);
    expect(data.drill).toBe(false);

    // In order: occurrence, detection and discovery, awareness, the filing, the deadline it met; the not-applicable mark when it was made.
    const labels = data.timeline.map((entry) => `${entry.kind}: ${entry.label}`);
    const position = (prefix: string) => labels.findIndex((label) => label.startsWith(prefix));
    expect(labels[0]).toBe('event: When it happened');
    expect(position('event: Awareness')).toBeLessThan(position('filing: Filing (initial) to Lead supervisory authority (GDPR Art. 33(1))'));
    expect(position('filing: Filing (initial)')).toBeLessThan(position('deadline: Deadline: Lead supervisory authority (GDPR Art. 33(1)), 72 hours'));
    expect(data.timeline.map((entry) => entry.at.utc)).toEqual([...data.timeline.map((entry) => entry.at.utc)].sort());
    expect(data.timeline[0]!.at).toEqual({ utc: '2026-11-18T21:00:00.000Z', local: '2026-11-18T22:00:00.000+01:00', zone: 'Europe/Berlin' });
    const marked = data.timeline.find((entry) => entry.kind === 'not-applicable')!;
    expect(marked).toMatchObject({ label: 'Marked not applicable: Washington residents (RCW 19.255.010)', detail: 'The three addresses belong to German customers who moved', by: 'dpo' });

    const authority = data.incident.obligations.find((obligation) => obligation.id === 'gdpr-33-authority')!;
    expect(authority).toMatchObject({ citation: 'GDPR Art. 33(1)', period: '72 hours', startsAt: 'Awareness', late: false, firstFiledAt: '2026-11-20T15:00:00.000Z' });

    const html = bodyHtml(incidentView, built);
    for (const section of incidentView.sections(built.snapshot)) expect(html).toContain(`id="${section.id}"`);
    for (const heading of ['(a) Nature of the breach', '(b) Name and contact details', '(c) Likely consequences', '(d) Measures taken or proposed']) expect(html).toContain(`<h3>${heading}`);
    expect(html).toContain('Misconfigured storage bucket; customer names and e-mail addresses readable');
    // The advice at report time, with the factor that decided it and ENISA's score as one input.
    expect(data.incident.risk).toMatchObject({ recommendationLabel: 'Notify the supervisory authority', severity: 1.25, level: 'low', enisaRecommendationLabel: 'Document only (unlikely to result in a risk)' });
    expect(html).toContain('The advice on notifying, from the facts at report time');
    expect(html).toContain('1.25 (low); alone it would advise: document only (unlikely to result in a risk)');
    expect(html).toContain('Confidentiality: unknown recipients have or may have it; the data names people, but nothing in it enables fraud or impersonation');
    expect(html).toContain('dpo@example.com, +49 30 1234567');
    expect(html).toContain('about 1,200');
    expect(html).toContain('Germany: 1,197');
    expect(html).toContain('BfDI portal, BfDI-2026-0042');
    expect(html).toContain('2026-11-20 16:00 Europe/Berlin (UTC+01:00)');
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    // Washington's 30 days end on Saturday 19 December: the legal outer date beside it, with its citation (RCW 1.12.040).
    const washington = data.incident.obligations.find((entry) => entry.id === 'us-wa-residents')!;
    expect(washington.legalDue).toMatchObject({ at: { utc: '2026-12-21T22:59:59.999Z' }, citation: expect.stringContaining('RCW 1.12.040') });
    expect(html).toContain('Legal outer date: 2026-12-21 22:59 UTC');
    expect(html).toContain('(RCW 1.12.040 (verify; federal holidays counted');
    // No decision yet on this breach: it says so instead of leaving the table out.
    expect(html).toContain('No risk decision is recorded');
    expect(html).not.toContain('undefined');
    setup.close();
  });

  it('records the decision not to notify with its rationale, says what the draft still lacks, and marks a drill', async () => {
    const setup = await demoWithIncidents(tempDir());
    const built = buildIncidentReport(setup.db, { incidentId: setup.documented.id }, reportNow);
    expect(built.snapshot.data.decisions).toMatchObject([{ decision: 'document-only', rationale: 'Full-disk encryption with a revoked key: no risk to the people', decidedBy: 'dpo' }]);
    const html = bodyHtml(incidentView, built);
    expect(html).toContain('Full-disk encryption with a revoked key: no risk to the people');
    expect(html).toContain('No obligation was marked not applicable.');
    // No contact point was recorded for this breach: the draft says it must be completed.
    expect(html).toMatch(/Contact point<\/dt><dd><span class="report-badge report-badge-warning">Not recorded: complete before notifying/);
    expect(built.snapshot.tables.find((table) => table.name === 'decisions')!.rows).toHaveLength(1);

    // A breach with no risk facts and no decision yet: Art. 34 is listed, waiting for the risk assessment.
    const pending = await setup.workbench.createIncident({ ...notifiedBreach, title: 'Not assessed yet', riskFacts: null });
    const unassessed = buildIncidentReport(setup.db, { incidentId: pending.id }, reportNow);
    expect(unassessed.snapshot.data.incident.obligations.find((entry) => entry.id === 'gdpr-34-subjects')).toMatchObject({ condition: 'pending-risk-assessment', dueAt: null });
    expect(bodyHtml(incidentView, unassessed)).toContain('Waits for the risk assessment');

    // A closed breach carries its closure: the summary, when and by whom, and the clocks left running.
    await setup.workbench.closeIncident({ id: setup.documented.id, summary: 'Laptop recovered, key revoked, nothing readable: closed without notification.', acknowledgeOpenObligations: true });
    const closed = buildIncidentReport(setup.db, { incidentId: setup.documented.id }, reportNow);
    expect(closed.snapshot.data.incident).toMatchObject({ status: 'closed', closure: { summary: expect.stringContaining('Laptop recovered'), by: expect.stringContaining('dpo'), at: { zone: setup.documented.zone } } });
    expect(bodyHtml(incidentView, closed)).toMatch(/Closure summary<\/dt><dd>Laptop recovered, key revoked, nothing readable: closed without notification\.<\/dd>/);
    expect(closed.snapshot.data.timeline.filter((entry) => /^Closed \((open|contained) → closed\)\. Closure summary: Laptop recovered/.test(entry.label))).toHaveLength(1);

    const drill = buildIncidentReport(setup.db, { incidentId: setup.drill.id }, reportNow);
    expect(drill.scope).toMatch(/^DRILL, not a real incident/);
    expect(bodyHtml(incidentView, drill)).toContain('DRILL: not a real incident');
    expect(() => buildIncidentReport(setup.db, { incidentId: 'nope' }, reportNow)).toThrow(/No incident with id nope/);
    setup.close();
  });
});
