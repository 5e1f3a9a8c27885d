import {
  operationNames,
  type ChangeEvent,
  type Result,
  type WorkbenchApi,
  type WorkbenchEvents,
  type WorkspaceInfo,
} from '../../core/contract';
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
  const subscribe = <Name extends 'workspaceChanged' | 'changed'>(name: Name, listener: (payload: WorkbenchEvents[Name]) => void) => {
    const source = new EventSource('/events');
    const handler = (event: MessageEvent<string>) => listener(JSON.parse(event.data) as WorkbenchEvents[Name]);
    source.addEventListener(name, handler);
    return () => {
      source.removeEventListener(name, handler);
      source.close();
    };
  };
  return {
    ...operations,
    onWorkspaceChanged: (listener: (workspace: WorkspaceInfo | null) => void) => subscribe('workspaceChanged', listener),
    onChanged: (listener: (change: ChangeEvent) => void) => subscribe('changed', listener),
    onWorkspaceRequested: noMenuRequests,
  } as WorkbenchApi;
}

export const workbench: WorkbenchApi = window.workbench ?? createHttpBridge();

/**
 * Where the audio element finds a recording: the desktop app's privileged scheme, or browser
 * mode's media route on the page's own origin (the token travels in its cookie). Either way the
 * service checks the file and logs the playback.
 */
export function recordingMediaUrl(recordingId: number): string {
  return window.workbench ? `${recordingMediaScheme}://${recordingMediaHost}/${recordingId}` : `${recordingMediaPath}${recordingId}`;
}
