import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { WorkbenchApi, WorkbenchEvents } from '../core/contract';
import { channelOf, eventChannelOf, operationNames, type EventName } from '../core/contract/operations';

/**
 * The bridge between the sandboxed window and the main process: one function per operation of
 * the contract, each on its own channel. No generic send, no ipcRenderer in the page. It takes
 * the operation names from core/contract/operations.ts, not the contract itself: the schemas
 * (zod, the rules) would be bundled into a script every window load parses, for nothing, since
 * the main process validates every input.
 */
const operations = Object.fromEntries(
  operationNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input)]),
);

/** Subscribes to one event channel; returns a function that unsubscribes. */
function subscribe<Name extends EventName>(name: Name, listener: (payload: WorkbenchEvents[Name]) => void): () => void {
  const channel = eventChannelOf(name);
  const wrapped = (_event: IpcRendererEvent, payload: WorkbenchEvents[Name]) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const api = {
  ...operations,
  onWorkspaceChanged: (listener: (workspace: WorkbenchEvents['workspaceChanged']) => void) => subscribe('workspaceChanged', listener),
  onChanged: (listener: (change: WorkbenchEvents['changed']) => void) => subscribe('changed', listener),
  onWorkspaceRequested: (listener: (request: WorkbenchEvents['workspaceRequested']) => void) => subscribe('workspaceRequested', listener),
} as WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', api);
