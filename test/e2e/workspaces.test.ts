import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { addVisitorWifiLogs, createAcmeWorkspace, numberedActivities } from '../support/workspaceSetUp';

/** Workspace files: what survives a restart, and a new encrypted workspace made from the welcome screen. */
describe('workspaces in Chromium', () => {
  test('still has the record after a restart of the service and a fresh page', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await addVisitorWifiLogs(workbench, 'created');
    // A computer account whose person was named before: the name is kept, not asked again.
    expect(await workbench.restart({ profile: null })).toBe(0);
    const app = await workbench.open();
    const { register, welcome } = app;
    // The last workspace is reopened on start; the name given before is kept (not asked again).
    const list = register.list;
    await list.waitFor();
    expect(await welcome.profilePrompt.count()).toBe(0);
    await register.search.fill('Wi-Fi');
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Visitor Wi-Fi access logs')]);
    await list.getByRole('option').first().click();
    await register.recordHeading('Visitor Wi-Fi access logs').waitFor();
    expect(await register.detail.textContent()).toContain('90 days after the visit');
  });

  test('creates a new workspace from a path, starting with its organisation', async ({ start }) => {
    const workbench = await start({ workspace: 'none' });
    const { scratch } = workbench;
    const app = await workbench.open();
    const { page, register, welcome } = app;
    await welcome.workspaceFileHeading.waitFor();
    const path = join(scratch, 'registers', 'acme.pwb');
    await welcome.open(join(scratch, 'no-such-file.pwb'));
    await welcome.alert('No workspace file at').waitFor();
    // A new workspace is encrypted: its passphrase is asked for first (typed twice, long enough).
    const dialog = welcome.newWorkspaceDialog;
    const passphrase = 'tulip ladder seventeen';
    await welcome.createNew('relative.pwb');
    await welcome.protectWith(passphrase);
    await dialog.getByRole('alert').filter({ hasText: 'give the full path of the file' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await welcome.open(scratch);
    await welcome.alert('is a folder; give the path of a workspace file').waitFor();

    mkdirSync(join(scratch, 'registers'), { recursive: true });
    await welcome.createNew(path);
    // Too short, then typed twice differently: each said beside its field, and no file is made.
    const problemBeside = async (label: string) => {
      const field = dialog.getByLabel(label, { exact: true });
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      return dialog.locator(`#${await field.getAttribute('aria-describedby')}`).textContent();
    };
    await welcome.protectWith('short');
    expect(await problemBeside('Passphrase')).toBe('use at least 10 characters (a few words are easiest to remember)');
    await welcome.protectWith(passphrase, `${passphrase}!`);
    expect(await problemBeside('The same passphrase again')).toBe('the two passphrases differ');
    expect(await dialog.getByLabel('Passphrase', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(existsSync(path)).toBe(false);
    await welcome.protectWith(passphrase, passphrase, { confirm: false });
    await app.shoot('workspace-passphrase-new');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Start with your organisation' }).waitFor();
    expect(await app.workspaceName.textContent()).toContain('Encrypted');
    // Encrypted on disk: the file holds nothing readable.
    expect(readFileSync(path).includes(Buffer.from('SQLite format 3'))).toBe(false);
    // The earlier failure is no longer shown once the workspace is open.
    expect(await page.getByText('No workspace file at').count()).toBe(0);
    expect(await app.workspaceName.textContent()).toContain('acme');
    expect(await register.newActivityButton.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Add organisation' }).click();
    const organisationName = page.getByLabel('Organisation name');
    await expect.poll(() => organisationName.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await organisationName.getAttribute('aria-describedby')}`).textContent()).toBe('name must not be empty');
    expect(await workbench.client.listOrganisations()).toEqual([]);
    await page.getByLabel('Organisation name').fill('Acme Ltd');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.getByRole('heading', { name: 'No processing activities yet' }).waitFor();
    expect(await register.newActivityButton.isEnabled()).toBe(true);
    await app.shoot('register-new-workspace');
  });

  test('keeps a large register fluid: only the rows in view are in the page, in the list and in the breach form', async ({ start }) => {
    const workbench = await start({ workspace: 'none' });
    const { scratch } = workbench;
    await workbench.client.createWorkspace({ path: join(scratch, 'acme.pwb'), passphrase: 'tulip ladder seventeen' });
    await workbench.client.createOrganisation({ name: 'Acme Ltd' });
    const app = await workbench.open();
    const { page, incidents, register } = app;
    await page.getByRole('heading', { name: 'No processing activities yet' }).waitFor();
    // A large register stays fluid: only the rows in view are in the page.
    const big = join(scratch, 'big-register.csv');
    writeFileSync(big, numberedActivities(3000));
    await register.importAll(big, 3000);
    await expect.poll(() => app.listCount()).toBe(3000);
    const list = register.list;
    expect(await list.getByRole('option').count()).toBeLessThan(60);
    await list.focus();
    await page.keyboard.press('End');
    await register.option(/Activity 2999/).waitFor();
    expect(await register.option(/Activity 2999/).getAttribute('aria-selected')).toBe('true');
    await register.recordHeading('Activity 2999').waitFor();
    // The breach form chooses among the 3000 with a searchable list that keeps only the rows in view in the page.
    await app.press('Incidents');
    const breach = await incidents.logBreach();
    await breach.form.getByText('Processing activities and vendors involved').click();
    const picker = breach.picker('Processing activities involved');
    await picker.getByText('3000 in all').waitFor();
    expect(await picker.getByRole('checkbox').count()).toBeLessThan(40);
    await picker.getByRole('searchbox', { name: 'Search processing activities involved' }).fill('Activity 2718');
    await picker.getByText('1 of 3000 match').waitFor();
    await picker.getByRole('checkbox', { name: /Activity 2718/ }).check();
    expect(await breach.chosen('Processing activities involved').textContent()).toContain('Activity 2718');
    await picker.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await app.shoot('incident-activity-picker');
    await breach.cancel();
  });

  test('asks for the passphrase of an encrypted workspace reopened from the recent list', async ({ start }) => {
    const workbench = await start({ workspace: 'none' });
    const passphrase = 'tulip ladder seventeen';
    await createAcmeWorkspace(workbench, join(workbench.scratch, 'acme.pwb'), passphrase, 3000);
    const app = await workbench.open();
    const { welcome } = app;
    await expect.poll(() => app.listCount()).toBe(3000);
    // Reopened from the recent list, it asks for its passphrase; a wrong one is said in the dialog.
    await app.closeWorkspace();
    await welcome.recent(/acme/).click();
    const locked = welcome.unlockDialog;
    await welcome.unlockWith('not the passphrase');
    await locked.getByRole('alert').filter({ hasText: 'The passphrase does not open' }).waitFor();
    await welcome.unlockWith(passphrase, { confirm: false });
    await app.shoot('workspace-passphrase-open');
    await locked.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => app.listCount()).toBe(3000);
  });
});
