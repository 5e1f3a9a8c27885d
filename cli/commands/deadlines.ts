import { computeObligations } from '../../core/incidents/deadlines';
import { defineCommand } from '../command';
import { readFacts } from '../readFacts';

export const deadlinesCommand = defineCommand({
  name: 'deadlines',
  arguments: '--input <facts.json>',
  summary: "Print every notification obligation an incident's facts start, with its deadline and citation (JSON).",
  opensWorkspace: false,
  options: { input: { type: 'string', required: true } },
  run({ values }, io) {
    const obligations = computeObligations(readFacts(values.input)).map(({ id, recipient, kind, anchor, dueAt, dueLocal, citation }) => ({ id, recipient, kind, anchor, dueAt, dueLocal, citation }));
    io.out(`${JSON.stringify({ obligations }, null, 2)}\n`);
    return 0;
  },
});
