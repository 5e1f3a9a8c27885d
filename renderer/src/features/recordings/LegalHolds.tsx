import { useEffect, useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { contract } from '../../../../core/contract';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useContractForm, useFormWrite, useMappedContractForm, useWrite } from '../../forms';
import type { LegalHold, LegalHoldPreview } from '../../../../core/contract';
import { Badge, EmptyState, Failure, Field, Loading, FormButtons, TextField, RecordHeader } from '../../components/common';
import { workbench } from '../../bridge';
import { useOperation } from '../../useOperation';

const list = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);

function describeScope(scope: LegalHold['scope']): string {
  const parts: string[] = [];
  if (scope.recordingIds?.length) parts.push(`recordings ${scope.recordingIds.join(', ')}`);
  if (scope.ticketIds?.length) parts.push(`tickets ${scope.ticketIds.join(', ')}`);
  const callers = scope.callers ?? scope.callerRefs?.length ?? 0;
  if (callers) parts.push(`${callers} caller${callers === 1 ? '' : 's'}`);
  if (scope.from || scope.to) parts.push(`calls ${scope.from ? `from ${scope.from.slice(0, 10)}` : ''}${scope.from && scope.to ? ' ' : ''}${scope.to ? `to ${scope.to.slice(0, 10)}` : ''} (UTC)`);
  return parts.join(' and ');
}

/** Legal holds: matter, reason, scope, review date; released only by a named person with a reason. */
export function LegalHolds() {
  const holds = useOperation('listLegalHolds', {});
  const [placing, setPlacing] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="card-stack holds">
      <div className="card-stack-toolbar">
        <p className="muted">A hold keeps every recording in its scope (also calls imported later) from disposal until it is released. The service refuses disposal under a hold, whatever asks for it.</p>
        <button className="primary" onClick={() => setPlacing(true)} disabled={placing}>
          Place a legal hold…
        </button>
      </div>
      {placing ? <HoldForm onDone={() => setPlacing(false)} /> : null}
      {holds.state === 'loading' ? <Loading /> : null}
      {holds.state === 'failed' ? <Failure error={holds.error} /> : null}
      {holds.state === 'ready' && !holds.value.length ? (
        <EmptyState title="No legal holds">Place one when a dispute, investigation or litigation needs recordings kept beyond their retention.</EmptyState>
      ) : null}
      {holds.state === 'ready' ? holds.value.map((hold) => <HoldCard key={hold.id} hold={hold} today={today} />) : null}
    </div>
  );
}

function HoldCard({ hold, today }: { hold: LegalHold; today: string }) {
  const [releasing, setReleasing] = useState(false);
  const active = hold.releasedAt === null;
  return (
    <article className="record card" aria-label={`Legal hold ${hold.matter}`}>
      <RecordHeader kind="Legal hold" title={hold.matter}>
          {active ? <Badge tone="accent">Active</Badge> : <Badge tone="neutral">Released</Badge>}
          {active && hold.reviewOn && hold.reviewOn <= today ? <Badge tone="warning">Review due</Badge> : null}
      </RecordHeader>
      <dl className="fields">
        <Field label="Reason" wide>
          {hold.reason}
        </Field>
        <Field label="Scope" wide>
          {describeScope(hold.scope)}
        </Field>
        <Field label="Recordings covered">{hold.recordings.toLocaleString('en')}</Field>
        <Field label="Placed">
          {hold.placedAt.slice(0, 16).replace('T', ' ')} UTC by {hold.placedBy}
        </Field>
        <TextField label="Review on" value={hold.reviewOn} />
        {!active ? (
          <Field label="Released" wide>
            {hold.releasedAt?.slice(0, 16).replace('T', ' ')} UTC by {hold.releasedBy}: {hold.releaseReason}
          </Field>
        ) : null}
      </dl>
      {active && !releasing ? <button onClick={() => setReleasing(true)}>Release…</button> : null}
      {releasing ? <ReleaseForm hold={hold} onDone={() => setReleasing(false)} /> : null}
    </article>
  );
}

