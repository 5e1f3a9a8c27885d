import type { IncidentObligation } from '../incidents/model';

/**
 * The data of the breach register (Art. 33(5)) and of one incident's report. Instants are UTC ISO,
 * each with the local time in the incident's zone where the law counts in it; labels are resolved
 * when the snapshot is built, so the attached JSON holds what the pages print.
 */

/** An instant, with the same instant in the incident's zone (ISO with offset) and that zone. */
export interface ZonedInstant {
  utc: string;
  local: string;
  zone: string;
}

export interface ReportFiling {
  id: string;
  phase: string;
  filedAt: ZonedInstant;
  channel: string | null;
  reference: string | null;
  summary: string | null;
  delayReasons: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface ReportObligation {
  id: string;
  regime: string;
  recipient: string;
  citation: string;
  source: string;
  /** "72 hours", "30 calendar days", "without undue delay", … */
  period: string;
  /** Where the clock starts, in words ("Awareness", "the filing of …"). */
  startsAt: string;
  dueAt: ZonedInstant | null;
  /** Where an interpretation statute moves a deadline off a weekend or holiday: the later legal end, with its citation. */
  legalDue: { at: ZonedInstant; citation: string } | null;
  /** What the obligation still waits for before it is known to apply (Art. 34: the risk assessment). */
  condition: 'pending-risk-assessment' | null;
  /** The deadline lateness was judged against at the first filing (frozen). */
  dueAtFirstFiling: string | null;
  state: IncidentObligation['state'];
  stateLabel: string;
  tone: 'danger' | 'warning' | 'ok' | 'neutral';
  firstFiledAt: string | null;
  /** Frozen at the first filing; null when not filed or without a fixed deadline. */
  late: boolean | null;
  /** The rule's facts came from a secondary source and are to be verified. */
  verify: boolean;
  note: string | null;
  notApplicable: { by: string; at: string; rationale: string } | null;
  filings: ReportFiling[];
}

export interface ReportDecision {
  decision: string;
  label: string;
  /** What the risk assessment recommended when the decision was taken, in words; null without an assessment. */
  recommendationLabel: string | null;
  rationale: string;
  decidedBy: string;
  decidedAt: string;
}

/** Whether the latest risk decision judged the breach notifiable. */
export type Notifiability = 'notifiable' | 'not-notifiable' | 'undecided';

export interface ReportIncident {
  id: string;
  title: string;
  status: string;
  /** How it was closed (the closing step's summary, when and by whom, clocks left running); null while open. */
  closure: { summary: string; at: ZonedInstant; by: string; openObligations: string[] } | null;
  zone: string;
  loggedAt: string;
  events: Array<{ event: string; label: string; at: ZonedInstant }>;
  awarenessJustification: string | null;
  nature: string | null;
  breachTypes: string[];
  dataCategories: string[];
  /** Categories of data subjects, from the processing activities the incident is linked to. */
  dataSubjectCategories: string[];
  subjectsApprox: number | null;
  recordsApprox: number | null;
  affected: Array<{ where: string; name: string; count: number }>;
  contactPoint: string | null;
  consequences: string | null;
  measures: string | null;
  activities: string[];
  processors: string[];
  /** Where the controller, and the processor involved, are established (country codes). */
  established: string[];
  processorEstablished: string[];
  notifiability: Notifiability;
  /** The latest risk decision. */
  decision: ReportDecision | null;
  /** The advice at report time: its factors, and ENISA's severity as one input. */
  risk: { level: string; severity: number; recommendationLabel: string; enisaRecommendationLabel: string; factors: string[]; reasons: string[] } | null;
  obligations: ReportObligation[];
}

export interface BreachRegisterData {
  asOf: string;
  /** Drills kept out of the register (counted, never listed). */
  drillsExcluded: number;
  incidents: ReportIncident[];
}

/** One line of an incident's timeline, in order of time. */
export interface IncidentTimelineEntry {
  at: ZonedInstant;
  kind: 'event' | 'filing' | 'deadline' | 'decision' | 'not-applicable' | 'log';
  label: string;
  detail: string | null;
  by: string | null;
}

export interface IncidentReportData {
  asOf: string;
  /** A drill's report is marked as such on every page that names the incident. */
  drill: boolean;
  incident: ReportIncident;
  /** Every risk decision, oldest first. */
  decisions: ReportDecision[];
  timeline: IncidentTimelineEntry[];
  /** The append-only log of the incident as recorded in the workbench, oldest first. */
  log: Array<{ at: string; actor: string; kind: string; text: string }>;
  /** Art. 33(1): the reasons for a delay given with a late notification to the authority. */
  delayReasons: string[];
}
