import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { contract, type ActivityListItem } from '../../../../core/contract';
import { activityInputSchema, bulkEditableFields, type BulkEditableField } from '../../../../core/register/model';
import { activityStatuses, dpiaProgressSteps, dpiaRequiredAnswers, processorRoles, type ProcessorRole } from '../../../../core/register/vocabularies';
import { FormButtons, humanize } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useMappedContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';
import { useVocabulary } from '../../useVocabulary';

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
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<'field' | 'vendor'>('field');
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 30, overscan: 10 });
  const chosen = items.filter((item) => !excluded.has(item.id)).map((item) => item.id);

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
      {action === 'field' ? <SetFieldForm ids={chosen} onClose={onClose} /> : <LinkVendorForm ids={chosen} onClose={onClose} />}
    </section>
  );
}

type SetFieldValues = { field: BulkEditableField; value: string };

/**
 * The contract's input, its value checked as the field's own schema checks it in a single edit (the
 * service checks it so too): a value wrong for its field is said beside it before anything is sent.
 */
const bulkUpdateSchema = contract.bulkUpdateActivities.input.superRefine((input, context) => {
  const checked = activityInputSchema.shape[input.field].safeParse(input.value);
  if (checked.success) return;
  for (const issue of checked.error.issues) {
    // zod's "Invalid option: expected one of …" for a choice left empty, said as the choices read.
    const message = issue.code === 'invalid_value' ? `choose one of: ${issue.values.map((option) => humanize(String(option))).join(', ')}` : issue.message;
    context.addIssue({ code: 'custom', path: ['value', ...issue.path], message });
  }
});

/** One field set to one value on every record chosen; an empty value clears it (a status cannot be empty). */
function SetFieldForm({ ids, onClose }: { ids: string[]; onClose(): void }) {
  const vocabulary = useVocabulary();
  const rules = useOperation('listRetentionRules', {});
  const form = useMappedContractForm<SetFieldValues, typeof bulkUpdateSchema>(bulkUpdateSchema, { field: 'status', value: '' }, ({ field, value }) => ({
    ids,
    field,
    value: value.trim() === '' && field !== 'status' ? null : value,
  }));
  const update = useWrite('bulkUpdateActivities');
  const [left, setLeft] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [field, value] = useWatch({ control: form.control, name: ['field', 'value'] });
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    setOutcome(null);
    const result = await update.run(input);
    if (!result.ok) return setLeft(applyFailure(form, result.error, ['field', 'value']));
    setOutcome(`${fieldLabels[input.field]} set on ${result.value.updated} ${result.value.updated === 1 ? 'record' : 'records'}${result.value.unchanged ? ` (${result.value.unchanged} already had it)` : ''}.`);
  });

  const choices: Array<{ value: string; label: string }> | null =
    field === 'status'
      ? activityStatuses.map((entry) => ({ value: entry, label: humanize(entry) }))
      : field === 'lawfulBasis'
        ? vocabulary['lawful-basis'].map((term) => ({ value: term.code, label: term.label }))
        : field === 'dpiaRequired'
          ? dpiaRequiredAnswers.map((entry) => ({ value: entry, label: humanize(entry) }))
          : field === 'dpiaProgress'
            ? dpiaProgressSteps.map((entry) => ({ value: entry, label: humanize(entry) }))
            : field === 'retentionRuleId'
              ? rules.state === 'ready'
                ? rules.value.filter((rule) => rule.retiredAt === null).map((rule) => ({ value: rule.id, label: rule.name }))
                : []
              : null;

  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="bulk-fields">
          <label>
            Field to set
            <select
              {...form.register('field', {
                // Another field starts afresh: an empty value, and no problem said until it is applied.
                onChange: () => form.reset({ ...form.getValues(), value: '' }, { keepDefaultValues: true }),
              })}
              {...describedBy(form, 'field')}
            >
              {bulkEditableFields.map((entry) => (
                <option key={entry} value={entry}>
                  {fieldLabels[entry]}
                </option>
              ))}
            </select>
            <FieldProblemText name="field" />
          </label>
          <label>
            New value
            {choices ? (
              <select {...form.register('value')} {...describedBy(form, 'value')}>
                {field === 'status' ? null : <option value="">None (clear it)</option>}
                {field === 'status' && !value ? <option value="">Choose a status</option> : null}
                {choices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            ) : (
              <input {...form.register('value')} {...describedBy(form, 'value')} placeholder="Empty clears the field" />
            )}
            <FieldProblemText name="value" />
          </label>
        </div>
        <FormProblems also={left} />
        {outcome ? <p role="status">{outcome}</p> : null}
        <FormButtons submit={`Apply to ${plural(ids.length)}`} busy={update.pending || !ids.length} onCancel={onClose} cancel="Close" cancelWhileBusy />
      </form>
    </FormProvider>
  );
}

type LinkVendorValues = { processorId: string; purpose: string; role: ProcessorRole };
const vendorFields = ['processorId', 'purpose', 'role'] as const;

/** One vendor linked to every record chosen, for one purpose and in one role. */
function LinkVendorForm({ ids, onClose }: { ids: string[]; onClose(): void }) {
  const processors = useOperation('listProcessors', {});
  const form = useMappedContractForm<LinkVendorValues, typeof contract.linkVendorToActivities.input>(
    contract.linkVendorToActivities.input,
    { processorId: '', purpose: '', role: 'processor' },
    (fields) => ({ ...fields, activityIds: ids }),
  );
  const link = useWrite('linkVendorToActivities');
  const [left, setLeft] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<string | null>(null);
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    setOutcome(null);
    const result = await link.run(input);
    if (!result.ok) return setLeft(applyFailure(form, result.error, vendorFields));
    setOutcome(`Vendor linked to ${plural(result.value.linked)}${result.value.alreadyLinked ? ` (${result.value.alreadyLinked} already linked)` : ''}.`);
  });
  const field = (name: (typeof vendorFields)[number]) => ({ ...form.register(name), ...describedBy(form, name) });
  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="bulk-fields">
          <label>
            Vendor
            <select {...field('processorId')}>
              <option value="">Choose a vendor</option>
              {processors.state === 'ready'
                ? processors.value.map((processor) => (
                    <option key={processor.id} value={processor.id}>
                      {processor.name}
                    </option>
                  ))
                : null}
            </select>
            <FieldProblemText name="processorId" />
          </label>
          <label>
            What it does for these activities
            <input {...field('purpose')} placeholder="e.g. hosting" />
            <FieldProblemText name="purpose" />
          </label>
          <label>
            Role
            <select {...field('role')}>
              {processorRoles.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.label}
                </option>
              ))}
            </select>
            <FieldProblemText name="role" />
          </label>
        </div>
        <FormProblems also={left} />
        {outcome ? <p role="status">{outcome}</p> : null}
        <FormButtons submit={`Apply to ${plural(ids.length)}`} busy={link.pending || !ids.length} onCancel={onClose} cancel="Close" cancelWhileBusy />
      </form>
    </FormProvider>
  );
}

const plural = (count: number) => `${count} ${count === 1 ? 'record' : 'records'}`;
