import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, test as base, expect } from 'vitest';
import type { Result } from '../../core/contract';
import { launchChromium } from './chromium';
import { typedClient, type TypedClient } from './client';
import { App } from './pages/app';
import { startBuiltWebServer, type RunningWebServer } from './webServer';

/**
 * The end-to-end fixture: each test starts the built service in browser mode on a data folder of
 * its own, with the workspace it needs, and opens the renderer in Debian's Chromium. Everything it
 * started is stopped after the test, and a test fails if any of its pages logged a page error or a
 * console error. Chromium itself is started once per file.
 */
export interface StartOptions {
  /**
   * The workspace the test starts in: the demo (five seed organisations), an empty plain one, none
   * (the welcome screen), or the one a function builds before the service starts (it is given the
   * scratch folder, whose "data" folder the service will use, and returns the workspace's path,
   * which the service opens).
   */
  workspace: 'demo' | 'empty' | 'none' | ((scratch: string) => string | Promise<string>);
  /** The person named for the change log; null is a computer account that never used the app. */
  profile?: string | null;
  /** Environment variables of the service's process (e.g. TZ, the computer's zone). */
  env?: Record<string, string>;
}

export interface PageOptions {
  /** The address to open; the service's own by default. */
  url?: string;
  colorScheme?: 'light' | 'dark';
  /** Installs Playwright's controllable clock at this instant before the page loads. */
  clock?: Date;
  /** The page's event streams are held unanswered (as if they had not connected yet). */
  withoutEvents?: boolean;
  /** 1360 × 860 by default. */
  viewport?: { width: number; height: number };
  /** The browser's time zone (the computer's by default). */
  timezoneId?: string;
  /** How long a wait or an action may take: 10 s by default. */
  timeout?: number;
}

/** One running service, its data folder and scratch folder, and the pages opened on it. */
export class Workbench {
  /** What the pages logged: a test must end with none. */
  readonly problems: string[] = [];
  private readonly pages: Page[] = [];
  /** The service through its HTTP API, one typed method per contract operation (for set-up). */
  readonly client: TypedClient = typedClient({ call: (name, input) => this.post(name, input) });

  private constructor(
    private readonly browser: Browser,
    /** A temporary folder of the test's own, for its files; the data folder is inside it. */
    readonly scratch: string,
    public server: RunningWebServer,
    private readonly env: Record<string, string>,
  ) {}

  static async start(browser: Browser, { workspace, profile = 'Anna Martin', env = {} }: StartOptions): Promise<Workbench> {
    const scratch = mkdtempSync(join(tmpdir(), 'pwb-e2e-'));
    let server: RunningWebServer;
    try {
      const prepared = typeof workspace === 'function' ? ['--workspace', await workspace(scratch)] : [];
      server = await startBuiltWebServer(['--data-dir', join(scratch, 'data'), ...prepared], { profile, env });
    } catch (error) {
      rmSync(scratch, { recursive: true, force: true });
      throw error;
    }
    const workbench = new Workbench(browser, scratch, server, env);
    if (workspace === 'demo') await workbench.client.openDemoWorkspace();
    if (workspace === 'empty') await workbench.client.createWorkspace({ path: join(scratch, 'workspace.pwb'), passphrase: null });
    return workbench;
  }

  get dataDir(): string {
    return join(this.scratch, 'data');
  }

  /** Calls an operation the way the page does (the service's token, its origin). */
  private async post(operation: string, input: unknown): Promise<Result<unknown>> {
    const response = await fetch(`${this.server.origin}/api/${operation}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-workbench-token': this.server.token, Origin: this.server.origin },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Result<unknown>;
  }

  /** A new page (in a browser context of its own) whose page errors and console errors are kept. */
  async openPage({ url = this.server.url, colorScheme = 'light', clock, withoutEvents = false, viewport = { width: 1360, height: 860 }, timezoneId, timeout = 10_000 }: PageOptions = {}): Promise<Page> {
    const page = await this.browser.newPage({ viewport, colorScheme, timezoneId });
    this.pages.push(page);
    page.setDefaultTimeout(timeout);
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console error: ${message.text()}`);
    });
    if (clock) await page.clock.install({ time: clock });
    if (withoutEvents) {
      // Never answered: the streams stay connecting, as on a slow start (no error is logged).
      await page.route('**/events', () => undefined);
      await page.goto(url);
      return page;
    }
    // Browser mode pushes changes through event streams the page opens on start (renderer/src/App.tsx
    // subscribes twice); waiting for both keeps tests that count refreshes from starting early.
    let connected = 0;
    const streams = page.waitForEvent('response', { predicate: (response) => new URL(response.url()).pathname === '/events' && ++connected === 2 });
    await page.goto(url);
    await streams;
    return page;
  }

  /** A new page with the app's screens as page objects. */
  async open(options: PageOptions = {}): Promise<App> {
    return new App(await this.openPage(options));
  }

  /** Stops the service and starts it again on the same data folder (pages are closed first). */
  async restart({ profile = 'Anna Martin' }: { profile?: string | null } = {}): Promise<number | null> {
    await this.closePages();
    const code = await this.server.stop();
    this.server = await startBuiltWebServer(['--data-dir', this.dataDir], { profile, env: this.env });
    return code;
  }

  async stop(): Promise<void> {
    await this.closePages();
    await this.server.stop();
    rmSync(this.scratch, { recursive: true, force: true });
  }

  private async closePages(): Promise<void> {
    for (const page of this.pages.splice(0)) await page.context().close();
  }
}

/**
 * `test` with the fixture: `await start({ workspace: 'demo' })` gives the test a service of its own
 * (set it up further through `client`), then `await workbench.open()` a page on it.
 */
export const test = base
  // eslint-disable-next-line no-empty-pattern -- Vitest reads a fixture's dependencies from this pattern, and Chromium has none.
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await launchChromium();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('start', async ({ browser }, { onCleanup }) => {
    const started: Workbench[] = [];
    onCleanup(async () => {
      for (const workbench of started) await workbench.stop();
      expect(started.flatMap((workbench) => workbench.problems), 'page errors and console errors').toEqual([]);
    });
    return async (options: StartOptions): Promise<Workbench> => {
      const workbench = await Workbench.start(browser, options);
      started.push(workbench);
      return workbench;
    };
  });

/**
 * For a file whose tests continue one another's story: one service (and, with `page`, one page on
 * it) shared by every test of the file, started before the first and stopped after the last, which
 * fails if any page logged a page error or a console error. Read its fields inside the tests.
 */
export function shareWorkbench(options: StartOptions, page?: PageOptions): { readonly workbench: Workbench; readonly page: Page } {
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  let opened: Page | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    workbench = await Workbench.start(browser, options);
    if (page) opened = await workbench.openPage(page);
  });
  afterAll(async () => {
    await workbench?.stop();
    await browser?.close();
    expect(workbench?.problems, 'page errors and console errors').toEqual([]);
  });
  return {
    get workbench() {
      if (!workbench) throw new Error('the shared workbench starts before the first test');
      return workbench;
    },
    get page() {
      if (!opened) throw new Error('no shared page: pass its options to shareWorkbench');
      return opened;
    },
  };
}

export { expect };
