import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { WorkbenchFailure } from '../../../../core/contract';
import type { Activity, Organisation } from '../../../../core/register/model';
import { activityStatuses, dataCategories, lawfulBases } from '../../../../core/register/vocabularies';
import { workbench } from '../../bridge';

/** Creates a processing activity; a refused field is named next to the control. */
export function ActivityForm(props: {
  organisations: Organisation[];
  onCreated(activity: Activity): void;
  onCancel(): void;
}) {
  const [organisationId, setOrganisationId] = useState(props.organisations[0]?.id ?? '');
  const [name, setName] = useState('');
  const [businessFunction, setBusinessFunction] = useState('');
  const [purposes, setPurposes] = useState('');
  const [lawfulBasis, setLawfulBasis] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [retention, setRetention] = useState('');
  const [status, setStatus] = useState<(typeof activityStatuses)[number]>('active');
  const [error, setError] = useState<WorkbenchFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // After a refusal, take the keyboard to the field at fault.
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await workbench.createActivity({
      organisationId,
      name,
      businessFunction: businessFunction.trim() || null,
      purposes: purposes.split('\n').map((line) => line.trim()).filter(Boolean),
      lawfulBasis: (lawfulBasis || null) as Activity['lawfulBasis'],
      dataCategories: categories as Activity['dataCategories'],
      retention: retention.trim() || null,
      status,
    });
    setSaving(false);
    if (result.ok) props.onCreated(result.value);
    else setError(result.error);
  };
  const isInvalid = (field: string) => error?.field === field || error?.field?.startsWith(`${field}.`) === true;
  // Next to the field, its name is implied: "name: name must not be empty" reads "name must not be empty".
  const fieldError = (field: string) =>
    error && isInvalid(field) ? <span className="field-error field-error-below">{error.field ? error.message.replace(`${error.field}: `, '') : error.message}</span> : null;

  return (
    <form
      ref={formRef}
      className="record-form"
      onSubmit={submit}
      aria-label="New processing activity"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
    >
      <h2>New processing activity</h2>
      {error ? (
        <div className="failure" role="alert">
          Not saved. {error.message}
        </div>
      ) : null}
      <label>
        Organisation (controller)
        <select value={organisationId} onChange={(event) => setOrganisationId(event.target.value)} required aria-invalid={isInvalid('organisationId')}>
          {props.organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </select>
      </label>
      {fieldError('organisationId')}
      <label>
        Name
        <input autoFocus value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Customer support calls" aria-invalid={isInvalid('name')} />
      </label>
      {fieldError('name')}
      <label>
        Business function
        <input value={businessFunction} onChange={(event) => setBusinessFunction(event.target.value)} placeholder="e.g. Customer support" aria-invalid={isInvalid('businessFunction')} />
      </label>
      {fieldError('businessFunction')}
      <label>
        Purposes (one per line) — Art. 30(1)(b)
        <textarea rows={3} value={purposes} onChange={(event) => setPurposes(event.target.value)} aria-invalid={isInvalid('purposes')} />
      </label>
      {fieldError('purposes')}
      <label>
        Lawful basis (Art. 6)
        <select value={lawfulBasis} onChange={(event) => setLawfulBasis(event.target.value)}>
          <option value="">Not decided yet</option>
          {lawfulBases.map((basis) => (
            <option key={basis.code} value={basis.code}>
              {basis.label} — {basis.citation}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Categories of personal data — Art. 30(1)(c)</legend>
        <div className="checkbox-grid">
          {dataCategories.map((category) => (
            <label key={category.code} className="checkbox">
              <input
                type="checkbox"
                checked={categories.includes(category.code)}
                onChange={(event) =>
                  setCategories(event.target.checked ? [...categories, category.code] : categories.filter((code) => code !== category.code))
                }
              />
              {category.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Time limit for erasure — Art. 30(1)(f)
        <input value={retention} onChange={(event) => setRetention(event.target.value)} placeholder="e.g. 3 years after the end of the contract" aria-invalid={isInvalid('retention')} />
      </label>
      {fieldError('retention')}
      <label>
        Status
        <select value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
          {activityStatuses.map((value) => (
            <option key={value} value={value}>
              {value.charAt(0).toUpperCase() + value.slice(1)}
            </option>
          ))}
        </select>
      </label>
      <div className="form-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Create activity'}
        </button>
      </div>
    </form>
  );
}
