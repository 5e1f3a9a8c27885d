import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { steppingClock, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

/**
 * How many statements a call runs: every query the service makes runs one of a statement's
 * `all`, `get`, `run` or `iterate` (counted whether the statement was just compiled or came from
 * the connection's statement cache).
 */
async function preparedDuring<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<'all' | 'get' | 'run' | 'iterate', (...args: unknown[]) => unknown>;
  probe.close();
  const methods = ['all', 'get', 'run', 'iterate'] as const;
  const originals = methods.map((method) => prototype[method]);
  let statements = 0;
  methods.forEach((method, index) => {
    prototype[method] = function (this: unknown, ...args: unknown[]) {
      statements += 1;
      return originals[index]!.apply(this, args);
    };
  });
  try {
    return { result: await work(), statements };
  } finally {
    methods.forEach((method, index) => (prototype[method] = originals[index]!));
  }
}

describe('reading incidents in a fixed number of queries', () => {
  it('lists 3 or 15 incidents, and checks their deadlines for alerts, with the same number of queries', async () => {
    const workbench = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') }));
    await workbench.openDemoWorkspace();
    const create = async (index: number) =>
      await workbench.createIncident({
        title: `Incident ${index}`,
        zone: 'Europe/Paris',
        events: { aware: { at: '2026-11-22T10:00:00+01:00', zone: 'Europe/Paris' } },
        nature: 'Mail sent to the wrong customer',
        breachTypes: ['confidentiality'],
        dataCategories: ['identity', 'contact'],
        subjectsApprox: 10,
        affected: [{ where: 'FR', count: 10 }],
      });
    for (let index = 0; index < 3; index += 1) await create(index);
    // The alert check reads every running deadline (once to settle what is due, then to measure).
    await workbench.takeDueAlerts();
    const fewAlerts = await preparedDuring(() => workbench.takeDueAlerts());
    const few = await preparedDuring(() => workbench.listIncidents({ drills: 'exclude' }));
    expect(few.result.length).toBeGreaterThanOrEqual(3);
    for (let index = 3; index < 15; index += 1) await create(index);
    await workbench.takeDueAlerts();
    const manyAlerts = await preparedDuring(() => workbench.takeDueAlerts());
    expect(manyAlerts.statements).toBe(fewAlerts.statements);
    const many = await preparedDuring(() => workbench.listIncidents({ drills: 'exclude' }));
    expect(many.result.length).toBeGreaterThanOrEqual(15);
    expect(many.statements).toBe(few.statements);
    expect(few.statements).toBeGreaterThan(0);
    workbench.close();
  });

  it('opens an incident linked to one activity and processor or to 12 activities and every processor with the same number of queries', async () => {
    const workbench = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') }));
    await workbench.openDemoWorkspace();
    const activities = (await workbench.listActivities()).map((activity) => activity.id);
    const processors = (await workbench.listProcessors()).map((processor) => processor.id);
    expect(activities.length).toBeGreaterThanOrEqual(12);
    expect(processors.length).toBeGreaterThanOrEqual(3);
    const create = async (links: number) =>
      (await workbench.createIncident({
        title: `Linked to ${links}`,
        zone: 'Europe/Paris',
        events: { aware: { at: '2026-11-22T10:00:00+01:00', zone: 'Europe/Paris' } },
        activityIds: activities.slice(0, links),
        processorIds: processors.slice(0, Math.min(links, processors.length)),
        affected: [{ where: 'FR', count: 10 }],
      })).id;
    const one = await create(1);
    const twelve = await create(12);
    await workbench.getIncident({ id: one });
    const few = await preparedDuring(() => workbench.getIncident({ id: one }));
    const many = await preparedDuring(() => workbench.getIncident({ id: twelve }));
    expect(many.result.activities).toHaveLength(12);
    expect(many.result.processors).toHaveLength(processors.length);
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
    workbench.close();
  });
});
