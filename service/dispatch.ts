import type { z } from 'zod';
import type { Handlers, OperationName, OutputOf, Result } from '../core/contract';
import { invalidInput, problemsOfIssues } from '../core/contract/messages';
import { contract, WorkbenchError } from '../core/contract';

/**
 * The one entry point for every caller (Electron IPC, browser mode, CLI): checks the operation
 * exists, parses the raw input with the contract's schema, runs the handler, and turns every
 * outcome into a Result. Nothing is thrown past this function. A write that found the workspace
 * locked by another writer is answered at once as 'busy' (try again), in words `explainBusy` chooses.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  onInternalError: (error: unknown) => void = () => {},
  explainBusy: () => string = () => 'The workspace is being written by another program; try again in a moment.',
): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, name)) {
    return { ok: false, error: { code: 'unknown-operation', message: `There is no operation named "${name}".` } };
  }
  const operationName = name as OperationName;
  const parsed = contract[operationName].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: describeInvalidInput(parsed.error) };
  try {
    const handler = handlers[operationName] as (input: unknown) => OutputOf<OperationName> | Promise<OutputOf<OperationName>>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof WorkbenchError) return { ok: false, error: error.toFailure() };
    // A write that found the workspace's lock taken (the service's short busy_timeout), usually by an import.
    if (error instanceof Error && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) {
      return { ok: false, error: { code: 'busy', message: explainBusy() } };
    }
    onInternalError(error);
    return {
      ok: false,
      error: { code: 'internal', message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}` },
    };
  }
}

/** Names every field at fault and what is wrong with each, e.g. `purposes.2: must not be empty` (core/contract/messages.ts). */
export function describeInvalidInput(error: z.ZodError): ReturnType<typeof invalidInput> {
  return invalidInput(problemsOfIssues(error.issues));
}
