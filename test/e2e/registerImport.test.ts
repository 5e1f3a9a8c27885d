import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { repoRoot } from '../support/workspace';
import { importIcoRegister } from '../support/workspaceSetUp';

/** Importing and exporting the register, and changing what an import brought in, on a demo workspace of each test's own. */
describe('register import and export in Chromium', () => {
  test('imports the ICO template as filled in, through the mapping and review steps, after a preview that can be cancelled', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const app = await workbench.open();
    const { register } = app;
    await expect.poll(() => app.listCount()).toBe(24);
    const before = await app.listCount();
    // The ICO controller template as a DPO keeps it: title rows, a notes row, free text, Windows-1252, one malformed row.
    const file = join(workbench.scratch, 'ico-register.csv');
    writeFileSync(file, readFileSync(join(repoRoot, 'test/fixtures/register/ico-controller-cp1252.csv')));
    await register.chooseImportFile(file);
    const preview = register.importPreview;
    await preview.waitFor();
    const note = preview.locator('p.note').first();
    expect(await note.textContent()).toContain('Read as Windows-1252 (not valid UTF-8). Headings on row 5.');
    expect(await note.textContent()).toContain('row 6 (notes row)');
    // The file names no controller and the workspace has five: the user chooses one.
    await preview.getByLabel('The file names no controller: import its records for').selectOption({ label: 'Smartt' });
    await preview.getByText('4 new, 0 updated, 0 unchanged, 1 rejected').waitFor();
    const rejected = preview.getByRole('table', { name: /Rejected rows/ });
    expect(await rejected.textContent()).toContain('has 18 cells but the heading row has 16');

    // Step 1: the columns, matched by the ICO's headings; the one the workbench does not keep can be mapped by hand.
    const columns = preview.getByRole('table', { name: /Columns: the file’s headings/ });
    expect(await columns.getByLabel('Register column for “Purpose of processing”').inputValue()).toBe('purposes');
    expect(await columns.getByLabel('Register column for “Link to contract with processor”').inputValue()).toBe('');
    // Step 2: every distinct value once, with its proposal; unmatched ones are kept as text unless the user decides.
    const values = preview.getByRole('table', { name: /^Values: / });
    expect(await values.getByRole('row', { name: /“Completed”/ }).textContent()).toContain('synonym');
    const narnia = values.getByLabel('Import “Narnia” (Country) as');
    expect(await narnia.inputValue()).toBe('text');
    await columns.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await app.shoot('register-import-mapping');
    await preview.getByRole('button', { name: 'Cancel' }).click();
    expect(await app.listCount()).toBe(before);

    await register.chooseImportFile(file);
    await preview.getByLabel('The file names no controller: import its records for').selectOption({ label: 'Smartt' });
    await preview.getByText('4 new, 0 updated, 0 unchanged, 1 rejected').waitFor();
    await values.getByLabel('Import “Narnia” (Country) as').selectOption({ label: 'Norway' });
    await values.getByLabel('Import “Bank stuff” (Personal data) as').selectOption('new-term');
    // Each choice is previewed again by the service: a service just started can take longer than the 1 s expect.poll waits by default.
    await expect.poll(() => values.locator('caption').textContent(), { timeout: 10_000 }).toMatch(/, 0 kept as text and flagged/);
    await preview.getByLabel('Remember these choices for files laid out like this one, as').fill('ICO controller template');
    await values.scrollIntoViewIfNeeded();
    await values.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await app.shoot('register-import-review');
    await preview.getByRole('button', { name: 'Import 4 records' }).click();
    await register.importResult.getByText('Imported 4, updated 0, unchanged 0, rejected 1.').waitFor();
    await expect.poll(() => app.listCount()).toBe(before + 4);

    // The same file again: the saved choices apply by themselves; nothing new, nothing to import.
    await register.chooseImportFile(file);
    await preview.getByText('Your saved choices “ICO controller template” are applied.', { exact: false }).waitFor();
    await preview.getByLabel('The file names no controller: import its records for').selectOption({ label: 'Smartt' });
    await preview.getByText('0 new, 0 updated, 4 unchanged, 1 rejected').waitFor();
    expect(await preview.getByRole('button', { name: 'Import 0 records' }).isDisabled()).toBe(true);
    await preview.getByRole('button', { name: 'Cancel' }).click();

  });

  test('shows how far the read of a large workbook has got, and cancels it', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const app = await workbench.open();
    const { register } = app;
    const preview = register.importPreview;
    await register.list.waitFor();
    // A large workbook shows how far its read has got, and can be cancelled.
    const rows: string[][] = [['Processing activity', 'Purpose of processing']];
    for (let index = 0; index < 200_000; index += 1) rows.push([`Activity ${index}`, `Purpose ${index % 50}`]);
    const large = join(workbench.scratch, 'large-register.xlsx');
    writeFileSync(large, await writeXlsxFile(rows).toBuffer());
    await register.chooseImportFile(large);
    const reading = register.readingProgress;
    await reading.waitFor();
    expect(await reading.textContent()).toMatch(/^Reading large-register\.xlsx: /);
    await app.shoot('register-import-reading');
    await reading.getByRole('button', { name: 'Cancel' }).click();
    await reading.waitFor({ state: 'detached' });
    expect(await preview.count()).toBe(0);
  });

  test('exports the register as CSV and XLSX, and the workbook imported back changes nothing', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await importIcoRegister(workbench);
    const app = await workbench.open();
    const { page, register } = app;
    const preview = register.importPreview;
    await register.list.waitFor();
    const download = page.waitForEvent('download');
    await register.exportButton('CSV').click();
    const exported = await download;
    expect(exported.suggestedFilename()).toMatch(/^register-\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = join(workbench.scratch, 'exported.csv');
    await exported.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    expect(text).toContain('Customer service – Café loyalty calls – Zoë’s scheme');
    expect(text.split('\n')[0]).toContain('Purpose of processing');

    const workbookDownload = page.waitForEvent('download');
    await register.exportButton('XLSX').click();
    const workbook = await workbookDownload;
    expect(workbook.suggestedFilename()).toMatch(/^register-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const savedWorkbook = join(workbench.scratch, 'exported.xlsx');
    await workbook.saveAs(savedWorkbook);
    const sheet = await readSheet(readFileSync(savedWorkbook));
    expect(sheet[0]).toContain('Purpose of processing');
    expect(sheet.some((row: unknown[]) => row.includes('Finance – Paying suppliers and staff expenses'))).toBe(true);
    // Imported back through the page: the workbook changes nothing.
    await register.chooseImportFile(savedWorkbook);
    await preview.getByText(/0 new, 0 updated, \d+ unchanged, 0 rejected/).waitFor();
    await preview.getByRole('button', { name: 'Cancel' }).click();
  });

  test('links a processor named among the recipients, keeps the gap filter through a save, and changes many records at once', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await importIcoRegister(workbench);
    const app = await workbench.open();
    const { page, register } = app;
    const gapFilter = register.gapFilter;
    await gapFilter.selectOption('processor-not-linked');
    const list = register.list;
    await list.getByRole('option', { name: /Finance – Paying suppliers/ }).click();
    const record = register.record('Finance – Paying suppliers and staff expenses');
    await record.getByRole('button', { name: 'Link “Xero” as a vendor' }).click();
    await expect.poll(() => record.getByRole('button', { name: 'Link “Xero” as a vendor' }).count()).toBe(0);
    expect(await record.textContent()).toMatch(/Processors and vendors.*Xero/s);
    await page.getByRole('status').getByText('Saved. The record no longer matches these filters', { exact: false }).waitFor();
    // Saving a record keeps the filter and the search the DPO was working through.
    await list.getByRole('option', { name: /Marketing – Newsletter/ }).click();
    await register.record('Marketing – Newsletter to customers and prospects').getByRole('button', { name: 'Edit' }).click();
    await register.editForm.getByRole('button', { name: 'Save changes' }).click();
    await register.record('Marketing – Newsletter to customers and prospects').waitFor();
    expect(await gapFilter.inputValue()).toBe('processor-not-linked');
    await gapFilter.selectOption('');

    // Many records at once: the ones the search shows, one field set on each.
    await register.search.fill('Smartt');
    await page.getByRole('button', { name: /^Change the \d+ records shown…$/ }).click();
    const bulk = register.bulkEditDialog;
    const apply = bulk.getByRole('button', { name: /^Apply to \d+ records$/ });
    const unchanged = await workbench.client.listActivities({});
    // A value wrong for its field is said beside it (the field's own schema, as the service checks it), and nothing changes.
    await bulk.getByRole('combobox', { name: /^Field to set/ }).selectOption('businessFunction');
    const newValue = bulk.getByRole('textbox', { name: 'New value' });
    await newValue.fill('x'.repeat(201));
    await apply.click();
    await expect.poll(() => bulk.locator('[id$="-problem-value"]').textContent()).toBe('must be at most 200 characters');
    expect(await newValue.getAttribute('aria-invalid')).toBe('true');
    expect(await newValue.getAttribute('aria-describedby')).toMatch(/-problem-value$/);
    expect(await bulk.getByRole('status').count()).toBe(0);
    await app.shoot('register-bulk-edit-problem');
    // Another field starts afresh; a status left unchosen is refused beside the value, naming the statuses.
    await bulk.getByRole('combobox', { name: /^Field to set/ }).selectOption('status');
    expect(await bulk.locator('[id$="-problem-value"]').count()).toBe(0);
    await apply.click();
    await expect.poll(() => bulk.locator('[id$="-problem-value"]').textContent()).toBe('choose one of: Active, Draft, Retired');
    expect(await bulk.getByRole('combobox', { name: /^New value/ }).getAttribute('aria-invalid')).toBe('true');
    // A vendor link without a vendor or a purpose: each problem beside its own field.
    await bulk.getByRole('radio', { name: 'Link a vendor' }).check();
    await apply.click();
    await expect.poll(() => bulk.locator('[id$="-problem-processorId"]').textContent()).toBe('choose the vendor');
    expect(await bulk.locator('[id$="-problem-purpose"]').textContent()).toBe('purpose must not be empty');
    expect(await bulk.getByRole('combobox', { name: /^Vendor/ }).getAttribute('aria-invalid')).toBe('true');
    expect(await bulk.getByRole('textbox', { name: /^What it does for these activities/ }).getAttribute('aria-invalid')).toBe('true');
    expect(await bulk.locator('.form-problems').textContent()).toContain('2 things to correct');
    expect(await workbench.client.listActivities({})).toEqual(unchanged);
    await bulk.getByRole('radio', { name: 'Set a field' }).check();

    await bulk.getByRole('combobox', { name: /^Field to set/ }).selectOption('dataLocation');
    await bulk.getByRole('textbox', { name: 'New value' }).fill('EU data centre (Frankfurt)');
    await app.shoot('register-bulk-edit');
    await apply.click();
    await bulk.getByRole('status').getByText(/^Location of personal data set on \d+ records\.$/).waitFor();
    await bulk.getByRole('button', { name: 'Close' }).click();
    await list.getByRole('option', { name: /Payroll – monthly/ }).click();
    expect(await register.record('HR – Payroll – monthly salaries').textContent()).toContain('EU data centre (Frankfurt)');
  });
});
