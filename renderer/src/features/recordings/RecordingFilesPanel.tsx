import { useState, type ChangeEvent } from 'react';
import { FormProvider } from 'react-hook-form';
import { contract, type FolderScanResult, type RecordingFile, type RecordingSettings } from '../../../../core/contract';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useContractForm, useFormWrite, useMappedContractForm, useWrite } from '../../forms';
import { workbench } from '../../bridge';
import { Badge, EmptyState, Failure, formatInstant, InlineError, Loading, readableMessage } from '../../components/common';
import { useOperation } from '../../useOperation';
import { RecordingPlayer } from './RecordingPlayer';

/** The recordings folder and backup retention, the scan that matches audio files to calls, the matched files, and ticket states. */
export function RecordingFilesPanel() {
  return (
    <div className="recording-files">
      <FolderSettings />
      <FolderScan />
      <MatchedFiles />
      <TicketStates />
    </div>
  );
}

function FolderSettings() {
  const settings = useOperation('getRecordingSettings', {});
  if (settings.state === 'loading') return <Loading />;
  if (settings.state === 'failed') return <Failure error={settings.error} />;
  return <FolderSettingsForm saved={settings.value} />;
}

type FolderFields = { folder: string; backupRetentionDays: string; callerCountry: string };

/** The settings as typed: an empty folder or country is none, the days a whole number. */
function folderInputOf(values: FolderFields, refuse: (path: string, message: string) => void) {
  const days = values.backupRetentionDays.trim();
  if (!/^\d+$/.test(days)) refuse('backupRetentionDays', 'give a whole number of days');
  return {
    folder: values.folder.trim() || null,
    backupRetentionDays: Number(days),
    callerCountry: values.callerCountry.trim() ? values.callerCountry.trim().toUpperCase() : null,
  };
}

function FolderSettingsForm({ saved }: { saved: RecordingSettings }) {
  const form = useMappedContractForm<FolderFields, typeof contract.setRecordingSettings.input>(
    contract.setRecordingSettings.input,
    { folder: saved.folder ?? '', backupRetentionDays: String(saved.backupRetentionDays), callerCountry: saved.callerCountry ?? '' },
    folderInputOf,
  );
  const save = useWrite('setRecordingSettings');
  const [left, setLeft] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const submit = form.handleSubmit(async (input) => {
    setDone(false);
    setLeft([]);
    const result = await save.run(input);
    if (!result.ok) return setLeft(applyFailure(form, result.error, ['folder', 'backupRetentionDays', 'callerCountry']));
    setDone(true);
  });
  return (
    <FormProvider {...form}>
      <section className="card" aria-label="Recordings folder">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2>Recordings folder</h2>
        <p className="muted">
          Where the phone system writes its recordings (Asterisk MixMonitor: usually /var/spool/asterisk/monitor). The app reads and deletes audio files only
          inside this folder.
        </p>
        <div className="form-row">
          <label>
            Recordings folder (full path)
            <input {...form.register('folder')} placeholder="/var/spool/asterisk/monitor" {...describedBy(form, 'folder')} />
            <FieldProblemText name="folder" />
          </label>
          <label>
            Backups keep a deleted file for (days)
            <input inputMode="numeric" {...form.register('backupRetentionDays')} {...describedBy(form, 'backupRetentionDays')} />
            <FieldProblemText name="backupRetentionDays" />
          </label>
          <label>
            Callers&apos; country (two letters, e.g. GB)
            <input
              {...form.register('callerCountry')}
              maxLength={2}
              placeholder="GB"
              {...describedBy(form, 'callerCountry')}
              aria-describedby={['caller-country-note', describedBy(form, 'callerCountry')['aria-describedby']].filter(Boolean).join(' ')}
            />
            <FieldProblemText name="callerCountry" />
          </label>
        </div>
        <p className="note" id="caller-country-note">
          The country whose national numbers the phone system writes: "07700 991456" is then read as +44 7700 991456, so holds and searches find a caller in
          either form.
        </p>
        <FormProblems also={left} />
        <div className="button-row">
          <button className="primary" type="submit" disabled={save.pending}>
            Save folder settings
          </button>
          {done ? <span role="status">Saved.</span> : null}
        </div>
      </form>
      </section>
    </FormProvider>
  );
}

