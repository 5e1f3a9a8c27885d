import { describe, expect, it } from 'vitest';
import type { ChangeLogEntity } from '../../core/changeLog';
import type { InputOf } from '../../core/contract';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { steppingClock, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
async function openDemo() {
  const workbench = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') }));
  await workbench.openDemoWorkspace();
  return workbench;
}
type Service = Awaited<ReturnType<typeof openDemo>>;
const list = (workbench: Service, query: InputOf<'listActivities'> = {}) => workbench.listActivities(query);
const history = (workbench: Service, entity: ChangeLogEntity, entityId: string) => workbench.getChangeLog({ entity, entityId });

describe('the register’s own work', () => {
  it('searches purposes, recipients and linked vendors as well as names', async () => {
    const workbench = await openDemo();
    const all = await list(workbench);
    const detail = await workbench.getActivity({ id: all.find((item) => item.processorCount > 0)!.id });
    for (const needle of [detail.purposes[0]!, detail.processors[0]!.processorName]) {
      const found = await list(workbench, { search: needle.slice(0, 12) });
      expect(found.map((item) => item.name), needle).toContain(detail.name);
    }
    const withRecipient = (await Promise.all(all.map((item) => workbench.getActivity({ id: item.id })))).find(
      (activity) => activity.recipients.length,
    )!;
    expect((await list(workbench, { search: withRecipient.recipients[0]!.name })).map((item) => item.name)).toContain(withRecipient.name);
    workbench.close();
  });

  it('links one vendor to many activities at once, one change-log entry per link, all or nothing', async () => {
    const workbench = await openDemo();
    const [vendor] = await workbench.listProcessors();
    const targets = (await list(workbench)).slice(0, 5).map((item) => item.id);
    const first = await workbench.linkVendorToActivities({ processorId: vendor!.id, activityIds: targets, purpose: 'Off-site backups', role: 'processor' });
    expect(first.linked + first.alreadyLinked).toBe(5);
    expect(first.linked).toBeGreaterThan(0);
    for (const id of targets) expect(await history(workbench, 'activity-processor', `${id}/${vendor!.id}`)).not.toEqual([]);
    // Again: nothing new.
    expect(await workbench.linkVendorToActivities({ processorId: vendor!.id, activityIds: targets, purpose: 'Off-site backups', role: 'processor' })).toEqual({ linked: 0, alreadyLinked: 5 });
    // One unknown id refuses the whole call, naming it; nothing is linked.
    const [other] = (await list(workbench)).filter((item) => !targets.includes(item.id));
    expect(await workbench.result.linkVendorToActivities({ processorId: vendor!.id, activityIds: [other!.id, 'nope'], purpose: 'Backups', role: 'processor' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'activityIds.1' },
    });
    expect(await history(workbench, 'activity-processor', `${other!.id}/${vendor!.id}`)).toEqual([]);
    workbench.close();
  });

  it('sets one field on many records, one change-log entry per record changed, and refuses a bad value naming it', async () => {
    const workbench = await openDemo();
    const targets = (await list(workbench)).slice(0, 4).map((item) => item.id);
    const before = await Promise.all(targets.map(async (id) => (await history(workbench, 'activity', id)).length));
    const result = await workbench.bulkUpdateActivities({ ids: targets, field: 'dataLocation', value: 'EU data centre (Frankfurt)' });
    expect(result).toEqual({ updated: 4, unchanged: 0 });
    const after = await Promise.all(targets.map(async (id) => (await history(workbench, 'activity', id)).length));
    expect(after).toEqual(before.map((count) => count + 1));
    for (const id of targets) expect((await workbench.getActivity({ id })).dataLocation).toBe('EU data centre (Frankfurt)');
    expect(await workbench.bulkUpdateActivities({ ids: targets, field: 'dataLocation', value: 'EU data centre (Frankfurt)' })).toEqual({ updated: 0, unchanged: 4 });
    expect(await workbench.result.bulkUpdateActivities({ ids: targets, field: 'status', value: 'paused' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'value' } });
    expect(await workbench.result.bulkUpdateActivities({ ids: targets, field: 'retentionRuleId', value: 'no-such-rule' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'value' } });
    // Nothing of the refused calls was written.
    expect(await Promise.all(targets.map(async (id) => (await history(workbench, 'activity', id)).length))).toEqual(after);
    workbench.close();
  });

  it('flags a processor named among the recipients until its vendor is linked, and links it in one step', async () => {
    const workbench = await openDemo();
    const [organisation] = await workbench.listOrganisations();
    const created = await workbench.createActivity({ organisationId: organisation!.id, name: 'Bookkeeping', purposes: ['Keep the books'], recipients: [{ name: 'Xero', kind: 'processor' }] });
    expect(created.completeness.gaps).toContainEqual(expect.objectContaining({ kind: 'processor-not-linked', recipient: 'Xero' }));
    const linked = await workbench.linkRecipientAsVendor({ activityId: created.id, recipientName: 'Xero' });
    expect(linked.processors).toEqual([expect.objectContaining({ processorName: 'Xero', role: 'processor', purpose: 'Keep the books' })]);
    expect(linked.completeness.gaps.map((gap) => gap.kind)).not.toContain('processor-not-linked');
    // The new vendor carries the gap it leaves: no contract yet.
    expect(linked.completeness.gaps.map((gap) => gap.kind)).toContain('processor-contract');
    expect(await workbench.result.linkRecipientAsVendor({ activityId: created.id, recipientName: 'Nobody' })).toMatchObject({ ok: false, error: { field: 'recipientName' } });
    // A recipient written "Xero Ltd." is the vendor "Xero Ltd": reused, not created twice.
    const vendors = (await workbench.listProcessors()).length;
    const other = await workbench.createActivity({ organisationId: organisation!.id, name: 'Payroll export', recipients: [{ name: 'xero.', kind: 'processor' }] });
    await workbench.linkRecipientAsVendor({ activityId: other.id, recipientName: 'xero.' });
    expect(await workbench.listProcessors()).toHaveLength(vendors);
    // Processors described only as a category: the gap asks for each vendor, and offers no vendor named after the category.
    const vague = await workbench.createActivity({ organisationId: organisation!.id, name: 'Help desk', recipients: [{ name: 'Unnamed service providers', kind: 'processor' }] });
    const gap = vague.completeness.gaps.find((entry) => entry.kind === 'processor-not-linked')!;
    expect(gap.message).toBe('processors are described only as "Unnamed service providers": link each vendor, so that its Art. 28(3) contract can be checked');
    expect(gap.recipient).toBeUndefined();
    workbench.close();
  });
});
