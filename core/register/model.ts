import { z } from 'zod';
import {
  activityStatuses,
  art10BasisCodes,
  art9ConditionCodes,
  dataCategoryCodes,
  dataSubjectRightCodes,
  dpiaProgressSteps,
  dpiaRequiredAnswers,
  lawfulBasisCodes,
  organisationRoles,
  processorRoleCodes,
  recipientKinds,
  retentionStartCodes,
  transferMechanismCodes,
  isCustomCode,
  type CustomCode,
} from './vocabularies';

/** ISO 3166-1 alpha-2 country code, upper case (e.g. "US"), or a subdivision such as "US-TX". */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code such as "US" or "US-TX"');

/** A built-in code of a vocabulary, or a workspace term ("x-…"; the service checks that it exists). */
function termSchema<Code extends string>(codes: readonly Code[], what: string) {
  return z.custom<Code | CustomCode>(
    (value) => typeof value === 'string' && ((codes as readonly string[]).includes(value) || isCustomCode(value)),
    `is not a known ${what} (use one of: ${codes.join(', ')}, or a term added to the workspace's vocabulary)`,
  );
}

const trimmed = (label: string, max = 500) =>
  z.string().trim().min(1, `${label} must not be empty`).max(max, `${label} is longer than ${max} characters`);
const optionalText = (max = 4000) => z.string().trim().max(max, `must be at most ${max} characters`).nullable().default(null);

export const recipientSchema = z.object({
  name: trimmed('recipient name', 200),
  kind: z.enum(recipientKinds),
});
export type Recipient = z.infer<typeof recipientSchema>;

export const transferSchema = z.object({
  /** Null when the source says data leaves the EEA without naming where: itself a gap to close. */
  country: countryCodeSchema.nullable(),
  mechanism: termSchema(transferMechanismCodes, 'transfer mechanism').nullable().default(null),
  /** The date of the safeguard (SCCs are signed on a date; an adequacy decision has one too). */
  mechanismDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-MM-dd').nullable().default(null),
  note: optionalText(1000),
});
export type Transfer = z.infer<typeof transferSchema>;

