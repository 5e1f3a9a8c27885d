import { useState, type FormEvent } from 'react';
import { columnHeaderOf } from '../../../../core/register/registerColumns';
import type { ActivityDetail, WorkbenchFailure } from '../../../../core/contract';
import { activityInputSchema, type Activity, type ActivityInput, type Organisation } from '../../../../core/register/model';
import { activityStatuses, dataSubjectRights, dpiaProgressSteps, dpiaRequiredAnswers } from '../../../../core/register/vocabularies';
import { workbench } from '../../bridge';
import { humanize, problemAt, problemsWith, readableMessage } from '../../components/common';
import { TransfersEditor } from '../../components/TransfersEditor';
import { useFocusFirstInvalid } from '../../forms';
import { useOperation } from '../../useOperation';
import { specialCodes, useVocabulary, withCitation } from '../../useVocabulary';

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);
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

function YesNo(props: { label: string; value: Answer; onChange(value: Answer): void }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value as Answer)}>
        <option value="">Not answered</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </label>
  );
}

/**
 * Creates a processing activity, or edits one when `editing` is given. Fields the form does not
 * show (the source) are kept as they are. A refused field is named next to its
 * control, and the keyboard goes there.
 */
export function ActivityForm(props: {
  organisations: Organisation[];
  editing?: ActivityDetail;
  onSaved(activity: ActivityDetail): void;
  onCancel(): void;
}) {
  const initial = props.editing;
  const [organisationId, setOrganisationId] = useState(initial?.organisationId ?? props.organisations[0]?.id ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [businessFunction, setBusinessFunction] = useState(initial?.businessFunction ?? '');
  const [purposes, setPurposes] = useState(initial?.purposes.join('\n') ?? '');
  const [lawfulBasis, setLawfulBasis] = useState<string>(initial?.lawfulBasis ?? '');
  const [subjects, setSubjects] = useState(initial?.dataSubjectCategories.join(', ') ?? '');
  const [categories, setCategories] = useState<string[]>(initial?.dataCategories ?? []);
  const [art9Condition, setArt9Condition] = useState<string>(initial?.art9Condition ?? '');
  const [art10Basis, setArt10Basis] = useState<string>(initial?.art10Basis ?? '');
  const [recipients, setRecipients] = useState(initial?.recipients.map((recipient) => `${recipient.name} (${recipient.kind})`).join('\n') ?? '');
  const [retention, setRetention] = useState(initial?.retention ?? '');
  const [securityMeasures, setSecurityMeasures] = useState(initial?.securityMeasures ?? '');
  const [status, setStatus] = useState<(typeof activityStatuses)[number]>(initial?.status ?? 'active');
  const [transfers, setTransfers] = useState<Activity['transfers']>(initial?.transfers ?? []);
  const [retentionRuleId, setRetentionRuleId] = useState(initial?.retentionRuleId ?? '');
  const [rights, setRights] = useState<string[]>(initial?.rightsAvailable ?? []);
  const [flaggedText, setFlaggedText] = useState<Activity['flaggedText']>(initial?.flaggedText ?? []);
  // The ICO template's free-text and link columns, edited as one group.
  const [ico, setIco] = useState({
    jointController: initial?.jointController ?? '',
    legitimateInterests: initial?.legitimateInterests ?? '',
    liaLink: initial?.liaLink ?? '',
    automatedDecisionMaking: initial?.automatedDecisionMaking ?? '',
    consentRecordLink: initial?.consentRecordLink ?? '',
    dataLocation: initial?.dataLocation ?? '',
    dpiaLink: initial?.dpiaLink ?? '',
    breachLink: initial?.breachLink ?? '',
    retentionPolicyLink: initial?.retentionPolicyLink ?? '',
    retentionDeviation: initial?.retentionDeviation ?? '',
  });
  const [dpiaRequired, setDpiaRequired] = useState<string>(initial?.dpiaRequired ?? '');
  const [dpiaProgress, setDpiaProgress] = useState<string>(initial?.dpiaProgress ?? '');
  const [breachOccurred, setBreachOccurred] = useState(answerOf(initial?.breachOccurred ?? null));
  const [retainedPerPolicy, setRetainedPerPolicy] = useState(answerOf(initial?.retainedPerPolicy ?? null));
  const rules = useOperation('listRetentionRules', {});
  const vocabulary = useVocabulary();
  const special = specialCodes(vocabulary);
  const hasArt9 = categories.some((code) => special.art9.has(code));
  const hasArt10 = categories.some((code) => special.art10.has(code));
  const [error, setError] = useState<WorkbenchFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useFocusFirstInvalid(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const fields: ActivityInput = {
      organisationId,
      name,
      businessFunction: businessFunction.trim() || null,
      purposes: lines(purposes),
      lawfulBasis: (lawfulBasis || null) as Activity['lawfulBasis'],
      art9Condition: hasArt9 ? ((art9Condition || null) as Activity['art9Condition']) : null,
      art10Basis: hasArt10 ? ((art10Basis || null) as Activity['art10Basis']) : null,
      dataSubjectCategories: list(subjects),
      dataCategories: categories as Activity['dataCategories'],
      recipients: recipientLines(recipients),
      transfers,
      retention: retention.trim() || null,
      securityMeasures: securityMeasures.trim() || null,
      status,
      source: initial?.source ?? null,
      jointController: ico.jointController.trim() || null,
      legitimateInterests: lawfulBasis === 'legitimate-interests' ? ico.legitimateInterests.trim() || null : null,
      liaLink: lawfulBasis === 'legitimate-interests' ? ico.liaLink.trim() || null : null,
      rightsAvailable: rights as Activity['rightsAvailable'],
      automatedDecisionMaking: ico.automatedDecisionMaking.trim() || null,
      consentRecordLink: ico.consentRecordLink.trim() || null,
      dataLocation: ico.dataLocation.trim() || null,
      dpiaRequired: (dpiaRequired || null) as Activity['dpiaRequired'],
      dpiaProgress: (dpiaProgress || null) as Activity['dpiaProgress'],
      dpiaLink: ico.dpiaLink.trim() || null,
      breachOccurred: booleanOf(breachOccurred),
      breachLink: ico.breachLink.trim() || null,
      retentionPolicyLink: ico.retentionPolicyLink.trim() || null,
      retainedPerPolicy: booleanOf(retainedPerPolicy),
      retentionDeviation: retainedPerPolicy === 'no' ? ico.retentionDeviation.trim() || null : null,
      retentionRuleId: retentionRuleId || null,
      flaggedText,
    };
    // The contract's schema says every problem before anything is sent, each shown beside its field.
    const refused = problemsWith(activityInputSchema, fields);
    if (refused) {
      setSaving(false);
      return setError(refused);
    }
    const result = initial ? await workbench.updateActivity({ id: initial.id, changes: fields }) : await workbench.createActivity(fields);
    setSaving(false);
    if (result.ok) props.onSaved(result.value);
    else setError(result.error);
  };
  const errorField = error?.field?.replace(/^changes\./, '');
  // Every problem the service named, each beside its own field (the field's name is implied there).
  const problemOf = (field: string) => problemAt(error, field);
  const isInvalid = (field: string) => problemOf(field) !== null;
  const fieldError = (field: string) => {
    const problem = problemOf(field);
    return problem ? <span className="field-error field-error-below">{problem}</span> : null;
  };
  const title = initial ? `Edit ${initial.name}` : 'New processing activity';
  const transferError = errorField?.startsWith('transfers.') ? Number(errorField.split('.')[1]) : undefined;
  const icoText = (key: keyof typeof ico, label: string, placeholder: string) => (
    <>
      <label>
        {label}
        <input value={ico[key]} placeholder={placeholder} onChange={(event) => setIco({ ...ico, [key]: event.target.value })} aria-invalid={isInvalid(key)} />
      </label>
      {fieldError(key)}
    </>
  );

  return (
    <form
      ref={formRef}
      className="record-form"
      onSubmit={submit}
      aria-label={initial ? 'Edit processing activity' : 'New processing activity'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
    >
      <h2>{title}</h2>
      {error ? (
        <div className="failure" role="alert">
          Not saved. {readableMessage(error)}
        </div>
      ) : null}
      {flaggedText.length ? (
        <section className="flagged-text" aria-label="Imported text not mapped">
          <h3>Imported text not mapped to a term</h3>
          <p className="note">An import kept these values as they were written. Set the field below, then remove the text.</p>
          <ul>
            {flaggedText.map((entry, index) => (
              <li key={`${entry.column}-${index}`}>
                <span>
                  {columnHeaderOf(entry.column)}: “{entry.text}”
                </span>{' '}
                <button type="button" className="link" onClick={() => setFlaggedText(flaggedText.filter((_, at) => at !== index))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <label>
        Organisation (controller)
        <select value={organisationId} onChange={(event) => setOrganisationId(event.target.value)} required aria-invalid={isInvalid('organisationId')}>
          {props.organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </select>
      </label>
      {fieldError('organisationId')}
      <label>
        Name
        <input autoFocus value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Customer support calls" aria-invalid={isInvalid('name')} />
      </label>
      {fieldError('name')}
      <label>
        Business function
        <input value={businessFunction} onChange={(event) => setBusinessFunction(event.target.value)} placeholder="e.g. Customer support" aria-invalid={isInvalid('businessFunction')} />
      </label>
      {fieldError('businessFunction')}
      <label>
        Purposes (one per line) — Art. 30(1)(b)
        <textarea rows={3} value={purposes} onChange={(event) => setPurposes(event.target.value)} aria-invalid={isInvalid('purposes')} />
      </label>
      {fieldError('purposes')}
      <label>
        Lawful basis (Art. 6)
        <select value={lawfulBasis} onChange={(event) => setLawfulBasis(event.target.value)}>
          <option value="">Not decided yet</option>
          {vocabulary['lawful-basis'].map((basis) => (
            <option key={basis.code} value={basis.code}>
              {withCitation(basis)}
            </option>
          ))}
        </select>
      </label>
      {lawfulBasis === 'legitimate-interests' ? (
        <>
          {icoText('legitimateInterests', 'Legitimate interests pursued', 'e.g. preventing fraud against our customers')}
          {icoText('liaLink', 'Legitimate interests assessment (link or reference)', 'e.g. LIA-2024-03')}
        </>
      ) : null}
      <label>
        Data subjects (comma-separated) — Art. 30(1)(c)
        <input value={subjects} onChange={(event) => setSubjects(event.target.value)} placeholder="e.g. customers, employees" aria-invalid={isInvalid('dataSubjectCategories')} />
      </label>
      <AddFromList
        label="Add a data-subject category"
        terms={vocabulary['data-subject-category'].map((term) => term.label)}
        onAdd={(term) => setSubjects([...list(subjects), term].join(', '))}
      />
      {fieldError('dataSubjectCategories')}
      <fieldset>
        <legend>Categories of personal data — Art. 30(1)(c)</legend>
        <div className="checkbox-grid">
          {vocabulary['data-category'].map((category) => (
            <label key={category.code} className="checkbox">
              <input
                type="checkbox"
                checked={categories.includes(category.code)}
                onChange={(event) =>
                  setCategories(event.target.checked ? [...categories, category.code] : categories.filter((code) => code !== category.code))
                }
              />
              {category.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Recipients (one per line, e.g. “Payroll bureau (processor)”; kinds: internal, external, processor) — Art. 30(1)(d)
        <textarea rows={2} value={recipients} onChange={(event) => setRecipients(event.target.value)} aria-invalid={isInvalid('recipients')} />
      </label>
      <AddFromList
        label="Add a recipient category"
        terms={vocabulary['recipient-category'].map((term) => `${term.label} (${term.recipientKind ?? 'external'})`)}
        onAdd={(term) => setRecipients([...lines(recipients), term].join('\n'))}
      />
      {fieldError('recipients')}
      <TransfersEditor value={transfers} onChange={setTransfers} invalidIndex={transferError} />
      {fieldError('transfers')}
      {hasArt9 ? (
        <label>
          Condition for special-category data (Art. 9(2))
          <select value={art9Condition} onChange={(event) => setArt9Condition(event.target.value)}>
            <option value="">Not decided yet</option>
            {vocabulary['art9-condition'].map((condition) => (
              <option key={condition.code} value={condition.code}>
                {withCitation(condition)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {hasArt10 ? (
        <label>
          Basis for criminal-offence data (Art. 10)
          <select value={art10Basis} onChange={(event) => setArt10Basis(event.target.value)}>
            <option value="">Not decided yet</option>
            {vocabulary['art10-basis'].map((basis) => (
              <option key={basis.code} value={basis.code}>
                {basis.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Time limit for erasure — Art. 30(1)(f)
        <input value={retention} onChange={(event) => setRetention(event.target.value)} placeholder="e.g. 3 years after the end of the contract" aria-invalid={isInvalid('retention')} />
      </label>
      {fieldError('retention')}
      <label>
        Retention rule
        <select value={retentionRuleId} onChange={(event) => setRetentionRuleId(event.target.value)} aria-invalid={isInvalid('retentionRuleId')}>
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
      {fieldError('retentionRuleId')}
      <label>
        Security measures — Art. 30(1)(g)
        <textarea rows={2} value={securityMeasures} onChange={(event) => setSecurityMeasures(event.target.value)} aria-invalid={isInvalid('securityMeasures')} />
      </label>
      {fieldError('securityMeasures')}
      <details className="form-group" open={Boolean(initial && (initial.jointController || initial.dpiaRequired || initial.rightsAvailable.length))}>
        <summary>ICO template columns: joint controller, rights, automated decisions, DPIA, breach, retention policy</summary>
        {icoText('jointController', 'Joint controller (name and contact)', 'If another organisation decides the purposes with you')}
        <fieldset>
          <legend>Rights available to individuals</legend>
          <div className="checkbox-grid">
            {dataSubjectRights.map((right) => (
              <label key={right.code} className="checkbox" title={right.citation}>
                <input
                  type="checkbox"
                  checked={rights.includes(right.code)}
                  onChange={(event) => setRights(event.target.checked ? [...rights, right.code] : rights.filter((code) => code !== right.code))}
                />
                {right.label}
              </label>
            ))}
          </div>
        </fieldset>
        {icoText('automatedDecisionMaking', 'Automated decision-making or profiling (describe; empty if none)', 'e.g. credit scoring decides the payment terms')}
        {icoText('consentRecordLink', 'Record of consent (link or reference)', '')}
        {icoText('dataLocation', 'Location of the personal data', 'e.g. CRM in the EU (Frankfurt)')}
        <div className="form-row">
          <label>
            DPIA required?
            <select value={dpiaRequired} onChange={(event) => setDpiaRequired(event.target.value)}>
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
            <select value={dpiaProgress} onChange={(event) => setDpiaProgress(event.target.value)}>
              <option value="">Not answered</option>
              {dpiaProgressSteps.map((step) => (
                <option key={step} value={step}>
                  {humanize(step)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {icoText('dpiaLink', 'DPIA (link or reference)', '')}
        <div className="form-row">
          <YesNo label="Has a personal-data breach occurred?" value={breachOccurred} onChange={setBreachOccurred} />
          <YesNo label="Retained and erased as the policy says?" value={retainedPerPolicy} onChange={setRetainedPerPolicy} />
        </div>
        {icoText('breachLink', 'Breach record (link or reference)', '')}
        {icoText('retentionPolicyLink', 'Retention and erasure policy (link or reference)', '')}
        {retainedPerPolicy === 'no' ? icoText('retentionDeviation', 'Why the policy is not followed', '') : null}
      </details>
      <label>
        Status
        <select value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
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
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : initial ? 'Save changes' : 'Create activity'}
        </button>
      </div>
    </form>
  );
}
