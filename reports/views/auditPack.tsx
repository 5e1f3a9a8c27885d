import { renderToStaticMarkup } from 'react-dom/server';
import type { AuditPackData, AuditPackPart } from '../../core/reports/auditPack';
import type { ReportKind, ReportMeta, ReportSection } from '../../core/reports/model';
import type { ReportView } from '../types';

/** Heading ids of part `index`: each part's own ids, prefixed so two parts never share one. */
const partPrefix = (index: number) => `part${index + 1}-`;
const partId = (index: number) => `part-${index + 1}`;

/** A part's body as markup, its ids and in-document links moved under the part's prefix. */
function partMarkup(view: ReportView, part: AuditPackPart, meta: ReportMeta, index: number): string {
  const partMeta: ReportMeta = { ...meta, kind: part.kind, title: part.title, organisation: part.organisation, scope: part.scope, filters: part.filters };
  return renderToStaticMarkup(view.body(part.snapshot, partMeta))
    .replace(/ id="([^"]*)"/g, (_match, id: string) => ` id="${partPrefix(index)}${id}"`)
    .replace(/ href="#([^"]*)"/g, (_match, id: string) => ` href="#${partPrefix(index)}${id}"`);
}

/**
 * The audit pack: every report behind one cover and one table of contents. Each report is a part
 * that starts on its own page under an h1, so the outline nests its sections below it.
 * `viewOf` is the registry's lookup (passed in, so the registry can hold this view too).
 */
export function createAuditPackView(viewOf: (kind: ReportKind) => ReportView | undefined): ReportView<AuditPackData> {
  return {
    kind: 'audit-pack',
    sections: (snapshot) => [
      { id: 'pack-overview', title: 'What this pack holds', level: 1 },
      ...snapshot.data.parts.flatMap((part, index): ReportSection[] => {
        const view = viewOf(part.kind);
        const inner = view ? view.sections(part.snapshot).filter((section) => section.level === 1) : [];
        return [
          { id: partId(index), title: part.title, level: 1 },
          ...inner.map((section): ReportSection => ({ id: `${partPrefix(index)}${section.id}`, title: section.title, level: 2 })),
        ];
      }),
    ],
    body: (snapshot, meta) => {
      const { parts, omitted } = snapshot.data;
      return (
        <>
          <section className="report-section">
            <h2 id="pack-overview">What this pack holds</h2>
            {parts.length ? (
              <table className="report-table">
                <thead>
                  <tr>
                    <th className="report-number">Part</th>
                    <th>Report</th>
                    <th>Organisation</th>
                    <th>Scope</th>
                  </tr>
                </thead>
                <tbody>
                  {parts.map((part, index) => (
                    <tr key={index}>
                      <td className="report-number">{index + 1}</td>
                      <td>{part.title}</td>
                      <td>{part.organisation}</td>
                      <td>{part.scope}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="report-empty">None: no report could be built for this pack.</p>
            )}
            {omitted.length ? (
              <>
                <h3>Not included</h3>
                <ul>
                  {omitted.map((entry) => (
                    <li key={entry.kind}>
                      {entry.title}: {entry.reason}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="report-note">
              The pack's snapshot.json holds each part's snapshot; its tables are attached as CSV files named after the part (e.g. part1-activities.csv).
            </p>
          </section>
          {parts.map((part, index) => {
            const view = viewOf(part.kind);
            return (
              <div className="report-part" key={index}>
                <h1 id={partId(index)}>
                  Part {index + 1}. {part.title}
                </h1>
                <dl className="report-fields">
                  <dt>Organisation</dt>
                  <dd>{part.organisation}</dd>
                  <dt>Scope</dt>
                  <dd>{part.scope}</dd>
                  <dt>Filters</dt>
                  <dd>{part.filters.length ? part.filters.join('; ') : 'None'}</dd>
                </dl>
                {view ? (
                  <div dangerouslySetInnerHTML={{ __html: partMarkup(view, part, meta, index) }} />
                ) : (
                  <p className="report-empty">This version cannot print the {part.kind} report.</p>
                )}
              </div>
            );
          })}
        </>
      );
    },
  };
}
