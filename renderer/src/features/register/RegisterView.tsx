import { useEffect, useRef, useState } from 'react';
import type { Activity } from '../../../../core/register/model';
import { dataCategories, labelOf, lawfulBases, transferMechanisms } from '../../../../core/register/vocabularies';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Badge, Chips, EmptyState, Failure, Field, humanize, Loading } from '../../components/common';
import { SelectableList } from '../../components/SelectableList';
import { workbench } from '../../bridge';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';
import { ActivityForm } from './ActivityForm';
import { ProcessorRecords } from './ProcessorRecords';

export function RegisterView() {
  const [tab, setTab] = useState<'controller' | 'processor'>('controller');
  return (
    <div className="section">
      <header className="section-header">
        <h1>Register of processing activities</h1>
        <div className="tabs" role="tablist" aria-label="Record kind">
          <button role="tab" aria-selected={tab === 'controller'} onClick={() => setTab('controller')}>
            Controller activities — Art. 30(1)
          </button>
          <button role="tab" aria-selected={tab === 'processor'} onClick={() => setTab('processor')}>
            Processor records — Art. 30(2)
          </button>
        </div>
      </header>
      {tab === 'controller' ? <ControllerActivities /> : <ProcessorRecords />}
    </div>
  );
}

function ControllerActivities() {
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const dataChanged = useAppStore((state) => state.dataChanged);
  const revision = useAppStore((state) => state.revision);
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useOperation('listActivities', search ? { search } : {});
  const organisations = useOperation('listOrganisations', {});

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (list.state === 'ready' && list.revision === revision && !creating && (selected === null || !list.value.some((item) => item.id === selected))) {
      setSelected(list.value[0]?.id ?? null);
    }
  }, [list, selected, creating, revision]);

  return (
    <div className="list-detail">
      <div className="list-pane">
        <div className="list-toolbar">
          <input
            ref={searchRef}
            type="search"
            aria-label="Search activities"
            placeholder="Search activities  ( / )"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button className="primary" onClick={() => setCreating(true)} disabled={organisations.state !== 'ready' || !organisations.value.length}>
            New activity
          </button>
        </div>
        {list.state === 'loading' ? <Loading /> : null}
        {list.state === 'failed' ? <Failure error={list.error} /> : null}
        {list.state === 'ready' && list.value.length === 0 ? (
          search ? (
            <p className="list-empty">No activity matches “{search}”.</p>
          ) : organisations.state === 'ready' && !organisations.value.length ? (
            <EmptyState title="Start with your organisation" action={<FirstOrganisationForm onCreated={dataChanged} />}>
              The register records processing by an organisation, the controller. Name yours to begin; its activities follow.
            </EmptyState>
          ) : (
            <EmptyState title="No processing activities yet">
              Record each processing activity with its purposes, data, recipients and retention — the Art. 30(1) register. Start with{' '}
              <strong>New activity</strong>.
            </EmptyState>
          )
        ) : null}
        {list.state === 'ready' && list.value.length ? (
          <>
            <div className="list-count">{list.value.length} activities</div>
            <SelectableList
              label="Processing activities"
              items={list.value}
              keyOf={(item) => item.id}
              selected={creating ? null : selected}
              onSelect={(id) => {
                setCreating(false);
                setSelected(id);
              }}
              render={(item) => (
                <>
                  <div className="row-title">{item.name}</div>
                  <div className="row-meta">
                    {item.organisationName}
                    {item.businessFunction ? ` · ${item.businessFunction}` : ''}
                    {item.lawfulBasis ? '' : ' · '}
                    {item.lawfulBasis ? null : <span className="row-warning">no lawful basis</span>}
                  </div>
                </>
              )}
            />
          </>
        ) : null}
      </div>
      <div className="detail-pane">
        {creating && organisations.state === 'ready' ? (
          <ActivityForm
            organisations={organisations.value}
            onCancel={() => setCreating(false)}
            onCreated={(activity) => {
              setCreating(false);
              setSelected(activity.id);
              setSearch('');
              dataChanged();
            }}
          />
        ) : selected ? (
          <ActivityDetail key={selected} id={selected} />
        ) : (
          <EmptyState title="Nothing selected">Choose an activity on the left, or create one.</EmptyState>
        )}
      </div>
    </div>
  );
}

