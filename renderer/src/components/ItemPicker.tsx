import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';

export interface PickerItem {
  id: string;
  label: string;
  /** A second line to tell items apart and to search in (the organisation, the service). */
  detail?: string | null;
}

/**
 * Choosing some of many: the chosen ones as removable chips, a search box, and a list of checkboxes
 * of which only the rows in view are in the page (virtualised). Ten thousand activities cost what
 * thirty do; typing elsewhere in the form stays immediate.
 */
export function ItemPicker(props: { label: string; items: readonly PickerItem[]; chosen: readonly string[]; onChange(chosen: string[]): void; placeholder?: string }) {
  const { items, chosen, onChange } = props;
  const [search, setSearch] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const byId = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? items.filter((item) => `${item.label}\n${item.detail ?? ''}`.toLowerCase().includes(needle)) : items;
  }, [items, search]);
  const chosenSet = useMemo(() => new Set(chosen), [chosen]);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => 30, overscan: 8 });
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen.filter((entry) => entry !== id), id] : chosen.filter((entry) => entry !== id));

  return (
    <div className="item-picker" role="group" aria-label={props.label}>
      <div className="picker-head">
        <span className="picker-title">{props.label}</span>
        <input type="search" aria-label={`Search ${props.label.toLowerCase()}`} placeholder={props.placeholder ?? 'Search'} value={search} onChange={(event) => setSearch(event.target.value)} />
      </div>
      {chosen.length ? (
        <ul className="picker-chosen" aria-label={`${props.label} chosen`}>
          {chosen.map((id) => (
            <li key={id}>
              {byId.get(id)?.label ?? (items.length ? 'No longer in the register' : '…')}
              <button type="button" className="link" aria-label={`Remove ${byId.get(id)?.label ?? 'this one'}`} onClick={() => toggle(id, false)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div ref={scrollRef} className="picker-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = shown[row.index]!;
            return (
              <label key={item.id} className="checkbox" style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}>
                <input type="checkbox" checked={chosenSet.has(item.id)} onChange={(event) => toggle(item.id, event.target.checked)} />
                {item.label}
                {item.detail ? <span className="muted"> · {item.detail}</span> : null}
              </label>
            );
          })}
        </div>
      </div>
      <div className="picker-count muted">{search ? `${shown.length} of ${items.length} match` : `${items.length} in all`}</div>
    </div>
  );
}
