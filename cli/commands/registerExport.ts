import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { registerExportFormats } from '../../core/register/registerColumns';
import { callOrThrow } from '../callOrThrow';
import { defineCommand, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const registerExportCommand = defineCommand({
  name: 'register export',
  arguments: '--format csv|xlsx|json --workspace <file> --out <file>',
  summary: 'Export the register: CSV or XLSX in the ICO template layout, or the whole register as JSON.',
  options: { workspace: { type: 'string', required: true }, format: { type: 'string', required: true }, out: { type: 'string', required: true } },
  async run({ values }, io) {
    const format = registerExportFormats.find((entry) => entry === values.format);
    if (!format) throw new UsageError('--format must be csv, xlsx or json');
    const out = resolve(values.out);
    const file = await withWorkspace(io, values.workspace, (service) => callOrThrow(service, 'exportRegister', { format }));
    writeFileSync(out, file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content);
    io.out(`Register written to ${out}\n`);
    return 0;
  },
});
