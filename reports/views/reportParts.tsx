import { Fragment, type ReactNode } from 'react';
import type { ZonedInstant } from '../../core/reports/incident';

/**
 * Small pieces the report views share. They use only the classes the print stylesheet styles
 * (report-section, report-table, report-fields, report-empty, report-badge, report-note, report-mono).
 */

/** A UTC ISO instant as "2026-03-27 09:00 UTC". */
export function utcText(instant: string | null | undefined): string {
  if (!instant) return '';
  const iso = new Date(instant).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** An instant with its zone's offset ("2026-03-27T10:00:00.000+01:00") as "2026-03-27 10:00 Europe/Berlin (UTC+01:00)". */
export function localText(instant: ZonedInstant): string {
  const offset = instant.local.slice(23) || 'Z';
  return `${instant.local.slice(0, 10)} ${instant.local.slice(11, 16)} ${instant.zone} (UTC${offset === 'Z' ? '' : offset})`;
}

/** Both lines of a zoned instant: UTC first, then the local time where the law counts. */
export function When({ at }: { at: ZonedInstant | null }) {
  if (!at) return <>No fixed time</>;
  return (
    <>
      {utcText(at.utc)}
      <br />
      {localText(at)}
    </>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="report-empty">{children}</p>;
}

export type Tone = 'danger' | 'warning' | 'ok' | 'neutral';
export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={tone === 'neutral' ? 'report-badge' : `report-badge report-badge-${tone}`}>{children}</span>;
}

/** Label/value pairs; a missing value says so instead of leaving a blank. */
export function Fields({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="report-fields">
      {items.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? 'Not recorded' : breakable(value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/**
 * Text that wraps between words only (issue 19, point 5: "ro/ot"). Cells break at spaces; a run of
 * 24 or more characters without one (an address, a URL, a reference) gets break opportunities
 * (<wbr>) after its slashes, dots, hyphens and underscores, and every 16 characters, so it can
 * still wrap in a narrow column. Nothing is added to the text itself.
 */
export function breakable(value: ReactNode): ReactNode {
  if (typeof value !== 'string' || !/\S{24,}/.test(value)) return value;
  return value.split(/(\S{24,})/).map((part, index) =>
    index % 2 === 0 ? (
      part
    ) : (
      <Fragment key={index}>
        {part
          .split(/(?<=[/._@-])|(?<=^(?:.{16})+)/u)
          .flatMap((piece, at) => (at === 0 ? [piece] : [<wbr key={at} />, piece]))}
      </Fragment>
    ),
  );
}

export function Table({ columns, rows }: { columns: string[]; rows: ReactNode[][] }) {
  return (
    <table className="report-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column}>{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {row.map((cell, column) => (
              <td key={column}>{breakable(cell)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A hash or id, split in two lines of 32 characters so a 64-character SHA-256 fits a table column. */
export function Mono({ text }: { text: string }) {
  return <pre className="report-mono">{text.length > 40 ? `${text.slice(0, 32)}\n${text.slice(32)}` : text}</pre>;
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/** A section id made of a prefix and a stored id, safe for an HTML id and a PDF bookmark. */
export const sectionId = (prefix: string, id: string) => `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
