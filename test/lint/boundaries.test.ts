import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/workspace';

const eslint = new ESLint({ cwd: repoRoot });
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('layer boundaries (ESLint)', () => {
  it('fails a renderer file that imports from db/', async () => {
    const errors = await boundaryErrors('renderer/src/features/Leak.tsx', `import { openWorkspaceDatabase } from '../../../db/connection';\nexport const leak = openWorkspaceDatabase;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/renderer layer must not import from db\//);
  });

  it('fails renderer imports of the service, Electron or Node', async () => {
    expect(await boundaryErrors('renderer/src/x.ts', `import '../../service';`)).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/x.ts', `import { ipcRenderer } from 'electron'; export default ipcRenderer;`)).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/x.ts', `import { readFileSync } from 'node:fs'; export default readFileSync;`)).toHaveLength(1);
  });

  it('keeps core pure and the service free of Electron', async () => {
    expect(await boundaryErrors('core/x.ts', `import { readFileSync } from 'node:fs'; export default readFileSync;`)).toHaveLength(1);
    expect(await boundaryErrors('core/x.ts', `import '../db/connection';`)).toHaveLength(1);
    expect(await boundaryErrors('service/x.ts', `import { app } from 'electron'; export default app;`)).toHaveLength(1);
    expect(await boundaryErrors('db/x.ts', `import '../service';`)).toHaveLength(1);
    expect(await boundaryErrors('cli/x.ts', `import '../db/connection';`)).toHaveLength(1);
  });

  it('allows the arrows of the architecture', async () => {
    expect(await boundaryErrors('renderer/src/x.ts', `import { contract } from '../../core/contract'; export default contract;`)).toEqual([]);
    expect(await boundaryErrors('service/x.ts', `import '../db/connection';`)).toEqual([]);
    expect(await boundaryErrors('electron/x.ts', `import '../service';`)).toEqual([]);
    expect(await boundaryErrors('cli/x.ts', `import '../service';`)).toEqual([]);
  });

  it('finds no lint error anywhere in the repository', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((result) =>
      result.messages.filter((message) => message.severity === 2).map((message) => `${result.filePath}:${message.line} ${message.ruleId}: ${message.message}`),
    );
    expect(problems).toEqual([]);
  });
});
