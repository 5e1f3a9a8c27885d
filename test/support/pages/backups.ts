import type { Page } from 'playwright-core';

/** The Backups screen: the list, backing up, the restore preview and the passphrase. */
export class BackupsPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Backups', exact: true });
  }

  get table() {
    return this.page.getByRole('table', { name: 'Backups' });
  }

  async backUpNow(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back up now' }).click();
  }

  /** Opens the restore preview of the backup whose row holds this text. */
  async previewRestore(row: string): Promise<void> {
    await this.table.getByRole('row').filter({ hasText: row }).getByRole('button', { name: /Preview restore/ }).click();
  }

  get restorePreview() {
    return this.page.getByRole('table', { name: 'What the restore changes' });
  }

  async askToRestore(): Promise<void> {
    await this.page.getByRole('button', { name: 'Restore this backup…' }).click();
  }

  get restoreConfirmation() {
    return this.page.getByRole('alertdialog', { name: 'Replace the workspace with this backup?' });
  }

  get passphraseForm() {
    return this.page.getByRole('form', { name: 'Change the passphrase' });
  }

  /** Opens the change-of-passphrase form, fills it and submits it. */
  async changePassphrase(present: string, next: string): Promise<void> {
    const form = this.passphraseForm;
    await this.page.getByRole('button', { name: 'Change passphrase…' }).click();
    await form.getByLabel('Present passphrase').fill(present);
    await form.getByLabel('New passphrase', { exact: true }).fill(next);
    await form.getByLabel('The new passphrase again').fill(next);
    await form.getByRole('button', { name: 'Change passphrase' }).click();
  }
}
