import type { ReportKind } from '../core/reports/model';
import type { ReportView } from './types';
import { createAuditPackView } from './views/auditPack';
import { breachesView } from './views/breaches';
import { incidentView } from './views/incident';
import { processorRecordView } from './views/processor-record';
import { retentionView } from './views/retention';
import { ropaView } from './views/ropa';
import { vendorsView } from './views/vendors';

/**
 * Each report kind's view. A kind missing here cannot be printed yet: the service and the CLI
 * say "not available yet" for it, and the audit pack names it as not included.
 */
const views: Partial<Record<ReportKind, ReportView>> = {
  ropa: ropaView as ReportView,
  'processor-record': processorRecordView as ReportView,
  vendors: vendorsView as ReportView,
  breaches: breachesView as ReportView,
  incident: incidentView as ReportView,
  retention: retentionView as ReportView,
};
views['audit-pack'] = createAuditPackView((kind) => views[kind]) as ReportView;

/** The view that prints `kind`, or undefined when this version has none. */
export function reportViewOf(kind: ReportKind): ReportView | undefined {
  return views[kind];
}
