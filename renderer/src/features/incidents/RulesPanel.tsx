import { useState } from 'react';
import type { DeadlineRuleEntry } from '../../../../core/contract';
import { describePeriod } from '../../../../core/incidents/deadlines';
import { anchorLabels, type Period } from '../../../../core/incidents/rules';
import { workbench } from '../../bridge';
import { Badge, InlineError, readableMessage } from '../../components/common';
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

function OverrideForm({ entry, onDone }: { entry: DeadlineRuleEntry; onDone(): void }) {
  const current = entry.rule.versions[entry.rule.versions.length - 1]!.period;
  const [unit, setUnit] = useState<Period['unit']>(current.unit === 'days-after-year-end' ? 'calendar-days' : current.unit);
  const [amount, setAmount] = useState('amount' in current ? String(current.amount) : '');
  const [standard, setStandard] = useState(current.unit === 'none' ? current.standard : '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const period =
    unit === 'none' ? { unit, standard } : unit === 'business-days' ? { unit, amount: Number(amount), calendar: 'business-days' === current.unit ? current.calendar : ('us-federal' as const) } : { unit, amount: Number(amount) };
  return (
    <form
      className="link-form"
      aria-label={`Override ${entry.rule.id}`}
      onSubmit={(event) => {
        event.preventDefault();
        void workbench.overrideRule({ ruleId: entry.rule.id, period: period as never, reason }).then((result) => {
          if (!result.ok) return setError(readableMessage(result.error));
          onDone();
        });
      }}
    >
      <select aria-label="Unit" value={unit} onChange={(event) => setUnit(event.target.value as Period['unit'])}>
        <option value="hours">hours</option>
        <option value="calendar-days">calendar days</option>
        <option value="business-days">business days</option>
        <option value="months">months</option>
        <option value="none">no fixed deadline</option>
      </select>
      {unit === 'none' ? (
        <input aria-label="Standard" value={standard} onChange={(event) => setStandard(event.target.value)} placeholder="without undue delay" />
      ) : (
        <input aria-label="Amount" inputMode="numeric" value={amount} onChange={(event) => setAmount(event.target.value)} />
      )}
      <input aria-label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} placeholder="Why (recorded with your name)" />
      <button type="submit" className="primary">
        Save
      </button>
      {entry.override ? (
        <button
          type="button"
          onClick={() =>
            void workbench.clearRuleOverride({ ruleId: entry.rule.id, reason: reason || 'Back to the built-in rule' }).then((result) => {
              if (!result.ok) return setError(readableMessage(result.error));
              onDone();
            })
          }
        >
          Back to built-in
        </button>
      ) : null}
      <InlineError message={error} />
    </form>
  );
}
