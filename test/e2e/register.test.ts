import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { problemBeside } from '../support/forms';
import { addVisitorWifiLogs } from '../support/workspaceSetUp';

/**
 * The register of processing activities in Chromium through browser mode, each test on a demo
 * workspace of its own (the five seed organisations, 24 activities).
 */
describe('the register in Chromium', () => {
  test('moves through the list with the keyboard and searches with /', async ({ start }) => {
    const { page, register } = await (await start({ workspace: 'demo' })).open();
    const list = register.list;
    await list.focus();
    await page.keyboard.press('Home');
    // Sorted by organisation, then name: Smarp's e-mail enquiries come first, its marketing notices second.
    const selectedOf = (name: RegExp) => register.option(name).getAttribute('aria-selected');
    await expect.poll(() => selectedOf(/E-mail enquiries, feedback/)).toBe('true');
    await register.recordHeading('E-mail enquiries, feedback and user surveys').waitFor();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selectedOf(/Marketing notices about products/)).toBe('true');
    await page.keyboard.press('End');
    await register.recordHeading('Website cookies and connection data').waitFor();
    // Keyboard focus is visible.
    const outline = await list.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe('none');

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search activities');
    await page.keyboard.type('background check');
    await expect.poll(() => list.getByRole('option').count()).toBe(1);
  });

  test('shows the Art. 30(2) processor records', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { register } = app;
    await register.showTab(/Processor records/);
    await register.processorRecord('Smartt').waitFor();
    expect(await register.processorRecords.count()).toBe(2);
    await app.shoot('register-processor-records');
  });

  test('names the field at fault when a new record is refused, and stores nothing', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { page, register } = app;
    await register.list.waitFor();
    const before = await page.locator('.list-count').textContent();
    const form = await register.startNewActivity();
    await form.getByRole('button', { name: 'Create activity' }).click();
    await form.getByRole('alert').filter({ hasText: 'Not saved. Name: name must not be empty' }).waitFor();
    const name = form.getByLabel('Name', { exact: true });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true);
    await app.shoot('register-new-activity-error');

    // A field without a message of its own is still never refused silently.
    await name.fill('Long function');
    await form.getByLabel('Business function').fill('x'.repeat(201));
    await form.getByRole('button', { name: 'Create activity' }).click();
    await form.getByRole('alert').filter({ hasText: 'Business function: must be at most 200 characters' }).waitFor();
    expect(await form.getByLabel('Business function').getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.list-count').textContent()).toBe(before);
  });

  test('lists every problem of the activity form at once, each beside its field, and removes an imported value kept as text', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const organisation = (await workbench.client.listOrganisations())[0]!;
    // An import that could not map a country kept it as written: a gap the DPO removes in the form.
    const imported = await workbench.client.createActivity({ organisationId: organisation.id, name: 'Imported payroll', flaggedText: [{ column: 'countries', text: 'Rest of world' }] });
    const stored = (await workbench.client.listActivities({})).length;
    const app = await workbench.open();
    const { register } = app;
    const form = await register.startNewActivity();
    await form.getByLabel('Business function').fill('x'.repeat(201));
    await form.getByLabel(/^Recipients/).fill('Payroll bureau (processor)\n (internal)');
    await form.getByRole('button', { name: 'Add a transfer' }).click();
    await form.getByLabel('Transfer 1 country').fill('USA');
    await form.getByRole('button', { name: 'Create activity' }).click();
    const problems = form.locator('.form-problems');
    await expect.poll(() => problems.textContent()).toContain('4 things to correct');
    const text = await problems.textContent();
    expect(text).toContain('Name: name must not be empty');
    expect(text).toContain('Business function: must be at most 200 characters');
    expect(text).toContain('Recipients: recipient name must not be empty (line 2)');
    expect(text).toMatch(/Transfer 1, country: .*ISO 3166/);
    for (const control of [form.getByLabel('Name', { exact: true }), form.getByLabel('Business function'), form.getByLabel(/^Recipients/), form.getByLabel('Transfer 1 country')])
      expect(await control.getAttribute('aria-invalid')).toBe('true');
    // Each beside its own field: the recipients' problem under the recipients, not under the name.
    expect(await form.locator(`#${await form.getByLabel(/^Recipients/).getAttribute('aria-describedby')}`).textContent()).toBe('recipient name must not be empty (line 2)');
    expect(await form.getByLabel('Name', { exact: true }).evaluate((element) => element === document.activeElement)).toBe(true);
    await app.shoot('register-activity-form-problems');
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect((await workbench.client.listActivities({})).length).toBe(stored);

    await register.select('Imported payroll', { search: 'Imported payroll' });
    const edit = await register.edit();
    const flagged = edit.getByRole('region', { name: 'Imported text not mapped' });
    expect(await flagged.textContent()).toContain('Rest of world');
    await flagged.getByRole('button', { name: 'Remove' }).click();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await workbench.client.getActivity({ id: imported.id })).flaggedText).toEqual([]);
    expect((await workbench.client.getActivity({ id: imported.id })).name).toBe('Imported payroll');
  });

  test('creates a record and shows it with its change history', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { register } = app;
    const form = await register.startNewActivity();
    await form.getByLabel('Organisation (controller)').selectOption({ label: 'Smartt' });
    await form.getByLabel('Name', { exact: true }).fill('Visitor Wi-Fi access logs');
    await form.getByLabel(/^Purposes/).fill('Keep the guest network secure\nAnswer abuse complaints');
    await form.getByLabel(/^Lawful basis/).selectOption('legitimate-interests');
    await form.getByLabel('Connection data').check();
    await form.getByLabel(/^Time limit for erasure/).fill('90 days after the visit');
    await app.shoot('register-new-activity');
    await form.getByRole('button', { name: 'Create activity' }).click();

    await register.recordHeading('Visitor Wi-Fi access logs').waitFor();
    expect(await register.detail.textContent()).toContain('Legitimate interests — GDPR Art. 6(1)(f)');
    await register.history.getByText(/Created by/).waitFor();
    // The person named once, with the computer account.
    expect(await register.history.textContent()).toMatch(/Created by Anna Martin \(\S+\)/);
    expect(await register.option(/Visitor Wi-Fi access logs/).getAttribute('aria-selected')).toBe('true');
  });

  test('shows what the law still requires, and filters the register by kind of gap', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await addVisitorWifiLogs(workbench, 'created');
    const app = await workbench.open();
    const { register } = app;
    await register.select('Visitor Wi-Fi access logs', { search: 'Wi-Fi' });
    await register.search.fill('');
    await expect.poll(() => app.listCount()).toBe(25);

    const scoreBefore = Number(await register.completeness.getAttribute('aria-valuenow'));
    expect(scoreBefore).toBeGreaterThan(0);
    expect(scoreBefore).toBeLessThan(100);

    expect(await register.requires.textContent()).toMatch(/Art\. 30\(1\)\(c\)\s*no category of data subjects is recorded/);
    expect(await register.requires.textContent()).toMatch(/Art\. 30\(1\)\(d\)\s*no category of recipients is recorded/);

    await register.gapFilter.selectOption('transfer-safeguard');
    await expect.poll(async () => (await register.list.getByRole('option').allTextContents()).some((text) => text.includes('Mentee card payments'))).toBe(true);
    await expect.poll(() => app.listCount()).toBeLessThan(24);
    await register.select('Mentee card payments and billing', { option: /Mentee card payments/ });
    expect(await register.requires.textContent()).toContain('transfer to US via Square without a safeguard');
    await app.shoot('register-gaps');
    await register.gapFilter.selectOption('');
    await expect.poll(() => app.listCount()).toBe(25);
  });

  test('edits a record and links a processor, and the gaps follow', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await addVisitorWifiLogs(workbench, 'created');
    const app = await workbench.open();
    const { register, vendors } = app;
    await register.select('Visitor Wi-Fi access logs', { search: 'Wi-Fi' });
    const form = await register.edit();
    await form.getByLabel(/^Data subjects/).fill('guests, staff');
    await form.getByLabel(/^Recipients/).fill('IT team (internal)\nInternet service provider (external)');
    await form.getByLabel(/^Security measures/).fill('Separate guest network; logs kept on an encrypted server');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await register.requires.getByText(/Nothing missing: all 8 checks pass/).waitFor();
    expect(await register.detail.textContent()).toContain('Internet service provider (external)');

    await register.linkProcessor({ processor: 'Google Analytics', does: 'Counts guest network sign-ins', role: 'processor' });
    await register.requires.getByText('transfer to US via Google Analytics without a safeguard').waitFor();
    expect(await register.requires.textContent()).toContain('no processing agreement with Google Analytics is recorded');
    await register.history.getByText(/Updated by/).waitFor();
    await app.shoot('register-record');

    await app.click('Vendors');
    await vendors.select('Google Analytics');
    expect(await vendors.activitiesTable.textContent()).toContain('Visitor Wi-Fi access logs');
    await app.click('Register');
    await register.heading.waitFor();
  });

  test('refuses a processor link beside its fields and links nothing until corrected', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const activity = await addVisitorWifiLogs(workbench, 'created');
    const analytics = (await workbench.client.listProcessors()).find((processor) => processor.name === 'Google Analytics');
    if (!analytics) throw new Error('the demo workspace has no vendor named Google Analytics');
    const app = await workbench.open();
    const { page, register } = app;
    await register.select('Visitor Wi-Fi access logs', { search: 'Wi-Fi' });
    await page.getByRole('button', { name: 'Link a processor…' }).click();
    const link = page.getByRole('form', { name: 'Link a processor' });
    const control = { processor: link.getByLabel('Processor', { exact: true }), does: link.getByLabel('What the processor does'), role: link.getByLabel('Role') };
    await control.does.fill('   ');
    await link.getByRole('button', { name: 'Link' }).click();
    await expect.poll(() => problemBeside(control.processor)).toBe('choose the processor');
    expect(await problemBeside(control.does)).toBe('purpose must not be empty');
    expect(await problemBeside(control.role)).toBeNull();
    expect(await link.locator('.form-problems li').allTextContents()).toEqual(['Processor: choose the processor', 'What the processor does: purpose must not be empty']);
    await app.shoot('register-link-processor-problems');
    expect((await workbench.client.getActivity({ id: activity.id })).processors).toEqual([]);

    await control.processor.selectOption({ label: 'Google Analytics' });
    await control.does.fill('Counts guest network sign-ins');
    await control.role.selectOption('sub-processor');
    await link.getByRole('button', { name: 'Link' }).click();
    await link.waitFor({ state: 'detached' });
    expect((await workbench.client.getActivity({ id: activity.id })).processors).toEqual([
      expect.objectContaining({ processorId: analytics.id, purpose: 'Counts guest network sign-ins', role: 'sub-processor' }),
    ]);
  });

  test('records transfers and the ICO template columns in the form, and the gaps follow', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await addVisitorWifiLogs(workbench, 'completed');
    const app = await workbench.open();
    const { register } = app;
    await register.select('Visitor Wi-Fi access logs', { search: 'Wi-Fi' });
    const form = await register.edit();
    await form.getByRole('button', { name: 'Add a transfer' }).click();
    await form.getByLabel('Transfer 1 country').fill('us');
    await form.getByLabel('Transfer 1 note').fill('Support desk in Texas');
    await form.getByText(/^ICO template columns/).click();
    await form.getByLabel('DPIA required?').selectOption('yes');
    await form.getByLabel('DPIA progress').selectOption('in-progress');
    await form.getByLabel('Location of the personal data').fill('Office server, Dublin');
    await form.getByLabel('Access', { exact: true }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    const requires = register.requires;
    await requires.getByText('a DPIA is required and is still in progress').waitFor();
    expect(await requires.textContent()).toContain('transfer to US without a safeguard');
    expect(await register.detail.textContent()).toContain('Office server, Dublin');
    expect(await register.detail.textContent()).toMatch(/Created \d{4}-\d{2}-\d{2} · Last updated \d{4}-\d{2}-\d{2}/);
    await app.shoot('register-record-ico');

    // A bad country is refused by row, and nothing changes.
    await register.edit();
    await form.getByLabel('Transfer 1 country').fill('USA');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByRole('alert').getByText(/Transfer 1, country/).waitFor();
    expect(await form.getByLabel('Transfer 1 country').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Transfer 1 safeguard', { exact: true }).selectOption('sccs');
    await form.getByLabel('Transfer 1 country').fill('US');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await requires.getByText('a DPIA is required and is still in progress').waitFor();
    // The record shown right after a save is marked busy until its new answer is in (the gaps before the save stay visible, dimmed).
    await register.detail.locator('article[aria-busy="false"]').waitFor();
    expect(await requires.textContent()).not.toContain('transfer to US without a safeguard');
  });

  test('filters the register by processor, country, lawful basis and status, and sorts by gaps', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await addVisitorWifiLogs(workbench, 'transfers');
    const app = await workbench.open();
    const { page, register } = app;
    await expect.poll(() => app.listCount()).toBe(25);
    const all = await app.listCount();
    const filters = register.filters;
    await filters.getByLabel('Processor').selectOption({ label: 'Google Analytics' });
    await expect.poll(() => app.listCount()).toBeLessThan(all);
    expect(await register.list.textContent()).toContain('Visitor Wi-Fi access logs');
    await filters.getByLabel('Country').selectOption('US');
    expect(await register.list.textContent()).toContain('Visitor Wi-Fi access logs');
    await filters.getByLabel('Status').selectOption('retired');
    await page.getByText(/No activity matches these filters/).waitFor();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => app.listCount()).toBe(all);
    await filters.getByLabel('Lawful basis').selectOption('none');
    await expect.poll(() => app.listCount()).toBeLessThan(all);
    await filters.getByLabel('Sort by').selectOption('gaps');
    await app.shoot('register-filters');
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await filters.getByLabel('Sort by').selectOption('organisation');
    await expect.poll(() => app.listCount()).toBe(all);
  });

  test('creates an Art. 30(2) record for a controller served, with its gaps', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { page, register } = app;
    await register.showTab(/Processor records/);
    await page.getByRole('button', { name: 'New processor record' }).click();
    const form = page.getByRole('form', { name: 'New processor record' });
    await form.getByLabel('Our organisation (acting as processor)').selectOption({ label: 'SmarTek21' });
    await form.getByLabel(/^Controller served/).fill('Acme Retail');
    await form.getByLabel(/^Categories of processing/).fill('Customer support by phone');
    await form.getByRole('button', { name: 'Add a transfer' }).click();
    await form.getByLabel('Transfer 1 country').fill('IN');
    await form.getByRole('button', { name: 'Create record' }).click();
    const record = register.processorRecord('SmarTek21 for Acme Retail');
    await record.waitFor();
    const requires = record.getByRole('region', { name: 'What the law still requires' });
    expect(await requires.textContent()).toContain('no contact details of the controller are recorded');
    expect(await requires.textContent()).toContain('transfer to IN without a safeguard');
    expect(await register.processorRecords.count()).toBe(3);
    await record.scrollIntoViewIfNeeded();
    await app.shoot('register-processor-record-new');
  });

  test('shows each problem of the processor record form beside its field, saves nothing until corrected, and keeps the source on an edit', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const stored = await workbench.client.listProcessorRecords();
    const processor = (await workbench.client.listOrganisations()).find((organisation) => organisation.name === 'SmarTek21');
    if (!processor) throw new Error('the demo workspace has no organisation named SmarTek21');
    // Tall enough for the whole form with its problems.
    const app = await workbench.open({ viewport: { width: 1360, height: 1300 } });
    const { page, register } = app;
    await register.showTab(/Processor records/);
    await page.getByRole('button', { name: 'New processor record' }).click();
    const form = page.getByRole('form', { name: 'New processor record' });
    const control = {
      organisation: form.getByLabel('Our organisation (acting as processor)'),
      controller: form.getByLabel(/^Controller served/),
      contact: form.getByLabel(/^Controller's contact details/),
      categories: form.getByLabel(/^Categories of processing/),
      security: form.getByLabel(/^Security measures/),
    };
    await control.organisation.selectOption({ label: 'SmarTek21' });
    await control.contact.fill('x'.repeat(501));
    await control.categories.fill(`Customer support by phone\n${'y'.repeat(501)}`);
    await form.getByRole('button', { name: 'Add a transfer' }).click();
    await form.getByLabel('Transfer 1 country').fill('IND');
    await form.getByRole('button', { name: 'Create record' }).click();

    await expect.poll(() => problemBeside(control.controller)).toBe('controller name must not be empty');
    expect(await problemBeside(control.contact)).toBe('must be at most 500 characters');
    expect(await problemBeside(control.categories)).toBe('category of processing is longer than 500 characters (line 2)');
    expect(await form.getByLabel('Transfer 1 country').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('[id$="-problem-transfers"]').textContent()).toBe('must be an ISO 3166 code such as "US" or "US-TX"');
    expect(await problemBeside(control.organisation)).toBeNull();
    expect(await problemBeside(control.security)).toBeNull();
    const summary = form.getByRole('alert');
    expect(await summary.textContent()).toContain('Not saved. 4 things to correct before saving:');
    expect(await summary.textContent()).toContain('Transfer 1, country: must be an ISO 3166 code');
    // The keyboard is on the first field to correct.
    expect(await control.controller.evaluate((element) => element === document.activeElement)).toBe(true);
    await app.shoot('register-processor-record-problems');
    expect(await workbench.client.listProcessorRecords()).toEqual(stored);

    // Corrected, the record is created as typed: empty lines dropped, the country upper-cased.
    await control.controller.fill('Acme Retail');
    await control.contact.fill('dpo@acme.example, 1 High St');
    await control.categories.fill('Customer support by phone\n\nComplaint handling');
    await form.getByLabel('Transfer 1 country').fill('in');
    await form.getByLabel('Transfer 1 safeguard', { exact: true }).selectOption('sccs');
    await control.security.fill('Encrypted laptops');
    await form.getByRole('button', { name: 'Create record' }).click();
    await register.processorRecord('SmarTek21 for Acme Retail').waitFor();
    const created = (await workbench.client.listProcessorRecords()).find((record) => record.controllerName === 'Acme Retail');
    expect(created).toMatchObject({
      organisationId: processor.id,
      controllerContact: 'dpo@acme.example, 1 High St',
      processingCategories: ['Customer support by phone', 'Complaint handling'],
      transfers: [{ country: 'IN', mechanism: 'sccs', mechanismDate: null, note: null }],
      securityMeasures: 'Encrypted laptops',
      source: null,
    });
    expect((await workbench.client.listProcessorRecords()).length).toBe(stored.length + 1);

    // An edit starts from the record as stored; a refused one changes nothing, a saved one keeps the source the form does not show.
    const before = stored[0]!;
    expect(before.source).not.toBeNull();
    const card = register.processorRecord(`${before.organisationName} for ${before.controllerName}`);
    await card.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit processor record' });
    expect(await edit.getByLabel(/^Controller served/).inputValue()).toBe(before.controllerName);
    expect(await edit.getByLabel(/^Categories of processing/).inputValue()).toBe(before.processingCategories.join('\n'));
    await edit.getByLabel(/^Controller served/).fill(' ');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => problemBeside(edit.getByLabel(/^Controller served/))).toBe('controller name must not be empty');
    expect(await edit.getByRole('alert').textContent()).toBe('Not saved. Controller name: controller name must not be empty');
    expect((await workbench.client.listProcessorRecords()).find((record) => record.id === before.id)).toEqual(before);
    await edit.getByLabel(/^Controller served/).fill(before.controllerName);
    await edit.getByLabel(/^Controller's contact details/).fill('privacy@controller.example');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await card.getByText('privacy@controller.example').waitFor();
    expect((await workbench.client.listProcessorRecords()).find((record) => record.id === before.id)).toMatchObject({
      controllerName: before.controllerName,
      controllerContact: 'privacy@controller.example',
      processingCategories: before.processingCategories,
      transfers: before.transfers,
      source: before.source,
    });
  });

  test('records a controller\'s contact details, DPO and representative (Art. 30(1)(a))', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const app = await workbench.open();
    const { page, register } = app;
    await register.showTab('Organisations');
    const missing = register.organisation(/^Organisation /).filter({ has: page.getByRole('region', { name: 'What the law still requires' }) });
    await register.organisation(/^Organisation /).first().waitFor();
    await expect.poll(() => missing.count()).toBeGreaterThan(0);
    const before = await missing.count();
    const first = missing.first();
    const name = ((await first.getAttribute('aria-label')) ?? '').replace(/^Organisation /, '');
    await first.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: `Edit ${name}` });
    const stored = (await workbench.client.listOrganisations()).find((organisation) => organisation.name === name)!;

    // What the contract refuses is said beside each field before anything is sent, and nothing is saved.
    await form.getByLabel('Contact e-mail').fill('privacy at example.com');
    await form.getByLabel('Country (ISO code)').fill('France');
    await form.getByLabel('Name', { exact: true }).fill(' ');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => form.locator('.form-problems').textContent()).toContain('3 things to correct before saving');
    for (const [label, field, problem] of [
      [/^Contact e-mail/, 'contactEmail', 'must be an e-mail address such as dpo@example.com'],
      [/^Country \(ISO code\)/, 'country', 'must be an ISO 3166 code such as "US" or "US-TX"'],
      [/^Name/, 'name', 'name must not be empty'],
    ] as const) {
      // The problem beside its own control, which points to it.
      const control = form.getByRole('textbox', { name: label });
      expect(await control.getAttribute('aria-invalid'), field).toBe('true');
      expect(await control.getAttribute('aria-describedby'), field).toMatch(new RegExp(`-problem-${field}$`));
      expect(await form.locator(`[id$="-problem-${field}"]`).textContent(), field).toBe(problem);
    }
    expect(await form.locator('[aria-invalid="true"]').count()).toBe(3);
    // The first field at fault has the keyboard.
    expect(await form.getByRole('textbox', { name: /^Name/ }).evaluate((element) => element === document.activeElement)).toBe(true);
    await app.shoot('register-organisation-problems');
    expect((await workbench.client.listOrganisations()).find((organisation) => organisation.id === stored.id)).toEqual(stored);

    // Corrected, it is saved (the country written in upper case).
    await form.getByRole('textbox', { name: /^Name/ }).fill(name);
    await form.getByLabel('Country (ISO code)').fill('ie');
    await form.getByLabel('Contact e-mail').fill('privacy@example.com');
    await form.getByLabel(/^Representative in the EU/).fill('EU Representative Ltd, Dublin');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const card = register.organisation(name);
    await card.getByText('EU Representative Ltd, Dublin').waitFor();
    expect((await workbench.client.listOrganisations()).find((organisation) => organisation.id === stored.id)).toMatchObject({ name, country: 'IE', contactEmail: 'privacy@example.com' });
    expect(await card.getByRole('region', { name: 'What the law still requires' }).count()).toBe(0);
    await expect.poll(() => missing.count()).toBe(before - 1);
    await app.shoot('register-organisations');
  });

  test('shows each problem of a new term beside its field and adds nothing until corrected', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const countries = (await workbench.client.getVocabulary()).country;
    expect(countries.some((country) => country.code === 'XK')).toBe(false);
    const app = await workbench.open();
    const { page, register } = app;
    await register.showTab('Vocabularies');
    await register.showVocabulary(/Countries and territories/);
    const add = register.addTermForm;
    const control = { label: add.getByLabel('New term'), code: add.getByLabel('Country code'), citation: add.getByLabel('Source or citation') };
    await control.code.fill('K1');
    await control.citation.fill('UN Security Council resolution 1244');
    await add.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => problemBeside(control.label)).toBe('label must not be empty');
    expect(await problemBeside(control.code)).toBe('must be an ISO 3166 code such as "US" or "US-TX"');
    expect(await problemBeside(control.citation)).toBeNull();
    // Listed too, each named as the form names its field.
    expect(await add.locator('.form-problems li').allTextContents()).toEqual(['New term: label must not be empty', 'Country code: must be an ISO 3166 code such as "US" or "US-TX"']);
    await app.shoot('register-vocabulary-term-problems');
    expect((await workbench.client.getVocabulary()).country).toEqual(countries);

    // Corrected, the term is added as typed (its code upper-cased) and the form is emptied for the next.
    await control.label.fill('Kosovo');
    await control.code.fill('xk');
    await add.getByRole('button', { name: 'Add' }).click();
    await add.getByRole('status').getByText('Added “Kosovo”.').waitFor();
    expect((await workbench.client.getVocabulary()).country.find((country) => country.code === 'XK')).toMatchObject({
      label: 'Kosovo',
      citation: 'UN Security Council resolution 1244',
      custom: true,
    });
    for (const field of Object.values(control)) {
      expect(await field.inputValue()).toBe('');
      expect(await problemBeside(field)).toBeNull();
    }
    await page.getByRole('region', { name: /Countries and territories/ }).getByRole('row', { name: /Kosovo/ }).waitFor();
  });

  test('adds a term of its own to a vocabulary and uses it in a record', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { page, register } = app;
    await register.showTab('Vocabularies');
    await register.showVocabulary(/Categories of personal data/);
    const add = register.addTermForm;
    await add.getByLabel('New term').fill('Voiceprints');
    await add.getByLabel('Kind of data').selectOption('art9');
    await add.getByLabel('Source or citation').fill('GDPR Art. 4(14)');
    await add.getByRole('button', { name: 'Add' }).click();
    await add.getByRole('status').getByText('Added “Voiceprints”.').waitFor();
    const terms = page.getByRole('region', { name: 'Categories of personal data' });
    expect(await terms.getByRole('row', { name: /Voiceprints/ }).textContent()).toMatch(/Voiceprints\s*Art\. 9 data\s*x-voiceprints\s*GDPR Art\. 4\(14\)\s*Added/);
    await add.getByLabel('New term').fill('Identity');
    await add.getByRole('button', { name: 'Add' }).click();
    // The service's refusal is said beside the term it is about.
    await expect.poll(() => problemBeside(add.getByLabel('New term'))).toBe('"Identity" is already in this vocabulary (built in).');
    expect(await add.getByRole('status').count()).toBe(0);
    await register.showVocabulary(/Countries and territories/);
    expect(await page.getByRole('region', { name: /Countries and territories/ }).getByRole('row', { name: /Germany/ }).textContent()).toContain('DE');
    await app.shoot('register-vocabularies');

    await register.showActivities();
    await register.select('Recording of support telephone calls', { search: 'telephone' });
    const form = await register.edit();
    await form.getByLabel('Voiceprints').check();
    await form.getByLabel('Add a data-subject category').selectOption('Callers');
    expect(await form.getByLabel(/^Data subjects/).inputValue()).toMatch(/Callers$/);
    await form.getByLabel(/^Condition for special-category data/).waitFor();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await register.requires.getByText('special-category data is processed without an Art. 9(2) condition').waitFor();
    expect(await register.detail.textContent()).toContain('Voiceprints');
  });
});
