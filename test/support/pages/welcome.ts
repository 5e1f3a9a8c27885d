import type { Page } from 'playwright-core';

/** The welcome screen (no workspace open), the passphrase dialogs and the first-use name prompt. */
export class WelcomePage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Privacy Workbench' });
  }

  get demoButton() {
    return this.page.getByRole('button', { name: 'Open demo workspace' });
  }

  get workspaceFileHeading() {
    return this.page.getByRole('heading', { name: 'Workspace file' });
  }

  get recentHeading() {
    return this.page.getByRole('heading', { name: 'Recent workspaces' });
  }

  /** A workspace in the recent list, by (part of) its name. */
  recent(name: RegExp) {
    return this.page.getByRole('button', { name });
  }

  get path() {
    return this.page.getByLabel('Path');
  }

  /** The name asked once, on first use: the change log records it with the computer account. */
  get profilePrompt() {
    return this.page.getByRole('form', { name: 'Your name for the change log' });
  }

  async saveProfileName(name: string): Promise<void> {
    await this.profilePrompt.getByRole('textbox').fill(name);
    await this.profilePrompt.getByRole('button', { name: 'Save my name' }).click();
  }

  alert(text: string) {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  async open(path: string): Promise<void> {
    await this.path.fill(path);
    await this.page.getByRole('button', { name: 'Open', exact: true }).click();
  }

  /** Asks to create a workspace at the path: the passphrase dialog comes next. */
  async createNew(path: string): Promise<void> {
    await this.path.fill(path);
    await this.page.getByRole('button', { name: 'Create new' }).click();
  }

  get newWorkspaceDialog() {
    return this.page.getByRole('dialog', { name: 'Protect the new workspace' });
  }

  /** Types the passphrase and its repetition in the new-workspace dialog, and confirms. */
  async protectWith(passphrase: string, again = passphrase, { confirm = true } = {}): Promise<void> {
    const dialog = this.newWorkspaceDialog;
    await dialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('The same passphrase again').fill(again);
    if (confirm) await dialog.getByRole('button', { name: 'Create workspace' }).click();
  }

  get unlockDialog() {
    return this.page.getByRole('dialog', { name: 'This workspace is encrypted' });
  }

  /** Types a passphrase in the dialog an encrypted workspace opens with, and opens it unless told not to. */
  async unlockWith(passphrase: string, { confirm = true } = {}): Promise<void> {
    await this.unlockDialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    if (confirm) await this.unlockDialog.getByRole('button', { name: 'Open' }).click();
  }
}
