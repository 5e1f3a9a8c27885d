import { changedFields, type ChangeLogEntity } from '../../../core/changeLog';
import { useOperation } from '../useOperation';
import { Failure, formatInstant, Loading, describeField } from './common';

const actionLabels = { create: 'Created', update: 'Updated', delete: 'Deleted' } as const;

/** The record's change log: who changed it, when, and which fields. */
export function ChangeHistory({ entity, entityId }: { entity: ChangeLogEntity; entityId: string }) {
  const history = useOperation('getChangeLog', { entity, entityId });
  return (
    <section className="history" aria-label="Change history">
      <h3>History</h3>
      {history.state === 'loading' ? <Loading /> : null}
      {history.state === 'failed' ? <Failure error={history.error} /> : null}
      {history.state === 'ready' ? (
        history.value.length ? (
          <ol className="history-list">
            {history.value.map((entry) => {
              const fields = entry.action === 'update' ? changedFields(entry.before, entry.after).filter((field) => field !== 'updatedAt') : [];
              return (
                <li key={entry.id}>
                  <span className="history-action">{actionLabels[entry.action]}</span> by <strong>{entry.actor}</strong>{' '}
                  <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
                  {fields.length ? <div className="history-fields">Changed: {fields.map((field) => describeField(field).toLowerCase()).join(', ')}</div> : null}
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="missing">No changes recorded.</p>
        )
      ) : null}
    </section>
  );
}
