import { useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { organisationInputSchema, type Organisation } from '../../../../core/register/model';
import { organisationRoles } from '../../../../core/register/vocabularies';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Failure, FormButtons, humanize, Loading, TextField } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, inputFrom, nullIfEmpty, useContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';
import { FirstOrganisationForm } from './FirstOrganisationForm';

/** The controllers (and processors) the register is kept for: Art. 30(1)(a) and 30(2)(a). */
export function Organisations() {
  const organisations = useOperation('listOrganisations', {});
  const [editing, setEditing] = useState<string | null>(null);
  if (organisations.state === 'loading') return <Loading />;
  if (organisations.state === 'failed') return <Failure error={organisations.error} />;
  return (
    <div className="card-stack">
      <div className="card-stack-toolbar">
        <p className="muted">Art. 30(1)(a): the name and contact details of the controller and, where applicable, of any joint controller, its representative and its DPO.</p>
        <FirstOrganisationForm />
      </div>
      {organisations.value.map((organisation) => (
        <article key={organisation.id} className="record card" aria-label={`Organisation ${organisation.name}`}>
          {editing === organisation.id ? (
            <OrganisationForm organisation={organisation} onDone={() => setEditing(null)} />
          ) : (
            <>
              <header className="record-header">
                <div>
                  <div className="record-kind">
                    {humanize(organisation.role)} · {organisation.activityCount} activities
                  </div>
                  <h2>{organisation.name}</h2>
                </div>
                <button onClick={() => setEditing(organisation.id)}>Edit</button>
              </header>
              {!organisation.address && !organisation.contactEmail ? (
                <section className="gaps" aria-label="What the law still requires">
                  <ul>
                    <li>
                      <span className="gap-citation">Art. 30(1)(a)</span> no contact details of the controller are recorded
                    </li>
                  </ul>
                </section>
              ) : null}
              <dl className="fields">
                <TextField label="Legal name" value={organisation.legalName} />
                <TextField label="Country" value={organisation.country} />
                <TextField label="Address" wide value={organisation.address} />
                <TextField label="Contact e-mail" value={organisation.contactEmail} />
                <TextField label="Data protection officer" value={organisation.dpoContact} />
                <TextField label="Representative in the EU (Art. 27)" value={organisation.representative} />
                <TextField label="Source" value={organisation.sourceDocument} />
              </dl>
              <ChangeHistory entity="organisation" entityId={organisation.id} />
            </>
          )}
        </article>
      ))}
    </div>
  );
}

/** The fields the form shows; the source document and policy date are kept as they are. */
const organisationFields = ['name', 'legalName', 'role', 'country', 'address', 'contactEmail', 'dpoContact', 'representative'] as const;

/** Organisation details, checked by the contract's schema: every problem beside its field before anything is sent. */
function OrganisationForm({ organisation, onDone }: { organisation: Organisation; onDone(): void }) {
  const form = useContractForm(organisationInputSchema, inputFrom(organisationInputSchema, organisation));
  const update = useWrite('updateOrganisation');
  const [left, setLeft] = useState<string[]>([]);
  const submit = form.handleSubmit(async (changes) => {
    setLeft([]);
    const result = await update.run({ id: organisation.id, changes });
    if (result.ok) return onDone();
    setLeft(applyFailure(form, result.error, organisationFields));
  });
  const text = (name: Exclude<(typeof organisationFields)[number], 'role'>, label: string) => (
    <label>
      {label}
      <input {...form.register(name, { setValueAs: name === 'country' ? countryCode : name === 'name' ? undefined : nullIfEmpty })} {...describedBy(form, name)} />
      <FieldProblemText name={name} />
    </label>
  );
  return (
    <FormProvider {...form}>
      <form className="record-form" aria-label={`Edit ${organisation.name}`} onSubmit={(event) => void submit(event)} noValidate>
        <h2>Edit {organisation.name}</h2>
        {text('name', 'Name')}
        {text('legalName', 'Legal name')}
        <label>
          Role
          <select {...form.register('role')} {...describedBy(form, 'role')}>
            {organisationRoles.map((entry) => (
              <option key={entry} value={entry}>
                {humanize(entry)}
              </option>
            ))}
          </select>
          <FieldProblemText name="role" />
        </label>
        {text('country', 'Country (ISO code)')}
        {text('address', 'Address')}
        {text('contactEmail', 'Contact e-mail')}
        {text('dpoContact', 'Data protection officer (name and contact)')}
        {text('representative', 'Representative in the EU (Art. 27), if established outside it')}
        <FormProblems also={left} />
        <FormButtons submit="Save changes" busy={update.pending} onCancel={onDone} cancelWhileBusy />
      </form>
    </FormProvider>
  );
}

/** An empty text field is no value (null). */
/** A country code as the contract takes it: upper case, without spaces around it; empty is none. */
const countryCode = (text: unknown) => (typeof text === 'string' ? (text.trim() === '' ? null : text.trim().toUpperCase()) : text);
