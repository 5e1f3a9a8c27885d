/** What the service uses of the reports layer (a .ts entry, so layers without JSX settings can import it). */
export { defaultPartBudget, holdsContents, numberContents, renderReportDocuments, renderReportHtml, renderStampHtml } from './render';
export { reportViewOf } from './registry';
export type { ReportView } from './types';
