import type { OptionSpecs, OptionValues } from './command';

/** The options both call imports (Asterisk CDR, CSV through a mapping) take. */
export const callImportOptions = {
  zone: { type: 'string', required: true },
  purpose: { type: 'string', multiple: true },
  'keep-numbers': { type: 'boolean' },
  workspace: { type: 'string', required: true },
  json: { type: 'boolean' },
} as const satisfies OptionSpecs;

/** What those options ask of the import: the purposes given (quality when none) and whether the callers' numbers are kept. */
export function callImportChoices(values: OptionValues<typeof callImportOptions>): { purposes: string[]; keepNumbers: boolean } {
  return { purposes: values.purpose.length ? values.purpose : ['quality'], keepNumbers: values['keep-numbers'] };
}
