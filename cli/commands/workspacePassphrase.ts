import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyFromPassphrase, looksEncrypted, newWorkspaceKey, rewriteWithKey } from '../../service/workspaceFiles';
import { defineCommand, UsageError } from '../command';
import { checkNewPassphrase, passphraseVariable, readPassphraseFile } from '../passphrase';
import { headText } from '../workspaceWords';

export const workspacePassphraseCommand = defineCommand({
  name: 'workspace passphrase',
  arguments: '--workspace <file> --passphrase-file <current> --new-passphrase-file <file>',
  summary: "Change an encrypted workspace's passphrase: the file is re-encrypted under the new one (its backups keep the old one).",
  options: { workspace: { type: 'string', required: true }, 'new-passphrase-file': { type: 'string' } },
  run({ values }, io, command) {
    // Not declared required: an empty one is read (and refused as a file), not a wrong call.
    if (values['new-passphrase-file'] === undefined) throw command.wrongCall();
    if (io.passphrase === undefined) throw new UsageError(`give the current passphrase with --passphrase-file <file> (or ${passphraseVariable})`);
    const path = resolve(values.workspace);
    if (!existsSync(path)) throw new Error(`No workspace file at ${path}.`);
    const fresh = readPassphraseFile(values['new-passphrase-file'], '--new-passphrase-file');
    checkNewPassphrase(fresh, '--new-passphrase-file');
    if (!looksEncrypted(path)) throw new Error(`${path} is not encrypted; encrypt it with "workspace encrypt".`);
    const facts = rewriteWithKey(path, keyFromPassphrase(path, io.passphrase), newWorkspaceKey(fresh), { now: new Date().toISOString() });
    io.out(`The passphrase of ${path} was changed (${headText(facts.chainHead)}). Its earlier backups still open with the old one.\n`);
    return 0;
  },
});
