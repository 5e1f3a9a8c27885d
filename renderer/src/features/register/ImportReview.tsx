import type { ImportSummary } from '../../../../core/contract';
import { extensibleColumns, reviewColumnLabels, reviewColumns, termsOf, type ReviewColumn, type ValueDecision, type ValueProposal } from '../../../../core/register/importReview';
import { mappableColumns } from '../../../../core/register/registerImport';
import type { RegisterColumnKey } from '../../../../core/register/registerColumns';
import type { Vocabulary } from '../../../../core/register/vocabularies';

/** The choices the user makes in the mapping and review steps, sent with the next preview and the import. */
export interface ReviewChoices {
  columns: Record<string, RegisterColumnKey | null>;
  values: Array<{ column: ReviewColumn; value: string; decision: ValueDecision }>;
}

const matchWords: Record<ValueProposal['match'], string> = { exact: 'exact', synonym: 'synonym', close: 'close match', none: 'no match' };
const howWords = { heading: 'by its heading', synonym: 'by a synonym', chosen: 'your choice', none: 'not imported' } as const;

const decisionValue = (decision: ValueDecision) => (decision.action === 'map' ? `map:${decision.code}` : decision.action);
const decisionOf = (text: string): ValueDecision => (text.startsWith('map:') ? { action: 'map', code: text.slice(4) } : text === 'new-term' ? { action: 'new-term' } : { action: 'text' });

/** Step 1: which register column each heading of the file goes to. */
export function ColumnMapping({ summary, choices, onChange }: { summary: ImportSummary; choices: ReviewChoices; onChange(next: ReviewChoices): void }) {
  if (!summary.columns.length) return null;
  return (
    <table className="table import-columns">
      <caption>Columns: the file’s headings (row {summary.headerRow}) and where each goes</caption>
      <thead>
        <tr>
          <th scope="col">Heading in the file</th>
          <th scope="col">Register column</th>
          <th scope="col">Matched</th>
        </tr>
      </thead>
      <tbody>
        {summary.columns
          .filter((column) => column.heading)
          .map((column) => (
            <tr key={column.index}>
              <th scope="row">{column.heading}</th>
              <td>
                <select
                  aria-label={`Register column for “${column.heading}”`}
                  value={column.key ?? ''}
                  onChange={(event) => onChange({ ...choices, columns: { ...choices.columns, [column.heading]: (event.target.value || null) as RegisterColumnKey | null } })}
                >
                  <option value="">Not imported</option>
                  {mappableColumns.map((entry) => (
                    <option key={entry.key} value={entry.key}>
                      {entry.header}
                    </option>
                  ))}
                </select>
              </td>
              <td className={column.key ? '' : 'muted'}>{howWords[column.how]}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

/** Step 2: every distinct value of a vocabulary column, once, with its proposed term and the user's decision. */
export function ValueReview({ summary, choices, vocabulary, onChange }: { summary: ImportSummary; choices: ReviewChoices; vocabulary: Vocabulary; onChange(next: ReviewChoices): void }) {
  // The doubtful first: kept as text, then close matches, then synonyms and exact ones; by column within.
  const rank = (entry: ValueProposal) => (entry.decision.action === 'text' ? 0 : entry.chosen ? 1 : { none: 0, close: 2, synonym: 3, exact: 4 }[entry.match]);
  const values = summary.values
    .filter((entry) => entry.column !== 'retention' || entry.code !== null)
    .sort((a, b) => rank(a) - rank(b) || reviewColumns.indexOf(a.column) - reviewColumns.indexOf(b.column) || a.value.localeCompare(b.value));
  if (!values.length) return null;
  const unmatched = values.filter((entry) => entry.decision.action === 'text').length;
  const decide = (entry: ValueProposal, decision: ValueDecision) => {
    const others = choices.values.filter((choice) => !(choice.column === entry.column && choice.value === entry.value));
    onChange({ ...choices, values: [...others, { column: entry.column, value: entry.value, decision }] });
  };
  return (
    <table className="table import-values">
      <caption>
        Values: {values.length} distinct, {unmatched} kept as text and flagged unless you choose a term
      </caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Value in the file</th>
          <th scope="col">Rows</th>
          <th scope="col">Proposal</th>
          <th scope="col">Import as</th>
        </tr>
      </thead>
      <tbody>
        {values.map((entry) => {
          const terms = entry.column === 'retention' ? [{ code: entry.code!, label: entry.label ?? entry.code! }] : termsOf(entry.column, vocabulary);
          return (
            <tr key={`${entry.column}:${entry.value}`} className={entry.decision.action === 'text' ? 'flagged' : ''}>
              <td>{reviewColumnLabels[entry.column]}</td>
              <th scope="row">“{entry.value}”</th>
              <td className="numeric">{entry.count}</td>
              <td>
                <span className={`match match-${entry.match}`}>{matchWords[entry.match]}</span>
                {entry.label ? ` ${entry.label}` : ''}
                {entry.date ? ` (${entry.date})` : ''}
                {entry.period ? ` · ${entry.period}` : ''}
              </td>
              <td>
                <select aria-label={`Import “${entry.value}” (${reviewColumnLabels[entry.column]}) as`} value={decisionValue(entry.decision)} onChange={(event) => decide(entry, decisionOf(event.target.value))}>
                  {terms.map((term) => (
                    <option key={term.code} value={`map:${term.code}`}>
                      {term.label}
                    </option>
                  ))}
                  {extensibleColumns[entry.column] ? <option value="new-term">Add “{entry.value}” as a new term</option> : null}
                  <option value="text">{entry.column === 'retention' ? 'Keep as written (no rule)' : 'Keep as text and flag'}</option>
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
