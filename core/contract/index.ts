import type { z } from 'zod';
import type { ChangeEvent, Result } from './result';
import type { EventName, OperationName } from './operations';
import type { OperationSpec } from './operationSpec';
import type { WorkspaceInfo } from './workspace';
import { workspaceOperations } from './workspace';
import { registerOperations } from './register';
import { vendorOperations } from './vendors';
import { incidentOperations } from './incidents';
import { recordingOperations } from './recordings';
import { retentionRuleOperations } from './retentionRules';
import { reportOperations } from './reports';
import { settingsOperations } from './settings';

export * from './result';
export type { OperationSpec } from './operationSpec';
export * from './workspace';
export * from './register';
export * from './vendors';
export * from './incidents';
export * from './recordings';
export * from './retentionRules';
export * from './reports';
export * from './settings';
export * from '../recordings/model';

/**
 * The workbench API, declared once. The service's handler map, the Electron preload bridge, the
 * browser-mode bridge and the renderer's `window.workbench` type are all derived from this object.
 * Each feature declares its operations in its own file (./workspace, ./register, ...); this is
 * their union, and the checks below hold it to ./operations.
 */
export const contract = {
  ...workspaceOperations,
  ...registerOperations,
  ...vendorOperations,
  ...incidentOperations,
  ...recordingOperations,
  ...retentionRuleOperations,
  ...reportOperations,
  ...settingsOperations,
};

export type Contract = typeof contract;
export { channelOf, eventChannelOf, eventNames, operationNames, type EventName, type OperationName } from './operations';

/** The names in ./operations and the keys of the contract must be the same set: each line fails to compile otherwise. */
type Missing<A, B> = Exclude<A, B>;
const everyOperationIsNamed: [Missing<keyof Contract, OperationName>] extends [never] ? true : Missing<keyof Contract, OperationName> = true;
const everyNameIsAnOperation: [Missing<OperationName, keyof Contract>] extends [never] ? true : Missing<OperationName, keyof Contract> = true;
void everyOperationIsNamed;
void everyNameIsAnOperation;

/** What a caller passes (defaults may be left out). */
export type InputOf<Name extends OperationName> = z.input<Contract[Name]['input']>;
/** What a handler receives, after parsing and defaults. */
export type ParsedInputOf<Name extends OperationName> = z.output<Contract[Name]['input']>;
export type OutputOf<Name extends OperationName> = Contract[Name] extends OperationSpec<z.ZodType, infer Output>
  ? Output
  : never;

/** The service implements this map: one handler per operation, derived from the contract. */
export type Handlers = {
  [Name in OperationName]: (input: ParsedInputOf<Name>) => OutputOf<Name> | Promise<OutputOf<Name>>;
};

/** A workspace the desktop shell's menu chose, for the window to create or open with its passphrase. */
export interface WorkspaceRequest {
  mode: 'create' | 'open';
  path: string;
}

/** Events pushed to the window: from the service, and (workspaceRequested) from the desktop shell's menu. */
export interface WorkbenchEvents {
  workspaceChanged: WorkspaceInfo | null;
  /** The menu chose a new workspace's file, or an encrypted one to open: the window asks for the passphrase. The service never sends it. */
  workspaceRequested: WorkspaceRequest;
  /** A call changed the workspace: the change-log entries it wrote, which name the entities changed. */
  changed: ChangeEvent;
}

const everyEventIsTyped: [Missing<EventName, keyof WorkbenchEvents> | Missing<keyof WorkbenchEvents, EventName>] extends [never] ? true : never = true;
void everyEventIsTyped;

/** What the renderer sees as `window.workbench`: one function per operation plus subscriptions. */
export type WorkbenchApi = {
  [Name in OperationName]: (input: InputOf<Name>) => Promise<Result<OutputOf<Name>>>;
} & {
  /** Calls the listener on every change of the open workspace; returns a function that unsubscribes. */
  onWorkspaceChanged(listener: (workspace: WorkbenchEvents['workspaceChanged']) => void): () => void;
  /** Calls the listener after every call that changed the workspace, with the entities it changed; returns a function that unsubscribes. */
  onChanged(listener: (change: WorkbenchEvents['changed']) => void): () => void;
  /** Calls the listener when the desktop menu asks for a workspace's passphrase (never in browser mode); returns a function that unsubscribes. */
  onWorkspaceRequested(listener: (request: WorkbenchEvents['workspaceRequested']) => void): () => void;
};
