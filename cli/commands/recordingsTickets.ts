import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, parseOptions } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsTicketsCommand = defineCommand({
  name: 'recordings tickets',
  arguments: '<file.csv> --workspace <file> [--json]',
  summary: 'Import ticket states (columns ticket, state, closed_at) and recompute the retention of their recordings; all or nothing.',
  async run(args, io, command) {
    const { values, positionals } = parseOptions(args, { workspace: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 1 || !values.workspace) throw command.wrongCall();
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const content = readFileSync(file, 'utf8');
    const outcome = await withWorkspace(io, values.workspace, async (service) => {
      const result = await service.call('importTicketStates', { content });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { tickets: number; recordings: number; unknownTickets: string[] };
    });
    if (values.json) {
      io.out(`${JSON.stringify(outcome, null, 2)}\n`);
      return 0;
    }
    io.out(`Updated ${outcome.tickets} tickets; ${outcome.recordings} recordings changed.\n`);
    if (outcome.unknownTickets.length) io.out(`No recording is linked to: ${outcome.unknownTickets.join(', ')}\n`);
    return 0;
  },
});
