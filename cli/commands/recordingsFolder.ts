import { resolve } from 'node:path';
import type { RecordingSettings } from '../../service/recordingFolder';
import { defineCommand, parseOptions, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsFolderCommand = defineCommand({
  name: 'recordings folder',
  arguments: '<dir> --workspace <file> [--backup-days <n>] [--caller-country <XX>] [--json]',
  summary:
    "Set the recordings folder (where the phone system writes its audio), how many days backups keep a deleted file (default: as set, else 35), and the callers' country (national numbers are read in it).",
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, { workspace: { type: 'string' }, 'backup-days': { type: 'string' }, 'caller-country': { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 1 || !values.workspace) throw command.wrongCall();
    const days = values['backup-days'] === undefined ? undefined : Number(values['backup-days']);
    if (days !== undefined && (!Number.isInteger(days) || days < 0)) throw new UsageError('--backup-days must be a whole number of days (0 or more)');
    const settings = await withWorkspace(io, values.workspace, async (service) => {
      const current = await service.call('getRecordingSettings', {});
      if (!current.ok) throw new Error(current.error.message);
      const outcome = await service.call('setRecordingSettings', {
        folder: resolve(positionals[0]!),
        backupRetentionDays: days ?? (current.value as RecordingSettings).backupRetentionDays,
        ...(values['caller-country'] === undefined ? {} : { callerCountry: values['caller-country'].toUpperCase() }),
      });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as RecordingSettings;
    });
    io.out(
      values.json
        ? `${JSON.stringify(settings, null, 2)}\n`
        : `Recordings folder: ${settings.folder}; backups keep a deleted file ${settings.backupRetentionDays} days; callers' country: ${settings.callerCountry ?? 'not set'}.\n`,
    );
    return 0;
  },
});
