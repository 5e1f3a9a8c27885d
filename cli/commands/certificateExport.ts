import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { callOrThrow } from '../callOrThrow';
import { defineCommand } from '../command';
import { withWorkspace } from '../withWorkspace';

export const certificateExportCommand = defineCommand({
  name: 'certificate export',
  arguments: '--workspace <file> --out <file.pem>',
  summary: "Write the certificate the workspace's reports are signed with (PEM), for auditors to check signatures against.",
  options: { workspace: { type: 'string', required: true }, out: { type: 'string', required: true } },
  async run({ values }, io) {
    const out = resolve(values.out);
    const certificate = await withWorkspace(io, values.workspace, (service) => callOrThrow(service, 'getSigningCertificate', {}));
    writeFileSync(out, certificate.pem);
    io.out(`Certificate written to ${out}\n  ${certificate.subject}\n  SHA-256 ${certificate.sha256}, valid until ${certificate.validTo}\n`);
    return 0;
  },
});
