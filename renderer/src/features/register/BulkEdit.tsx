import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { ActivityListItem } from '../../../../core/contract';
import { bulkEditableFields, type BulkEditableField } from '../../../../core/register/model';
import { activityStatuses, dpiaProgressSteps, dpiaRequiredAnswers, processorRoles, type ProcessorRole } from '../../../../core/register/vocabularies';
import { humanize, readableMessage } from '../../components/common';
import { workbench } from '../../bridge';
import { useOperation } from '../../useOperation';
import { useVocabulary } from '../../useVocabulary';
import type { WorkbenchFailure } from '../../../../core/contract';

const fieldLabels: Record<BulkEditableField, string> = {
  status: 'Status',
  businessFunction: 'Business function',
  lawfulBasis: 'Lawful basis (Art. 6)',
  retentionRuleId: 'Retention rule',
  retention: 'Time limits for erasure (text)',
  securityMeasures: 'Security measures',
  dataLocation: 'Location of personal data',
  dpiaRequired: 'DPIA required?',
  dpiaProgress: 'DPIA progress',
};

/**
 * One change made to many records: a field set to one value, or a vendor linked to each. Applies to
 * the records the list shows (its search and filters), less those unticked; the service writes one
 * change-log entry per record changed.
 */
export function BulkEdit({ items, onClose }: { items: readonly ActivityListItem[]; onClose(): void }) {
  const vocabulary = useVocabulary();
  const processors = useOperation('listProcessors', {});
  const rules = useOperation('listRetentionRules', {});
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<'field' | 'vendor'>('field');
  const [field, setField] = useState<BulkEditableField>('status');
  const [text, setText] = useState('');
  const [processorId, setProcessorId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [role, setRole] = useState<ProcessorRole>('processor');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<WorkbenchFailure | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 30, overscan: 10 });
  const chosen = items.filter((item) => !excluded.has(item.id)).map((item) => item.id);

  const choices: Array<{ value: string; label: string }> | null =
    field === 'status'
      ? activityStatuses.map((value) => ({ value, label: humanize(value) }))
      : field === 'lawfulBasis'
        ? vocabulary['lawful-basis'].map((term) => ({ value: term.code, label: term.label }))
        : field === 'dpiaRequired'
          ? dpiaRequiredAnswers.map((value) => ({ value, label: humanize(value) }))
          : field === 'dpiaProgress'
            ? dpiaProgressSteps.map((value) => ({ value, label: humanize(value) }))
            : field === 'retentionRuleId'
              ? rules.state === 'ready'
                ? rules.value.filter((rule) => rule.retiredAt === null).map((rule) => ({ value: rule.id, label: rule.name }))
                : []
              : null;

  const apply = async () => {
    setError(null);
    setOutcome(null);
    if (action === 'field') {
      // An empty value clears the field (status cannot be empty).
      const value = text === '' && field !== 'status' ? null : text;
      const result = await workbench.bulkUpdateActivities({ ids: chosen, field, value });
      if (!result.ok) return setError(result.error);
      setOutcome(`${fieldLabels[field]} set on ${result.value.updated} ${result.value.updated === 1 ? 'record' : 'records'}${result.value.unchanged ? ` (${result.value.unchanged} already had it)` : ''}.`);
    } else {
      const result = await workbench.linkVendorToActivities({ processorId, activityIds: chosen, purpose, role });
      if (!result.ok) return setError(result.error);
      setOutcome(`Vendor linked to ${result.value.linked} ${result.value.linked === 1 ? 'record' : 'records'}${result.value.alreadyLinked ? ` (${result.value.alreadyLinked} already linked)` : ''}.`);
    }
  };

  return (
    <section className="bulk-edit" role="dialog" aria-label="Change many records">
      <h3>
        Change {chosen.length} of the {items.length} records shown
      </h3>
      <div ref={scrollRef} className="bulk-list" aria-label="Records to change" role="group">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index]!;
            return (
              <label key={item.id} className="checkbox" style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}>
                <input
                  type="checkbox"
                  checked={!excluded.has(item.id)}
                  onChange={(event) => {
                    const next = new Set(excluded);
                    if (event.target.checked) next.delete(item.id);
                    else next.add(item.id);
                    setExcluded(next);
                  }}
                />
                {item.name} <span className="muted">· {item.organisationName}</span>
              </label>
            );
          })}
        </div>
      </div>
      <fieldset className="bulk-action">
        <legend>Change</legend>
        <label className="checkbox">
          <input type="radio" name="bulk-action" checked={action === 'field'} onChange={() => setAction('field')} /> Set a field
        </label>
        <label className="checkbox">
          <input type="radio" name="bulk-action" checked={action === 'vendor'} onChange={() => setAction('vendor')} /> Link a vendor
        </label>
      </fieldset>
      {action === 'field' ? (
        <div className="bulk-fields">
          <label>
            Field to set
            <select
              value={field}
              onChange={(event) => {
                setField(event.target.value as BulkEditableField);
                setText('');
              }}
            >
              {bulkEditableFields.map((entry) => (
                <option key={entry} value={entry}>
                  {fieldLabels[entry]}
                </option>
              ))}
            </select>
          </label>
          <label>
            New value
            {choices ? (
              <select value={text} onChange={(event) => setText(event.target.value)}>
                {field === 'status' ? null : <option value="">None (clear it)</option>}
                {field === 'status' && !text ? <option value="">Choose a status</option> : null}
                {choices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            ) : (
              <input value={text} onChange={(event) => setText(event.target.value)} placeholder="Empty clears the field" />
            )}
          </label>
        </div>
      ) : (
        <div className="bulk-fields">
          <label>
            Vendor
            <select value={processorId} onChange={(event) => setProcessorId(event.target.value)}>
              <option value="">Choose a vendor</option>
              {processors.state === 'ready'
                ? processors.value.map((processor) => (
                    <option key={processor.id} value={processor.id}>
                      {processor.name}
                    </option>
                  ))
                : null}
            </select>
          </label>
          <label>
            What it does for these activities
            <input value={purpose} onChange={(event) => setPurpose(event.target.value)} placeholder="e.g. hosting" />
          </label>
          <label>
            Role
            <select value={role} onChange={(event) => setRole(event.target.value as ProcessorRole)}>
              {processorRoles.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {error ? (
        <div className="failure" role="alert">
          Nothing changed. {readableMessage(error)}
        </div>
      ) : null}
      {outcome ? <p role="status">{outcome}</p> : null}
      <div className="form-actions">
        <button onClick={onClose}>Close</button>
        <button className="primary" disabled={!chosen.length || (action === 'vendor' && (!processorId || !purpose.trim())) || (action === 'field' && field === 'status' && !text)} onClick={() => void apply()}>
          Apply to {chosen.length} {chosen.length === 1 ? 'record' : 'records'}
        </button>
      </div>
    </section>
  );
}
