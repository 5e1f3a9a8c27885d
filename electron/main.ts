import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  Notification,
  protocol,
  screen,
  session,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { channelOf, eventChannelOf, operationNames, type Result, type WorkspaceRequest } from '../core/contract';
import { contentSecurityPolicy } from '../core/security';
import { recordingIdOfMediaPath, recordingMediaHost, recordingMediaScheme } from '../core/recordings/audioFiles';
import { createWorkbenchService, type WorkbenchService } from '../service';
import { mediaResponse } from '../service/recordingMedia';
import { defaultUserDataDir } from '../service/userDataDir';
import { electronOsKeyStore } from './osKeyStore';
import { electronReportPrinter, reportPrinterPartition } from './reportPrinter';
import { appEntryUrl, appOrigin, appScheme, isTrustedSenderUrl, resolveAppFile } from './senderPolicy';
import { defaultWindowState, fitToDisplays, parseWindowState, type WindowState } from './windowState';

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  // Recordings' audio: streamed with byte ranges so the audio element can seek; nothing else is served.
  { scheme: recordingMediaScheme, privileges: { standard: true, secure: true, stream: true } },
]);

/** electron-builder.yml's appId: Windows shows a notification only for an app with a user model id (its Start-menu shortcut carries the same). */
export const appUserModelId = 'org.privacyworkbench.app';

const rendererDir = join(__dirname, '..', 'renderer');
const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');
let mainWindow: BrowserWindow | null = null;
let service: WorkbenchService | null = null;

/**
 * better-sqlite3 must be the build for Electron's ABI, kept apart from the Node build the tests
 * use (docs/ARCHITECTURE.md, "Native modules"): in the package under resources/native, in a
 * checkout under build/native/electron (made by `npm run native:electron`).
 */
function electronNativeBinding(): string {
  const candidates = [
    join(process.resourcesPath, 'native', 'better_sqlite3.node'),
    join(__dirname, '..', '..', 'build', 'native', 'electron', 'better_sqlite3.node'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `better-sqlite3 has not been built for Electron ${process.versions.electron}. Run "npm run native:electron" first (looked in ${candidates.join(', ')}).`,
    );
  }
  return found;
}

/** Guards every web contents: no navigation, no new windows, no webviews. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** One registration per contract operation: checks the sender, lets the service validate and run it. */
function registerOperations(workbench: WorkbenchService): void {
  for (const name of operationNames) {
    ipcMain.handle(channelOf(name), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call the workbench.' } };
      }
      return workbench.call(name, input);
    });
  }
  workbench.on('workspaceChanged', (workspace) => {
    mainWindow?.webContents.send(eventChannelOf('workspaceChanged'), workspace);
    rebuildMenu();
  });
  workbench.on('changed', (change) => mainWindow?.webContents.send(eventChannelOf('changed'), change));
}

function readWindowState(): WindowState {
  const file = windowStateFile();
  const state = parseWindowState(existsSync(file) ? readFileSync(file, 'utf8') : null);
  return fitToDisplays(state, screen.getAllDisplays().map((display) => display.workArea));
}

function rememberWindowState(window: BrowserWindow): void {
  const bounds = window.getNormalBounds();
  const state: WindowState = { ...bounds, maximized: window.isMaximized() };
  writeFileSync(windowStateFile(), JSON.stringify(state));
}

function createWindow(route?: string): void {
  const state = readWindowState();
  mainWindow = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width ?? defaultWindowState.width,
    height: state.height ?? defaultWindowState.height,
    minWidth: 900,
    minHeight: 600,
    title: 'Privacy Workbench',
    show: false,
    backgroundColor: '#1e1f24',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click (auxclick) could otherwise open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const window = mainWindow;
  // Maximised only once painted: maximize() before then shows an empty window frame first.
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => rememberWindowState(window));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // A page that does not load would leave a window that never shows and an app still running.
  window.loadURL(route ? `${appEntryUrl}${route}` : appEntryUrl).catch((error: unknown) => {
    // ERR_ABORTED: another navigation (a reload) replaced this one; that load reports for itself.
    if ((error as { code?: string }).code === 'ERR_ABORTED') return;
    dialog.showErrorBox('Privacy Workbench cannot show its window', `The app's page (${appEntryUrl}) did not load: ${error instanceof Error ? error.message : String(error)}\n\nReinstall Privacy Workbench, or run "npm run build" in a checkout.`);
    app.exit(1);
  });
}

