import { defineCommand, parseOptions, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsDisposeCommand = defineCommand({
  name: 'recordings dispose',
  arguments: '--workspace <file> --now <ISO instant> --operator <name> [--accept-missing] [--records-only] --json',
  summary:
    'Dispose of every recording due at that instant (never one under hold), with evidence; prints the batch. Needs the recordings folder; --records-only closes the entries of a workspace without one, touching no file.',
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, {
      workspace: { type: 'string' },
      now: { type: 'string' },
      operator: { type: 'string' },
      'accept-missing': { type: 'boolean' },
      'records-only': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length || !values.workspace || !values.now || !values.operator) throw command.wrongCall();
    const instant = new Date(values.now);
    if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(values.now)) throw new UsageError('--now must be an ISO 8601 instant, e.g. 2026-11-23T09:00:00Z');
    // --now is the instant the due list is taken at; the run's own clock stays the computer's (a future instant is refused).
    const batch = await withWorkspace(io, values.workspace, async (service) => {
      const outcome = await service.call('disposeDueRecordings', {
        operator: values.operator,
        asOf: instant.toISOString(),
        acceptMissingFiles: values['accept-missing'] ?? false,
        recordsOnly: values['records-only'] ?? false,
      });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as { id: string; disposed: unknown[]; refused: unknown[] };
    });
    io.out(values.json ? `${JSON.stringify(batch, null, 2)}\n` : `Batch ${batch.id}: disposed ${batch.disposed.length}, refused ${batch.refused.length}.\n`);
    return 0;
  },
});
