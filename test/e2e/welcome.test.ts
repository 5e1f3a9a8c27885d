import { describe } from 'vitest';
import { expect, test } from '../support/app';

/** The first screens: the welcome screen, the demo workspace, the name asked once, the dark theme. */
describe('the welcome screen in Chromium', () => {
  test('starts on a welcome screen that offers the demo workspace', async ({ start }) => {
    // A computer account that never used the app: it will be asked for the person's name once.
    const app = await (await start({ workspace: 'none', profile: null })).open();
    await expect.poll(() => app.welcome.heading.isVisible()).toBe(true);
    await expect.poll(() => app.welcome.demoButton.isVisible()).toBe(true);
    await app.shoot('welcome');
  });

  test('opens the demo workspace built from the five seed organisations', async ({ start }) => {
    const app = await (await start({ workspace: 'none', profile: null })).open();
    const { page, register, welcome } = app;
    await welcome.demoButton.click();
    const list = register.list;
    await list.waitFor();
    // Asked once: the name the change log records with the computer account.
    await welcome.profilePrompt.waitFor();
    await app.shoot('profile-prompt');
    // One letter is no name a colleague knows: refused beside the field, and asked again.
    await welcome.saveProfileName('A');
    const name = welcome.profilePrompt.getByRole('textbox');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await welcome.profilePrompt.locator(`#${await name.getAttribute('aria-describedby')}`).textContent()).toBe('give your name as colleagues know it');
    await welcome.saveProfileName('Anna Martin');
    await welcome.profilePrompt.waitFor({ state: 'detached' });
    expect(await page.getByText('Demo', { exact: true }).isVisible()).toBe(true);
    expect(await app.listCount()).toBe(24);
    for (const name of ['Smarp', 'SmarTek21', 'SmarterTools', 'Smartner', 'Smartt']) {
      await register.search.fill(name);
      await expect.poll(async () => (await list.locator('.row-meta').allTextContents()).every((text) => text.toLowerCase().startsWith(name.toLowerCase()))).toBe(true);
      expect(await app.listCount(), name).toBeGreaterThan(0);
    }
    await register.search.fill('');
    await expect.poll(() => app.listCount()).toBe(24);
    await register.select('Mentee card payments and billing', { option: /Mentee card payments/ });
    expect(await register.detail.textContent()).toContain('Square');
    await app.shoot('register');
  });

  test('opens the demo from the operation\'s answer, even before the page hears any event', async ({ start }) => {
    // The event streams are refused: the workspace-changed event never comes, the answer does.
    const app = await (await start({ workspace: 'none' })).open({ withoutEvents: true });
    await app.welcome.demoButton.click();
    await app.register.list.waitFor();
    expect(await app.listCount()).toBe(24);
  });

  test('follows the OS dark theme', async ({ start }) => {
    const app = await (await start({ workspace: 'demo' })).open({ colorScheme: 'dark' });
    const { page, register, welcome } = app;
    await register.list.waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [red, green, blue] = background.match(/\d+/g)!.map(Number);
    expect(red! + green! + blue!).toBeLessThan(150);
    await app.shoot('register-dark');
    await app.closeWorkspace();
    await welcome.recentHeading.waitFor();
    expect(await welcome.recent(/Demo workspace/).isVisible()).toBe(true);
    await app.shoot('welcome-dark');
  });
});
