import type { Page } from 'playwright-core';

/** Processors and vendors: the list, a vendor's reach, contract and sub-processors, the starter library. */
export class VendorsPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Processors and vendors' });
  }

  get list() {
    return this.page.getByRole('listbox', { name: 'Processors' });
  }

  /** Chooses a vendor in the list and waits for it to be shown. */
  async select(name: string): Promise<void> {
    await this.list.getByRole('option', { name: new RegExp(name) }).click();
    await this.page.getByRole('heading', { name, exact: true }).waitFor();
  }

  get detail() {
    return this.page.locator('.detail-pane');
  }

  /** The activities the vendor shown serves. */
  get activitiesTable() {
    return this.page.getByRole('table');
  }

  get reach() {
    return this.page.getByRole('region', { name: 'Vendor reach' });
  }

  get contract() {
    return this.page.getByRole('region', { name: 'Contract and transfers' });
  }

  get subProcessors() {
    return this.page.getByRole('region', { name: 'Sub-processors' });
  }

  get activitiesServed() {
    return this.page.getByRole('region', { name: 'Activities served' });
  }

  /** Opens (or closes) the starter library. */
  async toggleLibrary(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add from library…' }).click();
  }

  get library() {
    return this.page.getByRole('region', { name: 'Vendor library' });
  }

  /** Opens the contract form of the vendor shown. */
  async editContract() {
    await this.detail.getByRole('button', { name: 'Edit' }).click();
    return this.page.getByRole('form', { name: 'Edit contract and transfers' });
  }

  async addSubProcessor(name: string, does: string): Promise<void> {
    await this.subProcessors.getByLabel('Sub-processor', { exact: true }).selectOption({ label: name });
    await this.subProcessors.getByLabel('What it does for this vendor').fill(does);
    await this.subProcessors.getByRole('button', { name: 'Add' }).click();
  }

  async startIncident(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start incident from this vendor' }).click();
  }
}
