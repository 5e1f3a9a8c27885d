import { transferMechanisms, labelOf } from '../../../../core/register/vocabularies';
import { ChangeHistory } from '../../components/ChangeHistory';
import { EmptyState, Failure, Field, Loading } from '../../components/common';
import { useOperation } from '../../useOperation';

/** Art. 30(2): the records an organisation keeps of the processing it does for each controller. */
export function ProcessorRecords() {
  const records = useOperation('listProcessorRecords', {});
  if (records.state === 'loading') return <Loading />;
  if (records.state === 'failed') return <Failure error={records.error} />;
  if (!records.value.length) {
    return (
      <EmptyState title="No processor records">
        An organisation that processes personal data on behalf of controllers keeps an Art. 30(2) record for each controller it serves.
      </EmptyState>
    );
  }
  return (
    <div className="card-stack">
      {records.value.map((record) => (
        <article key={record.id} className="record card" aria-label={`Processor record of ${record.organisationName}`}>
          <div className="record-kind">Art. 30(2) record · processor: {record.organisationName}</div>
          <h2>For {record.controllerName}</h2>
          <dl className="fields">
            <Field label="Categories of processing — Art. 30(2)(b)" wide>
              <ul className="plain-list">
                {record.processingCategories.map((category) => (
                  <li key={category}>{category}</li>
                ))}
              </ul>
            </Field>
            <Field label="Transfers — Art. 30(2)(c)" wide missing={!record.transfers.length}>
              <ul className="plain-list">
                {record.transfers.map((transfer, index) => (
                  <li key={index}>
                    <strong>{transfer.country ?? 'Country not named'}</strong> —{' '}
                    {transfer.mechanism ? labelOf(transferMechanisms, transfer.mechanism) : 'no safeguard recorded'}
                  </li>
                ))}
              </ul>
            </Field>
            <Field label="Security measures — Art. 30(2)(d)" wide missing={!record.securityMeasures}>
              {record.securityMeasures}
            </Field>
            <Field label="Source" wide missing={!record.source}>
              {record.source}
            </Field>
          </dl>
          <ChangeHistory entity="processor-record" entityId={record.id} />
        </article>
      ))}
    </div>
  );
}
