import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInputValue } from '../../core/incidents/calendar';
import { launchChromium } from '../support/chromium';
import { startBuiltWebServer, type RunningWebServer } from '../support/webServer';
import { screenshotsDir as screenshots } from '../support/screenshots';
import { repoRoot } from '../support/workspace';

/**
 * The whole stack in a real browser: the built renderer in Debian's Chromium, talking to the real
 * service through browser mode. Saves a screenshot of every section (test/support/screenshots.ts says where).
 */
const viewport = { width: 1360, height: 860 };
let browser: Browser;
let server: RunningWebServer | null = null;
let scratch: string;
let dataDir: string;
const problems: string[] = [];

async function openPage(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport, colorScheme });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url);
  return page;
}
const shoot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`) });
/** The number of records the list holds (it is virtualised: only the rows in view are in the page). */
const listCount = async (page: Page) => Number((await page.locator('.list-count').textContent())?.split(' ')[0]);

beforeAll(async () => {
  // One data folder for the whole suite: the restart test needs what the earlier tests stored.
  scratch = mkdtempSync(join(tmpdir(), 'pwb-e2e-'));
  dataDir = join(scratch, 'data');
  browser = await launchChromium();
});
afterAll(async () => {
  await server?.stop();
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the app in Chromium through browser mode', () => {
  let page: Page;

  it('starts on a welcome screen that offers the demo workspace', async () => {
    // A computer account that never used the app: it will be asked for the person's name once.
    server = await startBuiltWebServer(['--data-dir', dataDir], { profile: null });
    page = await openPage(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Privacy Workbench' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Open demo workspace' }).isVisible()).toBe(true);
    await shoot(page, 'welcome');
  });

  it('opens the demo workspace built from the five seed organisations', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    const list = page.getByRole('listbox', { name: 'Processing activities' });
    await list.waitFor();
    // Asked once: the name the change log records with the computer account.
    const prompt = page.getByRole('form', { name: 'Your name for the change log' });
    await prompt.waitFor();
    await shoot(page, 'profile-prompt');
    await prompt.getByRole('textbox').fill('Anna Martin');
    await prompt.getByRole('button', { name: 'Save my name' }).click();
    await prompt.waitFor({ state: 'detached' });
    expect(await page.getByText('Demo', { exact: true }).isVisible()).toBe(true);
    expect(await listCount(page)).toBe(24);
    const search = page.getByRole('searchbox', { name: 'Search activities' });
    for (const name of ['Smarp', 'SmarTek21', 'SmarterTools', 'Smartner', 'Smartt']) {
      await search.fill(name);
      await expect.poll(async () => (await list.locator('.row-meta').allTextContents()).every((text) => text.toLowerCase().startsWith(name.toLowerCase()))).toBe(true);
      expect(await listCount(page), name).toBeGreaterThan(0);
    }
    await search.fill('');
    await expect.poll(() => listCount(page)).toBe(24);
    await page.getByRole('listbox', { name: 'Processing activities' }).getByRole('option', { name: /Mentee card payments/ }).click();
    await page.getByRole('heading', { name: 'Mentee card payments and billing' }).waitFor();
    expect(await page.locator('.detail-pane').textContent()).toContain('Square');
    await shoot(page, 'register');
  });

  it('moves through the list with the keyboard and searches with /', async () => {
    const list = page.getByRole('listbox', { name: 'Processing activities' });
    await list.focus();
    await page.keyboard.press('Home');
    // Sorted by organisation, then name: Smarp's e-mail enquiries come first, its marketing notices second.
    const selectedOf = (name: RegExp) => list.getByRole('option', { name }).getAttribute('aria-selected');
    await expect.poll(() => selectedOf(/E-mail enquiries, feedback/)).toBe('true');
    await page.getByRole('heading', { name: 'E-mail enquiries, feedback and user surveys' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selectedOf(/Marketing notices about products/)).toBe('true');
    await page.keyboard.press('End');
    await page.getByRole('heading', { name: 'Website cookies and connection data' }).waitFor();
    // Keyboard focus is visible.
    const outline = await list.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe('none');

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search activities');
    await page.keyboard.type('background check');
    await expect.poll(() => list.getByRole('option').count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('');
  });

  it('shows the Art. 30(2) processor records', async () => {
    await page.getByRole('tab', { name: /Processor records/ }).click();
    await page.getByRole('article', { name: 'Processor record of Smartt' }).waitFor();
    expect(await page.getByRole('article', { name: /Processor record of/ }).count()).toBe(2);
    await shoot(page, 'register-processor-records');
    await page.getByRole('tab', { name: /Controller activities/ }).click();
  });

  it('shows the vendors with the activities each serves', async () => {
    await page.getByRole('button', { name: /^Vendors/ }).click();
    await page.getByRole('heading', { name: 'Processors and vendors' }).waitFor();
    await page.getByRole('listbox', { name: 'Processors' }).getByRole('option', { name: /Square/ }).click();
    await page.getByRole('heading', { name: 'Square', exact: true }).waitFor();
    expect(await page.getByRole('table').textContent()).toContain('Smartner');
    const reach = page.getByRole('region', { name: 'Vendor reach' });
    expect(await reach.textContent()).toMatch(/Countries of processing\s*US/);
    expect(await reach.textContent()).toContain('Economic and financial');
    expect(await page.getByRole('listbox', { name: 'Processors' }).getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Google Analytics'), expect.stringContaining('Sterling Talent Solutions')]),
    );
    await shoot(page, 'vendors');
  });

  it('adds a vendor from the starter library, marked to verify, and records its safeguard', async () => {
    await page.getByRole('button', { name: 'Add from library…' }).click();
    const library = page.getByRole('region', { name: 'Vendor library' });
    expect(await library.getByRole('button', { name: 'Square: in workspace' }).isDisabled()).toBe(true);
    await library.getByRole('button', { name: 'Add Zendesk' }).click();
    await page.getByRole('heading', { name: 'Zendesk', exact: true }).waitFor();
    expect(await library.getByRole('button', { name: 'Zendesk: in workspace' }).isDisabled()).toBe(true);
    expect(await page.locator('.detail-pane').getByText('To verify', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Add from library…' }).click();

    await page.locator('.detail-pane').getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit contract and transfers' });
    await form.getByLabel('Transfer safeguard').selectOption('dpf');
    await form.getByLabel('Agreement reference').fill('ZD-DPA-2026');
    await form.getByLabel('Agreement expires on').fill('2026-01-31');
    await form.getByLabel('To verify').uncheck();
    await form.getByRole('button', { name: 'Save' }).click();
    const contract = page.getByRole('region', { name: 'Contract and transfers' });
    await contract.getByText('EU-US Data Privacy Framework', { exact: false }).waitFor();
    expect(await contract.textContent()).toMatch(/2026-01-31\s*Expired/);
    expect(await page.locator('.detail-pane').getByText('To verify', { exact: true }).count()).toBe(0);
    await shoot(page, 'vendor-reach');
  });

  it('reaches the other sections from the keyboard, each saying what comes next', async () => {
    await page.keyboard.press('Control+3');
    await page.getByRole('heading', { name: 'Breach register' }).waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/No breaches logged/);

    await page.keyboard.press('Control+4');
    await page.getByRole('heading', { name: 'Call recordings' }).waitFor();
    await page.getByRole('tab', { name: 'Practices' }).click();
    const practice = page.getByRole('article', { name: 'Recording practice of Smartt' });
    await practice.waitFor();
    expect(await practice.textContent()).toMatch(/Linked to support tickets\s*Yes/);
    await practice.getByRole('region', { name: 'Change history' }).getByText(/Created by/).waitFor();
    await shoot(page, 'recordings');

    await page.keyboard.press('Control+5');
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await shoot(page, 'reports');

    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
  });

  it('names the field at fault when a new record is refused, and stores nothing', async () => {
    const before = await page.locator('.list-count').textContent();
    await page.getByRole('button', { name: 'New activity' }).click();
    const form = page.getByRole('form', { name: 'New processing activity' });
    await form.getByRole('button', { name: 'Create activity' }).click();
    await form.getByRole('alert').filter({ hasText: 'Not saved. Name: name must not be empty' }).waitFor();
    const name = form.getByLabel('Name', { exact: true });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true);
    await shoot(page, 'register-new-activity-error');

    // A field without a message of its own is still never refused silently.
    await name.fill('Long function');
    await form.getByLabel('Business function').fill('x'.repeat(201));
    await form.getByRole('button', { name: 'Create activity' }).click();
    await form.getByRole('alert').filter({ hasText: 'Business function: must be at most 200 characters' }).waitFor();
    expect(await form.getByLabel('Business function').getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.list-count').textContent()).toBe(before);
  });

  it('creates a record and shows it with its change history', async () => {
    await page.getByRole('button', { name: 'New activity' }).click();
    const form = page.getByRole('form', { name: 'New processing activity' });
    await form.getByLabel('Organisation (controller)').selectOption({ label: 'Smartt' });
    await form.getByLabel('Name', { exact: true }).fill('Visitor Wi-Fi access logs');
    await form.getByLabel(/^Purposes/).fill('Keep the guest network secure\nAnswer abuse complaints');
    await form.getByLabel(/^Lawful basis/).selectOption('legitimate-interests');
    await form.getByLabel('Connection data').check();
    await form.getByLabel(/^Time limit for erasure/).fill('90 days after the visit');
    await shoot(page, 'register-new-activity');
    await form.getByRole('button', { name: 'Create activity' }).click();

    await page.getByRole('heading', { name: 'Visitor Wi-Fi access logs' }).waitFor();
    const detail = page.locator('.detail-pane');
    expect(await detail.textContent()).toContain('Legitimate interests — GDPR Art. 6(1)(f)');
    const history = page.getByRole('region', { name: 'Change history' });
    await history.getByText(/Created by/).waitFor();
    // The person named once, with the computer account.
    expect(await history.textContent()).toMatch(/Created by Anna Martin \(\S+\)/);
    expect(await page.getByRole('listbox', { name: 'Processing activities' }).getByRole('option', { name: /Visitor Wi-Fi access logs/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows what the law still requires, and filters the register by kind of gap', async () => {
    const score = page.getByRole('meter', { name: 'Register completeness' });
    const scoreBefore = Number(await score.getAttribute('aria-valuenow'));
    expect(scoreBefore).toBeGreaterThan(0);
    expect(scoreBefore).toBeLessThan(100);

    const requires = page.getByRole('region', { name: 'What the law still requires' });
    expect(await requires.textContent()).toMatch(/Art\. 30\(1\)\(c\)\s*no category of data subjects is recorded/);
    expect(await requires.textContent()).toMatch(/Art\. 30\(1\)\(d\)\s*no category of recipients is recorded/);

    await page.getByLabel('Filter by gap').selectOption('transfer-safeguard');
    const list = page.getByRole('listbox', { name: 'Processing activities' });
    await expect.poll(async () => (await list.getByRole('option').allTextContents()).some((text) => text.includes('Mentee card payments'))).toBe(true);
    await expect.poll(() => listCount(page)).toBeLessThan(24);
    await list.getByRole('option', { name: /Mentee card payments/ }).click();
    await page.getByRole('heading', { name: 'Mentee card payments and billing' }).waitFor();
    expect(await requires.textContent()).toContain('transfer to US via Square without a safeguard');
    await shoot(page, 'register-gaps');
    await page.getByLabel('Filter by gap').selectOption('');
    await expect.poll(() => listCount(page)).toBe(25);
  });

  it('edits a record and links a processor, and the gaps follow', async () => {
    const list = page.getByRole('listbox', { name: 'Processing activities' });
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('Wi-Fi');
    await list.getByRole('option', { name: /Visitor Wi-Fi access logs/ }).click();
    await page.getByRole('heading', { name: 'Visitor Wi-Fi access logs' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit processing activity' });
    await form.getByLabel(/^Data subjects/).fill('guests, staff');
    await form.getByLabel(/^Recipients/).fill('IT team (internal)\nInternet service provider (external)');
    await form.getByLabel(/^Security measures/).fill('Separate guest network; logs kept on an encrypted server');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const requires = page.getByRole('region', { name: 'What the law still requires' });
    await requires.getByText(/Nothing missing: all 8 checks pass/).waitFor();
    expect(await page.locator('.detail-pane').textContent()).toContain('Internet service provider (external)');

    await page.getByRole('button', { name: 'Link a processor…' }).click();
    const link = page.getByRole('form', { name: 'Link a processor' });
    await link.getByLabel('Processor', { exact: true }).selectOption({ label: 'Google Analytics' });
    await link.getByLabel('What the processor does').fill('Counts guest network sign-ins');
    await link.getByLabel('Role').selectOption('processor');
    await link.getByRole('button', { name: 'Link' }).click();
    await requires.getByText('transfer to US via Google Analytics without a safeguard').waitFor();
    expect(await requires.textContent()).toContain('no processing agreement with Google Analytics is recorded');
    await page.getByRole('region', { name: 'Change history' }).getByText(/Updated by/).waitFor();
    await shoot(page, 'register-record');

    await page.getByRole('button', { name: /^Vendors/ }).click();
    await page.getByRole('listbox', { name: 'Processors' }).getByRole('option', { name: /Google Analytics/ }).click();
    await page.getByRole('heading', { name: 'Google Analytics', exact: true }).waitFor();
    expect(await page.getByRole('table').textContent()).toContain('Visitor Wi-Fi access logs');
    await page.getByRole('button', { name: /^Register/ }).click();
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
  });

  it('records transfers and the ICO template columns in the form, and the gaps follow', async () => {
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('Wi-Fi');
    await page.getByRole('listbox', { name: 'Processing activities' }).getByRole('option', { name: /Visitor Wi-Fi access logs/ }).click();
    await page.getByRole('heading', { name: 'Visitor Wi-Fi access logs' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit processing activity' });
    await form.getByRole('button', { name: 'Add a transfer' }).click();
    await form.getByLabel('Transfer 1 country').fill('us');
    await form.getByLabel('Transfer 1 note').fill('Support desk in Texas');
    await form.getByText(/^ICO template columns/).click();
    await form.getByLabel('DPIA required?').selectOption('yes');
    await form.getByLabel('DPIA progress').selectOption('in-progress');
    await form.getByLabel('Location of the personal data').fill('Office server, Dublin');
    await form.getByLabel('Access', { exact: true }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    const requires = page.getByRole('region', { name: 'What the law still requires' });
    await requires.getByText('a DPIA is required and is still in progress').waitFor();
    expect(await requires.textContent()).toContain('transfer to US without a safeguard');
    const detail = page.locator('.detail-pane');
    expect(await detail.textContent()).toContain('Office server, Dublin');
    expect(await detail.textContent()).toMatch(/Created \d{4}-\d{2}-\d{2} · Last updated \d{4}-\d{2}-\d{2}/);
    await shoot(page, 'register-record-ico');

    // A bad country is refused by row, and nothing changes.
    await page.getByRole('button', { name: 'Edit' }).click();
    await form.getByLabel('Transfer 1 country').fill('USA');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByRole('alert').getByText(/Transfer 1, country/).waitFor();
    expect(await form.getByLabel('Transfer 1 country').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Transfer 1 safeguard', { exact: true }).selectOption('sccs');
    await form.getByLabel('Transfer 1 country').fill('US');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await requires.getByText('a DPIA is required and is still in progress').waitFor();
    // The record shown right after a save is marked busy until its new answer is in (the gaps before the save stay visible, dimmed).
    await page.locator('.detail-pane article[aria-busy="false"]').waitFor();
    expect(await requires.textContent()).not.toContain('transfer to US without a safeguard');
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('');
  });

  it('filters the register by processor, country, lawful basis and status, and sorts by gaps', async () => {
    const all = await listCount(page);
    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByLabel('Processor').selectOption({ label: 'Google Analytics' });
    await expect.poll(() => listCount(page)).toBeLessThan(all);
    const list = page.getByRole('listbox', { name: 'Processing activities' });
    expect(await list.textContent()).toContain('Visitor Wi-Fi access logs');
    await filters.getByLabel('Country').selectOption('US');
    expect(await list.textContent()).toContain('Visitor Wi-Fi access logs');
    await filters.getByLabel('Status').selectOption('retired');
    await page.getByText(/No activity matches these filters/).waitFor();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => listCount(page)).toBe(all);
    await filters.getByLabel('Lawful basis').selectOption('none');
    await expect.poll(() => listCount(page)).toBeLessThan(all);
    await filters.getByLabel('Sort by').selectOption('gaps');
    await shoot(page, 'register-filters');
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await filters.getByLabel('Sort by').selectOption('organisation');
    await expect.poll(() => listCount(page)).toBe(all);
  });

  it('records a sub-processor, and its reach runs through the vendor that engages it', async () => {
    await page.getByRole('button', { name: /^Vendors/ }).click();
    await page.getByRole('listbox', { name: 'Processors' }).getByRole('option', { name: /Google Analytics/ }).click();
    await page.getByRole('heading', { name: 'Google Analytics', exact: true }).waitFor();
    const subs = page.getByRole('region', { name: 'Sub-processors' });
    await subs.getByLabel('Sub-processor', { exact: true }).selectOption({ label: 'Zendesk' });
    await subs.getByLabel('What it does for this vendor').fill('Support tickets');
    await subs.getByRole('button', { name: 'Add' }).click();
    await subs.getByText(/Zendesk — Support tickets/).waitFor();
    await page.getByRole('listbox', { name: 'Processors' }).getByRole('option', { name: /Zendesk/ }).click();
    await page.getByRole('heading', { name: 'Zendesk', exact: true }).waitFor();
    const served = page.getByRole('region', { name: 'Activities served' });
    await served.getByText(/Visitor Wi-Fi access logs/).waitFor();
    expect(await served.textContent()).toContain('via Google Analytics');
    expect(await page.getByRole('region', { name: 'Sub-processors' }).textContent()).toContain('Sub-processor of: Google Analytics (Support tickets)');
    expect(await page.getByRole('region', { name: 'Vendor reach' }).textContent()).toContain('Smartt');
    await shoot(page, 'vendor-sub-processors');
    await page.getByRole('button', { name: /^Register/ }).click();
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
  });

  it('creates an Art. 30(2) record for a controller served, with its gaps', async () => {
    await page.getByRole('tab', { name: /Processor records/ }).click();
    await page.getByRole('button', { name: 'New processor record' }).click();
    const form = page.getByRole('form', { name: 'New processor record' });
    await form.getByLabel('Our organisation (acting as processor)').selectOption({ label: 'SmarTek21' });
    await form.getByLabel(/^Controller served/).fill('Acme Retail');
    await form.getByLabel(/^Categories of processing/).fill('Customer support by phone');
    await form.getByRole('button', { name: 'Add a transfer' }).click();
    await form.getByLabel('Transfer 1 country').fill('IN');
    await form.getByRole('button', { name: 'Create record' }).click();
    const record = page.getByRole('article', { name: 'Processor record of SmarTek21 for Acme Retail' });
    await record.waitFor();
    const requires = record.getByRole('region', { name: 'What the law still requires' });
    expect(await requires.textContent()).toContain('no contact details of the controller are recorded');
    expect(await requires.textContent()).toContain('transfer to IN without a safeguard');
    expect(await page.getByRole('article', { name: /Processor record of/ }).count()).toBe(3);
    await record.scrollIntoViewIfNeeded();
    await shoot(page, 'register-processor-record-new');
    await page.getByRole('tab', { name: /Controller activities/ }).click();
  });

  it('records a controller\'s contact details, DPO and representative (Art. 30(1)(a))', async () => {
    await page.getByRole('tab', { name: 'Organisations' }).click();
    const missing = page.getByRole('article', { name: /^Organisation / }).filter({ has: page.getByRole('region', { name: 'What the law still requires' }) });
    await page.getByRole('article', { name: /^Organisation / }).first().waitFor();
    await expect.poll(() => missing.count()).toBeGreaterThan(0);
    const before = await missing.count();
    const first = missing.first();
    const name = ((await first.getAttribute('aria-label')) ?? '').replace(/^Organisation /, '');
    await first.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: `Edit ${name}` });
    await form.getByLabel('Contact e-mail').fill('privacy@example.com');
    await form.getByLabel(/^Representative in the EU/).fill('EU Representative Ltd, Dublin');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const card = page.getByRole('article', { name: `Organisation ${name}` });
    await card.getByText('EU Representative Ltd, Dublin').waitFor();
    expect(await card.getByRole('region', { name: 'What the law still requires' }).count()).toBe(0);
    await expect.poll(() => missing.count()).toBe(before - 1);
    await shoot(page, 'register-organisations');
    await page.getByRole('tab', { name: /Controller activities/ }).click();
  });

  it('adds a term of its own to a vocabulary and uses it in a record', async () => {
    await page.getByRole('tab', { name: 'Vocabularies' }).click();
    await page.getByRole('navigation', { name: 'Vocabularies' }).getByRole('button', { name: /Categories of personal data/ }).click();
    const add = page.getByRole('form', { name: 'Add a term' });
    await add.getByLabel('New term').fill('Voiceprints');
    await add.getByLabel('Kind of data').selectOption('art9');
    await add.getByLabel('Source or citation').fill('GDPR Art. 4(14)');
    await add.getByRole('button', { name: 'Add' }).click();
    await add.getByRole('status').getByText('Added “Voiceprints”.').waitFor();
    const terms = page.getByRole('region', { name: 'Categories of personal data' });
    expect(await terms.getByRole('row', { name: /Voiceprints/ }).textContent()).toMatch(/Voiceprints\s*Art\. 9 data\s*x-voiceprints\s*GDPR Art\. 4\(14\)\s*Added/);
    await add.getByLabel('New term').fill('Identity');
    await add.getByRole('button', { name: 'Add' }).click();
    await add.getByText('"Identity" is already in this vocabulary (built in).').waitFor();
    await page.getByRole('navigation', { name: 'Vocabularies' }).getByRole('button', { name: /Countries and territories/ }).click();
    expect(await page.getByRole('region', { name: /Countries and territories/ }).getByRole('row', { name: /Germany/ }).textContent()).toContain('DE');
    await shoot(page, 'register-vocabularies');

    await page.getByRole('tab', { name: /Controller activities/ }).click();
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('telephone');
    await page.getByRole('listbox', { name: 'Processing activities' }).getByRole('option', { name: /Recording of support telephone calls/ }).click();
    await page.getByRole('heading', { name: 'Recording of support telephone calls' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit processing activity' });
    await form.getByLabel('Voiceprints').check();
    await form.getByLabel('Add a data-subject category').selectOption('Callers');
    expect(await form.getByLabel(/^Data subjects/).inputValue()).toMatch(/Callers$/);
    await form.getByLabel(/^Condition for special-category data/).waitFor();
    await form.getByRole('button', { name: 'Save changes' }).click();
    const requires = page.getByRole('region', { name: 'What the law still requires' });
    await requires.getByText('special-category data is processed without an Art. 9(2) condition').waitFor();
    expect(await page.locator('.detail-pane').textContent()).toContain('Voiceprints');
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('');
  });

  it('imports the ICO template as filled in, through the mapping and review steps, after a preview that can be cancelled, and exports', async () => {
    const before = await listCount(page);
    // The ICO controller template as a DPO keeps it: title rows, a notes row, free text, Windows-1252, one malformed row.
    const file = join(scratch, 'ico-register.csv');
    writeFileSync(file, readFileSync(join(repoRoot, 'test/fixtures/register/ico-controller-cp1252.csv')));
    const chooser = page.getByLabel('Register file to import');
    await chooser.setInputFiles(file);
    const preview = page.getByRole('dialog', { name: 'Import preview' });
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
    await shoot(page, 'register-import-mapping');
    await preview.getByRole('button', { name: 'Cancel' }).click();
    expect(await listCount(page)).toBe(before);

    await chooser.setInputFiles(file);
    await preview.getByLabel('The file names no controller: import its records for').selectOption({ label: 'Smartt' });
    await preview.getByText('4 new, 0 updated, 0 unchanged, 1 rejected').waitFor();
    await values.getByLabel('Import “Narnia” (Country) as').selectOption({ label: 'Norway' });
    await values.getByLabel('Import “Bank stuff” (Personal data) as').selectOption('new-term');
    await expect.poll(() => values.locator('caption').textContent()).toMatch(/, 0 kept as text and flagged/);
    await preview.getByLabel('Remember these choices for files laid out like this one, as').fill('ICO controller template');
    await values.scrollIntoViewIfNeeded();
    await values.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await shoot(page, 'register-import-review');
    await preview.getByRole('button', { name: 'Import 4 records' }).click();
    await page.getByRole('status', { name: 'Import result' }).getByText('Imported 4, updated 0, unchanged 0, rejected 1.').waitFor();
    await expect.poll(() => listCount(page)).toBe(before + 4);

    // The same file again: the saved choices apply by themselves; nothing new, nothing to import.
    await chooser.setInputFiles(file);
    await preview.getByText('Your saved choices “ICO controller template” are applied.', { exact: false }).waitFor();
    await preview.getByLabel('The file names no controller: import its records for').selectOption({ label: 'Smartt' });
    await preview.getByText('0 new, 0 updated, 4 unchanged, 1 rejected').waitFor();
    expect(await preview.getByRole('button', { name: 'Import 0 records' }).isDisabled()).toBe(true);
    await preview.getByRole('button', { name: 'Cancel' }).click();

    // A large workbook shows how far its read has got, and can be cancelled.
    const rows: string[][] = [['Processing activity', 'Purpose of processing']];
    for (let index = 0; index < 200_000; index += 1) rows.push([`Activity ${index}`, `Purpose ${index % 50}`]);
    const large = join(scratch, 'large-register.xlsx');
    writeFileSync(large, await writeXlsxFile(rows).toBuffer());
    await chooser.setInputFiles(large);
    const reading = page.getByRole('status', { name: 'Reading the file' });
    await reading.waitFor();
    expect(await reading.textContent()).toMatch(/^Reading large-register\.xlsx: /);
    await shoot(page, 'register-import-reading');
    await reading.getByRole('button', { name: 'Cancel' }).click();
    await reading.waitFor({ state: 'detached' });
    expect(await preview.count()).toBe(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const exported = await download;
    expect(exported.suggestedFilename()).toMatch(/^register-\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = join(scratch, 'exported.csv');
    await exported.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    expect(text).toContain('Customer service – Café loyalty calls – Zoë’s scheme');
    expect(text.split('\n')[0]).toContain('Purpose of processing');

    const workbookDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export XLSX' }).click();
    const workbook = await workbookDownload;
    expect(workbook.suggestedFilename()).toMatch(/^register-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const savedWorkbook = join(scratch, 'exported.xlsx');
    await workbook.saveAs(savedWorkbook);
    const sheet = await readSheet(readFileSync(savedWorkbook));
    expect(sheet[0]).toContain('Purpose of processing');
    expect(sheet.some((row: unknown[]) => row.includes('Finance – Paying suppliers and staff expenses'))).toBe(true);
    // Imported back through the page: the workbook changes nothing.
    await page.getByLabel('Register file to import').setInputFiles(savedWorkbook);
    await preview.getByText(/0 new, 0 updated, \d+ unchanged, 0 rejected/).waitFor();
    await preview.getByRole('button', { name: 'Cancel' }).click();
  });

  it('links a processor named among the recipients, keeps the gap filter through a save, and changes many records at once', async () => {
    const gapFilter = page.getByLabel('Filter by gap');
    await gapFilter.selectOption('processor-not-linked');
    const list = page.getByRole('listbox', { name: 'Processing activities' });
    await list.getByRole('option', { name: /Finance – Paying suppliers/ }).click();
    const record = page.getByRole('article', { name: 'Finance – Paying suppliers and staff expenses' });
    await record.getByRole('button', { name: 'Link “Xero” as a vendor' }).click();
    await expect.poll(() => record.getByRole('button', { name: 'Link “Xero” as a vendor' }).count()).toBe(0);
    expect(await record.textContent()).toMatch(/Processors and vendors.*Xero/s);
    await page.getByRole('status').getByText('Saved. The record no longer matches these filters', { exact: false }).waitFor();
    // Saving a record keeps the filter and the search the DPO was working through.
    await list.getByRole('option', { name: /Marketing – Newsletter/ }).click();
    await page.getByRole('article', { name: 'Marketing – Newsletter to customers and prospects' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('form', { name: 'Edit processing activity' }).getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('article', { name: 'Marketing – Newsletter to customers and prospects' }).waitFor();
    expect(await gapFilter.inputValue()).toBe('processor-not-linked');
    await gapFilter.selectOption('');

    // Many records at once: the ones the search shows, one field set on each.
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('Smartt');
    await page.getByRole('button', { name: /^Change the \d+ records shown…$/ }).click();
    const bulk = page.getByRole('dialog', { name: 'Change many records' });
    await bulk.getByRole('combobox', { name: /^Field to set/ }).selectOption('dataLocation');
    await bulk.getByRole('textbox', { name: 'New value' }).fill('EU data centre (Frankfurt)');
    await shoot(page, 'register-bulk-edit');
    await bulk.getByRole('button', { name: /^Apply to \d+ records$/ }).click();
    await bulk.getByRole('status').getByText(/^Location of personal data set on \d+ records\.$/).waitFor();
    await bulk.getByRole('button', { name: 'Close' }).click();
    await list.getByRole('option', { name: /Payroll – monthly/ }).click();
    expect(await page.getByRole('article', { name: 'HR – Payroll – monthly salaries' }).textContent()).toContain('EU data centre (Frankfurt)');
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('');
  });

  it('logs a breach, watches its clocks run out, files in two phases and keeps the lateness frozen', async () => {
    // A page of its own with a controllable clock, so the countdown can be moved on.
    const clockPage = await browser.newPage({ viewport });
    clockPage.setDefaultTimeout(10_000);
    clockPage.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const start = new Date();
    await clockPage.clock.install({ time: start });
    await clockPage.goto(server!.url);
    await clockPage.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
    await clockPage.keyboard.press('Control+3');
    await clockPage.getByRole('heading', { name: 'Breach register' }).waitFor();
    await clockPage.getByRole('button', { name: 'Log a breach' }).click();
    const form = clockPage.getByRole('form', { name: 'New breach' });
    await form.getByLabel('Title').fill('Support mailbox exposed');
    await form.getByLabel(/^Time zone of the incident/).fill('Europe/Berlin');
    // Aware 70 hours ago: two hours left on the GDPR clock.
    const aware = localInputValue(new Date(start.getTime() - 70 * 3_600_000), 'Europe/Berlin');
    await form.getByLabel('Awareness', { exact: true }).fill(aware);
    await form.getByLabel('Detection', { exact: true }).fill(aware);
    // Detection pre-fills discovery and determination (US state clocks count from them), visibly and editable.
    await form.getByRole('note').filter({ hasText: 'Discovery and determination take the detection time' }).waitFor();
    expect(await form.getByLabel('Discovery', { exact: true }).inputValue()).toBe(aware);
    expect(await form.getByLabel('Determination that a breach occurred', { exact: true }).inputValue()).toBe(aware);
    await form.getByLabel('Confidentiality').check();
    await form.getByLabel('Contact details').check();
    await form.getByRole('button', { name: 'Add a place of residence' }).click();
    await form.getByLabel('Residence 1', { exact: true }).fill('DE');
    await form.getByLabel('People in residence 1').fill('800');
    await form.getByLabel(/^Nature of the breach/).fill('A shared support mailbox was readable by anyone with the link');
    // Text in a number field is refused, naming it, and nothing is stored.
    await form.getByLabel('People affected (approx.)').fill('about 300');
    await form.getByRole('button', { name: 'Log the breach' }).click();
    await form.getByRole('alert').getByText('Not saved. People affected: "about 300" is not a whole number').waitFor();
    await form.getByLabel('People affected (approx.)').fill('1,200');
    await form.getByRole('button', { name: 'Log the breach' }).click();

    const clocks = clockPage.getByRole('region', { name: 'Legal clocks' });
    const gdpr = clocks.getByRole('row', { name: /Lead supervisory authority/ });
    await gdpr.getByText('Due soon', { exact: true }).waitFor();
    const countdown = gdpr.getByLabel('Time left for Lead supervisory authority');
    const seconds = (text: string | null) => {
      const [h, m, s] = /(\d{2}):(\d{2}):(\d{2})/.exec(text ?? '')!.slice(1).map(Number) as [number, number, number];
      return h * 3600 + m * 60 + s;
    };
    const before = seconds(await countdown.textContent());
    expect(before).toBeGreaterThan(7000);
    expect(before).toBeLessThanOrEqual(7200);
    await clockPage.clock.fastForward('00:10:00');
    await expect.poll(async () => before - seconds(await countdown.textContent())).toBeGreaterThanOrEqual(600);
    await clockPage.clock.fastForward('02:00:00');
    await gdpr.getByText('Overdue', { exact: true }).waitFor();
    expect(await countdown.textContent()).toMatch(/^overdue by/);
    await clockPage.getByRole('figure', { name: 'Timeline of events and deadlines' }).waitFor();
    await shoot(clockPage, 'incident-clocks');

    // Awareness was in fact 73 hours ago: the deadline passed an hour ago, in real time too.
    await clockPage.getByRole('button', { name: 'Edit facts' }).click();
    const earlier = localInputValue(new Date(start.getTime() - 73 * 3_600_000), 'Europe/Berlin');
    const facts = clockPage.getByRole('form', { name: 'Edit incident' });
    await facts.getByLabel('Awareness', { exact: true }).fill(earlier);
    await facts.getByLabel('Detection', { exact: true }).fill(earlier);
    await facts.getByRole('button', { name: 'Save changes' }).click();
    await clocks.waitFor();

    // First phase, after the deadline: the reasons for the delay are required (Art. 33(1)).
    await gdpr.getByRole('button', { name: 'File for Lead supervisory authority' }).click();
    const filing = clockPage.getByRole('form', { name: 'Filing for Lead supervisory authority' });
    await filing.getByLabel('Channel').fill('Authority portal');
    await filing.getByLabel('Reference').fill('LfDI-2026-117');
    await filing.getByLabel(/^Filed at/).fill(localInputValue(new Date(start.getTime() + 60_000), 'Europe/Berlin'));
    await filing.getByRole('button', { name: 'Record the filing' }).click();
    await filing.getByText(/requires the reasons for the delay/).waitFor();
    await filing.getByLabel(/^Reasons for the delay/).fill('The mailbox owner was unreachable over the weekend');
    await filing.getByRole('button', { name: 'Record the filing' }).click();
    await gdpr.getByText('Filed late', { exact: true }).waitFor();

    // Second phase.
    await gdpr.getByRole('button', { name: 'File for Lead supervisory authority' }).click();
    expect(await filing.getByLabel('Phase').inputValue()).toBe('additional');
    await filing.getByLabel(/^Filed at/).fill(localInputValue(new Date(start.getTime() + 2 * 60_000), 'Europe/Berlin'));
    await filing.getByLabel('Summary').fill('Final count of people affected');
    await filing.getByRole('button', { name: 'Record the filing' }).click();
    await gdpr.getByText('2 filings').waitFor();

    // Awareness corrected to a day later moves the deadline past the first filing; the lateness stays.
    await clockPage.getByRole('button', { name: 'Edit facts' }).click();
    const edit = clockPage.getByRole('form', { name: 'Edit incident' });
    const later = localInputValue(new Date(start.getTime() - 46 * 3_600_000), 'Europe/Berlin');
    await edit.getByLabel('Awareness', { exact: true }).fill(later);
    await edit.getByLabel('Detection', { exact: true }).fill(later);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await clocks.waitFor();
    expect(await gdpr.textContent()).toContain('Filed late');
    const timeline = clockPage.getByRole('region', { name: 'Incident timeline' });
    expect(await timeline.textContent()).toMatch(/Filing by .*after the deadline/);
    await shoot(clockPage, 'incident-filed');
    await clockPage.close();
  });

  it('sets when to be warned before a deadline, and lists the alerts shown', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: 'Notifications…' }).click();
    const panel = page.getByRole('region', { name: 'Notification settings' });
    for (const label of ['24 h before', '6 h before', '1 h before', 'At the deadline']) expect(await panel.getByLabel(label).isChecked(), label).toBe(true);
    await panel.getByLabel('1 h before').uncheck();
    await panel.getByLabel('48 h before').check();
    await panel.getByLabel(/^Another time/).fill('36');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('status').getByText('Saved.').waitFor();
    // The breach logged above has been warned about once (by whichever page took the alert).
    await expect.poll(async () => (await panel.locator('.alert-list').textContent()) ?? '', { timeout: 70_000 }).toMatch(/Lead supervisory authority (is due in|was due)/);
    await shoot(page, 'incident-notifications');
    // A reload comes back to the screen it was on (its address).
    await page.reload();
    await page.getByRole('heading', { name: 'Breach register' }).waitFor();
    await page.getByRole('button', { name: 'Notifications…' }).click();
    expect(await panel.getByLabel('36 h before').isChecked()).toBe(true);
    expect(await panel.getByLabel('1 h before').isChecked()).toBe(false);
    await panel.getByRole('button', { name: 'Close' }).click();

    // The rules, with their sources and "verify" flags; the workspace overrides one, with a reason.
    await page.getByRole('button', { name: 'Rules…' }).click();
    const rules = page.getByRole('region', { name: 'Deadline rules' });
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
    await shoot(page, 'incident-rules');
    await rules.getByRole('button', { name: 'Close' }).click();
  });

  it('starts an incident from a vendor, pre-filled with what the vendor touches', async () => {
    await page.reload();
    await page.getByRole('button', { name: /^Vendors/ }).click();
    await page.getByRole('listbox', { name: 'Processors' }).getByRole('option', { name: /Square/ }).click();
    await page.getByRole('button', { name: 'Start incident from this vendor' }).click();
    const form = page.getByRole('form', { name: 'New breach' });
    expect(await form.getByLabel('Title').inputValue()).toBe('Incident at Square');
    // The vendor and the activities it serves are chosen, shown as chips above each picker.
    await expect.poll(() => form.getByRole('list', { name: 'Vendors involved chosen' }).textContent()).toContain('Square');
    await expect.poll(() => form.getByRole('list', { name: 'Processing activities involved chosen' }).textContent()).toContain('Mentee card payments and billing');
    expect(await form.getByLabel('Economic and financial').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Cancel' }).click();
    const list = page.getByRole('listbox', { name: 'Incidents' });
    await list.getByRole('option', { name: /Support mailbox exposed/ }).waitFor();
    await shoot(page, 'incidents');
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
  });

  it('gives every screen an address: Back and Forward move between sections, and an incident opens from its address', async () => {
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/register');
    await page.keyboard.press('Control+3');
    const incidents = page.getByRole('listbox', { name: 'Incidents' });
    await incidents.getByRole('option', { name: /Support mailbox exposed/ }).click();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/incidents\/[0-9a-f-]{36}$/);
    const address = page.url();
    await page.goBack();
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/register');
    await page.goForward();
    await page.getByRole('heading', { name: 'Breach register' }).waitFor();
    // The address opens the same incident in a fresh page (a bookmark, or an OS notification in the desktop app).
    const fresh = await openPage(address);
    await fresh.getByRole('heading', { name: 'Breach register' }).waitFor();
    await fresh.getByRole('heading', { name: 'Support mailbox exposed' }).waitFor();
    expect(await fresh.getByRole('listbox', { name: 'Incidents' }).getByRole('option', { name: /Support mailbox exposed/ }).getAttribute('aria-selected')).toBe('true');
    await fresh.close();
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
  });

  it('advises on notifying from the risk facts, says why, keeps ENISA beside it, and the Art. 34 clock follows', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
    await page.keyboard.press('Control+3');
    await page.getByRole('heading', { name: 'Breach register' }).waitFor();
    await page.getByRole('button', { name: 'Log a breach' }).click();
    const form = page.getByRole('form', { name: 'New breach' });
    // EDPB 01/2021 case 11: an unencrypted notebook with 100 000 customers' names, addresses and dates of birth, stolen.
    await form.getByLabel('Title').fill('Notebook stolen from a field engineer');
    await form.getByLabel(/^Time zone of the incident/).fill('Europe/Paris');
    const aware = localInputValue(new Date(Date.now() - 3 * 3_600_000), 'Europe/Paris');
    await form.getByLabel('Awareness', { exact: true }).fill(aware);
    await form.getByLabel('Detection', { exact: true }).fill(aware);
    await form.getByLabel('Confidentiality').check();
    await form.getByLabel('Identity', { exact: true }).check();
    await form.getByLabel('Contact details').check();
    await form.getByLabel('People affected (approx.)').fill('100000');
    await form.getByRole('button', { name: 'Add a place of residence' }).click();
    await form.getByLabel('Residence 1', { exact: true }).fill('FR');
    await form.getByLabel('People in residence 1').fill('100000');
    await form.getByText('Risk facts (for the advice on notifying)').click();
    await form.getByLabel('Data taken?').selectOption('confirmed');
    await form.getByLabel('Who may have it').selectOption('malicious');
    await form.getByRole('checkbox', { name: /Enough to impersonate/ }).check();
    await form.getByLabel('Malicious intent').check();
    // "Restored" without the hours is refused, naming the field.
    await form.getByLabel('Data available (or put right) again?').selectOption('restored');
    await form.getByRole('button', { name: 'Log the breach' }).click();
    await form.getByRole('alert').getByText(/Restored within \(hours\): give the number of hours/).waitFor();
    await form.getByLabel('Data available (or put right) again?').selectOption('');
    await form.getByRole('button', { name: 'Log the breach' }).click();

    const advice = page.getByRole('region', { name: 'Risk and decision' });
    await advice.getByText('Advice: Notify the authority and the people affected').waitFor();
    expect(await advice.getByRole('list', { name: 'Why' }).textContent()).toMatch(/a malicious party has or may have it, weighing: enough to impersonate people; 100,000 people affected/);
    expect(await advice.locator('summary').textContent()).toMatch(/^ENISA severity 3 \(high\), one input$/);
    const clocks = page.getByRole('region', { name: 'Legal clocks' });
    const people = clocks.getByRole('row', { name: /Data subjects/ });
    await people.waitFor();
    expect(await people.textContent()).not.toContain('Waits for the risk assessment');
    await shoot(page, 'incident-risk-advice');

    // The same notebook encrypted with the key kept safe (EDPB case 10): document only, and the Art. 34 duty goes.
    await page.getByRole('button', { name: 'Edit facts' }).click();
    const edit = page.getByRole('form', { name: 'Edit incident' });
    await edit.getByLabel('Encrypted, state of the art, key safe').check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await advice.getByText('Advice: Document only (unlikely to result in a risk)').waitFor();
    expect(await advice.getByRole('list', { name: 'Why' }).textContent()).toContain('EDPB cases 1 and 10');
    expect(await advice.locator('summary').textContent()).toBe('ENISA severity 1 (low), one input');
    await expect.poll(() => clocks.getByRole('row', { name: /Data subjects/ }).count()).toBe(0);
  });

  it('still has the record after a restart of the service and a fresh page', async () => {
    await page.close();
    expect(await server!.stop()).toBe(0);
    server = await startBuiltWebServer(['--data-dir', dataDir], { profile: null });
    page = await openPage(server.url);
    // The last workspace is reopened on start; the name given before is kept (not asked again).
    const list = page.getByRole('listbox', { name: 'Processing activities' });
    await list.waitFor();
    expect(await page.getByRole('form', { name: 'Your name for the change log' }).count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('Wi-Fi');
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Visitor Wi-Fi access logs')]);
    await list.getByRole('option').first().click();
    await page.getByRole('heading', { name: 'Visitor Wi-Fi access logs' }).waitFor();
    expect(await page.locator('.detail-pane').textContent()).toContain('90 days after the visit');
    await page.close();
  });

  it('follows the OS dark theme', async () => {
    const dark = await openPage(server!.url, 'dark');
    await dark.getByRole('listbox', { name: 'Processing activities' }).waitFor();
    const background = await dark.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [red, green, blue] = background.match(/\d+/g)!.map(Number);
    expect(red! + green! + blue!).toBeLessThan(150);
    await shoot(dark, 'register-dark');
    await dark.getByRole('button', { name: 'Close workspace' }).click();
    await dark.getByRole('heading', { name: 'Recent workspaces' }).waitFor();
    expect(await dark.getByRole('button', { name: /Demo workspace/ }).isVisible()).toBe(true);
    await shoot(dark, 'welcome-dark');
    await dark.close();
  });

  it('creates a new workspace from a path, starting with its organisation', async () => {
    const fresh = await openPage(server!.url);
    await fresh.getByRole('heading', { name: 'Workspace file' }).waitFor();
    const path = join(scratch, 'registers', 'acme.pwb');
    await fresh.getByLabel('Path').fill(join(scratch, 'no-such-file.pwb'));
    await fresh.getByRole('button', { name: 'Open', exact: true }).click();
    await fresh.getByRole('alert').filter({ hasText: 'No workspace file at' }).waitFor();
    // A new workspace is encrypted: its passphrase is asked for first (typed twice, long enough).
    const dialog = fresh.getByRole('dialog', { name: 'Protect the new workspace' });
    const passphrase = 'tulip ladder seventeen';
    await fresh.getByLabel('Path').fill('relative.pwb');
    await fresh.getByRole('button', { name: 'Create new' }).click();
    await dialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('The same passphrase again').fill(passphrase);
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'give the full path of the file' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await fresh.getByLabel('Path').fill(scratch);
    await fresh.getByRole('button', { name: 'Open', exact: true }).click();
    await fresh.getByRole('alert').filter({ hasText: 'is a folder; give the path of a workspace file' }).waitFor();

    mkdirSync(join(scratch, 'registers'), { recursive: true });
    await fresh.getByLabel('Path').fill(path);
    await fresh.getByRole('button', { name: 'Create new' }).click();
    await dialog.getByLabel('Passphrase', { exact: true }).fill('short');
    await dialog.getByLabel('The same passphrase again').fill('short');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Use at least 10 characters' }).waitFor();
    await dialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('The same passphrase again').fill(`${passphrase}!`);
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The two passphrases differ.' }).waitFor();
    await dialog.getByLabel('The same passphrase again').fill(passphrase);
    await shoot(fresh, 'workspace-passphrase-new');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await fresh.getByRole('heading', { name: 'Start with your organisation' }).waitFor();
    expect(await fresh.locator('.workspace-name').textContent()).toContain('Encrypted');
    // Encrypted on disk: the file holds nothing readable.
    expect(readFileSync(path).includes(Buffer.from('SQLite format 3'))).toBe(false);
    // The earlier failure is no longer shown once the workspace is open.
    expect(await fresh.getByText('No workspace file at').count()).toBe(0);
    expect(await fresh.locator('.workspace-name').textContent()).toContain('acme');
    expect(await fresh.getByRole('button', { name: 'New activity' }).isDisabled()).toBe(true);
    await fresh.getByRole('button', { name: 'Add organisation' }).click();
    await fresh.getByRole('alert').filter({ hasText: 'name must not be empty' }).waitFor();
    await fresh.getByLabel('Organisation name').fill('Acme Ltd');
    await fresh.getByRole('button', { name: 'Add organisation' }).click();
    await fresh.getByRole('heading', { name: 'No processing activities yet' }).waitFor();
    expect(await fresh.getByRole('button', { name: 'New activity' }).isEnabled()).toBe(true);
    await shoot(fresh, 'register-new-workspace');

    // A large register stays fluid: only the rows in view are in the page.
    const rows = ['Processing activity,Purpose of processing', ...Array.from({ length: 3000 }, (_, index) => `Activity ${String(index).padStart(4, '0')},Purpose ${index}`)];
    const big = join(scratch, 'big-register.csv');
    writeFileSync(big, rows.join('\n'));
    await fresh.getByLabel('Register file to import').setInputFiles(big);
    await fresh.getByRole('dialog', { name: 'Import preview' }).getByRole('button', { name: 'Import 3000 records' }).click();
    await expect.poll(() => listCount(fresh)).toBe(3000);
    const list = fresh.getByRole('listbox', { name: 'Processing activities' });
    expect(await list.getByRole('option').count()).toBeLessThan(60);
    await list.focus();
    await fresh.keyboard.press('End');
    await list.getByRole('option', { name: /Activity 2999/ }).waitFor();
    expect(await list.getByRole('option', { name: /Activity 2999/ }).getAttribute('aria-selected')).toBe('true');
    await fresh.getByRole('heading', { name: 'Activity 2999' }).waitFor();
    // The breach form chooses among the 3000 with a searchable list that keeps only the rows in view in the page.
    await fresh.keyboard.press('Control+3');
    await fresh.getByRole('button', { name: 'Log a breach' }).click();
    const breach = fresh.getByRole('form', { name: 'New breach' });
    await breach.getByText('Processing activities and vendors involved').click();
    const picker = breach.getByRole('group', { name: 'Processing activities involved' });
    await picker.getByText('3000 in all').waitFor();
    expect(await picker.getByRole('checkbox').count()).toBeLessThan(40);
    await picker.getByRole('searchbox', { name: 'Search processing activities involved' }).fill('Activity 2718');
    await picker.getByText('1 of 3000 match').waitFor();
    await picker.getByRole('checkbox', { name: /Activity 2718/ }).check();
    expect(await picker.getByRole('list', { name: 'Processing activities involved chosen' }).textContent()).toContain('Activity 2718');
    await picker.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await shoot(fresh, 'incident-activity-picker');
    await breach.getByRole('button', { name: 'Cancel' }).click();
    await fresh.keyboard.press('Control+1');

    // Reopened from the recent list, it asks for its passphrase; a wrong one is said in the dialog.
    await fresh.getByRole('button', { name: 'Close workspace' }).click();
    await fresh.getByRole('button', { name: /acme/ }).click();
    const locked = fresh.getByRole('dialog', { name: 'This workspace is encrypted' });
    await locked.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await locked.getByRole('button', { name: 'Open' }).click();
    await locked.getByRole('alert').filter({ hasText: 'The passphrase does not open' }).waitFor();
    await locked.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await shoot(fresh, 'workspace-passphrase-open');
    await locked.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => listCount(fresh)).toBe(3000);
    await fresh.close();
  });

  it('backs up, previews and restores from the Backups screen, and changes the passphrase', async () => {
    const backups = await openPage(server!.url);
    const passphrase = 'tulip ladder seventeen';
    await expect.poll(() => listCount(backups)).toBe(3000);
    // Closing the workspace in the last test backed it up; the top bar says when.
    await expect.poll(() => backups.locator('.backup-indicator').textContent()).toMatch(/^Backed up (just now|\d+ min ago)$/);
    await backups.keyboard.press('Control+6');
    await backups.getByRole('heading', { name: 'Backups', exact: true }).waitFor();
    await backups.getByText('Holds the latest change').waitFor();
    const table = backups.getByRole('table', { name: 'Backups' });
    // The header row and the backup taken on closing.
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await backups.getByRole('button', { name: 'Back up now' }).click();
    await backups.getByRole('status').filter({ hasText: /^Backed up and checked: acme-\d{8}T\d{6}Z-entry-\d+-[0-9a-f]{8}\.pwbackup$/ }).waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(3);

    // Work after the backup: one more activity.
    await backups.keyboard.press('Control+1');
    const later = join(scratch, 'after-backup.csv');
    writeFileSync(later, 'Processing activity,Purpose of processing\nAdded after the backup,Purpose\n');
    await backups.getByLabel('Register file to import').setInputFiles(later);
    await backups.getByRole('dialog', { name: 'Import preview' }).getByRole('button', { name: 'Import 1 record' }).click();
    await expect.poll(() => listCount(backups)).toBe(3001);
    await backups.keyboard.press('Control+6');
    await backups.getByText('Changes since').waitFor();

    // The preview of the backup made by hand: what goes back, side by side.
    await table.getByRole('row').filter({ hasText: 'By hand' }).getByRole('button', { name: /Preview restore/ }).click();
    const preview = backups.getByRole('table', { name: 'What the restore changes' });
    await preview.waitFor();
    expect((await preview.getByRole('row').filter({ hasText: 'Activities' }).textContent())?.replace(/\s+/g, ' ')).toBe('Activities30013000-1');
    await shoot(backups, 'backups');
    await backups.getByRole('button', { name: 'Restore this backup…' }).click();
    const confirm = backups.getByRole('alertdialog', { name: 'Replace the workspace with this backup?' });
    await confirm.waitFor();
    await shoot(backups, 'backups-restore-confirm');
    await confirm.getByRole('button', { name: 'Restore' }).click();
    const done = backups.getByRole('status').filter({ hasText: 'Restored' });
    await done.waitFor();
    expect(await done.textContent()).toMatch(/kept whole at .*acme\.pwb\.before-restore-\d{8}T\d{6}Z/);
    await backups.keyboard.press('Control+1');
    await expect.poll(() => listCount(backups)).toBe(3000);

    // A new passphrase: the present one is asked for first.
    await backups.keyboard.press('Control+6');
    await backups.getByRole('button', { name: 'Change passphrase…' }).click();
    const change = backups.getByRole('form', { name: 'Change the passphrase' });
    await change.getByLabel('Present passphrase').fill('not the passphrase');
    await change.getByLabel('New passphrase', { exact: true }).fill('meadow lantern fortyone');
    await change.getByLabel('The new passphrase again').fill('meadow lantern fortyone');
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await change.getByRole('alert').filter({ hasText: 'not the present passphrase' }).waitFor();
    await change.getByLabel('Present passphrase').fill(passphrase);
    await shoot(backups, 'backups-passphrase-change');
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await backups.getByRole('status').filter({ hasText: 'The passphrase was changed' }).waitFor();

    // Closed and reopened: only the new passphrase opens it.
    await backups.getByRole('button', { name: 'Close workspace' }).click();
    await backups.getByRole('button', { name: /acme/ }).click();
    const locked = backups.getByRole('dialog', { name: 'This workspace is encrypted' });
    await locked.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await locked.getByRole('button', { name: 'Open' }).click();
    await locked.getByRole('alert').filter({ hasText: 'The passphrase does not open' }).waitFor();
    await locked.getByLabel('Passphrase', { exact: true }).fill('meadow lantern fortyone');
    await locked.getByRole('button', { name: 'Open' }).click();
    await locked.waitFor({ state: 'detached' });
    await backups.keyboard.press('Control+1');
    await expect.poll(() => listCount(backups)).toBe(3000);
    await backups.close();
  });

  it('logged no page error or console error', () => {
    expect(problems).toEqual([]);
  });
});
