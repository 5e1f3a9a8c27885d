import { useEffect, useState, type FormEvent } from 'react';
import type { WorkspaceRequest } from '../../../core/contract';
import { minimumPassphraseLength } from '../../../core/passphrase';
import { workbench } from '../bridge';
import { useAppStore } from '../store';
import { FormButtons } from './common';

/**
 * Creates or opens the workspace a request names, with the passphrase given (null: a new workspace
 * kept plain on purpose). Returns null when done, else what went wrong, for the dialog to show.
 */
export async function answerWorkspaceRequest(request: WorkspaceRequest, protection: Protection): Promise<string | null> {
  const result =
    request.mode === 'create'
      ? await workbench.createWorkspace(typeof protection === 'object' && protection !== null ? { path: request.path, osKeyStore: true } : { path: request.path, passphrase: protection })
      : await workbench.openWorkspace({ path: request.path, passphrase: typeof protection === 'string' ? protection : '' });
  if (result.ok) useAppStore.getState().opened(result.value);
  return result.ok ? null : result.error.message.replace(/^(path|passphrase|osKeyStore): /, '');
}

/** How a new workspace is protected: a passphrase, nothing (null, on purpose), or a random key the OS store keeps. */
export type Protection = string | null | { osKeyStore: true };


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
export function PassphraseDialog({ request, onDone, onCancel }: { request: WorkspaceRequest; onDone: (protection: Protection) => Promise<string | null>; onCancel: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [plain, setPlain] = useState(false);
  const creating = request.mode === 'create';
  // The desktop app on a computer with a real secret store offers to keep a random key there.
  const [keyStore, setKeyStore] = useState<{ available: boolean; backend: string | null } | null>(null);
  const [useKeyStore, setUseKeyStore] = useState(false);
  useEffect(() => {
    if (!creating) return;
    void workbench.getKeyStore({}).then((result) => {
      if (!result.ok) return;
      setKeyStore(result.value);
      setUseKeyStore(result.value.available);
    });
  }, [creating]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A change to either field: the earlier error no longer applies. */
  const retyped = (set: (value: string) => void) => (value: string) => {
    set(value);
    setError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (creating && useKeyStore) {
      setBusy(true);
      setError(await onDone({ osKeyStore: true }));
      setBusy(false);
      return;
    }
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
        {creating && keyStore?.available ? (
          <fieldset className="protection-choice">
            <legend>Protect it with</legend>
            <label className="checkbox">
              <input type="radio" name="protection" checked={useKeyStore} onChange={() => setUseKeyStore(true)} /> This computer's key store ({keyStore.backend}): a random key, no passphrase to type; the file
              and its backups open on this computer account only (set a passphrase later to restore them elsewhere)
            </label>
            <label className="checkbox">
              <input type="radio" name="protection" checked={!useKeyStore} onChange={() => setUseKeyStore(false)} /> A passphrase: needed to open it, here or on another computer
            </label>
          </fieldset>
        ) : null}
        {!plain && !useKeyStore ? (
          <>
            <PassphraseField label="Passphrase" value={passphrase} onChange={retyped(setPassphrase)} autoComplete={creating ? 'new-password' : 'current-password'} autoFocus />
            {creating ? <PassphraseField label="The same passphrase again" value={again} onChange={retyped(setAgain)} autoComplete="new-password" /> : null}
          </>
        ) : null}
        {creating && !useKeyStore ? (
          <label className="checkbox">
            <input type="checkbox" checked={plain} onChange={(event) => setPlain(event.target.checked)} /> Keep this workspace unencrypted (anyone with the file can read it)
          </label>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <FormButtons submit={creating ? 'Create workspace' : 'Open'} busy={busy} onCancel={onCancel} />
      </form>
    </div>
  );
}

