import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagsText } from '../../core/register/importReview';
import { registerFormatOf } from '../../core/register/registerColumns';
import { callOrThrow } from '../callOrThrow';
import { defineCommand, UsageError } from '../command';
import { importWorkerOf, withWorkspace } from '../withWorkspace';

export const registerImportCommand = defineCommand({
  name: 'register import',
  arguments: '<file.csv|file.xlsx|file.ods|file.json> --workspace <file> [--mapping <saved layout>] [--json]',
  summary:
    'Import a register (the ICO and CNIL templates as filled in): columns matched by heading or synonym, values mapped to terms or kept as flagged text; prints what was mapped, imported, updated and rejected.',
  options: { workspace: { type: 'string', required: true }, json: { type: 'boolean' }, mapping: { type: 'string' } },
  positionals: 1,
  async run({ values, positionals: [registerFile] }, io) {
    const file = resolve(registerFile);
    const format = registerFormatOf(file);
    if (!format) throw new UsageError(`${file}: the file name must end in .csv, .xlsx, .ods or .json`);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    // Binary and CSV files travel as base64 bytes (so a CSV's encoding is detected); JSON as text.
    const bytes = readFileSync(file);
    const content = format === 'json' ? bytes.toString('utf8') : bytes.toString('base64');
    // Unattended: the saved layout (named, or found by the file's headings) or the proposals apply; unmatched values are kept as flagged text.
    // The file is read, matched and written in the register-plan worker (beside the import worker), within its limits.
    const summary = await withWorkspace(
      io,
      values.workspace,
      (service) => callOrThrow(service, 'importRegister', { format, content, ...(format === 'json' ? {} : { encoding: 'base64' as const }), ...(values.mapping ? { layout: values.mapping } : {}) }),
      { importWorkerPath: importWorkerOf(io) },
    );
    const mapped = summary.values
      .filter((entry) => entry.decision.action !== 'text')
      .map((entry) => ({
        column: entry.column,
        value: entry.value,
        to: entry.decision.action === 'map' ? entry.decision.code : 'new term',
        match: entry.chosen ? 'chosen' : entry.match,
      }));
    const keptAsText = summary.values.filter(flagsText).map((entry) => ({ column: entry.column, value: entry.value }));
    if (values.json) {
      const { imported, updated, unchanged, rejected, encoding, layout, skipped, problems } = summary;
      io.out(`${JSON.stringify({ imported, updated, unchanged, rejected, encoding, layout, skipped, problems, mapped, keptAsText }, null, 2)}\n`);
      return 0;
    }
    io.out(`Imported ${summary.imported}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length}.\n`);
    if (summary.encoding) io.out(`Read as ${summary.encoding}${summary.layout ? `, with the saved layout "${summary.layout}"` : ''}.\n`);
    for (const rejected of summary.rejected) io.out(`  row ${rejected.row}: ${rejected.reason}\n`);
    for (const skipped of summary.skipped) io.out(`  row ${skipped.row} skipped: ${skipped.reason}\n`);
    for (const problem of summary.problems) io.out(`  row ${problem.row}, ${problem.column}: ${problem.message}\n`);
    for (const entry of mapped) io.out(`  mapped ${entry.column} "${entry.value}" to ${entry.to} (${entry.match})\n`);
    for (const entry of keptAsText) io.out(`  kept as text and flagged: ${entry.column} "${entry.value}"\n`);
    if (summary.ignoredColumns.length) io.out(`Columns not used: ${summary.ignoredColumns.join(', ')}\n`);
    return 0;
  },
});
