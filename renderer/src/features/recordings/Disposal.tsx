import { useState } from 'react';
import type { DisposalBatch } from '../../../../core/contract';
import { EmptyState, Failure, Field, InlineError, Loading, readableMessage, FormButtons } from '../../components/common';
import { workbench } from '../../bridge';
import { useOperation } from '../../useOperation';
import { describeDuration, showDate } from './format';

/** Disposal: review what is due, dispose of it in one batch with evidence, read each batch's certificate. */
export function Disposal() {
  // The instant the due list is reviewed at: disposal takes exactly what was due then, not what became due since.
  const [reviewAt, setReviewAt] = useState(() => new Date().toISOString());
  const [acceptMissing, setAcceptMissing] = useState(false);
  const [recordsOnly, setRecordsOnly] = useState(false);
  const settings = useOperation('getRecordingSettings', {});
  const noFolder = settings.state === 'ready' && !settings.value.folder;
  const due = useOperation('listRecordings', { view: 'due', limit: 50, now: reviewAt });
  const batches = useOperation('listDisposalBatches', {});
  const [confirming, setConfirming] = useState(false);
  const [operator, setOperator] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const [last, setLast] = useState<DisposalBatch | null>(null);
  const dispose = async () => {
    setBusy(true);
    setError(null);
    const result = await workbench.disposeDueRecordings({
      asOf: reviewAt,
      acceptMissingFiles: acceptMissing,
      recordsOnly: noFolder && recordsOnly,
      ...(operator.trim() ? { operator: operator.trim() } : {}),
    });
    setBusy(false);
    if (!result.ok) return setError(readableMessage(result.error));
    setLast(result.value);
    setOpened(result.value.id);
    setConfirming(false);
    setReviewAt(new Date().toISOString());
  };
  const total = due.state === 'ready' ? due.value.total : 0;
  return (
    <div className="card-stack disposal">
      <section className="card" aria-label="Due for disposal">
        <div className="card-stack-toolbar">
          <h2 className="subheading">Due for disposal now: {due.state === 'ready' ? total.toLocaleString('en') : '…'}</h2>
          <div className="button-row">
            <button onClick={() => setReviewAt(new Date().toISOString())} disabled={confirming} title={`Due as of ${reviewAt.slice(0, 19).replace('T', ' ')} UTC`}>
              Refresh
            </button>
            <button className="primary" disabled={!total || confirming} onClick={() => setConfirming(true)}>
              Review and dispose…
            </button>
          </div>
        </div>
        <p className="muted">
          Due: past its latest deletion, no rule conflict, no legal hold. Each is checked again for holds as it is disposed of; a file is deleted only inside
          the recordings folder and only if it still has its registered SHA-256.
        </p>
        {due.state === 'loading' ? <Loading /> : null}
        {due.state === 'failed' ? <Failure error={due.error} /> : null}
        {due.state === 'ready' && due.value.rows.length ? (
          <table className="table" aria-label="Due recordings">
            <thead>
              <tr>
                <th>#</th>
                <th>Call</th>
                <th>Duration</th>
                <th>Purposes</th>
                <th>Latest deletion</th>
                <th>File</th>
              </tr>
            </thead>
            <tbody>
              {due.value.rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.id}</td>
                  <td>{showDate(row.callStart, row.zone, true)}</td>
                  <td>{describeDuration(row.durationSeconds)}</td>
                  <td>{row.purposes.join(', ')}</td>
                  <td>{row.latestDeleteAt ? showDate(row.latestDeleteAt, row.zone) : ''}</td>
                  <td>{row.hasFile ? 'yes' : 'register entry only'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {due.state === 'ready' && total > due.value.rows.length ? (
          <p className="note">The first {due.value.rows.length} of {total.toLocaleString('en')}, longest due first; the Register tab's “Due” view pages through them all.</p>
        ) : null}
        {confirming ? (
          <form
            className="record-form confirm"
            aria-label="Confirm disposal"
            onSubmit={(event) => {
              event.preventDefault();
              void dispose();
            }}
          >
            <p>
              <strong>Dispose of the {total.toLocaleString('en')} recording{total === 1 ? '' : 's'} due as of {reviewAt.slice(0, 16).replace('T', ' ')} UTC?</strong>{' '}
              Their files are deleted and cannot be recovered from this computer; backups keep them until the backup retention ends. Recordings that
              became due since are left for the next review.
            </p>
            <label>
              Operator (leave empty for your user name)
              <input value={operator} onChange={(event) => setOperator(event.target.value)} autoFocus />
            </label>
            {noFolder ? (
              <>
                <p className="notice">
                  No recordings folder is set (Files tab), so no audio file can be deleted. Set the folder the phone system writes to, or close the
                  register entries alone: each will say that no file was touched.
                </p>
                <label className="checkbox">
                  <input type="checkbox" checked={recordsOnly} onChange={(event) => setRecordsOnly(event.target.checked)} /> Records only: close the register
                  entries without touching any file
                </label>
              </>
            ) : (
              <label className="checkbox">
                <input type="checkbox" checked={acceptMissing} onChange={(event) => setAcceptMissing(event.target.checked)} /> If a registered audio file is no
                longer in the recordings folder, record it as already gone (otherwise that recording is refused and listed; recordings without a file
                are not affected)
              </label>
            )}
            <InlineError message={error} />
            <FormButtons submit={busy ? 'Disposing…' : `Dispose of ${total.toLocaleString('en')} recording${total === 1 ? '' : 's'}`} tone="danger" busy={busy || (noFolder && !recordsOnly)} onCancel={() => setConfirming(false)} cancelWhileBusy />
          </form>
        ) : null}
        {last ? (
          <p className={last.refused.length ? 'notice' : 'gaps gaps-none'} role="status">
            Batch done: {last.disposed.length.toLocaleString('en')} disposed of{last.recordsOnly ? ' (records only: no file was touched)' : ''}
            {last.refused.length ? `, ${last.refused.length} refused (${[...new Set(last.refused.map((entry) => entry.reason))].join('; ')})` : ''}.
            {last.interruptedBatchesClosed?.length
              ? ` First, ${last.interruptedBatchesClosed.length} interrupted batch${last.interruptedBatchesClosed.length === 1 ? ' was' : 'es were'} closed: ${last.interruptedBatchesClosed
                  .map((batch) => `${batch.confirmedDeleted} deletion(s) confirmed, ${batch.notDisposed} left due`)
                  .join('; ')}.`
              : ''}
          </p>
        ) : null}
      </section>

      <h2 className="subheading">Disposal batches</h2>
      {batches.state === 'loading' ? <Loading /> : null}
      {batches.state === 'failed' ? <Failure error={batches.error} /> : null}
      {batches.state === 'ready' && !batches.value.length ? (
        <EmptyState title="No disposal yet">Each disposal run becomes a batch here, with the evidence of every recording it disposed of: its certificate.</EmptyState>
      ) : null}
      {batches.state === 'ready'
        ? batches.value.map((batch) => (
            <article key={batch.id} className="record card" aria-label={`Disposal batch of ${batch.startedAt.slice(0, 16).replace('T', ' ')}`}>
              <header className="record-header">
                <div>
                  <div className="record-kind">Disposal batch</div>
                  <h2>
                    {batch.startedAt.slice(0, 16).replace('T', ' ')} UTC by {batch.operator}
                  </h2>
                </div>
                <button aria-expanded={opened === batch.id} onClick={() => setOpened(opened === batch.id ? null : batch.id)}>
                  {opened === batch.id ? 'Hide certificate' : 'Certificate'}
                </button>
              </header>
              <dl className="fields">
                <Field label="Recordings disposed of">{batch.recordings.toLocaleString('en')}</Field>
                <Field label="Files deleted">{batch.filesDeleted.toLocaleString('en')}</Field>
                <Field label="Files already absent">{batch.filesMissing.toLocaleString('en')}</Field>
                <Field label="Refused">{batch.refused.toLocaleString('en')}</Field>
                <Field label="Due as of">{batch.asOf.slice(0, 19).replace('T', ' ')} UTC</Field>
                <Field label="Batch id">{batch.id}</Field>
              </dl>
              {opened === batch.id ? <Certificate id={batch.id} /> : null}
            </article>
          ))
        : null}
    </div>
  );
}

function Certificate({ id }: { id: string }) {
  const batch = useOperation('getDisposalBatch', { id });
  if (batch.state === 'loading') return <Loading />;
  if (batch.state === 'failed') return <Failure error={batch.error} />;
  const shown = batch.value.entries.slice(0, 500);
  return (
    <section aria-label="Certificate of disposal">
      <p className="muted">
        Evidence in the manner of NIST SP 800-88: what was disposed of (id, hash, size), how, the verification, and when the last backup holding it expires.
      </p>
      <table className="table certificate-table">
        <thead>
          <tr>
            <th>Recording</th>
            <th>SHA-256</th>
            <th>Size</th>
            <th>Method</th>
            <th>Verification</th>
            <th>Backups expire</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <tr key={entry.recordingId}>
              <td>#{entry.recordingId}</td>
              <td className="hash">{entry.fileSha256 ?? '—'}</td>
              <td>{entry.fileSize !== null ? entry.fileSize.toLocaleString('en') : '—'}</td>
              <td>{entry.method}</td>
              <td>{entry.verification}</td>
              <td>{entry.backupExpiresAt ? entry.backupExpiresAt.slice(0, 10) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {batch.value.entries.length > shown.length ? <p className="note">Showing the first {shown.length} of {batch.value.entries.length.toLocaleString('en')} entries.</p> : null}
    </section>
  );
}
