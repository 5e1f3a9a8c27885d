import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelOf, eventChannelOf, operationNames, type WorkbenchApi, type WorkspaceInfo } from '../core/contract';

/**
 * The bridge between the sandboxed window and the main process: one function per operation of
 * the contract, each on its own channel. No generic send, no ipcRenderer in the page.
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
} as WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', api);
