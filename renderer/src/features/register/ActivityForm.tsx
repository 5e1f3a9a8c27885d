import { useState, type FormEvent } from 'react';
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
  const fieldError = (field: string) =>
    error?.field === field || error?.field?.startsWith(`${field}.`) ? (
      <span className="field-error" role="alert">
        {error.message}
      </span>
    ) : null;

  return (
    <form className="record-form" onSubmit={submit} aria-label="New processing activity">
      <h2>New processing activity</h2>
      {error && !error.field ? (
        <div className="failure" role="alert">
          {error.message}
        </div>
      ) : null}
      <label>
        Organisation (controller)
        <select value={organisationId} onChange={(event) => setOrganisationId(event.target.value)} required>
          {props.organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </select>
        {fieldError('organisationId')}
      </label>
      <label>
        Name
        <input autoFocus value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Customer support calls" />
        {fieldError('name')}
      </label>
      <label>
        Business function
        <input value={businessFunction} onChange={(event) => setBusinessFunction(event.target.value)} placeholder="e.g. Customer support" />
      </label>
      <label>
        Purposes (one per line) — Art. 30(1)(b)
        <textarea rows={3} value={purposes} onChange={(event) => setPurposes(event.target.value)} />
        {fieldError('purposes')}
      </label>
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
        <input value={retention} onChange={(event) => setRetention(event.target.value)} placeholder="e.g. 3 years after the end of the contract" />
      </label>
      <label>
        Status
        <select value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
          {activityStatuses.map((value) => (
            <option key={value} value={value}>
              {value}
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
