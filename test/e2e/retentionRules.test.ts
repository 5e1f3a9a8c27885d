import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { addPeriod } from '../../core/recordings/retention';
import { createWorkbenchService } from '../../service';
import { expect, shareWorkbench } from '../support/app';
import { cdrLine } from '../support/cdr';
import { value } from '../support/result';
import { screenshotsDir } from '../support/screenshots';

/**
 * Retention rules set from the app (issue 19, point 1), in Chromium against the real service: a
 * workspace of 120 quality calls over the last year; the DPO shortens the quality rule, sees what it
 * would do before saving (and that the numbers are the service's), confirms, adds a rule for two
 * purposes with every problem of a bad entry shown beside its field, and retires a rule. The tests
 * continue on one page, each from where the last left it.
 */
const calls = 120;
const pad = (n: number) => String(n).padStart(2, '0');
const asteriskTime = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;

/** The calls' workspace, imported by the service in this process before the built one starts on it. */
async function callsWorkspace(scratch: string): Promise<string> {
  const workspace = join(scratch, 'calls.pwb');
  const service = createWorkbenchService({ dataDir: join(scratch, 'data'), actor: 'dpo' });
  value(await service.call('createWorkspace', { passphrase: null, path: workspace }));
  const start = Date.now() - 365 * 86_400_000;
  const lines = Array.from({ length: calls }, (_, index) =>
    cdrLine({ start: asteriskTime(new Date(start + index * 3 * 86_400_000)), uniqueid: `q.${index}`, src: `+33 6 12 34 56 ${pad(index % 90)}` }),
  );
  writeFileSync(join(scratch, 'Master.csv'), `${lines.join('\n')}\n`);
  value(await service.call('importCallRecords', { path: join(scratch, 'Master.csv'), zone: 'Europe/Paris', purposes: ['quality'] }));
  service.close();
  return workspace;
}

const shared = shareWorkbench({ workspace: callsWorkspace }, { viewport: { width: 1360, height: 900 } });
const client = () => shared.workbench.client;

const impact = () => shared.page.getByRole('status', { name: 'What the change does' });

