import { useState, type FormEvent } from 'react';
import { recipientKinds, vocabularyKinds, type RecipientKind, type VocabularyKind } from '../../../../core/register/vocabularies';
import { workbench } from '../../bridge';
import { Badge, humanize, InlineError, readableMessage } from '../../components/common';
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

function AddTermForm({ kind }: { kind: VocabularyKind }) {
  const [label, setLabel] = useState('');
  const [code, setCode] = useState('');
  const [citation, setCitation] = useState('');
  const [special, setSpecial] = useState<'' | 'art9' | 'art10'>('');
  const [recipientKind, setRecipientKind] = useState<RecipientKind>('external');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await workbench.addVocabularyTerm({
      kind,
      label,
      ...(kind === 'country' ? { code: code.trim().toUpperCase() } : {}),
      citation: citation.trim() || null,
      special: kind === 'data-category' && special ? special : null,
      recipientKind: kind === 'recipient-category' ? recipientKind : null,
    });
    if (!result.ok) {
      setAdded(null);
      return setError(readableMessage(result.error));
    }
    setError(null);
    setAdded(result.value.label);
    setLabel('');
    setCode('');
    setCitation('');
    setSpecial('');
  };
  return (
    <form className="link-form" aria-label="Add a term" onSubmit={(event) => void submit(event)}>
      <input aria-label="New term" placeholder="New term, e.g. Loyalty card data" value={label} onChange={(event) => setLabel(event.target.value)} required />
      {kind === 'country' ? <input aria-label="Country code" placeholder="Code, e.g. XK" value={code} maxLength={6} onChange={(event) => setCode(event.target.value)} required /> : null}
      {kind === 'data-category' ? (
        <select aria-label="Kind of data" value={special} onChange={(event) => setSpecial(event.target.value as typeof special)}>
          <option value="">Ordinary personal data</option>
          <option value="art9">Special category (Art. 9)</option>
          <option value="art10">Criminal offences (Art. 10)</option>
        </select>
      ) : null}
      {kind === 'recipient-category' ? (
        <select aria-label="Kind of recipient" value={recipientKind} onChange={(event) => setRecipientKind(event.target.value as RecipientKind)}>
          {recipientKinds.map((entry) => (
            <option key={entry} value={entry}>
              {humanize(entry)}
            </option>
          ))}
        </select>
      ) : null}
      <input aria-label="Source or citation" placeholder="Source, e.g. DPA 2018 Sch. 1 para 10" value={citation} onChange={(event) => setCitation(event.target.value)} />
      <button type="submit" className="primary">
        Add
      </button>
      <InlineError message={error} />
      {added ? (
        <span role="status" className="muted">
          Added “{added}”.
        </span>
      ) : null}
    </form>
  );
}
