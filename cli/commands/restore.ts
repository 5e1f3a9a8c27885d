import { resolve } from 'node:path';
import { defaultActor } from '../../service';
import { passphraseKeyring, previewRestore, restoreWorkspace } from '../../service/workspaceFiles';
import { defineCommand } from '../command';
import { headText } from '../workspaceWords';

export const restoreCommand = defineCommand({
  name: 'restore',
  arguments: '<backup> --to <file> [--preview] [--json]',
  summary:
    'Restore a backup to <file>: first what differs (records per kind, chain heads, schema), then the restore; a workspace already at <file> is kept aside whole, an older backup is upgraded, a newer one refused. --preview: only show.',
  options: { to: { type: 'string', required: true }, preview: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: 1,
  run({ values, positionals: [backupFile] }, io) {
    const backup = resolve(backupFile);
    const target = resolve(values.to);
    // One keyring for the preview and the restore: each file's key is derived once.
    const keyOf = passphraseKeyring(io.passphrase);
    const preview = previewRestore(backup, target, keyOf);
    const lines = [`Backup ${backup}: schema ${preview.backup.schemaVersion}, ${headText(preview.backup.chainHead)}.`];
    if (preview.currentProblem) {
      lines.push(`Replaces ${target}, which cannot be read (${preview.currentProblem}); it is kept aside as it is.`);
      for (const [kind, count] of Object.entries(preview.backup.counts)) lines.push(`  ${kind}: ${count} in the backup`);
    } else if (preview.current) {
      lines.push(`Replaces ${target}: schema ${preview.current.schemaVersion}, ${headText(preview.current.chainHead)}.`);
      if (preview.current.workspaceId !== preview.backup.workspaceId) {
        lines.push(`  Note: the backup is of another workspace (${preview.backup.name ?? preview.backup.workspaceId}) than the one at ${target} (${preview.current.name ?? preview.current.workspaceId}).`);
      }
      for (const [kind, count] of Object.entries(preview.backup.counts)) {
        const current = preview.current.counts[kind] ?? 0;
        lines.push(`  ${kind}: ${current} now, ${count} in the backup${count === current ? '' : ` (${count > current ? '+' : ''}${count - current})`}`);
      }
    } else {
      lines.push(`Restores to a new file ${target}.`);
      for (const [kind, count] of Object.entries(preview.backup.counts)) lines.push(`  ${kind}: ${count}`);
    }
    if (preview.refused) {
      io.err(`privacy-workbench: ${preview.refused} Nothing was changed.\n`);
      return 1;
    }
    if (values.preview) {
      io.out(values.json ? `${JSON.stringify(preview, null, 2)}\n` : `${lines.join('\n')}\n(preview only: nothing was changed)\n`);
      return 0;
    }
    const result = restoreWorkspace(backup, target, keyOf, { now: new Date().toISOString(), actor: defaultActor() });
    if (values.json) {
      io.out(`${JSON.stringify({ preview, ...result }, null, 2)}\n`);
      return 0;
    }
    io.out(
      `${lines.join('\n')}\nRestored ${target} (schema ${result.restored.schemaVersion}, ${headText(result.restored.chainHead)}).\n` +
        (result.keptAside ? `  The workspace it replaced is kept whole at ${result.keptAside}.\n` : ''),
    );
    return 0;
  },
});
