import { callOrThrow } from '../callOrThrow';
import { defineCommand, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsDisposeCommand = defineCommand({
  name: 'recordings dispose',
  arguments: '--workspace <file> --now <ISO instant> --operator <name> [--accept-missing] [--records-only] --json',
  summary:
    'Dispose of every recording due at that instant (never one under hold), with evidence; prints the batch. Needs the recordings folder; --records-only closes the entries of a workspace without one, touching no file.',
  options: {
    workspace: { type: 'string', required: true },
    now: { type: 'string', required: true },
    operator: { type: 'string', required: true },
    'accept-missing': { type: 'boolean' },
    'records-only': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const instant = new Date(values.now);
    if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(values.now)) throw new UsageError('--now must be an ISO 8601 instant, e.g. 2026-11-23T09:00:00Z');
    // --now is the instant the due list is taken at; the run's own clock stays the computer's (a future instant is refused).
    const batch = await withWorkspace(io, values.workspace, (service) =>
      callOrThrow(service, 'disposeDueRecordings', { operator: values.operator, asOf: instant.toISOString(), acceptMissingFiles: values['accept-missing'], recordsOnly: values['records-only'] }),
    );
    io.out(values.json ? `${JSON.stringify(batch, null, 2)}\n` : `Batch ${batch.id}: disposed ${batch.disposed.length}, refused ${batch.refused.length}.\n`);
    return 0;
  },
});
