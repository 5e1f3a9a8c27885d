import { useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { contract, type InputOf, type RecordingDetail } from '../../../../core/contract';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Badge, Failure, Field, humanize, Loading, FormButtons, TextField } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useMappedContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';
import { describeDuration, recordingStateBadge, relativeDays, showDate } from './format';
import { RecordingPlayer } from './RecordingPlayer';

/** One recording: its retention clock and the rules behind it, holds, card data, file, disposal. */
export function RecordingDetailView({ id }: { id: number }) {
  const detail = useOperation('getRecording', { id });
  if (detail.state === 'loading') return <Loading />;
  if (detail.state === 'failed') return <Failure error={detail.error} />;
  const recording = detail.value;
  const now = Date.now();
  return (
    <article className="record" aria-label={`Recording ${recording.id}`}>
      <header className="record-header">
        <div>
          <div className="record-kind">Call recording #{recording.id}</div>
          <h2>
            {recording.direction === 'inbound' ? 'Inbound call' : recording.direction === 'outbound' ? 'Outbound call' : 'Internal call'} of{' '}
            {showDate(recording.callStart, recording.zone, true)}
          </h2>
          <div className="record-dates">
            {recording.zone === 'UTC' ? 'UTC' : `${recording.zone} · ${new Date(recording.callStart).toISOString().slice(0, 19).replace('T', ' ')} UTC`}
          </div>
        </div>
        <div className="record-actions">
          {recordingStateBadge(recording.state)}
          {recording.held ? <Badge tone="accent">Legal hold</Badge> : null}
        </div>
      </header>

      {recording.disposal ? (
        <p className="gaps gaps-none" role="note">
          Disposed of on {showDate(recording.disposal.disposedAt, recording.zone, true)} by {recording.disposal.operator}: see Disposal below.
        </p>
      ) : null}
      <section className="retention-clock" aria-label="Retention clock" hidden={recording.state === 'disposed'}>
        <div className={`clock-part ${recording.earliestDeleteAt && Date.parse(recording.earliestDeleteAt) > now ? 'clock-active' : ''}`}>
          <div className="clock-label">Keep at least until</div>
          <div className="clock-value">
            {recording.earliestDeleteAt ? showDate(recording.earliestDeleteAt, recording.zone) : recording.waitingForTicket.length ? 'the ticket closes, then longer' : 'no minimum'}
          </div>
          {recording.earliestDeleteAt ? <div className="clock-note">{relativeDays(recording.earliestDeleteAt, now)}</div> : null}
        </div>
        <div className={`clock-part ${recording.state === 'due' ? 'clock-due' : ''}`}>
          <div className="clock-label">Delete at the latest</div>
          <div className="clock-value">{recording.latestDeleteAt ? showDate(recording.latestDeleteAt, recording.zone) : 'no maximum'}</div>
          {recording.latestDeleteAt ? <div className="clock-note">{relativeDays(recording.latestDeleteAt, now)}</div> : null}
        </div>
      </section>
      {recording.state === 'conflict' ? (
        <p className="gaps" role="note">
          The rules of this recording's purposes conflict: a minimum keeps it past the maximum of another rule. It is never disposed of automatically;
          decide which purpose applies (GDPR Art. 5(1)(e) against the duty to keep) and record it.
        </p>
      ) : null}
      {recording.rulesChangedSince ? (
        <p className="notice" role="note">
          A retention rule changed since this recording was imported: today's rules give other dates than the ones stored above.
        </p>
      ) : null}

      <h3 className="fields-heading">Rules behind these dates</h3>
      {recording.rules.length ? (
        <table className="table rules-table">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Gives</th>
              <th>Until</th>
              <th>Legal source</th>
            </tr>
          </thead>
          <tbody>
            {recording.rules.map((rule) => (
              <tr key={`${rule.ruleId}-${rule.kind}`}>
                <td>{rule.name}</td>
                <td>{rule.kind === 'minimum' ? 'keep at least' : 'keep at most'}</td>
                <td>{rule.until ? showDate(rule.until, recording.zone) : 'not known yet (its starting point is not recorded)'}</td>
                <td className="muted">{rule.legalSource ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="gaps">No retention rule covers this recording's purposes ({recording.purposes.join(', ')}): add one under the register's retention rules.</p>
      )}

      <dl className="fields">
        <Field label="Purposes">{recording.purposes.map(humanize).join(', ')}</Field>
        <Field label="Duration">
          {describeDuration(recording.durationSeconds)} ({describeDuration(recording.billableSeconds)} answered)
        </Field>
        <TextField label="Agent" value={recording.agent} />
        <Field label="Caller">
          {recording.callerRefKind === 'hash' ? (
            <span title={recording.callerRef ?? ''}>Keyed hash {recording.callerRef?.slice(0, 12)}… (search by the number to find the caller's calls)</span>
          ) : recording.callerRefKind === 'number' ? (
            recording.callerRef
          ) : (
            <span className="missing">No number</span>
          )}
        </Field>
        <Field label="Ticket" missing={!recording.ticketId}>
          {recording.ticketId ? `${recording.ticketId} · ${recording.ticketState ?? 'state not imported yet (Files and settings › Ticket states)'}${recording.ticketClosedAt ? `, closed ${showDate(recording.ticketClosedAt, recording.zone)}` : ''}` : null}
        </Field>
        <TextField label="Asterisk uniqueid" value={recording.uniqueid} />
        <Field label="Imported from">
          {recording.sourceFile ? `${recording.sourceFile}, line ${recording.sourceLine}` : '—'} · {showDate(recording.importedAt, recording.zone, true)}
        </Field>
        <Field label="Audio file" missing={!recording.filePath} wide>
          {recording.filePath ? (
            <span className="stacked">
              <span>{recording.filePath}</span>
              <span>
                {recording.fileSize !== null ? `${recording.fileSize.toLocaleString('en')} bytes` : 'size unknown'} · SHA-256 {recording.fileSha256 ?? 'not taken'}
              </span>
            </span>
          ) : null}
        </Field>
      </dl>

      {recording.state !== 'disposed' ? <RecordingPlayer recordingId={recording.id} hasFile={recording.hasFile} /> : null}

      <h3 className="fields-heading">Legal holds</h3>
      {recording.holds.length ? (
        <ul className="plain-list">
          {recording.holds.map((hold) => (
            <li key={hold.id}>
              <strong>{hold.matter}</strong>, placed by {hold.placedBy} on {showDate(hold.placedAt, recording.zone)}
              {hold.reviewOn ? `, review on ${hold.reviewOn}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{recording.state === 'disposed' ? 'None.' : 'None: nothing stops disposal once the latest deletion date passes.'}</p>
      )}

      <CardData recording={recording} />

      {recording.disposal ? (
        <>
          <h3 className="fields-heading">Disposal</h3>
          <dl className="fields">
            <Field label="Disposed">
              {showDate(recording.disposal.disposedAt, recording.zone, true)} by {recording.disposal.operator}
            </Field>
            <Field label="Backups hold it until">{recording.disposal.backupExpiresAt ? showDate(recording.disposal.backupExpiresAt, recording.zone) : 'no file was held'}</Field>
            <Field label="Method" wide>
              {recording.disposal.method}
            </Field>
            <Field label="Verification" wide>
              {recording.disposal.verification}
            </Field>
          </dl>
        </>
      ) : null}
      <ChangeHistory entity="recording" entityId={String(recording.id)} />
    </article>
  );
}

type CardDataMode = 'spoken' | 'redacted' | 'delete';

/** PCI DSS: card security codes must not be kept after authorisation, not even in audio. */
function CardData({ recording }: { recording: RecordingDetail }) {
  const [mode, setMode] = useState<null | CardDataMode>(null);
  return (
    <section className="card-data" aria-label="Card data">
      <h3 className="fields-heading">Card data</h3>
      {recording.cardData === 'none' ? <p className="muted">No card details are known to be in this recording.</p> : null}
      {recording.cardData === 'spoken' ? (
        <p className="gaps">
          <strong>Card details were spoken</strong> ({recording.cardDataNote}). PCI DSS forbids keeping card security codes after authorisation, even in audio
          (v4.0 Req. 3.3.1): redact the recording or delete it.
        </p>
      ) : null}
      {recording.cardData === 'redacted' ? <p className="gaps gaps-none">Redacted: {recording.cardDataNote}</p> : null}
      {recording.cardData === 'deleted' ? <p className="muted">Deleted for card data: {recording.cardDataNote}</p> : null}
      {recording.state !== 'disposed' && !mode ? (
        <div className="button-row">
          {recording.cardData === 'none' || recording.cardData === 'redacted' ? <button onClick={() => setMode('spoken')}>Flag card details spoken…</button> : null}
          {recording.cardData === 'spoken' ? (
            <>
              <button onClick={() => setMode('redacted')}>Record redaction…</button>
              <button className="danger" onClick={() => setMode('delete')} disabled={recording.held} title={recording.held ? 'Under a legal hold: redact instead' : undefined}>
                Delete now…
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {mode ? <CardDataForm key={mode} recording={recording} mode={mode} onDone={() => setMode(null)} /> : null}
    </section>
  );
}

/**
 * Flagging, redaction and deletion each send their own operation, checked with its schema: the
 * note is the flag's or redaction's note, or the deletion's reason.
 */
function CardDataForm({ recording, mode, onDone }: { recording: RecordingDetail; mode: CardDataMode; onDone(): void }) {
  const schema = mode === 'delete' ? contract.deleteCardDataRecording.input : contract.setRecordingCardData.input;
  const deletion = (note: string): InputOf<'deleteCardDataRecording'> => ({ id: recording.id, reason: note });
  const flagging = (note: string): InputOf<'setRecordingCardData'> => ({ id: recording.id, cardData: mode === 'redacted' ? 'redacted' : 'spoken', ...(note.trim() ? { note } : {}) });
  const form = useMappedContractForm<{ note: string }, typeof schema>(schema, { note: '' }, ({ note }) => (mode === 'delete' ? deletion(note) : flagging(note)), () => 'note');
  const flag = useWrite('setRecordingCardData');
  const remove = useWrite('deleteCardDataRecording');
  const [left, setLeft] = useState<string[]>([]);
  const [refused, setRefused] = useState<string | null>(null);
  const submit = form.handleSubmit(async () => {
    setLeft([]);
    setRefused(null);
    const { note } = form.getValues();
    const result = mode === 'delete' ? await remove.run(deletion(note)) : await flag.run(flagging(note));
    if (!result.ok) return setLeft(applyFailure(form, result.error, ['note'], (path) => (path === 'reason' || path === 'note' ? 'note' : path)));
    // Refused by the disposal itself (a hold placed meanwhile): not a mistake in the form, said as what happened.
    if ('refused' in result.value && result.value.refused.length) return setRefused(`Not deleted: ${result.value.refused.map((entry) => entry.reason).join('; ')}`);
    onDone();
  });
  const prompt = mode === 'spoken' ? 'Where in the call were card details spoken, and how do you know?' : mode === 'redacted' ? 'How were they redacted (tool, what was removed)?' : 'Why is this recording deleted now?';
  return (
    <FormProvider {...form}>
      <form className="record-form" aria-label={prompt} onSubmit={(event) => void submit(event)} noValidate>
        <label>
          {prompt}
          <textarea {...form.register('note')} rows={2} autoFocus aria-label={prompt} {...describedBy(form, 'note')} />
          <FieldProblemText name="note" />
        </label>
        {mode === 'delete' ? <p className="notice">The audio file is deleted now, before its retention ends, and the deletion is recorded with its evidence in a disposal batch.</p> : null}
        <FormProblems also={left} />
        {refused ? (
          <p className="failure" role="alert">
            {refused}
          </p>
        ) : null}
        <FormButtons
          submit={mode === 'spoken' ? 'Flag' : mode === 'redacted' ? 'Record redaction' : 'Delete recording'}
          tone={mode === 'delete' ? 'danger' : 'primary'}
          busy={flag.pending || remove.pending}
          onCancel={onDone}
          cancelWhileBusy
        />
      </form>
    </FormProvider>
  );
}
