import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { callOrThrow } from '../callOrThrow';
import { defineCommand, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const certificateImportCommand = defineCommand({
  name: 'certificate import',
  arguments: '<file.p12> --workspace <file> [--p12-passphrase-file <file>]',
  summary: "Sign the workspace's reports from now on with the organisation's own key and certificate (PKCS#12), instead of the one made for it.",
  options: { workspace: { type: 'string', required: true }, 'p12-passphrase-file': { type: 'string' } },
  positionals: 1,
  async run({ values, positionals: [p12Path] }, io) {
    if (!values['p12-passphrase-file'] && io.passphraseSource === 'file') {
      throw new UsageError("--passphrase-file is the workspace's passphrase; give the PKCS#12 file's own with --p12-passphrase-file <file>");
    }
    const p12File = resolve(p12Path);
    if (!existsSync(p12File)) throw new Error(`${p12File} does not exist.`);
    // The passphrase comes from a file, never the command line (where other users of the computer could read it).
    const passphrase = values['p12-passphrase-file'] ? readFileSync(resolve(values['p12-passphrase-file']), 'utf8').replace(/\r?\n$/, '') : '';
    const certificate = await withWorkspace(io, values.workspace, (service) => callOrThrow(service, 'importSigningCertificate', { p12: readFileSync(p12File).toString('base64'), passphrase }));
    io.out(`Reports are now signed with: ${certificate.subject}\n  SHA-256 ${certificate.sha256}, valid until ${certificate.validTo}\n`);
    return 0;
  },
});
