import { callOrThrow } from '../callOrThrow';
import { defineCommand } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsScanCommand = defineCommand({
  name: 'recordings scan',
  arguments: '--workspace <file> [--pattern <p>] [--json]',
  summary:
    'Scan the recordings folder: match audio files to calls (uniqueid or pattern such as "in-{dst}-{src}-{date:YYYYMMDD}-{time:HHMMSS}-{uniqueid}") and register their SHA-256 and size.',
  options: { workspace: { type: 'string', required: true }, pattern: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const scan = await withWorkspace(io, values.workspace, (service) => callOrThrow(service, 'scanRecordingsFolder', values.pattern === undefined ? {} : { pattern: values.pattern }));
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
