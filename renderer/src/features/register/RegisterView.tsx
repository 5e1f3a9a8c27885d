import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FormProvider } from 'react-hook-form';
import { contract, type ActivityDetail, type ActivityQuery } from '../../../../core/contract';
import { gapKinds, type GapKind, type RegisterCompleteness } from '../../../../core/register/completeness';
import { activityStatuses, dataSubjectRights, labelOf, processorRoles } from '../../../../core/register/vocabularies';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Badge, Chips, describeField, EmptyState, Failure, Field, humanize, Loading, TextField } from '../../components/common';
import { resultsKeys, SelectableList } from '../../components/SelectableList';
import { TabPanel, Tabs, useTabIds } from '../../components/Tabs';
import { workbench } from '../../bridge';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useContractForm, useWrite } from '../../forms';
import { useAppStore } from '../../store';
import { TransferList } from '../../components/TransferList';
import { useOperation } from '../../useOperation';
import { specialCodes, useVocabulary, withCitation } from '../../useVocabulary';
import { ActivityForm } from './ActivityForm';
import { Gaps } from './Gaps';
import { BulkEdit } from './BulkEdit';
import { FirstOrganisationForm } from './FirstOrganisationForm';
import { LinkedIncidents } from '../../components/LinkedIncidents';
import { Organisations } from './Organisations';
import { ProcessorRecords } from './ProcessorRecords';
import { RegisterTransfer } from './RegisterTransfer';
import { Vocabularies } from './Vocabularies';

const registerTabs = [
  ['controller', 'Controller activities — Art. 30(1)'],
  ['processor', 'Processor records — Art. 30(2)'],
  ['organisations', 'Organisations'],
  ['vocabularies', 'Vocabularies'],
] as const;

export function RegisterView() {
  const [tab, setTab] = useState<(typeof registerTabs)[number][0]>('controller');
  const ids = useTabIds();
  return (
    <div className="section">
      <header className="section-header">
        <h1>Register of processing activities</h1>
        <Tabs label="Record kind" tabs={registerTabs} selected={tab} onSelect={setTab} ids={ids} />
      </header>
      <TabPanel ids={ids} selected={tab}>
        {tab === 'controller' ? <ControllerActivities /> : tab === 'processor' ? <ProcessorRecords /> : tab === 'organisations' ? <Organisations /> : <Vocabularies />}
      </TabPanel>
    </div>
  );
}

