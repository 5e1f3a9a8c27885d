import { useState, type FormEvent } from 'react';
import type { ProcessorRecordDetail, WorkbenchFailure } from '../../../../core/contract';
import { processorRecordInputSchema, type Organisation, type ProcessorRecordInput, type Transfer } from '../../../../core/register/model';
import { workbench } from '../../bridge';
import { ChangeHistory } from '../../components/ChangeHistory';
import { EmptyState, Failure, Field, Loading, problemAt, problemsWith, readableMessage, TextField, RecordHeader } from '../../components/common';
import { TransfersEditor } from '../../components/TransfersEditor';
import { TransferList } from '../../components/TransferList';
import { useFocusFirstInvalid } from '../../forms';
import { useOperation } from '../../useOperation';
import { Gaps } from './Gaps';

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** Art. 30(2): the records an organisation keeps of the processing it does for each controller. */
export function ProcessorRecords() {
  const records = useOperation('listProcessorRecords', {});
  const organisations = useOperation('listOrganisations', {});
  const [editing, setEditing] = useState<'new' | string | null>(null);
  if (records.state === 'loading' || organisations.state === 'loading') return <Loading />;
  if (records.state === 'failed') return <Failure error={records.error} />;
  if (organisations.state === 'failed') return <Failure error={organisations.error} />;
  const saved = () => {
    setEditing(null);
  };
  const form = (record?: ProcessorRecordDetail) => (
    <ProcessorRecordForm key={record?.id ?? 'new'} organisations={organisations.value} {...(record ? { editing: record } : {})} onSaved={saved} onCancel={() => setEditing(null)} />
  );
  return (
    <div className="card-stack">
      <div className="card-stack-toolbar">
        <p className="muted">An organisation that processes personal data on behalf of controllers keeps one Art. 30(2) record for each controller it serves.</p>
        <button className="primary" onClick={() => setEditing('new')} disabled={!organisations.value.length || editing !== null}>
          New processor record
        </button>
      </div>
      {editing === 'new' ? <article className="record card">{form()}</article> : null}
      {!records.value.length && editing !== 'new' ? (
        <EmptyState title="No processor records">Add one for each controller your organisation processes personal data for.</EmptyState>
      ) : null}
      {records.value.map((record) =>
        editing === record.id ? (
          <article key={record.id} className="record card">
            {form(record)}
          </article>
        ) : (
          <article key={record.id} className="record card" aria-label={`Processor record of ${record.organisationName} for ${record.controllerName}`}>
            <RecordHeader kind={<>Art. 30(2) record · processor: {record.organisationName}</>} title={<>For {record.controllerName}</>}>
                <button onClick={() => setEditing(record.id)} disabled={editing !== null}>
                  Edit
                </button>
            </RecordHeader>
            <Gaps completeness={record.completeness} />
            <dl className="fields">
              <TextField label="Controller's contact — Art. 30(2)(a)" wide value={record.controllerContact} />
              <Field label="Categories of processing — Art. 30(2)(b)" wide missing={!record.processingCategories.length}>
                <ul className="plain-list">
                  {record.processingCategories.map((category) => (
                    <li key={category}>{category}</li>
                  ))}
                </ul>
              </Field>
              <Field label="Transfers — Art. 30(2)(c)" wide>
                <TransferList transfers={record.transfers} />
              </Field>
              <TextField label="Security measures — Art. 30(2)(d)" wide value={record.securityMeasures} />
              <TextField label="Source" wide value={record.source} />
            </dl>
            <ChangeHistory entity="processor-record" entityId={record.id} />
          </article>
        ),
      )}
    </div>
  );
}

/** Creates or edits an Art. 30(2) record; a refused field is named beside its control. */
function ProcessorRecordForm(props: { organisations: Organisation[]; editing?: ProcessorRecordDetail; onSaved(): void; onCancel(): void }) {
  const initial = props.editing;
  const defaultOrganisation = props.organisations.find((organisation) => organisation.role !== 'controller') ?? props.organisations[0];
  const [organisationId, setOrganisationId] = useState(initial?.organisationId ?? defaultOrganisation?.id ?? '');
  const [controllerName, setControllerName] = useState(initial?.controllerName ?? '');
  const [controllerContact, setControllerContact] = useState(initial?.controllerContact ?? '');
  const [categories, setCategories] = useState(initial?.processingCategories.join('\n') ?? '');
  const [transfers, setTransfers] = useState<Transfer[]>(initial?.transfers ?? []);
  const [securityMeasures, setSecurityMeasures] = useState(initial?.securityMeasures ?? '');
  const [error, setError] = useState<WorkbenchFailure | null>(null);
  const formRef = useFocusFirstInvalid(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: ProcessorRecordInput = {
      organisationId,
      controllerName,
      controllerContact: controllerContact.trim() || null,
      processingCategories: lines(categories),
      transfers,
      securityMeasures: securityMeasures.trim() || null,
      source: initial?.source ?? null,
    };
    // The contract's schema says every problem before anything is sent.
    const refused = problemsWith(processorRecordInputSchema, fields);
    if (refused) return setError(refused);
    const result = initial ? await workbench.updateProcessorRecord({ id: initial.id, changes: fields }) : await workbench.createProcessorRecord(fields);
    if (result.ok) props.onSaved();
    else setError(result.error);
  };
  const isInvalid = (field: string) => problemAt(error, field) !== null;
  const errorField = error?.field?.replace(/^changes\./, '');
  return (
    <form ref={formRef} className="record-form" aria-label={initial ? 'Edit processor record' : 'New processor record'} onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}>
      <h2>{initial ? `Edit the record for ${initial.controllerName}` : 'New Art. 30(2) record'}</h2>
      {error ? (
        <div className="failure" role="alert">
          Not saved. {readableMessage(error)}
        </div>
      ) : null}
      <label>
        Our organisation (acting as processor)
        <select value={organisationId} onChange={(event) => setOrganisationId(event.target.value)} aria-invalid={isInvalid('organisationId')}>
          {props.organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Controller served — Art. 30(2)(a)
        <input autoFocus value={controllerName} onChange={(event) => setControllerName(event.target.value)} placeholder="e.g. Acme Retail Ltd" aria-invalid={isInvalid('controllerName')} />
      </label>
      <label>
        Controller's contact details (and its representative's, if any)
        <input value={controllerContact} onChange={(event) => setControllerContact(event.target.value)} placeholder="e.g. dpo@acme.example, 1 High St" aria-invalid={isInvalid('controllerContact')} />
      </label>
      <label>
        Categories of processing carried out for it (one per line) — Art. 30(2)(b)
        <textarea rows={3} value={categories} onChange={(event) => setCategories(event.target.value)} aria-invalid={isInvalid('processingCategories')} />
      </label>
      <TransfersEditor value={transfers} onChange={setTransfers} invalidIndex={errorField?.startsWith('transfers.') ? Number(errorField.split('.')[1]) : undefined} />
      <label>
        Security measures — Art. 30(2)(d)
        <textarea rows={2} value={securityMeasures} onChange={(event) => setSecurityMeasures(event.target.value)} aria-invalid={isInvalid('securityMeasures')} />
      </label>
      <div className="form-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {initial ? 'Save changes' : 'Create record'}
        </button>
      </div>
    </form>
  );
}
