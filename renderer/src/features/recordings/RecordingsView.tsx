import { ChangeHistory } from '../../components/ChangeHistory';
import { Badge, EmptyState, humanize, Failure, Field, Loading } from '../../components/common';
import { useOperation } from '../../useOperation';

/** Call recordings: the documented practices now; the per-recording retention register follows. */
export function RecordingsView() {
  const practices = useOperation('listRecordingPractices', {});
  return (
    <div className="section">
      <header className="section-header">
        <h1>Call recordings</h1>
      </header>
      <div className="section-body">
        <h2 className="subheading">Recording practices</h2>
        {practices.state === 'loading' ? <Loading /> : null}
        {practices.state === 'failed' ? <Failure error={practices.error} /> : null}
        {practices.state === 'ready' && !practices.value.length ? (
          <EmptyState title="No recording practice documented">
            If your organisation records telephone calls, document why, whether recordings are linked to support tickets, and how long they
            are kept.
          </EmptyState>
        ) : null}
        {practices.state === 'ready'
          ? practices.value.map((practice) => (
              <article key={practice.id} className="record card" aria-label={`Recording practice of ${practice.organisationName}`}>
                <header className="record-header">
                  <div>
                    <div className="record-kind">Recording practice</div>
                    <h2>{practice.organisationName}</h2>
                  </div>
                  {practice.retention ? null : <Badge tone="warning">No retention period stated</Badge>}
                </header>
                <dl className="fields">
                  <Field label="Purposes" wide>
                    <ul className="plain-list">
                      {practice.purposes.map((purpose) => (
                        <li key={purpose}>{humanize(purpose)}</li>
                      ))}
                    </ul>
                  </Field>
                  <Field label="Linked to support tickets">{practice.linkedToTickets ? 'Yes' : 'No'}</Field>
                  <Field label="Retention" missing={!practice.retention}>
                    {practice.retention}
                  </Field>
                  <Field label="Notice to callers" wide missing={!practice.notice}>
                    {practice.notice}
                  </Field>
                  <Field label="Source" wide missing={!practice.source}>
                    {practice.source}
                  </Field>
                </dl>
                <ChangeHistory entity="recording-practice" entityId={practice.id} />
              </article>
            ))
          : null}
        <h2 className="subheading">Recordings</h2>
        <EmptyState title="No recordings registered">
          Each recording will get its own retention clock, linked to its support ticket; legal holds will block disposal, and disposal will be
          recorded with evidence. The per-recording register is not available in this version yet.
        </EmptyState>
      </div>
    </div>
  );
}
