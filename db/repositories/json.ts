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

/** Transfers as the current schema has them: records written before a field existed get its default. */
export function readTransfers<T extends { country: string | null; mechanism: string | null; mechanismDate?: string | null; note?: string | null }>(text: string, column: string): T[] {
  return readJson<T[]>(text, column).map((transfer) => ({ country: transfer.country, mechanism: transfer.mechanism, mechanismDate: transfer.mechanismDate ?? null, note: transfer.note ?? null }) as T);
}
