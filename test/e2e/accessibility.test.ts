import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { WorkspaceInfo } from '../../core/contract';
import { createWorkbenchService } from '../../service';
import { expect, shareWorkbench } from '../support/app';
import { cdrLine } from '../support/cdr';
import { value } from '../support/result';
import { screenshotsDir } from '../support/screenshots';

/**
 * WCAG 2.2 AA, checked by axe-core on every screen, form and dialog of the app, in the light and
 * the dark theme (the app follows the OS through prefers-color-scheme). A serious or critical
 * finding fails the test, named with its screen, rule and elements. The workspace is built here:
 * the demo register, a breach, fourteen months of call recordings, a legal hold and a backup. One
 * service serves the whole file: each theme's tests continue on one page.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const themes = ['light', 'dark'] as const;

interface Finding {
  screen: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

let workspacePath: string;

const pad = (n: number) => String(n).padStart(2, '0');
const asteriskTime = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;

/** axe's serious and critical findings on the page as it is now. */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern (a script tag would be refused).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact ?? '', help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  }, wcagTags);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ screen, rule: violation.id, impact: violation.impact, help: violation.help, targets: violation.targets.slice(0, 10) }));
}

/** The workspace, built by the service in this process before the built one starts on it. */
async function builtWorkspace(scratch: string): Promise<string> {
  const service = createWorkbenchService({ dataDir: join(scratch, 'data'), actor: 'dpo' });
  workspacePath = value<WorkspaceInfo>(await service.call('openDemoWorkspace', {})).path;
  // Fourteen months of calls, every seventh with a ticket; one ticket is under a legal hold, so the retention picture shows held recordings.
  const start = Date.now() - 425 * 86_400_000;
  const lines = Array.from({ length: 300 }, (_, index) => {
    const at = new Date(start + index * ((420 * 86_400_000) / 300));
    return cdrLine({ start: asteriskTime(at), uniqueid: `${Math.floor(at.getTime() / 1000)}.${index}`, src: `+33 6 12 34 ${pad(index % 50)} ${pad(index % 97)}`, userfield: index % 7 === 0 ? (index % 3 === 0 ? 'T-4711' : `T-${1000 + index}`) : '', columns: 18 });
  });
  writeFileSync(join(scratch, 'Master.csv'), `${lines.join('\n')}\n`);
  value(await service.call('importCallRecords', { path: join(scratch, 'Master.csv'), zone: 'Europe/Paris', purposes: ['quality'] }));
  value(await service.call('placeLegalHold', { matter: 'Dupont v. Smartt', reason: 'Complaint about ticket T-4711', scope: { ticketIds: ['T-4711'] } }));
  const aware = new Date(Date.now() - 30 * 3_600_000).toISOString();
  value(await service.call('createIncident', { title: 'Support mailbox exposed', zone: 'Europe/Berlin', events: { aware: { at: aware, zone: 'Europe/Berlin' } }, affected: [{ where: 'DE', count: 800 }] }));
  value(await service.call('backUpNow', {}));
  service.close();
  return workspacePath;
}

// A computer account that never named itself: the first screen asks for the name.
const shared = shareWorkbench({ workspace: builtWorkspace, profile: null });

function openPage(theme: (typeof themes)[number], address = shared.workbench.server.url): Promise<Page> {
  return shared.workbench.openPage({ url: address, colorScheme: theme, viewport: { width: 1360, height: 900 } });
}

