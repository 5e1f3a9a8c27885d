import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { callImportChoices, callImportOptions } from '../callImportOptions';
import { callOrThrow } from '../callOrThrow';
import { defineCommand } from '../command';
import { printImportResult } from '../printImportResult';
import { withWorkspace } from '../withWorkspace';

export const recordingsImportCdrCommand = defineCommand({
  name: 'recordings import-cdr',
  arguments: '<Master.csv> --zone <IANA zone> [--purpose <p>]... [--keep-numbers] --workspace <file> [--json]',
  summary: 'Import Asterisk call-detail records: answered calls become recordings with their retention dates.',
  options: callImportOptions,
  positionals: 1,
  async run({ values, positionals: [cdrFile] }, io) {
    const file = resolve(cdrFile);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const result = await withWorkspace(io, values.workspace, (service) => callOrThrow(service, 'importCallRecords', { path: file, zone: values.zone, ...callImportChoices(values) }));
    printImportResult(result, values.json, io);
    return 0;
  },
});
