import type { Page } from 'playwright-core';

/** The call-recordings section: the parts the browser suites use. */
export class RecordingsPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Call recordings' });
  }

  async showTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  practice(organisation: string) {
    return this.page.getByRole('article', { name: `Recording practice of ${organisation}` });
  }
}

/** The reports section. */
export class ReportsPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Reports', exact: true });
  }
}
