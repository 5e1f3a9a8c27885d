import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileStamp, looksEncrypted, newWorkspaceKey, rewriteWithKey } from '../../service/workspaceFiles';
import { defineCommand, UsageError } from '../command';
import { checkNewPassphrase, passphraseVariable } from '../passphrase';
import { headText } from '../workspaceWords';

export const workspaceEncryptCommand = defineCommand({
  name: 'workspace encrypt',
  arguments: '--workspace <file> --passphrase-file <file>',
  summary: 'Encrypt a plain workspace with the passphrase given; the plain file is kept beside it (readable by anyone: delete it when you no longer need it).',
  options: { workspace: { type: 'string', required: true } },
  run({ values }, io) {
    if (io.passphrase === undefined) throw new UsageError(`give the new passphrase with --passphrase-file <file> (or ${passphraseVariable})`);
    const path = resolve(values.workspace);
    if (!existsSync(path)) throw new Error(`No workspace file at ${path}.`);
    if (looksEncrypted(path)) throw new Error(`${path} is already encrypted; to change its passphrase use "workspace passphrase".`);
    checkNewPassphrase(io.passphrase, '--passphrase-file');
    const now = new Date().toISOString();
    const keptPlain = `${path}.unencrypted-${fileStamp(now)}`;
    const facts = rewriteWithKey(path, null, newWorkspaceKey(io.passphrase), { now, keepPlainAs: keptPlain });
    io.out(
      `Encrypted ${path} (${headText(facts.chainHead)}).\n` +
        `  The plain file is kept at ${keptPlain}: anyone with it can read the whole workspace. Delete it once you no longer need it.\n`,
    );
    return 0;
  },
});