function ActivityDetail({ id }: { id: string }) {
  const activity = useOperation('getActivity', { id });
  if (activity.state === 'loading') return <Loading />;
  if (activity.state === 'failed') return <Failure error={activity.error} />;
  const value: Activity = activity.value;
  const basis = lawfulBases.find((entry) => entry.code === value.lawfulBasis);
  return (
    <article className="record" aria-label={value.name}>
      <header className="record-header">
        <div>
          <div className="record-kind">Processing activity · {value.organisationName}</div>
          <h2>{value.name}</h2>
        </div>
        <Badge tone={value.status === 'active' ? 'success' : 'neutral'}>{value.status}</Badge>
      </header>
      <dl className="fields">
        <Field label="Business function" missing={!value.businessFunction}>
          {value.businessFunction}
        </Field>
        <Field label="Lawful basis (Art. 6)" missing={!basis}>
          {basis ? `${basis.label} — ${basis.citation}` : null}
        </Field>
        <Field label="Purposes — Art. 30(1)(b)" wide missing={!value.purposes.length}>
          <ul className="plain-list">
            {value.purposes.map((purpose) => (
              <li key={purpose}>{purpose}</li>
            ))}
          </ul>
        </Field>
        <Field label="Data subjects — Art. 30(1)(c)">
          <Chips items={value.dataSubjectCategories.map(humanize)} />
        </Field>
        <Field label="Personal data — Art. 30(1)(c)">
          <Chips items={value.dataCategories.map((code) => labelOf(dataCategories, code))} />
        </Field>
        <Field label="Recipients — Art. 30(1)(d)" wide>
          <Chips items={value.recipients.map((recipient) => `${recipient.name} (${recipient.kind})`)} />
        </Field>
        <Field label="Third-country transfers — Art. 30(1)(e)" wide>
          {value.transfers.length ? (
            <ul className="plain-list">
              {value.transfers.map((transfer, index) => (
                <li key={index}>
                  <strong>{transfer.country ?? 'Country not named'}</strong> —{' '}
                  {transfer.mechanism ? labelOf(transferMechanisms, transfer.mechanism) : <span className="row-warning">no safeguard recorded</span>}
                  {transfer.note ? <div className="note">{transfer.note}</div> : null}
                </li>
              ))}
            </ul>
          ) : (
            <span className="missing">None recorded</span>
          )}
        </Field>
        <Field label="Time limits for erasure — Art. 30(1)(f)" wide missing={!value.retention}>
          {value.retention}
        </Field>
        <Field label="Security measures — Art. 30(1)(g)" wide missing={!value.securityMeasures}>
          {value.securityMeasures}
        </Field>
        <Field label="Processors and vendors" wide>
          <Chips items={value.processors.map((link) => `${link.processorName}: ${link.purpose} (${humanize(link.role).toLowerCase()})`)} empty="No processor linked" />
        </Field>
        <Field label="Source" wide missing={!value.source}>
          {value.source}
        </Field>
      </dl>
      <ChangeHistory entity="activity" entityId={value.id} />
    </article>
  );
}

/** A new workspace has no organisation yet: the one field needed before the first activity. */
function FirstOrganisationForm({ onCreated }: { onCreated(): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      aria-label="New organisation"
      onSubmit={(event) => {
        event.preventDefault();
        void workbench.createOrganisation({ name }).then((result) => {
          if (result.ok) onCreated();
          else setError(result.error.message);
        });
      }}
    >
      <input aria-label="Organisation name" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Acme Ltd" />
      <button type="submit" className="primary">
        Add organisation
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
