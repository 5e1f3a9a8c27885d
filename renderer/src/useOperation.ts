import { useEffect, useState } from 'react';
import type { InputOf, OperationName, OutputOf, WorkbenchFailure } from '../../core/contract';
import { workbench } from './bridge';
import { useAppStore } from './store';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'failed'; error: WorkbenchFailure }
  /** `revision` is the workspace data revision the value was loaded at (see AppState.revision). */
  | { state: 'ready'; value: T; revision: number };

/** Loads one operation's answer and reloads it whenever its input or the workspace data change. */
export function useOperation<Name extends OperationName>(name: Name, input: InputOf<Name> | null): Loadable<OutputOf<Name>> {
  const revision = useAppStore((state) => state.revision);
  const key = `${name}:${JSON.stringify(input)}`;
  const [loaded, setLoadable] = useState<{ key: string; loadable: Loadable<OutputOf<Name>> }>({ key, loadable: { state: 'loading' } });
  useEffect(() => {
    if (input === null) return;
    let current = true;
    const operation = workbench[name] as (input: InputOf<Name>) => Promise<{ ok: true; value: OutputOf<Name> } | { ok: false; error: WorkbenchFailure }>;
    void operation(input).then((result) => {
      if (!current) return;
      setLoadable({ key, loadable: result.ok ? { state: 'ready', value: result.value, revision } : { state: 'failed', error: result.error } });
    });
    return () => {
      current = false;
    };
  }, [name, key, revision]);
  // An answer to an earlier input is never shown under the current one (another record selected).
  return loaded.key === key ? loaded.loadable : { state: 'loading' };
}
