import type { FolderScanResult } from '../../core/contract';
import { defineCommand, parseOptions } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsScanCommand = defineCommand({
  name: 'recordings scan',
  arguments: '--workspace <file> [--pattern <p>] [--json]',
  summary:
    'Scan the recordings folder: match audio files to calls (uniqueid or pattern such as "in-{dst}-{src}-{date:YYYYMMDD}-{time:HHMMSS}-{uniqueid}") and register their SHA-256 and size.',
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, { workspace: { type: 'string' }, pattern: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length || !values.workspace) throw command.wrongCall();
    const scan = await withWorkspace(io, values.workspace, async (service) => {
      const outcome = await service.call('scanRecordingsFolder', values.pattern === undefined ? {} : { pattern: values.pattern });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as FolderScanResult;
    });
    if (values.json) {
      io.out(`${JSON.stringify(scan, null, 2)}\n`);
      return 0;
    }
    io.out(
      `Scanned ${scan.scanned} audio files: matched ${scan.matched}, already known ${scan.alreadyKnown}, changed ${scan.changed.length}, ` +
        `of disposed calls ${scan.disposed.count}, unmatched ${scan.unmatched.count}; ignored ${scan.ignored} other files and ${scan.outside.count} links leading outside the folder.\n`,
    );
    for (const entry of scan.changed) io.out(`  changed: ${entry.file} (registered ${entry.registeredFile}, SHA-256 ${entry.registeredSha256 ?? 'none'}, found ${entry.foundSha256})\n`);
    return 0;
  },
});
