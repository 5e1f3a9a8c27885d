import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A keyboard-navigable list (arrow keys, Page Up/Down, Home, End) whose selected row is the detail
 * shown beside it. Implemented as a listbox so screen readers announce the selection. Only the rows
 * in view are in the page (virtualised), so a register of 10 000 activities stays fluid.
 */
export function SelectableList<Item>(props: {
  label: string;
  /** The list's element id: a search field names it in aria-controls and moves into it (resultsKeys). */
  id?: string;
  items: readonly Item[];
  keyOf(item: Item): string;
  selected: string | null;
  onSelect(key: string): void;
  render(item: Item): ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items, keyOf, selected, onSelect } = props;
  const index = items.findIndex((item) => keyOf(item) === selected);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 58,
    overscan: 8,
    getItemKey: (at) => keyOf(items[at]!),
  });

  useEffect(() => {
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, virtualizer]);

  const onKeyDown = (event: KeyboardEvent) => {
    const last = items.length - 1;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 580) / 58) - 1);
    const move = (to: number) => {
      const item = items[Math.max(0, Math.min(last, to))];
      if (item !== undefined) onSelect(keyOf(item));
      event.preventDefault();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index <= 0 ? 0 : index - 1);
    else if (event.key === 'PageDown') move(index + page);
    else if (event.key === 'PageUp') move(index - page);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(last);
  };

  return (
    <div
      ref={scrollRef}
      className="selectable-list"
      role="listbox"
      id={props.id}
      aria-label={props.label}
      tabIndex={0}
      // Only a row that is in the page can be the active descendant (the list is virtualised).
      aria-activedescendant={selected && virtualizer.getVirtualItems().some((row) => row.index === index) ? `option-${selected}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]!;
          const key = keyOf(item);
          return (
            <div
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              id={`option-${key}`}
              role="option"
              aria-selected={key === selected}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              className={key === selected ? 'list-row selected' : 'list-row'}
              style={{ transform: `translateY(${row.start}px)` }}
              onClick={() => onSelect(key)}
            >
              {props.render(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * For the search field above a list: Down Arrow moves into the results, one key press instead of a
 * Tab through every filter between them (the field says so to screen readers).
 */
export function resultsKeys(listId: string, shown: boolean) {
  return {
    // Named only while the list is in the page: an id that points at nothing is an error to assistive technology.
    'aria-controls': shown ? listId : undefined,
    'aria-keyshortcuts': 'ArrowDown',
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      const list = document.getElementById(listId);
      if (event.key !== 'ArrowDown' || !list) return;
      event.preventDefault();
      list.focus();
    },
  };
}
