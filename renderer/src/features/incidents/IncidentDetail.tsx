import { useEffect, useState } from 'react';
import { labelRows, textWidth, type LabelSpan } from '../../../../core/charts/labelRows';
import { localInputValue, instantFromLocal } from '../../../../core/incidents/calendar';
import { obligationState } from '../../../../core/incidents/deadlines';
import type { IncidentDetail, IncidentEvent, IncidentObligation } from '../../../../core/incidents/model';
import { incidentEventLabels, recommendationLabels, obligationStateLabels } from '../../../../core/incidents/labels';
import { anchorLabels } from '../../../../core/incidents/rules';
import { labelOf } from '../../../../core/register/vocabularies';
import { FormProvider, useWatch } from 'react-hook-form';
import { contract } from '../../../../core/contract';
import { closeIncidentInputSchema, filingInputSchema, incidentInputSchema, isOutstanding, reopenIncidentInputSchema, riskDecisionInputSchema, type FilingInput, type RiskDecision } from '../../../../core/incidents/model';
import { applyFailure, describedBy, FieldProblemText, FormProblems, inputFrom, useContractForm, useFormWrite, useMappedContractForm, useWrite } from '../../forms';
import { Badge, Chips, Failure, Field, humanize, Loading, FormButtons, TextField, RecordHeader } from '../../components/common';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';
import { useVocabulary } from '../../useVocabulary';
import { IncidentForm } from './IncidentForm';
import { Countdown, formatterFor, showInstant, stateChangesOf, useNowAt } from './time';


/** One incident: its clocks (live), a picture of its timeline, the risk and the decision, and its history. */
export function IncidentDetailView({ id }: { id: string }) {
  const incident = useOperation('getIncident', { id });
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState<'open' | 'contained' | null>(null);
  const vocabulary = useVocabulary();
  // Re-rendered when a deadline turns due-soon or overdue (and each minute, for the timeline's "now"); the countdowns tick on their own.
  const now = useNowAt(incident.state === 'ready' ? incident.value.obligations.flatMap((obligation) => stateChangesOf(obligation.dueAt)) : []);
  if (incident.state === 'loading') return <Loading />;
  if (incident.state === 'failed') return <Failure error={incident.error} />;
  const value = incident.value;
  if (editing) {
    return (
      <IncidentForm
        drill={value.drill}
        draft={null}
        editing={value}
        onCancel={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
        }}
      />
    );
  }
  // States move with the clock between reloads: recompute them from the deadline and now.
  const obligations = value.obligations.map((obligation) =>
    obligation.state === 'open' || obligation.state === 'due-soon' || obligation.state === 'overdue' ? { ...obligation, state: obligationState(obligation, null, now) } : obligation,
  );
  return (
    <article className="record" aria-label={value.title}>
      {value.drill ? (
        <div className="drill-banner" role="note">
          DRILL — not a real incident. It is kept out of the breach register and the reports.
        </div>
      ) : null}
      <RecordHeader kind={<>{value.drill ? 'Drill' : 'Personal-data breach'} · times in {value.zone}</>} title={value.title}>
          <StatusControl incident={value} onClose={() => setClosing(true)} onReopen={setReopening} />
          <button onClick={() => setEditing(true)}>Edit facts</button>
      </RecordHeader>
      {reopening && value.status === 'closed' ? <ReopenIncident incident={value} status={reopening} onDone={() => setReopening(null)} /> : null}
      {closing && value.status !== 'closed' ? (
        <CloseIncident incident={value} running={obligations.filter(isOutstanding)} onDone={() => setClosing(false)} />
      ) : null}
      {value.status === 'closed' && value.closure ? (
        <section className="closure" aria-label="Closure">
          <h3>Closed {showInstant(value.closure.at, value.zone)} by {value.closure.by}</h3>
          <p>{value.closure.summary}</p>
          {value.closure.openObligations.length ? <p className="muted">Closed with obligations still open: {value.closure.openObligations.join('; ')}.</p> : null}
        </section>
      ) : null}
      <TimelinePicture incident={value} obligations={obligations} now={now} />
      <section className="obligations" aria-label="Legal clocks">
        <h3>Legal clocks ({obligations.length})</h3>
        {obligations.length ? (
          <table className="table obligations-table">
            <thead>
              <tr>
                <th scope="col">Obligation</th>
                <th scope="col">Deadline</th>
                <th scope="col">Time left</th>
                <th scope="col">State</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {obligations.map((obligation) => (
                <ObligationRow key={obligation.id} incident={value} obligation={obligation} />
              ))}
            </tbody>
          </table>
        ) : (
          <p className="missing">No clock runs: add when the organisation became aware, where the people affected live, and its sectors.</p>
        )}
      </section>
      <RiskPanel incident={value} />
      <dl className="fields">
        <TextField label="Nature — Art. 33(3)(a)" wide value={value.nature} />
        <Field label="Breach type">
          <Chips items={value.breachTypes.map(humanize)} empty="Not recorded" />
        </Field>
        <Field label="Personal data">
          <Chips items={value.dataCategories.map((code) => labelOf(vocabulary['data-category'], code))} empty="Not recorded" />
        </Field>
        <Field label="People affected">
          {value.subjectsApprox ?? (value.affected.length ? `${value.affected.reduce((sum, entry) => sum + entry.count, 0)} (by residence)` : <span className="missing">Not recorded</span>)}
          {value.affected.length ? <div className="note">{value.affected.map((entry) => `${entry.where}: ${entry.count}`).join(' · ')}</div> : null}
        </Field>
        <Field label="Records affected">{value.recordsApprox ?? <span className="missing">Not recorded</span>}</Field>
        <Field label="Controller established in">{value.established.length ? value.established.join(', ') : <span className="missing">Not recorded</span>}</Field>
        <Field label="Processor involved established in">{value.processorEstablished.length ? value.processorEstablished.join(', ') : <span className="missing">None recorded</span>}</Field>
        <TextField label="Contact point — Art. 33(3)(b)" value={value.contactPoint} />
        <TextField label="Likely consequences — Art. 33(3)(c)" wide value={value.consequences} />
        <TextField label="Measures — Art. 33(3)(d)" wide value={value.measures} />
        <Field label="Events" wide>
          <ul className="plain-list">
            {Object.entries(value.events).map(([event, recorded]) => (
              <li key={event}>
                {incidentEventLabels[event as IncidentEvent]}: {showInstant(recorded.at, recorded.zone)}
              </li>
            ))}
          </ul>
          {value.awarenessJustification ? <div className="note">Awareness after detection: {value.awarenessJustification}</div> : null}
        </Field>
        <Field label="Activities and vendors involved" wide>
          <Chips items={[...value.activities.map((entry) => entry.name), ...value.processors.map((entry) => entry.name)]} empty="None linked" />
        </Field>
      </dl>
      <Timeline incident={value} />
    </article>
  );
}

