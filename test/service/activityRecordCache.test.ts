import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { processorInputSchema } from '../../core/register/model';
import { openWorkspaceDatabase } from '../../db/connection';
import { listActivityRecords } from '../../db/repositories/activities';
import { createWorkbenchService, type WorkbenchService } from '../../service';
import { typedClient, type TypedClient } from '../support/client';
import { steppingClock, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

/** Rows the statements return while `work` runs (every read of the register goes through `all`, `get` or `iterate`). */
async function rowsReadDuring<T>(work: () => Promise<T>): Promise<{ result: T; rows: number }> {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<'all' | 'get', (...args: unknown[]) => unknown>;
  probe.close();
  const [all, get] = [prototype.all, prototype.get];
  let rows = 0;
  prototype.all = function (this: unknown, ...args: unknown[]) {
    const answer = all.apply(this, args) as unknown[];
    rows += answer.length;
    return answer;
  };
  prototype.get = function (this: unknown, ...args: unknown[]) {
    const answer = get.apply(this, args);
    if (answer !== undefined) rows += 1;
    return answer;
  };
  try {
    return { result: await work(), rows };
  } finally {
    prototype.all = all;
    prototype.get = get;
  }
}

const listed = async (service: TypedClient<WorkbenchService>) => (await service.listActivities()).sort((a, b) => a.id.localeCompare(b.id));

describe('the register read again after a change', () => {
  it('matches a fresh read after every kind of change, reading only the activities a save touched', async () => {
    const dir = tempDir();
    const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') }));
    await workbench.openDemoWorkspace();
    const path = (await workbench.getWorkspace())!.path;
    const organisations = await workbench.listOrganisations();
    const lines = ['Controller,Processing activity,Purpose of processing', ...Array.from({ length: 2000 }, (_, index) => `${organisations[index % organisations.length]!.name},Bulk activity ${index},Purpose ${index % 9}`)];
    await workbench.importRegister({ format: 'csv', content: lines.join('\n') });
    await listed(workbench);

    /** What a service that has never read the register lists (no cache): the truth to compare with. */
    const fresh = async () => {
      const reader = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'reader' }));
      await reader.openWorkspace({ path });
      const answer = await listed(reader);
      reader.close();
      return answer;
    };
    const pick = async (index: number) => workbench.getActivity({ id: (await listed(workbench))[index]!.id });
    const processors = await workbench.listProcessors();
    const changes: Array<[string, () => Promise<unknown>]> = [
      ['update an activity', async () => {
        const activity = await pick(7);
        const { id, organisationName: _o, processors: _p, completeness: _c, createdAt: _ca, updatedAt: _ua, retentionRuleName: _r, incidents: _i, ...fields } = activity;
        return workbench.result.updateActivity({ id, changes: { ...fields, securityMeasures: 'Encrypted at rest' } });
      }],
      ['create an activity', async () => workbench.result.createActivity({ organisationId: organisations[1]!.id, name: 'Created after the read', purposes: ['Test'] })],
      ['link a processor', async () => workbench.result.linkProcessor({ activityId: (await pick(11)).id, processorId: processors[0]!.id, purpose: 'Hosting', role: 'processor' })],
      ['delete an activity', async () => workbench.result.deleteActivity({ id: (await pick(3)).id })],
      ['log an incident (no activity record shows it)', async () => workbench.result.createIncident({ title: 'Unrelated', zone: 'UTC', events: { aware: { at: '2026-11-22T10:00:00Z', zone: 'UTC' } }, affected: [{ where: 'FR', count: 1 }] })],
      ['rename an organisation', async () => {
        const organisation = (await workbench.listOrganisations())[0]!;
        const { id, activityCount: _count, createdAt: _c, updatedAt: _u, ...fields } = organisation;
        return workbench.result.updateOrganisation({ id, changes: { ...fields, name: `${String(fields.name)} (renamed)` } });
      }],
    ];
    // A connection of its own that keeps its records between changes (others' commits move its data_version), against a new one each time, in order.
    const follower = openWorkspaceDatabase(path, { alreadyChecked: true });
    const freshRecords = () => {
      const reader = openWorkspaceDatabase(path, { alreadyChecked: true });
      const records = listActivityRecords(reader);
      reader.close();
      return records;
    };
    expect(listActivityRecords(follower)).toEqual(freshRecords());
    for (const [what, change] of changes) {
      expect((await change()) as { ok: boolean }, what).toMatchObject({ ok: true });
      expect(await listed(workbench), what).toEqual(await fresh());
      expect(listActivityRecords(follower), what).toEqual(freshRecords());
    }
    follower.close();

    // One save: the activities it touched are read again, not the 2 000 others.
    const activity = await pick(20);
    const { id, organisationName: _o, processors: _p, completeness: _c, createdAt: _ca, updatedAt: _ua, retentionRuleName: _r, incidents: _i, ...fields } = activity;
    await workbench.updateActivity({ id, changes: { ...fields, retention: '2 years' } });
    const afterSave = await rowsReadDuring(() => workbench.result.getRegisterFacets());
    expect(afterSave.rows).toBeLessThan(200);
    // A rename of a vendor every record may show: all read again.
    const vendor = (await workbench.listProcessors())[0]!;
    const vendorFields = Object.fromEntries(Object.keys(processorInputSchema.shape).filter((key) => key in vendor).map((key) => [key, vendor[key as keyof typeof vendor]]));
    expect(await workbench.result.updateProcessor({ id: vendor.id, changes: { ...vendorFields, name: 'Renamed vendor' } })).toMatchObject({ ok: true });
    const afterRename = await rowsReadDuring(() => workbench.result.getRegisterFacets());
    expect(afterRename.rows).toBeGreaterThan(2000);
    expect(await listed(workbench)).toEqual(await fresh());
    workbench.close();
  }, 60_000);
});
