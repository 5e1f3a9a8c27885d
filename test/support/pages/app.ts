import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotsDir } from '../screenshots';
import { BackupsPage } from './backups';
import { IncidentsPage, type BreachForm } from './incidents';
import { RecordingsPage, ReportsPage } from './sections';
import { RegisterPage } from './register';
import { VendorsPage } from './vendors';
import { WelcomePage } from './welcome';

/** The sidebar's sections in its order: Ctrl+1 … Ctrl+6 reach them. */
export const sections = ['Register', 'Vendors', 'Incidents', 'Recordings', 'Reports', 'Backups'] as const;
export type Section = (typeof sections)[number];

/** One page of the app: its screens as page objects, the sidebar and the top bar. */
export class App {
  readonly welcome: WelcomePage;
  readonly register: RegisterPage;
  readonly vendors: VendorsPage;
  readonly incidents: IncidentsPage;
  readonly recordings: RecordingsPage;
  readonly reports: ReportsPage;
  readonly backups: BackupsPage;

  constructor(readonly page: Page) {
    this.welcome = new WelcomePage(page);
    this.register = new RegisterPage(page);
    this.vendors = new VendorsPage(page);
    this.incidents = new IncidentsPage(page);
    this.recordings = new RecordingsPage(page);
    this.reports = new ReportsPage(page);
    this.backups = new BackupsPage(page);
  }

  /** Goes to a section with its keyboard shortcut (Ctrl+1 … Ctrl+6). */
  async press(section: Section): Promise<void> {
    await this.page.keyboard.press(`Control+${sections.indexOf(section) + 1}`);
  }

  /** From the register as the app opens, to the breach register's "Log a breach" form. */
  async startBreach(): Promise<BreachForm> {
    await this.register.heading.waitFor();
    await this.press('Incidents');
    await this.incidents.heading.waitFor();
    return this.incidents.logBreach();
  }

  /** Goes to a section by clicking it in the sidebar. */
  async click(section: Section): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${section}`) }).click();
  }

  /** The number of records the list on screen holds (it is virtualised: only the rows in view are in the page). */
  async listCount(): Promise<number> {
    return Number((await this.page.locator('.list-count').textContent())?.split(' ')[0]);
  }

  get workspaceName() {
    return this.page.locator('.workspace-name');
  }

  get backupIndicator() {
    return this.page.locator('.backup-indicator');
  }

  status(text: string | RegExp) {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  async closeWorkspace(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close workspace' }).click();
  }

  /** Reloads the page (it comes back to the screen its address names). */
  async reload(): Promise<void> {
    await this.page.reload();
  }

  /** Saves a screenshot under its name (test/support/screenshots.ts says where). */
  async shoot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(screenshotsDir, `${name}.png`) });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
