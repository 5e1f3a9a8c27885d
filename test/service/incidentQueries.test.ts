import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../core/incidents/model';
import { createWorkbenchService } from '../../service';
import { value } from '../support/result';
import { steppingClock, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

/** How many statements a call prepares: every query the service runs goes through `prepare`. */
async function preparedDuring<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const prototype = Database.prototype as unknown as { prepare: (...args: unknown[]) => unknown };
  const original = prototype.prepare;
  let statements = 0;
  prototype.prepare = function (this: unknown, ...args: unknown[]) {
    statements += 1;
    return original.apply(this, args);
  };
  try {
    return { result: await work(), statements };
  } finally {
    prototype.prepare = original;
  }
}

describe('reading incidents in a fixed number of queries', () => {
  it('lists 3 or 15 incidents, and checks their deadlines for alerts, with the same number of queries', async () => {
    const workbench = createWorkbenchService({ dataDir: tempDir(), actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') });
    value(await workbench.call('openDemoWorkspace', {}));
    const create = async (index: number) =>
      value(
        await workbench.call('createIncident', {
          title: `Incident ${index}`,
          zone: 'Europe/Paris',
          events: { aware: { at: '2026-11-22T10:00:00+01:00', zone: 'Europe/Paris' } },
          nature: 'Mail sent to the wrong customer',
          breachTypes: ['confidentiality'],
          dataCategories: ['identity', 'contact'],
          subjectsApprox: 10,
          affected: [{ where: 'FR', count: 10 }],
        }),
      );
    for (let index = 0; index < 3; index += 1) await create(index);
    // The alert check reads every running deadline (once to settle what is due, then to measure).
    value(await workbench.call('takeDueAlerts', {}));
    const fewAlerts = await preparedDuring(() => workbench.call('takeDueAlerts', {}));
    const few = await preparedDuring(() => workbench.call('listIncidents', { drills: 'exclude' }));
    expect(value<IncidentSummary[]>(few.result).length).toBeGreaterThanOrEqual(3);
    for (let index = 3; index < 15; index += 1) await create(index);
    value(await workbench.call('takeDueAlerts', {}));
    const manyAlerts = await preparedDuring(() => workbench.call('takeDueAlerts', {}));
    expect(manyAlerts.statements).toBe(fewAlerts.statements);
    const many = await preparedDuring(() => workbench.call('listIncidents', { drills: 'exclude' }));
    expect(value<IncidentSummary[]>(many.result).length).toBeGreaterThanOrEqual(15);
    expect(many.statements).toBe(few.statements);
    workbench.close();
  });
});
