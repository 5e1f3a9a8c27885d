import { assessRisk } from '../../core/incidents/risk';
import { defineCommand } from '../command';
import { readFacts } from '../readFacts';

export const assessCommand = defineCommand({
  name: 'assess',
  arguments: '--input <facts.json>',
  summary: "Score a breach's risk (ENISA severity, EDPB factors) and print the recommendation and reasons (JSON).",
  opensWorkspace: false,
  options: { input: { type: 'string', required: true } },
  run({ values }, io) {
    const facts = readFacts(values.input);
    if (!facts.assessment) throw new Error('The facts file has no "assessment" part to score.');
    const { recommendation, severity, reasons } = assessRisk(facts.assessment);
    io.out(`${JSON.stringify({ recommendation, severity, reasons }, null, 2)}\n`);
    return 0;
  },
});