/** What a user supplies to create or replace a processing activity (Art. 30(1) record). */
export const activityInputSchema = z.object({
  organisationId: z.string().min(1, 'choose the organisation this activity belongs to'),
  name: trimmed('name', 200),
  businessFunction: optionalText(200),
  purposes: z.array(trimmed('purpose')).default([]),
  lawfulBasis: termSchema(lawfulBasisCodes, 'lawful basis').nullable().default(null),
  art9Condition: termSchema(art9ConditionCodes, 'Art. 9(2) condition').nullable().default(null),
  art10Basis: termSchema(art10BasisCodes, 'Art. 10 basis').nullable().default(null),
  dataSubjectCategories: z.array(trimmed('data-subject category', 200)).default([]),
  dataCategories: z.array(termSchema(dataCategoryCodes, 'data category')).default([]),
  recipients: z.array(recipientSchema).default([]),
  transfers: z.array(transferSchema).default([]),
  retention: optionalText(),
  securityMeasures: optionalText(),
  status: z.enum(activityStatuses).default('active'),
  source: optionalText(500),
  // The columns the UK ICO controller template adds to Art. 30(1).
  jointController: optionalText(500),
  legitimateInterests: optionalText(),
  /** Where the legitimate interests assessment is kept (a link or a document reference). */
  liaLink: optionalText(500),
  rightsAvailable: z.array(z.enum(dataSubjectRightCodes)).default([]),
  /** Automated decision-making or profiling, described; null when there is none. */
  automatedDecisionMaking: optionalText(),
  consentRecordLink: optionalText(500),
  dataLocation: optionalText(500),
  dpiaRequired: z.enum(dpiaRequiredAnswers).nullable().default(null),
  dpiaProgress: z.enum(dpiaProgressSteps).nullable().default(null),
  dpiaLink: optionalText(500),
  /** Has a personal-data breach occurred in this activity (ICO column); null when not answered. */
  breachOccurred: z.boolean().nullable().default(null),
  breachLink: optionalText(500),
  retentionPolicyLink: optionalText(500),
  /** Is the data retained and erased as the policy says; null when not answered. */
  retainedPerPolicy: z.boolean().nullable().default(null),
  retentionDeviation: optionalText(),
  /** The retention rule that sets this activity's time limits, if one is chosen. */
  retentionRuleId: z.string().min(1, 'retentionRuleId must not be empty').nullable().default(null),
  /**
   * Values an import could not map to a term and kept as they were written, by the register column
   * they came from ("countries", "lawfulBasis"…): each one is a gap until the DPO maps or removes it.
   */
  flaggedText: z
    .array(z.object({ column: z.string().min(1).max(40), text: trimmed('flagged text', 500) }).strict())
    .max(200, 'at most 200 flagged values')
    .default([]),
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

/** The fields a bulk edit may set on many activities at once (single values, not lists). */
export const bulkEditableFields = ['status', 'businessFunction', 'lawfulBasis', 'retentionRuleId', 'retention', 'securityMeasures', 'dataLocation', 'dpiaRequired', 'dpiaProgress'] as const;
export type BulkEditableField = (typeof bulkEditableFields)[number];

export interface Activity extends ActivityInput {
  id: string;
  organisationName: string;
  /** The linked retention rule's name, for display. */
  retentionRuleName: string | null;
  processors: ActivityProcessorLink[];
  createdAt: string;
  updatedAt: string;
}

export interface ActivitySummary {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  businessFunction: string | null;
  lawfulBasis: ActivityInput['lawfulBasis'];
  status: ActivityInput['status'];
  processorCount: number;
  updatedAt: string;
}

export const activityProcessorLinkSchema = z.object({
  activityId: z.string().min(1, 'choose the activity'),
  processorId: z.string().min(1, 'choose the processor'),
  purpose: trimmed('purpose'),
  role: z.enum(processorRoleCodes),
});
export const subProcessorLinkSchema = z
  .object({
    processorId: z.string().min(1, 'choose the processor'),
    subProcessorId: z.string().min(1, 'choose the sub-processor'),
    /** What the sub-processor does for the processor, e.g. "cloud hosting". */
    service: optionalText(300),
  })
  .strict();

export type ActivityProcessorLinkInput = z.infer<typeof activityProcessorLinkSchema>;
export interface ActivityProcessorLink extends ActivityProcessorLinkInput {
  processorName: string;
}

export const organisationInputSchema = z.object({
  name: trimmed('name', 200),
  legalName: optionalText(200),
  role: z.enum(organisationRoles).default('controller'),
  country: countryCodeSchema.nullable().default(null),
  address: optionalText(500),
  contactEmail: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address such as dpo@example.com')
    .nullable()
    .default(null),
  dpoContact: optionalText(500),
  /** The representative in the Union (Art. 27), for a controller established outside it. */
  representative: optionalText(500),
  sourceDocument: optionalText(200),
  policyDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-MM-dd').nullable().default(null),
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;
export interface Organisation extends OrganisationInput {
  id: string;
  activityCount: number;
  createdAt: string;
  updatedAt: string;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-MM-dd')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a calendar date');

export const processorInputSchema = z.object({
  name: trimmed('name', 200),
  service: optionalText(300),
  countries: z.array(countryCodeSchema).default([]),
  dataCategories: z.array(termSchema(dataCategoryCodes, 'data category')).default([]),
  notes: optionalText(),
  /** The Chapter V safeguard for processing in a third country. */
  transferMechanism: termSchema(transferMechanismCodes, 'transfer mechanism').nullable().default(null),
  transferMechanismDate: isoDate.nullable().default(null),
  dpaReference: optionalText(200),
  dpaSignedOn: isoDate.nullable().default(null),
  dpaExpiresOn: isoDate.nullable().default(null),
  securityAssessedOn: isoDate.nullable().default(null),
  securityOutcome: optionalText(500),
  reviewCycleMonths: z.number().int('must be a whole number of months').min(1, 'must be at least 1 month').max(120, 'must be at most 120 months').nullable().default(null),
  nextReviewOn: isoDate.nullable().default(null),
  /** True until the DPO has checked facts that came from the starter library. */
  toVerify: z.boolean().default(false),
}).refine((input) => !input.dpaSignedOn || !input.dpaExpiresOn || input.dpaExpiresOn >= input.dpaSignedOn, {
  message: 'the agreement cannot expire before it was signed',
  path: ['dpaExpiresOn'],
});
export type ProcessorInput = z.infer<typeof processorInputSchema>;
export interface Processor extends ProcessorInput {
  id: string;
  /** The starter-library profile it was added from, if any. */
  profileKey: string | null;
  /** The vendors it engages as its own sub-processors (Art. 28(2)). */
  subProcessorIds: string[];
  activityCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Art. 30(2) record kept by an organisation acting as a processor, one per controller served. */
export const processorRecordInputSchema = z.object({
  organisationId: z.string().min(1, 'choose the organisation that acts as processor'),
  controllerName: trimmed('controller name', 200),
  /** Art. 30(2)(a): the controller's contact details (and its representative's, if any). */
  controllerContact: optionalText(500),
  processingCategories: z.array(trimmed('category of processing')).default([]),
  transfers: z.array(transferSchema).default([]),
  securityMeasures: optionalText(),
  source: optionalText(500),
});
export type ProcessorRecordInput = z.infer<typeof processorRecordInputSchema>;
export interface ProcessorRecord extends ProcessorRecordInput {
  id: string;
  organisationName: string;
  createdAt: string;
  updatedAt: string;
}

/** A documented practice of recording telephone calls (the per-recording register comes later). */
export interface RecordingPractice {
  id: string;
  organisationId: string;
  organisationName: string;
  purposes: string[];
  linkedToTickets: boolean;
  retention: string | null;
  notice: string | null;
  source: string | null;
}

/** A period's approximate length, only to compare two periods (a month counts 30.44 days). */
export function periodInDays(period: string): number {
  const amount = Number(period.slice(1, -1));
  const unit = period.slice(-1);
  return unit === 'D' ? amount : unit === 'M' ? amount * 30.44 : amount * 365.25;
}

/** "P6M" as "6 months". */
export function describePeriod(period: string): string {
  const amount = Number(period.slice(1, -1));
  const unit = { D: 'day', M: 'month', Y: 'year' }[period.slice(-1) as 'D' | 'M' | 'Y'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/** A period as ISO 8601: P followed by a number and D, M or Y (e.g. "P6M" for six months). */
export const periodSchema = z.string().regex(/^P[1-9]\d{0,2}[DMY]$/, 'must be a period such as P30D, P6M or P6Y (days, months or years)');

/** A rule that sets how long data is kept: a minimum (a law's duty), a maximum (a privacy limit), or both. */
export const retentionRuleInputSchema = z
  .object({
    name: trimmed('name', 200),
    /** The call purposes (as recordings carry them, e.g. "quality") whose recordings the rule covers; none: it covers no recording. */
    purposes: z
      .array(z.string().trim().min(1, 'a purpose must not be empty').max(200, 'a purpose must be at most 200 characters'))
      .max(50, 'at most 50 purposes')
      .default([])
      .transform((purposes) => [...new Map(purposes.map((purpose) => [purpose.toLowerCase(), purpose])).values()]),
    minimum: periodSchema.nullable().default(null),
    maximum: periodSchema.nullable().default(null),
    countedFrom: z.enum(retentionStartCodes),
    /** The law, guidance or policy behind the rule, e.g. "CNIL guidance on call recording". */
    legalSource: optionalText(500),
    note: optionalText(1000),
    /** A minimum an authority may extend (MiFID II Art. 16(7): 5 years, up to 7). */
    extendableTo: periodSchema.nullable().default(null),
  })
  .strict()
  .refine((rule) => rule.minimum !== null || rule.maximum !== null, { message: 'give a minimum or a maximum period (or both)', path: ['maximum'] })
  .refine((rule) => rule.minimum === null || rule.maximum === null || periodInDays(rule.minimum) <= periodInDays(rule.maximum), {
    message: 'the maximum is shorter than the minimum',
    path: ['maximum'],
  });
export type RetentionRuleInput = z.infer<typeof retentionRuleInputSchema>;
export interface RetentionRule extends RetentionRuleInput {
  id: string;
  activityCount: number;
  /** When the rule was retired (it then sets no date); null while it applies. */
  retiredAt: string | null;
  retiredReason: string | null;
  createdAt: string;
  updatedAt: string;
}
