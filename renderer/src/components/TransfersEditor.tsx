import type { Transfer } from '../../../core/register/model';
import { isThirdCountry } from '../../../core/register/vocabularies';
import { useVocabulary } from '../useVocabulary';

/**
 * Edits a list of third-country transfers: the country (ISO 3166 code), the Chapter V safeguard
 * and a note, one row each. The country is sent as typed (upper-cased); the service validates it
 * and names the row at fault (e.g. "transfers.1.country").
 */
export function TransfersEditor(props: {
  value: Transfer[];
  onChange(value: Transfer[]): void;
  /** The row a problem is on, and the id of the text that says it (for its aria-describedby). */
  invalidIndex?: number | undefined;
  problemId?: string | undefined;
}) {
  const vocabulary = useVocabulary();
  const update = (index: number, change: Partial<Transfer>) => props.onChange(props.value.map((transfer, at) => (at === index ? { ...transfer, ...change } : transfer)));
  return (
    <fieldset className="transfers-editor">
      <legend>Transfers outside the EEA — country and safeguard</legend>
      {props.value.length ? null : <p className="muted">None recorded.</p>}
      {props.value.map((transfer, index) => (
        <div className="transfer-row" key={index}>
          <input
            aria-label={`Transfer ${index + 1} country`}
            placeholder="Country code, e.g. US"
            value={transfer.country ?? ''}
            maxLength={6}
            list="country-codes"
            aria-invalid={props.invalidIndex === index || undefined}
            aria-describedby={props.invalidIndex === index ? props.problemId : undefined}
            onChange={(event) => update(index, { country: event.target.value.trim().toUpperCase() || null })}
          />
          <select
            aria-label={`Transfer ${index + 1} safeguard`}
            value={transfer.mechanism ?? ''}
            onChange={(event) => update(index, { mechanism: (event.target.value || null) as Transfer['mechanism'], ...(event.target.value ? {} : { mechanismDate: null }) })}
          >
            <option value="">{transfer.country && !isThirdCountry(transfer.country) ? 'None needed (EEA)' : 'No safeguard yet'}</option>
            {vocabulary['transfer-mechanism'].map((mechanism) => (
              <option key={mechanism.code} value={mechanism.code}>
                {mechanism.label}
              </option>
            ))}
          </select>
          <input
            type="date"
            aria-label={`Transfer ${index + 1} safeguard date`}
            title="Date of the safeguard (e.g. when the SCCs were signed)"
            value={transfer.mechanismDate ?? ''}
            disabled={!transfer.mechanism}
            onChange={(event) => update(index, { mechanismDate: event.target.value || null })}
          />
          <input aria-label={`Transfer ${index + 1} note`} placeholder="Note (optional)" value={transfer.note ?? ''} onChange={(event) => update(index, { note: event.target.value || null })} />
          <button type="button" className="link" aria-label={`Remove transfer ${index + 1}`} onClick={() => props.onChange(props.value.filter((_, at) => at !== index))}>
            Remove
          </button>
        </div>
      ))}
      <datalist id="country-codes">
        {vocabulary.country.map((country) => (
          <option key={country.code} value={country.code}>
            {country.label}
          </option>
        ))}
      </datalist>
      <button type="button" className="link" onClick={() => props.onChange([...props.value, { country: null, mechanism: null, mechanismDate: null, note: null }])}>
        Add a transfer
      </button>
    </fieldset>
  );
}
