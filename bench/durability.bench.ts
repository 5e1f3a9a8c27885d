import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { openWorkspaceDatabase } from '../db/connection';
import { appendChange } from '../db/repositories/changeLog';
import { createWorkbenchService } from '../service';
import { fsyncFolder } from '../service/fsync';

/**
 * What durability costs (issue 14, point 7): one small acknowledged write, a change-log row and an
 * update in one transaction, with the log synced at each commit (synchronous = FULL, the app's
 * setting) and without (NORMAL, the setting before), on the same disk. Then the same through the
 * service: a filing recorded on an incident of the demo workspace. Numbers in docs/PERFORMANCE.md.
 */
const root = mkdtempSync(join(tmpdir(), 'pwb-bench-durability-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writer(level: 'FULL' | 'NORMAL') {
  const db = openWorkspaceDatabase(join(root, `${level}.pwb`), { create: true });
  db.pragma(`synchronous = ${level}`);
  let n = 0;
  return () => {
    n += 1;
    db.transaction(() => {
      db.prepare(`INSERT OR REPLACE INTO workspace_meta (key, value) VALUES ('bench', ?)`).run(String(n));
      appendChange(db, { at: new Date().toISOString(), actor: 'bench', entity: 'workspace', entityId: 'bench', action: 'update', before: null, after: { n } });
    })();
  };
}
const full = writer('FULL');
const normal = writer('NORMAL');

const service = createWorkbenchService({ dataDir: join(root, 'service'), actor: 'bench' });
await service.call('openDemoWorkspace', {});
const created = await service.call('createIncident', {
  title: 'Bench incident',
  zone: 'Europe/Paris',
  events: { aware: { at: new Date(Date.now() - 3_600_000).toISOString(), zone: 'Europe/Paris' } },
  affected: [{ where: 'FR', count: 10 }],
});
if (!created.ok) throw new Error(created.error.message);
const incident = created.value as { id: string; obligations: Array<{ id: string }> };
const obligation = incident.obligations.find((entry) => entry.id === 'gdpr-33-authority')!;

describe('one acknowledged write', () => {
  bench('synchronous = FULL (the app): a change-log row and an update, committed', () => full());
  bench('synchronous = NORMAL (before): the same', () => normal());
  bench('record a filing through the service (FULL)', async () => {
    const result = await service.call('recordFiling', { incidentId: incident.id, obligationId: obligation.id, phase: 'initial', filedAt: new Date().toISOString(), reference: 'bench' });
    if (!result.ok) throw new Error(result.error.message);
  });
});

// Disposal syncs the recordings folder after each deletion, before confirming it (a deletion lost
// to a power cut must not leave evidence claiming it). What that adds per file:
const folder = join(root, 'monitor');
mkdirSync(folder);
let files = 0;
const makeFile = () => {
  const file = join(folder, `call-${files++}.wav`);
  writeFileSync(file, Buffer.alloc(32 * 1024, 7));
  return file;
};
describe('one recording deleted', () => {
  bench('delete the file (a 32 KiB recording)', () => unlinkSync(makeFile()));
  bench('delete it and sync the folder (disposal)', () => {
    const file = makeFile();
    unlinkSync(file);
    fsyncFolder(file);
  });
});
