import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { createWorkbenchService } from '../service';

/**
 * What encryption costs (issue 15): the register benchmark's operations (bench/register.bench.ts)
 * and its 10 000-row import, on two workspaces that differ only in being encrypted (SQLCipher 4
 * scheme through SQLite3 Multiple Ciphers) or plain. Numbers and ratios in docs/PERFORMANCE.md.
 */
const size = 10_000;
const root = mkdtempSync(join(tmpdir(), 'pwb-bench-encryption-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function must<T>(promise: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

const header = 'Controller,Processing activity,Purpose of processing,Categories of personal data,Categories of individuals,Retention schedule (if possible),Article 6 lawful basis for processing personal data';
const rows = (prefix: string) =>
  [header, ...Array.from({ length: size }, (_, index) => [`Org ${index % 5}`, `${prefix} activity ${index}`, `Purpose ${index % 17}`, index % 3 ? 'Identity;Contact details' : 'Identity', 'customers', index % 5 ? '3 years' : '', 'Contract'].join(','))].join('\n');

/** A workspace with the register at `size` activities, plain or encrypted, through the service as the app uses it. */
async function workspace(kind: 'plain' | 'encrypted') {
  const service = createWorkbenchService({ dataDir: join(root, kind), actor: 'bench' });
  await must(service.call('createWorkspace', { path: join(root, `${kind}.pwb`), passphrase: kind === 'plain' ? null : 'a bench passphrase of some length' }));
  for (let index = 0; index < 5; index += 1) await must(service.call('createOrganisation', { name: `Org ${index}` }));
  const seeded = await must<{ imported: number }>(service.call('importRegister', { format: 'csv', content: rows('Seed') }));
  if (seeded.imported !== size) throw new Error(`${kind}: expected ${size} imported, got ${seeded.imported}`);
  return service;
}
const plain = await workspace('plain');
const encrypted = await workspace('encrypted');
afterAll(() => {
  plain.close();
  encrypted.close();
});

for (const [name, service] of [
  ['plain', plain],
  ['encrypted', encrypted],
] as const) {
  describe(`${name}: register with ${size} activities`, () => {
    bench(`${name}: list every activity with its gap kinds`, async () => {
      await must(service.call('listActivities', {}));
    });
    let toggle = 0;
    bench(`${name}: a change, then the list read again`, async () => {
      const [first] = await must<Array<{ id: string; name: string; organisationId: string }>>(service.call('listActivities', { search: 'Seed activity 4242' }));
      toggle += 1;
      await must(service.call('updateActivity', { id: first!.id, changes: { organisationId: first!.organisationId, name: first!.name, retention: `${toggle} years` } }));
      await must(service.call('listActivities', {}));
    });
    let run = 0;
    bench(
      `${name}: import ${size} new rows (one transaction, change log included)`,
      async () => {
        run += 1;
        const result = await must<{ imported: number }>(service.call('importRegister', { format: 'csv', content: rows(`Run ${run}`) }));
        if (result.imported !== size) throw new Error(`expected ${size} imported, got ${result.imported}`);
      },
      { iterations: 3, warmupIterations: 0, time: 0 },
    );
  });
}
