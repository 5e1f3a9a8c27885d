import { renderToStaticMarkup } from 'react-dom/server';
import type { ReportMeta, ReportSection, ReportSnapshot, StampFacts } from '../core/reports/model';
import printStylesheet from '../assets/reports/print.css?raw';
import { localText, utcText } from './format';
import { splitReportMarkup } from './split';
import type { ReportView } from './types';

/**
 * Nothing in a report loads from anywhere or runs: styles are inline, there are no scripts, and
 * images (if any) are inline SVG. The window that prints it has JavaScript off as well.
 */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** The head every printed document of a report shares: its title, the policy and the print stylesheet. */
function documentHead(title: string, stylesheet: string): string {
  return renderToStaticMarkup(
    <head>
      <meta charSet="utf-8" />
      <meta httpEquiv="Content-Security-Policy" content={contentSecurityPolicy} />
      <title>{title}</title>
      <style dangerouslySetInnerHTML={{ __html: stylesheet }} />
    </head>,
  );
}

const wholeDocument = (head: string, body: string) => `<!DOCTYPE html>\n<html lang="en">${head}<body>${body}</body></html>`;

/**
 * The HTML documents Chromium prints for a report, in order: cover, table of contents, then the
 * body, cut into parts of about `partBudget` characters where a page may break anyway
 * (reports/split.ts). A report under the budget is one document.
 */
export function renderReportDocuments<Data>(meta: ReportMeta, snapshot: ReportSnapshot<Data>, view: ReportView<Data>, partBudget = defaultPartBudget): string[] {
  const sections = view.sections(snapshot);
  // Ids travel as link targets, PDF destination names and contents keys (split.ts, numberContents): plain characters only.
  const unsafe = sections.find((section) => !/^[A-Za-z0-9_.:-]+$/.test(section.id));
  if (unsafe) throw new Error(`Report section id "${unsafe.id}" has characters a link target cannot carry.`);
  const body = renderToStaticMarkup(
    <>
      <ReportCover meta={meta} />
      <ReportContents sections={sections} />
      <main>{view.body(snapshot, meta)}</main>
    </>,
  );
  const head = documentHead(meta.title, printStylesheet);
  return splitReportMarkup(body, partBudget).map((part) => wholeDocument(head, part));
}

/**
 * A printed document's contents with each section's page filled in (`pages`: section id → page
 * number). The column exists, empty, when first printed, so the pages do not move.
 */
export function numberContents(html: string, pages: ReadonlyMap<string, number>): string {
  return html.replace(/<span class="report-contents-page" data-section="([^"]*)"><\/span>/g, (whole, id: string) => {
    const page = pages.get(id);
    return page === undefined ? whole : `<span class="report-contents-page" data-section="${id}">${page}</span>`;
  });
}

/** True when a printed document holds (part of) the table of contents. */
export const holdsContents = (html: string) => html.includes('<span class="report-contents-page" data-section=');

/** About 1 MB of markup per print job: a few hundred pages, which Chromium prints in a few seconds. */
const defaultPartBudget = 1_000_000;

/** The running header and footer, drawn on blank A4 pages and laid over the printed pages. */
const stampStylesheet = `
@page { size: A4; margin: 0; }
html { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 7pt; color: #56606b; }
body { margin: 0; }
.stamp { position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page; page-break-after: always; }
.stamp:last-child { break-after: auto; page-break-after: auto; }
.stamp-header, .stamp-footer { position: absolute; left: 16mm; right: 16mm; }
.stamp-header { top: 11mm; display: flex; justify-content: space-between; gap: 4mm; }
.stamp-header span:first-child { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.stamp-footer { bottom: 9mm; }
.stamp-line { display: flex; justify-content: space-between; gap: 4mm; }
.stamp-mark { white-space: nowrap; font-weight: bold; color: #9b1c1c; }
.stamp-mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 6.5pt; }
`;

/**
 * The running header (organisation · title, classification) and footer (classification, "Page X
 * of Y", the fingerprint) of pages `first` to `last` of a report of `total` pages, one blank A4
 * page each. Printed in jobs of a few hundred pages and laid over the report's pages after they
 * are joined, so "Page X of Y" counts the whole report however many print jobs it took.
 */
export function renderStampHtml(meta: StampFacts, first: number, last: number, total: number): string {
  const pages: string[] = [];
  for (let page = first; page <= last; page += 1) {
    pages.push(
      renderToStaticMarkup(
        <div className="stamp">
          <div className="stamp-header">
            <span>
              {meta.organisation} · {meta.title}
            </span>
            <span className="stamp-mark">{meta.classification}</span>
          </div>
          <div className="stamp-footer">
            <div className="stamp-line">
              <span className="stamp-mark">{meta.classification}</span>
              <span>
                Page {page} of {total}
              </span>
            </div>
            <div className="stamp-mono">SHA-256 of the attached snapshot.json: {meta.fingerprint}</div>
          </div>
        </div>,
      ),
    );
  }
  return wholeDocument(documentHead(meta.title, stampStylesheet), pages.join(''));
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
        <dd>
          {meta.lastChange ? (
            <>
              No. {meta.lastChange.id}, recorded {utcText(meta.lastChange.at)}
              <br />
              <span className="report-mono">chain head {meta.lastChange.hash}</span>
            </>
          ) : (
            'None: the workspace has no recorded change.'
          )}
        </dd>
        <dt>Fingerprint (SHA-256)</dt>
        <dd>
          <pre className="report-mono">{meta.fingerprint}</pre>
        </dd>
      </dl>
      <div className="report-verify">
        <p>
          The data this report was printed from is attached to this PDF as snapshot.json, with one CSV file per table, and what this cover states as
          report.json. The fingerprint above is the SHA-256 of snapshot.json and is repeated in every page footer and in the document properties.
        </p>
        <p className="report-note">
          To check that nothing was changed since it was generated (its signature, its attachments, and that every page reads what its data renders
          to), run: npx privacy-workbench verify &lt;this file&gt;. The data can be traced back in
          the workspace through the change-log entry named above; keep its chain head, and later check that the workspace's history up to it is
          unchanged: npx privacy-workbench workspace check --workspace &lt;file&gt; --expect-head &lt;chain head&gt;.
        </p>
      </div>
    </header>
  );
}

/**
 * The table of contents, from the view's sections (links to the headings of the same ids). Each
 * entry has an empty page column: the pages are known only once printed, and
 * `numberContents` fills them in without changing the layout.
 */
export function ReportContents({ sections }: { sections: ReportSection[] }) {
  return (
    <nav className="report-contents">
      <h2 id="contents">Contents</h2>
      {sections.length ? (
        <ol>
          {sections.map((section, index) => (
            <li key={`${section.id}-${index}`} className={section.level === 2 ? 'report-contents-sub' : undefined}>
              <a href={`#${section.id}`}>{section.title}</a>
              <span className="report-contents-page" data-section={section.id} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="report-empty">This report has no sections.</p>
      )}
    </nav>
  );
}
