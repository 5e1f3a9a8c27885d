import { format } from 'date-fns';
import { useEffect, useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { contract, type ProcessorDetail } from '../../../../core/contract';
import { processorInputSchema, type Processor, type ProcessorInput } from '../../../../core/register/model';
import { labelOf } from '../../../../core/register/vocabularies';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Badge, Chips, describeField, EmptyState, Failure, Field, FormButtons, humanize, InlineError, Loading, readableMessage, TextField, RecordHeader } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, inputFrom, nullIfEmpty, textOrNull, useContractForm, useMappedContractForm, useWrite } from '../../forms';
import { SelectableList } from '../../components/SelectableList';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';
import { useVocabulary, withCitation } from '../../useVocabulary';
import { LinkedIncidents } from '../../components/LinkedIncidents';

/** Processors and vendors, and the activities each one serves. */
export function VendorsView() {
  const list = useOperation('listProcessors', {});
  const [selected, setSelected] = useState<string | null>(null);
  const [libraryOpen, setLibraryOpen] = useState(false);
  // A vendor just added stays selected while the list catches up with it (its answer may come before the change event).
  const [justAdded, setJustAdded] = useState<string | null>(null);
  useEffect(() => {
    if (list.state !== 'ready' || list.refreshing) return;
    if (justAdded) {
      if (list.value.some((item) => item.id === justAdded)) setJustAdded(null);
      return;
    }
    if (selected === null || !list.value.some((item) => item.id === selected)) setSelected(list.value[0]?.id ?? null);
  }, [list, selected, justAdded]);
  const added = (id: string) => {
    setJustAdded(id);
    setSelected(id);
  };

  return (
    <div className="section">
      <header className="section-header">
        <h1>Processors and vendors</h1>
        <div className="header-actions">
          <NewVendorForm onCreated={added} />
          <button onClick={() => setLibraryOpen(!libraryOpen)} aria-expanded={libraryOpen}>
            Add from library…
          </button>
        </div>
      </header>
      {libraryOpen ? <VendorLibrary onAdded={added} /> : null}
      <div className="list-detail">
        <div className="list-pane">
          {list.state === 'loading' ? <Loading /> : null}
          {list.state === 'failed' ? <Failure error={list.error} /> : null}
          {list.state === 'ready' && !list.value.length ? (
            <EmptyState title="No processors yet">
              Processors appear here when an activity names the vendor that handles its data (card payments, background checks, analytics…).
            </EmptyState>
          ) : null}
          {list.state === 'ready' && list.value.length ? (
            <>
              <div className="list-count">{list.value.length} processors</div>
              <SelectableList
                label="Processors"
                items={list.value}
                keyOf={(item) => item.id}
                selected={selected}
                onSelect={setSelected}
                render={(item) => (
                  <>
                    <div className="row-title">
                      {item.name} {item.toVerify ? <Badge tone="warning">To verify</Badge> : null}
                    </div>
                    <div className="row-meta">
                      {item.service ?? 'Service not recorded'} · {item.activityCount} {item.activityCount === 1 ? 'activity' : 'activities'}
                    </div>
                  </>
                )}
              />
            </>
          ) : null}
        </div>
        <div className="detail-pane">{selected ? <ProcessorDetailView key={selected} id={selected} /> : null}</div>
      </div>
    </div>
  );
}

