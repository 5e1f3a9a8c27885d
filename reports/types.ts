import type { ReactElement } from 'react';
import type { ReportKind, ReportMeta, ReportSection, ReportSnapshot } from '../core/reports/model';

/**
 * A report's view: React that renders its snapshot to static HTML (react-dom/server), for
 * Chromium to print. No DOM, no Node: the same view prints from the CLI and from the app.
 */
export interface ReportView<Data = unknown> {
  kind: ReportKind;
  /** The report's body (the cover and contents are added around it by reports/render.tsx). */
  body(snapshot: ReportSnapshot<Data>, meta: ReportMeta): ReactElement;
  /** The sections of the body, in order, for the table of contents (ids match the headings' ids). */
  sections(snapshot: ReportSnapshot<Data>): ReportSection[];
}
