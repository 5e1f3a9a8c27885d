import { join } from 'node:path';
import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { screenshotsDir } from '../support/screenshots';
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

  test('shows every problem of the contract form beside its own field and saves nothing until they are corrected', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const square = (await workbench.client.listProcessors()).find((processor) => processor.name === 'Square');
    if (!square) throw new Error('the demo workspace has no vendor named Square');
    const before = await workbench.client.getProcessor({ id: square.id });
    // Tall enough for the whole form, its problems and its buttons in the screenshot.
    const app = await workbench.open({ viewport: { width: 1360, height: 1500 } });
    const { vendors } = app;
    await app.click('Vendors');
    await vendors.select('Square');
    const form = await vendors.editContract();
    const control = {
      name: form.getByRole('textbox', { name: /^Name/ }),
      countries: form.getByLabel(/^Countries of processing/),
      months: form.getByLabel(/^Review every \(months\)/),
      signed: form.getByLabel(/^Agreement signed on/),
      expires: form.getByLabel(/^Agreement expires on/),
      service: form.getByLabel(/^Service/),
    };
    await control.name.fill('');
    await control.countries.fill('US, Irland');
    await control.months.fill('1.5');
    await form.getByRole('button', { name: 'Save' }).click();

    // Each problem beside its own control, the control marked invalid and described by it.
    const besides = [
      [control.name, 'name', 'name must not be empty'],
      [control.countries, 'countries', 'must be an ISO 3166 code such as "US" or "US-TX"'],
      [control.months, 'reviewCycleMonths', 'must be a whole number of months'],
    ] as const;
    for (const [locator, field, message] of besides) {
      await expect.poll(() => form.locator(`[id$="-problem-${field}"]`).textContent()).toBe(message);
      expect(await locator.getAttribute('aria-invalid')).toBe('true');
      expect(await locator.getAttribute('aria-describedby')).toMatch(new RegExp(`-problem-${field}$`));
    }
    expect(await control.service.getAttribute('aria-invalid')).toBeNull();
    expect(await form.locator('.field-error').count()).toBe(3);
    const summary = form.locator('.form-problems');
    expect(await summary.textContent()).toContain('3 things to correct');
    expect(await summary.textContent()).toContain('Country 2: must be an ISO 3166 code');
    // Named as the form labels it.
    expect(await summary.textContent()).toContain('Review every (months): must be a whole number of months');
    await form.screenshot({ path: join(screenshotsDir, 'vendor-contract-problems.png') });
    // Nothing was sent: the vendor is as it was.
    expect(await workbench.client.getProcessor({ id: square.id })).toEqual(before);

    // Those corrected, an agreement that expires before it was signed is refused beside its expiry.
    await control.name.fill('Square (Block)');
    await control.countries.fill('us, ie');
    await control.months.fill('12');
    await control.signed.fill('2025-06-01');
    await control.expires.fill('2025-01-31');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.locator('[id$="-problem-dpaExpiresOn"]').textContent()).toBe('the agreement cannot expire before it was signed');
    expect(await control.expires.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-error').count()).toBe(1);
    expect(await workbench.client.getProcessor({ id: square.id })).toEqual(before);

    await control.expires.fill('2027-05-31');
    await form.getByRole('button', { name: 'Save' }).click();
    await app.page.getByRole('heading', { name: 'Square (Block)', exact: true }).waitFor();
    expect(await workbench.client.getProcessor({ id: square.id })).toMatchObject({
      name: 'Square (Block)',
      countries: ['US', 'IE'],
      reviewCycleMonths: 12,
      dpaSignedOn: '2025-06-01',
      dpaExpiresOn: '2027-05-31',
      dataCategories: before.dataCategories,
    });
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
