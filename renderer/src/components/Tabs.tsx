import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * Sub-tabs with the ARIA tabs pattern: one Tab stop on the chosen tab, the arrow keys (and Home,
 * End) move along the row and choose, and the chosen tab names the panel below it (TabPanel).
 */
export function Tabs<Id extends string>(props: { label: string; tabs: ReadonlyArray<readonly [NoInfer<Id>, ReactNode]>; selected: Id; onSelect(id: NoInfer<Id>): void; ids: TabIds }) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent) => {
    const index = props.tabs.findIndex(([id]) => id === props.selected);
    const last = props.tabs.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    props.onSelect(props.tabs[next]![0]);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div ref={list} className="tabs" role="tablist" aria-label={props.label} onKeyDown={move}>
      {props.tabs.map(([id, label]) => {
        const chosen = id === props.selected;
        return (
          <button
            key={id}
            id={props.ids.tab(id)}
            role="tab"
            aria-selected={chosen}
            aria-controls={chosen ? props.ids.panel : undefined}
            tabIndex={chosen ? 0 : -1}
            onClick={() => props.onSelect(id)}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}

export interface TabIds {
  tab(id: string): string;
  panel: string;
}

/** The ids that join a Tabs row to its panel, unique in the page. */
export function useTabIds(): TabIds {
  const base = useId();
  return { tab: (id) => `${base}tab-${id}`, panel: `${base}panel` };
}

/** The panel the chosen tab shows, named by that tab. */
export function TabPanel(props: { ids: TabIds; selected: string; children: ReactNode }) {
  return (
    <div className="tab-panel" role="tabpanel" id={props.ids.panel} aria-labelledby={props.ids.tab(props.selected)}>
      {props.children}
    </div>
  );
}
