import { basename, resolve } from 'node:path';
import { backupsFolderOf, listBackups } from '../../service/workspaceFiles';
import { defineCommand } from '../command';
import { headText, sizeText } from '../workspaceWords';

export const backupListCommand = defineCommand({
  name: 'backup list',
  arguments: '--workspace <file> [--json]',
  summary: "List a workspace's backups (its backups folder): time, size, schema version, chain head, and any that cannot be read.",
  options: { workspace: { type: 'string', required: true }, json: { type: 'boolean' } },
  run({ values }, io) {
    const folder = backupsFolderOf(resolve(values.workspace));
    const backups = listBackups(folder, io.passphrase ?? null);
    if (values.json) {
      io.out(`${JSON.stringify({ folder, backups }, null, 2)}\n`);
      return 0;
    }
    io.out(backups.length ? `${backups.length} backup(s) in ${folder}, newest first:\n` : `No backups in ${folder}.\n`);
    for (const backup of backups) {
      io.out(
        'problem' in backup
          ? `  ${basename(backup.path)}: cannot be read (${backup.problem})\n`
          : `  ${basename(backup.path)}  ${backup.modifiedAt}  ${sizeText(backup.bytes)}  schema ${backup.schemaVersion}  ${backup.encrypted ? 'encrypted' : 'NOT encrypted'}  ${headText(backup.chainHead)}\n`,
      );
    }
    return 0;
  },
});
