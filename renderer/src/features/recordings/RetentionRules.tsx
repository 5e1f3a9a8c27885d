import { useEffect, useState } from 'react';
import { Controller, FormProvider, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { RetentionRuleImpact } from '../../../../core/recordings/retention';
import { describePeriod, retentionRuleInputSchema, type RetentionRule, type RetentionRuleInput } from '../../../../core/register/model';
import { labelOf, retentionStarts } from '../../../../core/register/vocabularies';
import { workbench } from '../../bridge';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Badge, Checkboxes, EmptyState, Failure, Field, humanize, InlineError, Loading, readableMessage, FormButtons, TextField, RecordHeader } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, inputFrom, nullIfEmpty, useContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';
import { showDate } from './format';

const formatDay = (iso: string) => showDate(iso, 'UTC');

type Editing = { kind: 'new' } | { kind: 'edit'; rule: RetentionRule } | { kind: 'retire'; rule: RetentionRule } | null;

/**
 * The retention rules the recordings' dates come from: create, edit and retire them, each change
 * shown first as what it would do to the kept recordings (how many dates move, how many become due).
 */
export function RetentionRules() {
  const rules = useOperation('listRetentionRules', {});
  const [editing, setEditing] = useState<Editing>(null);
  const [showRetired, setShowRetired] = useState(false);
  const shown = rules.state === 'ready' ? rules.value.filter((rule) => showRetired || rule.retiredAt === null) : [];
  const retired = rules.state === 'ready' ? rules.value.filter((rule) => rule.retiredAt !== null).length : 0;
  return (
    <div className="card-stack retention-rules">
      <div className="card-stack-toolbar">
        <p className="muted">
          Each kept recording is due for disposal at the shortest maximum of the rules covering its purposes, and never before their longest minimum. A change
          gives every kept recording of the purposes concerned new dates at once; you see how many before it is applied.
        </p>
        <button className="primary" onClick={() => setEditing({ kind: 'new' })} disabled={editing !== null}>
          New retention rule…
        </button>
      </div>
      {editing?.kind === 'new' ? <RuleForm rule={null} onDone={() => setEditing(null)} /> : null}
      {rules.state === 'loading' ? <Loading /> : null}
      {rules.state === 'failed' ? <Failure error={rules.error} /> : null}
      {rules.state === 'ready' && !rules.value.length ? <EmptyState title="No retention rules">Add one for each purpose you record calls for.</EmptyState> : null}
      {retired ? (
        <label className="checkbox">
          <input type="checkbox" checked={showRetired} onChange={(event) => setShowRetired(event.target.checked)} /> Show {retired} retired rule{retired === 1 ? '' : 's'}
        </label>
      ) : null}
      {shown.map((rule) =>
        editing?.kind === 'edit' && editing.rule.id === rule.id ? (
          <RuleForm key={rule.id} rule={rule} onDone={() => setEditing(null)} />
        ) : (
          <RuleCard
            key={rule.id}
            rule={rule}
            busy={editing !== null}
            retiring={editing?.kind === 'retire' && editing.rule.id === rule.id}
            onEdit={() => setEditing({ kind: 'edit', rule })}
            onRetire={() => setEditing({ kind: 'retire', rule })}
            onDone={() => setEditing(null)}
          />
        ),
      )}
    </div>
  );
}

function RuleCard(props: { rule: RetentionRule; busy: boolean; retiring: boolean; onEdit(): void; onRetire(): void; onDone(): void }) {
  const { rule } = props;
  return (
    <article className="record card" aria-label={`Retention rule ${rule.name}`}>
      <RecordHeader kind="Retention rule" title={rule.name}>
          {rule.retiredAt ? <Badge tone="neutral">Retired {formatDay(rule.retiredAt)}</Badge> : <Badge tone="success">In force</Badge>}
          {rule.retiredAt ? null : (
            <>
              <button onClick={props.onEdit} disabled={props.busy}>
                Edit…
              </button>
              <button onClick={props.onRetire} disabled={props.busy}>
                Retire…
              </button>
            </>
          )}
      </RecordHeader>
      <dl className="fields">
        <Field label="Applies to calls for" wide missing={!rule.purposes.length}>
          {rule.purposes.length ? rule.purposes.map(humanize).join(', ') : null}
        </Field>
        <Field label="Keep at least" missing={!rule.minimum}>
          {rule.minimum ? describePeriod(rule.minimum) : 'No minimum'}
        </Field>
        <Field label="Keep at most" missing={!rule.maximum}>
          {rule.maximum ? describePeriod(rule.maximum) : 'No maximum'}
        </Field>
        <Field label="Counted from">{labelOf(retentionStarts, rule.countedFrom)}</Field>
        <Field label="Extendable to">{rule.extendableTo ? describePeriod(rule.extendableTo) : 'Not extendable'}</Field>
        <TextField label="Legal source" wide value={rule.legalSource} />
        {rule.note ? (
          <Field label="Note" wide>
            {rule.note}
          </Field>
        ) : null}
        <Field label="Register activities naming it">{rule.activityCount.toLocaleString('en')}</Field>
        {rule.retiredReason ? (
          <Field label="Why it was retired" wide>
            {rule.retiredReason}
          </Field>
        ) : null}
      </dl>
      {props.retiring ? <RetireForm rule={rule} onDone={props.onDone} /> : null}
      <ChangeHistory entity="retention-rule" entityId={rule.id} />
    </article>
  );
}

