/** Reads a JSON column written by this app; a damaged value is an error, never silently empty. */
export function readJson<T>(text: string | null, column: string): T {
  if (text === null) return null as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`Column ${column} holds text that is not JSON.`);
  }
}

export const writeJson = (value: unknown): string => JSON.stringify(value ?? null);