function FolderScan() {
  const files = useOperation('listRecordingFiles', {});
  if (files.state === 'loading') return <Loading />;
  if (files.state === 'failed') return <Failure error={files.error} />;
  return <FolderScanForm savedPattern={files.value.savedPattern ?? ''} />;
}

/** The scan of the folder, with the file-name pattern it saves (scanRecordingsFolder's schema checks it). */
function FolderScanForm({ savedPattern }: { savedPattern: string }) {
  const form = useContractForm(contract.scanRecordingsFolder.input, { pattern: savedPattern });
  const scan = useFormWrite('scanRecordingsFolder', form, ['pattern']);
  const [result, setResult] = useState<FolderScanResult | null>(null);
  const submit = form.handleSubmit(async (input) => {
    setResult(null);
    const outcome = await scan.send({ pattern: input.pattern ?? '' });
    if (outcome.ok) setResult(outcome.value);
  });
  return (
    <FormProvider {...form}>
      <form className="card" aria-label="Scan the folder" onSubmit={(event) => void submit(event)} noValidate>
        <h2>Scan the folder for audio files</h2>
        <p className="muted">
          WAV, MP3, OGG, Opus, M4A and GSM files are matched to calls by the call's uniqueid (the file name, or one of its parts between dashes or underscores). For
          other names, give a pattern with {'{uniqueid}'}, {'{src}'}, {'{dst}'}, {'{date:YYYYMMDD}'}, {'{time:HHMMSS}'} and {'{*}'} (anything), e.g.
          in-{'{dst}'}-{'{src}'}-{'{date:YYYYMMDD}'}-{'{time:HHMMSS}'}-{'{uniqueid}'}. Each matched file's SHA-256 and size are registered.
        </p>
        <div className="form-row">
          <label>
            File-name pattern (optional, saved with the workspace)
            <input {...form.register('pattern')} placeholder="in-{dst}-{src}-{date:YYYYMMDD}-{time:HHMMSS}-{uniqueid}" {...describedBy(form, 'pattern')} />
          </label>
        </div>
        <FieldProblemText name="pattern" below />
        <FormProblems also={scan.left} />
        <div className="button-row">
          <button className="primary" type="submit" disabled={scan.pending}>
            {scan.pending ? 'Scanning…' : 'Scan folder'}
          </button>
          {scan.pending ? (
            <span role="status" className="scan-progress">
              <progress aria-label="Scanning the recordings folder" /> Reading and hashing the audio files…
            </span>
          ) : null}
        </div>
        {result ? <ScanResult result={result} /> : null}
      </form>
    </FormProvider>
  );
}

function NameList({ title, list }: { title: string; list: { count: number; first: string[] } }) {
  if (!list.count) return null;
  return (
    <details className="scan-names">
      <summary>
        {title}: {list.count}
      </summary>
      <ul className="plain-list">
        {list.first.map((name) => (
          <li key={name}>
            <code>{name}</code>
          </li>
        ))}
        {list.count > list.first.length ? <li className="muted">… and {list.count - list.first.length} more</li> : null}
      </ul>
    </details>
  );
}

