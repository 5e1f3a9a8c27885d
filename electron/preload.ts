import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChangeEvent, WorkbenchApi, WorkspaceInfo } from '../core/contract';
import { channelOf, eventChannelOf, operationNames } from '../core/contract/operations';

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

const api = {
  ...operations,
  onWorkspaceChanged(listener: (workspace: WorkspaceInfo | null) => void) {
    const channel = eventChannelOf('workspaceChanged');
    const wrapped = (_event: IpcRendererEvent, workspace: WorkspaceInfo | null) => listener(workspace);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
  onChanged(listener: (change: ChangeEvent) => void) {
    const channel = eventChannelOf('changed');
    const wrapped = (_event: IpcRendererEvent, change: ChangeEvent) => listener(change);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
} as WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', api);