/**
 * Open and contained are one choice away; closing is its own step (CloseIncident), and a closed
 * incident can be reopened. The write's input is built from its schema, not from the read model.
 */
function StatusControl({ incident, onClose, onReopen }: { incident: IncidentDetail; onClose(): void; onReopen(status: 'open' | 'contained'): void }) {
  const showProblem = useAppStore((state) => state.showProblem);
  const update = useWrite('updateIncident');
  return (
    <div className="status-control">
      <select
        aria-label="Status"
        value={incident.status}
        disabled={update.pending}
        onChange={(event) => {
          const status = event.target.value as IncidentDetail['status'];
          if (status === 'closed') return onClose();
          if (incident.status === 'closed') return onReopen(status);
          void update.run({ id: incident.id, changes: { ...inputFrom(incidentInputSchema, incident), status } }).then((result) => !result.ok && showProblem(result.error));
        }}
      >
        <option value="open">{incident.status === 'closed' ? 'Reopen…' : 'Open'}</option>
        <option value="contained">{incident.status === 'closed' ? 'Reopen as contained…' : 'Contained'}</option>
        <option value="closed">{incident.status === 'closed' ? 'Closed' : 'Close…'}</option>
      </select>
    </div>
  );
}

/** Reopening a closed incident: the reason, kept in its timeline and change log. */
function ReopenIncident({ incident, status, onDone }: { incident: IncidentDetail; status: 'open' | 'contained'; onDone(): void }) {
  const form = useContractForm(reopenIncidentInputSchema, { id: incident.id, status, reason: '' });
  const reopen = useFormWrite('reopenIncident', form, ['reason']);
  const submit = form.handleSubmit(async (input) => {
    if ((await reopen.send(input)).ok) onDone();
  });
  return (
    <FormProvider {...form}>
      <form className="record-form close-incident" aria-label={`Reopen the incident ${incident.title}`} onSubmit={(event) => void submit(event)} noValidate>
        <h3>Reopen the incident ({status === 'open' ? 'open' : 'contained'})</h3>
        <label className="field-wide">
          Why it is reopened: what came to light
          <textarea rows={3} autoFocus {...form.register('reason')} {...describedBy(form, 'reason')} />
          <FieldProblemText name="reason" />
        </label>
        <FormProblems also={reopen.left} />
        <FormButtons submit="Reopen the incident" busy={reopen.pending} onCancel={onDone} cancel="Keep it closed" cancelWhileBusy />
      </form>
    </FormProvider>
  );
}

