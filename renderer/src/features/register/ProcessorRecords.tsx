import { useRef, useState } from 'react';
import { Controller, FormProvider } from 'react-hook-form';
import type { ProcessorRecordDetail } from '../../../../core/contract';
import { processorRecordInputSchema, type Organisation, type ProcessorRecordInput } from '../../../../core/register/model';
import { ChangeHistory } from '../../components/ChangeHistory';
import { EmptyState, Failure, Field, Loading, TextField, RecordHeader } from '../../components/common';
import { TransfersEditor } from '../../components/TransfersEditor';
import { TransferList } from '../../components/TransferList';
import { applyFailure, describedBy, FieldProblemText, firstRowWithProblem, fieldWithRows, focusFirstProblem, FormProblems, SelectField, inputFrom, lines, onLineOf, useMappedContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';
import { Gaps } from './Gaps';


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

/**
 * What the record form holds: the contract's input, field for field, with the categories of
 * processing typed a line each and the texts empty when not given; the source, which the form does
 * not show, is kept as it is.
 */
type ProcessorRecordFields = Omit<ProcessorRecordInput, 'controllerContact' | 'processingCategories' | 'securityMeasures' | 'source'> & {
  controllerContact: string;
  processingCategories: string;
  securityMeasures: string;
};

function fieldsOf(input: ProcessorRecordInput): ProcessorRecordFields {
  return {
    organisationId: input.organisationId,
    controllerName: input.controllerName,
    controllerContact: input.controllerContact ?? '',
    processingCategories: input.processingCategories.join('\n'),
    transfers: input.transfers,
    securityMeasures: input.securityMeasures ?? '',
  };
}

/** The form's fields, on which a refusal of the service is shown. */
const recordFields = ['organisationId', 'controllerName', 'controllerContact', 'processingCategories', 'transfers', 'securityMeasures'] satisfies Array<keyof ProcessorRecordFields>;

/** The write the fields make, for the contract's schema to check. */
const inputOf = (values: ProcessorRecordFields, source: string | null) => ({
  organisationId: values.organisationId,
  controllerName: values.controllerName,
  controllerContact: values.controllerContact.trim() || null,
  processingCategories: lines(values.processingCategories),
  transfers: values.transfers,
  securityMeasures: values.securityMeasures.trim() || null,
  source,
});

/** A transfer's problem keeps its row and field; the rest go to their field by its first name. */
const recordFieldOf = fieldWithRows('transfers');
/** Which line of the categories a problem is on ("must not be empty (line 2)"). */
const recordMessageOf = onLineOf({ processingCategories: 'line' });

/**
 * Creates or edits an Art. 30(2) record, checked with the contract's schema before anything is
 * sent: every problem beside its field, listed at the top, and the keyboard on the first.
 */
function ProcessorRecordForm(props: { organisations: Organisation[]; editing?: ProcessorRecordDetail; onSaved(): void; onCancel(): void }) {
  const initial = props.editing;
  const defaultOrganisation = props.organisations.find((organisation) => organisation.role !== 'controller') ?? props.organisations[0];
  const empty: ProcessorRecordInput = {
    organisationId: defaultOrganisation?.id ?? '',
    controllerName: '',
    controllerContact: null,
    processingCategories: [],
    transfers: [],
    securityMeasures: null,
    source: null,
  };
  const source = initial?.source ?? null;
  const form = useMappedContractForm(
    processorRecordInputSchema.strict(),
    fieldsOf(initial ? inputFrom(processorRecordInputSchema, initial) : empty),
    (values: ProcessorRecordFields) => inputOf(values, source),
    recordFieldOf,
    recordMessageOf,
  );
  const create = useWrite('createProcessorRecord');
  const update = useWrite('updateProcessorRecord');
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = form.handleSubmit(
    async (input) => {
      setOtherProblems([]);
      const result = initial ? await update.run({ id: initial.id, changes: input }) : await create.run(input);
      if (result.ok) return props.onSaved();
      setOtherProblems(applyFailure(form, result.error, recordFields, recordFieldOf));
      focusFirstProblem(formRef.current);
    },
    () => focusFirstProblem(formRef.current),
  );
  const pending = create.pending || update.pending;
  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        className="record-form"
        aria-label={initial ? 'Edit processor record' : 'New processor record'}
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}
        noValidate
      >
        <h2>{initial ? `Edit the record for ${initial.controllerName}` : 'New Art. 30(2) record'}</h2>
        <FormProblems also={otherProblems} lead="Not saved." />
        <SelectField name="organisationId" label="Our organisation (acting as processor)" options={props.organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))} />
        <label>
          Controller served — Art. 30(2)(a)
          <input autoFocus {...form.register('controllerName')} placeholder="e.g. Acme Retail Ltd" {...describedBy(form, 'controllerName')} />
        </label>
        <FieldProblemText name="controllerName" below />
        <label>
          Controller's contact details (and its representative's, if any)
          <input {...form.register('controllerContact')} placeholder="e.g. dpo@acme.example, 1 High St" {...describedBy(form, 'controllerContact')} />
        </label>
        <FieldProblemText name="controllerContact" below />
        <label>
          Categories of processing carried out for it (one per line) — Art. 30(2)(b)
          <textarea rows={3} {...form.register('processingCategories')} {...describedBy(form, 'processingCategories')} />
        </label>
        <FieldProblemText name="processingCategories" below />
        <Controller
          control={form.control}
          name="transfers"
          render={({ field }) => <TransfersEditor value={field.value} onChange={field.onChange} invalidIndex={firstRowWithProblem(form.formState.errors.transfers)} problemId={describedBy(form, 'transfers')['aria-describedby']} />}
        />
        <FieldProblemText name="transfers" below />
        <label>
          Security measures — Art. 30(2)(d)
          <textarea rows={2} {...form.register('securityMeasures')} {...describedBy(form, 'securityMeasures')} />
        </label>
        <FieldProblemText name="securityMeasures" below />
        <div className="form-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={pending}>
            {initial ? 'Save changes' : 'Create record'}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
