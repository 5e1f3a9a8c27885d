import { useState, type FormEvent } from 'react';
import { minimumPassphraseLength } from '../../../../core/passphrase';
import { formatInstant } from '../../components/common';
import { workbench } from '../../bridge';
import { perform, useAppStore } from '../../store';

/** What the passphrase dialog is asked for: a new workspace's passphrase (typed twice), or an encrypted one's. */
type PassphraseRequest = { mode: 'create' | 'open'; path: string };

/** One password field with its label. */
function PassphraseField(props: { label: string; value: string; onChange: (value: string) => void; autoComplete: string; autoFocus?: boolean }) {
  return (
    <label className="stacked">
      <span>{props.label}</span>
      <input type="password" value={props.value} onChange={(event) => props.onChange(event.target.value)} autoComplete={props.autoComplete} autoFocus={props.autoFocus} />
    </label>
  );
}

/**
 * Asks for a workspace's passphrase. Creating: typed twice, at least the minimum length, or a
 * deliberate choice to keep the file unencrypted. Opening: the passphrase; a wrong one is said
 * here and the dialog stays.
 */
function PassphraseDialog({ request, onDone, onCancel }: { request: PassphraseRequest; onDone: (passphrase: string | null) => Promise<string | null>; onCancel: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [plain, setPlain] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const creating = request.mode === 'create';
  /** A change to either field: the earlier error no longer applies. */
  const retyped = (set: (value: string) => void) => (value: string) => {
    set(value);
    setError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (creating && !plain) {
      if (passphrase.length < minimumPassphraseLength) return setError(`Use at least ${minimumPassphraseLength} characters (a few words are easiest to remember).`);
      if (passphrase !== again) return setError('The two passphrases differ.');
    }
    setBusy(true);
    setError(await onDone(creating && plain ? null : passphrase));
    setBusy(false);
  };
  return (
    <div className="modal-backdrop">
      <form className="modal passphrase-dialog" role="dialog" aria-modal="true" aria-labelledby="passphrase-title"
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !busy) onCancel();
        }}
      >
        <h2 id="passphrase-title">{creating ? 'Protect the new workspace' : 'This workspace is encrypted'}</h2>
        <p className="recent-path">{request.path}</p>
        <p>
          {creating
            ? 'The workspace file is encrypted with this passphrase (breach records, callers and the register stay unreadable on a lost laptop). Nobody can recover it if it is forgotten: keep it where your organisation keeps such secrets.'
            : 'Give its passphrase to open it.'}
        </p>
        {!plain ? (
          <>
            <PassphraseField label="Passphrase" value={passphrase} onChange={retyped(setPassphrase)} autoComplete={creating ? 'new-password' : 'current-password'} autoFocus />
            {creating ? <PassphraseField label="The same passphrase again" value={again} onChange={retyped(setAgain)} autoComplete="new-password" /> : null}
          </>
        ) : null}
        {creating ? (
          <label className="checkbox">
            <input type="checkbox" checked={plain} onChange={(event) => setPlain(event.target.checked)} /> Keep this workspace unencrypted (anyone with the file can read it)
          </label>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {creating ? 'Create workspace' : 'Open'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/** First screen when no workspace is open: the demo, recent workspaces, or a file path. */
export function WelcomeView() {
  const recent = useAppStore((state) => state.recent);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [pathError, setPathError] = useState<string | null>(null);
  const [asking, setAsking] = useState<PassphraseRequest | null>(null);
  const showProblem = useAppStore((state) => state.showProblem);

  /** Opens a workspace; an encrypted one asks for its passphrase. */
  const openPath = async (target: string, report: (message: string) => void) => {
    const result = await workbench.openWorkspace({ path: target });
    if (result.ok) return;
    if (result.error.code === 'workspace-locked') setAsking({ mode: 'open', path: target });
    else report(result.error.message.replace(/^path: /, ''));
  };
  const answer = async (passphrase: string | null): Promise<string | null> => {
    if (!asking) return null;
    const result =
      asking.mode === 'create'
        ? await workbench.createWorkspace({ path: asking.path, passphrase })
        : await workbench.openWorkspace({ path: asking.path, passphrase: passphrase ?? '' });
    if (result.ok) {
      setAsking(null);
      return null;
    }
    return result.error.message.replace(/^(path|passphrase): /, '');
  };

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>, mode: 'open' | 'create') => {
    event.preventDefault();
    setPathError(null);
    if (mode === 'create') setAsking({ mode: 'create', path });
    else void run(() => openPath(path, setPathError));
  };

  return (
    <div className="welcome">
      {asking ? <PassphraseDialog key={`${asking.mode}:${asking.path}`} request={asking} onDone={answer} onCancel={() => setAsking(null)} /> : null}
      <div className="welcome-hero">
        <div className="brand-mark large" aria-hidden="true">◆</div>
        <h1>Privacy Workbench</h1>
        <p className="lead">
          Keep the Art. 30 register, watch breach-notification clocks, enforce call-recording retention and give auditors reports they can verify
          — all in one file on this computer.
        </p>
      </div>
      <div className="welcome-grid">
        <section className="welcome-card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">New here?</h2>
          <p>
            The demo workspace holds five organisations drawn from real privacy policies, with their processing activities, legal bases,
            processors (Square, Sterling and Google Analytics) and call-recording practice.
          </p>
          <button className="primary" disabled={busy} onClick={() => void run(() => perform('openDemoWorkspace', {}))} autoFocus>
            Open demo workspace
          </button>
        </section>
        <section className="welcome-card" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent workspaces</h2>
          {recent.length ? (
            <ul className="recent-list">
              {recent.map((entry) => (
                <li key={entry.path}>
                  <button className="recent-item" disabled={busy || !entry.exists} onClick={() => void run(() => openPath(entry.path, (message) => showProblem({ code: 'workspace-invalid', message })))}>
                    <span className="recent-name">{entry.name}</span>
                    <span className="recent-path">{entry.path}</span>
                    <span className="recent-meta">{entry.exists ? `Opened ${formatInstant(entry.openedAt)}` : 'File not found'}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="missing">Workspaces you open will be listed here.</p>
          )}
        </section>
        <section className="welcome-card" aria-labelledby="file-heading">
          <h2 id="file-heading">Workspace file</h2>
          <p>A workspace is one SQLite file. Give its full path to create a new one or open an existing one.</p>
          <form onSubmit={(event) => submit(event, (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'create' ? 'create' : 'open')}>
            <label className="stacked">
              <span>Path</span>
              <input
                value={path}
                onChange={(event) => {
                  setPath(event.target.value);
                  setPathError(null);
                }}
                placeholder="/home/dpo/register.pwb"
                spellCheck={false}
                required
                aria-invalid={pathError !== null}
                aria-describedby={pathError ? 'path-error' : undefined}
              />
            </label>
            {pathError ? (
              <p id="path-error" className="field-error" role="alert">
                {pathError}
              </p>
            ) : null}
            <div className="button-row">
              <button type="submit" value="open" disabled={busy || !path.trim()}>
                Open
              </button>
              <button type="submit" value="create" disabled={busy || !path.trim()}>
                Create new
              </button>
            </div>
          </form>
        </section>
      </div>
    </div>
  );
}
