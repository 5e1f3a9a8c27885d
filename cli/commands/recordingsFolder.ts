import { resolve } from 'node:path';
import { callOrThrow } from '../callOrThrow';
import { defineCommand, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsFolderCommand = defineCommand({
  name: 'recordings folder',
  arguments: '<dir> --workspace <file> [--backup-days <n>] [--caller-country <XX>] [--json]',
  summary:
    "Set the recordings folder (where the phone system writes its audio), how many days backups keep a deleted file (default: as set, else 35), and the callers' country (national numbers are read in it).",
  options: { workspace: { type: 'string', required: true }, 'backup-days': { type: 'string' }, 'caller-country': { type: 'string' }, json: { type: 'boolean' } },
  positionals: 1,
  async run({ values, positionals: [folder] }, io) {
    const days = values['backup-days'] === undefined ? undefined : Number(values['backup-days']);
    if (days !== undefined && (!Number.isInteger(days) || days < 0)) throw new UsageError('--backup-days must be a whole number of days (0 or more)');
    const settings = await withWorkspace(io, values.workspace, async (service) => {
      const current = await callOrThrow(service, 'getRecordingSettings', {});
      return callOrThrow(service, 'setRecordingSettings', {
        folder: resolve(folder),
        backupRetentionDays: days ?? current.backupRetentionDays,
        ...(values['caller-country'] === undefined ? {} : { callerCountry: values['caller-country'].toUpperCase() }),
      });
    });
    io.out(
      values.json
        ? `${JSON.stringify(settings, null, 2)}\n`
        : `Recordings folder: ${settings.folder}; backups keep a deleted file ${settings.backupRetentionDays} days; callers' country: ${settings.callerCountry ?? 'not set'}.\n`,
    );
    return 0;
  },
});
