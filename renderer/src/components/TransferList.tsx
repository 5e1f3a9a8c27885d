import type { Transfer } from '../../../core/register/model';
import { labelOf } from '../../../core/register/vocabularies';
import { useVocabulary } from '../useVocabulary';

/** Third-country transfers as a record shows them: country, safeguard (with its date) and note. */
export function TransferList({ transfers }: { transfers: readonly Transfer[] }) {
  const vocabulary = useVocabulary();
  if (!transfers.length) return <span className="missing">None recorded</span>;
  return (
    <ul className="plain-list">
      {transfers.map((transfer, index) => (
        <li key={index}>
          <strong>{transfer.country ? `${labelOf(vocabulary.country, transfer.country.slice(0, 2))} (${transfer.country})` : 'Country not named'}</strong> —{' '}
          {transfer.mechanism ? labelOf(vocabulary['transfer-mechanism'], transfer.mechanism) : <span className="row-warning">no safeguard recorded</span>}
          {transfer.mechanism && transfer.mechanismDate ? ` (${transfer.mechanismDate})` : ''}
          {transfer.note ? <div className="note">{transfer.note}</div> : null}
        </li>
      ))}
    </ul>
  );
}
