import { create } from 'zustand';
import type { ChangeEvent, InputOf, OperationName, OutputOf, RecentWorkspace, WorkbenchFailure, WorkspaceInfo } from '../../core/contract';
import { onOwnChanges, workbench } from './bridge';
import { forgetAll, refreshAfter } from './queries';
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
  /** Bumped when another workspace opens (or the open one closes), so a slower earlier answer is not taken for it. */
  workspaceEpoch: number;
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
  /**
   * This window opened a workspace and has its answer: shown at once, not only when the
   * workspace-changed event comes (a page whose event stream is not connected yet never hears it).
   */
  opened(workspace: WorkspaceInfo): void;
  /** A write changed the open workspace: the views that read what it changed ask again (renderer/src/queries.ts). */
  dataChanged(change: ChangeEvent): void;
  showProblem(problem: WorkbenchFailure | null): void;
}

const initialRoute = typeof window === 'undefined' ? null : parseRoute(window.location.hash);
/** The newest change-log entry whose change this window has acted on. */
let lastHandledEntry = 0;

export const useAppStore = create<AppState>()((set, get) => ({
  loaded: false,
  workspace: null,
  recent: [],
  // The address the page was opened at (a reload, a bookmark, a notification) is the first screen.
  section: initialRoute?.section ?? 'register',
  routeId: initialRoute?.id ?? null,
  workspaceEpoch: 0,
  problem: null,
  incidentDraft: null,
  setSection: (section) => set((state) => (state.section === section ? {} : { section, routeId: null })),
  navigate: (section, id = null) => set({ section, routeId: id }),
  setRouteId: (id) => set({ routeId: id }),
  startIncident: (draft) => set(draft ? { incidentDraft: draft, section: 'incidents', routeId: null } : { incidentDraft: null }),
  async load() {
    const epochAtStart = get().workspaceEpoch;
    const [workspace, recent] = await Promise.all([workbench.getWorkspace({}), workbench.listRecentWorkspaces({})]);
    // A workspace event that arrived meanwhile is newer than this answer: keep it.
    if (get().workspaceEpoch !== epochAtStart) return set({ loaded: true, recent: recent.ok ? recent.value : get().recent });
    set({
      loaded: true,
      workspace: workspace.ok ? workspace.value : null,
      recent: recent.ok ? recent.value : [],
      problem: workspace.ok ? null : workspace.error,
    });
  },
  workspaceChanged(workspace) {
    // A message about an earlier attempt no longer applies once another workspace is open.
    set({ workspace, workspaceEpoch: get().workspaceEpoch + 1, problem: null });
    // Another file (or the same one restored): its entries are numbered on their own.
    lastHandledEntry = 0;
    forgetAll();
    void workbench.listRecentWorkspaces({}).then((recent) => recent.ok && set({ recent: recent.value }));
  },
  opened(workspace) {
    if (get().workspace?.path !== workspace.path) get().workspaceChanged(workspace);
  },
  dataChanged(change) {
    // The same change heard twice (this window's answer, then the event; or the other way round) is acted on once.
    const real = change.entries.filter((entry) => entry.id > 0);
    if (real.length === change.entries.length && real.length && real.every((entry) => entry.id <= lastHandledEntry)) return;
    lastHandledEntry = Math.max(lastHandledEntry, ...real.map((entry) => entry.id));
    refreshAfter(change);
    // The top bar names the newest change.
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

// This window's own writes refresh what they changed as soon as their answer is back.
onOwnChanges((change) => useAppStore.getState().dataChanged(change));
