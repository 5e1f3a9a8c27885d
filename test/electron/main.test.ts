/* eslint-disable @typescript-eslint/no-explicit-any -- the stand-in 'electron' module records loosely typed options and menu templates. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelOf, eventChannelOf, operationNames, type Result } from '../../core/contract';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createWorkbenchService } from '../../service';
import { defaultUserDataDir, productName } from '../../service/userDataDir';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { repoRoot } from '../support/workspace';

/**
 * The Electron main process, run under Node with a stand-in for the 'electron' module that records
 * what main.ts asks of it. Where a real Electron binary exists, test/e2e/electron.test.ts drives
 * the real thing; this suite runs everywhere.
 */
type Listener = (...args: unknown[]) => unknown;
const fake = vi.hoisted(() => {
  const state = {
    lock: true,
    quit: 0,
    appListeners: new Map<string, Listener[]>(),
    paths: new Map<string, string>(),
    ipc: new Map<string, Listener>(),
    windows: [] as Array<{ options: Record<string, any>; url: string | null; listeners: Map<string, Listener[]>; calls: string[]; bounds: { x: number; y: number; width: number; height: number }; scripts: string[] }>,
    menu: null as null | Array<Record<string, any>>,
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    headersReceived: null as null | Listener,
    headersFilter: undefined as undefined | { urls: string[] },
    partitions: new Map<string, { permissionRequest: Listener | null; permissionCheck: Listener | null }>(),
    userModelId: null as null | string,
    loadFails: false,
    exitCodes: [] as number[],
    saveDialogs: [] as Array<Record<string, any>>,
    /** What the save and open dialogs answer (null: cancelled). */
    saveChoice: null as null | string,
    openChoice: null as null | string,
    /** What main.ts sent to a window's page: channel and payload. */
    sent: [] as Array<[string, unknown]>,
    errorBoxes: [] as string[],
    // As in Electron, a notification's listeners live on the object: the record reaches it only weakly.
    notifications: [] as Array<{ options: Record<string, any>; shown: number; object: WeakRef<{ emit(event: string, ...args: unknown[]): void }> }>,
    loadError: null as null | (Error & { code?: string }),
    readyResolve: null as null | (() => void),
    /** The OS secret store safeStorage picked (Linux names), and the account's secret it wraps with. */
    storageBackend: 'gnome_libsecret' as string,
    osSecret: 'account-one',
  };
  return state;
});

