import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { incidentFactsSchema, type IncidentFacts } from '../core/incidents/deadlines';
import { describeInvalidInput } from '../service/dispatch';

/** Reads and checks the facts file of `--input`; a wrong field is named with its path. */
export function readFacts(input: string): IncidentFacts {
  const file = resolve(input);
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = incidentFactsSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: ${describeInvalidInput(parsed.error).message}`);
  return parsed.data;
}
