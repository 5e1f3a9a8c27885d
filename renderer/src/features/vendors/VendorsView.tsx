import { format } from 'date-fns';
import { useEffect, useState, type FormEvent } from 'react';
import type { ProcessorDetail } from '../../../../core/contract';
import type { Processor } from '../../../../core/register/model';
import { labelOf } from '../../../../core/register/vocabularies';
import { workbench } from '../../bridge';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Badge, Chips, EmptyState, Failure, Field, humanize, InlineError, Loading, readableMessage, TextField, RecordHeader } from '../../components/common';
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
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-form new-vendor"
      aria-label="New vendor"
      onSubmit={(event) => {
        event.preventDefault();
        void workbench.createProcessor({ name }).then((result) => {
          if (!result.ok) return setError(readableMessage(result.error));
          setName('');
          setError(null);
          onCreated(result.value.id);
        });
      }}
    >
      <input aria-label="New vendor name" placeholder="New vendor, e.g. Acme Hosting" value={name} onChange={(event) => setName(event.target.value)} />
      <button type="submit">Add vendor</button>
      <InlineError message={error} />
    </form>
  );
}

/** The vendors it engages (Art. 28(2)), the ones that engage it, and a form to add one. */
function SubProcessors({ processor }: { processor: ProcessorDetail }) {
  const vendors = useOperation('listProcessors', {});
  const [subProcessorId, setSubProcessorId] = useState('');
  const [service, setService] = useState('');
  const [error, setError] = useState<string | null>(null);
  const taken = new Set([processor.id, ...processor.subProcessors.map((entry) => entry.id)]);
  const candidates = vendors.state === 'ready' ? vendors.value.filter((vendor) => !taken.has(vendor.id)) : [];
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const result = await workbench.linkSubProcessor({ processorId: processor.id, subProcessorId, service: service.trim() || null });
    if (!result.ok) return setError(readableMessage(result.error));
    setError(null);
    setSubProcessorId('');
    setService('');
  };
  const remove = async (id: string) => {
    const result = await workbench.unlinkSubProcessor({ processorId: processor.id, subProcessorId: id });
    if (!result.ok) return setError(readableMessage(result.error));
  };
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
              <button className="link" aria-label={`Remove ${entry.name} as a sub-processor`} onClick={() => void remove(entry.id)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="missing">No sub-processor recorded.</p>
      )}
      {processor.subProcessorOf.length ? (
        <p>
          Sub-processor of:{' '}
          {processor.subProcessorOf.map((entry) => `${entry.name}${entry.service ? ` (${entry.service})` : ''}`).join(', ')}
        </p>
      ) : null}
      <form className="link-form" aria-label="Add a sub-processor" onSubmit={(event) => void add(event)}>
        <select aria-label="Sub-processor" value={subProcessorId} onChange={(event) => setSubProcessorId(event.target.value)} required>
          <option value="">Add a sub-processor…</option>
          {candidates.map((vendor) => (
            <option key={vendor.id} value={vendor.id}>
              {vendor.name}
            </option>
          ))}
        </select>
        <input aria-label="What it does for this vendor" placeholder="What it does, e.g. cloud hosting" value={service} onChange={(event) => setService(event.target.value)} />
        <button type="submit" disabled={!subProcessorId}>
          Add
        </button>
        <InlineError message={error} />
      </form>
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

