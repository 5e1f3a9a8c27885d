import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { createAcmeWorkspace } from '../support/workspaceSetUp';

/** The Backups screen on an encrypted workspace of 3000 activities, closed once (which backed it up). */
describe('backups in Chromium', () => {
  test('backs up, previews and restores from the Backups screen, and changes the passphrase', async ({ start }) => {
    const workbench = await start({ workspace: 'none' });
    const passphrase = 'tulip ladder seventeen';
    await createAcmeWorkspace(workbench, join(workbench.scratch, 'acme.pwb'), passphrase, 3000);
    const app = await workbench.open();
    const { page, backups, register, welcome } = app;
    await expect.poll(() => app.listCount()).toBe(3000);
    // Closing the workspace backed it up; the top bar says when.
    await expect.poll(() => app.backupIndicator.textContent()).toMatch(/^Backed up (just now|\d+ min ago)$/);
    await app.press('Backups');
    await backups.heading.waitFor();
    await page.getByText('Holds the latest change').waitFor();
    const table = backups.table;
    // The header row and the backup taken on closing.
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await backups.backUpNow();
    await app.status(/^Backed up and checked: acme-\d{8}T\d{6}Z-entry-\d+-[0-9a-f]{8}\.pwbackup$/).waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(3);

    // Work after the backup: one more activity.
    await app.press('Register');
    const later = join(workbench.scratch, 'after-backup.csv');
    writeFileSync(later, 'Processing activity,Purpose of processing\nAdded after the backup,Purpose\n');
    await register.importAll(later, 1);
    await expect.poll(() => app.listCount()).toBe(3001);
    await app.press('Backups');
    await page.getByText('Changes since').waitFor();

    // The preview of the backup made by hand: what goes back, side by side.
    await backups.previewRestore('By hand');
    const preview = backups.restorePreview;
    await preview.waitFor();
    expect((await preview.getByRole('row').filter({ hasText: 'Activities' }).textContent())?.replace(/\s+/g, ' ')).toBe('Activities30013000-1');
    await app.shoot('backups');
    await backups.askToRestore();
    const confirm = backups.restoreConfirmation;
    await confirm.waitFor();
    await app.shoot('backups-restore-confirm');
    await confirm.getByRole('button', { name: 'Restore' }).click();
    const done = app.status('Restored');
    await done.waitFor();
    expect(await done.textContent()).toMatch(/kept whole at .*acme\.pwb\.before-restore-\d{8}T\d{6}Z/);
    await app.press('Register');
    await expect.poll(() => app.listCount()).toBe(3000);

    // A new passphrase: the present one is asked for first.
    await app.press('Backups');
    await backups.changePassphrase('not the passphrase', 'meadow lantern fortyone');
    const change = backups.passphraseForm;
    const present = change.getByLabel('Present passphrase');
    await expect.poll(() => present.getAttribute('aria-invalid')).toBe('true');
    expect(await change.locator(`#${await present.getAttribute('aria-describedby')}`).textContent()).toBe('That is not the present passphrase. Nothing was changed.');
    // Typed twice differently, and too short: each said beside its field before anything is sent.
    await present.fill(passphrase);
    await change.getByLabel('New passphrase', { exact: true }).fill('short');
    await change.getByLabel('The new passphrase again').fill('shorter');
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await expect.poll(() => change.locator('.field-error').allTextContents()).toEqual([expect.stringMatching(/^use at least \d+ characters/), 'the two new passphrases differ']);
    await change.getByLabel('New passphrase', { exact: true }).fill('meadow lantern fortyone');
    await change.getByLabel('The new passphrase again').fill('meadow lantern fortyone');
    await app.shoot('backups-passphrase-change');
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await app.status('The passphrase was changed').waitFor();

    // Closed and reopened: only the new passphrase opens it.
    await app.closeWorkspace();
    await welcome.recent(/acme/).click();
    const locked = welcome.unlockDialog;
    await welcome.unlockWith(passphrase);
    await locked.getByRole('alert').filter({ hasText: 'The passphrase does not open' }).waitFor();
    await welcome.unlockWith('meadow lantern fortyone');
    await locked.waitFor({ state: 'detached' });
    await app.press('Register');
    await expect.poll(() => app.listCount()).toBe(3000);
  });
});
