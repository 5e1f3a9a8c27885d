import { useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { contract, type DeadlineRuleEntry, type periodInputSchema } from '../../../../core/contract';
import { describePeriod } from '../../../../core/incidents/deadlines';
import { anchorLabels, type Period } from '../../../../core/incidents/rules';
import { Badge } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useMappedContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';

const anchorText = (rule: DeadlineRuleEntry['rule']) => ('event' in rule.anchor ? anchorLabels[rule.anchor.event] : `filing of ${rule.anchor.filingOf}`);

/** Every deadline rule with its citation, source and check date; a workspace may override one. */
export function RulesPanel({ onClose }: { onClose(): void }) {
  const rules = useOperation('listDeadlineRules', {});
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="rules-panel card" aria-label="Deadline rules" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <header className="record-header">
        <h2>Deadline rules</h2>
        <button onClick={onClose}>Close</button>
      </header>
      <p className="muted">
        Each incident copies the rules that apply when it is logged, so changing a rule here never rewrites an incident already logged. Rules marked “Verify” come from
        secondary sources.
      </p>
      {rules.state === 'ready' ? (
        <table className="table rules-table">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Deadline</th>
              <th scope="col">Starts at</th>
              <th scope="col">Source</th>
              <th scope="col" aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {rules.value.map((entry) => {
              const today = new Date().toISOString().slice(0, 10);
              const version = entry.rule.versions[entry.rule.versions.length - 1]!;
              return (
                <tr key={entry.rule.id} aria-label={entry.rule.id}>
                  <td>
                    <div className="row-title">
                      {entry.rule.regime}: {entry.rule.recipient}
                    </div>
                    <div className="row-meta">
                      {entry.rule.citation} · <code>{entry.rule.id}</code>
                    </div>
                  </td>
                  <td>
                    {describePeriod(version.period)}
                    {entry.rule.versions.some((candidate) => candidate.verify) ? <Badge tone="warning">Verify</Badge> : null}
                    {entry.builtIn.versions[0]?.effectiveFrom && entry.builtIn.versions[0].effectiveFrom > today ? <Badge tone="accent">Not yet in force</Badge> : null}
                    <ul className="rule-versions" aria-label={`Versions of ${entry.rule.id}`}>
                      {entry.builtIn.versions.map((candidate) => (
                        <li key={candidate.effectiveFrom ?? 'always'} className={candidate.effectiveFrom && candidate.effectiveFrom > today ? 'future' : undefined}>
                          {candidate.effectiveTo ? `${candidate.effectiveFrom} to ${candidate.effectiveTo}` : `from ${candidate.effectiveFrom}`}
                          {candidate.verifyDates ? ' (dates to verify)' : ''}: {describePeriod(candidate.period)}
                        </li>
                      ))}
                    </ul>
                    {entry.override ? (
                      <div className="row-meta">
                        <Badge tone="accent">Overridden</Badge> by {entry.override.setBy}: {entry.override.reason} (built in: {describePeriod(entry.builtIn.versions[entry.builtIn.versions.length - 1]!.period)})
                      </div>
                    ) : null}
                    {editing === entry.rule.id ? <OverrideForm entry={entry} onDone={() => setEditing(null)} /> : null}
                  </td>
                  <td>{anchorText(entry.rule)}</td>
                  <td className="row-meta">
                    {entry.rule.source}
                    <div>checked {entry.rule.lastVerified}</div>
                  </td>
                  <td>
                    <button onClick={() => setEditing(editing === entry.rule.id ? null : entry.rule.id)} aria-label={`Override ${entry.rule.id}`}>
                      Override…
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

type PeriodUnit = z.input<typeof periodInputSchema>['unit'];

/** What the override form holds: the period's unit, its amount as typed (or the standard, for no fixed deadline) and the reason. */
type OverrideFields = { unit: PeriodUnit; amount: string; standard: string; reason: string };

const unitLabels: Record<PeriodUnit, string> = { hours: 'hours', 'calendar-days': 'calendar days', 'business-days': 'business days', months: 'months', none: 'no fixed deadline' };

/**
 * The override the fields make: the unit decides the period's shape (an amount, with the rule's
 * holiday calendar for business days, or a standard); an amount that is not a number is refused
 * here, the schema says the rest.
 */
function overrideInputOf(ruleId: string, current: Period, values: OverrideFields, refuse: (path: string, message: string) => void) {
  const typed = values.amount.trim();
  if (values.unit !== 'none' && !/^[-+]?\d+(\.\d+)?$/.test(typed)) refuse('period.amount', typed ? 'must be a whole number' : `give the number of ${unitLabels[values.unit]}`);
  const amount = Number(typed);
  const period =
    values.unit === 'none'
      ? { unit: values.unit, standard: values.standard }
      : values.unit === 'business-days'
        ? { unit: values.unit, amount, calendar: current.unit === 'business-days' ? current.calendar : 'us-federal' }
        : { unit: values.unit, amount };
  return { ruleId, period, reason: values.reason };
}

/** The form field of a problem of the override: the period's amount or standard, the rest of the period on its unit. */
const overrideFieldOf = (path: string) =>
  path === 'period.amount' ? 'amount' : path === 'period.standard' ? 'standard' : path.startsWith('period') ? 'unit' : path;

const overrideFields = ['unit', 'amount', 'standard', 'reason'] satisfies Array<keyof OverrideFields>;

/** Gives a rule the workspace's own period, with a reason; each problem beside its field. */
function OverrideForm({ entry, onDone }: { entry: DeadlineRuleEntry; onDone(): void }) {
  const current = entry.rule.versions[entry.rule.versions.length - 1]!.period;
  const form = useMappedContractForm(
    contract.overrideRule.input,
    {
      unit: current.unit === 'days-after-year-end' ? 'calendar-days' : current.unit,
      amount: 'amount' in current ? String(current.amount) : '',
      standard: current.unit === 'none' ? current.standard : '',
      reason: '',
    },
    (values: OverrideFields, refuse) => overrideInputOf(entry.rule.id, current, values, refuse),
    overrideFieldOf,
  );
  const override = useWrite('overrideRule');
  const clear = useWrite('clearRuleOverride');
  const [left, setLeft] = useState<string[]>([]);
  const unit = useWatch({ control: form.control, name: 'unit' });
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await override.run(input);
    if (result.ok) return onDone();
    setLeft(applyFailure(form, result.error, overrideFields, overrideFieldOf));
  });
  const backToBuiltIn = async () => {
    setLeft([]);
    form.clearErrors();
    const result = await clear.run({ ruleId: entry.rule.id, reason: form.getValues('reason').trim() || 'Back to the built-in rule' });
    if (result.ok) return onDone();
    setLeft(applyFailure(form, result.error, ['reason']));
  };
  return (
    <FormProvider {...form}>
      <form className="link-form" aria-label={`Override ${entry.rule.id}`} onSubmit={(event) => void submit(event)} noValidate>
        <select aria-label="Unit" {...form.register('unit')} {...describedBy(form, 'unit')}>
          {Object.entries(unitLabels).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        {unit === 'none' ? (
          <input aria-label="Standard" placeholder="without undue delay" {...form.register('standard')} {...describedBy(form, 'standard')} />
        ) : (
          <input aria-label="Amount" inputMode="numeric" {...form.register('amount')} {...describedBy(form, 'amount')} />
        )}
        <input aria-label="Reason" placeholder="Why (recorded with your name)" {...form.register('reason')} {...describedBy(form, 'reason')} />
        <button type="submit" className="primary" disabled={override.pending || clear.pending}>
          Save
        </button>
        {entry.override ? (
          <button type="button" disabled={override.pending || clear.pending} onClick={() => void backToBuiltIn()}>
            Back to built-in
          </button>
        ) : null}
        <FieldProblemText name="unit" />
        <FieldProblemText name={unit === 'none' ? 'standard' : 'amount'} />
        <FieldProblemText name="reason" />
        <FormProblems also={left} />
      </form>
    </FormProvider>
  );
}
