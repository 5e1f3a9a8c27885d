import type { Locator, Page } from 'playwright-core';
import { localInputValue } from '../../../core/incidents/calendar';

/** The breach register: the list, the breach form, an incident's clocks, filings, advice and settings. */
export class IncidentsPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Breach register' });
  }

  get list() {
    return this.page.getByRole('listbox', { name: 'Incidents' });
  }

  option(name: RegExp) {
    return this.list.getByRole('option', { name });
  }

  /** Opens the empty breach form. */
  async logBreach(): Promise<BreachForm> {
    await this.page.getByRole('button', { name: 'Log a breach' }).click();
    return this.breachForm;
  }

  /** The breach form, however it was opened (also from a vendor). */
  get breachForm(): BreachForm {
    return new BreachForm(this.page.getByRole('form', { name: 'New breach' }));
  }

  /** Opens the facts of the incident shown for editing. */
  async editFacts(): Promise<BreachForm> {
    await this.page.getByRole('button', { name: 'Edit facts' }).click();
    return new BreachForm(this.page.getByRole('form', { name: 'Edit incident' }));
  }

  get clocks() {
    return this.page.getByRole('region', { name: 'Legal clocks' });
  }

  /** A recipient's row among the legal clocks ("Lead supervisory authority", "Data subjects"). */
  clock(recipient: string) {
    return this.clocks.getByRole('row', { name: new RegExp(recipient) });
  }

  /** Opens the filing form of a recipient's clock. */
  async file(recipient: string): Promise<Locator> {
    await this.clock(recipient).getByRole('button', { name: `File for ${recipient}` }).click();
    return this.filingForm(recipient);
  }

  filingForm(recipient: string) {
    return this.page.getByRole('form', { name: `Filing for ${recipient}` });
  }

  get timelineFigure() {
    return this.page.getByRole('figure', { name: 'Timeline of events and deadlines' });
  }

  get timeline() {
    return this.page.getByRole('region', { name: 'Incident timeline' });
  }

  get advice() {
    return this.page.getByRole('region', { name: 'Risk and decision' });
  }

  async openNotifications(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Notifications…' }).click();
    return this.notifications;
  }

  get notifications() {
    return this.page.getByRole('region', { name: 'Notification settings' });
  }

  async openRules(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Rules…' }).click();
    return this.page.getByRole('region', { name: 'Deadline rules' });
  }
}

/** The breach form (new, or the facts of an incident being edited). */
export class BreachForm {
  constructor(readonly form: Locator) {}

  field(label: string | RegExp) {
    return typeof label === 'string' ? this.form.getByLabel(label, { exact: true }) : this.form.getByLabel(label);
  }

  /** Sets the incident's time zone (the field "Time zone of the incident"). */
  async inZone(zone: string): Promise<void> {
    await this.form.getByLabel(/^Time zone of the incident/).fill(zone);
  }

  /** Awareness and detection at the same instant, typed as the form's wall-clock time in `zone`. */
  async awareAt(at: Date, zone: string): Promise<string> {
    const typed = localInputValue(at, zone);
    await this.field('Awareness').fill(typed);
    await this.field('Detection').fill(typed);
    return typed;
  }

  async affects(residence: string, people: string): Promise<void> {
    await this.form.getByRole('button', { name: 'Add a place of residence' }).click();
    await this.form.getByLabel('Residence 1', { exact: true }).fill(residence);
    await this.form.getByLabel('People in residence 1').fill(people);
  }

  get peopleAffected() {
    return this.form.getByLabel('People affected (approx.)');
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Log the breach' }).click();
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Save changes' }).click();
  }

  async cancel(): Promise<void> {
    await this.form.getByRole('button', { name: 'Cancel' }).click();
  }

  alert(text: string | RegExp) {
    return this.form.getByRole('alert').getByText(text);
  }

  /** The picker of activities or vendors involved ("Processing activities involved"). */
  picker(name: string) {
    return this.form.getByRole('group', { name });
  }

  chosen(name: string) {
    return this.form.getByRole('list', { name: `${name} chosen` });
  }
}