function ControllerActivities() {
  const [search, setSearch] = useState('');
  const [gap, setGap] = useState<GapKind | ''>('');
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<NonNullable<ActivityQuery['sort']>>('organisation');
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<{ kind: 'view' } | { kind: 'create' } | { kind: 'edit'; activity: ActivityDetail }>({ kind: 'view' });
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useOperation('listActivities', { ...(search ? { search } : {}), ...(gap ? { gap } : {}), ...filters, sort });
  const filtered = Boolean(search || gap || Object.keys(filters).length);
  const organisations = useOperation('listOrganisations', {});
  const completeness = useOperation('getRegisterCompleteness', {});
  const editing = mode.kind !== 'view';

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
  // The record just saved stays open even when it no longer matches the filters (a gap fixed, say).
  const [savedId, setSavedId] = useState<string | null>(null);
  const [bulk, setBulk] = useState(false);
  useEffect(() => {
    if (list.state === 'ready' && !list.refreshing && !editing && selected !== savedId && (selected === null || !list.value.some((item) => item.id === selected))) {
      setSelected(list.value[0]?.id ?? null);
    }
  }, [list, selected, editing, savedId]);
  const savedOutsideFilter = savedId !== null && selected === savedId && list.state === 'ready' && !list.value.some((item) => item.id === savedId);

  /** Filters and search survive a save: the DPO working through one kind of gap keeps their place. */
  const saved = (activity: ActivityDetail) => {
    setMode({ kind: 'view' });
    setSelected(activity.id);
    setSavedId(activity.id);
  };

  return (
    <div className="register">
      {completeness.state === 'ready' ? (
        <CompletenessBar summary={completeness.value} gap={gap} onGap={setGap}>
          <RegisterTransfer />
        </CompletenessBar>
      ) : null}
      <div className="list-detail">
        <div className="list-pane">
          <div className="list-toolbar">
            <input
              ref={searchRef}
              type="search"
              aria-label="Search activities"
              {...resultsKeys('activity-results', list.state === 'ready' && list.value.length > 0)}
              placeholder="Search activities  ( / )"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
            <button className="primary" onClick={() => setMode({ kind: 'create' })} disabled={organisations.state !== 'ready' || !organisations.value.length}>
              New activity
            </button>
          </div>
          <FilterBar filters={filters} onFilters={setFilters} sort={sort} onSort={setSort} />
          {savedOutsideFilter ? (
            <p className="note" role="status">
              Saved. The record no longer matches these filters; it stays open until you choose another.
            </p>
          ) : null}
          {list.state === 'ready' && list.value.length > 1 ? (
            <button className="link bulk-open" onClick={() => setBulk(true)}>
              Change the {list.value.length} records shown…
            </button>
          ) : null}
          {bulk && list.state === 'ready' ? <BulkEdit items={list.value} onClose={() => setBulk(false)} /> : null}
          {list.state === 'loading' ? <Loading /> : null}
          {list.state === 'failed' ? <Failure error={list.error} /> : null}
          {list.state === 'ready' && list.value.length === 0 ? (
            filtered ? (
              <p className="list-empty">
                No activity matches{search ? ` “${search}”` : ''}
                {gap ? ` with the gap “${labelOf(gapKinds, gap)}”` : ''}
                {Object.keys(filters).length ? ' these filters' : ''}.
              </p>
            ) : organisations.state === 'ready' && !organisations.value.length ? (
              <EmptyState title="Start with your organisation" action={<FirstOrganisationForm />}>
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
              <div className="list-count">
                {list.value.length} {list.value.length === 1 ? 'activity' : 'activities'}
                {filtered ? ' match' : ''}
              </div>
              <SelectableList
                id="activity-results"
                label="Processing activities"
                items={list.value}
                keyOf={(item) => item.id}
                selected={editing ? null : selected}
                onSelect={(id) => {
                  setMode({ kind: 'view' });
                  setSelected(id);
                }}
                render={(item) => (
                  <>
                    <div className="row-title">{item.name}</div>
                    <div className="row-meta">
                      {item.organisationName}
                      {item.businessFunction ? ` · ${item.businessFunction}` : ''}
                      {item.gapKinds.length ? (
                        <span className="row-warning"> · {item.gapKinds.length === 1 ? labelOf(gapKinds, item.gapKinds[0]!) : `${item.gapKinds.length} kinds of gap`}</span>
                      ) : (
                        <span className="row-ok"> · complete</span>
                      )}
                    </div>
                  </>
                )}
              />
            </>
          ) : null}
        </div>
        <div className="detail-pane">
          {mode.kind !== 'view' && organisations.state === 'ready' ? (
            <ActivityForm
              key={mode.kind === 'edit' ? mode.activity.id : 'new'}
              organisations={organisations.value}
              {...(mode.kind === 'edit' ? { editing: mode.activity } : {})}
              onCancel={() => setMode({ kind: 'view' })}
              onSaved={saved}
            />
          ) : selected ? (
            <ActivityDetailView key={selected} id={selected} onEdit={(activity) => setMode({ kind: 'edit', activity })} onChanged={setSavedId} />
          ) : (
            <EmptyState title="Nothing selected">Choose an activity on the left, or create one.</EmptyState>
          )}
        </div>
      </div>
    </div>
  );
}

type Filters = Omit<ActivityQuery, 'search' | 'gap' | 'sort'>;

/** Filters by business function, status, lawful basis, processor and country, and the sort order. */
function FilterBar(props: { filters: Filters; onFilters(filters: Filters): void; sort: NonNullable<ActivityQuery['sort']>; onSort(sort: NonNullable<ActivityQuery['sort']>): void }) {
  const facets = useOperation('getRegisterFacets', {});
  const { filters } = props;
  const set = <Key extends keyof Filters>(key: Key, value: string) => {
    const next = { ...filters };
    if (value) next[key] = value as Filters[Key];
    else delete next[key];
    props.onFilters(next);
  };
  const options = facets.state === 'ready' ? facets.value : { businessFunctions: [], processors: [], countries: [] };
  const vocabulary = useVocabulary();
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <select aria-label="Business function" value={filters.businessFunction ?? ''} onChange={(event) => set('businessFunction', event.target.value)}>
        <option value="">Any function</option>
        {options.businessFunctions.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label="Status" value={filters.status ?? ''} onChange={(event) => set('status', event.target.value)}>
        <option value="">Any status</option>
        {activityStatuses.map((status) => (
          <option key={status} value={status}>
            {humanize(status)}
          </option>
        ))}
      </select>
      <select aria-label="Lawful basis" value={filters.lawfulBasis ?? ''} onChange={(event) => set('lawfulBasis', event.target.value)}>
        <option value="">Any lawful basis</option>
        <option value="none">No basis recorded</option>
        {vocabulary['lawful-basis'].map((basis) => (
          <option key={basis.code} value={basis.code}>
            {basis.label}
          </option>
        ))}
      </select>
      <select aria-label="Processor" value={filters.processorId ?? ''} onChange={(event) => set('processorId', event.target.value)}>
        <option value="">Any processor</option>
        {options.processors.map((processor) => (
          <option key={processor.id} value={processor.id}>
            {processor.name}
          </option>
        ))}
      </select>
      <select aria-label="Country" value={filters.country ?? ''} onChange={(event) => set('country', event.target.value)}>
        <option value="">Any country</option>
        {options.countries.map((country) => (
          <option key={country} value={country}>
            {country}
          </option>
        ))}
      </select>
      <select aria-label="Sort by" value={props.sort} onChange={(event) => props.onSort(event.target.value as NonNullable<ActivityQuery['sort']>)}>
        <option value="organisation">Sort: organisation</option>
        <option value="name">Sort: name</option>
        <option value="updated">Sort: recently updated</option>
        <option value="gaps">Sort: most gaps</option>
      </select>
      {Object.keys(filters).length ? (
        <button className="link" onClick={() => props.onFilters({})}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

/** The register's score as a bar, and the gap kinds as filters with their counts. */
function CompletenessBar(props: { summary: RegisterCompleteness; gap: GapKind | ''; onGap(gap: GapKind | ''): void; children?: ReactNode }) {
  const { summary } = props;
  const tone = summary.score >= 90 ? 'good' : summary.score >= 60 ? 'fair' : 'poor';
  return (
    <div className="completeness-bar">
      <div className="score" aria-label={`Register ${summary.score}% complete`}>
        <div className="score-figure">{summary.activities ? `${summary.score}%` : '—'}</div>
        <div className="score-text">
          <div>complete</div>
          <div className="muted">
            {summary.complete} of {summary.activities} records without gaps
          </div>
        </div>
        <div className={`meter meter-${tone}`} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={summary.score} aria-label="Register completeness">
          <div className="meter-fill" style={{ width: `${summary.score}%` }} />
        </div>
      </div>
      <label className="gap-filter">
        <span>Show</span>
        <select aria-label="Filter by gap" value={props.gap} onChange={(event) => props.onGap(event.target.value as GapKind | '')}>
          <option value="">All records</option>
          {gapKinds
            .filter((kind) => summary.byKind[kind.code] > 0 || props.gap === kind.code)
            .map((kind) => (
              <option key={kind.code} value={kind.code}>
                {kind.label} ({summary.byKind[kind.code]}) — {kind.citation}
              </option>
            ))}
        </select>
      </label>
      {props.children}
    </div>
  );
}

function ActivityDetailView({ id, onEdit, onChanged }: { id: string; onEdit(activity: ActivityDetail): void; onChanged(id: string): void }) {
  const activity = useOperation('getActivity', { id });
  const showProblem = useAppStore((state) => state.showProblem);
  const vocabulary = useVocabulary();
  if (activity.state === 'loading') return <Loading />;
  if (activity.state === 'failed') return <Failure error={activity.error} />;
  const value = activity.value;
  const basis = vocabulary['lawful-basis'].find((entry) => entry.code === value.lawfulBasis);
  const art9 = vocabulary['art9-condition'].find((entry) => entry.code === value.art9Condition);
  const art10 = vocabulary['art10-basis'].find((entry) => entry.code === value.art10Basis);
  const special = specialCodes(vocabulary);
  return (
    // Shown dimmed and busy while a change it reads is being asked again (right after a save): never taken for the saved state.
    <article className={activity.refreshing ? 'record refreshing' : 'record'} aria-label={value.name} aria-busy={activity.refreshing}>
      <header className="record-header">
        <div>
          <div className="record-kind">Processing activity · {value.organisationName}</div>
          <h2>{value.name}</h2>
          <div className="record-dates">
            Created {value.createdAt.slice(0, 10)} · Last updated {value.updatedAt.slice(0, 10)}
          </div>
        </div>
        <div className="record-actions">
          <Badge tone={value.status === 'active' ? 'success' : 'neutral'}>{humanize(value.status)}</Badge>
          <button onClick={() => onEdit(value)}>Edit</button>
        </div>
      </header>
      <Gaps
        completeness={value.completeness}
        onLinkRecipient={(recipientName) =>
          void workbench.linkRecipientAsVendor({ activityId: value.id, recipientName }).then((result) => {
            if (!result.ok) return showProblem(result.error);
            // The record stays open even if the change takes it out of the filtered list.
            onChanged(value.id);
          })
        }
      />
      <dl className="fields">
        <TextField label="Business function" value={value.businessFunction} />
        <Field label="Lawful basis (Art. 6)" missing={!basis}>
          {basis ? withCitation(basis) : null}
        </Field>
        {value.dataCategories.some((code) => special.art9.has(code)) ? (
          <Field label="Art. 9(2) condition" missing={!art9}>
            {art9 ? withCitation(art9) : null}
          </Field>
        ) : null}
        {value.dataCategories.some((code) => special.art10.has(code)) ? (
          <Field label="Art. 10 basis" missing={!art10}>
            {art10?.label}
          </Field>
        ) : null}
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
          <Chips items={value.dataCategories.map((code) => labelOf(vocabulary['data-category'], code))} />
        </Field>
        <Field label="Recipients — Art. 30(1)(d)" wide>
          <Chips items={value.recipients.map((recipient) => `${recipient.name} (${recipient.kind})`)} />
        </Field>
        <Field label="Third-country transfers — Art. 30(1)(e)" wide>
          <TransferList transfers={value.transfers} />
        </Field>
        <TextField label="Time limits for erasure — Art. 30(1)(f)" wide value={value.retention} />
        <TextField label="Security measures — Art. 30(1)(g)" wide value={value.securityMeasures} />
        <Field label="Processors and vendors" wide>
          <Chips items={value.processors.map((link) => `${link.processorName}: ${link.purpose} (${humanize(link.role).toLowerCase()})`)} empty="No processor linked" />
          <LinkProcessorForm activityId={value.id} linked={value.processors.map((link) => link.processorId)} />
        </Field>
        <Field label="Retention rule">{value.retentionRuleName ?? <span className="missing">None chosen</span>}</Field>
        <TextField label="Source" wide value={value.source} />
      </dl>
      <h3 className="fields-heading">ICO template columns</h3>
      <dl className="fields">
        <Field label="Joint controller">{value.jointController ?? <span className="missing">None</span>}</Field>
        {value.lawfulBasis === 'legitimate-interests' ? (
          <>
            <TextField label="Legitimate interests" value={value.legitimateInterests} />
            <TextField label="Legitimate interests assessment" value={value.liaLink} />
          </>
        ) : null}
        <Field label="Rights available" wide>
          <Chips items={value.rightsAvailable.map((code) => labelOf(dataSubjectRights, code))} empty="Not recorded" />
        </Field>
        <Field label="Automated decision-making or profiling">{value.automatedDecisionMaking ?? <span className="missing">None recorded</span>}</Field>
        <Field label="Record of consent">{value.consentRecordLink ?? <span className="missing">Not recorded</span>}</Field>
        <Field label="Location of the data">{value.dataLocation ?? <span className="missing">Not recorded</span>}</Field>
        <Field label="DPIA">
          {value.dpiaRequired === null ? (
            <span className="missing">Not answered</span>
          ) : (
            `Required: ${humanize(value.dpiaRequired).toLowerCase()}${value.dpiaProgress ? ` · ${humanize(value.dpiaProgress).toLowerCase()}` : ''}${value.dpiaLink ? ` · ${value.dpiaLink}` : ''}`
          )}
        </Field>
        <Field label="Personal-data breach">
          {value.breachOccurred === null ? <span className="missing">Not answered</span> : `${value.breachOccurred ? 'Yes' : 'No'}${value.breachLink ? ` · ${value.breachLink}` : ''}`}
        </Field>
        <Field label="Retention policy">
          {value.retainedPerPolicy === null && !value.retentionPolicyLink ? (
            <span className="missing">Not answered</span>
          ) : (
            <>
              {value.retentionPolicyLink ?? 'No policy linked'}
              {value.retainedPerPolicy === null ? '' : value.retainedPerPolicy ? ' · followed' : ' · not followed'}
              {value.retentionDeviation ? <div className="note">{value.retentionDeviation}</div> : null}
            </>
          )}
        </Field>
      </dl>
      <LinkedIncidents incidents={value.incidents} />
      <ChangeHistory entity="activity" entityId={value.id} />
    </article>
  );
}

/** Links a processor to the activity with the purpose and role of that link. */
function LinkProcessorForm({ activityId, linked }: { activityId: string; linked: string[] }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button className="link-button" onClick={() => setOpen(true)}>
        Link a processor…
      </button>
    );
  }
  return <LinkProcessorFields key={activityId} activityId={activityId} linked={linked} onDone={() => setOpen(false)} />;
}

/** The link's fields as the form names them, for the list of problems. */
const linkFieldNames: Record<string, string> = { processorId: 'Processor', purpose: 'What the processor does', role: 'Role' };

/** The link's fields, checked with the contract's schema: each problem beside its field. */
function LinkProcessorFields({ activityId, linked, onDone }: { activityId: string; linked: string[]; onDone(): void }) {
  const processors = useOperation('listProcessors', {});
  const form = useContractForm(contract.linkProcessor.input, { activityId, processorId: '', purpose: '', role: 'processor' });
  const link = useWrite('linkProcessor');
  const [left, setLeft] = useState<string[]>([]);
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await link.run(input);
    if (result.ok) return onDone();
    setLeft(applyFailure(form, result.error, ['processorId', 'purpose', 'role']));
  });
  const available = processors.state === 'ready' ? processors.value.filter((processor) => !linked.includes(processor.id)) : [];
  return (
    <FormProvider {...form}>
      <form className="link-form" aria-label="Link a processor" onSubmit={(event) => void submit(event)} noValidate>
        <select aria-label="Processor" required {...form.register('processorId')} {...describedBy(form, 'processorId')}>
          <option value="">Choose a processor</option>
          {available.map((processor) => (
            <option key={processor.id} value={processor.id}>
              {processor.name}
            </option>
          ))}
        </select>
        <input aria-label="What the processor does" placeholder="What it does for this activity" {...form.register('purpose')} {...describedBy(form, 'purpose')} />
        <select aria-label="Role" {...form.register('role')} {...describedBy(form, 'role')}>
          {processorRoles.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {entry.label}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={link.pending}>
          Link
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <FieldProblemText name="processorId" />
        <FieldProblemText name="purpose" />
        <FieldProblemText name="role" />
        <FormProblems also={left} describe={(field) => linkFieldNames[field] ?? describeField(field)} />
      </form>
    </FormProvider>
  );
}
