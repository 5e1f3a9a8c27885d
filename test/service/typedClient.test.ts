import { describe, expect, it } from 'vitest';
import { operationNames } from '../../core/contract';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

describe('the typed test client', () => {
  it('answers each operation with its output, a refusal as an error naming the operation, and keeps the service reachable', async () => {
    const workbench = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'dpo' }));
    for (const name of operationNames) expect(typeof workbench[name], name).toBe('function');
    await expect(workbench.listActivities()).rejects.toThrow(/^listActivities failed: no-workspace: No workspace is open/);
    expect(await workbench.result.listActivities()).toMatchObject({ ok: false, error: { code: 'no-workspace' } });

    const workspace = await workbench.openDemoWorkspace();
    expect(workspace).toMatchObject({ isDemo: true });
    await expect(workbench.getActivity({ id: 'nope' })).rejects.toThrow(/^getActivity failed: not-found \(field id\): /);
    expect(await workbench.raw('listActivities', { search: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'search' } });
    expect(Object.keys(workbench.handlers)).toHaveLength(operationNames.length);
    workbench.close();
  });

  it('refuses at compile time an unknown operation, a field the contract does not have, and an input to an operation that takes none', () => {
    const workbench = typedClient({ call: async () => ({ ok: true, value: null }) });
    // Never called: what matters is that each line fails to compile without its directive.
    const refused = () => [
      // @ts-expect-error no operation has this name
      workbench.noSuchOperation({}),
      // @ts-expect-error getIncident takes an id, not a name
      workbench.getIncident({ name: 'x' }),
      // @ts-expect-error getWorkspace takes no input
      workbench.getWorkspace({ id: 'x' }),
      // @ts-expect-error the result of a refusal takes the same input
      workbench.result.createActivity({ organisationId: 'x', name: 'X', purposes: 'not a list' }),
    ];
    expect(typeof refused).toBe('function');
  });
});
