import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

describe('a workspace another program is writing', () => {
  it('answers a write at once with busy (nothing written), keeps answering reads, and takes the same write once the other program is done', async () => {
    const dir = tempDir();
    const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date('2026-11-23T09:00:00.000Z') }));
    const path = join(dir, 'busy.pwb');
    await workbench.createWorkspace({ passphrase: null, path });
    const organisation = await workbench.createOrganisation({ name: 'Smartt Ltd' });
    const input = { organisationId: organisation.id, name: 'Payroll', purposes: ['Pay staff'] };

    // The CLI importing into the same file: a second connection holding the write lock.
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const asked = performance.now();
    const refused = await workbench.result.createActivity(input);
    const waited = performance.now() - asked;
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringMatching(/try again/i) } });
    // Before: every write waited the 5 s busy timeout before failing.
    expect(waited).toBeLessThan(1000);
    // Reads go on (WAL: readers do not wait for the writer).
    expect(await workbench.listActivities()).toEqual([]);
    other.exec('ROLLBACK');
    other.close();

    const created = await workbench.createActivity(input);
    expect((await workbench.listActivities()).map((item) => item.id)).toEqual([created.id]);
    workbench.close();
  });
});
