import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, parseOptions } from '../command';
import { withWorkspace } from '../withWorkspace';

export const certificateExportCommand = defineCommand({
  name: 'certificate export',
  arguments: '--workspace <file> --out <file.pem>',
  summary: "Write the certificate the workspace's reports are signed with (PEM), for auditors to check signatures against.",
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, { workspace: { type: 'string' }, out: { type: 'string' } });
    if (positionals.length || !values.workspace || !values.out) throw command.wrongCall();
    const out = resolve(values.out);
    const certificate = await withWorkspace(io, values.workspace, async (service) => {
      const result = await service.call('getSigningCertificate', {});
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { pem: string; subject: string; sha256: string; validTo: string };
    });
    writeFileSync(out, certificate.pem);
    io.out(`Certificate written to ${out}\n  ${certificate.subject}\n  SHA-256 ${certificate.sha256}, valid until ${certificate.validTo}\n`);
    return 0;
  },
});
