import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { reportDefinitions, reportKinds } from '../../core/reports/model';
import { playwrightPrinter } from '../../service/reports/playwrightPrinter';
import { callOrThrow } from '../callOrThrow';
import { defineCommand, UsageError } from '../command';
import { withWorkspace } from '../withWorkspace';

export const reportCommand = defineCommand({
  name: 'report',
  arguments: `<${reportKinds.join('|')}> --workspace <file> --out <file.pdf> [--incident <id>]`,
  summary: 'Print a report to PDF (Chromium at CHROMIUM_PATH or /usr/bin/chromium), its data attached and fingerprinted.',
  options: { workspace: { type: 'string', required: true }, out: { type: 'string', required: true }, incident: { type: 'string' } },
  positionals: 1,
  async run({ values, positionals: [kindName] }, io) {
    const kind = reportKinds.find((entry) => entry === kindName);
    if (!kind) throw new UsageError(`unknown report "${kindName}": choose one of ${reportKinds.join(', ')}`);
    const definition = reportDefinitions[kind];
    if (definition.needsIncident && !values.incident) throw new UsageError(`the ${kind} report needs --incident <id>`);
    if (!definition.needsIncident && values.incident) throw new UsageError(`--incident is only for the ${reportKinds.filter((entry) => reportDefinitions[entry].needsIncident).join(' and ')} report`);
    const workspace = resolve(values.workspace);
    if (!existsSync(workspace)) throw new Error(`${workspace} does not exist.`);
    const out = resolve(values.out);
    if (!existsSync(dirname(out))) throw new Error(`The folder ${dirname(out)} does not exist.`);
    const printer = playwrightPrinter();
    try {
      const report = await withWorkspace(
        io,
        workspace,
        (service) => callOrThrow(service, 'exportReport', { kind, ...(values.incident ? { incidentId: values.incident } : {}) }),
        { printer, appVersion: io.version },
      );
      writeFileSync(out, Buffer.from(report.pdfBase64, 'base64'));
      io.out(`${definition.title}: ${report.pages} pages written to ${out}\nFingerprint (SHA-256 of the attached snapshot.json): ${report.fingerprint}\n`);
      return 0;
    } finally {
      await printer.close();
    }
  },
});
