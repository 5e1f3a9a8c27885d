import { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '../../core/contract';
import { operationReads, readsAnyOf, type CachedReadName } from '../../core/contract/reads';

/**
 * The answers screens keep (issue 18, point 2). Each is keyed by [operation, input], so two views
 * asking the same question share one call. Nothing goes stale by time: an answer is asked again
 * only when a `changed` event names an entity its operation reads (core/contract/reads.ts), or
 * when another workspace opens.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    // No structural sharing: comparing a new 10 000-activity answer with the old one, field by
    // field, is a long task of its own (seen at 57 ms in bench/ui); a new answer is simply new.
    queries: { staleTime: Infinity, gcTime: 5 * 60_000, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, structuralSharing: false },
  },
});

const isCachedRead = (name: unknown): name is CachedReadName =>
  typeof name === 'string' && Object.hasOwn(operationReads, name) && operationReads[name as keyof typeof operationReads] !== null;

/** After a write: asks again exactly the kept answers that read what it changed. */
export function refreshAfter(change: ChangeEvent): void {
  const entities = new Set<string>(change.entries.map((entry) => entry.entity));
  void queryClient.invalidateQueries(
    { predicate: (query) => isCachedRead(query.queryKey[0]) && readsAnyOf(query.queryKey[0], entities) },
    // A read already under way may have been answered before this write: it is asked again.
    { cancelRefetch: true },
  );
}

/** Another workspace (or none) is open: nothing kept belongs to it. */
export function forgetAll(): void {
  void queryClient.resetQueries();
}

/** Asks again the kept answers of one operation: for what no write event names (playback's access log, a backup taken, settings.json). */
export function refresh(name: CachedReadName): void {
  void queryClient.invalidateQueries({ queryKey: [name] });
}
