import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { callImportChoices, callImportOptions } from '../callImportOptions';
import { callOrThrow } from '../callOrThrow';
import { defineCommand } from '../command';
import { printImportResult } from '../printImportResult';
import { importWorkerOf, withWorkspace } from '../withWorkspace';

export const recordingsImportCsvCommand = defineCommand({
  name: 'recordings import-csv',
  arguments: '<file.csv> --mapping <name> --zone <IANA zone> [--purpose <p>]... [--keep-numbers] --workspace <file> [--json]',
  summary: 'Import call records from any CSV through a column mapping saved in the workspace (in the app).',
  options: { mapping: { type: 'string', required: true }, ...callImportOptions },
  positionals: 1,
  async run({ values, positionals: [csvFile] }, io) {
    const mappingName = values.mapping;
    const file = resolve(csvFile);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const result = await withWorkspace(
      io,
      values.workspace,
      async (service) => {
        const saved = await callOrThrow(service, 'listCsvMappings', {});
        const mapping = saved.find((entry) => entry.name.toLowerCase() === mappingName.toLowerCase());
        if (!mapping) {
          throw new Error(`No mapping named "${mappingName}" in this workspace${saved.length ? ` (saved: ${saved.map((entry) => entry.name).join(', ')})` : ''}; save one in the app (Call recordings, Import).`);
        }
        let job = await callOrThrow(service, 'startRecordingsImport', { path: file, source: 'mapping', mappingId: mapping.id, zone: values.zone, ...callImportChoices(values) });
        while (job.state === 'running') {
          await new Promise((wake) => setTimeout(wake, 100));
          job = await callOrThrow(service, 'getImportJob', { jobId: job.id });
        }
        if (job.state !== 'done' || !job.result) throw new Error(job.error ?? `The import ended ${job.state}.`);
        if (job.result.rejectedCount > job.result.rejected.length) {
          io.err(`${job.result.rejectedCount} lines were rejected; the first ${job.result.rejected.length} are listed.\n`);
        }
        return job.result;
      },
      { importWorkerPath: importWorkerOf(io) },
    );
    printImportResult(result, values.json, io);
    return 0;
  },
});
