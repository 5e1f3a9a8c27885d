import { FormProvider } from 'react-hook-form';
import { contract } from '../../../../core/contract';
import { Badge, ZoneOptions } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useContractForm, useWrite } from '../../forms';
import { useAppStore } from '../../store';
import { localZone } from '../incidents/time';

/**
 * The workspace's time zone, set once from the computer that created it: breach and call-import
 * forms start from it. Changing it moves no stored instant; each time keeps the zone it was given in.
 */
export function WorkspaceZone() {
  const workspace = useAppStore((state) => state.workspace);
  const form = useContractForm(contract.setWorkspaceTimeZone.input, { timeZone: workspace?.timeZone ?? localZone() });
  const save = useWrite('setWorkspaceTimeZone');
  if (!workspace) return null;
  const submit = form.handleSubmit(async (input) => {
    const result = await save.run(input);
    if (result.ok) form.reset({ timeZone: result.value.timeZone });
    else applyFailure(form, result.error, ['timeZone']);
  });
  const computer = localZone();
  return (
    <FormProvider {...form}>
      <form className="card workspace-zone" aria-label="Time zone of the workspace" onSubmit={(event) => void submit(event)} noValidate>
        <h2>
          Time zone {workspace.timeZone === computer ? null : <Badge tone="warning">This computer is in {computer}</Badge>}
        </h2>
        <p className="muted">
          New breaches and call imports start in this zone, and every time is shown with its zone. Changing it moves no recorded time.
        </p>
        <div className="inline-form">
          <label>
            Workspace time zone
            <input {...form.register('timeZone')} {...describedBy(form, 'timeZone')} list="workspace-time-zones" spellCheck={false} />
          </label>
          <ZoneOptions id="workspace-time-zones" />
          <button type="submit" disabled={save.pending || !form.formState.isDirty}>
            Set the zone
          </button>
          <FieldProblemText name="timeZone" />
        </div>
        <FormProblems />
      </form>
    </FormProvider>
  );
}
