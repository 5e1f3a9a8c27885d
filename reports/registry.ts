import type { AuditPackPartKind, ReportKind } from '../core/reports/model';
import type { ReportView } from './types';
import { createAuditPackView } from './views/auditPack';
import { breachesView } from './views/breaches';
import { incidentView } from './views/incident';
import { processorRecordView } from './views/processor-record';
import { retentionView } from './views/retention';
import { ropaView } from './views/ropa';
import { vendorsView } from './views/vendors';

/** Each report's view but the pack's: a part kind declared in core/reports/model.ts without one does not compile. */
const partViews = {
  ropa: ropaView as ReportView,
  'processor-record': processorRecordView as ReportView,
  vendors: vendorsView as ReportView,
  breaches: breachesView as ReportView,
  incident: incidentView as ReportView,
  retention: retentionView as ReportView,
} satisfies Record<AuditPackPartKind, ReportView>;

const views: Record<ReportKind, ReportView> = {
  ...partViews,
  // The pack looks its parts' views up here when it renders (the table is complete by then).
  'audit-pack': createAuditPackView((kind) => reportViewOf(kind)) as ReportView,
};

/**
 * The view that prints `kind`. Undefined only for a kind this version does not know, as `verify`
 * may read from a PDF (every kind of core/reports/model.ts has its view).
 */
export function reportViewOf(kind: ReportKind): ReportView | undefined {
  return Object.hasOwn(views, kind) ? views[kind] : undefined;
}
