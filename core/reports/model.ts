/**
 * Reports that auditors receive (issue 6): what each one is, what its cover says, and the data it
 * is printed from. Pure types and helpers; rendering is in reports/, printing in service/reports.
 */
export const reportKinds = ['ropa', 'processor-record', 'vendors', 'breaches', 'incident', 'retention', 'audit-pack'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportTitles: Record<ReportKind, string> = {
  ropa: 'Record of processing activities — controller (GDPR Art. 30(1))',
  'processor-record': 'Record of processing activities — processor (GDPR Art. 30(2))',
  vendors: 'Vendor register',
  breaches: 'Breach register (GDPR Art. 33(5))',
  incident: 'Incident report',
  retention: 'Call-recording retention and disposal record',
  'audit-pack': 'Audit pack',
};

/** What the cover, running header and footer say about a report. */
export interface ReportMeta {
  kind: ReportKind;
  title: string;
  /** The organisation(s) the report is about. */
  organisation: string;
  /** What the report covers, in words (e.g. "All controller activities, drills excluded"). */
  scope: string;
  /** Filters applied, each in words; empty when none. */
  filters: string[];
  /** UTC ISO instant the report was generated. */
  generatedAt: string;
  /** The IANA zone of the computer that generated it, for the local time on the cover. */
  zone: string;
  appVersion: string;
  workspaceId: string;
  /** The newest change-log entry, so the data can be traced back in the workspace. */
  /** The change log's newest entry: the chain head an auditor can keep (`workspace check --expect-head`). */
  lastChange: { id: number; at: string; hash: string } | null;
  /** Classification marking printed in the running header and footer. */
  classification: string;
  /** SHA-256 (hex) of the data snapshot attached to the PDF. */
  fingerprint: string;
}

/** What the running header and footer repeat on every page: organisation, title, classification, fingerprint. */
export type StampFacts = Pick<ReportMeta, 'organisation' | 'title' | 'classification' | 'fingerprint'>;

/** One table of a report, attached to the PDF as CSV. */
export interface ReportTable {
  /** File-name-safe name, e.g. "activities" (attached as activities.csv). */
  name: string;
  columns: string[];
  rows: string[][];
}

/** The data a report is printed from: attached to the PDF as JSON (and its tables as CSV). */
export interface ReportSnapshot<Data = unknown> {
  kind: ReportKind;
  data: Data;
  tables: ReportTable[];
}

/** One entry of the document outline (PDF bookmarks come from the headings; this is the table of contents). */
export interface ReportSection {
  id: string;
  title: string;
  level: 1 | 2;
}

export const defaultClassification = 'CONFIDENTIAL — personal-data register';

/**
 * The bytes the fingerprint is taken of: the snapshot as JSON with object keys sorted, so the
 * same data always gives the same fingerprint whatever order it was assembled in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** What a report's builder gives: the snapshot and the words for its cover. */
export interface BuiltReport<Data = unknown> {
  snapshot: ReportSnapshot<Data>;
  organisation: string;
  scope: string;
  filters: string[];
}

/** An organisation as the Art. 30 records name it (controller in the controller record, processor in the processor record). */
export interface ReportOrganisation {
  id: string;
  name: string;
  legalName: string | null;
  role: string;
  country: string | null;
  address: string | null;
  contactEmail: string | null;
  dpoContact: string | null;
  representative: string | null;
}
