import { create } from 'zustand';
import type { InputOf, OperationName, OutputOf, RecentWorkspace, WorkbenchFailure, WorkspaceInfo } from '../../core/contract';
import { workbench } from './bridge';
import { parseRoute, type SectionId } from './routes';

/** What a vendor pre-fills in a new incident. */
export interface IncidentDraft {
  title: string;
  processorIds: string[];
  activityIds: string[];
  dataCategories: string[];
  nature: string;
}

export { sections, type SectionId } from './routes';

interface AppState {
  loaded: boolean;
  workspace: WorkspaceInfo | null;
  recent: RecentWorkspace[];
  section: SectionId;
  /** The record open in the section (an incident's id), part of the screen's address. */
  routeId: string | null;
  /** Bumped after every write, so open views reload what they show. */
  revision: number;
  problem: WorkbenchFailure | null;
  /** A new incident started from elsewhere (a vendor), for the incident form to open with. */
  incidentDraft: IncidentDraft | null;
  setSection(section: SectionId): void;
  /** Goes to a section, and to a record in it when an id is given. */
  navigate(section: SectionId, id?: string | null): void;
  /** Says which record the section has open (so that its address names it). */
  setRouteId(id: string | null): void;
  startIncident(draft: IncidentDraft | null): void;
  load(): Promise<void>;
  workspaceChanged(workspace: WorkspaceInfo | null): void;
  dataChanged(): void;
  showProblem(problem: WorkbenchFailure | null): void;
}

const initialRoute = typeof window === 'undefined' ? null : parseRoute(window.location.hash);

export const useAppStore = create<AppState>()((set, get) => ({
  loaded: false,
  workspace: null,
  recent: [],
  // The address the page was opened at (a reload, a bookmark, a notification) is the first screen.
  section: initialRoute?.section ?? 'register',
  routeId: initialRoute?.id ?? null,
  revision: 0,
  problem: null,
  incidentDraft: null,
  setSection: (section) => set((state) => (state.section === section ? {} : { section, routeId: null })),
  navigate: (section, id = null) => set({ section, routeId: id }),
  setRouteId: (id) => set({ routeId: id }),
  startIncident: (draft) => set(draft ? { incidentDraft: draft, section: 'incidents', routeId: null } : { incidentDraft: null }),
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