/** Closing: a summary of how the breach ended, the obligations still open named, and a deliberate confirmation. */
function CloseIncident({ incident, running, onDone }: { incident: IncidentDetail; running: IncidentObligation[]; onDone(): void }) {
  const form = useContractForm(closeIncidentInputSchema, { id: incident.id, summary: '', acknowledgeOpenObligations: false });
  const close = useWrite('closeIncident');
  const [left, setLeft] = useState<string[]>([]);
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    if (running.length && !input.acknowledgeOpenObligations) {
      form.setError('acknowledgeOpenObligations', { type: 'running', message: 'confirm that the incident is closed with these obligations still open' });
      return;
    }
    const result = await close.run(input);
    if (result.ok) return onDone();
    setLeft(applyFailure(form, result.error, ['summary', 'acknowledgeOpenObligations']));
  });
  return (
    <FormProvider {...form}>
      <form className="record-form close-incident" aria-label={`Close the incident ${incident.title}`} onSubmit={(event) => void submit(event)} noValidate>
        <h3>Close the incident</h3>
        <label className="field-wide">
          Closure summary: how the breach ended, what was done, who was told, what remains to watch
          <textarea rows={3} autoFocus {...form.register('summary')} {...describedBy(form, 'summary')} />
          <FieldProblemText name="summary" />
        </label>
        {running.length ? (
          <div className="notice" role="note" aria-label="Obligations still open">
            <p>
              <strong>
                {running.length === 1 ? 'One notification obligation is' : `${running.length} notification obligations are`} still open (not filed, not marked not applicable):
              </strong>
            </p>
            <ul>
              {running.map((obligation) => (
                <li key={obligation.id}>
                  {obligation.recipient} ({obligation.citation}){obligation.dueAt ? `, due ${showInstant(obligation.dueAt, incident.zone)}` : ''}
                </li>
              ))}
            </ul>
            <label className="checkbox">
              <input type="checkbox" {...form.register('acknowledgeOpenObligations')} {...describedBy(form, 'acknowledgeOpenObligations')} /> Close it with these obligations
              still open (they are kept in the closure and the change log)
            </label>
            <FieldProblemText name="acknowledgeOpenObligations" />
          </div>
        ) : (
          <p className="muted">Every notification obligation is filed or marked not applicable.</p>
        )}
        <FormProblems also={left} />
        <FormButtons submit="Close the incident" busy={close.pending} onCancel={onDone} cancel="Keep it open" cancelWhileBusy />
      </form>
    </FormProvider>
  );
}

