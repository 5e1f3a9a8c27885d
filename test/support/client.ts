import type { InputOf, OperationName, OutputOf, Result } from '../../core/contract';
import { operationNames } from '../../core/contract';

/** Anything that answers the contract's operations by name: the service, or a wrapper around it. */
export interface Callable {
  call(name: string, input: unknown): Promise<Result<unknown>>;
}

/**
 * The arguments of an operation's method: none for an operation that takes no input, an optional
 * input when every field may be left out, the input otherwise.
 */
type InputArguments<Name extends OperationName> = InputOf<Name> extends Record<string, never>
  ? []
  : object extends InputOf<Name>
    ? [input?: InputOf<Name>]
    : [input: InputOf<Name>];

/** One method per operation, resolving to its output; a failure rejects with its code, field and message. */
export type Operations = {
  [Name in OperationName]: (...input: InputArguments<Name>) => Promise<OutputOf<Name>>;
};

/** One method per operation, resolving to its whole Result, for tests that assert a failure. */
export type OperationResults = {
  [Name in OperationName]: (...input: InputArguments<Name>) => Promise<Result<OutputOf<Name>>>;
};

export type TypedClient<Service extends Callable = Callable> = Service &
  Operations & {
    result: OperationResults;
    /**
     * The untyped call, for the tests that send what the contract does not allow (an unknown
     * operation, a wrong type, a field it does not have) to check that the service refuses it.
     */
    raw(name: string, input: unknown): Promise<Result<unknown>>;
  };

/** No operation may be named like a member of the service or of the client, or one would hide the other. */
type Clash = Extract<OperationName, 'call' | 'invoke' | 'on' | 'close' | 'handlers' | 'started' | 'startupProblem' | 'recordingMedia' | 'result' | 'raw'>;
const noOperationHidesAMember: [Clash] extends [never] ? true : Clash = true;
void noOperationHidesAMember;

/** The failure of a result, in words naming the operation, for a test's error. */
function failureOf(name: string, result: Extract<Result<unknown>, { ok: false }>): Error {
  const { code, field, message } = result.error;
  return new Error(`${name} failed: ${code}${field === undefined ? '' : ` (field ${field})`}: ${message}`);
}

/**
 * The service (or anything with its `call`) with one typed method per contract operation: the
 * operation's name and input are checked by the compiler, and the method resolves to the
 * operation's output or rejects with an Error naming the operation and its failure.
 * `.result.<name>(input)` resolves to the Result instead, for tests that assert a failure.
 * The service's own members (`close`, `on`, ...) stay reachable through the returned object.
 */
export function typedClient<Service extends Callable>(service: Service): TypedClient<Service> {
  const operations: Partial<Record<OperationName, (input?: unknown) => Promise<unknown>>> = {};
  const results: Partial<Record<OperationName, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of operationNames) {
    results[name] = (input) => service.call(name, input ?? {});
    operations[name] = async (input) => {
      const result = await service.call(name, input ?? {});
      if (!result.ok) throw failureOf(name, result);
      return result.value;
    };
  }
  const client: object = Object.create(service);
  return Object.assign(client, operations, {
    result: results as OperationResults,
    raw: (name: string, input: unknown) => service.call(name, input),
  }) as TypedClient<Service>;
}
