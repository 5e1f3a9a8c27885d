import type { Result } from '../../core/contract';

/** The value of a successful call; a failure fails the test with its code and message. */
export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
