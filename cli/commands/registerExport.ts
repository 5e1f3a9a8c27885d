import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExportedFile } from '../../core/contract';
import { registerExportFormats } from '../../core/register/registerColumns';
import { defineCommand, parseOptions, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const registerExportCommand = defineCommand({
  name: 'register export',
  arguments: '--format csv|xlsx|json --workspace <file> --out <file>',
  summary: 'Export the register: CSV or XLSX in the ICO template layout, or the whole register as JSON.',
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, { workspace: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
    if (positionals.length || !values.workspace || !values.out || !values.format) throw command.wrongCall();
    const format = registerExportFormats.find((entry) => entry === values.format);
    if (!format) throw new UsageError('--format must be csv, xlsx or json');
    const out = resolve(values.out);
    const file = await withWorkspace(io, values.workspace, async (service) => {
      const result = await service.call('exportRegister', { format });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as ExportedFile;
    });
    writeFileSync(out, file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content);
    io.out(`Register written to ${out}\n`);
    return 0;
  },
});