/** Edits a processor's contract, transfer and review facts; a refused field is named. */
function ProcessorForm({ processor, onDone }: { processor: Processor; onDone(): void }) {
  const vocabulary = useVocabulary();
  const [name, setName] = useState(processor.name);
  const [service, setService] = useState(processor.service ?? '');
  const [notes, setNotes] = useState(processor.notes ?? '');
  const [countries, setCountries] = useState(processor.countries.join(', '));
  const [transferMechanism, setTransferMechanism] = useState<string>(processor.transferMechanism ?? '');
  const [transferMechanismDate, setTransferMechanismDate] = useState(processor.transferMechanismDate ?? '');
  const [dpaReference, setDpaReference] = useState(processor.dpaReference ?? '');
  const [dpaSignedOn, setDpaSignedOn] = useState(processor.dpaSignedOn ?? '');
  const [dpaExpiresOn, setDpaExpiresOn] = useState(processor.dpaExpiresOn ?? '');
  const [securityAssessedOn, setSecurityAssessedOn] = useState(processor.securityAssessedOn ?? '');
  const [securityOutcome, setSecurityOutcome] = useState(processor.securityOutcome ?? '');
  const [reviewCycleMonths, setReviewCycleMonths] = useState(processor.reviewCycleMonths?.toString() ?? '');
  const [nextReviewOn, setNextReviewOn] = useState(processor.nextReviewOn ?? '');
  const [toVerify, setToVerify] = useState(processor.toVerify);
  const [error, setError] = useState<string | null>(null);
  const orNull = (text: string) => text.trim() || null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reviewCycleMonths.trim() && !/^\d+$/.test(reviewCycleMonths.trim())) {
      return setError(`Review every (months): "${reviewCycleMonths}" is not a whole number of months`);
    }
    const result = await workbench.updateProcessor({
      id: processor.id,
      changes: {
        name,
        service: orNull(service),
        countries: countries.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean),
        dataCategories: processor.dataCategories,
        notes: orNull(notes),
        transferMechanism: (transferMechanism || null) as Processor['transferMechanism'],
        transferMechanismDate: transferMechanism ? transferMechanismDate || null : null,
        dpaReference: orNull(dpaReference),
        dpaSignedOn: orNull(dpaSignedOn),
        dpaExpiresOn: orNull(dpaExpiresOn),
        securityAssessedOn: orNull(securityAssessedOn),
        securityOutcome: orNull(securityOutcome),
        reviewCycleMonths: reviewCycleMonths.trim() ? Number(reviewCycleMonths.trim()) : null,
        nextReviewOn: orNull(nextReviewOn),
        toVerify,
      },
    });
    if (result.ok) {
      onDone();
    } else setError(readableMessage(result.error));
  };
  return (
    <form className="record-form processor-form" aria-label="Edit contract and transfers" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onDone()}>
      <h3>Contract and transfers</h3>
      {error ? (
        <div className="failure" role="alert">
          Not saved. {error}
        </div>
      ) : null}
      <div className="form-grid">
        <label>
          Name
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Service
          <input value={service} onChange={(event) => setService(event.target.value)} placeholder="e.g. card payments" />
        </label>
        <label>
          Notes
          <input value={notes} onChange={(event) => setNotes(event.target.value)} />
        </label>
        <label>
          Countries of processing (ISO codes, comma-separated)
          <input value={countries} onChange={(event) => setCountries(event.target.value)} placeholder="e.g. US, IE" />
        </label>
        <label>
          Transfer safeguard
          <select value={transferMechanism} onChange={(event) => setTransferMechanism(event.target.value)}>
            <option value="">None recorded</option>
            {vocabulary['transfer-mechanism'].map((mechanism) => (
              <option key={mechanism.code} value={mechanism.code}>
                {withCitation(mechanism)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Safeguard date (e.g. when the SCCs were signed)
          <input type="date" value={transferMechanismDate} disabled={!transferMechanism} onChange={(event) => setTransferMechanismDate(event.target.value)} />
        </label>
        <label>
          Agreement reference
          <input value={dpaReference} onChange={(event) => setDpaReference(event.target.value)} />
        </label>
        <label>
          Agreement signed on
          <input type="date" value={dpaSignedOn} onChange={(event) => setDpaSignedOn(event.target.value)} />
        </label>
        <label>
          Agreement expires on
          <input type="date" value={dpaExpiresOn} onChange={(event) => setDpaExpiresOn(event.target.value)} />
        </label>
        <label>
          Security assessed on
          <input type="date" value={securityAssessedOn} onChange={(event) => setSecurityAssessedOn(event.target.value)} />
        </label>
        <label>
          Assessment outcome
          <input value={securityOutcome} onChange={(event) => setSecurityOutcome(event.target.value)} />
        </label>
        <label>
          Review every (months)
          <input inputMode="numeric" value={reviewCycleMonths} onChange={(event) => setReviewCycleMonths(event.target.value)} />
        </label>
        <label>
          Next review on
          <input type="date" value={nextReviewOn} onChange={(event) => setNextReviewOn(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={toVerify} onChange={(event) => setToVerify(event.target.checked)} /> To verify
        </label>
      </div>
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Save
        </button>
      </div>
    </form>
  );
}

/** The starter library: common vendors added with one click, marked "to verify". */
function VendorLibrary({ onAdded }: { onAdded(id: string): void }) {
  const profiles = useOperation('listVendorProfiles', {});
  const [error, setError] = useState<string | null>(null);
  if (profiles.state !== 'ready') return profiles.state === 'failed' ? <Failure error={profiles.error} /> : <Loading />;
  return (
    <section className="library" aria-label="Vendor library">
      {error ? (
        <div className="failure" role="alert">
          {error}
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
              onClick={() =>
                void workbench.addVendorProfile({ key: profile.key }).then((result) => {
                  if (result.ok) {
                    onAdded(result.value.id);
                  } else setError(readableMessage(result.error));
                })
              }
            >
              {profile.addedAs ? 'In workspace' : 'Add'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
