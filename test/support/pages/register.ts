import type { Locator, Page } from 'playwright-core';

/** The register of processing activities (Art. 30): list, record, forms, tabs, import and export. */
export class RegisterPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Register of processing activities' });
  }

  get list() {
    return this.page.getByRole('listbox', { name: 'Processing activities' });
  }

  get search() {
    return this.page.getByRole('searchbox', { name: 'Search activities' });
  }

  option(name: RegExp) {
    return this.list.getByRole('option', { name });
  }

  /** Chooses a record in the list (searching for it first when told) and waits for it to be shown. */
  async select(name: string, { option = new RegExp(escape(name)), search }: { option?: RegExp; search?: string } = {}): Promise<void> {
    if (search !== undefined) await this.search.fill(search);
    await this.option(option).click();
    await this.recordHeading(name).waitFor();
  }

  recordHeading(name: string) {
    return this.page.getByRole('heading', { name });
  }

  /** The record shown, as an article named after it. */
  record(name: string) {
    return this.page.getByRole('article', { name });
  }

  get detail() {
    return this.page.locator('.detail-pane');
  }

  /** The gaps of the record shown. */
  get requires() {
    return this.page.getByRole('region', { name: 'What the law still requires' });
  }

  get history() {
    return this.page.getByRole('region', { name: 'Change history' });
  }

  get completeness() {
    return this.page.getByRole('meter', { name: 'Register completeness' });
  }

  get gapFilter() {
    return this.page.getByLabel('Filter by gap');
  }

  get filters() {
    return this.page.getByRole('group', { name: 'Filters' });
  }

  async showTab(name: RegExp | 'Organisations' | 'Vocabularies'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async showActivities(): Promise<void> {
    await this.showTab(/Controller activities/);
  }

  /** The Art. 30(2) records (tab "Processor records"). */
  processorRecord(name: string | RegExp) {
    return this.page.getByRole('article', { name: typeof name === 'string' ? `Processor record of ${name}` : name });
  }

  get processorRecords() {
    return this.processorRecord(/Processor record of/);
  }

  organisation(name: string | RegExp) {
    return this.page.getByRole('article', { name: typeof name === 'string' ? `Organisation ${name}` : name });
  }

  async startNewActivity(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New activity' }).click();
    return this.newActivityForm;
  }

  get newActivityButton() {
    return this.page.getByRole('button', { name: 'New activity' });
  }

  get newActivityForm() {
    return this.page.getByRole('form', { name: 'New processing activity' });
  }

  /** Opens the record shown for editing. */
  async edit(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Edit' }).click();
    return this.editForm;
  }

  get editForm() {
    return this.page.getByRole('form', { name: 'Edit processing activity' });
  }

  async linkProcessor({ processor, does, role }: { processor: string; does: string; role: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Link a processor…' }).click();
    const link = this.page.getByRole('form', { name: 'Link a processor' });
    await link.getByLabel('Processor', { exact: true }).selectOption({ label: processor });
    await link.getByLabel('What the processor does').fill(does);
    await link.getByLabel('Role').selectOption(role);
    await link.getByRole('button', { name: 'Link' }).click();
  }

  get vocabularies() {
    return this.page.getByRole('navigation', { name: 'Vocabularies' });
  }

  async showVocabulary(name: RegExp): Promise<void> {
    await this.vocabularies.getByRole('button', { name }).click();
  }

  get addTermForm() {
    return this.page.getByRole('form', { name: 'Add a term' });
  }

  /** Chooses a register file to import: its preview (or the progress of its read) comes next. */
  async chooseImportFile(path: string): Promise<void> {
    await this.page.getByLabel('Register file to import').setInputFiles(path);
  }

  get importPreview() {
    return this.page.getByRole('dialog', { name: 'Import preview' });
  }

  /** Imports a file whose preview needs no choice, all its records. */
  async importAll(path: string, records: number): Promise<void> {
    await this.chooseImportFile(path);
    await this.importPreview.getByRole('button', { name: records === 1 ? 'Import 1 record' : `Import ${records} records` }).click();
  }

  get readingProgress() {
    return this.page.getByRole('status', { name: 'Reading the file' });
  }

  get importResult() {
    return this.page.getByRole('status', { name: 'Import result' });
  }

  exportButton(format: 'CSV' | 'XLSX') {
    return this.page.getByRole('button', { name: `Export ${format}` });
  }

  get bulkEditDialog() {
    return this.page.getByRole('dialog', { name: 'Change many records' });
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
