import type { AuditPackPartKind, ReportKind, ReportSnapshot } from './model';

/** One report inside the audit pack: its own snapshot and cover words. */
export interface AuditPackPart {
  kind: AuditPackPartKind;
  title: string;
  organisation: string;
  scope: string;
  filters: string[];
  snapshot: ReportSnapshot;
}

/** The data of the audit pack: every report available, in order; reports not yet available are named. */
export interface AuditPackData {
  parts: AuditPackPart[];
  /** Reports the pack could not hold, each with the reason (packs printed by versions that could not print every report). */
  omitted: Array<{ kind: ReportKind; title: string; reason: string }>;
}
