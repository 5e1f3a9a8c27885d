import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportJob } from '../../core/recordings/importJob';
import { defineCommand, parseOptions } from '../command';
import { printImportResult } from '../printImportResult';
import { importWorkerOf, withWorkspace } from '../withWorkspace';

export const recordingsImportCsvCommand = defineCommand({
  name: 'recordings import-csv',
  arguments: '<file.csv> --mapping <name> --zone <IANA zone> [--purpose <p>]... [--keep-numbers] --workspace <file> [--json]',
  summary: 'Import call records from any CSV through a column mapping saved in the workspace (in the app).',
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, {
      mapping: { type: 'string' },
      zone: { type: 'string' },
      purpose: { type: 'string', multiple: true },
      'keep-numbers': { type: 'boolean' },
      workspace: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1 || !values.workspace || !values.zone || !values.mapping) throw command.wrongCall();
    const mappingName = values.mapping;
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const result = await withWorkspace(
      io,
      values.workspace,
      async (service) => {
        const value = async <T>(name: string, input: unknown): Promise<T> => {
          const outcome = await service.call(name, input);
          if (!outcome.ok) throw new Error(outcome.error.message);
          return outcome.value as T;
        };
        const saved = await value<Array<{ id: string; name: string }>>('listCsvMappings', {});
        const mapping = saved.find((entry) => entry.name.toLowerCase() === mappingName.toLowerCase());
        if (!mapping) {
          throw new Error(`No mapping named "${mappingName}" in this workspace${saved.length ? ` (saved: ${saved.map((entry) => entry.name).join(', ')})` : ''}; save one in the app (Call recordings, Import).`);
        }
        let job = await value<ImportJob>('startRecordingsImport', {
          path: file,
          source: 'mapping',
          mappingId: mapping.id,
          zone: values.zone,
          purposes: values.purpose?.length ? values.purpose : ['quality'],
          keepNumbers: values['keep-numbers'] ?? false,
        });
        while (job.state === 'running') {
          await new Promise((wake) => setTimeout(wake, 100));
          job = await value<ImportJob>('getImportJob', { jobId: job.id });
        }
        if (job.state !== 'done' || !job.result) throw new Error(job.error ?? `The import ended ${job.state}.`);
        if (job.result.rejectedCount > job.result.rejected.length) {
          io.err(`${job.result.rejectedCount} lines were rejected; the first ${job.result.rejected.length} are listed.\n`);
        }
        return job.result;
      },
      undefined,
      importWorkerOf(io),
    );
    printImportResult(result, values.json ?? false, io);
    return 0;
  },
});