/** Brings the window forward, opening it again when it was closed (macOS keeps the app running without one). */
function showMainWindow(route?: string): void {
  if (!mainWindow) {
    createWindow(route);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  // The screen's address (renderer/src/routes.ts): the page follows a change of its hash.
  if (route) void mainWindow.webContents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`).catch(() => undefined);
}

async function runWorkspaceCommand(command: () => Promise<Result<unknown>>): Promise<void> {
  const result = await command();
  if (!result.ok) dialog.showErrorBox('Privacy Workbench', result.error.message);
}

/** Hands a workspace to the window, which asks for its passphrase (a new one's, or an encrypted one's) and creates or opens it. */
function requestInWindow(request: WorkspaceRequest): void {
  const send = () => mainWindow?.webContents.send(eventChannelOf('workspaceRequested'), request);
  if (mainWindow) {
    showMainWindow();
    send();
  } else {
    // A window made now (macOS, all windows closed) hears the request once its page has loaded.
    showMainWindow();
    (mainWindow as BrowserWindow | null)?.webContents.once('did-finish-load', send);
  }
}

/** Opens a workspace from the menu; an encrypted one is handed to the window for its passphrase. */
async function openFromMenu(workbench: WorkbenchService, path: string): Promise<void> {
  const result = await workbench.call('openWorkspace', { path });
  if (result.ok) return;
  if (result.error.code === 'workspace-locked') requestInWindow({ mode: 'open', path });
  else dialog.showErrorBox('Privacy Workbench', result.error.message);
}

const workspaceFilters = [{ name: 'Privacy Workbench workspace', extensions: ['pwb', 'sqlite', 'workbench', 'db'] }];

function rebuildMenu(): void {
  const workbench = service;
  if (!workbench) return;
  const recent = workbench.handlers.listRecentWorkspaces({}) as Array<{ path: string; name: string; exists: boolean }>;
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'New Workspace…',
          accelerator: 'CmdOrCtrl+N',
          click: async () => {
            const choice = await dialog.showSaveDialog({ title: 'New workspace', filters: workspaceFilters, defaultPath: join(app.getPath('documents'), 'register.pwb') });
            // A new workspace is encrypted: the window asks for its passphrase (or a deliberate choice to keep it plain).
            if (!choice.canceled && choice.filePath) requestInWindow({ mode: 'create', path: choice.filePath });
          },
        },
        {
          label: 'Open Workspace…',
          accelerator: 'CmdOrCtrl+O',
          click: async () => {
            const choice = await dialog.showOpenDialog({ title: 'Open workspace', filters: workspaceFilters, properties: ['openFile'] });
            const path = choice.filePaths[0];
            if (!choice.canceled && path) await openFromMenu(workbench, path);
          },
        },
        { label: 'Open Demo Workspace', click: () => runWorkspaceCommand(() => workbench.call('openDemoWorkspace', {})) },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((entry) => ({
                label: `${entry.name} — ${entry.path}`,
                enabled: entry.exists,
                click: () => openFromMenu(workbench, entry.path),
              }))
            : [{ label: 'No recent workspaces', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Close Workspace', accelerator: 'CmdOrCtrl+Shift+W', click: () => runWorkspaceCommand(() => workbench.call('closeWorkspace', {})) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Privacy Workbench', click: () => app.showAboutPanel() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** How often the main process looks for deadline alerts (also while the window is hidden). */
export const alertIntervalMs = 60_000;

/**
 * Notifications on screen. Electron drops a Notification's handlers when the object is garbage
 * collected, so a click on one nobody holds does nothing: each is kept until it is clicked,
 * closed or fails.
 */
const shownNotifications = new Set<Notification>();

/**
 * Shows each deadline alert as an operating-system notification. The service records an alert
 * before returning it, so none repeats after a restart; what came due while the app was closed
 * comes once at start, marked missed. Clicking a notification brings the window forward (opening
 * it again if it was closed).
 */
function startDeadlineAlerts(workbench: WorkbenchService): void {
  const check = async () => {
    const result = await workbench.call('takeDueAlerts', {});
    if (!result.ok || !Notification.isSupported()) return;
    for (const alert of result.value as Array<{ title: string; body: string; incidentId: string }>) {
      // A legal deadline stays on screen until dealt with (Windows and Linux; macOS follows the user's settings).
      const notification = new Notification({ title: alert.title, body: alert.body, urgency: 'critical', timeoutType: 'never' });
      const release = () => shownNotifications.delete(notification);
      notification.on('click', () => {
        release();
        // Clicking the notification opens its incident.
        showMainWindow(`#/incidents/${encodeURIComponent(alert.incidentId)}`);
      });
      // On Windows a toast that times out moves to the Action Center, where it can still be clicked.
      notification.on('close', (details) => {
        if (details?.reason !== 'timedOut') release();
      });
      notification.on('failed', release);
      shownNotifications.add(notification);
      notification.show();
    }
  };
  void check();
  const timer = setInterval(() => void check(), alertIntervalMs);
  app.on('will-quit', () => clearInterval(timer));
}