/** Releasing a hold: the reason, kept with the releaser's name; releaseLegalHold's schema checks it. */
function ReleaseForm({ hold, onDone }: { hold: LegalHold; onDone(): void }) {
  const form = useContractForm(contract.releaseLegalHold.input, { holdId: hold.id, reason: '' });
  const release = useFormWrite('releaseLegalHold', form, ['reason']);
  const submit = form.handleSubmit(async (input) => {
    if ((await release.send(input)).ok) onDone();
  });
  return (
    <FormProvider {...form}>
      <form className="record-form" aria-label={`Release the hold ${hold.matter}`} onSubmit={(event) => void submit(event)} noValidate>
        <label>
          Reason for the release (recorded with your name)
          <textarea rows={2} {...form.register('reason')} {...describedBy(form, 'reason')} autoFocus />
          <FieldProblemText name="reason" />
        </label>
        <FormProblems also={release.left} />
        <FormButtons submit="Release the hold" busy={release.pending} onCancel={onDone} />
      </form>
    </FormProvider>
  );
}

/** The scope a hold form describes (recording numbers already checked). */
function scopeOf(form: { recordings: string; tickets: string; numbers: string; from: string; to: string }): { recordingIds?: number[]; ticketIds?: string[]; callerNumbers?: string[]; from?: string; to?: string } {
  const recordingIds = list(form.recordings).map(Number);
  return {
    ...(recordingIds.length ? { recordingIds } : {}),
    ...(list(form.tickets).length ? { ticketIds: list(form.tickets) } : {}),
    ...(list(form.numbers).length ? { callerNumbers: list(form.numbers) } : {}),
    ...(form.from ? { from: `${form.from}T00:00:00.000Z` } : {}),
    ...(form.to ? { to: `${form.to}T23:59:59.999Z` } : {}),
  };
}

type HoldFields = { matter: string; reason: string; recordings: string; tickets: string; numbers: string; from: string; to: string; reviewOn: string };
const holdFields = ['matter', 'reason', 'recordings', 'tickets', 'numbers', 'from', 'to', 'reviewOn'] as const;
/** The form field a problem of the contract's input belongs to. */
const holdFieldOf = (path: string) =>
  path.startsWith('scope.recordingIds') ? 'recordings' : path.startsWith('scope.ticketIds') ? 'tickets' : path.startsWith('scope.callerNumbers') ? 'numbers' : path.startsWith('scope.') ? path.slice(6) : path;

