import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A keyboard-navigable list (arrow keys, Home, End) whose selected row is the detail shown beside it.
 * Implemented as a listbox so screen readers announce the selection.
 */
export function SelectableList<Item>(props: {
  label: string;
  items: readonly Item[];
  keyOf(item: Item): string;
  selected: string | null;
  onSelect(key: string): void;
  render(item: Item): ReactNode;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const { items, keyOf, selected, onSelect } = props;
  const index = items.findIndex((item) => keyOf(item) === selected);

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const onKeyDown = (event: KeyboardEvent) => {
    const last = items.length - 1;
    const move = (to: number) => {
      const item = items[Math.max(0, Math.min(last, to))];
      if (item !== undefined) onSelect(keyOf(item));
      event.preventDefault();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index <= 0 ? 0 : index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(last);
  };

  return (
    <ul
      ref={listRef}
      className="selectable-list"
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      aria-activedescendant={selected ? `option-${selected}` : undefined}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => {
        const key = keyOf(item);
        return (
          <li
            key={key}
            id={`option-${key}`}
            role="option"
            aria-selected={key === selected}
            className={key === selected ? 'list-row selected' : 'list-row'}
            onClick={() => onSelect(key)}
          >
            {props.render(item)}
          </li>
        );
      })}
    </ul>
  );
}
