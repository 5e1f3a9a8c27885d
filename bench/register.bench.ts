import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, bench, describe } from 'vitest';
import { createWorkbenchService } from '../service';

/**
 * The register at 10 000 activities (generated: 5 organisations, 3 processors, varied gaps), through
 * the service as the app calls it. Numbers in docs/PERFORMANCE.md.
 */
const size = 10_000;
const root = mkdtempSync(join(tmpdir(), 'pwb-bench-register-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const service = createWorkbenchService({ dataDir: root, actor: 'bench' });

async function must<T>(promise: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

await must(service.call('openDemoWorkspace', {}));
const organisations = await must<Array<{ id: string }>>(service.call('listOrganisations', {}));
const csvRows = ['Controller,Processing activity,Purpose of processing,Categories of personal data,Categories of individuals,Retention schedule (if possible),Article 6 lawful basis for processing personal data,Names of third countries or international organisations that personal data are transferred to (if applicable)'];
const names = ['Smarp', 'SmarTek21', 'SmarterTools', 'Smartner', 'Smartt'];
for (let index = 0; index < size; index += 1) {
  csvRows.push(
    [
      names[index % 5],
      `Generated activity ${index}`,
      `Purpose ${index % 17}`,
      index % 3 ? 'Identity;Contact details' : 'Identity',
      index % 4 ? 'customers' : '',
      index % 5 ? '3 years' : '',
      index % 2 ? 'Contract' : '',
      index % 7 ? '' : 'US',
    ].join(','),
  );
}
const importFile = csvRows.join('\n');
const imported = await must<{ imported: number }>(service.call('importRegister', { format: 'csv', content: importFile }));
if (imported.imported !== size) throw new Error(`expected ${size} imported, got ${imported.imported}`);
void organisations;

describe(`register with ${size} activities`, () => {
  bench('list every activity with its gap kinds', async () => {
    await must(service.call('listActivities', {}));
  });
  let toggle = 0;
  bench('list right after a change (the register is read again)', async () => {
    const [first] = await must<Array<{ id: string; name: string; organisationId: string }>>(service.call('listActivities', { search: 'Generated activity 4242' }));
    toggle += 1;
    await must(service.call('updateActivity', { id: first!.id, changes: { organisationId: first!.organisationId, name: first!.name, retention: `${toggle} years` } }));
    await must(service.call('listActivities', {}));
  });
  bench('search the register', async () => {
    await must(service.call('listActivities', { search: 'activity 99' }));
  });
  bench('filter by a gap kind', async () => {
    await must(service.call('listActivities', { gap: 'retention' }));
  });
  bench('completeness score', async () => {
    await must(service.call('getRegisterCompleteness', {}));
  });
  bench('one record with its gaps', async () => {
    const [first] = await must<Array<{ id: string }>>(service.call('listActivities', { search: 'Generated activity 5000' }));
    await must(service.call('getActivity', { id: first!.id }));
  });
  bench('preview re-importing the same 10 000 rows (all unchanged)', async () => {
    await must(service.call('previewRegisterImport', { format: 'csv', content: importFile }));
  }, { iterations: 3 });
});

const { path: workspacePath } = await must<{ path: string }>(service.call('getWorkspace', {}));
let openings = 0;
describe(`opening the workspace of ${size} activities`, () => {
  bench('first opening on this computer (opening checks: quick_check, the whole chain, every record against its logged state)', async () => {
    const reader = createWorkbenchService({ dataDir: join(root, `open-${openings++}`), actor: 'bench' });
    await must(reader.call('openWorkspace', { path: workspacePath }));
    reader.close();
  }, { iterations: 5 });
  bench('opening again (the chain from the head found intact last time)', async () => {
    const reader = createWorkbenchService({ dataDir: join(root, 'open-again'), actor: 'bench' });
    await must(reader.call('openWorkspace', { path: workspacePath }));
    reader.close();
  }, { iterations: 5 });
  bench('SQLite alone: open the file, quick_check, count the activities', () => {
    const db = new Database(workspacePath, { readonly: true });
    db.pragma('quick_check');
    db.prepare('SELECT count(*) FROM activities').get();
    db.close();
  }, { iterations: 5 });
});
