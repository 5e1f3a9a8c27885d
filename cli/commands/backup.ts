import { resolve } from 'node:path';
import { backupWorkspaceFile } from '../../service/workspaceFiles';
import { defineCommand } from '../command';
import { headText, sizeText } from '../workspaceWords';

export const backupCommand = defineCommand({
  name: 'backup',
  arguments: '--workspace <file> [--out <file>] [--json]',
  summary:
    'Back up a workspace: a consistent copy (what its -wal holds included, even while the app writes), encrypted like it, checked (quick_check, change-log chain) before it is named. Default: into the "<workspace> backups" folder beside it.',
  options: { workspace: { type: 'string', required: true }, out: { type: 'string' }, json: { type: 'boolean' } },
  run({ values }, io) {
    const facts = backupWorkspaceFile(resolve(values.workspace), io.passphrase, values.out ? resolve(values.out) : null, { now: new Date().toISOString() });
    if (values.json) {
      io.out(`${JSON.stringify(facts, null, 2)}\n`);
      return 0;
    }
    io.out(
      `Backed up to ${facts.path} (${sizeText(facts.bytes)}, schema ${facts.schemaVersion}, ${facts.encrypted ? 'encrypted like the workspace' : 'NOT encrypted, like the workspace'}).\n` +
        `  Checked: quick_check ok, change log intact; ${headText(facts.chainHead)}.\n`,
    );
    return 0;
  },
});
