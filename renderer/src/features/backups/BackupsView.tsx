import { WorkspaceZone } from './WorkspaceZone';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormProvider } from 'react-hook-form';
import { contract, type BackupEntry, type RestorePreview, type RestoreResult, type WorkspaceFileFacts } from '../../../../core/contract';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useMappedContractForm, useWrite } from '../../forms';
import { backupWarningAfterMs, defaultRotation } from '../../../../core/backups';
import { workbench } from '../../bridge';
import { Badge, Failure, formatInstant, InlineError, Loading, readableMessage, FormButtons } from '../../components/common';
import { refresh } from '../../queries';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';

/** "3 hours ago", "2 days ago": how old a backup is, at a glance. */
export function formatAgo(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

const kindLabels: Record<NonNullable<BackupEntry['kind']>, string> = { automatic: 'Automatic', manual: 'By hand', 'before-migration': 'Before an upgrade' };
const kindTones = { automatic: 'neutral', manual: 'accent', 'before-migration': 'warning' } as const;

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
const shortHead = (head: WorkspaceFileFacts['chainHead']) => (head ? `entry ${head.id} · ${head.hash.slice(0, 12)}` : 'empty log');

/**
 * The last backup in the top bar: when, and a warning once changes have waited a day for one
 * (the status is read again every minute, as time alone can make it overdue). Opens the Backups screen.
 */
export function BackupIndicator() {
  const setSection = useAppStore((state) => state.setSection);
  const loaded = useOperation('getBackupStatus', {});
  const status = loaded.state === 'ready' ? loaded.value : null;
  useEffect(() => {
    const timer = setInterval(() => refresh('getBackupStatus'), 60_000);
    return () => clearInterval(timer);
  }, []);
  const isDemo = useAppStore((state) => state.workspace?.isDemo ?? false);
  // The demo (public example data) is never backed up by the app: nothing to say about it unless asked for.
  if (!status || (isDemo && !status.lastBackupAt)) return null;
  const label = status.lastBackupAt ? `Backed up ${formatAgo(status.lastBackupAt)}` : 'Never backed up';
  const title = `${status.lastBackupAt ? `Last backup ${formatInstant(status.lastBackupAt)}` : 'No backup yet'}${status.upToDate ? ', holding the latest change' : ', older than the latest change'}. ${status.folder}`;
  return (
    <>
      {' · '}
      <button className={`backup-indicator link${status.overdue || status.problem ? ' overdue' : ''}`} onClick={() => setSection('backups')} title={title}>
      {status.problem ? <Badge tone="danger">Backup failed</Badge> : status.overdue ? <Badge tone="warning">{status.lastBackupAt ? `No backup for ${formatAgo(status.lastBackupAt).replace(' ago', '')}` : 'Not backed up'}</Badge> : <span>{label}</span>}
      </button>
    </>
  );
}

/** The Backups screen: the status, the backups folder, restore with a preview, and the workspace's encryption. */
export function BackupsView() {
  const workspace = useAppStore((state) => state.workspace);
  const status = useOperation('getBackupStatus', {});
  const listing = useOperation('listBackups', {});
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<BackupEntry | null>(null);
  const [restored, setRestored] = useState<RestoreResult | null>(null);

  // Ctrl+B (⌘B): back up now, from anywhere on this screen.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'b') {
        event.preventDefault();
        document.getElementById('back-up-now')?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const backUpNow = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    const result = await workbench.backUpNow({});
    setBusy(false);
    if (!result.ok) return setError(readableMessage(result.error));
    setMade(result.value.fileName);
    // A backup is a new file beside the workspace, not a write: no change event names it.
    refresh('getBackupStatus');
    refresh('listBackups');
  };

  return (
    <div className="section backups">
      <header className="section-header">
        <h1>Backups</h1>
        <span className="muted">Copies of this workspace, checked when written (SQLite's quick_check and the change log's chain) and named with the change-log head they hold.</span>
      </header>
      <div className="card-stack">
        <div className="card backup-status">
          {status.state === 'ready' ? (
            <>
              <div className="backup-status-line">
                <div>
                  <div className="backup-status-title">
                    {status.value.lastBackupAt ? `Last backup ${formatInstant(status.value.lastBackupAt)} (${formatAgo(status.value.lastBackupAt)})` : 'This workspace has never been backed up'}{' '}
                    {status.value.upToDate ? <Badge tone="success">Holds the latest change</Badge> : status.value.overdue ? <Badge tone="warning">Changes older than a day are in no backup</Badge> : <Badge>Changes since</Badge>}
                  </div>
                  <p className="muted">
                    {status.value.automatic
                      ? `Automatic: once a day while the workspace is open and on closing, whenever something changed; before every upgrade of its format. Kept: the newest of the last ${defaultRotation.daily} days, ${defaultRotation.weekly} weeks and ${defaultRotation.monthly} months; backups made by hand stay until you delete them.`
                      : workspace?.isDemo
                        ? 'The demo holds public example data: it is not backed up automatically.'
                        : 'Automatic backups are taken by the app; this session backs up only when asked.'}{' '}
                    Folder: <code>{status.value.folder}</code>
                  </p>
                  {status.value.problem ? <InlineError message={status.value.problem} /> : null}
                </div>
                <button id="back-up-now" className="primary" onClick={() => void backUpNow()} disabled={busy} aria-keyshortcuts="Control+B" title="Back up now (Ctrl+B)">
                  {busy ? 'Backing up…' : 'Back up now'}
                </button>
              </div>
              {made ? (
                <p className="success-note" role="status">
                  Backed up and checked: {made}
                </p>
              ) : null}
              <InlineError message={error} />
            </>
          ) : status.state === 'failed' ? (
            <Failure error={status.error} />
          ) : (
            <Loading />
          )}
        </div>

        {restored ? (
          <div className="card restore-done" role="status">
            <h2>Restored</h2>
            <p>
              The workspace now holds the backup's records ({shortHead(restored.workspace.lastChange ? { id: restored.workspace.lastChange.id, hash: restored.workspace.lastChange.hash } : null)}, the restore itself logged as the last entry).
            </p>
            {restored.keptAside ? (
              <p>
                The workspace it replaced is kept whole at <code>{restored.keptAside}</code>.
              </p>
            ) : null}
            {restored.passphraseNote ? <p className="warning-note">{restored.passphraseNote}</p> : null}
          </div>
        ) : null}

        {listing.state === 'ready' ? (
          <div className="card">
            <h2>In the backups folder</h2>
            <BackupTimeline backups={listing.value.backups} />
            {listing.value.backups.length === 0 ? (
              <p className="muted">No backups yet.</p>
            ) : (
              <table className="table backups-table" aria-label="Backups">
                <thead>
                  <tr>
                    <th>Taken</th>
                    <th>Why</th>
                    <th>Change log</th>
                    <th>Schema</th>
                    <th>Activities</th>
                    <th>Size</th>
                    <th scope="col">Restore</th>
                  </tr>
                </thead>
                <tbody>
                  {listing.value.backups.map((entry) => (
                    <tr key={entry.path} className={selected?.path === entry.path ? 'selected' : undefined}>
                      <td title={entry.fileName}>{entry.takenAt ? formatInstant(entry.takenAt) : entry.fileName}</td>
                      <td>{entry.kind ? <Badge tone={kindTones[entry.kind]}>{kindLabels[entry.kind]}</Badge> : <Badge>Renamed</Badge>}</td>
                      {entry.facts ? (
                        <>
                          <td>
                            <code>{shortHead(entry.facts.chainHead)}</code> {entry.facts.encrypted ? null : <Badge tone="warning">Not encrypted</Badge>}
                          </td>
                          <td>v{entry.facts.schemaVersion}</td>
                          <td className="numeric">{entry.facts.counts.activities ?? 0}</td>
                          <td className="numeric">{formatBytes(entry.facts.bytes)}</td>
                        </>
                      ) : (
                        <td colSpan={4} className="muted">
                          {entry.problem}
                        </td>
                      )}
                      <td>
                        <button onClick={() => setSelected(entry)} aria-label={`Preview restore of the backup of ${entry.takenAt ? formatInstant(entry.takenAt) : entry.fileName}`}>
                          Preview restore
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ) : listing.state === 'failed' ? (
          <Failure error={listing.error} />
        ) : (
          <Loading />
        )}

        {selected ? (
          <RestorePanel
            key={selected.path}
            entry={selected}
            onClose={() => setSelected(null)}
            onRestored={(result) => {
              setSelected(null);
              setRestored(result);
            }}
          />
        ) : null}

        <EncryptionCard />
        <WorkspaceZone />
      </div>
    </div>
  );
}

/** The last 60 days of backups as dots on a line, by kind: gaps show at a glance. */
function BackupTimeline({ backups }: { backups: BackupEntry[] }) {
  const days = 60;
  const now = Date.now();
  const start = now - days * 24 * 60 * 60 * 1000;
  const width = 640;
  const x = (iso: string) => 8 + ((Date.parse(iso) - start) / (now - start)) * (width - 16);
  const shown = backups.filter((entry) => entry.takenAt && Date.parse(entry.takenAt) >= start);
  const newest = shown[0]?.takenAt ? Date.parse(shown[0].takenAt) : null;
  return (
    <figure className="backup-timeline">
      <svg viewBox={`0 0 ${width} 44`} role="img" aria-label={`${shown.length} backups in the last ${days} days`}>
        <line x1="8" x2={width - 8} y1="22" y2="22" className="axis" />
        {newest !== null && now - newest > backupWarningAfterMs ? <rect x={x(new Date(newest).toISOString())} y="14" width={width - 8 - x(new Date(newest).toISOString())} height="16" className="gap" /> : null}
        {[0, 15, 30, 45, 60].map((ago) => {
          const at = new Date(now - ago * 24 * 60 * 60 * 1000).toISOString();
          return (
            <text key={ago} x={x(at)} y="42" textAnchor={ago === 0 ? 'end' : ago === 60 ? 'start' : 'middle'} className="tick">
              {ago === 0 ? 'today' : `${ago} days ago`}
            </text>
          );
        })}
        {shown.map((entry) => (
          <circle key={entry.path} cx={x(entry.takenAt!)} cy="22" r={entry.kind === 'automatic' ? 4 : 5} className={`dot ${entry.kind ?? 'manual'}`}>
            <title>{`${formatInstant(entry.takenAt!)}: ${entry.kind ? kindLabels[entry.kind] : entry.fileName}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted">
        Last {days} days: <span className="timeline-key automatic">automatic</span> <span className="timeline-key manual">by hand</span> <span className="timeline-key before-migration">before an upgrade</span>
      </figcaption>
    </figure>
  );
}

/** What a restore would change, side by side; then the restore, confirmed. */
function RestorePanel({ entry, onClose, onRestored }: { entry: BackupEntry; onClose: () => void; onRestored: (result: RestoreResult) => void }) {
  const [passphrase, setPassphrase] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  // Chosen from a long list, the preview is brought into view.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  useEffect(() => {
    let current = true;
    void workbench.previewRestore({ path: entry.path, ...(passphrase !== undefined ? { passphrase } : {}) }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setPreview(result.value);
        setNeedsPassphrase(false);
        setError(null);
      } else {
        setNeedsPassphrase(result.error.code === 'workspace-locked');
        setError(readableMessage(result.error));
      }
    });
    return () => {
      current = false;
    };
  }, [entry.path, passphrase]);

  const restore = async () => {
    setBusy(true);
    const result = await workbench.restoreBackup({ path: entry.path, ...(passphrase !== undefined ? { passphrase } : {}) });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setError(readableMessage(result.error));
    onRestored(result.value);
  };
  const kinds = preview ? Object.keys(preview.backup.counts) : [];
  return (
    <div className="card restore-preview" aria-label="Restore preview" ref={panel}>
      <div className="card-stack-toolbar">
        <h2>Restore {entry.takenAt ? `the backup of ${formatInstant(entry.takenAt)}` : entry.fileName}?</h2>
        <button className="link" onClick={onClose}>
          Close
        </button>
      </div>
      {needsPassphrase ? (
        <form
          className="inline-form"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            setPassphrase(typed);
          }}
        >
          <label className="stacked">
            <span>The passphrase this backup was made under</span>
            <input type="password" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="current-password" autoFocus />
          </label>
          <button type="submit">Read the backup</button>
        </form>
      ) : null}
      <InlineError message={error} />
      {preview ? (
        <>
          <table className="table restore-table" aria-label="What the restore changes">
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th>Now</th>
                <th>In the backup</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Change log</th>
                <td>
                  <code>{preview.current ? shortHead(preview.current.chainHead) : '—'}</code>
                </td>
                <td>
                  <code>{shortHead(preview.backup.chainHead)}</code>
                </td>
                <td />
              </tr>
              <tr>
                <th scope="row">Schema</th>
                <td>{preview.current ? `v${preview.current.schemaVersion}` : '—'}</td>
                <td>v{preview.backup.schemaVersion}</td>
                <td>{preview.current && preview.backup.schemaVersion < preview.current.schemaVersion ? 'upgraded when restored' : ''}</td>
              </tr>
              {kinds.map((kind) => {
                const now = preview.current?.counts[kind] ?? 0;
                const then = preview.backup.counts[kind] ?? 0;
                return (
                  <tr key={kind} className={now !== then ? 'differs' : undefined}>
                    <th scope="row">{kind.charAt(0).toUpperCase() + kind.slice(1)}</th>
                    <td className="numeric">{preview.current ? now : '—'}</td>
                    <td className="numeric">{then}</td>
                    <td className="numeric">{preview.current && now !== then ? `${then > now ? '+' : ''}${then - now}` : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {!preview.backup.encrypted && preview.current?.encrypted ? <p className="muted">The backup is not encrypted: the restored workspace is encrypted with its present key.</p> : null}
          {preview.currentProblem ? <p className="warning-note">The current file cannot be read ({preview.currentProblem}); it is kept aside as it is.</p> : null}
          {preview.refused ? (
            <p className="warning-note" role="alert">
              {preview.refused}
            </p>
          ) : (
            <div className="button-row">
              <button className="primary danger" onClick={() => setConfirming(true)}>
                Restore this backup…
              </button>
              <span className="muted">Nothing changes until you confirm; the current workspace is then kept whole beside it.</span>
            </div>
          )}
        </>
      ) : !error ? (
        <Loading />
      ) : null}
      {confirming && preview ? (
        <div className="modal-backdrop">
          <div
            className="modal"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="restore-confirm-title"
            onKeyDown={(event) => {
              if (event.key === 'Escape' && !busy) setConfirming(false);
            }}
          >
            <h2 id="restore-confirm-title">Replace the workspace with this backup?</h2>
            <p>
              The workspace goes back to {shortHead(preview.backup.chainHead)}. The file as it is now is kept whole beside it (<code>….before-restore-…</code>), and the restore is written in the change log
              with the head it replaced.
            </p>
            <div className="button-row">
              <button className="primary danger" onClick={() => void restore()} disabled={busy} autoFocus>
                {busy ? 'Restoring…' : 'Restore'}
              </button>
              <button onClick={() => setConfirming(false)} disabled={busy}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Encrypted or not, and the way to change that: a new passphrase, or encrypting a plain workspace. */
function EncryptionCard() {
  const workspace = useAppStore((state) => state.workspace);
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!workspace || workspace.isDemo) return null;
  const encrypted = workspace.encrypted;
  const osHeld = workspace.protection === 'os-key-store';
  return (
    <div className="card encryption">
      <div className="card-stack-toolbar">
        <h2>
          Encryption {encrypted ? <Badge tone="success">Encrypted</Badge> : <Badge tone="warning">Not encrypted</Badge>}
        </h2>
        {!open ? <button onClick={() => setOpen(true)}>{osHeld ? 'Set a passphrase…' : encrypted ? 'Change passphrase…' : 'Encrypt…'}</button> : null}
      </div>
      <p className="muted">
        {osHeld
          ? "The key is random and kept by this computer's key store: the file and its backups open on this computer account only. Set a passphrase so that the workspace, and the backups taken from then on, open elsewhere too (the backups of a lost laptop, say); backups taken before keep the key only this account holds."
          : encrypted
          ? 'The file and its backups are unreadable without the passphrase (SQLCipher 4, key derived with scrypt). Nobody can recover a forgotten passphrase.'
          : 'Anyone with the file can read the whole register, incidents and callers. Encrypting writes an encrypted copy, checks it and puts it in place; the plain file is kept until you delete it.'}
      </p>
      {done ? (
        <p className="success-note" role="status">
          {done}
        </p>
      ) : null}
      {open ? (
        <PassphraseChange
          encrypted={encrypted}
          osHeld={osHeld}
          onCancel={() => setOpen(false)}
          onDone={(said) => {
            setDone(said);
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

type PassphraseFields = { current: string; passphrase: string; again: string };

/**
 * A new passphrase, typed twice: changePassphrase's schema (or encryptWorkspace's for a plain
 * workspace) checks it, and the two typings must agree. The present one is asked for unless the
 * computer's key store holds the key.
 */
function PassphraseChange({ encrypted, osHeld, onCancel, onDone }: { encrypted: boolean; osHeld: boolean; onCancel(): void; onDone(said: string): void }) {
  const schema = encrypted ? contract.changePassphrase.input : contract.encryptWorkspace.input;
  const toInput = (values: PassphraseFields, refuse: (path: string, message: string) => void) => {
    if (values.again !== values.passphrase) refuse('again', 'the two new passphrases differ');
    return encrypted ? { current: values.current, passphrase: values.passphrase } : { passphrase: values.passphrase };
  };
  const form = useMappedContractForm<PassphraseFields, typeof schema>(schema, { current: '', passphrase: '', again: '' }, toInput);
  const change = useWrite('changePassphrase');
  const encrypt = useWrite('encryptWorkspace');
  const [left, setLeft] = useState<string[]>([]);
  const submit = form.handleSubmit(async () => {
    setLeft([]);
    const { current, passphrase } = form.getValues();
    if (encrypted) {
      const result = await change.run({ current, passphrase });
      if (!result.ok) return setLeft(applyFailure(form, result.error, ['current', 'passphrase']));
      return onDone('The passphrase was changed. Backups made before still open with the old one.');
    }
    const result = await encrypt.run({ passphrase });
    if (!result.ok) return setLeft(applyFailure(form, result.error, ['passphrase']));
    onDone(
      `Encrypted. The plain file is kept at ${result.value.keptPlain}: anyone with it can read the whole workspace; delete it once you no longer need it.` +
        (result.value.plainBackups.length ? ` ${result.value.plainBackups.length} earlier backup(s) are not encrypted either.` : ''),
    );
  });
  const busy = change.pending || encrypt.pending;
  return (
    <FormProvider {...form}>
      <form className="passphrase-change" onSubmit={(event) => void submit(event)} aria-label={encrypted ? 'Change the passphrase' : 'Encrypt the workspace'} noValidate>
        {encrypted && !osHeld ? (
          <>
            <label className="stacked">
              <span>Present passphrase</span>
              <input type="password" {...form.register('current')} {...describedBy(form, 'current')} autoComplete="current-password" autoFocus />
            </label>
            <FieldProblemText name="current" below />
          </>
        ) : null}
        <label className="stacked">
          <span>New passphrase</span>
          <input type="password" {...form.register('passphrase')} {...describedBy(form, 'passphrase')} autoComplete="new-password" autoFocus={!encrypted || osHeld} />
        </label>
        <FieldProblemText name="passphrase" below />
        <label className="stacked">
          <span>The new passphrase again</span>
          <input type="password" {...form.register('again')} {...describedBy(form, 'again')} autoComplete="new-password" />
        </label>
        <FieldProblemText name="again" below />
        <FormProblems also={left} />
        <FormButtons submit={busy ? 'Re-encrypting…' : encrypted ? 'Change passphrase' : 'Encrypt'} busy={busy} onCancel={onCancel} />
      </form>
    </FormProvider>
  );
}