function ProcessorDetailView({ id }: { id: string }) {
  const processor = useOperation('getProcessor', { id });
  const vocabulary = useVocabulary();
  const startIncident = useAppStore((state) => state.startIncident);
  const [editing, setEditing] = useState(false);
  if (processor.state === 'loading') return <Loading />;
  if (processor.state === 'failed') return <Failure error={processor.error} />;
  const value = processor.value;
  return (
    <article className="record" aria-label={value.name}>
      <RecordHeader kind="Processor" title={value.name}>
          {value.toVerify ? <Badge tone="warning">To verify</Badge> : null}
          <button
            onClick={() =>
              startIncident({
                title: `Incident at ${value.name}`,
                processorIds: [value.id],
                activityIds: [...value.activities.map((activity) => activity.id), ...value.indirectActivities.map((activity) => activity.id)].filter((id, index, all) => all.indexOf(id) === index),
                dataCategories: value.reach.dataCategories,
                nature: `Reported by or involving ${value.name}${value.service ? ` (${value.service})` : ''}.`,
              })
            }
          >
            Start incident from this vendor
          </button>
          {editing ? null : <button onClick={() => setEditing(true)}>Edit</button>}
      </RecordHeader>
      {value.toVerify ? (
        <p className="notice">
          Added from the starter library: its facts are general knowledge, not your contract. Check the countries, the safeguard and the
          agreement, then untick “To verify”.
        </p>
      ) : null}
      <section className="reach" aria-label="Vendor reach">
        <h3>Reach</h3>
        <dl className="fields">
          <Field label="Organisations">
            <Chips items={value.reach.organisations} empty="No activity linked" />
          </Field>
          <Field label="Countries of processing">
            <Chips items={value.reach.countries} empty="Not recorded" />
          </Field>
          <Field label="Personal data it touches">
            <Chips items={value.reach.dataCategories.map((code) => labelOf(vocabulary['data-category'], code))} empty="Not recorded" />
          </Field>
          <Field label="Data subjects it touches">
            <Chips items={value.reach.dataSubjects.map(humanize)} empty="Not recorded" />
          </Field>
        </dl>
      </section>
      {editing ? (
        <ProcessorForm processor={value} onDone={() => setEditing(false)} />
      ) : (
        <ContractFacts processor={value} />
      )}
      <dl className="fields">
        <TextField label="Service" wide value={value.service} />
        <Field label="Personal data shared with it">
          <Chips items={value.dataCategories.map((code) => labelOf(vocabulary['data-category'], code))} empty="Not recorded" />
        </Field>
        <TextField label="Notes" wide value={value.notes} />
      </dl>
      <section className="related" aria-label="Activities served">
        <h3>Activities it serves ({value.activities.length})</h3>
        {value.activities.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Activity</th>
                <th scope="col">What the processor does</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {value.activities.map((activity) => (
                <tr key={activity.id}>
                  <td>{activity.organisationName}</td>
                  <td>{activity.name}</td>
                  <td>{activity.purpose}</td>
                  <td>{humanize(activity.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="missing">Not linked to any activity.</p>
        )}
        {value.indirectActivities.length ? (
          <>
            <h3>Through the vendors that engage it ({value.indirectActivities.length})</h3>
            <ul className="plain-list">
              {value.indirectActivities.map((activity) => (
                <li key={activity.id}>
                  {activity.organisationName}: <strong>{activity.name}</strong> <span className="muted">via {activity.via}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <SubProcessors processor={value} />
      <LinkedIncidents incidents={value.incidents} />
      <ChangeHistory entity="processor" entityId={value.id} />
    </article>
  );
}

/** A vendor of the workspace's own (not from the library): its name and service, the rest in Edit. */
function NewVendorForm({ onCreated }: { onCreated(id: string): void }) {
  const form = useContractForm(contract.createProcessor.input, { name: '' });
  const create = useWrite('createProcessor');
  const [left, setLeft] = useState<string[]>([]);
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await create.run(input);
    if (!result.ok) return setLeft(applyFailure(form, result.error, ['name']));
    form.reset();
    onCreated(result.value.id);
  });
  return (
    <FormProvider {...form}>
      <form className="inline-form new-vendor" aria-label="New vendor" onSubmit={(event) => void submit(event)} noValidate>
        <input aria-label="New vendor name" placeholder="New vendor, e.g. Acme Hosting" {...form.register('name')} {...describedBy(form, 'name')} />
        <button type="submit" disabled={create.pending}>
          Add vendor
        </button>
        <FieldProblemText name="name" />
        <FormProblems also={left} />
      </form>
    </FormProvider>
  );
}

/** The vendors it engages (Art. 28(2)), the ones that engage it, and a form to add one. */
function SubProcessors({ processor }: { processor: ProcessorDetail }) {
  const vendors = useOperation('listProcessors', {});
  const form = useContractForm(contract.linkSubProcessor.input, { processorId: processor.id, subProcessorId: '', service: null });
  const link = useWrite('linkSubProcessor');
  const unlink = useWrite('unlinkSubProcessor');
  const [left, setLeft] = useState<string[]>([]);
  const chosen = useWatch({ control: form.control, name: 'subProcessorId' });
  const taken = new Set([processor.id, ...processor.subProcessors.map((entry) => entry.id)]);
  const candidates = vendors.state === 'ready' ? vendors.value.filter((vendor) => !taken.has(vendor.id)) : [];
  const add = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await link.run(input);
    if (!result.ok) return setLeft(applyFailure(form, result.error, ['subProcessorId', 'service']));
    form.reset();
  });
  return (
    <section className="related" aria-label="Sub-processors">
      <h3>Sub-processors ({processor.subProcessors.length})</h3>
      {processor.subProcessors.length ? (
        <ul className="plain-list">
          {processor.subProcessors.map((entry) => (
            <li key={entry.id}>
              <strong>{entry.name}</strong>
              {entry.service ? ` — ${entry.service}` : ''}
              {entry.countries.length ? <span className="muted"> · {entry.countries.join(', ')}</span> : null}{' '}
              <button
                className="link"
                aria-label={`Remove ${entry.name} as a sub-processor`}
                disabled={unlink.pending}
                onClick={() => void unlink.run({ processorId: processor.id, subProcessorId: entry.id })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="missing">No sub-processor recorded.</p>
      )}
      <InlineError message={unlink.failure ? readableMessage(unlink.failure) : null} />
      {processor.subProcessorOf.length ? (
        <p>
          Sub-processor of:{' '}
          {processor.subProcessorOf.map((entry) => `${entry.name}${entry.service ? ` (${entry.service})` : ''}`).join(', ')}
        </p>
      ) : null}
      <FormProvider {...form}>
        <form className="link-form" aria-label="Add a sub-processor" onSubmit={(event) => void add(event)} noValidate>
          <select aria-label="Sub-processor" required {...form.register('subProcessorId')} {...describedBy(form, 'subProcessorId')}>
            <option value="">Add a sub-processor…</option>
            {candidates.map((vendor) => (
              <option key={vendor.id} value={vendor.id}>
                {vendor.name}
              </option>
            ))}
          </select>
          <input
            aria-label="What it does for this vendor"
            placeholder="What it does, e.g. cloud hosting"
            {...form.register('service', { setValueAs: nullIfEmpty })}
            {...describedBy(form, 'service')}
          />
          <button type="submit" disabled={!chosen || link.pending}>
            Add
          </button>
          <FieldProblemText name="subProcessorId" />
          <FieldProblemText name="service" />
          <FormProblems also={left} />
        </form>
      </FormProvider>
    </section>
  );
}

const today = () => format(new Date(), 'yyyy-MM-dd');

/** The agreement, the transfer safeguard and the review cycle, with what is overdue. */
function ContractFacts({ processor }: { processor: Processor }) {
  const now = today();
  const expired = processor.dpaExpiresOn !== null && processor.dpaExpiresOn < now;
  const overdue = processor.nextReviewOn !== null && processor.nextReviewOn < now;
  const vocabulary = useVocabulary();
  const mechanism = vocabulary['transfer-mechanism'].find((entry) => entry.code === processor.transferMechanism);
  return (
    <section className="contract" aria-label="Contract and transfers">
      <h3>Contract and transfers</h3>
      <dl className="fields">
        <Field label="Processing agreement (Art. 28(3))" missing={!processor.dpaReference}>
          {processor.dpaReference}
          {processor.dpaSignedOn ? ` · signed ${processor.dpaSignedOn}` : ''}
        </Field>
        <Field label="Agreement expires" missing={!processor.dpaExpiresOn}>
          {processor.dpaExpiresOn} {expired ? <Badge tone="warning">Expired</Badge> : null}
        </Field>
        <Field label="Transfer safeguard (Chapter V)" missing={!mechanism}>
          {mechanism ? withCitation(mechanism) : null}
          {mechanism && processor.transferMechanismDate ? ` · dated ${processor.transferMechanismDate}` : ''}
        </Field>
        <Field label="Security assessment" missing={!processor.securityAssessedOn}>
          {processor.securityAssessedOn}
          {processor.securityOutcome ? ` · ${processor.securityOutcome}` : ''}
        </Field>
        <Field label="Review cycle" missing={!processor.reviewCycleMonths}>
          {processor.reviewCycleMonths ? `every ${processor.reviewCycleMonths} months` : null}
        </Field>
        <Field label="Next review" missing={!processor.nextReviewOn}>
          {processor.nextReviewOn} {overdue ? <Badge tone="warning">Overdue</Badge> : null}
        </Field>
      </dl>
    </section>
  );
}

/**
 * The contract form's fields: the processor's input, as typed (an empty box for no value, the
 * countries as one line of codes, the months as text); its data categories are kept as they are.
 */
type ProcessorFields = { [Key in Exclude<keyof ProcessorInput, 'dataCategories' | 'toVerify'>]: string } & { toVerify: boolean };
const processorFields = Object.keys(processorInputSchema.shape).filter((key) => key !== 'dataCategories');

/** The fields of a processor's input. */
function fieldsOf(input: ProcessorInput): ProcessorFields {
  const text = (value: string | null) => value ?? '';
  return {
    name: input.name,
    service: text(input.service),
    notes: text(input.notes),
    countries: input.countries.join(', '),
    transferMechanism: text(input.transferMechanism),
    transferMechanismDate: text(input.transferMechanismDate),
    dpaReference: text(input.dpaReference),
    dpaSignedOn: text(input.dpaSignedOn),
    dpaExpiresOn: text(input.dpaExpiresOn),
    securityAssessedOn: text(input.securityAssessedOn),
    securityOutcome: text(input.securityOutcome),
    reviewCycleMonths: input.reviewCycleMonths?.toString() ?? '',
    nextReviewOn: text(input.nextReviewOn),
    toVerify: input.toVerify,
  };
}

/** The processor's input from the fields, for the contract's schema to check (a safeguard date only with a safeguard). */
function changesOf(fields: ProcessorFields, dataCategories: ProcessorInput['dataCategories']) {
  return {
    name: fields.name,
    service: textOrNull(fields.service),
    countries: fields.countries.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean),
    dataCategories,
    notes: textOrNull(fields.notes),
    transferMechanism: textOrNull(fields.transferMechanism),
    transferMechanismDate: fields.transferMechanism ? textOrNull(fields.transferMechanismDate) : null,
    dpaReference: textOrNull(fields.dpaReference),
    dpaSignedOn: textOrNull(fields.dpaSignedOn),
    dpaExpiresOn: textOrNull(fields.dpaExpiresOn),
    securityAssessedOn: textOrNull(fields.securityAssessedOn),
    securityOutcome: textOrNull(fields.securityOutcome),
    reviewCycleMonths: monthsOf(fields.reviewCycleMonths),
    nextReviewOn: textOrNull(fields.nextReviewOn),
    toVerify: fields.toVerify,
  };
}

/** Edits a processor's contract, transfer and review facts, checked by the contract's schema: every problem beside its field. */
function ProcessorForm({ processor, onDone }: { processor: Processor; onDone(): void }) {
  const vocabulary = useVocabulary();
  const form = useMappedContractForm<ProcessorFields, typeof contract.updateProcessor.input>(
    contract.updateProcessor.input,
    fieldsOf(inputFrom(processorInputSchema, processor)),
    (fields) => ({ id: processor.id, changes: changesOf(fields, processor.dataCategories) }),
    (path) => path.replace(/^changes\./, ''),
  );
  const update = useWrite('updateProcessor');
  const [left, setLeft] = useState<string[]>([]);
  const transferMechanism = useWatch({ control: form.control, name: 'transferMechanism' });
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await update.run(input);
    if (result.ok) return onDone();
    setLeft(applyFailure(form, result.error, processorFields));
  });
  const field = (name: keyof ProcessorFields) => ({ ...form.register(name), ...describedBy(form, name) });
  return (
    <FormProvider {...form}>
      <form
        className="record-form processor-form"
        aria-label="Edit contract and transfers"
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => event.key === 'Escape' && onDone()}
        noValidate
      >
        <h3>Contract and transfers</h3>
        <div className="form-grid">
          <label>
            Name
            <input {...field('name')} />
            <FieldProblemText name="name" />
          </label>
          <label>
            Service
            <input {...field('service')} placeholder="e.g. card payments" />
            <FieldProblemText name="service" />
          </label>
          <label>
            Notes
            <input {...field('notes')} />
            <FieldProblemText name="notes" />
          </label>
          <label>
            Countries of processing (ISO codes, comma-separated)
            <input {...field('countries')} placeholder="e.g. US, IE" />
            <FieldProblemText name="countries" />
          </label>
          <label>
            Transfer safeguard
            <select {...field('transferMechanism')}>
              <option value="">None recorded</option>
              {vocabulary['transfer-mechanism'].map((mechanism) => (
                <option key={mechanism.code} value={mechanism.code}>
                  {withCitation(mechanism)}
                </option>
              ))}
            </select>
            <FieldProblemText name="transferMechanism" />
          </label>
          <label>
            Safeguard date (e.g. when the SCCs were signed)
            <input type="date" {...field('transferMechanismDate')} disabled={!transferMechanism} />
            <FieldProblemText name="transferMechanismDate" />
          </label>
          <label>
            Agreement reference
            <input {...field('dpaReference')} />
            <FieldProblemText name="dpaReference" />
          </label>
          <label>
            Agreement signed on
            <input type="date" {...field('dpaSignedOn')} />
            <FieldProblemText name="dpaSignedOn" />
          </label>
          <label>
            Agreement expires on
            <input type="date" {...field('dpaExpiresOn')} />
            <FieldProblemText name="dpaExpiresOn" />
          </label>
          <label>
            Security assessed on
            <input type="date" {...field('securityAssessedOn')} />
            <FieldProblemText name="securityAssessedOn" />
          </label>
          <label>
            Assessment outcome
            <input {...field('securityOutcome')} />
            <FieldProblemText name="securityOutcome" />
          </label>
          <label>
            Review every (months)
            <input inputMode="numeric" {...field('reviewCycleMonths')} />
            <FieldProblemText name="reviewCycleMonths" />
          </label>
          <label>
            Next review on
            <input type="date" {...field('nextReviewOn')} />
            <FieldProblemText name="nextReviewOn" />
          </label>
          <label className="checkbox">
            <input type="checkbox" {...field('toVerify')} /> To verify
          </label>
        </div>
        <FormProblems also={left} describe={(field) => contractFieldNames[field] ?? describeField(field)} />
        <FormButtons submit="Save" busy={update.pending} onCancel={onDone} cancelWhileBusy />
      </form>
    </FormProvider>
  );
}

/** The starter library: common vendors added with one click, marked "to verify". */
function VendorLibrary({ onAdded }: { onAdded(id: string): void }) {
  const profiles = useOperation('listVendorProfiles', {});
  const add = useWrite('addVendorProfile');
  if (profiles.state !== 'ready') return profiles.state === 'failed' ? <Failure error={profiles.error} /> : <Loading />;
  return (
    <section className="library" aria-label="Vendor library">
      {add.failure ? (
        <div className="failure" role="alert">
          {readableMessage(add.failure)}
        </div>
      ) : null}
      <ul>
        {profiles.value.map((profile) => (
          <li key={profile.key}>
            <div>
              <strong>{profile.facts.name}</strong> <span className="muted">{profile.facts.service}</span>
              <div className="note">{profile.summary}</div>
            </div>
            <button
              disabled={profile.addedAs !== null}
              aria-label={profile.addedAs ? `${profile.facts.name}: in workspace` : `Add ${profile.facts.name}`}
              onClick={() => void add.run({ key: profile.key }).then((result) => result.ok && onAdded(result.value.id))}
            >
              {profile.addedAs ? 'In workspace' : 'Add'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Months as typed: a number when the text reads as one (the schema says whether it is whole and in range), else the text, refused as not a number. */
const monthsOf = (text: string) => (text.trim() === '' ? null : /^[-+]?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);

/** The contract form's fields as its labels name them, where the field's own name would say it otherwise. */
const contractFieldNames: Record<string, string> = { reviewCycleMonths: 'Review every (months)', dpaReference: 'Agreement reference', dpaSignedOn: 'Agreement signed on', dpaExpiresOn: 'Agreement expires on' };
