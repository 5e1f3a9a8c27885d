import { memo, type ReactNode } from 'react';
import type { WorkbenchFailure } from '../../../core/contract';

export function EmptyState(props: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <h2>{props.title}</h2>
      <div className="empty-state-text">{props.children}</div>
      {props.action ? <div className="empty-state-action">{props.action}</div> : null}
    </div>
  );
}

export function Failure({ error }: { error: WorkbenchFailure }) {
  return (
    <div className="failure" role="alert">
      <strong>{error.code}</strong>: {error.message}
    </div>
  );
}

export function Loading() {
  return (
    <div className="loading" aria-busy="true">
      Loading…
    </div>
  );
}

/** A labelled value in a detail view; says plainly when the value is missing. */
export function Field(props: { label: string; children?: ReactNode; missing?: boolean; wide?: boolean }) {
  return (
    <div className={props.wide ? 'field field-wide' : 'field'}>
      <dt>{props.label}</dt>
      <dd>{props.missing ? <span className="missing">Not recorded</span> : props.children}</dd>
    </div>
  );
}

/** A field whose value is text: shown as it is, or marked "Not recorded" when empty. */
export function TextField(props: { label: string; value: string | null | undefined; wide?: boolean }) {
  return (
    <Field label={props.label} wide={props.wide} missing={!props.value}>
      {props.value}
    </Field>
  );
}

export function Chips({ items, empty = 'None recorded' }: { items: readonly string[]; empty?: string }) {
  if (!items.length) return <span className="missing">{empty}</span>;
  return (
    <ul className="chips">
      {items.map((item) => (
        <li key={item} className="chip">
          {item}
        </li>
      ))}
    </ul>
  );
}

export function Badge(props: { tone?: 'neutral' | 'accent' | 'warning' | 'success' | 'danger'; children: ReactNode }) {
  return <span className={`badge badge-${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Shows a vocabulary code such as "customer-support" as words; free text is left as it is. */
export function humanize(code: string): string {
  return /^[a-z]+(-[a-z]+)*$/.test(code) ? (code.charAt(0).toUpperCase() + code.slice(1)).replaceAll('-', ' ') : code;
}

/** A refusal shown beside the control that caused it; nothing when there is none. */
export function InlineError({ message }: { message: string | null }) {
  return message ? (
    <span className="field-error" role="alert">
      {message}
    </span>
  ) : null;
}

export { describeField, problemsOf, readableMessage } from '../../../core/contract/messages';

/** A form's buttons: its submit button (disabled while the form works) and the one that leaves it. */
export function FormButtons(props: { submit: ReactNode; tone?: 'primary' | 'danger'; busy?: boolean; onCancel(): void; cancel?: ReactNode; cancelWhileBusy?: boolean }) {
  return (
    <div className="button-row">
      <button type="submit" className={props.tone ?? 'primary'} disabled={props.busy}>
        {props.submit}
      </button>
      <button type="button" onClick={props.onCancel} disabled={props.busy && !props.cancelWhileBusy}>
        {props.cancel ?? 'Cancel'}
      </button>
    </div>
  );
}

/** A record's heading: what kind of record, its name, and its actions (badges, buttons) on the right. */
export function RecordHeader(props: { kind: ReactNode; title: ReactNode; children?: ReactNode }) {
  return (
    <header className="record-header">
      <div>
        <div className="record-kind">{props.kind}</div>
        <h2>{props.title}</h2>
      </div>
      {props.children ? <div className="record-actions">{props.children}</div> : null}
    </header>
  );
}

/** A set of check boxes choosing some of `options`; `onChange` gets the new choice, in the order ticked. */
export function Checkboxes<Value extends string | number>(props: {
  options: ReadonlyArray<{ value: Value; label: ReactNode; title?: string }>;
  chosen: readonly Value[];
  onChange(chosen: Value[]): void;
  className?: string;
}) {
  return (
    <div className={props.className ?? 'checkbox-grid'}>
      {props.options.map(({ value, label, title }) => (
        <label key={value} className="checkbox" title={title}>
          <input
            type="checkbox"
            checked={props.chosen.includes(value)}
            onChange={(event) => props.onChange(event.target.checked ? [...props.chosen, value] : props.chosen.filter((entry) => entry !== value))}
          />{' '}
          {label}
        </label>
      ))}
    </div>
  );
}

/** Every IANA time zone this computer knows, with UTC first: listed once, not on every render. */
const zoneNames = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((name) => name !== 'UTC')];

/** The time zones a zone field offers (its `list`), given once per form. */
export const ZoneOptions = memo(function ZoneOptions({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {zoneNames.map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
});

