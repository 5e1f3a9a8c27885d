import { describe, expect, it } from 'vitest';
import type { ActivityDetail, ActivityListItem, Result } from '../../core/contract';
import type { RetentionRule } from '../../core/register/model';
import { createWorkbenchService } from '../../service';
import { steppingClock, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function openDemo() {
  const workbench = createWorkbenchService({ dataDir: tempDir(), actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') });
  value(await workbench.call('openDemoWorkspace', {}));
  const activities = value<ActivityListItem[]>(await workbench.call('listActivities', {}));
  const byName = (name: string) => activities.find((activity) => activity.name === name)!;
  return { workbench, activities, byName };
}

/** The input fields of a stored activity (what updateActivity takes). */
function inputOf(activity: ActivityDetail) {
  const { id: _id, organisationName: _o, processors: _p, completeness: _c, createdAt: _ca, updatedAt: _ua, retentionRuleName: _r, ...fields } = activity;
  return fields;
}

describe('retention rules', () => {
  it('creates a rule, refuses a rule without a period or with a maximum below its minimum, and logs changes', async () => {
    const { workbench } = await openDemo();
    const rule = value<RetentionRule>(
      await workbench.call('createRetentionRule', { name: 'Accounting records', minimum: 'P6Y', countedFrom: 'end-of-contract', legalSource: 'Companies Act 2006 s.388' }),
    );
    expect(rule).toMatchObject({ name: 'Accounting records', minimum: 'P6Y', maximum: null, activityCount: 0 });
    expect(await workbench.call('createRetentionRule', { name: 'Nothing', countedFrom: 'call' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'maximum', message: 'maximum: give a minimum or a maximum period (or both)' },
    });
    expect(await workbench.call('createRetentionRule', { name: 'Upside down', minimum: 'P2Y', maximum: 'P6M', countedFrom: 'call' })).toMatchObject({
      ok: false,
      error: { field: 'maximum', message: 'maximum: the maximum is shorter than the minimum' },
    });
    expect(await workbench.call('createRetentionRule', { name: 'Weeks', maximum: '6 weeks', countedFrom: 'call' })).toMatchObject({
      ok: false,
      error: { field: 'maximum' },
    });
    const updated = value<RetentionRule>(
      await workbench.call('updateRetentionRule', { id: rule.id, changes: { name: 'Accounting records', minimum: 'P6Y', maximum: 'P7Y', countedFrom: 'end-of-contract', legalSource: null } }),
    );
    expect(updated.maximum).toBe('P7Y');
    const history = value<Array<{ action: string; after: { maximum: string | null } }>>(await workbench.call('getChangeLog', { entity: 'retention-rule', entityId: rule.id }));
    expect(history.map((entry) => [entry.action, entry.after.maximum])).toEqual([
      ['update', 'P7Y'],
      ['create', null],
    ]);
    expect(await workbench.call('updateRetentionRule', { id: 'nope', changes: { name: 'x', maximum: 'P1Y', countedFrom: 'call' } })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    workbench.close();
  });

  it('links an activity to a rule: the retention gap closes, and a rule that does not exist is refused by field', async () => {
    const { workbench, byName } = await openDemo();
    const activity = value<ActivityDetail>(await workbench.call('getActivity', { id: byName('Mentee card payments and billing').id }));
    expect(activity.completeness.gaps.map((gap) => gap.kind)).toContain('retention');
    const rule = value<RetentionRule>(await workbench.call('createRetentionRule', { name: 'Payment records', minimum: 'P6Y', countedFrom: 'collection' }));
    const linked = value<ActivityDetail>(await workbench.call('updateActivity', { id: activity.id, changes: { ...inputOf(activity), retentionRuleId: rule.id } }));
    expect(linked).toMatchObject({ retentionRuleId: rule.id, retentionRuleName: 'Payment records' });
    expect(linked.completeness.gaps.map((gap) => gap.kind)).not.toContain('retention');
    expect(value<RetentionRule[]>(await workbench.call('listRetentionRules', {})).find((entry) => entry.id === rule.id)!.activityCount).toBe(1);
    expect(await workbench.call('updateActivity', { id: activity.id, changes: { ...inputOf(activity), retentionRuleId: 'missing' } })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'changes.retentionRuleId' },
    });
    workbench.close();
  });
});

describe('the ICO template columns on an activity', () => {
  it('stores and returns every column, logs them, and flags a required DPIA that is not complete', async () => {
    const { workbench, byName } = await openDemo();
    const activity = value<ActivityDetail>(await workbench.call('getActivity', { id: byName('Mentee card payments and billing').id }));
    const ico = {
      jointController: 'Partner Ltd, privacy@partner.example',
      lawfulBasis: 'legitimate-interests',
      legitimateInterests: 'Preventing payment fraud',
      liaLink: 'LIA-2026-04',
      rightsAvailable: ['access', 'objection'],
      automatedDecisionMaking: 'Fraud score blocks risky payments',
      consentRecordLink: null,
      dataLocation: 'Square (US)',
      dpiaRequired: 'yes',
      dpiaProgress: 'in-progress',
      dpiaLink: 'DPIA-9',
      breachOccurred: false,
      breachLink: null,
      retentionPolicyLink: 'RET-1',
      retainedPerPolicy: false,
      retentionDeviation: 'Old invoices not yet purged',
    } as const;
    const saved = value<ActivityDetail>(await workbench.call('updateActivity', { id: activity.id, changes: { ...inputOf(activity), ...ico } }));
    expect(saved).toMatchObject(ico);
    expect(value<ActivityDetail>(await workbench.call('getActivity', { id: activity.id }))).toMatchObject(ico);
    expect(saved.completeness.gaps).toContainEqual({ kind: 'dpia', citation: 'GDPR Art. 35(1)', message: 'a DPIA is required and is still in progress' });
    const history = value<Array<{ after: Record<string, unknown> }>>(await workbench.call('getChangeLog', { entity: 'activity', entityId: activity.id }));
    expect(history[0]!.after).toMatchObject(ico);
    expect(await workbench.call('updateActivity', { id: activity.id, changes: { ...inputOf(activity), rightsAvailable: ['telepathy'] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'changes.rightsAvailable.0' },
    });
    workbench.close();
  });
});
