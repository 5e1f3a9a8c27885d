import { useState, type FormEvent } from 'react';
import type { WorkspaceRequest } from '../../../../core/contract';
import { formatInstant } from '../../components/common';
import { answerWorkspaceRequest, PassphraseDialog, type Protection } from '../../components/PassphraseDialog';
import { workbench } from '../../bridge';
import { perform, useAppStore } from '../../store';

/** First screen when no workspace is open: the demo, recent workspaces, or a file path. */
export function WelcomeView() {
  const recent = useAppStore((state) => state.recent);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [pathError, setPathError] = useState<string | null>(null);
  const [asking, setAsking] = useState<WorkspaceRequest | null>(null);
  const showProblem = useAppStore((state) => state.showProblem);

  /** Opens a workspace; an encrypted one asks for its passphrase. */
  const openPath = async (target: string, report: (message: string) => void) => {
    const result = await workbench.openWorkspace({ path: target });
    if (result.ok) return useAppStore.getState().opened(result.value);
    if (result.error.code === 'workspace-locked') setAsking({ mode: 'open', path: target });
    else report(result.error.message.replace(/^path: /, ''));
  };
  const answer = async (protection: Protection): Promise<string | null> => {
    if (!asking) return null;
    const problem = await answerWorkspaceRequest(asking, protection);
    if (problem === null) setAsking(null);
    return problem;
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
          <button className="primary" disabled={busy} onClick={() => void run(() => perform('openDemoWorkspace', {}).then((workspace) => workspace && useAppStore.getState().opened(workspace)))} autoFocus>
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
