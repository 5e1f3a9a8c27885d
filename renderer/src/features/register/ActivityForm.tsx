import { useRef, useState } from 'react';
import { Controller, FormProvider, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { columnHeaderOf } from '../../../../core/register/registerColumns';
import type { ActivityDetail } from '../../../../core/contract';
import { activityInputSchema, type Activity, type Organisation } from '../../../../core/register/model';
import { activityStatuses, dataSubjectRights, dpiaProgressSteps, dpiaRequiredAnswers } from '../../../../core/register/vocabularies';
import { Checkboxes, humanize } from '../../components/common';
import { TransfersEditor } from '../../components/TransfersEditor';
import { applyFailure, describedBy, fieldWithRows, FieldProblemText, firstRowWithProblem, focusFirstProblem, FormProblems, SelectField, lines, onLineOf, textOrNull, useMappedContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';
import { specialCodes, useVocabulary, withCitation } from '../../useVocabulary';

const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);
/** "Tax office (external)" per line, as the detail view shows them; without a kind, external. */
const recipientLines = (text: string): Activity['recipients'] =>
  lines(text).map((line) => {
    const match = /^(.*?)\s*\((internal|external|processor)\)$/i.exec(line);
    return match ? { name: match[1]!, kind: match[2]!.toLowerCase() as Activity['recipients'][number]['kind'] } : { name: line, kind: 'external' };
  });

/** A short list of vocabulary terms that appends the chosen one to a free-text field. */
function AddFromList(props: { label: string; terms: string[]; onAdd(term: string): void }) {
  return (
    <select className="add-from-list" aria-label={props.label} value="" onChange={(event) => event.target.value && props.onAdd(event.target.value)}>
      <option value="">{props.label}…</option>
      {props.terms.map((term) => (
        <option key={term} value={term}>
          {term}
        </option>
      ))}
    </select>
  );
}

type Answer = '' | 'yes' | 'no';
const answerOf = (value: boolean | null): Answer => (value === null ? '' : value ? 'yes' : 'no');
const booleanOf = (answer: Answer): boolean | null => (answer === '' ? null : answer === 'yes');

function YesNo({ label, ...select }: { label: string } & UseFormRegisterReturn) {
  return (
    <label>
      {label}
      <select {...select}>
        <option value="">Not answered</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </label>
  );
}

/** The ICO template's free-text and link columns: text fields, empty when not answered. */
const icoTextFields = [
  'jointController',
  'legitimateInterests',
  'liaLink',
  'automatedDecisionMaking',
  'consentRecordLink',
  'dataLocation',
  'dpiaLink',
  'breachLink',
  'retentionPolicyLink',
  'retentionDeviation',
] as const;

/**
 * What the activity form holds: the contract's input, field for field, with lists typed as text
 * (purposes and recipients a line each, data subjects comma-separated), choices not yet made as
 * empty text and yes/no questions as answers.
 */
type ActivityFields = {
  organisationId: string;
  name: string;
  businessFunction: string;
  purposes: string;
  lawfulBasis: string;
  dataSubjectCategories: string;
  dataCategories: string[];
  art9Condition: string;
  art10Basis: string;
  recipients: string;
  transfers: Activity['transfers'];
  retention: string;
  securityMeasures: string;
  status: Activity['status'];
  retentionRuleId: string;
  rightsAvailable: string[];
  flaggedText: Activity['flaggedText'];
  dpiaRequired: string;
  dpiaProgress: string;
  breachOccurred: Answer;
  retainedPerPolicy: Answer;
} & Record<(typeof icoTextFields)[number], string>;

function fieldsOf(activity: ActivityDetail | undefined, organisations: Organisation[]): ActivityFields {
  return {
    organisationId: activity?.organisationId ?? organisations[0]?.id ?? '',
    name: activity?.name ?? '',
    businessFunction: activity?.businessFunction ?? '',
    purposes: activity?.purposes.join('\n') ?? '',
    lawfulBasis: activity?.lawfulBasis ?? '',
    dataSubjectCategories: activity?.dataSubjectCategories.join(', ') ?? '',
    dataCategories: activity?.dataCategories ?? [],
    art9Condition: activity?.art9Condition ?? '',
    art10Basis: activity?.art10Basis ?? '',
    recipients: activity?.recipients.map((recipient) => `${recipient.name} (${recipient.kind})`).join('\n') ?? '',
    transfers: activity?.transfers ?? [],
    retention: activity?.retention ?? '',
    securityMeasures: activity?.securityMeasures ?? '',
    status: activity?.status ?? 'active',
    retentionRuleId: activity?.retentionRuleId ?? '',
    rightsAvailable: activity?.rightsAvailable ?? [],
    flaggedText: activity?.flaggedText ?? [],
    dpiaRequired: activity?.dpiaRequired ?? '',
    dpiaProgress: activity?.dpiaProgress ?? '',
    breachOccurred: answerOf(activity?.breachOccurred ?? null),
    retainedPerPolicy: answerOf(activity?.retainedPerPolicy ?? null),
    ...(Object.fromEntries(icoTextFields.map((key) => [key, activity?.[key] ?? ''])) as Record<(typeof icoTextFields)[number], string>),
  };
}

/**
 * The write the fields make. A field the form hides is not sent (the Art. 9 condition without
 * special-category data, the interests pursued without that basis, the deviation while the policy
 * is followed); the source, which the form does not show, is kept as it is.
 */
function inputOf(values: ActivityFields, special: ReturnType<typeof specialCodes>, source: string | null) {
  const hasArt9 = values.dataCategories.some((code) => special.art9.has(code));
  const hasArt10 = values.dataCategories.some((code) => special.art10.has(code));
  const interests = values.lawfulBasis === 'legitimate-interests';
  return {
    organisationId: values.organisationId,
    name: values.name,
    businessFunction: textOrNull(values.businessFunction),
    purposes: lines(values.purposes),
    lawfulBasis: values.lawfulBasis || null,
    art9Condition: hasArt9 ? values.art9Condition || null : null,
    art10Basis: hasArt10 ? values.art10Basis || null : null,
    dataSubjectCategories: list(values.dataSubjectCategories),
    dataCategories: values.dataCategories,
    recipients: recipientLines(values.recipients),
    transfers: values.transfers,
    retention: textOrNull(values.retention),
    securityMeasures: textOrNull(values.securityMeasures),
    status: values.status,
    source,
    jointController: textOrNull(values.jointController),
    legitimateInterests: interests ? textOrNull(values.legitimateInterests) : null,
    liaLink: interests ? textOrNull(values.liaLink) : null,
    rightsAvailable: values.rightsAvailable,
    automatedDecisionMaking: textOrNull(values.automatedDecisionMaking),
    consentRecordLink: textOrNull(values.consentRecordLink),
    dataLocation: textOrNull(values.dataLocation),
    dpiaRequired: values.dpiaRequired || null,
    dpiaProgress: values.dpiaProgress || null,
    dpiaLink: textOrNull(values.dpiaLink),
    breachOccurred: booleanOf(values.breachOccurred),
    breachLink: textOrNull(values.breachLink),
    retentionPolicyLink: textOrNull(values.retentionPolicyLink),
    retainedPerPolicy: booleanOf(values.retainedPerPolicy),
    retentionDeviation: values.retainedPerPolicy === 'no' ? textOrNull(values.retentionDeviation) : null,
    retentionRuleId: values.retentionRuleId || null,
    flaggedText: values.flaggedText,
  };
}

/** A transfer's problem keeps its row and field; the rest go to their field by its first name. */
const activityFieldOf = fieldWithRows('transfers');
/** Which line of a list typed as text a problem is on ("must not be empty (line 2)"). */
const activityMessageOf = onLineOf({ purposes: 'line', recipients: 'line', dataSubjectCategories: 'entry' });

/**
 * Creates a processing activity, or edits one when `editing` is given, checked with the contract's
 * schema before anything is sent: every problem is listed and shown beside its field, and the
 * keyboard goes to the first.
 */
export function ActivityForm(props: {
  organisations: Organisation[];
  editing?: ActivityDetail;
  onSaved(activity: ActivityDetail): void;
  onCancel(): void;
}) {
  const initial = props.editing;
  const rules = useOperation('listRetentionRules', {});
  const vocabulary = useVocabulary();
  const special = specialCodes(vocabulary);
  const source = initial?.source ?? null;
  const form = useMappedContractForm(activityInputSchema.strict(), fieldsOf(initial, props.organisations), (values: ActivityFields) => inputOf(values, special, source), activityFieldOf, activityMessageOf);
  const create = useWrite('createActivity');
  const update = useWrite('updateActivity');
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const values = useWatch({ control: form.control }) as ActivityFields;
  const hasArt9 = values.dataCategories.some((code) => special.art9.has(code));
  const hasArt10 = values.dataCategories.some((code) => special.art10.has(code));
  const formRef = useRef<HTMLFormElement>(null);
  const submit = form.handleSubmit(
    async (input) => {
      setOtherProblems([]);
      const result = initial ? await update.run({ id: initial.id, changes: input }) : await create.run(input);
      if (result.ok) return props.onSaved(result.value);
      setOtherProblems(applyFailure(form, result.error, Object.keys(values), activityFieldOf));
      focusFirstProblem(formRef.current);
    },
    () => focusFirstProblem(formRef.current),
  );
  const title = initial ? `Edit ${initial.name}` : 'New processing activity';
  const text = (name: keyof ActivityFields, label: string, placeholder = '') => (
    <>
      <label>
        {label}
        <input {...form.register(name)} placeholder={placeholder} {...describedBy(form, name)} />
      </label>
      <FieldProblemText name={name} below />
    </>
  );
  const add = (name: 'dataSubjectCategories' | 'recipients', separator: string, split: (text: string) => string[]) => (term: string) =>
    form.setValue(name, [...split(form.getValues(name)), term].join(separator), { shouldDirty: true });

  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        className="record-form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={initial ? 'Edit processing activity' : 'New processing activity'}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onCancel();
        }}
      >
        <h2>{title}</h2>
        <FormProblems also={otherProblems} lead="Not saved." />
        <Controller control={form.control} name="flaggedText" render={({ field }) => <FlaggedText value={field.value} onChange={field.onChange} />} />
        <SelectField name="organisationId" label="Organisation (controller)" options={props.organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))} />
        <label>
          Name
          <input autoFocus {...form.register('name')} placeholder="e.g. Customer support calls" {...describedBy(form, 'name')} />
        </label>
        <FieldProblemText name="name" below />
        {text('businessFunction', 'Business function', 'e.g. Customer support')}
        <label>
          Purposes (one per line) — Art. 30(1)(b)
          <textarea rows={3} {...form.register('purposes')} {...describedBy(form, 'purposes')} />
        </label>
        <FieldProblemText name="purposes" below />
        <label>
          Lawful basis (Art. 6)
          <select {...form.register('lawfulBasis')} {...describedBy(form, 'lawfulBasis')}>
            <option value="">Not decided yet</option>
            {vocabulary['lawful-basis'].map((basis) => (
              <option key={basis.code} value={basis.code}>
                {withCitation(basis)}
              </option>
            ))}
          </select>
        </label>
        <FieldProblemText name="lawfulBasis" below />
        {values.lawfulBasis === 'legitimate-interests' ? (
          <>
            {text('legitimateInterests', 'Legitimate interests pursued', 'e.g. preventing fraud against our customers')}
            {text('liaLink', 'Legitimate interests assessment (link or reference)', 'e.g. LIA-2024-03')}
          </>
        ) : null}
        <label>
          Data subjects (comma-separated) — Art. 30(1)(c)
          <input {...form.register('dataSubjectCategories')} placeholder="e.g. customers, employees" {...describedBy(form, 'dataSubjectCategories')} />
        </label>
        <AddFromList label="Add a data-subject category" terms={vocabulary['data-subject-category'].map((term) => term.label)} onAdd={add('dataSubjectCategories', ', ', list)} />
        <FieldProblemText name="dataSubjectCategories" below />
        <fieldset>
          <legend>Categories of personal data — Art. 30(1)(c)</legend>
          <Controller
            control={form.control}
            name="dataCategories"
            render={({ field }) => (
              <Checkboxes options={vocabulary['data-category'].map((category) => ({ value: category.code, label: category.label }))} chosen={field.value} onChange={field.onChange} />
            )}
          />
          <FieldProblemText name="dataCategories" below />
        </fieldset>
        <label>
          Recipients (one per line, e.g. “Payroll bureau (processor)”; kinds: internal, external, processor) — Art. 30(1)(d)
          <textarea rows={2} {...form.register('recipients')} {...describedBy(form, 'recipients')} />
        </label>
        <AddFromList
          label="Add a recipient category"
          terms={vocabulary['recipient-category'].map((term) => `${term.label} (${term.recipientKind ?? 'external'})`)}
          onAdd={add('recipients', '\n', lines)}
        />
        <FieldProblemText name="recipients" below />
        <Controller
          control={form.control}
          name="transfers"
          render={({ field }) => <TransfersEditor value={field.value} onChange={field.onChange} invalidIndex={firstRowWithProblem(form.formState.errors.transfers)} problemId={describedBy(form, 'transfers')['aria-describedby']} />}
        />
        <FieldProblemText name="transfers" below />
        {hasArt9 ? (
          <>
            <label>
              Condition for special-category data (Art. 9(2))
              <select {...form.register('art9Condition')} {...describedBy(form, 'art9Condition')}>
                <option value="">Not decided yet</option>
                {vocabulary['art9-condition'].map((condition) => (
                  <option key={condition.code} value={condition.code}>
                    {withCitation(condition)}
                  </option>
                ))}
              </select>
            </label>
            <FieldProblemText name="art9Condition" below />
          </>
        ) : null}
        {hasArt10 ? (
          <>
            <label>
              Basis for criminal-offence data (Art. 10)
              <select {...form.register('art10Basis')} {...describedBy(form, 'art10Basis')}>
                <option value="">Not decided yet</option>
                {vocabulary['art10-basis'].map((basis) => (
                  <option key={basis.code} value={basis.code}>
                    {basis.label}
                  </option>
                ))}
              </select>
            </label>
            <FieldProblemText name="art10Basis" below />
          </>
        ) : null}
        {text('retention', 'Time limit for erasure — Art. 30(1)(f)', 'e.g. 3 years after the end of the contract')}
        <label>
          Retention rule
          <select {...form.register('retentionRuleId')} {...describedBy(form, 'retentionRuleId')}>
            <option value="">None chosen</option>
            {rules.state === 'ready'
              ? rules.value
                  // A retired rule is offered only to the activity that already names it, marked so.
                  .filter((rule) => rule.retiredAt === null || rule.id === initial?.retentionRuleId)
                  .map((rule) => (
                    <option key={rule.id} value={rule.id}>
                      {rule.retiredAt ? `${rule.name} (retired ${rule.retiredAt.slice(0, 10)})` : rule.name}
                    </option>
                  ))
              : null}
          </select>
        </label>
        <FieldProblemText name="retentionRuleId" below />
        <label>
          Security measures — Art. 30(1)(g)
          <textarea rows={2} {...form.register('securityMeasures')} {...describedBy(form, 'securityMeasures')} />
        </label>
        <FieldProblemText name="securityMeasures" below />
        <details className="form-group" open={Boolean(initial && (initial.jointController || initial.dpiaRequired || initial.rightsAvailable.length))}>
          <summary>ICO template columns: joint controller, rights, automated decisions, DPIA, breach, retention policy</summary>
          {text('jointController', 'Joint controller (name and contact)', 'If another organisation decides the purposes with you')}
          <fieldset>
            <legend>Rights available to individuals</legend>
            <Controller
              control={form.control}
              name="rightsAvailable"
              render={({ field }) => (
                <Checkboxes options={dataSubjectRights.map((right) => ({ value: right.code, label: right.label, title: right.citation }))} chosen={field.value} onChange={field.onChange} />
              )}
            />
          </fieldset>
          {text('automatedDecisionMaking', 'Automated decision-making or profiling (describe; empty if none)', 'e.g. credit scoring decides the payment terms')}
          {text('consentRecordLink', 'Record of consent (link or reference)')}
          {text('dataLocation', 'Location of the personal data', 'e.g. CRM in the EU (Frankfurt)')}
          <div className="form-row">
            <label>
              DPIA required?
              <select {...form.register('dpiaRequired')}>
                <option value="">Not answered</option>
                {dpiaRequiredAnswers.map((answer) => (
                  <option key={answer} value={answer}>
                    {humanize(answer)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              DPIA progress
              <select {...form.register('dpiaProgress')}>
                <option value="">Not answered</option>
                {dpiaProgressSteps.map((step) => (
                  <option key={step} value={step}>
                    {humanize(step)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {text('dpiaLink', 'DPIA (link or reference)')}
          <div className="form-row">
            <YesNo label="Has a personal-data breach occurred?" {...form.register('breachOccurred')} />
            <YesNo label="Retained and erased as the policy says?" {...form.register('retainedPerPolicy')} />
          </div>
          {text('breachLink', 'Breach record (link or reference)')}
          {text('retentionPolicyLink', 'Retention and erasure policy (link or reference)')}
          {values.retainedPerPolicy === 'no' ? text('retentionDeviation', 'Why the policy is not followed') : null}
        </details>
        <label>
          Status
          <select {...form.register('status')}>
            {activityStatuses.map((value) => (
              <option key={value} value={value}>
                {value.charAt(0).toUpperCase() + value.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={create.pending || update.pending}>
            {create.pending || update.pending ? 'Saving…' : initial ? 'Save changes' : 'Create activity'}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

/** The values an import kept as written: each shown with its column until the DPO removes it. */
function FlaggedText(props: { value: Activity['flaggedText']; onChange(value: Activity['flaggedText']): void }) {
  if (!props.value.length) return null;
  return (
    <section className="flagged-text" aria-label="Imported text not mapped">
      <h3>Imported text not mapped to a term</h3>
      <p className="note">An import kept these values as they were written. Set the field below, then remove the text.</p>
      <ul>
        {props.value.map((entry, index) => (
          <li key={`${entry.column}-${index}`}>
            <span>
              {columnHeaderOf(entry.column)}: “{entry.text}”
            </span>{' '}
            <button type="button" className="link" onClick={() => props.onChange(props.value.filter((_, at) => at !== index))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