function ScanResult({ result }: { result: FolderScanResult }) {
  return (
    <div className="scan-result" role="status" aria-label="Scan result">
      <p>
        Scanned {result.scanned} audio {result.scanned === 1 ? 'file' : 'files'}: <strong>{result.matched} newly matched</strong>, {result.alreadyKnown} already known,{' '}
        {result.unmatched.count} unmatched; {result.ignored} other {result.ignored === 1 ? 'file' : 'files'} ignored.
      </p>
      {result.changed.length ? (
        <table className="table rejected">
          <caption>Changed since they were registered (the registered SHA-256 is kept as evidence; check these files)</caption>
          <thead>
            <tr>
              <th>File</th>
              <th>Registered file</th>
              <th>Registered SHA-256</th>
              <th>Found SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {result.changed.map((entry) => (
              <tr key={`${entry.recordingId}-${entry.file}`}>
                <td>
                  <code>{entry.file}</code>
                </td>
                <td>
                  <code>{entry.registeredFile}</code>
                </td>
                <td>
                  <code>{entry.registeredSha256?.slice(0, 16) ?? 'none'}…</code>
                </td>
                <td>
                  <code>{entry.foundSha256.slice(0, 16)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.disposed.count ? <p className="notice">{result.disposed.count} files belong to calls already disposed of and should no longer exist.</p> : null}
      {result.outside.count ? <p className="notice">{result.outside.count} links lead outside the recordings folder and were not followed.</p> : null}
      <NameList title="Unmatched files" list={result.unmatched} />
      <NameList title="Files of disposed calls" list={result.disposed} />
      <NameList title="Links leading outside the folder" list={result.outside} />
    </div>
  );
}

const sizeText = (bytes: number | null) => (bytes === null ? '—' : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

function MatchedFiles() {
  const files = useOperation('listRecordingFiles', {});
  const [playing, setPlaying] = useState<RecordingFile | null>(null);
  if (files.state === 'loading') return <Loading />;
  if (files.state === 'failed') return <Failure error={files.error} />;
  return (
    <section className="card" aria-label="Matched files">
      <h2>Matched files</h2>
      {!files.value.files.length ? (
        <EmptyState title="No audio file matched yet">Set the recordings folder and scan it: each file matched to a call is listed here.</EmptyState>
      ) : (
        <>
          <p className="muted">
            {files.value.total === 1 ? '1 call has' : `${files.value.total} calls have`} an audio file{files.value.total > files.value.files.length ? `; the ${files.value.files.length} most recent are shown` : ''}.
          </p>
          <table className="table matched-files">
            <thead>
              <tr>
                <th>Call</th>
                <th>Started</th>
                <th>Ticket</th>
                <th>File</th>
                <th>Size</th>
                <th>SHA-256</th>
                <th>Play</th>
              </tr>
            </thead>
            <tbody>
              {files.value.files.map((file) => (
                <tr key={file.recordingId} className={playing?.recordingId === file.recordingId ? 'selected' : undefined}>
                  <td>{file.uniqueid ?? `#${file.recordingId}`}</td>
                  <td>{formatInstant(file.callStart)}</td>
                  <td>{file.ticketId ?? <span className="muted">none</span>}</td>
                  <td>
                    <code>{file.filePath}</code>
                  </td>
                  <td>{sizeText(file.fileSize)}</td>
                  <td>
                    <code title={file.fileSha256 ?? undefined}>{file.fileSha256 ? `${file.fileSha256.slice(0, 12)}…` : '—'}</code>
                  </td>
                  <td>
                    {file.status === 'disposed' ? (
                      <Badge tone="neutral">Disposed</Badge>
                    ) : (
                      <button onClick={() => setPlaying(file)} aria-label={`Play recording ${file.uniqueid ?? file.recordingId}`}>
                        Play
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {playing ? (
            <div className="player-card">
              <header className="record-header">
                <h3>
                  Call {playing.uniqueid ?? `#${playing.recordingId}`} — <code>{playing.filePath}</code>
                </h3>
                <button onClick={() => setPlaying(null)}>Close player</button>
              </header>
              <RecordingPlayer key={playing.recordingId} recordingId={playing.recordingId} hasFile autoPlay />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

function TicketStates() {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ tickets: number; recordings: number; unknownTickets: string[] } | null>(null);
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setDone(null);
    const result = await workbench.importTicketStates({ content: await file.text() });
    if (!result.ok) return setError(readableMessage(result.error));
    setError(null);
    setDone(result.value);
  };
  return (
    <section className="card" aria-label="Ticket states">
      <h2>Ticket states</h2>
      <p className="muted">
        Rules such as dispute evidence (at least six years) count from the closure of the linked ticket. Import a CSV from the ticketing system with the columns
        ticket, state (open, pending or closed) and closed_at (an ISO 8601 instant such as 2026-11-23T09:00:00Z, for closed tickets). The retention of each
        ticket's recordings is recomputed. A file with any bad line is refused as a whole.
      </p>
      <label className="file-button">
        Import ticket states (CSV)
        <input type="file" accept=".csv,text/csv" onChange={(event) => void importFile(event)} />
      </label>
      <InlineError message={error} />
      {done ? (
        <p className="import-result" role="status">
          Updated {done.tickets} {done.tickets === 1 ? 'ticket' : 'tickets'}; {done.recordings} {done.recordings === 1 ? 'recording' : 'recordings'} changed.
          {done.unknownTickets.length ? ` No recording is linked to ${done.unknownTickets.join(', ')}.` : ''}
        </p>
      ) : null}
    </section>
  );
}
