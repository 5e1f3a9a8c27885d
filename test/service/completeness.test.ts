import { describe, expect, it } from 'vitest';
import type { Processor } from '../../core/register/model';
import { openDemoRegister } from '../support/demoRegister';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

const openDemo = () => openDemoRegister(tempDir());

describe('register completeness through the service', () => {
  it('shows the real gaps of the seed policies in the demo workspace', async () => {
    const { workbench, byName } = await openDemo();
    const summary = await workbench.getRegisterCompleteness();
    expect(summary.activities).toBe(24);
    expect(summary.score).toBeGreaterThan(0);
    expect(summary.score).toBeLessThan(100);
    // Most of the policies never state a lawful basis; several send data abroad without naming a safeguard.
    expect(summary.byKind['lawful-basis']).toBeGreaterThanOrEqual(10);
    expect(summary.byKind['transfer-safeguard']).toBeGreaterThanOrEqual(5);

    const payments = await workbench.getActivity({ id: byName('Mentee card payments and billing').id });
    expect(payments.completeness.gaps).toEqual(
      expect.arrayContaining([
        { kind: 'transfer-safeguard', citation: 'GDPR Art. 30(1)(e)', message: 'transfer to US via Square without a safeguard' },
        { kind: 'lawful-basis', citation: 'GDPR Art. 6(1)', message: 'no lawful basis is recorded' },
      ]),
    );
    workbench.close();
  });

  it('filters the register by kind of gap', async () => {
    const { workbench, activities } = await openDemo();
    const withTransferGaps = await workbench.listActivities({ gap: 'transfer-safeguard' });
    expect(withTransferGaps.length).toBeGreaterThan(0);
    expect(withTransferGaps.length).toBeLessThan(activities.length);
    expect(withTransferGaps.every((activity) => activity.gapKinds.includes('transfer-safeguard'))).toBe(true);
    expect(activities.filter((activity) => activity.gapKinds.includes('transfer-safeguard')).map((activity) => activity.id).sort()).toEqual(
      withTransferGaps.map((activity) => activity.id).sort(),
    );
    // Not a gap the contract knows: sent untyped to check the service refuses it.
    const refused = await workbench.raw('listActivities', { gap: 'made-up' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'gap' } });
    workbench.close();
  });

  it('updates the gaps and the score when a record or a processor changes', async () => {
    const { workbench, byName } = await openDemo();
    const before = await workbench.getRegisterCompleteness();
    const payments = await workbench.getActivity({ id: byName('Mentee card payments and billing').id });
    const { id, organisationName: _o, processors: _p, completeness: _c, createdAt: _ca, updatedAt: _ua, retentionRuleName: _r, incidents: _i, ...fields } = payments as typeof payments & { incidents: unknown };

    const updated = await workbench.updateActivity({ id, changes: { ...fields, lawfulBasis: 'contract', retention: '6 years after the last payment' } });
    expect(updated.completeness.gaps.map((gap) => gap.kind)).not.toContain('lawful-basis');
    expect(updated.completeness.gaps.map((gap) => gap.kind)).not.toContain('retention');
    const after = await workbench.getRegisterCompleteness();
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.byKind['lawful-basis']).toBe(before.byKind['lawful-basis'] - 1);

    const square = (await workbench.listProcessors()).find((processor) => processor.name === 'Square')!;
    const { id: squareId, activityCount: _count, createdAt: _created, updatedAt: _updated, profileKey: _profile, subProcessorIds: _subs, ...squareFields } = square as Processor & { subProcessorIds: string[] };
    const badDate = await workbench.result.updateProcessor({ id: squareId, changes: { ...squareFields, dpaExpiresOn: '2026-02-30' } });
    expect(badDate).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'changes.dpaExpiresOn' } });
    await workbench.updateProcessor({ id: squareId, changes: { ...squareFields, transferMechanism: 'dpf' } });
    const resolved = await workbench.getActivity({ id });
    expect(resolved.completeness.gaps.map((gap) => gap.kind)).not.toContain('transfer-safeguard');
    const history = await workbench.getChangeLog({ entity: 'processor', entityId: squareId });
    expect(history[0]).toMatchObject({ action: 'update', before: { transferMechanism: null }, after: { transferMechanism: 'dpf' } });
    workbench.close();
  });
});

describe('vendors', () => {
  it('shows a vendor’s reach: organisations, data, data subjects and countries', async () => {
    const { workbench } = await openDemo();
    const sterling = (await workbench.listProcessors()).find((processor) => processor.name === 'Sterling Talent Solutions')!;
    const detail = await workbench.getProcessor({ id: sterling.id });
    expect(detail.activities.map((activity) => activity.name)).toEqual(['Mentor background checks and identity verification']);
    expect(detail.reach.organisations).toEqual(['Smartner']);
    expect(detail.reach.countries).toEqual(['US']);
    expect(detail.reach.dataCategories).toContain('identity');
    expect(detail.reach.dataSubjects.length).toBeGreaterThan(0);
    workbench.close();
  });

  it('adds starter profiles marked to verify, once, and never over a vendor already there', async () => {
    const { workbench } = await openDemo();
    const profiles = await workbench.listVendorProfiles();
    expect(profiles.find((profile) => profile.key === 'square')!.addedAs).not.toBeNull();
    expect(profiles.find((profile) => profile.key === 'zendesk')!.addedAs).toBeNull();

    const zendesk = await workbench.addVendorProfile({ key: 'zendesk' });
    expect(zendesk).toMatchObject({ name: 'Zendesk', toVerify: true, profileKey: 'zendesk', countries: ['US'] });
    expect(await workbench.result.addVendorProfile({ key: 'zendesk' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'key' } });
    expect(await workbench.result.addVendorProfile({ key: 'square' })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Square is already in this workspace.' } });
    expect(await workbench.result.addVendorProfile({ key: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'key' } });
    const history = await workbench.getChangeLog({ entity: 'processor', entityId: zendesk.id });
    expect(history).toEqual([expect.objectContaining({ action: 'create', after: expect.objectContaining({ toVerify: true, profileKey: 'zendesk' }) })]);
    workbench.close();
  });
});
