import { callOrThrow } from '../callOrThrow';
import { defineCommand } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsSweepCommand = defineCommand({
  name: 'recordings sweep',
  arguments: '--workspace <file> [--now <ISO instant>] --json',
  summary: 'Count the recordings due for disposal, held, in conflict and retained.',
  options: { workspace: { type: 'string', required: true }, now: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const counts = await withWorkspace(io, values.workspace, (service) => callOrThrow(service, 'sweepRecordings', values.now ? { now: values.now } : {}));
    io.out(values.json ? `${JSON.stringify(counts, null, 2)}\n` : `Due ${counts.due}, held ${counts.held}, in conflict ${counts.conflicts}, retained ${counts.retained}.\n`);
    return 0;
  },
});
