import { describe } from 'vitest';
import { localInputValue } from '../../core/incidents/calendar';
import { expect, test } from '../support/app';
import { problemBeside } from '../support/forms';
import { logSupportMailboxBreach } from '../support/workspaceSetUp';

/** The breach register in Chromium, each test on a demo workspace of its own. */
describe('incidents in Chromium', () => {
  test('logs a breach, watches its clocks run out, files in two phases and keeps the lateness frozen', async ({ start }) => {
    // A page with a controllable clock, so the countdown can be moved on.
    const begin = new Date();
    const app = await (await start({ workspace: 'demo' })).open({ clock: begin });
    const { incidents } = app;
    const breach = await app.startBreach();
    const { form } = breach;
    await form.getByLabel('Title').fill('Support mailbox exposed');
    await breach.inZone('Europe/Berlin');
    // Aware 70 hours ago: two hours left on the GDPR clock.
    const aware = await breach.awareAt(new Date(begin.getTime() - 70 * 3_600_000), 'Europe/Berlin');
    // Detection pre-fills discovery and determination (US state clocks count from them), visibly and editable.
    await form.getByRole('note').filter({ hasText: 'Discovery and determination take the detection time' }).waitFor();
    expect(await breach.field('Discovery').inputValue()).toBe(aware);
    expect(await breach.field('Determination that a breach occurred').inputValue()).toBe(aware);
    await form.getByLabel('Confidentiality').check();
    await form.getByLabel('Contact details').check();
    await breach.affects('DE', '800');
    await form.getByLabel(/^Nature of the breach/).fill('A shared support mailbox was readable by anyone with the link');
    // Text in a number field is refused, naming it, and nothing is stored.
    await breach.peopleAffected.fill('about 300');
    await breach.submit();
    await breach.alert('Not saved. People affected: "about 300" is not a whole number').waitFor();
    await breach.peopleAffected.fill('1,200');
    await breach.submit();

    const gdpr = incidents.clock('Lead supervisory authority');
    await gdpr.getByText('Due soon', { exact: true }).waitFor();
    const countdown = gdpr.getByLabel('Time left for Lead supervisory authority');
    const seconds = (text: string | null) => {
      const [h, m, s] = /(\d{2}):(\d{2}):(\d{2})/.exec(text ?? '')!.slice(1).map(Number) as [number, number, number];
      return h * 3600 + m * 60 + s;
    };
    const before = seconds(await countdown.textContent());
    expect(before).toBeGreaterThan(7000);
    expect(before).toBeLessThanOrEqual(7200);
    await app.page.clock.fastForward('00:10:00');
    await expect.poll(async () => before - seconds(await countdown.textContent())).toBeGreaterThanOrEqual(600);
    await app.page.clock.fastForward('02:00:00');
    await gdpr.getByText('Overdue', { exact: true }).waitFor();
    expect(await countdown.textContent()).toMatch(/^overdue by/);
    await incidents.timelineFigure.waitFor();
    await app.shoot('incident-clocks');

    // Awareness was in fact 73 hours ago: the deadline passed an hour ago, in real time too.
    const facts = await incidents.editFacts();
    await facts.awareAt(new Date(begin.getTime() - 73 * 3_600_000), 'Europe/Berlin');
    await facts.save();
    await incidents.clocks.waitFor();

    // First phase, after the deadline: the reasons for the delay are required (Art. 33(1)).
    const filing = await incidents.file('Lead supervisory authority');
    await filing.getByLabel('Channel').fill('Authority portal');
    await filing.getByLabel('Reference').fill('LfDI-2026-117');
    await filing.getByLabel(/^Filed at/).fill(localInputValue(new Date(begin.getTime() + 60_000), 'Europe/Berlin'));
    await filing.getByRole('button', { name: 'Record the filing' }).click();
    await filing.getByText(/requires the reasons for the delay/).waitFor();
    await filing.getByLabel(/^Reasons for the delay/).fill('The mailbox owner was unreachable over the weekend');
    await filing.getByRole('button', { name: 'Record the filing' }).click();
    await gdpr.getByText('Filed late', { exact: true }).waitFor();

    // Second phase.
    await incidents.file('Lead supervisory authority');
    expect(await filing.getByLabel('Phase').inputValue()).toBe('additional');
    await filing.getByLabel(/^Filed at/).fill(localInputValue(new Date(begin.getTime() + 2 * 60_000), 'Europe/Berlin'));
    await filing.getByLabel('Summary').fill('Final count of people affected');
    await filing.getByRole('button', { name: 'Record the filing' }).click();
    await gdpr.getByText('2 filings').waitFor();

    // Awareness corrected to a day later moves the deadline past the first filing; the lateness stays.
    const edit = await incidents.editFacts();
    await edit.awareAt(new Date(begin.getTime() - 46 * 3_600_000), 'Europe/Berlin');
    await edit.save();
    await incidents.clocks.waitFor();
    expect(await gdpr.textContent()).toContain('Filed late');
    expect(await incidents.timeline.textContent()).toMatch(/Filing by .*after the deadline/);
    await app.shoot('incident-filed');
  });

  test('sets when to be warned before a deadline, and lists the alerts shown', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    // Two hours left on its GDPR clock: the page takes its alerts on opening.
    await logSupportMailboxBreach(workbench);
    const app = await workbench.open();
    const { incidents, register } = app;
    await register.heading.waitFor();
    await app.press('Incidents');
    const panel = await incidents.openNotifications();
    for (const label of ['24 h before', '6 h before', '1 h before', 'At the deadline']) expect(await panel.getByLabel(label).isChecked(), label).toBe(true);
    await panel.getByLabel('1 h before').uncheck();
    await panel.getByLabel('48 h before').check();
    await panel.getByLabel(/^Another time/).fill('36');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('status').getByText('Saved.').waitFor();
    // The breach has been warned about once (by whichever page took the alert).
    await expect.poll(async () => (await panel.locator('.alert-list').textContent()) ?? '', { timeout: 70_000 }).toMatch(/Lead supervisory authority (is due in|was due)/);
    await app.shoot('incident-notifications');
    // A reload comes back to the screen it was on (its address).
    await app.reload();
    await incidents.heading.waitFor();
    await incidents.openNotifications();
    expect(await panel.getByLabel('36 h before').isChecked()).toBe(true);
    expect(await panel.getByLabel('1 h before').isChecked()).toBe(false);
    await panel.getByRole('button', { name: 'Close' }).click();

    // The rules, with their sources and "verify" flags; the workspace overrides one, with a reason.
    const rules = await incidents.openRules();
    expect(await rules.getByRole('row', { name: 'in-dpb' }).textContent()).toContain('Verify');
    // India's rule 7 commences on 13 May 2027: shown as not yet in force, with its dated version.
    expect(await rules.getByRole('row', { name: 'in-dpb' }).textContent()).toMatch(/Not yet in force.*from 2027-05-13 \(dates to verify\): 72 hours/);
    expect(await rules.getByRole('row', { name: 'sec-8k' }).textContent()).toMatch(/4 business days \(US federal holidays and SEC closures\)/);
    await rules.getByRole('button', { name: 'Override us-tx-ag' }).click();
    const override = rules.getByRole('form', { name: 'Override us-tx-ag' });
    await override.getByLabel('Amount').fill('20');
    await override.getByLabel('Reason').fill('Company policy: earlier than the statute');
    await override.getByRole('button', { name: 'Save' }).click();
    await rules.getByRole('row', { name: 'us-tx-ag' }).getByText(/Overridden/).waitFor();
    expect(await rules.getByRole('row', { name: 'us-tx-ag' }).textContent()).toMatch(/20 calendar days.*Company policy: earlier than the statute \(built in: 30 calendar days\)/);
    await app.shoot('incident-rules');
    await rules.getByRole('button', { name: 'Close' }).click();
  });

  test('refuses an override of a deadline rule beside its field, stores nothing until corrected, and goes back to the built-in rule', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    const rulesBefore = await workbench.client.listDeadlineRules();
    const ruleOf = async () => (await workbench.client.listDeadlineRules()).find((entry) => entry.rule.id === 'us-tx-ag')!;
    expect((await ruleOf()).override).toBeNull();
    const app = await workbench.open();
    const { incidents, register } = app;
    await register.heading.waitFor();
    await app.press('Incidents');
    await incidents.heading.waitFor();
    const rules = await incidents.openRules();
    await rules.getByRole('button', { name: 'Override us-tx-ag' }).click();
    const form = rules.getByRole('form', { name: 'Override us-tx-ag' });
    const control = { unit: form.getByLabel('Unit'), amount: form.getByLabel('Amount'), reason: form.getByLabel('Reason') };
    expect(await control.amount.inputValue()).toBe('30');
    await control.amount.fill('twenty');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => problemBeside(control.amount)).toBe('must be a whole number');
    expect(await problemBeside(control.reason)).toBe('say why the rule is overridden');
    expect(await problemBeside(control.unit)).toBeNull();
    expect(await form.locator('.form-problems li').allTextContents()).toEqual(['Amount: must be a whole number', 'Reason: say why the rule is overridden']);
    await form.scrollIntoViewIfNeeded();
    await app.shoot('incident-rule-override-problems');
    expect(await workbench.client.listDeadlineRules()).toEqual(rulesBefore);

    // The unit decides what the amount may be, and what the form asks for.
    await control.unit.selectOption('months');
    await control.amount.fill('30');
    await control.reason.fill('Company policy: a month at most');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => problemBeside(control.amount)).toBe('must be at most 24 months');
    expect(await problemBeside(control.reason)).toBeNull();
    await control.unit.selectOption('none');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => problemBeside(form.getByLabel('Standard'))).toBe('describe the standard, e.g. without undue delay');
    expect(await workbench.client.listDeadlineRules()).toEqual(rulesBefore);

    await control.unit.selectOption('business-days');
    await control.amount.fill('10');
    await form.getByRole('button', { name: 'Save' }).click();
    await rules.getByRole('row', { name: 'us-tx-ag' }).getByText(/Overridden/).waitFor();
    expect((await ruleOf()).override).toMatchObject({ period: { unit: 'business-days', amount: 10, calendar: 'us-federal' }, reason: 'Company policy: a month at most', setBy: expect.stringMatching(/^Anna Martin/) });

    await rules.getByRole('button', { name: 'Override us-tx-ag' }).click();
    await form.getByRole('button', { name: 'Back to built-in' }).click();
    await expect.poll(async () => (await ruleOf()).override).toBeNull();
    await expect.poll(() => rules.getByRole('row', { name: 'us-tx-ag' }).getByText(/Overridden/).count()).toBe(0);
  });

  test('starts an incident from a vendor, pre-filled with what the vendor touches', async ({ start }) => {
    const workbench = await start({ workspace: 'demo' });
    await logSupportMailboxBreach(workbench);
    const app = await workbench.open();
    const { incidents, register, vendors } = app;
    await app.click('Vendors');
    await vendors.list.getByRole('option', { name: /Square/ }).click();
    await vendors.startIncident();
    const breach = incidents.breachForm;
    expect(await breach.form.getByLabel('Title').inputValue()).toBe('Incident at Square');
    // The vendor and the activities it serves are chosen, shown as chips above each picker.
    await expect.poll(() => breach.chosen('Vendors involved').textContent()).toContain('Square');
    await expect.poll(() => breach.chosen('Processing activities involved').textContent()).toContain('Mentee card payments and billing');
    expect(await breach.form.getByLabel('Economic and financial').isChecked()).toBe(true);
    await breach.cancel();
    await incidents.option(/Support mailbox exposed/).waitFor();
    await app.shoot('incidents');
    await app.press('Register');
    await register.heading.waitFor();
  });

  test('advises on notifying from the risk facts, says why, keeps ENISA beside it, and the Art. 34 clock follows', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open();
    const { incidents } = app;
    const breach = await app.startBreach();
    const { form } = breach;
    // EDPB 01/2021 case 11: an unencrypted notebook with 100 000 customers' names, addresses and dates of birth, stolen.
    await form.getByLabel('Title').fill('Notebook stolen from a field engineer');
    await breach.inZone('Europe/Paris');
    await breach.awareAt(new Date(Date.now() - 3 * 3_600_000), 'Europe/Paris');
    await form.getByLabel('Confidentiality').check();
    await form.getByLabel('Identity', { exact: true }).check();
    await form.getByLabel('Contact details').check();
    await breach.peopleAffected.fill('100000');
    await breach.affects('FR', '100000');
    await form.getByText('Risk facts (for the advice on notifying)').click();
    await form.getByLabel('Data taken?').selectOption('confirmed');
    await form.getByLabel('Who may have it').selectOption('malicious');
    await form.getByRole('checkbox', { name: /Enough to impersonate/ }).check();
    await form.getByLabel('Malicious intent').check();
    // "Restored" without the hours is refused, naming the field.
    await form.getByLabel('Data available (or put right) again?').selectOption('restored');
    await breach.submit();
    await breach.alert(/Restored within \(hours\): give the number of hours/).waitFor();
    await form.getByLabel('Data available (or put right) again?').selectOption('');
    await breach.submit();

    const advice = incidents.advice;
    await advice.getByText('Advice: Notify the authority and the people affected').waitFor();
    expect(await advice.getByRole('list', { name: 'Why' }).textContent()).toMatch(/a malicious party has or may have it, weighing: enough to impersonate people; 100,000 people affected/);
    expect(await advice.locator('summary').textContent()).toMatch(/^ENISA severity 3 \(high\), one input$/);
    const people = incidents.clock('Data subjects');
    await people.waitFor();
    expect(await people.textContent()).not.toContain('Waits for the risk assessment');
    await app.shoot('incident-risk-advice');

    // The same notebook encrypted with the key kept safe (EDPB case 10): document only, and the Art. 34 duty goes.
    const edit = await incidents.editFacts();
    await edit.form.getByLabel('Encrypted, state of the art, key safe').check();
    await edit.save();
    await advice.getByText('Advice: Document only (unlikely to result in a risk)').waitFor();
    expect(await advice.getByRole('list', { name: 'Why' }).textContent()).toContain('EDPB cases 1 and 10');
    expect(await advice.locator('summary').textContent()).toBe('ENISA severity 1 (low), one input');
    await expect.poll(() => incidents.clock('Data subjects').count()).toBe(0);
  });
});
