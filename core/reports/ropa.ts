import type { ReportOrganisation } from './model';
/** The data of the controller register report (GDPR Art. 30(1)): every activity, grouped by organisation. */
export interface RopaData {
  /** The calendar date (UTC) the gaps were assessed on. */
  assessedOn: string;
  organisations: RopaOrganisation[];
  totals: { activities: number; withGaps: number; gaps: number };
}

export interface RopaOrganisation extends ReportOrganisation {
  activities: RopaActivity[];
}

/** One Art. 30(1) record with every field the article names, labels resolved, and its gaps. */
export interface RopaActivity {
  id: string;
  name: string;
  businessFunction: string | null;
  status: string;
  /** (b) */
  purposes: string[];
  lawfulBasis: string | null;
  legitimateInterests: string | null;
  art9Condition: string | null;
  art10Basis: string | null;
  /** (c) */
  dataSubjects: string[];
  dataCategories: string[];
  /** (d) */
  recipients: Array<{ name: string; kind: string }>;
  processors: Array<{ name: string; role: string; purpose: string }>;
  /** (e) */
  transfers: Array<{ country: string; mechanism: string | null; mechanismDate: string | null; note: string | null }>;
  /** (f) */
  retention: string | null;
  retentionRule: string | null;
  /** (g) */
  securityMeasures: string | null;
  jointController: string | null;
  dpia: string | null;
  source: string | null;
  updatedAt: string;
  gaps: Array<{ citation: string; message: string }>;
}