/** What a rule form holds: the contract's input, periods as a number and a unit. */
const units = [
  ['D', 'days'],
  ['M', 'months'],
  ['Y', 'years'],
] as const;

const emptyRule: z.input<typeof retentionRuleInputSchema> = {
  name: '',
  purposes: [],
  minimum: null,
  maximum: null,
  countedFrom: 'call',
  legalSource: null,
  note: null,
  extendableTo: null,
};

/** The form's fields: the contract's input, field for field. */
const ruleFields = Object.keys(retentionRuleInputSchema.shape);

function RuleForm({ rule, onDone }: { rule: RetentionRule | null; onDone(): void }) {
  const form = useContractForm(retentionRuleInputSchema, rule ? inputFrom(retentionRuleInputSchema, rule) : emptyRule);
  const create = useWrite('createRetentionRule');
  const update = useWrite('updateRetentionRule');
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const values = useWatch({ control: form.control }) as z.input<typeof retentionRuleInputSchema>;
  const impact = useImpact(rule?.id ?? null, values);
  const due = useDueConfirmation(impact, JSON.stringify(values));
  const submit = form.handleSubmit(async (input: RetentionRuleInput) => {
    setOtherProblems([]);
    const unconfirmed = await due.check(rule?.id ?? null, input);
    if (unconfirmed) return setOtherProblems([unconfirmed]);
    const result = rule ? await update.run({ id: rule.id, changes: input }) : await create.run(input);
    if (result.ok) return onDone();
    setOtherProblems(applyFailure(form, result.error, ruleFields));
  });
  const title = rule ? `Edit the retention rule ${rule.name}` : 'New retention rule';
  return (
    <FormProvider {...form}>
      <form className="record-form rule-form" aria-label={title} onSubmit={(event) => void submit(event)} noValidate>
        <h2>{title}</h2>
        <div className="form-grid">
          <label>
            Name
            <input {...form.register('name')} {...describedBy(form, 'name')} autoFocus placeholder="e.g. Quality and training" />
            <FieldProblemText name="name" />
          </label>
          <label>
            Counted from
            <select {...form.register('countedFrom')} {...describedBy(form, 'countedFrom')}>
              {retentionStarts.map((start) => (
                <option key={start.code} value={start.code}>
                  {start.label}
                </option>
              ))}
            </select>
            <FieldProblemText name="countedFrom" />
          </label>
          <Controller control={form.control} name="minimum" render={({ field }) => <PeriodInput label="Keep at least (minimum: a law's duty to keep)" name="minimum" value={field.value ?? null} onChange={field.onChange} form={form} />} />
          <Controller control={form.control} name="maximum" render={({ field }) => <PeriodInput label="Keep at most (maximum: the privacy limit)" name="maximum" value={field.value ?? null} onChange={field.onChange} form={form} />} />
          <Controller
            control={form.control}
            name="extendableTo"
            render={({ field }) => <PeriodInput label="Extendable to (on an authority's request)" name="extendableTo" value={field.value ?? null} onChange={field.onChange} form={form} />}
          />
          <Controller control={form.control} name="purposes" render={({ field }) => <PurposesInput value={field.value ?? []} onChange={field.onChange} />} />
          <label className="field-wide">
            Legal source
            <input {...form.register('legalSource', { setValueAs: nullIfEmpty })} placeholder="e.g. CNIL guidance on recording calls at work" />
            <FieldProblemText name="legalSource" />
          </label>
          <label className="field-wide">
            Note
            <textarea rows={2} {...form.register('note', { setValueAs: nullIfEmpty })} />
            <FieldProblemText name="note" />
          </label>
        </div>
        <ImpactSummary impact={impact} change={rule ? 'Saving' : 'Adding this rule'} />
        {due.box}
        <FormProblems also={otherProblems} />
        <FormButtons submit={rule ? 'Save the rule' : 'Add the rule'} busy={create.pending || update.pending} onCancel={onDone} cancelWhileBusy />
      </form>
    </FormProvider>
  );
}

