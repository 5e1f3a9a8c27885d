import { useState, type FormEvent } from 'react';
import type { Organisation } from '../../../../core/register/model';
import { organisationRoles } from '../../../../core/register/vocabularies';
import { workbench } from '../../bridge';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Failure, humanize, InlineError, Loading, readableMessage, TextField } from '../../components/common';
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

function OrganisationForm({ organisation, onDone }: { organisation: Organisation; onDone(): void }) {
  const [fields, setFields] = useState({
    name: organisation.name,
    legalName: organisation.legalName ?? '',
    country: organisation.country ?? '',
    address: organisation.address ?? '',
    contactEmail: organisation.contactEmail ?? '',
    dpoContact: organisation.dpoContact ?? '',
    representative: organisation.representative ?? '',
  });
  const [role, setRole] = useState(organisation.role);
  const [error, setError] = useState<string | null>(null);
  const text = (key: keyof typeof fields, label: string) => (
    <label>
      {label}
      <input value={fields[key]} onChange={(event) => setFields({ ...fields, [key]: event.target.value })} />
    </label>
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const orNull = (value: string) => value.trim() || null;
    const result = await workbench.updateOrganisation({
      id: organisation.id,
      changes: {
        name: fields.name,
        legalName: orNull(fields.legalName),
        role,
        country: orNull(fields.country.toUpperCase()),
        address: orNull(fields.address),
        contactEmail: orNull(fields.contactEmail),
        dpoContact: orNull(fields.dpoContact),
        representative: orNull(fields.representative),
        sourceDocument: organisation.sourceDocument,
        policyDate: organisation.policyDate,
      },
    });
    if (!result.ok) return setError(readableMessage(result.error));
    onDone();
  };
  return (
    <form className="record-form" aria-label={`Edit ${organisation.name}`} onSubmit={(event) => void submit(event)}>
      <h2>Edit {organisation.name}</h2>
      {text('name', 'Name')}
      {text('legalName', 'Legal name')}
      <label>
        Role
        <select value={role} onChange={(event) => setRole(event.target.value as Organisation['role'])}>
          {organisationRoles.map((entry) => (
            <option key={entry} value={entry}>
              {humanize(entry)}
            </option>
          ))}
        </select>
      </label>
      {text('country', 'Country (ISO code)')}
      {text('address', 'Address')}
      {text('contactEmail', 'Contact e-mail')}
      {text('dpoContact', 'Data protection officer (name and contact)')}
      {text('representative', 'Representative in the EU (Art. 27), if established outside it')}
      <InlineError message={error} />
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Save changes
        </button>
      </div>
    </form>
  );
}
