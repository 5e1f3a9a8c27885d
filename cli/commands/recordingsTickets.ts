import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { callOrThrow } from '../callOrThrow';
import { defineCommand } from '../command';
import { withWorkspace } from '../withWorkspace';

export const recordingsTicketsCommand = defineCommand({
  name: 'recordings tickets',
  arguments: '<file.csv> --workspace <file> [--json]',
  summary: 'Import ticket states (columns ticket, state, closed_at) and recompute the retention of their recordings; all or nothing.',
  options: { workspace: { type: 'string', required: true }, json: { type: 'boolean' } },
  positionals: 1,
  async run({ values, positionals: [ticketsFile] }, io) {
    const file = resolve(ticketsFile);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const content = readFileSync(file, 'utf8');
    const outcome = await withWorkspace(io, values.workspace, (service) => callOrThrow(service, 'importTicketStates', { content }));
    if (values.json) {
      io.out(`${JSON.stringify(outcome, null, 2)}\n`);
      return 0;
    }
    io.out(`Updated ${outcome.tickets} tickets; ${outcome.recordings} recordings changed.\n`);
    if (outcome.unknownTickets.length) io.out(`No recording is linked to: ${outcome.unknownTickets.join(', ')}\n`);
    return 0;
  },
});
