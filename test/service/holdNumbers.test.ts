import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { useTempDirs } from '../support/workspace';

/**
 * Holds that hold (issue 14, point 2): a caller's number typed in national form finds the calls
 * stored in international form, and the other way round; a hold that would cover nothing is not
 * saved as Active without a word.
 */
const tempDir = useTempDirs();
const now = '2026-11-23T09:00:00.000Z';

async function workspaceWith(numbers: string[], country: string | null) {
  const dir = tempDir();
  const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date(now), defaultCallerCountry: country }));
  await workbench.createWorkspace({ passphrase: null, path: join(dir, 'calls.pwb') });
  writeFileSync(join(dir, 'Master.csv'), numbers.map((src, n) => cdrLine({ start: `2026-03-0${1 + n} 10:00:00`, uniqueid: `u.${n}`, src })).join('\n'));
  await workbench.importCallRecords({ path: join(dir, 'Master.csv'), zone: 'Europe/London', purposes: ['quality'] });
  return workbench;
}
const hold = (numbers: string[], confirmCoversNone = false) => ({ matter: 'Complaint 2026-114', reason: 'The caller disputes what was said', scope: { callerNumbers: numbers }, confirmCoversNone });

describe('legal holds by caller number', () => {
  it('matches a national number to calls stored in international form once the callers’ country is known', async () => {
    const workbench = await workspaceWith(['+447700991456', '+447700991456', '+44 7700 991456', '+447700900001', '+447700991456', '+447700991456'], null);
    // No country: "07700 991456" cannot be read, nothing matches, and the hold is not placed without a word.
    const unread = await workbench.previewLegalHold({ scope: { callerNumbers: ['07700 991456'] } });
    expect(unread).toEqual({ recordings: 0, callerNumbers: [{ given: '07700 991456', international: null }], warnings: [expect.stringContaining("no country code and no callers' country is set")] });
    expect(await workbench.result.placeLegalHold(hold(['07700 991456']))).toMatchObject({ ok: false, error: { code: 'conflict', field: 'scope', message: expect.stringContaining('this hold covers no recording now') } });
    expect(await workbench.listLegalHolds()).toEqual([]);

    await workbench.setRecordingSettings({ folder: null, backupRetentionDays: 35, callerCountry: 'GB' });
    expect(await workbench.previewLegalHold({ scope: { callerNumbers: ['07700 991456'] } })).toEqual({
      recordings: 5,
      callerNumbers: [{ given: '07700 991456', international: '+447700991456' }],
      warnings: [],
    });
    const placed = await workbench.placeLegalHold(hold(['07700 991456']));
    expect(placed.recordings).toBe(5);
    // The international and the 00 forms are the same caller.
    for (const form of ['+44 7700 991456', '0044 7700 991456']) expect((await workbench.previewLegalHold({ scope: { callerNumbers: [form] } })).recordings, form).toBe(5);
    // What the hold holds is not disposed of.
    const batch = await workbench.disposeDueRecordings({ recordsOnly: true });
    expect(batch.disposed).toHaveLength(1);
    workbench.close();
  });

  it('stores new calls in international form, and still finds calls stored in national form before', async () => {
    // Calls imported with national numbers and no country: stored as their digits.
    const workbench = await workspaceWith(['07700 991456', '07700991456'], null);
    await workbench.setRecordingSettings({ folder: null, backupRetentionDays: 35, callerCountry: 'GB' });
    expect((await workbench.previewLegalHold({ scope: { callerNumbers: ['+44 7700 991456'] } })).recordings).toBe(2);
    // Calls imported now, in national form, are stored in international form: found by either.
    const search = async (text: string) => (await workbench.listRecordings({ view: 'retained', search: text })).total;
    expect(await search('+447700991456')).toBe(2);
    expect(await search('07700 991456')).toBe(2);
    workbench.close();
  });

  it('places a hold that covers nothing only when confirmed, for calls still to be imported', async () => {
    const workbench = await workspaceWith(['+447700991456'], 'GB');
    expect(await workbench.result.placeLegalHold(hold(['+44 20 7946 0000']))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const placed = await workbench.placeLegalHold(hold(['+44 20 7946 0000'], true));
    expect(placed).toMatchObject({ recordings: 0, releasedAt: null });
    workbench.close();
  });

  it('previews and searches by number without writing anything (no caller key is made by a read)', async () => {
    const dir = tempDir();
    const workbench = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date(now) }));
    const path = (await workbench.createWorkspace({ passphrase: null, path: join(dir, 'empty.pwb') })).path;
    expect((await workbench.previewLegalHold({ scope: { callerNumbers: ['+44 7700 991456'] } })).recordings).toBe(0);
    expect((await workbench.listRecordings({ view: 'retained', search: '+44 7700 991456' })).total).toBe(0);
    workbench.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare(`SELECT value FROM workspace_meta WHERE key = 'caller_ref_key'`).get()).toBeUndefined();
    db.close();
  });
});
