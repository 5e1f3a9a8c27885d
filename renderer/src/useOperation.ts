import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { InputOf, OutputOf, Result, WorkbenchFailure } from '../../core/contract';
import type { CachedReadName } from '../../core/contract/reads';
import { workbench } from './bridge';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'failed'; error: WorkbenchFailure }
  /** `refreshing`: a change named what this answer reads and it is being asked again. */
  | { state: 'ready'; value: T; refreshing: boolean };

class OperationFailed extends Error {
  constructor(readonly failure: WorkbenchFailure) {
    super(failure.message);
  }
}

/**
 * Loads one read's answer, shared with every view asking the same (operation, input), and asks
 * again only when a write changed what the operation reads (renderer/src/queries.ts).
 */
export function useOperation<Name extends CachedReadName>(name: Name, input: InputOf<Name> | null): Loadable<OutputOf<Name>> {
  const query = useQuery({
    queryKey: [name, input],
    enabled: input !== null,
    queryFn: async () => {
      const operation = workbench[name] as (input: InputOf<Name>) => Promise<Result<OutputOf<Name>>>;
      const result = await operation(input!);
      if (!result.ok) throw new OperationFailed(result.error);
      return result.value;
    },
  });
  // An answer to an earlier input is never shown under the current one (another record selected): the key is the input.
  // The same answer is the same object from render to render, so effects that depend on it run only when it changes.
  const { isError, isSuccess, error, data, isFetching } = query;
  return useMemo((): Loadable<OutputOf<Name>> => {
    if (isError) return { state: 'failed', error: error instanceof OperationFailed ? error.failure : { code: 'internal', message: String(error) } };
    if (isSuccess) return { state: 'ready', value: data, refreshing: isFetching };
    return { state: 'loading' };
  }, [isError, isSuccess, error, data, isFetching]);
}