function RetireForm({ rule, onDone }: { rule: RetentionRule; onDone(): void }) {
  const [reason, setReason] = useState('');
  const retire = useWrite('retireRetentionRule');
  const impact = useImpact(rule.id, null);
  const due = useDueConfirmation(impact, rule.id);
  const [unconfirmed, setUnconfirmed] = useState<string | null>(null);
  return (
    <form
      className="record-form retire-form"
      aria-label={`Retire the retention rule ${rule.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void (async () => {
          const problem = await due.check(rule.id, null);
          setUnconfirmed(problem);
          if (problem) return;
          const result = await retire.run({ id: rule.id, reason });
          if (result.ok) onDone();
        })();
      }}
    >
      <label className="field-wide">
        Why the rule no longer applies (kept in the change log)
        <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} autoFocus aria-invalid={retire.failure ? true : undefined} />
      </label>
      <ImpactSummary impact={impact} change="Retiring it" />
      {due.box}
      <InlineError message={unconfirmed ?? (retire.failure ? readableMessage(retire.failure) : null)} />
      <FormButtons submit="Retire the rule" tone="danger" busy={retire.pending} onCancel={onDone} cancelWhileBusy />
    </form>
  );
}

/**
 * A change that makes recordings due for disposal at once is applied only once confirmed, for the
 * count the service gives for exactly what is sent (asked again on submit, so a preview still
 * counting or out of date cannot stand in); a confirmation lapses when the rule is edited.
 */
function useDueConfirmation(impact: ImpactState, editKey: string) {
  const [confirmed, setConfirmed] = useState<number | null>(null);
  useEffect(() => setConfirmed(null), [editKey]);
  const shown = impact.value?.becomeDue ?? 0;
  const check = async (id: string | null, changes: RetentionRuleInput | null): Promise<string | null> => {
    const fresh = await workbench.previewRetentionRule({ id, changes });
    if (!fresh.ok) return readableMessage(fresh.error);
    const due = fresh.value.becomeDue;
    if (due === 0 || confirmed === due) return null;
    return `Confirm below that ${plural(due, 'recording')} become${due === 1 ? 's' : ''} due for disposal at once${confirmed !== null ? ' (the count changed since you confirmed)' : ''}.`;
  };
  const box = shown ? (
    <label className="checkbox confirm-line">
      <input type="checkbox" checked={confirmed === shown} onChange={(event) => setConfirmed(event.target.checked ? shown : null)} /> I understand that{' '}
      {plural(shown, 'recording')} become{shown === 1 ? 's' : ''} due for disposal at once.
    </label>
  ) : null;
  return { check, box };
}

type ImpactState = { value: RetentionRuleImpact | null; problem: string | null; counting: boolean };

/** What the rule as typed would do, asked again a quarter of a second after the last change. */
function useImpact(id: string | null, values: z.input<typeof retentionRuleInputSchema> | null): ImpactState {
  const [state, setState] = useState<ImpactState>({ value: null, problem: null, counting: true });
  const key = JSON.stringify(values);
  useEffect(() => {
    const parsed = values === null ? null : retentionRuleInputSchema.safeParse(values);
    if (parsed && !parsed.success) {
      setState({ value: null, problem: 'Correct the rule to see what it would change.', counting: false });
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, counting: true }));
    const timer = setTimeout(() => {
      void workbench.previewRetentionRule({ id, changes: parsed ? parsed.data : null }).then((result) => {
        if (!current) return;
        setState(result.ok ? { value: result.value, problem: null, counting: false } : { value: null, problem: readableMessage(result.error), counting: false });
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [id, key]);
  return state;
}

function ImpactSummary({ impact, change }: { impact: ImpactState; change: string }) {
  const value = impact.value;
  return (
    <section className="impact" role="status" aria-label="What the change does" aria-busy={impact.counting}>
      <h3>What it changes</h3>
      {impact.problem ? <p className="muted">{impact.problem}</p> : null}
      {!value && !impact.problem ? <p className="muted">Counting the recordings concerned…</p> : null}
      {value ? (
        <>
          <p>
            <strong>
              {change} gives {plural(value.datesMove, 'kept recording')} new dates
            </strong>{' '}
            (of {value.considered.toLocaleString('en')} kept for the purposes concerned
            {value.activities ? `; ${plural(value.activities, 'register activity', 'register activities')} name the rule, their text is not changed` : ''}).
          </p>
          {value.datesMove ? (
            <ul className="impact-counts">
              <li>Due earlier: {value.earlier.toLocaleString('en')}</li>
              <li>Due later or without an end: {value.later.toLocaleString('en')}</li>
              <li className={value.becomeDue ? 'impact-warning' : undefined}>Due for disposal at once: {value.becomeDue.toLocaleString('en')}</li>
              {value.becomeDueHeld ? <li>Due but held back by a legal hold: {value.becomeDueHeld.toLocaleString('en')}</li> : null}
              {value.newConflicts ? <li className="impact-warning">Rules in conflict (a minimum beyond a maximum): {value.newConflicts.toLocaleString('en')}</li> : null}
              {value.conflictsResolved ? <li>Conflicts resolved: {value.conflictsResolved.toLocaleString('en')}</li> : null}
            </ul>
          ) : null}
          {value.examples.length ? (
            <table className="impact-examples">
              <caption>For example (oldest calls first)</caption>
              <thead>
                <tr>
                  <th scope="col">Recording</th>
                  <th scope="col">Call (UTC)</th>
                  <th scope="col">Due under the rule today</th>
                  <th scope="col">Due after the change</th>
                </tr>
              </thead>
              <tbody>
                {value.examples.map((example) => (
                  <tr key={example.id}>
                    <td>{example.id}</td>
                    <td>{formatDay(example.callStart)}</td>
                    <td>{example.latestBefore ? formatDay(example.latestBefore) : 'no end'}</td>
                    <td>{example.conflictAfter ? 'rules in conflict' : example.latestAfter ? formatDay(example.latestAfter) : 'no end'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** A period as a number and a unit; empty is no period (null). */
function PeriodInput(props: { label: string; name: 'minimum' | 'maximum' | 'extendableTo'; value: string | null; onChange(value: string | null): void; form: Parameters<typeof describedBy>[0] }) {
  const match = /^P(\d+)([DMY])$/.exec(props.value ?? '');
  const [amount, setAmount] = useState(match?.[1] ?? '');
  const [unit, setUnit] = useState(match?.[2] ?? 'M');
  const send = (nextAmount: string, nextUnit: string) => props.onChange(nextAmount.trim() ? `P${nextAmount.trim()}${nextUnit}` : null);
  return (
    <fieldset className="period-input">
      <legend>{props.label}</legend>
      <input
        aria-label={`${props.label}: number`}
        inputMode="numeric"
        value={amount}
        placeholder="none"
        onChange={(event) => {
          setAmount(event.target.value);
          send(event.target.value, unit);
        }}
        {...describedBy(props.form, props.name)}
      />
      <select
        aria-label={`${props.label}: unit`}
        value={unit}
        onChange={(event) => {
          setUnit(event.target.value);
          send(amount, event.target.value);
        }}
      >
        {units.map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </select>
      <FieldProblemText name={props.name} />
    </fieldset>
  );
}

/** The purposes a rule covers: those rules and recordings name, and any other typed in. */
function PurposesInput({ value, onChange }: { value: string[]; onChange(value: string[]): void }) {
  const known = useOperation('listRetentionPurposes', {});
  const [typed, setTyped] = useState('');
  const choices = [...new Set([...(known.state === 'ready' ? known.value : []), ...value.map((purpose) => purpose.toLowerCase())])].sort();
  const has = (purpose: string) => value.some((entry) => entry.toLowerCase() === purpose);
  const add = () => {
    const purpose = typed.trim().toLowerCase().replace(/\s+/g, '-');
    if (purpose && !has(purpose)) onChange([...value, purpose]);
    setTyped('');
  };
  return (
    <fieldset className="purposes-input field-wide" aria-describedby="problem-purposes">
      <legend>Applies to calls recorded for</legend>
      <Checkboxes className="choice-row" options={choices.map((purpose) => ({ value: purpose, label: humanize(purpose) }))} chosen={value.map((entry) => entry.toLowerCase())} onChange={onChange} />
      <div className="inline-form">
        <input
          aria-label="Another purpose"
          value={typed}
          placeholder="another purpose, e.g. complaints"
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={!typed.trim()}>
          Add purpose
        </button>
      </div>
      {!value.length ? <span className="note">A rule without a purpose covers no recording (it can still be named by register activities).</span> : null}
      <FieldProblemText name="purposes" />
    </fieldset>
  );
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