describe('retention rules in Chromium', () => {
  it('shortens a rule after showing how many recordings it moves and how many become due, as the service then does', async () => {
    const { page } = shared;
    // The workspace is open (the sections show) before anything is clicked.
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.getByRole('button', { name: /^Recordings/ }).click();
    await page.getByRole('tab', { name: 'Practices' }).click();
    // The practices tab leads to the rules.
    await page.getByRole('button', { name: 'Set the retention rules…' }).click();
    const card = page.getByRole('article', { name: 'Retention rule Quality and training' });
    await expect.poll(() => card.textContent()).toContain('6 months');
    const before = await client().getRetentionOverview();
    const due = (await client().listRecordings({ limit: 500 })).rows;

    await card.getByRole('button', { name: 'Edit…' }).click();
    const form = page.getByRole('form', { name: 'Edit the retention rule Quality and training' });
    await form.getByRole('textbox', { name: /Keep at most .*: number/ }).fill('3');
    // What the service says three months would do, counted from its own answers.
    const threeMonths = (iso: string) => addPeriod(iso, 'P3M');
    const nowIso = new Date().toISOString();
    const becomeDue = due.filter((row) => row.state === 'retained' && threeMonths(row.callStart) <= nowIso).length;
    expect(becomeDue).toBeGreaterThan(10);
    await expect.poll(() => impact().textContent()).toContain(`Due for disposal at once: ${becomeDue}`);
    expect(await impact().textContent()).toContain(`gives ${calls} kept recordings new dates`);
    await impact().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotsDir, 'retention-rule-edit.png') });
    // Saving without confirming that recordings become due is refused, with the reason.
    await form.getByRole('button', { name: 'Save the rule' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain(`Confirm below that ${becomeDue} recordings become due`);
    expect((await client().getRetentionOverview()).counts.due).toBe(before.counts.due);
    // A confirmation holds for the rule as it was when given: an edit lets it lapse.
    await form.getByRole('checkbox', { name: /I understand that/ }).check();
    await form.getByRole('textbox', { name: /Keep at most .*: number/ }).fill('2');
    await expect.poll(() => impact().textContent()).not.toContain(`Due for disposal at once: ${becomeDue}`);
    expect(await form.getByRole('checkbox', { name: /I understand that/ }).isChecked()).toBe(false);
    // Pressing save at once, before the preview is asked again, still asks the service what is sent.
    await form.getByRole('textbox', { name: /Keep at most .*: number/ }).fill('3');
    await form.getByRole('button', { name: 'Save the rule' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain(`Confirm below that ${becomeDue} recordings become due`);
    expect((await client().getRetentionOverview()).counts.due).toBe(before.counts.due);
    await expect.poll(() => impact().textContent()).toContain(`Due for disposal at once: ${becomeDue}`);
    await form.getByRole('checkbox', { name: /I understand that/ }).check();
    await form.getByRole('button', { name: 'Save the rule' }).click();
    await expect.poll(() => card.textContent()).toContain('3 months');
    expect((await client().getRetentionOverview()).counts.due).toBe(before.counts.due + becomeDue);
  });

  it('shows every problem of a new rule beside its field, then adds a rule for two purposes', async () => {
    const { page } = shared;
    await page.getByRole('button', { name: 'New retention rule…' }).click();
    const form = page.getByRole('form', { name: 'New retention rule' });
    await form.getByRole('textbox', { name: /Keep at least .*: number/ }).fill('2');
    await form.getByRole('combobox', { name: /Keep at least .*: unit/ }).selectOption('Y');
    await form.getByRole('textbox', { name: /Keep at most .*: number/ }).fill('1');
    await form.getByRole('combobox', { name: /Keep at most .*: unit/ }).selectOption('Y');
    await form.getByRole('button', { name: 'Add the rule' }).click();
    // Both problems at once, each beside its field, and listed together.
    const summary = form.locator('.form-problems');
    await expect.poll(() => summary.textContent()).toContain('2 things to correct');
    expect(await summary.textContent()).toContain('Name:');
    expect(await summary.textContent()).toContain('Maximum: the maximum is shorter than the minimum');
    expect(await form.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => form.locator('[id$="-problem-maximum"]').textContent()).toContain('the maximum is shorter than the minimum');
    await page.screenshot({ path: join(screenshotsDir, 'retention-rule-problems.png') });

    await form.getByRole('textbox', { name: 'Name' }).fill('Sales and complaints');
    await form.getByRole('textbox', { name: /Keep at least .*: number/ }).fill('');
    await form.getByRole('checkbox', { name: 'Quality' }).check();
    await form.getByRole('textbox', { name: 'Another purpose' }).fill('complaints');
    await form.getByRole('button', { name: 'Add purpose' }).click();
    await expect.poll(() => form.getByRole('checkbox', { name: 'Complaints' }).isChecked()).toBe(true);
    await expect.poll(() => impact().textContent()).toContain(`of ${calls} kept for the purposes concerned`);
    await form.getByRole('button', { name: 'Add the rule' }).click();
    await page.getByRole('article', { name: 'Retention rule Sales and complaints' }).waitFor();
    const rules = await client().listRetentionRules();
    expect(rules.find((rule) => rule.name === 'Sales and complaints')).toMatchObject({ purposes: ['quality', 'complaints'], minimum: null, maximum: 'P1Y' });
  });

  it('retires a rule with a reason and keeps it under the retired ones', async () => {
    const { page } = shared;
    const card = page.getByRole('article', { name: 'Retention rule Sales and complaints' });
    await card.getByRole('button', { name: 'Retire…' }).click();
    const form = card.getByRole('form', { name: 'Retire the retention rule Sales and complaints' });
    await expect.poll(() => impact().textContent()).toContain('Retiring it gives 0 kept recordings new dates');
    await form.getByRole('button', { name: 'Retire the rule' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('say why the rule no longer applies');
    await form.getByRole('textbox').fill('Complaints now follow the group policy');
    await form.getByRole('button', { name: 'Retire the rule' }).click();
    await expect.poll(() => card.count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Show 1 retired rule' }).check();
    await expect.poll(() => card.textContent()).toContain('Complaints now follow the group policy');
    await page.screenshot({ path: join(screenshotsDir, 'retention-rules.png') });
    expect(shared.workbench.problems).toEqual([]);
  });

  it('says beside the purposes what is wrong with one of them', async () => {
    const { page } = shared;
    await page.getByRole('button', { name: 'New retention rule…' }).click();
    const form = page.getByRole('form', { name: 'New retention rule' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Long purpose');
    await form.getByRole('textbox', { name: /Keep at most .*: number/ }).fill('1');
    await form.getByRole('textbox', { name: 'Another purpose' }).fill('x'.repeat(201));
    await form.getByRole('button', { name: 'Add purpose' }).click();
    await form.getByRole('button', { name: 'Add the rule' }).click();
    // One problem, on an entry of the list: shown beside the list (nothing silently refused).
    await expect.poll(() => form.locator('[id$="-problem-purposes"]').textContent()).toBe('a purpose must be at most 200 characters');
    expect((await client().listRetentionRules()).some((rule) => rule.name === 'Long purpose')).toBe(false);
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(shared.workbench.problems).toEqual([]);
  });
});
