import type { ReportKind } from '../core/reports/model';
import type { ReportView } from './types';
import { createAuditPackView } from './views/auditPack';
import { ropaView } from './views/ropa';
import { vendorsView } from './views/vendors';

/**
 * Each report kind's view. A kind missing here cannot be printed yet: the service and the CLI
 * say "not available yet" for it, and the audit pack names it as not included.
 */
const views: Partial<Record<ReportKind, ReportView>> = {
  ropa: ropaView as ReportView,
  vendors: vendorsView as ReportView,
};
views['audit-pack'] = createAuditPackView((kind) => views[kind]) as ReportView;

/** The view that prints `kind`, or undefined when this version has none. */
export function reportViewOf(kind: ReportKind): ReportView | undefined {
  return views[kind];
}