function ObligationRow({ incident, obligation }: { incident: IncidentDetail; obligation: IncidentObligation }) {
  const [open, setOpen] = useState<null | 'file' | 'not-applicable'>(null);
  const state = obligationStateLabels[obligation.state];
  const running = obligation.dueAt && (obligation.state === 'open' || obligation.state === 'due-soon' || obligation.state === 'overdue') ? obligation.dueAt : null;
  return (
    <>
      <tr className={`obligation obligation-${obligation.state}`}>
        <td>
          <div className="row-title">{obligation.recipient}</div>
          <div className="row-meta">
            {obligation.citation} · {obligation.period}
            {obligation.verify ? <Badge tone="warning">Verify</Badge> : null}
            {obligation.condition === 'pending-risk-assessment' ? <Badge tone="accent">Waits for the risk assessment</Badge> : null}
          </div>
          {obligation.condition ? <div className="row-meta">{obligation.note}</div> : null}
        </td>
        <td>
          {obligation.legalDueAt ? (
            <div className="row-meta" title={obligation.legalDueCitation}>
              Legal outer date {showInstant(obligation.legalDueAt, incident.zone)} ({obligation.legalDueCitation})
            </div>
          ) : null}
          {obligation.dueAt ? showInstant(obligation.dueAt, incident.zone) : obligation.kind === 'waiting-for-anchor' ? `Starts at ${obligation.anchor.startsWith('filing:') ? `the filing of ${obligation.anchor.slice(7)}` : humanize(anchorLabels[obligation.anchor as keyof typeof anchorLabels] ?? obligation.anchor)}` : obligation.period}
        </td>
        <td className="countdown" aria-label={`Time left for ${obligation.recipient}`}>
          {running !== null ? <Countdown dueAt={running} /> : obligation.firstFiledAt ? `filed ${showInstant(obligation.firstFiledAt, incident.zone)}` : '—'}
        </td>
        <td>
          <Badge tone={state.tone === 'ok' ? 'success' : state.tone}>{state.label}</Badge>
          {obligation.filings.length ? <div className="row-meta">{obligation.filings.length === 1 ? '1 filing' : `${obligation.filings.length} filings`}</div> : null}
        </td>
        <td className="row-actions">
          {obligation.state === 'no-longer-applies' ? (
            <span className="row-meta">The facts no longer start it; its filings are kept.</span>
          ) : obligation.state !== 'not-applicable' ? (
            <>
              <button onClick={() => setOpen(open === 'file' ? null : 'file')} aria-expanded={open === 'file'} aria-label={`File for ${obligation.recipient}`}>
                File…
              </button>
              {!obligation.firstFiledAt && !obligation.condition ? (
                <button className="link" onClick={() => setOpen(open === 'not-applicable' ? null : 'not-applicable')} aria-label={`Not applicable: ${obligation.recipient}`}>
                  Not applicable…
                </button>
              ) : null}
            </>
          ) : (
            <span className="row-meta">
              by {obligation.notApplicable?.by}: {obligation.notApplicable?.rationale}
            </span>
          )}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={5}>
            {open === 'file' ? <FilingForm incident={incident} obligation={obligation} onDone={() => setOpen(null)} /> : <NotApplicableForm incident={incident} obligation={obligation} onDone={() => setOpen(null)} />}
          </td>
        </tr>
      ) : null}
      {obligation.filings.length && open === null ? (
        <tr className="filings-row">
          <td colSpan={5}>
            {obligation.dueAtFirstFiling ? (
              <div className="row-meta">Lateness judged at the first filing, against the deadline {showInstant(obligation.dueAtFirstFiling, incident.zone)}.</div>
            ) : null}
            <ul className="plain-list filings">
              {obligation.filings.map((filing) => (
                <li key={filing.id}>
                  <strong>{humanize(filing.phase)}</strong> {showInstant(filing.filedAt, incident.zone)}
                  {filing.channel ? ` · ${filing.channel}` : ''}
                  {filing.reference ? ` · ref. ${filing.reference}` : ''}
                  {filing.summary ? ` — ${filing.summary}` : ''}
                  {filing.delayReasons ? <div className="note">Reasons for the delay: {filing.delayReasons}</div> : null}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ) : null}
    </>
  );
}

type FilingFields = Omit<FilingInput, 'filedAt' | 'channel' | 'reference' | 'summary' | 'delayReasons'> & { filedAt: string; channel: string; reference: string; summary: string; delayReasons: string };

/** A filing as the form holds it: the time as wall-clock text in the incident's zone, texts empty when not given. */
function filingInputOf(values: FilingFields, zone: string, refuse: (path: string, message: string) => void) {
  const filedAt = instantFromLocal(values.filedAt, zone);
  if (!filedAt) refuse('filedAt', 'give a date and time');
  return {
    ...values,
    filedAt,
    channel: values.channel.trim() || null,
    reference: values.reference.trim() || null,
    summary: values.summary.trim() || null,
    delayReasons: values.delayReasons.trim() || null,
  };
}

function FilingForm({ incident, obligation, onDone }: { incident: IncidentDetail; obligation: IncidentObligation; onDone(): void }) {
  const fields: FilingFields = {
    incidentId: incident.id,
    obligationId: obligation.id,
    phase: obligation.filings.length ? 'additional' : 'initial',
    filedAt: localInputValue(new Date(), incident.zone),
    channel: '',
    reference: '',
    summary: '',
    delayReasons: '',
  };
  const form = useMappedContractForm(filingInputSchema, fields, (values: FilingFields, refuse) => filingInputOf(values, incident.zone, refuse));
  const record = useWrite('recordFiling');
  const [left, setLeft] = useState<string[]>([]);
  const filedAt = useWatch({ control: form.control, name: 'filedAt' });
  const instant = instantFromLocal(filedAt, incident.zone);
  const late = Boolean(instant && obligation.dueAt && Date.parse(instant) > Date.parse(obligation.dueAt));
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await record.run(late && !obligation.firstFiledAt ? input : { ...input, delayReasons: null });
    if (result.ok) return onDone();
    setLeft(applyFailure(form, result.error, Object.keys(fields)));
  });
  const text = (name: 'channel' | 'reference' | 'summary', label: string, placeholder?: string, className?: string) => (
    <label className={className}>
      {label}
      <input {...form.register(name)} placeholder={placeholder} {...describedBy(form, name)} />
      <FieldProblemText name={name} />
    </label>
  );
  return (
    <FormProvider {...form}>
      <form className="filing-form" aria-label={`Filing for ${obligation.recipient}`} onSubmit={(event) => void submit(event)} noValidate>
        <div className="form-row three">
          <label>
            Phase
            <select {...form.register('phase')}>
              <option value="initial">Initial</option>
              <option value="intermediate">Intermediate</option>
              <option value="final">Final</option>
              <option value="additional">Additional information</option>
            </select>
          </label>
          <label>
            Filed at ({incident.zone})
            <input type="datetime-local" {...form.register('filedAt')} {...describedBy(form, 'filedAt')} />
            <FieldProblemText name="filedAt" />
          </label>
          {text('channel', 'Channel', 'e.g. authority portal')}
          {text('reference', 'Reference')}
          {text('summary', 'Summary', undefined, 'span-2')}
        </div>
        {late && !obligation.firstFiledAt ? (
          <label>
            Reasons for the delay (this filing comes after the deadline)
            <textarea rows={2} {...form.register('delayReasons')} {...describedBy(form, 'delayReasons')} />
            <FieldProblemText name="delayReasons" />
          </label>
        ) : null}
        <FormProblems also={left} />
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={record.pending}>
            Record the filing
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

function NotApplicableForm({ incident, obligation, onDone }: { incident: IncidentDetail; obligation: IncidentObligation; onDone(): void }) {
  const form = useContractForm(contract.markObligationNotApplicable.input, { incidentId: incident.id, obligationId: obligation.id, rationale: '' });
  const mark = useFormWrite('markObligationNotApplicable', form, ['rationale']);
  const submit = form.handleSubmit(async (input) => {
    if ((await mark.send(input)).ok) onDone();
  });
  return (
    <FormProvider {...form}>
      <form className="filing-form" aria-label={`Why ${obligation.recipient} does not apply`} onSubmit={(event) => void submit(event)} noValidate>
        <label>
          Why this obligation does not apply (recorded with your name)
          <textarea rows={2} {...form.register('rationale')} {...describedBy(form, 'rationale')} />
          <FieldProblemText name="rationale" />
        </label>
        <FormProblems also={mark.left} />
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={mark.pending}>
            Mark not applicable
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

const outcomeLabels = { unlikely: 'unlikely to result in a risk', risk: 'likely to result in a risk', 'high-risk': 'likely to result in a high risk' } as const;

function RiskPanel({ incident }: { incident: IncidentDetail }) {
  const latest = incident.decisions.at(-1);
  return (
    <section className="risk" aria-label="Risk and decision">
      <h3>Risk</h3>
      {incident.risk ? (
        <div className={`risk-advice risk-${incident.risk.outcome}`}>
          <div>
            <strong>Advice: {recommendationLabels[incident.risk.recommendation]}</strong> — {outcomeLabels[incident.risk.outcome]}
          </div>
          <ul aria-label="Why">
            {incident.risk.factors.map((factor) => (
              <li key={factor.reason} className={`factor factor-${factor.outcome}`}>
                {factor.reason}
              </li>
            ))}
          </ul>
          <details>
            <summary>
              ENISA severity {incident.risk.severity} ({incident.risk.level}), one input
              {incident.risk.enisaRecommendation !== incident.risk.recommendation ? `: alone it would advise “${recommendationLabels[incident.risk.enisaRecommendation].toLowerCase()}”` : ''}
            </summary>
            <ul>
              {incident.risk.reasons
                .filter((reason) => reason.startsWith('ENISA: '))
                .map((reason) => (
                  <li key={reason}>{reason.slice('ENISA: '.length)}</li>
                ))}
            </ul>
          </details>
        </div>
      ) : (
        <p className="missing">No risk facts yet: add them with “Edit facts” to get the advice on notifying.</p>
      )}
      {latest ? (
        <p className="decision">
          Decision: <strong>{recommendationLabels[latest.decision]}</strong> by {latest.decidedBy}, {showInstant(latest.decidedAt, incident.zone)} — {latest.rationale}
        </p>
      ) : (
        <p className="missing">No decision recorded yet. The advice is not a decision: record yours with its reasons.</p>
      )}
      <DecisionForm incident={incident} decision={latest?.decision ?? incident.risk?.recommendation ?? 'notify-authority'} />
    </section>
  );
}

/** The decision on notifying, with its reasons; the form stays for the next decision, emptied. */
function DecisionForm({ incident, decision }: { incident: IncidentDetail; decision: RiskDecision['decision'] }) {
  const form = useContractForm(riskDecisionInputSchema, { incidentId: incident.id, decision, rationale: '' });
  const record = useFormWrite('recordRiskDecision', form, ['decision', 'rationale']);
  const submit = form.handleSubmit(async (input) => {
    if ((await record.send(input)).ok) form.reset({ ...input, rationale: '' });
  });
  return (
    <FormProvider {...form}>
      <form className="link-form" aria-label="Record the decision" onSubmit={(event) => void submit(event)} noValidate>
        <select aria-label="Decision" {...form.register('decision')}>
          {Object.entries(recommendationLabels).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        <input aria-label="Rationale" placeholder="Why (recorded with your name and the time)" {...form.register('rationale')} {...describedBy(form, 'rationale')} />
        <button type="submit" disabled={record.pending}>
          Record decision
        </button>
        <FieldProblemText name="rationale" />
        <FormProblems also={record.left} />
      </form>
    </FormProvider>
  );
}

function Timeline({ incident }: { incident: IncidentDetail }) {
  const form = useContractForm(contract.addTimelineNote.input, { incidentId: incident.id, kind: 'action', text: '' });
  const add = useFormWrite('addTimelineNote', form, ['kind', 'text']);
  const submit = form.handleSubmit(async (input) => {
    if ((await add.send(input)).ok) form.reset({ ...input, text: '' });
  });
  return (
    <section className="history" aria-label="Incident timeline">
      <h3>Timeline (append-only)</h3>
      <ol className="history-list">
        {incident.timeline.map((entry) => (
          <li key={entry.id}>
            <strong>{humanize(entry.kind)}</strong> by <strong>{entry.actor}</strong> {showInstant(entry.at, incident.zone)} — {entry.text}
          </li>
        ))}
      </ol>
      <FormProvider {...form}>
        <form className="link-form" aria-label="Add to the timeline" onSubmit={(event) => void submit(event)} noValidate>
          <select aria-label="Kind of entry" {...form.register('kind')}>
            <option value="action">Action taken</option>
            <option value="note">Note</option>
          </select>
          <input aria-label="Timeline entry" placeholder="e.g. Passwords reset for all affected accounts" {...form.register('text')} {...describedBy(form, 'text')} />
          <button type="submit" disabled={add.pending}>
            Add
          </button>
          <FieldProblemText name="text" />
          <FormProblems also={add.left} />
        </form>
      </FormProvider>
    </section>
  );
}

/** The incident's events and deadlines on one time axis, with "now". */
function TimelinePicture({ incident, obligations, now }: { incident: IncidentDetail; obligations: IncidentObligation[]; now: Date }) {
  // Drawn at the width it is shown at, so its text is the app's size and labels can be kept apart.
  const [figure, width] = useWidth(900);
  // Events at the same instant share one mark ("Detection, awareness").
  const byInstant = new Map<number, string[]>();
  for (const [event, recorded] of Object.entries(incident.events)) {
    const at = Date.parse(recorded.at);
    byInstant.set(at, [...(byInstant.get(at) ?? []), incidentEventLabels[event as IncidentEvent]]);
  }
  const events = [...byInstant.entries()].sort((a, b) => a[0] - b[0]).map(([at, labels]) => ({ label: labels.join(', '), at }));
  const deadlines = obligations
    .filter((obligation) => obligation.dueAt)
    .map((obligation) => ({ label: obligation.citation, at: Date.parse(obligation.dueAt!), state: obligation.state }))
    .sort((a, b) => a.at - b.at);
  const filings = obligations.flatMap((obligation) => obligation.filings.map((filing) => ({ at: Date.parse(filing.filedAt) })));
  const points = [...events.map((entry) => entry.at), ...deadlines.map((entry) => entry.at), ...filings.map((entry) => entry.at), now.getTime()];
  if (points.length < 2) return <div ref={figure} />;
  const start = Math.min(...points);
  const end = Math.max(...points);
  const span = Math.max(end - start, 3_600_000);
  const margin = 18;
  const x = (at: number) => margin + ((at - start) / span) * (width - 2 * margin);
  const fmt = (at: number) => formatterFor(incident.zone, 'short').format(new Date(at));
  // Labels near an edge are anchored inwards, so they are never cut off.
  const anchorAt = (position: number): LabelSpan['anchor'] => (position < width * 0.18 ? 'start' : position > width * 0.82 ? 'end' : 'middle');
  // Above the axis: each event's name and time (two lines), and "now"; below: each deadline. Each on the nearest free row.
  const above = [
    ...events.map((entry) => ({ x: x(entry.at), width: Math.max(textWidth(entry.label, 13), textWidth(fmt(entry.at), 11.5)), anchor: anchorAt(x(entry.at)) })),
    { x: x(now.getTime()), width: textWidth('now', 11.5), anchor: anchorAt(x(now.getTime())) },
  ];
  const below = deadlines.map((entry) => ({ x: x(entry.at), width: textWidth(`${entry.label} · ${fmt(entry.at)}`, 11.5), anchor: anchorAt(x(entry.at)) }));
  const top = labelRows(above);
  const bottom = labelRows(below);
  const eventRow = 36;
  const deadlineRow = 17;
  const axis = 14 + top.rowCount * eventRow;
  const height = axis + 22 + bottom.rowCount * deadlineRow;
  const nowRow = top.rows.at(-1)!;
  return (
    <figure className="timeline-picture" aria-label="Timeline of events and deadlines" ref={figure}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`Events and ${deadlines.length} deadlines from ${fmt(start)} to ${fmt(end)}`}>
        <line x1={margin} y1={axis} x2={width - margin} y2={axis} className="axis" />
        <g className="now-mark">
          <line x1={x(now.getTime())} y1={axis - (nowRow + 1) * eventRow + 20} x2={x(now.getTime())} y2={height - 4} />
          <text x={x(now.getTime())} y={axis - (nowRow + 1) * eventRow + 15} textAnchor={above.at(-1)!.anchor} className="small">
            now
          </text>
        </g>
        {events.map((entry, index) => {
          const y = axis - (top.rows[index]! + 1) * eventRow;
          return (
            <g key={`e${index}`} className="event-mark">
              <line x1={x(entry.at)} y1={y + 32} x2={x(entry.at)} y2={axis} />
              <circle cx={x(entry.at)} cy={axis} r="6" />
              <text x={x(entry.at)} y={y + 13} textAnchor={above[index]!.anchor}>
                {entry.label}
              </text>
              <text x={x(entry.at)} y={y + 29} textAnchor={above[index]!.anchor} className="small">
                {fmt(entry.at)}
              </text>
            </g>
          );
        })}
        {filings.map((entry, index) => (
          <rect key={`f${index}`} x={x(entry.at) - 4} y={axis - 4} width="8" height="8" className="filing-mark" />
        ))}
        {deadlines.map((entry, index) => {
          const y = axis + 20 + bottom.rows[index]! * deadlineRow;
          return (
            <g key={`d${index}`} className={`deadline-mark deadline-${entry.state}`}>
              <line x1={x(entry.at)} y1={axis} x2={x(entry.at)} y2={y - 10} />
              <polygon points={`${x(entry.at) - 5},${axis - 7} ${x(entry.at) + 5},${axis - 7} ${x(entry.at)},${axis + 3}`} />
              <text x={x(entry.at)} y={y} textAnchor={below[index]!.anchor} className="small">
                {entry.label} · {fmt(entry.at)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">● events · ▼ deadlines (red overdue or late, amber due soon, green met) · ■ filings · times in {incident.zone}</figcaption>
    </figure>
  );
}

/** An element's content width, followed as it changes (ResizeObserver); `initial` until it is measured. */
function useWidth(initial: number): [(element: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(initial);
  const [element, setElement] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry!.contentRect.width);
      if (measured > 0) setWidth((previous) => (Math.abs(previous - measured) >= 1 ? measured : previous));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, width];
}
