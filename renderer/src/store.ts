import { create } from 'zustand';
import type { InputOf, OperationName, OutputOf, RecentWorkspace, WorkbenchFailure, WorkspaceInfo } from '../../core/contract';
import { workbench } from './bridge';

/** What a vendor pre-fills in a new incident. */
export interface IncidentDraft {
  title: string;
  processorIds: string[];
  activityIds: string[];
  dataCategories: string[];
  nature: string;
}

export const sections = [
  { id: 'register', label: 'Register', hint: 'Processing activities (Art. 30)' },
  { id: 'vendors', label: 'Vendors', hint: 'Processors and vendors' },
  { id: 'incidents', label: 'Incidents', hint: 'Breach register (Art. 33(5))' },
  { id: 'recordings', label: 'Recordings', hint: 'Call-recording retention' },
  { id: 'reports', label: 'Reports', hint: 'PDF reports for auditors' },
  { id: 'backups', label: 'Backups', hint: 'Backups, restore, encryption' },
] as const;
export type SectionId = (typeof sections)[number]['id'];

interface AppState {
  loaded: boolean;
  workspace: WorkspaceInfo | null;
  recent: RecentWorkspace[];
  section: SectionId;
  /** Bumped after every write, so open views reload what they show. */
  revision: number;
  problem: WorkbenchFailure | null;
  /** A new incident started from elsewhere (a vendor), for the incident form to open with. */
  incidentDraft: IncidentDraft | null;
  setSection(section: SectionId): void;
  startIncident(draft: IncidentDraft | null): void;
  load(): Promise<void>;
  workspaceChanged(workspace: WorkspaceInfo | null): void;
  dataChanged(): void;
  showProblem(problem: WorkbenchFailure | null): void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  loaded: false,
  workspace: null,
  recent: [],
  section: 'register',
  revision: 0,
  problem: null,
  incidentDraft: null,
  setSection: (section) => set({ section }),
  startIncident: (draft) => set(draft ? { incidentDraft: draft, section: 'incidents' } : { incidentDraft: null }),
  async load() {
    const revisionAtStart = get().revision;
    const [workspace, recent] = await Promise.all([workbench.getWorkspace({}), workbench.listRecentWorkspaces({})]);
    // A workspace event that arrived meanwhile is newer than this answer: keep it.
    if (get().revision !== revisionAtStart) return set({ loaded: true, recent: recent.ok ? recent.value : get().recent });
    set({
      loaded: true,
      workspace: workspace.ok ? workspace.value : null,
      recent: recent.ok ? recent.value : [],
      problem: workspace.ok ? null : workspace.error,
    });
  },
  workspaceChanged(workspace) {
    // A message about an earlier attempt no longer applies once another workspace is open.
    set({ workspace, revision: get().revision + 1, problem: null });
    void workbench.listRecentWorkspaces({}).then((recent) => recent.ok && set({ recent: recent.value }));
  },
  dataChanged() {
    set({ revision: get().revision + 1 });
    void workbench.getWorkspace({}).then((workspace) => workspace.ok && set({ workspace: workspace.value }));
  },
  showProblem: (problem) => set({ problem }),
}));

/** Calls one operation; a failure is shown in the app's problem bar and returned as null. */
export async function perform<Name extends OperationName>(name: Name, input: InputOf<Name>): Promise<OutputOf<Name> | null> {
  const operation = workbench[name] as (input: InputOf<Name>) => Promise<{ ok: true; value: OutputOf<Name> } | { ok: false; error: WorkbenchFailure }>;
  const result = await operation(input);
  if (result.ok) {
    if (useAppStore.getState().problem) useAppStore.getState().showProblem(null);
    return result.value;
  }
  useAppStore.getState().showProblem(result.error);
  return null;
}
