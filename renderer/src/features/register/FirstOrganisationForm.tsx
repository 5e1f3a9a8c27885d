import { FormProvider } from 'react-hook-form';
import { contract } from '../../../../core/contract';
import { describedBy, FieldProblemText, FormProblems, useContractForm, useFormWrite } from '../../forms';

/** A new workspace has no organisation yet: the one field needed before the first activity (the lists showing organisations refresh on the write's change event). */
export function FirstOrganisationForm() {
  const form = useContractForm(contract.createOrganisation.input, { name: '' });
  const create = useFormWrite('createOrganisation', form, ['name']);
  const submit = form.handleSubmit(async (input) => {
    await create.send(input);
  });
  return (
    <FormProvider {...form}>
      <form className="inline-form" aria-label="New organisation" onSubmit={(event) => void submit(event)} noValidate>
        <input aria-label="Organisation name" {...form.register('name')} {...describedBy(form, 'name')} placeholder="e.g. Acme Ltd" />
        <button type="submit" className="primary" disabled={create.pending}>
          Add organisation
        </button>
        <FieldProblemText name="name" />
        <FormProblems also={create.left} />
      </form>
    </FormProvider>
  );
}
