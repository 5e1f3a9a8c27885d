import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { createWorkbenchService } from '../service';

/**
 * What a newcomer waits for: building and opening the demo workspace, then listing and searching
 * the register. Run with `npm run bench`; numbers go in docs/PERFORMANCE.md.
 */
const root = mkdtempSync(join(tmpdir(), 'pwb-bench-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

const opened = createWorkbenchService({ dataDir: join(root, 'shared'), actor: 'bench' });
await opened.call('openDemoWorkspace', {});
const organisation = await opened.call('listOrganisations', {});
const organisationId = organisation.ok ? (organisation.value as Array<{ id: string }>)[0]!.id : '';

describe('workspace', () => {
  bench('build and open the demo workspace (first start)', async () => {
    const service = createWorkbenchService({ dataDir: join(root, `fresh-${runs++}`), actor: 'bench' });
    const result = await service.call('openDemoWorkspace', {});
    if (!result.ok) throw new Error(result.error.message);
    service.close();
  });

  bench('list every activity', async () => {
    const result = await opened.call('listActivities', {});
    if (!result.ok) throw new Error(result.error.message);
  });

  bench('search activities', async () => {
    const result = await opened.call('listActivities', { search: 'payment' });
    if (!result.ok) throw new Error(result.error.message);
  });

  bench('create an activity with its change-log row', async () => {
    const result = await opened.call('createActivity', { organisationId, name: `Bench activity ${runs++}`, purposes: ['Measure'] });
    if (!result.ok) throw new Error(result.error.message);
  });
});
