import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { InputOf } from '../../core/contract';
import { activityInputSchema } from '../../core/register/model';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const now = '2026-11-23T09:00:00.000Z';

/**
 * Seven calls: quality calls of March, April (under a hold), May, July and October, one for quality
 * and investment orders (a six-month maximum against a five-year minimum: a conflict), one for sales.
 */
async function workspace() {
  const dir = tempDir();
  const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date(now) }));
  await workbench.createWorkspace({ passphrase: null, path: join(dir, 'calls.pwb') });
  const file = join(dir, 'Master.csv');
  const load = async (purposes: string[], ...starts: string[]) => {
    writeFileSync(file, starts.map((start, index) => cdrLine({ start, uniqueid: `${purposes[0]}.${start}.${index}`, src: '+33 6 11 11 11 11', userfield: `T-${start.slice(5, 7)}`, columns: 18 })).join('\n'));
    await workbench.importCallRecords({ path: file, zone: 'UTC', purposes });
  };
  await load(['quality'], '2026-03-02 10:00:00', '2026-04-04 10:00:00', '2026-05-10 10:00:00', '2026-07-15 10:00:00', '2026-10-01 10:00:00');
  await load(['quality', 'investment-order'], '2026-02-01 10:00:00');
  await load(['sales'], '2026-01-20 10:00:00');
  await workbench.placeLegalHold({ matter: 'Claim 12', reason: 'Customer dispute', scope: { ticketIds: ['T-04'] }, reviewOn: '2027-01-01' });
  const rows = (await workbench.listRecordings({ limit: 500 })).rows;
  const byDay = Object.fromEntries(rows.map((row) => [row.callStart.slice(0, 10), row]));
  const overview = async () => (await workbench.getRetentionOverview({ now })).counts;
  const dates = async () => (await workbench.listRecordings({ limit: 500 })).rows.map((row) => [row.id, row.latestDeleteAt, row.state]);
  const logLength = async () => (await workbench.getChangeLog({ entity: 'retention-rule', entityId: 'rule-quality-training' })).length;
  return { workbench, byDay, overview, dates, logLength, load };
}

const quality = { name: 'Quality and training', purposes: ['quality'], countedFrom: 'call' } satisfies InputOf<'createRetentionRule'>;

