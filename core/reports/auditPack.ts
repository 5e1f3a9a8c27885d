import type { ReportKind, ReportSnapshot } from './model';

/** One report inside the audit pack: its own snapshot and cover words. */
export interface AuditPackPart {
  kind: Exclude<ReportKind, 'audit-pack'>;
  title: string;
  organisation: string;
  scope: string;
  filters: string[];
  snapshot: ReportSnapshot;
}

/** The data of the audit pack: every report available, in order; reports not yet available are named. */
export interface AuditPackData {
  parts: AuditPackPart[];
  /** Reports the pack could not hold, each with the reason (e.g. "not available in this version"). */
  omitted: Array<{ kind: ReportKind; title: string; reason: string }>;
}
