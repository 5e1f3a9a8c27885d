import { renderToStaticMarkup } from 'react-dom/server';
import type { ReportMeta, ReportSection, ReportSnapshot } from '../core/reports/model';
import printStylesheet from '../assets/reports/print.css?raw';
import { localText, utcText } from './format';
import type { ReportView } from './types';

/**
 * Nothing in a report loads from anywhere or runs: styles are inline, there are no scripts, and
 * images (if any) are inline SVG. The window that prints it has JavaScript off as well.
 */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** The whole HTML document Chromium prints: cover, table of contents, then the report's body. */
export function renderReportHtml<Data>(meta: ReportMeta, snapshot: ReportSnapshot<Data>, view: ReportView<Data>): string {
  const sections = view.sections(snapshot);
  const markup = renderToStaticMarkup(
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta httpEquiv="Content-Security-Policy" content={contentSecurityPolicy} />
        <title>{meta.title}</title>
        <style dangerouslySetInnerHTML={{ __html: printStylesheet }} />
      </head>
      <body>
        <ReportCover meta={meta} />
        <ReportContents sections={sections} />
        <main>{view.body(snapshot, meta)}</main>
      </body>
    </html>,
  );
  return `<!DOCTYPE html>\n${markup}`;
}

/** The cover: what the document is, about whom, from which data, and how to check it. */
export function ReportCover({ meta }: { meta: ReportMeta }) {
  return (
    <header className="report-cover">
      <div className="report-kicker">Privacy Workbench report</div>
      <h1 id="cover">{meta.title}</h1>
      <div className="report-organisation">{meta.organisation}</div>
      <div className="report-classification">{meta.classification}</div>
      <dl className="report-fields">
        <dt>Scope</dt>
        <dd>{meta.scope}</dd>
        <dt>Filters</dt>
        <dd>{meta.filters.length ? meta.filters.join('; ') : 'None: everything in scope is included.'}</dd>
        <dt>Generated (UTC)</dt>
        <dd>{utcText(meta.generatedAt)}</dd>
        <dt>Generated (local time)</dt>
        <dd>{localText(meta.generatedAt, meta.zone)}</dd>
        <dt>Application</dt>
        <dd>Privacy Workbench {meta.appVersion}</dd>
        <dt>Workspace ID</dt>
        <dd>
          <span className="report-mono">{meta.workspaceId || '—'}</span>
        </dd>
        <dt>Latest change-log entry</dt>
        <dd>{meta.lastChange ? `No. ${meta.lastChange.id}, recorded ${utcText(meta.lastChange.at)}` : 'None: the workspace has no recorded change.'}</dd>
        <dt>Fingerprint (SHA-256)</dt>
        <dd>
          <pre className="report-mono">{meta.fingerprint}</pre>
        </dd>
      </dl>
      <div className="report-verify">
        <p>
          The data this report was printed from is attached to this PDF as snapshot.json, with one CSV file per table. The fingerprint above is the
          SHA-256 of snapshot.json and is repeated in every page footer and in the document properties.
        </p>
        <p className="report-note">
          To check that nothing was changed since it was generated, run: npx privacy-workbench verify &lt;this file&gt;. The data can be traced back in
          the workspace through the change-log entry named above.
        </p>
      </div>
    </header>
  );
}

/** The table of contents, from the view's sections (links to the headings of the same ids). */
export function ReportContents({ sections }: { sections: ReportSection[] }) {
  return (
    <nav className="report-contents">
      <h2 id="contents">Contents</h2>
      {sections.length ? (
        <ol>
          {sections.map((section, index) => (
            <li key={`${section.id}-${index}`} className={section.level === 2 ? 'report-contents-sub' : undefined}>
              <a href={`#${section.id}`}>{section.title}</a>
            </li>
          ))}
        </ol>
      ) : (
        <p className="report-empty">This report has no sections.</p>
      )}
    </nav>
  );
}