/** A hold's form, checked by the contract's schema: every problem beside its field before anything is sent. */
function HoldForm({ onDone }: { onDone(): void }) {
  const form = useMappedContractForm<HoldFields, typeof contract.placeLegalHold.input>(
    contract.placeLegalHold.input,
    { matter: '', reason: '', recordings: '', tickets: '', numbers: '', from: '', to: '', reviewOn: '' },
    (fields) => ({ matter: fields.matter, reason: fields.reason, scope: scopeOf(fields), ...(fields.reviewOn ? { reviewOn: fields.reviewOn } : {}) }),
    holdFieldOf,
  );
  const place = useWrite('placeLegalHold');
  const [left, setLeft] = useState<string[]>([]);
  // Set when the service answered that the hold covers no recording: placing it then needs a second, deliberate click.
  const [coversNone, setCoversNone] = useState<string | null>(null);
  const [preview, setPreview] = useState<LegalHoldPreview | null>(null);
  const fields = useWatch({ control: form.control }) as HoldFields;
  const scope = scopeOf(fields);
  const badRecordingNumber = (scope.recordingIds ?? []).some((id) => !Number.isInteger(id) || id < 1);
  const scopeKey = JSON.stringify(scope);
  useEffect(() => setCoversNone(null), [JSON.stringify(fields)]);
  // What the hold would cover, recounted as the scope is typed (a quarter of a second after the last key).
  useEffect(() => {
    const typed = JSON.parse(scopeKey) as ReturnType<typeof scopeOf>;
    if (badRecordingNumber || !Object.keys(typed).length) {
      setPreview(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void workbench.previewLegalHold({ scope: typed }).then((result) => {
        if (current) setPreview(result.ok ? result.value : null);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [scopeKey, badRecordingNumber]);
  const submit = (confirmCoversNone: boolean) =>
    form.handleSubmit(async (input) => {
      setLeft([]);
      const result = await place.run({ ...input, confirmCoversNone });
      if (result.ok) return onDone();
      if (result.error.code === 'conflict' && result.error.field === 'scope') {
        const message = result.error.message.replace(/^scope: /, '');
        return setCoversNone(message.charAt(0).toUpperCase() + message.slice(1));
      }
      setLeft(applyFailure(form, result.error, holdFields, holdFieldOf));
    });
  const field = (name: (typeof holdFields)[number]) => ({ ...form.register(name), ...describedBy(form, name) });
  return (
    <FormProvider {...form}>
      <form className="record-form processor-form" aria-label="New legal hold" onSubmit={(event) => void submit(false)(event)} noValidate>
        <div className="form-grid">
          <label>
            Matter
            <input {...field('matter')} autoFocus placeholder="e.g. Claim 2026-114, Dupont v. Smartt" />
            <FieldProblemText name="matter" />
          </label>
          <label>
            Review on
            <input type="date" {...field('reviewOn')} />
            <FieldProblemText name="reviewOn" />
          </label>
          <label className="field-wide">
            Reason
            <textarea rows={2} {...field('reason')} />
            <FieldProblemText name="reason" />
          </label>
        </div>
        <fieldset className="form-group">
          <legend>Scope: every part given must match</legend>
          <div className="form-grid">
            <label>
              Recordings (numbers)
              <input {...field('recordings')} placeholder="12, 15" />
              <FieldProblemText name="recordings" />
            </label>
            <label>
              Tickets
              <input {...field('tickets')} placeholder="T-1042" />
              <FieldProblemText name="tickets" />
            </label>
            <label>
              Callers' numbers
              <input {...field('numbers')} placeholder="+33 6 12 34 56 78" />
              <FieldProblemText name="numbers" />
            </label>
            <span className="note">
              Numbers are read in international form (with the callers' country for national numbers, set under Files and settings) and turned into the workspace's
              keyed hashes; the number itself is not stored with the hold.
            </span>
            <label>
              Calls from (UTC date)
              <input type="date" {...field('from')} />
              <FieldProblemText name="from" />
            </label>
            <label>
              Calls to (UTC date)
              <input type="date" {...field('to')} />
              <FieldProblemText name="to" />
            </label>
          </div>
        </fieldset>
        {preview ? (
          <div className={preview.recordings ? 'hold-coverage' : 'hold-coverage notice'} role="status" aria-label="What the hold covers">
            <strong>
              Covers {preview.recordings.toLocaleString('en')} recording{preview.recordings === 1 ? '' : 's'} now
            </strong>
            {preview.callerNumbers.length ? (
              <span>
                {' '}
                · {preview.callerNumbers.map((number) => `${number.given} → ${number.international ?? 'not readable as an international number'}`).join('; ')}
              </span>
            ) : null}
            {preview.warnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
          </div>
        ) : null}
        <FormProblems also={left} />
        {coversNone ? (
          <div className="confirm notice" role="alertdialog" aria-label="The hold covers no recording">
            <p>{coversNone}</p>
            <div className="button-row">
              <button type="button" className="danger" onClick={() => void submit(true)()}>
                Place it although it covers no recording now
              </button>
              <button type="button" onClick={() => setCoversNone(null)}>
                Go back and correct the scope
              </button>
            </div>
          </div>
        ) : (
          <FormButtons submit="Place the hold" busy={place.pending} onCancel={onDone} cancelWhileBusy />
        )}
      </form>
    </FormProvider>
  );
}
