import { useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { contract, type DisposalBatch } from '../../../../core/contract';
import { EmptyState, Failure, Field, Loading, FormButtons } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';
import { describeDuration, showDate } from './format';

/** Disposal: review what is due, dispose of it in one batch with evidence, read each batch's certificate. */
export function Disposal() {
  // The instant the due list is reviewed at: disposal takes exactly what was due then, not what became due since.
  const [reviewAt, setReviewAt] = useState(() => new Date().toISOString());
  const settings = useOperation('getRecordingSettings', {});
  const noFolder = settings.state === 'ready' && !settings.value.folder;
  const due = useOperation('listRecordings', { view: 'due', limit: 50, now: reviewAt });
  const batches = useOperation('listDisposalBatches', {});
  const [confirming, setConfirming] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const [last, setLast] = useState<DisposalBatch | null>(null);
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
          <ConfirmDisposal
            asOf={reviewAt}
            total={total}
            noFolder={noFolder}
            onCancel={() => setConfirming(false)}
            onDone={(batch) => {
              setLast(batch);
              setOpened(batch.id);
              setConfirming(false);
              setReviewAt(new Date().toISOString());
            }}
          />
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

/**
 * The disposal confirmed: what is disposed of and how, checked by the contract's schema (every problem
 * beside its field). Without a recordings folder the service disposes of register entries alone only
 * when asked to, and says so beside that choice.
 */
function ConfirmDisposal({ asOf, total, noFolder, onCancel, onDone }: { asOf: string; total: number; noFolder: boolean; onCancel(): void; onDone(batch: DisposalBatch): void }) {
  const form = useContractForm(disposalSchema, { asOf, acceptMissingFiles: false, recordsOnly: false });
  const dispose = useWrite('disposeDueRecordings');
  const [left, setLeft] = useState<string[]>([]);
  const submit = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await dispose.run({ ...input, recordsOnly: noFolder && input.recordsOnly });
    if (result.ok) return onDone(result.value);
    // "No recordings folder is set" is answered by the records-only choice, beside which it is said.
    setLeft(applyFailure(form, result.error, ['operator', noFolder ? 'recordsOnly' : 'acceptMissingFiles'], (path) => (path === 'folder' && noFolder ? 'recordsOnly' : path)));
  });
  const recordings = `${total.toLocaleString('en')} recording${total === 1 ? '' : 's'}`;
  return (
    <FormProvider {...form}>
      <form className="record-form confirm" aria-label="Confirm disposal" onSubmit={(event) => void submit(event)} noValidate>
        <p>
          <strong>Dispose of the {recordings} due as of {asOf.slice(0, 16).replace('T', ' ')} UTC?</strong> Their files are deleted and cannot be recovered from this
          computer; backups keep them until the backup retention ends. Recordings that became due since are left for the next review.
        </p>
        <label>
          Operator (leave empty for your user name)
          <input {...form.register('operator', { setValueAs: undefinedIfEmpty })} {...describedBy(form, 'operator')} autoFocus />
          <FieldProblemText name="operator" />
        </label>
        {noFolder ? (
          <>
            <p className="notice">
              No recordings folder is set (Files tab), so no audio file can be deleted. Set the folder the phone system writes to, or close the register entries
              alone: each will say that no file was touched.
            </p>
            <label className="checkbox">
              <input type="checkbox" {...form.register('recordsOnly')} {...describedBy(form, 'recordsOnly')} /> Records only: close the register entries without
              touching any file
            </label>
            <FieldProblemText name="recordsOnly" />
          </>
        ) : (
          <>
            <label className="checkbox">
              <input type="checkbox" {...form.register('acceptMissingFiles')} {...describedBy(form, 'acceptMissingFiles')} /> If a registered audio file is no longer in
              the recordings folder, record it as already gone (otherwise that recording is refused and listed; recordings without a file are not affected)
            </label>
            <FieldProblemText name="acceptMissingFiles" />
          </>
        )}
        <FormProblems also={left} />
        <FormButtons submit={dispose.pending ? 'Disposing…' : `Dispose of ${recordings}`} tone="danger" busy={dispose.pending} onCancel={onCancel} cancelWhileBusy />
      </form>
    </FormProvider>
  );
}

const disposalSchema = contract.disposeDueRecordings.input;
/** An operator left empty is none: the service names the user. */
const undefinedIfEmpty = (text: unknown) => (typeof text === 'string' && text.trim() === '' ? undefined : text);

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
