/**
 * Reports that auditors receive (issue 6): what each one is, what its cover says, and the data it
 * is printed from. Pure types and helpers; rendering is in reports/, printing in service/reports.
 */
/** How a report enters the audit pack. */
export type AuditPackRole =
  /** One part, built once. */
  | 'once'
  /** One part per real incident (drills excluded), each titled after its incident. */
  | 'each-real-incident'
  /** The audit pack itself: the parts behind one cover. */
  | 'the-pack';

/**
 * One kind of report, declared once. Its key is its kind: the contract's `kind`, the CLI's
 * `report <kind>`, the start of its file name.
 */
export interface ReportDefinition {
  /** The cover's title, the PDF's Title, the Reports screen's row. */
  title: string;
  /** What it holds, in a sentence (the Reports screen and the README's table of reports). */
  holds: string;
  /** Whether the report is about one incident (`incidentId`; `--incident <id>` in the CLI). */
  needsIncident: boolean;
  auditPack: AuditPackRole;
}

/**
 * Every report, in the audit pack's order. The service's builders (service/reports/builders.ts)
 * and the views (reports/registry.ts) are each a table keyed by kind that the compiler holds
 * complete; the Reports screen, the CLI's usage and the README's table are derived from this one.
 */
export const reportDefinitions = {
  ropa: {
    title: 'Record of processing activities — controller (GDPR Art. 30(1))',
    holds: 'Every processing activity of each controller, field by field (Art. 30(1)(a)–(g)), with its gaps and their citations.',
    needsIncident: false,
    auditPack: 'once',
  },
  'processor-record': {
    title: 'Record of processing activities — processor (GDPR Art. 30(2))',
    holds: 'The records kept as a processor for each controller served (Art. 30(2)(a)–(d)).',
    needsIncident: false,
    auditPack: 'once',
  },
  vendors: {
    title: 'Vendor register',
    holds: 'Processors and vendors: roles, countries, agreements, security reviews, sub-processors and reach.',
    needsIncident: false,
    auditPack: 'once',
  },
  breaches: {
    title: 'Breach register (GDPR Art. 33(5))',
    holds: 'Every real incident, notifiable or not, with the decision and its rationale (Art. 33(5)); drills excluded.',
    needsIncident: false,
    auditPack: 'once',
  },
  incident: {
    title: 'Incident report',
    holds: 'One incident: its timeline to each filing, decisions, obligations and the Art. 33(3) notification content.',
    needsIncident: true,
    auditPack: 'each-real-incident',
  },
  retention: {
    title: 'Call-recording retention and disposal record',
    holds: 'Call-recording retention rules, holds and each disposal batch with its certificate.',
    needsIncident: false,
    auditPack: 'once',
  },
  'audit-pack': {
    title: 'Audit pack',
    holds: 'Every report above behind one cover and one table of contents.',
    needsIncident: false,
    auditPack: 'the-pack',
  },
} as const satisfies Record<string, ReportDefinition>;

export type ReportKind = keyof typeof reportDefinitions;

/** Every kind of report, in the order of their definitions. */
export const reportKinds = Object.keys(reportDefinitions) as [ReportKind, ...ReportKind[]];

/** The reports the audit pack holds as parts (every kind but the pack itself). */
export type AuditPackPartKind = { [Kind in ReportKind]: (typeof reportDefinitions)[Kind]['auditPack'] extends 'the-pack' ? never : Kind }[ReportKind];

/** The audit pack's parts, in its order. */
export const auditPackPartKinds = reportKinds.filter((kind): kind is AuditPackPartKind => reportDefinitions[kind].auditPack !== 'the-pack');

/** Each report's title. */
export const reportTitles = Object.fromEntries(reportKinds.map((kind) => [kind, reportDefinitions[kind].title])) as Record<ReportKind, string>;

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
