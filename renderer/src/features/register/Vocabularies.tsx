import { useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { contract } from '../../../../core/contract';
import { recipientKinds, vocabularyKinds, type RecipientKind, type VocabularyKind } from '../../../../core/register/vocabularies';
import { Badge, describeField, humanize } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useMappedContractForm, useWrite } from '../../forms';
import { useVocabulary } from '../../useVocabulary';

/** The register's vocabularies: the built-in terms with their citations, and the workspace's own additions. */
export function Vocabularies() {
  const vocabulary = useVocabulary();
  const [kind, setKind] = useState<VocabularyKind>('data-category');
  const terms = vocabulary[kind];
  const own = terms.filter((term) => term.custom).length;
  return (
    <div className="vocabularies">
      <nav className="vocabulary-kinds" aria-label="Vocabularies">
        {vocabularyKinds.map((entry) => (
          <button key={entry.code} aria-current={entry.code === kind ? 'true' : undefined} onClick={() => setKind(entry.code)}>
            {entry.label}
            <span className="muted"> {vocabulary[entry.code].length}</span>
          </button>
        ))}
      </nav>
      <section className="vocabulary-terms" aria-label={vocabularyKinds.find((entry) => entry.code === kind)!.label}>
        <AddTermForm key={kind} kind={kind} />
        <p className="muted">
          {terms.length} terms, {own} added by this workspace.
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Code</th>
              <th scope="col">Source</th>
              <th scope="col">Origin</th>
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => (
              <tr key={term.code}>
                <td>
                  {term.label}
                  {term.special === 'art9' ? <Badge tone="warning">Art. 9 data</Badge> : term.special === 'art10' ? <Badge tone="warning">Art. 10 data</Badge> : null}
                  {term.recipientKind ? <span className="muted"> ({term.recipientKind})</span> : null}
                </td>
                <td>
                  <code>{term.code}</code>
                </td>
                <td>{term.citation ?? ''}</td>
                <td>{term.custom ? <Badge tone="neutral">Added</Badge> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/** What the form holds: the term's input as typed, the code and citation empty when not given, the kind of data empty for ordinary data. */
type TermFields = { label: string; code: string; citation: string; special: '' | 'art9' | 'art10'; recipientKind: RecipientKind };

const emptyTerm: TermFields = { label: '', code: '', citation: '', special: '', recipientKind: 'external' };

/** The fields as the form names them, for the list of problems. */
const termFieldNames: Record<string, string> = { label: 'New term', code: 'Country code', citation: 'Source or citation', special: 'Kind of data', recipientKind: 'Kind of recipient' };

/** The term the fields make for a vocabulary: a code for a country only, the kind of data or of recipient where the vocabulary has one. */
const termInputOf = (kind: VocabularyKind, values: TermFields) => ({
  kind,
  label: values.label,
  ...(kind === 'country' ? { code: values.code.trim().toUpperCase() } : {}),
  citation: values.citation.trim() || null,
  special: kind === 'data-category' && values.special ? values.special : null,
  recipientKind: kind === 'recipient-category' ? values.recipientKind : null,
});

/** Adds a term to the vocabulary shown, checked with the contract's schema: each problem beside its field. */
function AddTermForm({ kind }: { kind: VocabularyKind }) {
  const form = useMappedContractForm(contract.addVocabularyTerm.input, emptyTerm, (values: TermFields) => termInputOf(kind, values));
  const add = useWrite('addVocabularyTerm');
  const [left, setLeft] = useState<string[]>([]);
  const [added, setAdded] = useState<string | null>(null);
  const submit = form.handleSubmit(
    async (input) => {
      setLeft([]);
      const result = await add.run(input);
      if (!result.ok) {
        setAdded(null);
        return setLeft(applyFailure(form, result.error, Object.keys(emptyTerm)));
      }
      setAdded(result.value.label);
      // The kind of recipient stays for the next term.
      form.reset({ ...emptyTerm, recipientKind: form.getValues('recipientKind') });
    },
    () => setAdded(null),
  );
  return (
    <FormProvider {...form}>
      <form className="link-form" aria-label="Add a term" onSubmit={(event) => void submit(event)} noValidate>
        <input aria-label="New term" placeholder="New term, e.g. Loyalty card data" required {...form.register('label')} {...describedBy(form, 'label')} />
        {kind === 'country' ? <input aria-label="Country code" placeholder="Code, e.g. XK" maxLength={6} required {...form.register('code')} {...describedBy(form, 'code')} /> : null}
        {kind === 'data-category' ? (
          <select aria-label="Kind of data" {...form.register('special')} {...describedBy(form, 'special')}>
            <option value="">Ordinary personal data</option>
            <option value="art9">Special category (Art. 9)</option>
            <option value="art10">Criminal offences (Art. 10)</option>
          </select>
        ) : null}
        {kind === 'recipient-category' ? (
          <select aria-label="Kind of recipient" {...form.register('recipientKind')} {...describedBy(form, 'recipientKind')}>
            {recipientKinds.map((entry) => (
              <option key={entry} value={entry}>
                {humanize(entry)}
              </option>
            ))}
          </select>
        ) : null}
        <input aria-label="Source or citation" placeholder="Source, e.g. DPA 2018 Sch. 1 para 10" {...form.register('citation')} {...describedBy(form, 'citation')} />
        <button type="submit" className="primary" disabled={add.pending}>
          Add
        </button>
        <FieldProblemText name="label" />
        <FieldProblemText name="code" />
        <FieldProblemText name="special" />
        <FieldProblemText name="recipientKind" />
        <FieldProblemText name="citation" />
        <FormProblems also={left} describe={(field) => termFieldNames[field] ?? describeField(field)} />
        {added ? (
          <span role="status" className="muted">
            Added “{added}”.
          </span>
        ) : null}
      </form>
    </FormProvider>
  );
}
