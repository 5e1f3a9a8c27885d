import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { addVendorFromLibrary, addVisitorWifiLogs } from '../support/workspaceSetUp';

/** Processors and vendors in Chromium, each test on a demo workspace of its own. */
describe('vendors in Chromium', () => {
  test('shows the vendors with the activities each serves', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { vendors } = app;
    await app.click('Vendors');
    await vendors.heading.waitFor();
    await vendors.select('Square');
    expect(await vendors.activitiesTable.textContent()).toContain('Smartner');
    expect(await vendors.reach.textContent()).toMatch(/Countries of processing\s*US/);
    expect(await vendors.reach.textContent()).toContain('Economic and financial');
    expect(await vendors.list.getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Google Analytics'), expect.stringContaining('Sterling Talent Solutions')]),
    );
    await app.shoot('vendors');
  });

  test('adds a vendor from the starter library, marked to verify, and records its safeguard', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { vendors } = app;
    await app.click('Vendors');
    await vendors.select('Square');
    await vendors.toggleLibrary();
    const library = vendors.library;
    expect(await library.getByRole('button', { name: 'Square: in workspace' }).isDisabled()).toBe(true);
    await library.getByRole('button', { name: 'Add Zendesk' }).click();
    await app.page.getByRole('heading', { name: 'Zendesk', exact: true }).waitFor();
    expect(await library.getByRole('button', { name: 'Zendesk: in workspace' }).isDisabled()).toBe(true);
    expect(await vendors.detail.getByText('To verify', { exact: true }).count()).toBeGreaterThan(0);
    await vendors.toggleLibrary();

    const form = await vendors.editContract();
    await form.getByLabel('Transfer safeguard').selectOption('dpf');
    await form.getByLabel('Agreement reference').fill('ZD-DPA-2026');
    await form.getByLabel('Agreement expires on').fill('2026-01-31');
    await form.getByLabel('To verify').uncheck();
    await form.getByRole('button', { name: 'Save' }).click();
    await vendors.contract.getByText('EU-US Data Privacy Framework', { exact: false }).waitFor();
    expect(await vendors.contract.textContent()).toMatch(/2026-01-31\s*Expired/);
    expect(await vendors.detail.getByText('To verify', { exact: true }).count()).toBe(0);
    await app.shoot('vendor-reach');
  });

  test('records a sub-processor, and its reach runs through the vendor that engages it', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await addVendorFromLibrary(workbench, 'zendesk');
    await addVisitorWifiLogs(workbench, 'completed');
    const app = await workbench.open();
    const { register, vendors } = app;
    await app.click('Vendors');
    await vendors.select('Google Analytics');
    await vendors.addSubProcessor('Zendesk', 'Support tickets');
    await vendors.subProcessors.getByText(/Zendesk — Support tickets/).waitFor();
    await vendors.select('Zendesk');
    await vendors.activitiesServed.getByText(/Visitor Wi-Fi access logs/).waitFor();
    expect(await vendors.activitiesServed.textContent()).toContain('via Google Analytics');
    expect(await vendors.subProcessors.textContent()).toContain('Sub-processor of: Google Analytics (Support tickets)');
    expect(await vendors.reach.textContent()).toContain('Smartt');
    await app.shoot('vendor-sub-processors');
    await app.click('Register');
    await register.heading.waitFor();
  });
});
