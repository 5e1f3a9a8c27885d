import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeLogEntity } from '../../core/changeLog';
import type { Result } from '../../core/contract';
import { operationNames } from '../../core/contract';
import { workspaceApplicationId } from '../../db/connection';
import { latestSchemaVersion } from '../../db/migrations';
import { createWorkbenchService, type WorkbenchService } from '../../service';
import { typedClient, type TypedClient } from '../support/client';
import { steppingClock, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

function failure(result: Result<unknown>) {
  if (result.ok) throw new Error('expected a failure, got success');
  return result.error;
}
function service(dataDir: string, extra: Partial<Parameters<typeof createWorkbenchService>[0]> = {}): TypedClient<WorkbenchService> {
  return typedClient(createWorkbenchService({ dataDir, actor: 'dpo.tester', clock: steppingClock(), ...extra }));
}

describe('the service', () => {
  it('has exactly one handler per contract operation', () => {
    const workbench = service(tempDir());
    expect(Object.keys(workbench.handlers).sort()).toEqual([...operationNames].sort());
    workbench.close();
  });

  it('validates every call and names the field at fault, writing nothing', async () => {
    const workbench = service(tempDir());
    await workbench.createWorkspace({ passphrase: null, path: join(tempDir(), 'w.pwb') });
    const organisation = await workbench.createOrganisation({ name: 'Acme' });

    const error = failure(await workbench.result.createActivity({ organisationId: organisation.id, name: '', purposes: [] }));
    expect(error).toMatchObject({ code: 'invalid-input', field: 'name' });
    expect(error.message).toMatch(/name must not be empty/);
    // Inputs the contract does not allow, sent untyped to check the service refuses them.
    const wrongType = failure(await workbench.raw('createActivity', { organisationId: organisation.id, name: 'X', purposes: 'not a list' }));
    expect(wrongType).toMatchObject({ code: 'invalid-input', field: 'purposes' });
    const unknownOrganisation = failure(await workbench.result.createActivity({ organisationId: 'nope', name: 'X' }));
    expect(unknownOrganisation).toMatchObject({ code: 'not-found', field: 'organisationId' });
    expect(await workbench.listActivities()).toEqual([]);

    expect(failure(await workbench.raw('noSuchOperation', {}))).toMatchObject({ code: 'unknown-operation' });
    expect(failure(await workbench.raw('listActivities', { search: 7 }))).toMatchObject({ code: 'invalid-input', field: 'search' });
    workbench.close();
  });

  it('answers with a clear error when no workspace is open', async () => {
    const workbench = service(tempDir());
    const error = failure(await workbench.result.listActivities());
    expect(error.code).toBe('no-workspace');
    expect(error.message).toMatch(/No workspace is open/);
    workbench.close();
  });

  it('writes the change log on create, update and delete: who, when, entity, before and after', async () => {
    const workbench = service(tempDir());
    await workbench.createWorkspace({ passphrase: null, path: join(tempDir(), 'log.pwb') });
    const organisation = await workbench.createOrganisation({ name: 'Acme' }) as { id: string };
    const created = await workbench.createActivity({ organisationId: organisation.id, name: 'Payroll', purposes: ['Pay staff'] }) as { id: string };
    await workbench.updateActivity({ id: created.id, changes: { organisationId: organisation.id, name: 'Payroll and pensions', purposes: ['Pay staff'] } });

    let history = await workbench.getChangeLog({ entity: 'activity', entityId: created.id });
    expect(history.map((entry) => entry.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({ actor: 'dpo.tester', entity: 'activity', entityId: created.id });
    expect(history[0]!.before).toMatchObject({ name: 'Payroll' });
    expect(history[0]!.after).toMatchObject({ name: 'Payroll and pensions' });
    expect(history[1]!.before).toBeNull();
    expect(Date.parse(history[0]!.at)).toBeGreaterThan(Date.parse(history[1]!.at));

    await workbench.deleteActivity({ id: created.id });
    history = await workbench.getChangeLog({ entity: 'activity', entityId: created.id });
    expect(history[0]).toMatchObject({ action: 'delete', after: null });
    expect(history[0]!.before).toMatchObject({ name: 'Payroll and pensions' });
    expect(failure(await workbench.result.getActivity({ id: created.id })).code).toBe('not-found');

    const workspace = await workbench.getWorkspace() as { lastChange: { id: number } };
    expect(workspace.lastChange.id).toBe(history[0]!.id);
    workbench.close();
  });

  it('logs the creation of workspaces, organisations, processors and processor links', async () => {
    const workbench = service(tempDir());
    const workspace = await workbench.createWorkspace({ passphrase: null, path: join(tempDir(), 'all.pwb') }) as { id: string; lastChange: { id: number } | null };
    const history = (entity: ChangeLogEntity, entityId: string) => workbench.getChangeLog({ entity, entityId });
    expect(await history('workspace', workspace.id)).toEqual([expect.objectContaining({ action: 'create', actor: 'dpo.tester', after: { name: 'all', isDemo: false } })]);
    expect(workspace.lastChange).not.toBeNull();

    const organisation = await workbench.createOrganisation({ name: '  Acme Ltd ', country: 'DE' }) as { id: string };
    const [organisationEntry] = await history('organisation', organisation.id);
    expect(organisationEntry).toMatchObject({ action: 'create', actor: 'dpo.tester', before: null, after: { id: organisation.id, name: 'Acme Ltd', country: 'DE', role: 'controller' } });
    expect(organisationEntry!.after).toHaveProperty('createdAt');

    const processor = await workbench.createProcessor({ name: 'Square', countries: ['US'] }) as { id: string };
    expect((await history('processor', processor.id))[0]).toMatchObject({ action: 'create', after: { id: processor.id, name: 'Square', countries: ['US'] } });

    const activity = await workbench.createActivity({ organisationId: organisation.id, name: 'Card payments' }) as { id: string };
    await workbench.linkProcessor({ activityId: activity.id, processorId: processor.id, purpose: 'Take card payments', role: 'processor' });
    expect((await history('activity-processor', `${activity.id}/${processor.id}`))[0]).toMatchObject({
      action: 'create',
      after: { activityId: activity.id, processorId: processor.id, purpose: 'Take card payments' },
    });
    // Linking twice changes nothing and logs nothing.
    await workbench.linkProcessor({ activityId: activity.id, processorId: processor.id, purpose: 'Take card payments', role: 'processor' });
    expect(await history('activity-processor', `${activity.id}/${processor.id}`)).toHaveLength(1);
    workbench.close();
  });

  it('records the OS user name as the actor when none is given', async () => {
    const { userInfo } = await import('node:os');
    const workbench = typedClient(createWorkbenchService({ dataDir: tempDir() }));
    const workspace = await workbench.createWorkspace({ passphrase: null, path: join(tempDir(), 'who.pwb') }) as { id: string };
    const [entry] = await workbench.getChangeLog({ entity: 'workspace', entityId: workspace.id });
    expect(entry!.actor).toBe(userInfo().username);
    workbench.close();
  });

  it('opens the demo workspace with the five seed organisations, their processors and the recording practice', async () => {
    const dataDir = tempDir();
    const workbench = service(dataDir);
    const info = await workbench.openDemoWorkspace() as { isDemo: boolean; path: string };
    expect(info.isDemo).toBe(true);
    expect(info.path).toBe(join(dataDir, 'demo-workspace.sqlite'));

    const organisations = await workbench.listOrganisations() as Array<{ name: string; role: string; activityCount: number }>;
    expect(organisations.map((organisation) => organisation.name).sort()).toEqual(['SmarTek21', 'Smarp', 'SmarterTools', 'Smartner', 'Smartt']);
    expect(organisations.every((organisation) => organisation.activityCount > 0)).toBe(true);

    const processors = await workbench.listProcessors() as Array<{ id: string; name: string }>;
    expect(processors.map((processor) => processor.name)).toEqual(expect.arrayContaining(['Square', 'Sterling Talent Solutions', 'Google Analytics']));
    const square = processors.find((processor) => processor.name === 'Square')!;
    const detail = await workbench.getProcessor({ id: square.id }) as { activities: Array<{ organisationName: string }> };
    expect(detail.activities.map((activity) => activity.organisationName)).toEqual(['Smartner']);

    const activities = await workbench.listActivities() as Array<{ organisationName: string }>;
    expect(activities.length).toBeGreaterThanOrEqual(20);
    const found = await workbench.listActivities({ search: 'background check' }) as Array<{ name: string }>;
    expect(found.map((activity) => activity.name)).toContain('Mentor background checks and identity verification');

    const practices = await workbench.listRecordingPractices() as Array<{ organisationName: string; linkedToTickets: boolean }>;
    expect(practices).toEqual([expect.objectContaining({ organisationName: 'Smartt', linkedToTickets: true })]);
    const records = await workbench.listProcessorRecords() as Array<{ organisationName: string }>;
    expect(records.map((record) => record.organisationName).sort()).toEqual(['SmarTek21', 'Smartt']);

    // Opening it again reuses the same file rather than rebuilding it.
    await workbench.closeWorkspace();
    const again = await workbench.openDemoWorkspace() as { id: string };
    expect(again.id).toBe((info as unknown as { id: string }).id);
    workbench.close();
  });

  it('keeps what was created after a restart, and reopens the last workspace', async () => {
    const dataDir = tempDir();
    const first = service(dataDir);
    await first.openDemoWorkspace();
    const organisations = await first.listOrganisations() as Array<{ id: string }>;
    const created = await first.createActivity({ organisationId: organisations[0]!.id, name: 'Visitor Wi-Fi logs' }) as { id: string };
    first.close();

    const second = service(dataDir, { reopenLast: true });
    expect(second.startupProblem).toBeNull();
    const reloaded = await second.getActivity({ id: created.id }) as { name: string };
    expect(reloaded.name).toBe('Visitor Wi-Fi logs');
    const recent = await second.listRecentWorkspaces() as Array<{ path: string; exists: boolean }>;
    expect(recent[0]).toMatchObject({ path: join(dataDir, 'demo-workspace.sqlite'), exists: true });
    second.close();
  });

  it('refuses to create over an existing file and to open a newer workspace, keeping the open one', async () => {
    const dir = tempDir();
    const workbench = service(tempDir());
    const path = join(dir, 'mine.pwb');
    await workbench.createWorkspace({ passphrase: null, path });
    expect(failure(await workbench.result.createWorkspace({ passphrase: null, path }))).toMatchObject({ code: 'conflict', field: 'path' });

    const future = join(dir, 'future.pwb');
    const db = new Database(future);
    db.pragma(`application_id = ${workspaceApplicationId}`);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(failure(await workbench.result.openWorkspace({ path: future }))).toMatchObject({ code: 'workspace-too-new' });
    expect((await workbench.getWorkspace() as { path: string }).path).toBe(path);
    expect(failure(await workbench.result.openWorkspace({ path: join(dir, 'missing.pwb') }))).toMatchObject({ code: 'not-found' });
    expect(failure(await workbench.result.openWorkspace({ path: dir }))).toMatchObject({ code: 'workspace-invalid', field: 'path', message: expect.stringMatching(/is a folder/) });
    expect(failure(await workbench.result.createWorkspace({ passphrase: null, path: join(dir, 'no', 'such', 'folder', 'w.pwb') }))).toMatchObject({
      code: 'not-found',
      field: 'path',
      message: expect.stringMatching(/The folder .*no\/such\/folder does not exist/),
    });
    expect(failure(await workbench.result.createWorkspace({ passphrase: null, path: 'relative.pwb' }))).toMatchObject({ code: 'invalid-input', field: 'path', message: expect.stringMatching(/full path/) });
    expect(existsSync('relative.pwb')).toBe(false);
    expect((await workbench.getWorkspace() as { path: string }).path).toBe(path);
    workbench.close();
  });

  it('reports a last workspace that can no longer be opened instead of failing to start', async () => {
    const dataDir = tempDir();
    const path = join(tempDir(), 'gone.pwb');
    const first = service(dataDir);
    await first.createWorkspace({ passphrase: null, path });
    first.close();
    const { rmSync } = await import('node:fs');
    rmSync(path);
    const second = service(dataDir, { reopenLast: true });
    expect(second.startupProblem).toMatch(/could not be reopened/);
    expect(await second.getWorkspace()).toBeNull();
    second.close();
    expect(existsSync(path)).toBe(false);
  });

  it('tells subscribers when the open workspace changes', async () => {
    const workbench = service(tempDir());
    const seen: Array<string | null> = [];
    const unsubscribe = workbench.on('workspaceChanged', (workspace) => seen.push(workspace?.name ?? null));
    await workbench.createWorkspace({ passphrase: null, path: join(tempDir(), 'events.pwb') });
    await workbench.closeWorkspace();
    unsubscribe();
    await workbench.openDemoWorkspace();
    expect(seen).toEqual(['events', null]);
    workbench.close();
  });
});