describe('accessibility (axe-core, WCAG 2.2 AA) in Chromium', () => {
  it('finds nothing serious on the first-use name prompt, in either theme', async () => {
    const findings: Finding[] = [];
    for (const theme of themes) {
      const page = await openPage(theme);
      await page.getByRole('form', { name: 'Your name for the change log' }).waitFor();
      await page.getByRole('listbox', { name: 'Processing activities' }).getByRole('option').first().waitFor();
      findings.push(...(await audit(page, `${theme}: name prompt over the register`)));
      if (theme === 'dark') {
        await page.getByRole('form', { name: 'Your name for the change log' }).getByRole('textbox').fill('Anna Martin');
        await page.getByRole('button', { name: 'Save my name' }).click();
        await page.getByRole('form', { name: 'Your name for the change log' }).waitFor({ state: 'detached' });
      }
      await page.close();
    }
    expect(findings).toEqual([]);
  });

  for (const theme of themes) {
    describe(`${theme} theme`, () => {
      let page: Page;
      const findings: Finding[] = [];
      const check = async (screen: string) => findings.push(...(await audit(page, `${theme}: ${screen}`)));
      const section = async (shortcut: number, heading: string) => {
        await page.keyboard.press(`Control+${shortcut}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      };

      beforeAll(async () => {
        page = await openPage(theme, `${shared.workbench.server.url}#/register`);
        await page.getByRole('listbox', { name: 'Processing activities' }).getByRole('option').first().waitFor();
      });
      afterAll(async () => {
        await page?.close();
      });

      it('register: activities, their forms, bulk change and import preview', async () => {
        findings.length = 0;
        const detail = page.locator('.detail-pane');
        await page.getByRole('listbox', { name: 'Processing activities' }).getByRole('option').first().click();
        await detail.getByRole('button', { name: 'Edit' }).waitFor();
        await check('register, an activity');
        await page.getByRole('button', { name: 'New activity' }).click();
        const form = page.getByRole('form', { name: 'New processing activity' });
        await form.getByRole('button', { name: 'Create activity' }).click();
        await form.getByRole('alert').waitFor();
        await check('new activity, refused');
        await form.getByRole('button', { name: 'Cancel' }).click();
        await detail.getByRole('button', { name: 'Edit' }).click();
        await page.getByRole('form', { name: /^Edit / }).waitFor();
        await check('edit activity');
        await page.getByRole('form', { name: /^Edit / }).getByRole('button', { name: 'Cancel' }).click();
        await detail.getByRole('button', { name: 'Link a processor…' }).click();
        await page.getByRole('form', { name: 'Link a processor' }).waitFor();
        await check('link a processor');
        await page.getByRole('form', { name: 'Link a processor' }).getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('button', { name: /^Change the \d+ records shown/ }).click();
        await page.getByRole('dialog', { name: 'Change many records' }).waitFor();
        await check('change many records');
        await page.getByRole('dialog', { name: 'Change many records' }).getByRole('button', { name: 'Close' }).click();
        const file = join(shared.workbench.scratch, `register-${theme}.csv`);
        writeFileSync(file, 'Processing activity,Purpose of processing,Lawful basis\nVisitor Wi-Fi logs,Keep the network secure,Legitimate intrest\n');
        await page.getByLabel('Register file to import').setInputFiles(file);
        const preview = page.getByRole('dialog', { name: 'Import preview' });
        await preview.waitFor();
        await check('register import preview');
        await preview.getByRole('button', { name: 'Cancel' }).click();
        await page.getByLabel('Filter by gap').selectOption({ index: 1 });
        await check('register filtered by a gap');
        await page.getByLabel('Filter by gap').selectOption({ index: 0 });
        expect(findings).toEqual([]);
      });

      it('register: processor records, organisations and vocabularies', async () => {
        findings.length = 0;
        await page.getByRole('tab', { name: /Processor records/ }).click();
        await page.getByRole('article', { name: /Processor record of Smartt/ }).first().waitFor();
        await check('processor records');
        await page.getByRole('button', { name: /New processor record/ }).click();
        await page.getByRole('form', { name: 'New processor record' }).waitFor();
        await check('new processor record');
        await page.getByRole('form', { name: 'New processor record' }).getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('tab', { name: 'Organisations' }).click();
        await page.getByRole('article', { name: 'Organisation Smartt' }).waitFor();
        await check('organisations');
        await page.getByRole('article', { name: 'Organisation Smartt' }).getByRole('button', { name: 'Edit' }).click();
        await page.getByRole('form', { name: 'Edit Smartt' }).waitFor();
        await check('edit organisation');
        await page.getByRole('form', { name: 'Edit Smartt' }).getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('tab', { name: 'Vocabularies' }).click();
        await page.getByRole('navigation', { name: 'Vocabularies' }).waitFor();
        await check('vocabularies');
        await page.getByRole('tab', { name: /Controller activities/ }).click();
        expect(findings).toEqual([]);
      });

      it('vendors: a vendor, the library and the contract form', async () => {
        findings.length = 0;
        await section(2, 'Processors and vendors');
        await page.getByRole('listbox', { name: 'Processors' }).getByRole('option', { name: /Square/ }).click();
        await page.getByRole('heading', { name: 'Square', exact: true }).waitFor();
        await check('vendors, a vendor');
        await page.getByRole('button', { name: 'Add from library…' }).click();
        await page.getByRole('region', { name: 'Vendor library' }).waitFor();
        await check('vendor library');
        await page.getByRole('button', { name: 'Add from library…' }).click();
        await page.locator('.detail-pane').getByRole('button', { name: 'Edit' }).click();
        await page.getByRole('form', { name: 'Edit contract and transfers' }).waitFor();
        await check('edit contract and transfers');
        await page.getByRole('form', { name: 'Edit contract and transfers' }).getByRole('button', { name: 'Cancel' }).click();
        expect(findings).toEqual([]);
      });

      it('incidents: a breach with its clocks, the breach form, notifications and rules', async () => {
        findings.length = 0;
        await section(3, 'Breach register');
        await page.getByRole('listbox', { name: 'Incidents' }).getByRole('option', { name: /Support mailbox exposed/ }).click();
        await page.getByRole('region', { name: 'Legal clocks' }).waitFor();
        await page.getByRole('figure', { name: 'Timeline of events and deadlines' }).waitFor();
        await check('an incident with its clocks');
        await page.getByRole('button', { name: 'Log a breach' }).click();
        const form = page.getByRole('form', { name: 'New breach' });
        await form.getByText('Processing activities and vendors involved').click();
        await form.getByRole('group', { name: 'Processing activities involved' }).waitFor();
        await check('new breach form');
        await form.getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('button', { name: 'Notifications…' }).click();
        await page.getByRole('region', { name: 'Notification settings' }).waitFor();
        await check('notification settings');
        await page.getByRole('region', { name: 'Notification settings' }).getByRole('button', { name: 'Close' }).click();
        await page.getByRole('button', { name: 'Rules…' }).click();
        const rules = page.getByRole('region', { name: 'Deadline rules' });
        await rules.getByRole('button', { name: 'Override us-tx-ag' }).click();
        await rules.getByRole('form', { name: 'Override us-tx-ag' }).waitFor();
        await check('deadline rules with an override form');
        await rules.getByRole('button', { name: 'Close' }).click();
        expect(findings).toEqual([]);
      });

      it('recordings: register and picture, a recording, holds, disposal, import, files, practices', async () => {
        findings.length = 0;
        await section(4, 'Call recordings');
        await page.getByRole('figure', { name: 'Retention picture' }).waitFor();
        await page.getByRole('listbox', { name: 'Recordings' }).getByRole('option').first().click();
        await page.getByRole('region', { name: 'Retention clock' }).waitFor();
        await check('recordings register with a recording');
        // Held recordings are hatched, not told by colour alone (WCAG 1.4.1).
        expect(await page.locator('.retention-picture rect.bar-held').evaluateAll((bars) => bars.length > 0 && bars.every((bar) => getComputedStyle(bar).fill.startsWith('url(')))).toBe(true);
        await page.getByRole('figure', { name: 'Retention picture' }).screenshot({ path: join(screenshotsDir, `retention-picture-${theme}.png`) });
        await page.getByRole('tab', { name: 'Legal holds' }).click();
        await page.getByRole('article', { name: 'Legal hold Dupont v. Smartt' }).waitFor();
        await page.getByRole('button', { name: 'Place a legal hold…' }).click();
        await page.getByRole('form', { name: 'New legal hold' }).waitFor();
        await check('legal holds with the new hold form');
        await page.getByRole('form', { name: 'New legal hold' }).getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('tab', { name: 'Disposal' }).click();
        await page.getByRole('region', { name: 'Due for disposal' }).waitFor();
        await page.getByRole('button', { name: 'Review and dispose…' }).click();
        const confirm = page.getByRole('form', { name: 'Confirm disposal' });
        await confirm.waitFor();
        await check('disposal with its confirmation');
        // No recordings folder is set: disposing without choosing records only is refused beside that choice, and nothing is disposed of.
        const due = (await shared.workbench.client.getRetentionOverview()).counts.due;
        await confirm.getByRole('button', { name: /^Dispose of / }).click();
        await expect.poll(() => confirm.locator('[id$="-problem-recordsOnly"]').textContent()).toMatch(/^no recordings folder is set, so no file can be deleted and nothing was disposed of/);
        expect(await confirm.getByRole('checkbox', { name: /^Records only/ }).getAttribute('aria-invalid')).toBe('true');
        expect(await confirm.getByRole('checkbox', { name: /^Records only/ }).getAttribute('aria-describedby')).toMatch(/-problem-recordsOnly$/);
        expect((await shared.workbench.client.getRetentionOverview()).counts).toMatchObject({ due, disposed: 0 });
        await check('disposal refused without a recordings folder');
        await confirm.screenshot({ path: join(screenshotsDir, `disposal-refused-no-folder-${theme}.png`) });
        await confirm.getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('tab', { name: 'Retention rules' }).click();
        await page.getByRole('button', { name: 'New retention rule…' }).click();
        await page.getByRole('form', { name: 'New retention rule' }).waitFor();
        await check('retention rules with the new rule form');
        for (const [tab, ready] of [
          ['Import', page.getByRole('form', { name: 'Import call records' })],
          ['Files and settings', page.getByRole('region', { name: 'Recordings folder' })],
          ['Practices', page.getByRole('article', { name: 'Recording practice of Smartt' })],
        ] as const) {
          await page.getByRole('tab', { name: tab }).click();
          await ready.waitFor();
          await check(`recordings, ${tab}`);
        }
        await page.getByRole('tab', { name: 'Register' }).click();
        expect(findings).toEqual([]);
      });

      it('reports and backups, with a restore preview and its confirmation', async () => {
        findings.length = 0;
        await section(5, 'Reports');
        await page.getByRole('table').first().waitFor();
        await check('reports');
        await section(6, 'Backups');
        const table = page.getByRole('table', { name: 'Backups' });
        await table.getByRole('button', { name: /Preview restore/ }).first().click();
        await page.getByRole('table', { name: 'What the restore changes' }).waitFor();
        await check('backups with a restore preview');
        await page.getByRole('button', { name: 'Restore this backup…' }).click();
        await page.getByRole('alertdialog', { name: 'Replace the workspace with this backup?' }).waitFor();
        await check('restore confirmation');
        await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
        expect(findings).toEqual([]);
      });

      it('welcome screen, a new encrypted workspace with its first organisation and passphrase change, then the demo again', async () => {
        findings.length = 0;
        await page.getByRole('button', { name: 'Close workspace' }).click();
        await page.getByRole('heading', { name: 'Recent workspaces' }).waitFor();
        await check('welcome');
        await page.getByLabel('Path').fill(join(shared.workbench.scratch, `new-${theme}.pwb`));
        await page.getByRole('button', { name: 'Create new' }).click();
        const dialog = page.getByRole('dialog', { name: 'Protect the new workspace' });
        await dialog.getByRole('button', { name: 'Create workspace' }).click();
        await dialog.getByRole('alert').waitFor();
        await check('new workspace passphrase dialog, refused');
        await dialog.getByLabel('Passphrase', { exact: true }).fill('tulip ladder seventeen');
        await dialog.getByLabel('The same passphrase again').fill('tulip ladder seventeen');
        await dialog.getByRole('button', { name: 'Create workspace' }).click();
        await page.locator('.workspace-name', { hasText: `new-${theme}` }).waitFor();
        await section(1, 'Register of processing activities');
        await page.getByRole('heading', { name: 'Start with your organisation' }).waitFor();
        await check('new workspace, first organisation');
        await section(6, 'Backups');
        await page.getByRole('button', { name: 'Change passphrase…' }).click();
        await page.getByRole('form', { name: 'Change the passphrase' }).waitFor();
        await check('change the passphrase');
        await page.getByRole('form', { name: 'Change the passphrase' }).getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('button', { name: 'Close workspace' }).click();
        await page.getByRole('button').filter({ hasText: workspacePath }).click();
        await page.getByRole('navigation', { name: 'Sections' }).waitFor();
        expect(findings).toEqual([]);
      });
    });
  }

  it('moves along the sub-tabs with the arrow keys, one Tab stop, each tab naming the panel it shows', async () => {
    const page = await openPage('light', `${shared.workbench.server.url}#/register`);
    const tabs = page.getByRole('tablist', { name: 'Record kind' }).getByRole('tab');
    await tabs.first().waitFor();
    expect(await tabs.evaluateAll((elements) => elements.map((element) => element.getAttribute('tabindex')))).toEqual(['0', '-1', '-1', '-1']);
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    const processor = page.getByRole('tab', { name: /Processor records/ });
    await expect.poll(() => processor.getAttribute('aria-selected')).toBe('true');
    expect(await processor.evaluate((element) => element === document.activeElement)).toBe(true);
    const panel = page.getByRole('tabpanel', { name: /Processor records/ });
    expect(await panel.getAttribute('id')).toBe(await processor.getAttribute('aria-controls'));
    await panel.getByRole('article', { name: /Processor record of Smartt/ }).first().waitFor();
    await page.keyboard.press('End');
    await page.getByRole('tabpanel', { name: 'Vocabularies' }).getByRole('navigation', { name: 'Vocabularies' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tabpanel', { name: /Controller activities/ }).getByRole('listbox', { name: 'Processing activities' }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByRole('tab', { name: 'Vocabularies' }).getAttribute('aria-selected')).toBe('true');
    await page.close();
  });

  it('reaches the search results with one key press from the search field', async () => {
    const page = await openPage('light', `${shared.workbench.server.url}#/register`);
    const search = page.getByRole('searchbox', { name: 'Search activities' });
    const results = page.getByRole('listbox', { name: 'Processing activities' });
    await results.getByRole('option').first().waitFor();
    await search.fill('Smartt');
    await expect.poll(async () => (await results.locator('.row-meta').allTextContents()).every((text) => text.startsWith('Smartt'))).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await results.evaluate((element) => element === document.activeElement)).toBe(true);
    // In the list, the arrow keys choose the record: the first match is shown.
    await page.keyboard.press('Home');
    const first = (await results.getByRole('option').first().locator('.row-title').textContent())!;
    await page.getByRole('heading', { name: first, exact: true }).waitFor();
    await page.close();
  });

  it('logged no page error or console error', () => {
    expect(shared.workbench.problems).toEqual([]);
  });
});
