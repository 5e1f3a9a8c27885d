import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { logSupportMailboxBreach } from '../support/workspaceSetUp';

/** Moving between the sections: the keyboard shortcuts, and each screen's address. */
describe('navigation in Chromium', () => {
  test('reaches the other sections from the keyboard, each saying what comes next', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { page, incidents, recordings, register, reports } = app;
    await register.list.waitFor();
    await app.press('Incidents');
    await incidents.heading.waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/No breaches logged/);

    await app.press('Recordings');
    await recordings.heading.waitFor();
    await recordings.showTab('Practices');
    const practice = recordings.practice('Smartt');
    await practice.waitFor();
    expect(await practice.textContent()).toMatch(/Linked to support tickets\s*Yes/);
    await practice.getByRole('region', { name: 'Change history' }).getByText(/Created by/).waitFor();
    await app.shoot('recordings');

    await app.press('Reports');
    await reports.heading.waitFor();
    await app.shoot('reports');

    await app.press('Register');
    await register.heading.waitFor();
  });

  test('gives every screen an address: Back and Forward move between sections, and an incident opens from its address', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await logSupportMailboxBreach(workbench);
    const app = await workbench.open();
    const { page, incidents, register } = app;
    await register.list.waitFor();
    await app.press('Register');
    await register.heading.waitFor();
    expect(new URL(page.url()).hash).toBe('#/register');
    await app.press('Incidents');
    await incidents.option(/Support mailbox exposed/).click();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/incidents\/[0-9a-f-]{36}$/);
    const address = page.url();
    await page.goBack();
    await register.heading.waitFor();
    expect(new URL(page.url()).hash).toBe('#/register');
    await page.goForward();
    await incidents.heading.waitFor();
    // The address opens the same incident in a fresh page (a bookmark, or an OS notification in the desktop app).
    const fresh = await workbench.open({ url: address });
    await fresh.incidents.heading.waitFor();
    await fresh.page.getByRole('heading', { name: 'Support mailbox exposed' }).waitFor();
    expect(await fresh.incidents.option(/Support mailbox exposed/).getAttribute('aria-selected')).toBe('true');
    await fresh.close();
    await app.press('Register');
    await register.heading.waitFor();
  });
});
