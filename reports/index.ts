/** What the service uses of the reports layer (a .ts entry, so layers without JSX settings can import it). */
export { holdsContents, numberContents, renderReportDocuments, renderStampHtml } from './render';
export { reportViewOf } from './registry';
export { reportHeadings } from './split';
export type { ReportView } from './types';
