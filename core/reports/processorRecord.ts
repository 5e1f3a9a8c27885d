import type { ReportOrganisation } from './model';
/**
 * The data of the Art. 30(2) processor-record report: each organisation acting as a processor, its
 * contacts, and one record per controller it serves, with the gaps the law still asks to fill.
 * Labels are resolved when the snapshot is built, so the attached JSON holds what the pages print.
 */
export interface ProcessorRecordReportData {
  /** UTC ISO instant the data was read. */
  asOf: string;
  processors: ProcessorOrganisationEntry[];
  totals: { organisations: number; records: number; recordsWithGaps: number; gaps: number };
}

export interface ProcessorOrganisationEntry extends ReportOrganisation {
  records: ProcessorRecordEntry[];
}

export interface ProcessorRecordEntry {
  id: string;
  controllerName: string;
  controllerContact: string | null;
  processingCategories: string[];
  transfers: Array<{ country: string | null; mechanism: string | null; mechanismCitation: string | null; mechanismDate: string | null; note: string | null }>;
  securityMeasures: string | null;
  source: string | null;
  updatedAt: string;
  gaps: Array<{ citation: string; message: string }>;
}
