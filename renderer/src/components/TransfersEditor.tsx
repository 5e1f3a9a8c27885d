import type { Transfer } from '../../../core/register/model';
import { isThirdCountry, transferMechanisms } from '../../../core/register/vocabularies';

/**
 * Edits a list of third-country transfers: the country (ISO 3166 code), the Chapter V safeguard
 * and a note, one row each. The country is sent as typed (upper-cased); the service validates it
 * and names the row at fault (e.g. "transfers.1.country").
 */
export function TransfersEditor(props: { value: Transfer[]; onChange(value: Transfer[]): void; invalidIndex?: number | undefined }) {
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
            aria-invalid={props.invalidIndex === index}
            onChange={(event) => update(index, { country: event.target.value.trim().toUpperCase() || null })}
          />
          <select
            aria-label={`Transfer ${index + 1} safeguard`}
            value={transfer.mechanism ?? ''}
            onChange={(event) => update(index, { mechanism: (event.target.value || null) as Transfer['mechanism'] })}
          >
            <option value="">{transfer.country && !isThirdCountry(transfer.country) ? 'None needed (EEA)' : 'No safeguard yet'}</option>
            {transferMechanisms.map((mechanism) => (
              <option key={mechanism.code} value={mechanism.code}>
                {mechanism.label}
              </option>
            ))}
          </select>
          <input aria-label={`Transfer ${index + 1} note`} placeholder="Note (optional)" value={transfer.note ?? ''} onChange={(event) => update(index, { note: event.target.value || null })} />
          <button type="button" className="link" aria-label={`Remove transfer ${index + 1}`} onClick={() => props.onChange(props.value.filter((_, at) => at !== index))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="link" onClick={() => props.onChange([...props.value, { country: null, mechanism: null, note: null }])}>
        Add a transfer
      </button>
    </fieldset>
  );
}
