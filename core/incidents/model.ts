import { z } from 'zod';
import type { Obligation, ObligationState } from './deadlines';
import { instantSchema } from './deadlines';
import { isKnownZone } from './calendar';
import { riskFactsSchema, recommendations, type RiskAssessment } from './risk';
import { anchorEvents, sectors } from './rules';

export const incidentStatuses = ['open', 'contained', 'closed'] as const;
export const breachTypes = ['confidentiality', 'integrity', 'availability'] as const;
/** The events an incident records: when it happened, and every event a clock can start from. */
export const incidentEvents = ['occurred', ...anchorEvents] as const;
export type IncidentEvent = (typeof incidentEvents)[number];

export const zoneSchema = z.string().refine(isKnownZone, 'must be an IANA time zone such as Europe/Berlin');
const optionalText = (max = 4000) => z.string().trim().max(max, `must be at most ${max} characters`).nullable().default(null);
const count = z.number().int('must be a whole number').min(0, 'must not be negative');

export const incidentInputSchema = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty').max(200, 'title is longer than 200 characters'),
    /** A drill: clearly marked, kept out of the register and the reports. */
    drill: z.boolean().default(false),
    status: z.enum(incidentStatuses).default('open'),
    /** The incident's zone: day-based deadlines end at midnight here. */
    zone: zoneSchema,
    events: z.partialRecord(z.enum(incidentEvents), z.object({ at: instantSchema, zone: zoneSchema }).strict()).default({}),
    /** Why awareness came later than detection (EDPB Guidelines 9/2022). */
    awarenessJustification: optionalText(),
    nature: optionalText(),
    breachTypes: z.array(z.enum(breachTypes)).default([]),
    dataCategories: z.array(z.string().min(1)).default([]),
    subjectsApprox: count.nullable().default(null),
    recordsApprox: count.nullable().default(null),
    affected: z.array(z.object({ where: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code such as DE or US-TX'), count }).strict()).default([]),
    sectors: z.array(z.enum(sectors)).default([]),
    /** Where the controller is established (ISO 3166-1 alpha-2): the GDPR and the UK GDPR apply by establishment too. */
    established: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 country code such as DE or GB')).max(50).default([]),
    /** Where the processor involved is established (ISO 3166-1 alpha-2): in the Union or the UK, it must tell the controller without undue delay (Art. 33(2)). */
    processorEstablished: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 country code such as IE or US')).max(50).default([]),
    /** A small processing agent under Brazil's Resolução CD/ANPD nº 2/2022 (its ANPD deadlines are doubled). */
    smallAgent: z.boolean().default(false),
    contactPoint: optionalText(500),
    consequences: optionalText(),
    measures: optionalText(),
    activityIds: z.array(z.string().min(1)).default([]),
    processorIds: z.array(z.string().min(1)).default([]),
    riskFacts: riskFactsSchema.nullable().default(null),
  })
  .strict()
  .refine(
    (input) => !input.events.detected || !input.events.aware || Date.parse(input.events.detected.at) === Date.parse(input.events.aware.at) || Boolean(input.awarenessJustification),
    { message: 'detection and awareness differ: say why awareness came later', path: ['awarenessJustification'] },
  )
  .refine((input) => !input.events.detected || !input.events.aware || Date.parse(input.events.aware.at) >= Date.parse(input.events.detected.at), {
    message: 'awareness cannot come before detection',
    path: ['events', 'aware', 'at'],
  });
export type IncidentInput = z.infer<typeof incidentInputSchema>;

export interface Incident extends IncidentInput {
  id: string;
  /** How it was closed (the closing step); null while open, and for incidents closed before that step existed. */
  closure: IncidentClosure | null;
  createdAt: string;
  updatedAt: string;
}

/** The closing of an incident, as the person closing it put it. */
export interface IncidentClosure {
  summary: string;
  at: string;
  by: string;
  /** Obligations still running when it was closed, each as "recipient (citation)", acknowledged by the closer. */
  openObligations: string[];
}

export const reopenIncidentInputSchema = z
  .object({
    id: z.string().min(1),
    /** open or contained: where the incident stands again. */
    status: z.enum(['open', 'contained']),
    reason: z.string().trim().min(10, 'say why the incident is reopened (what came to light)').max(4000, 'must be at most 4000 characters'),
  })
  .strict();

export const closeIncidentInputSchema = z
  .object({
    id: z.string().min(1),
    summary: z
      .string()
      .trim()
      .min(20, 'say in a sentence or two how the breach ended: what was done, who was told, what remains to watch')
      .max(4000, 'must be at most 4000 characters'),
    /** The notifications still due were looked at and the incident is closed all the same. */
    acknowledgeOpenObligations: z.boolean().default(false),
  })
  .strict();

export const filingInputSchema = z
  .object({
    incidentId: z.string().min(1),
    obligationId: z.string().min(1, 'choose the obligation this filing answers'),
    phase: z.enum(['initial', 'intermediate', 'final', 'additional']),
    channel: optionalText(200),
    reference: optionalText(200),
    summary: optionalText(),
    /** Art. 33(1): a notification after 72 hours gives the reasons for the delay. */
    delayReasons: optionalText(),
    filedAt: instantSchema,
  })
  .strict();
export type FilingInput = z.infer<typeof filingInputSchema>;
export interface Filing extends FilingInput {
  id: string;
  recordedBy: string;
  recordedAt: string;
}

export const riskDecisionInputSchema = z
  .object({
    incidentId: z.string().min(1),
    decision: z.enum(recommendations),
    rationale: z.string().trim().min(1, 'give the reasons for the decision').max(4000),
  })
  .strict();
export interface RiskDecision {
  id: number;
  decision: (typeof recommendations)[number];
  recommendation: (typeof recommendations)[number] | null;
  rationale: string;
  decidedBy: string;
  decidedAt: string;
}

export interface TimelineEntry {
  id: number;
  at: string;
  actor: string;
  kind: 'created' | 'note' | 'action' | 'status' | 'filing' | 'decision' | 'not-applicable' | 'facts';
  text: string;
}

/** An obligation of an incident: the computed deadline, where it stands, and its filings. */
export interface IncidentObligation extends Obligation {
  /** 'no-longer-applies': filed or decided on once, then the facts or the risk decision changed; kept, never hidden. */
  state: ObligationState | 'not-applicable' | 'no-longer-applies';
  /** The deadline as it stood when the first filing was recorded (what lateness was judged against). */
  dueAtFirstFiling: string | null;
  firstFiledAt: string | null;
  /** Frozen at the first filing. */
  late: boolean | null;
  notApplicable: { by: string; at: string; rationale: string } | null;
  filings: Filing[];
}

export interface IncidentSummary {
  id: string;
  title: string;
  drill: boolean;
  status: Incident['status'];
  createdAt: string;
  /** The nearest deadline not yet met, and its obligation. */
  next: { obligationId: string; recipient: string; dueAt: string; state: ObligationState } | null;
  overdue: number;
  decision: RiskDecision['decision'] | null;
}

export interface IncidentDetail extends Incident {
  obligations: IncidentObligation[];
  timeline: TimelineEntry[];
  decisions: RiskDecision[];
  risk: RiskAssessment | null;
  activities: Array<{ id: string; name: string }>;
  processors: Array<{ id: string; name: string }>;
}

/** An obligation still to be answered: not filed (in time or late), not marked not applicable, still started by the facts. */
export function isOutstanding(obligation: { state: string }): boolean {
  return !['met', 'late', 'not-applicable', 'no-longer-applies'].includes(obligation.state);
}

