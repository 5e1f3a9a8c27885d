import { useEffect, useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { contract, type Profile, type WorkspaceRequest } from '../../core/contract';
import { describedBy, FieldProblemText, FormProblems, useContractForm, useFormWrite } from './forms';
import { answerWorkspaceRequest, PassphraseDialog, type Protection } from './components/PassphraseDialog';
import { workbench } from './bridge';
import { Badge, formatInstant, readableMessage } from './components/common';
import { BackupIndicator, BackupsView } from './features/backups/BackupsView';
import { BrowserAlerts } from './features/incidents/AlertSettings';
import { IncidentsView } from './features/incidents/IncidentsView';
import { RecordingsView } from './features/recordings/RecordingsView';
import { RegisterView } from './features/register/RegisterView';
import { ReportsView } from './features/reports/ReportsView';
import { VendorsView } from './features/vendors/VendorsView';
import { WelcomeView } from './features/welcome/WelcomeView';
import { useHashRoute } from './router';
import { perform, sections, useAppStore, type SectionId } from './store';

const views: Record<SectionId, () => React.JSX.Element> = {
  register: RegisterView,
  vendors: VendorsView,
  incidents: IncidentsView,
  recordings: RecordingsView,
  reports: ReportsView,
  backups: BackupsView,
};

const isMac = navigator.platform.toLowerCase().includes('mac');
const sectionShortcut = (index: number) => `${isMac ? '⌘' : 'Ctrl+'}${index + 1}`;

/**
 * Asked once per computer account: the name the change log records with the account, so an
 * auditor reads "Anna Martin (anna)" rather than only "anna" (or "root").
 */
function ProfilePrompt() {
  const [profile, setProfile] = useState<Profile | null>(null);
  useEffect(() => {
    void workbench.getProfile({}).then((result) => result.ok && setProfile(result.value));
  }, []);
  if (!profile || profile.name) return null;
  return <ProfileForm account={profile.account} onSaved={setProfile} />;
}

function ProfileForm({ account, onSaved }: { account: string; onSaved(profile: Profile): void }) {
  const form = useContractForm(contract.setProfile.input, { name: '' });
  const save = useFormWrite('setProfile', form, ['name']);
  const submit = form.handleSubmit(async (input) => {
    const result = await save.send(input);
    if (result.ok) onSaved(result.value);
  });
  return (
    <FormProvider {...form}>
      <form className="profile-prompt" aria-label="Your name for the change log" onSubmit={(event) => void submit(event)} noValidate>
        <label>
          Your name, as the change log records it with this computer&apos;s account ({account})
          <input {...form.register('name')} {...describedBy(form, 'name')} placeholder="e.g. Anna Martin" />
          <FieldProblemText name="name" />
        </label>
        <button type="submit" className="primary" disabled={save.pending}>
          Save my name
        </button>
        <FormProblems also={save.left} />
      </form>
    </FormProvider>
  );
}

export function App() {
  const { loaded, workspace, section, problem, setSection, load, workspaceChanged, dataChanged, showProblem } = useAppStore();
  useHashRoute();

  useEffect(() => {
    void load();
    const unsubscribe = [workbench.onWorkspaceChanged(workspaceChanged), workbench.onChanged(dataChanged)];
    return () => unsubscribe.forEach((stop) => stop());
  }, [load, workspaceChanged, dataChanged]);

  // The desktop menu's New Workspace… and an encrypted workspace opened from it: the passphrase is asked here.
  const [requested, setRequested] = useState<WorkspaceRequest | null>(null);
  useEffect(() => workbench.onWorkspaceRequested(setRequested), []);
  const answerRequested = async (protection: Protection) => {
    if (!requested) return null;
    const problem = await answerWorkspaceRequest(requested, protection);
    if (problem === null) setRequested(null);
    return problem;
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const index = Number.parseInt(event.key, 10) - 1;
      const target = sections[index];
      if (target && useAppStore.getState().workspace) {
        event.preventDefault();
        setSection(target.id);
        document.getElementById('main')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setSection]);

  if (!loaded) return <div className="app-loading">Starting Privacy Workbench…</div>;
  const View = views[section];
  return (
    <div className={workspace ? 'app' : 'app app-welcome'}>
      {workspace ? (
        <nav className="sidebar" aria-label="Sections">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">◆</span> Privacy Workbench
          </div>
          <ul>
            {sections.map((entry, index) => (
              <li key={entry.id}>
                <button
                  className={entry.id === section ? 'nav-item active' : 'nav-item'}
                  aria-current={entry.id === section ? 'page' : undefined}
                  onClick={() => setSection(entry.id)}
                  title={`${entry.hint} (${sectionShortcut(index)})`}
                >
                  <span className="nav-label">{entry.label}</span>
                  <span className="nav-hint">{entry.hint}</span>
                  <kbd className="nav-key">{sectionShortcut(index)}</kbd>
                </button>
              </li>
            ))}
          </ul>
          <div className="sidebar-footer">
            <button className="link" onClick={() => void perform('closeWorkspace', {})}>
              Close workspace
            </button>
          </div>
        </nav>
      ) : null}
      <div className="main-column">
        {workspace ? (
          <header className="topbar">
            <div className="workspace-name" title={workspace.path}>
              {workspace.name} {workspace.isDemo ? <Badge tone="accent">Demo</Badge> : null}{' '}
              {workspace.encrypted ? (
                <span title={workspace.protection === 'os-key-store' ? "Its key is kept by this computer's key store: it opens on this computer account only." : 'It opens with its passphrase.'}>
                  <Badge tone="success">Encrypted</Badge>
                </span>
              ) : (
                <span title="Anyone with the file can read it. Encrypt it on the Backups screen.">
                  <Badge tone="warning">Not encrypted</Badge>
                </span>
              )}
            </div>
            <div className="workspace-meta">
              {workspace.lastChange ? `Last change ${formatInstant(workspace.lastChange.at)}` : 'No changes yet'} · schema v{workspace.schemaVersion}
              <BackupIndicator />
            </div>
          </header>
        ) : null}
        {requested ? <PassphraseDialog key={`${requested.mode}:${requested.path}`} request={requested} onDone={answerRequested} onCancel={() => setRequested(null)} /> : null}
        <ProfilePrompt />
        {workspace?.warnings.length ? (
          <div className="workspace-warnings" role="alert" aria-label="Found when the workspace opened">
            {workspace.warnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
          </div>
        ) : null}
        {problem ? (
          <div className="problem-bar" role="alert">
            <span>
              <strong>{problem.field ? `${problem.field}: ` : ''}</strong>
              {readableMessage(problem)}
            </span>
            <button className="link" onClick={() => showProblem(null)} aria-label="Dismiss message">
              Dismiss
            </button>
          </div>
        ) : null}
        <main id="main" tabIndex={-1}>
          {workspace ? <View /> : <WelcomeView />}
        </main>
        <BrowserAlerts />
      </div>
    </div>
  );
}
