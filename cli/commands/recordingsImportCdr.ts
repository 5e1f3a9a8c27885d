import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, parseOptions } from '../command';
import { printImportResult } from '../printImportResult';
import { withWorkspace } from '../withWorkspace';

export const recordingsImportCdrCommand = defineCommand({
  name: 'recordings import-cdr',
  arguments: '<Master.csv> --zone <IANA zone> [--purpose <p>]... [--keep-numbers] --workspace <file> [--json]',
  summary: 'Import Asterisk call-detail records: answered calls become recordings with their retention dates.',
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, {
      zone: { type: 'string' },
      purpose: { type: 'string', multiple: true },
      'keep-numbers': { type: 'boolean' },
      workspace: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1 || !values.workspace || !values.zone) throw command.wrongCall();
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const result = await withWorkspace(io, values.workspace, async (service) => {
      const outcome = await service.call('importCallRecords', { path: file, zone: values.zone, purposes: values.purpose?.length ? values.purpose : ['quality'], keepNumbers: values['keep-numbers'] ?? false });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as { imported: number; duplicates: number; skipped: number; rejected: Array<{ line: number; reason: string }> };
    });
    printImportResult(result, values.json ?? false, io);
    return 0;
  },
});
