import { defineCommand, parseOptions } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsSweepCommand = defineCommand({
  name: 'recordings sweep',
  arguments: '--workspace <file> [--now <ISO instant>] --json',
  summary: 'Count the recordings due for disposal, held, in conflict and retained.',
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, { workspace: { type: 'string' }, now: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length || !values.workspace) throw command.wrongCall();
    const counts = await withWorkspace(io, values.workspace, async (service) => {
      const outcome = await service.call('sweepRecordings', values.now ? { now: values.now } : {});
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as { due: number; held: number; conflicts: number; retained: number };
    });
    io.out(values.json ? `${JSON.stringify(counts, null, 2)}\n` : `Due ${counts.due}, held ${counts.held}, in conflict ${counts.conflicts}, retained ${counts.retained}.\n`);
    return 0;
  },
});