vi.mock('electron', () => {
  const on = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  class BrowserWindow {
    static getAllWindows = () => fake.windows;
    record: (typeof fake.windows)[number];
    webContents = {
      send: (channel: string, payload: unknown) => fake.sent.push([channel, payload]),
      on: vi.fn(),
      once: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      executeJavaScript: (script: string) => {
        this.record.scripts.push(script);
        return Promise.resolve();
      },
    };
    constructor(options: Record<string, any>) {
      this.record = { options, url: null, listeners: new Map(), calls: [], bounds: { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height }, scripts: [] };
      fake.windows.push(this.record);
    }
    on(event: string, listener: Listener) {
      on(this.record.listeners)(event, listener);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    loadURL(url: string) {
      this.record.url = url;
      if (fake.loadError) return Promise.reject(fake.loadError);
      return fake.loadFails ? Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6) loading app://workbench/index.html')) : Promise.resolve();
    }
    getNormalBounds() {
      return this.record.bounds;
    }
    isMaximized() {
      return false;
    }
    maximize() {
      this.record.calls.push('maximize');
    }
    show() {
      this.record.calls.push('show');
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }
  return {
    app: {
      // Electron throws for a folder that does not exist.
      setPath: (name: string, value: string) => {
        if (!existsSync(value)) throw new Error(`Failed to set path: ${value} does not exist`);
        fake.paths.set(name, value);
      },
      setAppUserModelId: (id: string) => (fake.userModelId = id),
      getVersion: () => '0.1.0',
      getPath: (name: string) => fake.paths.get(name) ?? join(tmpdir(), 'unused'),
      requestSingleInstanceLock: () => fake.lock,
      quit: () => (fake.quit += 1),
      exit: (code: number) => fake.exitCodes.push(code),
      on: on(fake.appListeners),
      whenReady: () => new Promise<void>((resolve) => (fake.readyResolve = resolve)),
      isPackaged: false,
      showAboutPanel: vi.fn(),
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (_title: string, message: string) => fake.errorBoxes.push(message),
      showSaveDialog: (options: Record<string, any>) => {
        fake.saveDialogs.push(options);
        return Promise.resolve(fake.saveChoice ? { canceled: false, filePath: fake.saveChoice } : { canceled: true });
      },
      showOpenDialog: () => Promise.resolve(fake.openChoice ? { canceled: false, filePaths: [fake.openChoice] } : { canceled: true, filePaths: [] }),
    },
    ipcMain: { handle: (channel: string, handler: Listener) => fake.ipc.set(channel, handler) },
    Menu: { buildFromTemplate: (template: Array<Record<string, any>>) => template, setApplicationMenu: (menu: Array<Record<string, any>>) => (fake.menu = menu) },
    net: { fetch: vi.fn() },
    Notification: class {
      static isSupported = () => true;
      record: (typeof fake.notifications)[number];
      listeners = new Map<string, Listener[]>();
      constructor(options: Record<string, any>) {
        this.record = { options, shown: 0, object: new WeakRef(this) };
        fake.notifications.push(this.record);
      }
      on(event: string, listener: Listener) {
        on(this.listeners)(event, listener);
        return this;
      }
      emit(event: string, ...args: unknown[]) {
        (this.listeners.get(event) ?? []).forEach((listener) => listener(...args));
      }
      show() {
        this.record.shown += 1;
      }
    },
    // As safeStorage does: bytes only this account's store turns back into the text (a stand-in cipher).
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve(true),
      getSelectedStorageBackend: () => fake.storageBackend,
      encryptStringAsync: (text: string) => Promise.resolve(Buffer.from(`${fake.osSecret}:${Buffer.from(text).toString('base64')}`).map((byte) => byte ^ 0x5a)),
      decryptStringAsync: (wrapped: Buffer) => {
        const [secret, body] = Buffer.from(wrapped.map((byte) => byte ^ 0x5a)).toString().split(':');
        if (secret !== fake.osSecret) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
        return Promise.resolve({ result: Buffer.from(body!, 'base64').toString(), shouldReEncrypt: false });
      },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (fake.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (fake.permissionCheck = handler),
        webRequest: {
          onHeadersReceived: (filter: { urls: string[] } | Listener, handler?: Listener) => {
            fake.headersFilter = typeof filter === 'function' ? undefined : filter;
            fake.headersReceived = typeof filter === 'function' ? filter : handler!;
          },
        },
      },
      fromPartition: (name: string) => {
        const record = { permissionRequest: null as Listener | null, permissionCheck: null as Listener | null };
        fake.partitions.set(name, record);
        return {
          setPermissionRequestHandler: (handler: Listener) => (record.permissionRequest = handler),
          setPermissionCheckHandler: (handler: Listener) => (record.permissionCheck = handler),
        };
      },
    },
  };
});

let userData: string;
let resources: string;

async function startMain(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main');
  fake.readyResolve?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const emitApp = (event: string, ...args: unknown[]) => (fake.appListeners.get(event) ?? []).forEach((listener) => listener(...args));

beforeEach(() => {
  Object.assign(fake, { storageBackend: 'gnome_libsecret', osSecret: 'account-one', lock: true, quit: 0, menu: null, permissionRequest: null, permissionCheck: null, headersReceived: null, headersFilter: undefined, readyResolve: null, userModelId: null, loadFails: false, loadError: null });
  fake.partitions.clear();
  fake.exitCodes.length = 0;
  fake.saveDialogs.length = 0;
  fake.sent.length = 0;
  fake.saveChoice = null;
  fake.openChoice = null;
  fake.paths.clear();
  fake.appListeners.clear();
  fake.ipc.clear();
  fake.windows.length = 0;
  fake.errorBoxes.length = 0;
  fake.notifications.length = 0;
  userData = mkdtempSync(join(tmpdir(), 'pwb-main-'));
  resources = mkdtempSync(join(tmpdir(), 'pwb-resources-'));
  // Under Node the Node build of better-sqlite3 stands in for the Electron build main.ts looks for.
  mkdirSync(join(resources, 'native'));
  copyFileSync(join(repoRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(resources, 'native', 'better_sqlite3.node'));
  Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });
  process.env.WORKBENCH_USER_DATA_DIR = userData;
});
afterEach(() => {
  emitApp('will-quit');
  delete process.env.WORKBENCH_USER_DATA_DIR;
  rmSync(userData, { recursive: true, force: true });
  rmSync(resources, { recursive: true, force: true });
});

