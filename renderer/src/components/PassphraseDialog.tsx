import { useEffect, useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { contract, type WorkspaceRequest } from '../../../core/contract';
import { describedBy, FieldProblemText, FormProblems, useMappedContractForm } from '../forms';
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


type PassphraseFields = { passphrase: string; again: string; plain: boolean; useKeyStore: boolean };

/**
 * Asks for a workspace's passphrase. Creating: typed twice, checked by createWorkspace's schema
 * (at least the minimum length), or a deliberate choice to keep the file unencrypted, or the
 * computer's key store. Opening: the passphrase; a wrong one is said here and the dialog stays.
 */
export function PassphraseDialog({ request, onDone, onCancel }: { request: WorkspaceRequest; onDone: (protection: Protection) => Promise<string | null>; onCancel: () => void }) {
  const creating = request.mode === 'create';
  const schema = creating ? contract.createWorkspace.input : contract.openWorkspace.input;
  /** How the workspace is to be protected, from the fields. */
  const protectionOf = (values: PassphraseFields): Protection => (creating && values.useKeyStore ? { osKeyStore: true } : creating && values.plain ? null : values.passphrase);
  const toInput = (values: PassphraseFields, refuse: (path: string, message: string) => void) => {
    const protection = protectionOf(values);
    if (!creating) return { path: request.path, passphrase: values.passphrase };
    if (typeof protection === 'string' && values.again !== values.passphrase) refuse('again', 'the two passphrases differ');
    return typeof protection === 'object' && protection !== null ? { path: request.path, osKeyStore: true } : { path: request.path, passphrase: protection };
  };
  const form = useMappedContractForm<PassphraseFields, typeof schema>(schema, { passphrase: '', again: '', plain: false, useKeyStore: false }, toInput, (path) =>
    // The file's path has no field here: its problem is the form's own.
    path === 'path' ? 'root' : path,
  );
  const values = useWatch({ control: form.control }) as PassphraseFields;
  // The desktop app on a computer with a real secret store offers to keep a random key there.
  const [keyStore, setKeyStore] = useState<{ available: boolean; backend: string | null } | null>(null);
  useEffect(() => {
    if (!creating) return;
    void workbench.getKeyStore({}).then((result) => {
      if (!result.ok) return;
      setKeyStore(result.value);
      form.setValue('useKeyStore', result.value.available);
    });
  }, [creating, form]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = form.handleSubmit(async () => {
    setBusy(true);
    setProblem(await onDone(protectionOf(form.getValues())));
    setBusy(false);
  });
  return (
    <div className="modal-backdrop">
      <FormProvider {...form}>
        <form
          className="modal passphrase-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby="passphrase-title"
          noValidate
          onSubmit={(event) => void submit(event)}
          // A change to a field: the service's earlier answer no longer applies.
          onChange={() => setProblem(null)}
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
                <input type="radio" name="protection" checked={values.useKeyStore} onChange={() => form.setValue('useKeyStore', true)} /> This computer's key store ({keyStore.backend}): a random key, no passphrase to type; the file
                and its backups open on this computer account only (set a passphrase later to restore them elsewhere)
              </label>
              <label className="checkbox">
                <input type="radio" name="protection" checked={!values.useKeyStore} onChange={() => form.setValue('useKeyStore', false)} /> A passphrase: needed to open it, here or on another computer
              </label>
            </fieldset>
          ) : null}
          {!(creating && values.plain) && !(creating && values.useKeyStore) ? (
            <>
              <label className="stacked">
                <span>Passphrase</span>
                <input type="password" {...form.register('passphrase')} {...describedBy(form, 'passphrase')} autoComplete={creating ? 'new-password' : 'current-password'} autoFocus />
              </label>
              <FieldProblemText name="passphrase" below />
              {creating ? (
                <>
                  <label className="stacked">
                    <span>The same passphrase again</span>
                    <input type="password" {...form.register('again')} {...describedBy(form, 'again')} autoComplete="new-password" />
                  </label>
                  <FieldProblemText name="again" below />
                </>
              ) : null}
            </>
          ) : null}
          {creating && !values.useKeyStore ? (
            <label className="checkbox">
              <input type="checkbox" {...form.register('plain')} /> Keep this workspace unencrypted (anyone with the file can read it)
            </label>
          ) : null}
          {/* Said as an alert as well as beside the fields: the dialog stands between the user and the workspace. The file's path has no field here: its problem is the form's own. */}
          <FormProblems lead={creating ? 'Not created.' : 'Not opened.'} also={problem ? [problem] : []} />
          <FormButtons submit={creating ? 'Create workspace' : 'Open'} busy={busy} onCancel={onCancel} />
        </form>
      </FormProvider>
    </div>
  );
}