describe('retention rules from the app', () => {
  it('previews a change without writing anything, and the save then does exactly what the preview said', async () => {
    const { workbench, byDay, overview, dates, logLength } = await workspace();
    const before = await dates();
    const counts = await overview();
    const entries = await logLength();
    expect(counts).toMatchObject({ due: 2, held: 1, conflicts: 1 });

    // Three months instead of six: every quality call's latest deletion comes earlier; July's becomes due at once.
    const impact = await workbench.previewRetentionRule({ id: 'rule-quality-training', changes: { ...quality, maximum: 'P3M' } });
    expect(impact).toMatchObject({ considered: 6, datesMove: 6, earlier: 6, later: 0, becomeDue: 1, becomeDueHeld: 0, newConflicts: 0, conflictsResolved: 0 });
    expect(impact.examples.map((example) => example.callStart.slice(0, 10))).toEqual(['2026-02-01', '2026-03-02', '2026-04-04', '2026-05-10', '2026-07-15']);
    expect(impact.examples[4]).toMatchObject({ id: byDay['2026-07-15']!.id, latestBefore: '2027-01-15T10:00:00.000Z', latestAfter: '2026-10-15T10:00:00.000Z', conflictAfter: false });
    // Nothing written: the same dates, no change-log entry.
    expect(await dates()).toEqual(before);
    expect(await logLength()).toBe(entries);

    await workbench.updateRetentionRule({ id: 'rule-quality-training', changes: { ...quality, maximum: 'P3M' } });
    const after = await dates();
    const moved = after.filter((row, index) => JSON.stringify(row) !== JSON.stringify(before[index]));
    expect(moved).toHaveLength(impact.datesMove);
    expect((await overview()).due).toBe(counts.due + impact.becomeDue);
    expect(await logLength()).toBe(entries + 1);
  });

  it('retires a rule: it sets no date from then on, says why in the change log, and can no longer be edited', async () => {
    const { workbench, byDay, overview } = await workspace();
    const impact = await workbench.previewRetentionRule({ id: 'rule-quality-training', changes: null });
    // Without the six-month maximum the quality calls have no end (later), and the investment-order call's conflict is gone.
    expect(impact).toMatchObject({ considered: 6, datesMove: 6, earlier: 0, later: 6, becomeDue: 0, conflictsResolved: 1, newConflicts: 0 });

    expect(await workbench.result.retireRetentionRule({ id: 'rule-quality-training', reason: ' ' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'reason' } });
    // An activity that names the rule before it is retired may keep naming it; none may take it up afterwards.
    const organisation = await workbench.createOrganisation({ name: 'Smartt Ltd' });
    const naming = await workbench.createActivity({ organisationId: organisation.id, name: 'Support calls', purposes: ['Quality'], retentionRuleId: 'rule-quality-training' });
    const retired = await workbench.retireRetentionRule({ id: 'rule-quality-training', reason: 'Replaced by the group policy of 2027' });
    expect(await workbench.result.createActivity({ organisationId: organisation.id, name: 'Sales calls', retentionRuleId: 'rule-quality-training' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'retentionRuleId', message: expect.stringContaining('was retired on 2026-11-23') },
    });
    const kept = await workbench.getActivity({ id: naming.id });
    expect(await workbench.updateActivity({ id: naming.id, changes: { ...(Object.fromEntries(Object.keys(activityInputSchema.shape).map((key) => [key, kept[key as keyof typeof kept]])) as InputOf<'createActivity'>), name: 'Support calls (all lines)' } })).toMatchObject({ retentionRuleId: 'rule-quality-training' });
    expect(retired).toMatchObject({ retiredAt: now, retiredReason: 'Replaced by the group policy of 2027' });
    expect(await overview()).toMatchObject({ due: 0, conflicts: 0, noMaximum: 7 });
    const conflictCall = await workbench.getRecording({ id: byDay['2026-02-01']!.id, now });
    expect(conflictCall).toMatchObject({ state: 'retained', latestDeleteAt: null, earliestDeleteAt: '2031-02-01T10:00:00.000Z', rulesChangedSince: false });
    expect(conflictCall.rules.map((rule) => rule.ruleId)).toEqual(['rule-investment-orders']);

    const log = await workbench.getChangeLog({ entity: 'retention-rule', entityId: 'rule-quality-training' });
    expect(log[0]).toMatchObject({ action: 'update', actor: expect.stringContaining('dpo'), after: { retiredAt: now, retiredReason: 'Replaced by the group policy of 2027' } });
    expect(await workbench.result.updateRetentionRule({ id: 'rule-quality-training', changes: { ...quality, maximum: 'P1M' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('retired on 2026-11-23') },
    });
    expect(await workbench.result.retireRetentionRule({ id: 'rule-quality-training', reason: 'Twice' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Still listed, so the register's activities and the change log keep naming it.
    const listed = await workbench.listRetentionRules();
    expect(listed.find((rule) => rule.id === 'rule-quality-training')).toMatchObject({ retiredAt: now });
  });

  it('covers several purposes with one rule, and offers every purpose rules and recordings name', async () => {
    const { workbench, byDay } = await workspace();
    expect(await workbench.listRetentionPurposes()).toEqual(['dispute', 'investment-order', 'quality', 'sales']);
    const input = { name: 'Sales and complaints', purposes: ['Sales', 'complaint', 'sales'], maximum: 'P1Y', countedFrom: 'call' } satisfies InputOf<'createRetentionRule'>;
    expect(await workbench.previewRetentionRule({ id: null, changes: input })).toMatchObject({ considered: 1, datesMove: 1, earlier: 1 });
    const rule = await workbench.createRetentionRule(input);
    // The same purpose twice (in other case) is kept once.
    expect(rule.purposes).toEqual(['sales', 'complaint']);
    expect((await workbench.getRecording({ id: byDay['2026-01-20']!.id, now })).latestDeleteAt).toBe('2027-01-20T10:00:00.000Z');
    expect(await workbench.listRetentionPurposes()).toContain('complaint');
  });

  it('matches purposes beyond A to Z without regard to case, in the preview and the save alike', async () => {
    const { workbench, load } = await workspace();
    // SQLite's lower() leaves É as it is; the rules compare as JavaScript does.
    await load(['Écoute qualité'], '2026-02-10 10:00:00');
    const call = (await workbench.listRecordings({ limit: 500 })).rows.find((row) => row.purposes.includes('Écoute qualité'))!;
    expect(call.latestDeleteAt).toBeNull();
    expect(await workbench.listRetentionPurposes()).toContain('écoute qualité');
    const input = { name: 'Écoute', purposes: ['écoute QUALITÉ'], maximum: 'P6M', countedFrom: 'call' } satisfies InputOf<'createRetentionRule'>;
    expect(await workbench.previewRetentionRule({ id: null, changes: input })).toMatchObject({ considered: 1, datesMove: 1, earlier: 1, becomeDue: 1 });
    const rule = await workbench.createRetentionRule(input);
    expect((await workbench.getRecording({ id: call.id, now })).latestDeleteAt).toBe('2026-08-10T10:00:00.000Z');
    // Retired, it gives that recording no date again, and the preview said so first.
    expect(await workbench.previewRetentionRule({ id: rule.id, changes: null })).toMatchObject({ considered: 1, datesMove: 1, later: 1 });
    await workbench.retireRetentionRule({ id: rule.id, reason: 'Folded into the quality rule' });
    expect((await workbench.getRecording({ id: call.id, now })).latestDeleteAt).toBeNull();
  });

  it('says what is wrong with a rule, field by field', async () => {
    const { workbench } = await workspace();
    const refused = await workbench.result.createRetentionRule({ name: 'Odd', purposes: ['quality', ''], minimum: 'P2Y', maximum: 'P1Y', countedFrom: 'call' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'purposes.1' } });
    expect(await workbench.result.previewRetentionRule({ id: 'no-such-rule', changes: null })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await workbench.result.previewRetentionRule({ id: null, changes: null })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'id' } });
    // The rules a new workspace starts with name their purposes (migration 230 turned each single purpose into a list).
    const rules = await workbench.listRetentionRules();
    expect(rules.map((rule) => [rule.id, rule.purposes, rule.retiredAt])).toEqual([
      ['rule-dispute-evidence', ['dispute'], null],
      ['rule-investment-orders', ['investment-order'], null],
      ['rule-quality-training', ['quality'], null],
    ]);
  });
});
