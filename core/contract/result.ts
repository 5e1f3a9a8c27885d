import type { ChangeLogEntry } from '../changeLog';
import type { OperationName } from './operations';

/** Error codes every operation may return; the renderer switches on these, never on messages. */
export const errorCodes = [
  'invalid-input',
  'not-found',
  'no-workspace',
  'workspace-too-new',
  'workspace-invalid',
  /** An encrypted workspace without its passphrase, or with a wrong one. */
  'workspace-locked',
  'conflict',
  /**
   * Another writer (an import, the CLI, another window) holds the workspace for writing: nothing
   * was written; the same call can be tried again in a moment. Answered at once, not after a wait.
   */
  'busy',
  'io',
  'unknown-operation',
  'forbidden',
  /** The user stopped the work (a file being read); nothing of it was written. */
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A failure as it crosses a process boundary: a stable code, a sentence for people, the field at fault. */
export interface WorkbenchFailure {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Every problem of an invalid input, each with its field (a path such as `changes.affected.0.where`). */
  problems?: FieldProblem[];
}

/** One thing wrong with one field of an input. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Every operation answers with this envelope; nothing is thrown across the bridge. A write that
 * logged changes carries them (`changed`, the same as its `changed` event), so the window that made
 * it refreshes what they touch before it shows anything else, whatever order the event arrives in.
 */
export type Result<T> =
  | { ok: true; value: T; changed?: ChangeEvent }
  | { ok: false; error: WorkbenchFailure };

/** An error raised inside the service that carries its code and field to the envelope. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, field?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbenchError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }

  toFailure(): WorkbenchFailure {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** What one write changed: its operation and the change-log entries it wrote (the `changed` event, and a write's answer). */
export interface ChangeEvent {
  operation: OperationName;
  entries: Array<{ id: number; entity: ChangeLogEntry['entity']; entityId: string; action: ChangeLogEntry['action'] }>;
}
