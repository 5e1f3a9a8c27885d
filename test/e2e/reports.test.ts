import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { screenshotsDir as screenshots } from '../support/screenshots';
import { builtCli } from '../support/workspace';

/** The Reports screen in Chromium through browser mode: one click gives a PDF that verifies. */
const cli = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });

describe('the Reports screen', () => {
  test('lists the reports, exports the register in one click with a busy state, and the PDF verifies', async ({ start }) => {
    let workspace = '';
    const workbench = await start({
      workspace: (scratch) => {
        workspace = join(scratch, 'demo.pwb');
        expect(cli('demo', workspace).status).toBe(0);
        return workspace;
      },
    });
    // Playwright's pages accept downloads unless told otherwise.
    const page = await workbench.openPage({ viewport: { width: 1280, height: 820 }, timeout: 20_000 });
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /^Reports/ }).click();
    const table = page.getByRole('table', { name: 'Reports' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(7);

    const row = table.locator('tr[data-kind="ropa"]');
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export PDF' }).click();
    // While Chromium prints, every Export button waits.
    await expect.poll(async () => (await row.getByRole('button').textContent()) ?? '').toMatch(/Printing…|Export PDF/);
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^ropa-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf$/);
    const saved = join(workbench.scratch, file.suggestedFilename());
    await file.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect.poll(() => row.getByRole('status').textContent()).toMatch(/Saved ropa-.*\.pdf: \d+ pages, fingerprint [0-9a-f]{16}…/);
    const verified = cli('verify', saved);
    expect(verified.stdout).toMatch(/^intact/);
    expect(verified.status).toBe(0);
    // The cover names the change log's chain head: what an auditor keeps and checks the workspace against later.
    const head = /chain head ([0-9a-f]{64})/.exec(cli('workspace', 'check', '--workspace', workspace).stdout)![1]!;
    const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', saved, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(cover).toContain(`chainhead${head}`);
    expect(cli('workspace', 'check', '--workspace', workspace, '--expect-head', head).status).toBe(0);

    // The incident report needs an incident: its button waits for one to be chosen (or says it is not available yet).
    const incident = table.locator('tr[data-kind="incident"]');
    expect(await incident.getByRole('button', { name: 'Export PDF' }).isDisabled()).toBe(true);

    await page.screenshot({ path: join(screenshots, 'reports-screen.png') });
    expect(workbench.problems).toEqual([]);
  });
});

describe('a workspace whose change log was edited outside the app', () => {
  test('opens with a banner saying what does not hold together', async ({ start }) => {
    const workbench = await start({
      workspace: (scratch) => {
        const workspace = join(scratch, 'edited.pwb');
        expect(cli('demo', workspace).status).toBe(0);
        // sqlite3 on the file: the append-only triggers dropped, an entry and a record changed.
        const db = new Database(workspace);
        db.exec("DROP TRIGGER change_log_no_update; UPDATE change_log SET actor = 'someone else' WHERE id = 5; UPDATE activities SET name = 'Changed with sqlite3' WHERE rowid = 3;");
        db.close();
        return workspace;
      },
    });
    const page = await workbench.openPage({ viewport: { width: 1280, height: 820 }, timeout: 30_000 });
    const banner = page.getByRole('alert', { name: 'Found when the workspace opened' });
    await banner.waitFor();
    const text = (await banner.textContent())!;
    expect(text).toContain('The change log of this workspace does not hold together: entry 5 does not match its hash');
    expect(text).toMatch(/\(Changed with sqlite3\) differs from its last logged state/);
    expect(text).toContain('privacy-workbench workspace check --workspace');
    await page.screenshot({ path: join(screenshots, 'workspace-chain-broken.png') });
    await page.close();
  });
});
