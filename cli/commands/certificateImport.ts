import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, parseOptions, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const certificateImportCommand = defineCommand({
  name: 'certificate import',
  arguments: '<file.p12> --workspace <file> [--p12-passphrase-file <file>]',
  summary: "Sign the workspace's reports from now on with the organisation's own key and certificate (PKCS#12), instead of the one made for it.",
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, { workspace: { type: 'string' }, 'p12-passphrase-file': { type: 'string' } });
    if (positionals.length !== 1 || !values.workspace) throw command.wrongCall();
    if (!values['p12-passphrase-file'] && io.passphraseSource === 'file') {
      throw new UsageError("--passphrase-file is the workspace's passphrase; give the PKCS#12 file's own with --p12-passphrase-file <file>");
    }
    const p12File = resolve(positionals[0]!);
    if (!existsSync(p12File)) throw new Error(`${p12File} does not exist.`);
    // The passphrase comes from a file, never the command line (where other users of the computer could read it).
    const passphrase = values['p12-passphrase-file'] ? readFileSync(resolve(values['p12-passphrase-file']), 'utf8').replace(/\r?\n$/, '') : '';
    const certificate = await withWorkspace(io, values.workspace, async (service) => {
      const result = await service.call('importSigningCertificate', { p12: readFileSync(p12File).toString('base64'), passphrase });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { subject: string; sha256: string; validTo: string };
    });
    io.out(`Reports are now signed with: ${certificate.subject}\n  SHA-256 ${certificate.sha256}, valid until ${certificate.validTo}\n`);
    return 0;
  },
});