/** The folder Electron named after package.json's "name" before productName was set (versions up to 0.1.0). */
const legacyUserDataName = 'privacy-workbench';

/**
 * Settings and the window's state written by earlier desktop builds, under the package name, are
 * copied once into the product's folder (the CLI's), unless it already has its own. Workspaces are
 * files of their own and stay where they are; the demo is rebuilt on first use.
 */
function adoptLegacyUserData(legacy: string, userData: string): void {
  for (const file of ['settings.json', 'window-state.json']) {
    if (existsSync(join(legacy, file)) && !existsSync(join(userData, file))) copyFileSync(join(legacy, file), join(userData, file));
  }
}

function start(): void {
  // The same folder the CLI and browser mode use (service/userDataDir.ts), so settings, recent
  // workspaces and the demo are shared; WORKBENCH_USER_DATA_DIR keeps a separate profile (tests,
  // or a second register kept apart). setPath throws for a folder that does not exist yet.
  const userData = process.env.WORKBENCH_USER_DATA_DIR ? resolve(process.env.WORKBENCH_USER_DATA_DIR) : defaultUserDataDir();
  mkdirSync(userData, { recursive: true });
  if (!process.env.WORKBENCH_USER_DATA_DIR) adoptLegacyUserData(join(dirname(userData), legacyUserDataName), userData);
  app.setPath('userData', userData);
  if (process.platform === 'win32') app.setAppUserModelId(appUserModelId);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => showMainWindow());
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service?.close());

  void app.whenReady().then(() => {
    const defaultSession = session.defaultSession;
    defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    defaultSession.setPermissionCheckHandler(() => false);
    // The app's CSP belongs on the app's own pages only. Sent on every response of the session, it
    // also reached the report printer's page (a file) and its style-src 'self' dropped the
    // reports' inline styles. The filter names the app's origin, and the handler checks the
    // address again; the printer has a session of its own besides (reportPrinterPartition).
    const addPolicy = (details: Electron.OnHeadersReceivedListenerDetails, callback: (response: Electron.HeadersReceivedResponse) => void) => {
      if (!isTrustedSenderUrl(details.url)) {
        callback({});
        return;
      }
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
    };
    try {
      defaultSession.webRequest.onHeadersReceived({ urls: [`${appOrigin}/*`] }, addPolicy);
    } catch {
      // An Electron that refuses a custom scheme in the filter: every response passes the address check instead.
      defaultSession.webRequest.onHeadersReceived(addPolicy);
    }
    const printerSession = session.fromPartition(reportPrinterPartition);
    printerSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    printerSession.setPermissionCheckHandler(() => false);
    protocol.handle(appScheme, async (request) => {
      const file = resolveAppFile(rendererDir, request.url, join);
      if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
      const response = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', contentSecurityPolicy);
      return new Response(response.body, { status: response.status, headers });
    });

    try {
      service = createWorkbenchService({
        dataDir: app.getPath('userData'),
        nativeBinding: electronNativeBinding(),
        importWorkerPath: join(__dirname, '..', 'worker', 'recordings-import.cjs'),
        reopenLast: true,
        automaticBackups: true,
        printer: electronReportPrinter(),
        osKeyStore: electronOsKeyStore(),
        appVersion: app.getVersion(),
        onInternalError: (error) => console.error('[workbench]', error),
      });
    } catch (error) {
      dialog.showErrorBox('Privacy Workbench cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    const workbench = service;
    protocol.handle(recordingMediaScheme, (request) => {
      const url = new URL(request.url);
      const id = url.host === recordingMediaHost && request.method === 'GET' ? recordingIdOfMediaPath(url.pathname) : null;
      return mediaResponse(workbench.recordingMedia(id, request.headers.get('range')));
    });
    registerOperations(service);
    rebuildMenu();
    createWindow();
    startDeadlineAlerts(service);
    // Said once the last workspace is reopened, or could not be (its key may come from the OS store).
    void service.started.then((problem) => problem && dialog.showErrorBox('Privacy Workbench', problem));
    // macOS: clicking the dock icon with no window open (the report printer's hidden window does not count).
    app.on('activate', () => {
      if (!mainWindow) createWindow();
    });
  });
}

start();
