import {
  operationNames,
  type ChangeEvent,
  type Result,
  type WorkbenchApi,
  type WorkbenchEvents,
  type WorkspaceInfo,
} from '../../core/contract';
import { changeLogEntities } from '../../core/changeLog';
import { recordingMediaHost, recordingMediaPath, recordingMediaScheme } from '../../core/recordings/audioFiles';

declare global {
  interface Window {
    /** Installed by the Electron preload; absent in browser mode. */
    workbench?: WorkbenchApi;
  }
}

/**
 * Browser mode (development and tests): the same API over HTTP to the service on 127.0.0.1, one
 * function per contract operation. The server's token travels in its same-site cookie.
 */
function createHttpBridge(): WorkbenchApi {
  const call = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
      if (!response.ok) {
        return { ok: false, error: { code: 'forbidden', message: `The workbench service answered ${response.status}: ${await response.text()}` } };
      }
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'io', message: `The workbench service cannot be reached: ${String(error)}` } };
    }
  };
  const operations = Object.fromEntries(operationNames.map((name) => [name, (input: unknown) => call(name, input)]));
  // Only the desktop shell's menu asks for a workspace; browser mode has no menu.
  const noMenuRequests: WorkbenchApi['onWorkspaceRequested'] = () => () => undefined;
  /** One event stream per subscription, closed with it. */
  const subscribe = <Name extends 'workspaceChanged' | 'changed'>(name: Name, listener: (payload: WorkbenchEvents[Name]) => void, onReconnect?: () => void) => {
    const source = new EventSource('/events');
    const handler = (event: MessageEvent<string>) => listener(JSON.parse(event.data) as WorkbenchEvents[Name]);
    source.addEventListener(name, handler);
    // The stream dropped and came back (EventSource reconnects by itself): events may have been missed meanwhile.
    let dropped = false;
    source.onerror = () => (dropped = true);
    source.onopen = () => {
      if (dropped) onReconnect?.();
      dropped = false;
    };
    return () => {
      source.removeEventListener(name, handler);
      source.close();
    };
  };
  /** What a missed stretch of events may have changed: anything. */
  const everything: ChangeEvent = { operation: 'getWorkspace', entries: changeLogEntities.map((entity, index) => ({ id: -1 - index, entity, entityId: '', action: 'update' })) };
  return {
    ...operations,
    onWorkspaceChanged: (listener: (workspace: WorkspaceInfo | null) => void) => subscribe('workspaceChanged', listener),
    onChanged: (listener: (change: ChangeEvent) => void) => subscribe('changed', listener, () => listener(everything)),
    onWorkspaceRequested: noMenuRequests,
  } as WorkbenchApi;
}

/** Hears the changes each of this window's writes made, as soon as its answer is back (set by the store). */
let ownChanges: (change: ChangeEvent) => void = () => undefined;
export function onOwnChanges(listener: (change: ChangeEvent) => void): void {
  ownChanges = listener;
}

/**
 * The API as the window uses it: each operation's answer passes on the changes it made before the
 * caller sees it, so what the caller shows next (the record it just saved) is asked again, whether
 * the change event has arrived yet or not.
 */
function withOwnChanges(api: WorkbenchApi): WorkbenchApi {
  const wrapped: Record<string, unknown> = { ...api };
  for (const name of operationNames) {
    const call = api[name] as (input: unknown) => Promise<Result<unknown>>;
    wrapped[name] = async (input: unknown) => {
      const result = await call(input);
      if (result.ok && result.changed) ownChanges(result.changed);
      return result;
    };
  }
  return wrapped as WorkbenchApi;
}

export const workbench: WorkbenchApi = withOwnChanges(window.workbench ?? createHttpBridge());

/**
 * Where the audio element finds a recording: the desktop app's privileged scheme, or browser
 * mode's media route on the page's own origin (the token travels in its cookie). Either way the
 * service checks the file and logs the playback.
 */
export function recordingMediaUrl(recordingId: number): string {
  return window.workbench ? `${recordingMediaScheme}://${recordingMediaHost}/${recordingId}` : `${recordingMediaPath}${recordingId}`;
}
