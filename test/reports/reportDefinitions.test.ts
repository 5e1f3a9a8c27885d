import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { auditPackPartKinds, reportDefinitions, reportKinds, type ReportKind } from '../../core/reports/model';
import { reportCommand } from '../../cli/commands/report';
import { reportViewOf } from '../../reports';
import { repoRoot } from '../support/workspace';

const auditPackWords = { once: 'one part', 'each-real-incident': 'one part per real incident (drills excluded)', 'the-pack': 'the pack itself' } as const;

/** The README's table of reports, as the definitions give it. */
function reportTable(): string {
  const row = (kind: ReportKind) => {
    const definition = reportDefinitions[kind];
    const name = definition.needsIncident ? `\`${kind}\` with \`--incident <id>\`` : `\`${kind}\``;
    return `| ${definition.title} | ${name} | ${definition.holds} | ${auditPackWords[definition.auditPack]} |`;
  };
  return ['| Report | `report <name>` | What it holds | In the audit pack |', '| --- | --- | --- | --- |', ...reportKinds.map(row)].join('\n');
}

const tableStart = '<!-- report-table: from core/reports/model.ts (test/reports/reportDefinitions.test.ts) -->';
const tableEnd = '<!-- /report-table -->';

describe('the report definitions', () => {
  it("are what the README's table of reports says", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const start = readme.indexOf(tableStart);
    const end = readme.indexOf(tableEnd);
    expect(start, `README.md has no "${tableStart}" marker`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const table = readme.slice(start + tableStart.length, end).trim();
    expect(table, `README.md's table of reports differs from core/reports/model.ts; it should read:\n${reportTable()}\n`).toBe(reportTable());
  });

  it("give the CLI's usage, a view for every kind, and the audit pack's parts in order", () => {
    expect(reportCommand.usage).toContain(`report <${reportKinds.join('|')}>`);
    for (const kind of reportKinds) expect(reportViewOf(kind)?.kind, kind).toBe(kind);
    expect(reportViewOf('no-such-report' as ReportKind)).toBeUndefined();
    expect(auditPackPartKinds).toEqual(reportKinds.filter((kind) => kind !== 'audit-pack'));
  });

  it('cannot be half-wired: a kind declared without its builder and view does not compile', () => {
    const modelPath = join(repoRoot, 'core/reports/model.ts');
    const wiredTo = [join(repoRoot, 'service/reports/builders.ts'), join(repoRoot, 'reports/registry.ts')];
    const errorsIn = (model: string) => {
      const { options } = ts.parseJsonConfigFileContent(
        { extends: './tsconfig.base.json', compilerOptions: { lib: ['ES2023'], types: ['node'], jsx: 'react-jsx', noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false } },
        ts.sys,
        repoRoot,
      );
      const host = ts.createCompilerHost(options);
      const original = host.getSourceFile.bind(host);
      host.getSourceFile = (fileName, languageVersion, ...rest) =>
        fileName === modelPath ? ts.createSourceFile(fileName, model, languageVersion) : original(fileName, languageVersion, ...rest);
      const program = ts.createProgram(wiredTo, options, host);
      return wiredTo.map((file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')));
    };
    const source = readFileSync(modelPath, 'utf8');
    expect(errorsIn(source)).toEqual([[], []]);
    const added = source.replace(
      'export const reportDefinitions = {',
      "export const reportDefinitions = {\n  dpia: { title: 'Impact assessments', holds: 'Each DPIA.', needsIncident: false, auditPack: 'once' },",
    );
    expect(added).not.toBe(source);
    const [builders, views] = errorsIn(added);
    expect(builders!.join('\n')).toMatch(/dpia/);
    expect(views!.join('\n')).toMatch(/dpia/);
  }, 60_000);
});