describe('the Electron main process', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.lock = false;
    await startMain();
    expect(fake.quit).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipc.size).toBe(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await startMain();
    expect(fake.appListeners.get('second-instance')).toHaveLength(1);
    expect(fake.paths.get('userData')).toBe(userData);
  });

  it('opens one sandboxed, isolated window without Node on the app protocol', async () => {
    await startMain();
    expect(fake.windows).toHaveLength(1);
    const { options, url } = fake.windows[0]!;
    expect(url).toBe('app://workbench/index.html');
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options.webPreferences.preload).toMatch(/preload\.cjs$/);
  });

  it('registers one IPC handler per operation that refuses foreign senders and validates input', async () => {
    await startMain();
    expect([...fake.ipc.keys()].sort()).toEqual(operationNames.map(channelOf).sort());
    const handler = fake.ipc.get(channelOf('getWorkspace'))!;
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler({ senderFrame: { url: 'app://workbench/index.html' } }, {})).toEqual({ ok: true, value: null });
    const create = fake.ipc.get(channelOf('createWorkspace'))!;
    expect(await create({ senderFrame: { url: 'app://workbench/index.html' } }, { path: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'path' } });
  });

  it('refuses navigation, new windows, webviews and every permission, and sends the CSP header', async () => {
    await startMain();
    const listeners = new Map<string, Listener>();
    const contents = { on: (event: string, listener: Listener) => listeners.set(event, listener), getURL: () => 'app://workbench/index.html', setWindowOpenHandler: vi.fn() };
    emitApp('web-contents-created', {}, contents);
    const navigate = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(navigate, 'https://example.com/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.setWindowOpenHandler.mock.calls[0]![0]({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    const callback = vi.fn();
    fake.permissionRequest!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.permissionCheck!({}, 'notifications')).toBe(false);
    const headers = vi.fn();
    fake.headersReceived!({ url: 'app://workbench/index.html', responseHeaders: {} }, headers);
    expect(headers.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toMatch(/default-src 'none'/);
  });

  it('sends the CSP header on the app’s own pages only, and prints reports in a session of their own', async () => {
    await startMain();
    // Sent on every response, the app's style-src 'self' reached the printer's report page (a
    // temporary file) and dropped its inline styles: the hook is limited to the app's origin.
    expect(fake.headersFilter).toEqual({ urls: ['app://workbench/*'] });
    for (const url of ['file:///tmp/privacy-workbench-report-1/report.html', 'pw-media://recordings/1', 'app://other/index.html']) {
      const headers = vi.fn();
      fake.headersReceived!({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, headers);
      expect(headers, url).toHaveBeenCalledWith({});
    }
    // The printer's session (electron/reportPrinter.ts) refuses every permission too.
    const printer = fake.partitions.get('report-printer')!;
    const callback = vi.fn();
    printer.permissionRequest!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(printer.permissionCheck!({}, 'clipboard-read')).toBe(false);
  });

  it('keeps settings, recent workspaces and the demo in the same folder as the CLI', async () => {
    // No separate profile: the folder Electron would name after package.json's productName.
    delete process.env.WORKBENCH_USER_DATA_DIR;
    const config = mkdtempSync(join(tmpdir(), 'pwb-xdg-'));
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { productName?: string };
      const builder = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
      expect(pkg.productName).toBe(productName);
      expect(builder).toMatch(new RegExp(`^productName: ${productName}$`, 'm'));
      await startMain();
      expect(fake.paths.get('userData')).toBe(join(config, productName));
      expect(fake.paths.get('userData')).toBe(defaultUserDataDir());

      const file = fake.menu!.find((item) => item.label === '&File')!;
      await file.submenu.find((item: Record<string, any>) => item.label === 'Open Demo Workspace').click();
      emitApp('will-quit');
      // What the CLI and browser mode open (cli/commands/web.ts: dataDir = defaultUserDataDir()).
      const cli = createWorkbenchService({ dataDir: defaultUserDataDir() });
      try {
        expect(cli.handlers.listRecentWorkspaces({})).toEqual([expect.objectContaining({ path: join(config, productName, 'demo-workspace.sqlite'), exists: true })]);
      } finally {
        cli.close();
      }
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
      rmSync(config, { recursive: true, force: true });
    }
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec and Chromium do (app.setPath refuses relative paths)', () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(join(homedir(), '.config', productName));
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: 'relative/config' }, 'linux')).toBe(join(homedir(), '.config', productName));
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/srv/config' }, 'linux')).toBe(join('/srv/config', productName));
  });

  it('creates a separate profile folder that does not exist yet (app.setPath would throw)', async () => {
    process.env.WORKBENCH_USER_DATA_DIR = join(userData, 'not', 'there', 'yet');
    await startMain();
    expect(fake.paths.get('userData')).toBe(join(userData, 'not', 'there', 'yet'));
    expect(fake.windows).toHaveLength(1);
  });

  it('gives Windows the app user model id its notifications need, and only Windows', async () => {
    await startMain();
    expect(fake.userModelId).toBeNull();
    emitApp('will-quit');
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
    try {
      await startMain();
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    const builder = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
    expect(fake.userModelId).toBe(/^appId: (.+)$/m.exec(builder)![1]);
  });

  it('maximises a remembered maximised window only once it is painted', async () => {
    writeFileSync(join(userData, 'window-state.json'), JSON.stringify({ x: 10, y: 10, width: 1200, height: 800, maximized: true }));
    await startMain();
    const window = fake.windows[0]!;
    expect(window.calls).toEqual([]);
    window.listeners.get('ready-to-show')!.forEach((listener) => listener());
    expect(window.calls).toEqual(['maximize', 'show']);
  });

  it('lets a notification go once the user dismisses it', async () => {
    const setup = typedClient(createWorkbenchService({ dataDir: userData, actor: 'responder', clock: () => new Date(Date.now() - 2 * 3_600_000) }));
    await setup.openDemoWorkspace();
    await setup.createIncident({ title: 'Lost laptop', zone: 'UTC', events: { aware: { at: new Date(Date.now() - (72 * 60 - 30) * 60_000).toISOString(), zone: 'UTC' } }, affected: [{ where: 'DE', count: 3 }] });
    setup.close();
    await startMain();
    await vi.waitFor(() => expect(fake.notifications).toHaveLength(1));
    fake.notifications[0]!.object.deref()!.emit('close', { reason: 'userCanceled' });
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(fake.notifications[0]!.object.deref()).toBeUndefined();
  });

  it('ignores a page load aborted by another navigation (a reload), and reports any other failure', async () => {
    fake.loadError = Object.assign(new Error('ERR_ABORTED (-3) loading app://workbench/index.html'), { code: 'ERR_ABORTED' });
    await startMain();
    expect(fake.errorBoxes).toEqual([]);
    expect(fake.exitCodes).toEqual([]);
  });

  it('copies the settings an earlier desktop build kept under the package name, once', async () => {
    delete process.env.WORKBENCH_USER_DATA_DIR;
    const config = mkdtempSync(join(tmpdir(), 'pwb-xdg-'));
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      mkdirSync(join(config, 'privacy-workbench'));
      const recent = { recent: [{ path: '/home/dpo/register.pwb', name: 'register', openedAt: '2026-11-01T10:00:00.000Z' }], last: '/home/dpo/register.pwb' };
      writeFileSync(join(config, 'privacy-workbench', 'settings.json'), JSON.stringify(recent));
      await startMain();
      expect(JSON.parse(readFileSync(join(config, productName, 'settings.json'), 'utf8'))).toMatchObject({ recent: [{ path: '/home/dpo/register.pwb' }] });
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
      rmSync(config, { recursive: true, force: true });
    }
  });

  it('says so and quits when the window’s page does not load, instead of running invisibly', async () => {
    fake.loadFails = true;
    await startMain();
    expect(fake.errorBoxes).toEqual([expect.stringMatching(/did not load: ERR_FILE_NOT_FOUND.*\n\nReinstall Privacy Workbench/s)]);
    expect(fake.exitCodes).toEqual([1]);
  });

  it('proposes a new workspace in Documents, not in the hidden settings folder', async () => {
    const documents = mkdtempSync(join(tmpdir(), 'pwb-documents-'));
    try {
      await startMain();
      fake.paths.set('documents', documents);
      const file = fake.menu!.find((item) => item.label === '&File')!;
      await file.submenu.find((item: Record<string, any>) => item.label === 'New Workspace…').click();
      expect(fake.saveDialogs).toEqual([expect.objectContaining({ defaultPath: join(documents, 'register.pwb') })]);
    } finally {
      rmSync(documents, { recursive: true, force: true });
    }
  });

  it('hands a new workspace, and an encrypted one opened from the menu, to the window to ask for its passphrase', async () => {
    const encrypted = join(userData, 'secret.pwb');
    const setup = typedClient(createWorkbenchService({ dataDir: join(userData, 'setup'), actor: 'dpo' }));
    await setup.createWorkspace({ path: encrypted, passphrase: 'a long enough passphrase' });
    setup.close();
    await startMain();
    const file = () => fake.menu!.find((item) => item.label === '&File')!.submenu as Array<Record<string, any>>;
    const requested = () => fake.sent.filter(([channel]) => channel === eventChannelOf('workspaceRequested')).map(([, payload]) => payload);

    fake.saveChoice = join(userData, 'new.pwb');
    await file().find((item) => item.label === 'New Workspace…')!.click();
    expect(requested()).toEqual([{ mode: 'create', path: fake.saveChoice }]);
    // Nothing is created before the window has the passphrase (or the choice to keep it plain).
    expect(existsSync(fake.saveChoice)).toBe(false);

    fake.openChoice = encrypted;
    await file().find((item) => item.label === 'Open Workspace…')!.click();
    expect(requested()).toEqual([{ mode: 'create', path: fake.saveChoice }, { mode: 'open', path: encrypted }]);
    expect(fake.errorBoxes).toEqual([]);

    // Any other failure is still said in a box.
    fake.openChoice = join(userData, 'missing.pwb');
    await file().find((item) => item.label === 'Open Workspace…')!.click();
    expect(fake.errorBoxes).toEqual([expect.stringContaining('No workspace file at')]);
    expect(requested()).toHaveLength(2);
  });

  it('keeps a new workspace\'s random key in the OS secret store (wrapped, never in clear) and reopens it without a passphrase; not with basic_text', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux', configurable: true });
    try {
      await startMain();
      const call = (name: string, input: unknown) => fake.ipc.get(channelOf(name as never))!({ senderFrame: { url: 'app://workbench/index.html' } }, input) as Promise<Result<any>>;
      expect(await call('getKeyStore', {})).toEqual({ ok: true, value: { available: true, backend: 'gnome_libsecret' } });
      const path = join(userData, 'os-keyed.pwb');
      const created = await call('createWorkspace', { path, osKeyStore: true });
      expect(created).toMatchObject({ ok: true, value: { encrypted: true, protection: 'os-key-store' } });
      expect(readFileSync(path).includes(Buffer.from('SQLite format 3'))).toBe(false);
      const held = readFileSync(join(userData, 'os-held-keys.json'), 'utf8');
      expect(Object.keys(JSON.parse(held).keys)).toEqual([readFileSync(path).subarray(0, 16).toString('hex')]);
      emitApp('will-quit');

      // The next start reopens it with the key from the store; the key itself is nowhere in clear.
      await startMain();
      await expect.poll(async () => (await call('getWorkspace', {})) as any).toMatchObject({ ok: true, value: { path, protection: 'os-key-store' } });
      const sqlite = await import('better-sqlite3');
      const raw = new sqlite.default(path, { readonly: true });
      expect(() => raw.prepare('SELECT count(*) FROM activities').get()).toThrow();
      raw.close();
      emitApp('will-quit');

      // Another account's store cannot unwrap it: a clear refusal, the file untouched.
      fake.osSecret = 'account-two';
      await startMain();
      const before = readFileSync(path);
      // At start, the reopening says why in a box; asked again, the same clear refusal.
      await expect.poll(() => fake.errorBoxes).toEqual([expect.stringMatching(/could not be reopened: The OS key store did not give the key/)]);
      expect(await call('openWorkspace', { path })).toMatchObject({ ok: false, error: { code: 'workspace-locked', message: expect.stringContaining('did not give the key') } });
      expect(readFileSync(path).equals(before)).toBe(true);
      emitApp('will-quit');

      // Linux without a secret service: safeStorage's basic_text protects nothing, so a passphrase is asked instead.
      fake.storageBackend = 'basic_text';
      await startMain();
      expect(await call('getKeyStore', {})).toEqual({ ok: true, value: { available: false, backend: 'basic_text' } });
      expect(await call('createWorkspace', { path: join(userData, 'refused.pwb'), osKeyStore: true })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'osKeyStore' } });
      expect(existsSync(join(userData, 'refused.pwb'))).toBe(false);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('builds a menu with the usual accelerators and the recent workspaces', async () => {
    await startMain();
    const file = fake.menu!.find((item) => item.label === '&File')!;
    const byLabel = (label: string) => file.submenu.find((item: Record<string, any>) => item.label === label);
    expect(byLabel('New Workspace…').accelerator).toBe('CmdOrCtrl+N');
    expect(byLabel('Open Workspace…').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Close Workspace').accelerator).toBe('CmdOrCtrl+Shift+W');
    expect(fake.menu!.map((item) => item.role ?? item.label)).toEqual(expect.arrayContaining(['editMenu', '&View', 'windowMenu', 'help']));
    expect(byLabel('Open Recent').submenu).toEqual([{ label: 'No recent workspaces', enabled: false }]);

    await byLabel('Open Demo Workspace').click();
    const recent = fake.menu!.find((item) => item.label === '&File')!.submenu.find((item: Record<string, any>) => item.label === 'Open Recent').submenu;
    expect(recent[0].label).toMatch(/^Demo workspace \(five organisations\) — .*demo-workspace\.sqlite$/);
  });

  it('shows deadline alerts as OS notifications at start and never repeats them after a restart', async () => {
    // A breach logged two hours ago, whose GDPR clock now has 30 minutes left: its 1-hour warning
    // came due while the app was closed.
    const setup = typedClient(createWorkbenchService({ dataDir: userData, actor: 'responder', clock: () => new Date(Date.now() - 2 * 3_600_000) }));
    await setup.openDemoWorkspace();
    const aware = new Date(Date.now() - (72 * 60 - 30) * 60_000).toISOString();
    const created = await setup.createIncident({
      title: 'Mailbox exposed',
      zone: 'Europe/Berlin',
      events: { aware: { at: aware, zone: 'Europe/Berlin' } },
      affected: [{ where: 'DE', count: 10 }],
    });
    setup.close();

    await startMain();
    await vi.waitFor(() => expect(fake.notifications).toHaveLength(1));
    expect(fake.notifications[0]).toMatchObject({ shown: 1, options: { timeoutType: 'never',  title: expect.stringMatching(/^Lead supervisory authority is due in (29|30) min$/), body: expect.stringContaining('came due while Privacy Workbench was closed') } });
    // Electron drops a notification's click handler once the object is collected: main keeps it.
    const gc = (() => {
      setFlagsFromString('--expose-gc');
      return runInNewContext('gc') as () => void;
    })();
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    const collect = async () => {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
    };
    // Timed out on Windows, it waits in the Action Center: still kept for a click.
    fake.notifications[0]!.object.deref()!.emit('close', { reason: 'timedOut' });
    await collect();
    const notification = fake.notifications[0]!.object.deref();
    expect(notification, 'the notification was garbage collected before a click').toBeDefined();

    // Clicked after the window was closed (macOS keeps the app running): the window opens again, at the incident's address.
    fake.windows[0]!.listeners.get('closed')!.forEach((listener) => listener());
    notification!.emit('click');
    expect(fake.windows).toHaveLength(2);
    const incidentId = created.id;
    expect(fake.windows[1]!.url).toBe(`app://workbench/index.html#/incidents/${incidentId}`);
    // Clicked with the window open: the page is moved to the incident's address.
    notification!.emit('click');
    expect(fake.windows).toHaveLength(2);
    expect(fake.windows[1]!.scripts).toEqual([`location.hash = "#/incidents/${incidentId}"`]);

    emitApp('will-quit');
    fake.notifications.length = 0;
    await startMain();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.notifications).toEqual([]);
  });

  it('remembers the window size and position for the next start', async () => {
    await startMain();
    const window = fake.windows[0]!;
    window.bounds = { x: 120, y: 80, width: 1400, height: 900 };
    window.listeners.get('close')!.forEach((listener) => listener());
    const stored = join(userData, 'window-state.json');
    expect(existsSync(stored)).toBe(true);
    expect(JSON.parse(readFileSync(stored, 'utf8'))).toMatchObject({ x: 120, y: 80, width: 1400, height: 900, maximized: false });

    emitApp('will-quit');
    fake.windows.length = 0;
    await startMain();
    expect(fake.windows[0]!.options).toMatchObject({ x: 120, y: 80, width: 1400, height: 900 });
  });
  it('serves recordings on the privileged pw-media scheme through the playback guard, with ranges, and nothing else', async () => {
    await startMain();
    const electron = (await import('electron')) as unknown as { protocol: { registerSchemesAsPrivileged: ReturnType<typeof vi.fn>; handle: ReturnType<typeof vi.fn> } };
    expect(electron.protocol.registerSchemesAsPrivileged.mock.calls.at(-1)![0]).toContainEqual({ scheme: 'pw-media', privileges: { standard: true, secure: true, stream: true } });
    // The stand-in module outlives each start: the last registration is this start's.
    const media = electron.protocol.handle.mock.calls.filter(([scheme]) => scheme === 'pw-media').at(-1)![1] as (request: Request) => Promise<Response> | Response;
    const call = (name: string, input: unknown) => fake.ipc.get(channelOf(name as never))!({ senderFrame: { url: 'app://workbench/index.html' } }, input) as Promise<{ ok: boolean; value: any }>;
    // The handler reads only the request's url, method and headers; Electron's Request would carry the same.
    const ask = (url: string, headers?: Record<string, string>, method = 'GET') => media({ url, method, headers: new Headers(headers) } as Request);

    expect((await ask('pw-media://recordings/1')).status).toBe(409); // no workspace open
    expect((await call('createWorkspace', { passphrase: null, path: join(userData, 'calls.pwb') })).ok).toBe(true);
    const cdr = join(userData, 'Master.csv');
    writeFileSync(cdr, `${cdrLine({ start: '2026-03-27 09:15:00', uniqueid: 'e.1' })}\n`);
    expect((await call('importCallRecords', { path: cdr, zone: 'UTC' })).ok).toBe(true);
    const folder = join(userData, 'monitor');
    mkdirSync(folder);
    writeFileSync(join(folder, 'e.1.wav'), Buffer.from('RIFF0123456789'));
    expect((await call('setRecordingSettings', { folder, backupRetentionDays: 35 })).ok).toBe(true);
    expect((await call('scanRecordingsFolder', {})).value).toMatchObject({ matched: 1 });

    const whole = await ask('pw-media://recordings/1');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(await whole.text()).toBe('RIFF0123456789');
    const part = await ask('pw-media://recordings/1', { Range: 'bytes=4-7' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 4-7/14');
    expect(await part.text()).toBe('0123');
    for (const url of ['pw-media://elsewhere/1', 'pw-media://recordings/1/../../Master.csv', 'pw-media://recordings/%2e%2e%2fMaster.csv', 'pw-media://recordings/']) {
      const answer = await ask(url);
      expect(answer.status, url).toBe(404);
      expect(await answer.text()).not.toContain('e.1');
    }
    expect((await ask('pw-media://recordings/1', {}, 'POST')).status).toBe(404);
    expect((await call('listRecordingAccess', { recordingId: 1 })).value).toMatchObject([{ outcome: 'served', actor: expect.any(String) }]);
  });
});
