import type { HolidayCalendar } from './holidays';

/**
 * Notification deadline rules, as data. Facts from ../shared/design/domain.md (section 2) and the
 * texts cited; rows marked there "(verify)" carry `verify: true`, and so does any detail taken from
 * a secondary source. A rule is versioned by effective dates: the version in force on the day of
 * its anchor event applies. An incident copies the rule into its obligation, so a later edit here
 * never rewrites an incident's history.
 */

export const anchorEvents = ['aware', 'detected', 'discovered', 'determined', 'materialityDetermined', 'classifiedMajor', 'assessedNotifiable', 'suspected', 'handlingEnded'] as const;
export type AnchorEvent = (typeof anchorEvents)[number];

export const anchorLabels: Record<AnchorEvent, string> = {
  aware: 'awareness',
  detected: 'detection',
  discovered: 'discovery',
  determined: 'determination that a breach occurred',
  materialityDetermined: 'determination that the incident is material',
  classifiedMajor: 'classification as a major incident',
  assessedNotifiable: 'assessment that the breach is notifiable',
  suspected: 'suspicion of an eligible breach',
  handlingEnded: "end of the incident's handling",
};

export const sectors = ['nis2', 'dora', 'hipaa', 'sec'] as const;
export type Sector = (typeof sectors)[number];

export type Period =
  | { unit: 'hours'; amount: number }
  | { unit: 'calendar-days'; amount: number }
  /** `cutoff` ("17:30"): the deadline is that time on the last day, not its end (EDGAR's filing day ends at 17:30). */
  | { unit: 'business-days'; amount: number; calendar: HolidayCalendar; cutoff?: string }
  | { unit: 'months'; amount: number }
  /** Calendar days counted from the end of the anchor's calendar year (HIPAA breaches under 500). */
  | { unit: 'days-after-year-end'; amount: number }
  /** A standard such as "without undue delay": shown as it is, never turned into hours. */
  | { unit: 'none'; standard: string };

/**
 * What starts the clock: an event of the incident, or the filing of another obligation (its first
 * filing, or its latest one where the law counts from the latest update).
 */
export type Anchor = { event: AnchorEvent } | { filingOf: string; which?: 'first' | 'latest' };

/**
 * Who must be affected for the rule to apply. `where` matches ISO codes: "EEA" any EEA country,
 * "US" any US resident (with or without a state), "US-TX" one state, else a country code.
 */
export interface Threshold {
  where: string;
  /** The count must be above this (exclusive) or at least this (inclusive). */
  count?: { min: number; inclusive: boolean; per: 'total' | 'any-subdivision' };
}

export interface RuleVersion {
  effectiveFrom: string | null;
  effectiveTo: string | null;
  period: Period;
  /**
   * A second limit that also binds while it has not passed when the clock starts; the earlier
   * deadline wins (DORA: 4 h after classification, at most 24 h after awareness; a classification
   * later than that gets its 4 h).
   */
  noLaterThan?: { anchor: Anchor; period: Period };
  /** Another period when fewer people are affected, counted over every residence recorded (HIPAA: HHS yearly log under 500). Without counts, the main period applies. */
  below?: { count: number; period: Period };
  /** The period for a small processing agent (Brazil: doubled), with the reason shown in the note. */
  smallAgent?: { period: Period; note: string };
  verify: boolean;
  /** The dates of this version come from a secondary source: shown "(verify)" beside them. */
  verifyDates?: boolean;
  /**
   * An interpretation statute that moves a deadline falling on a weekend or holiday to the next
   * business day. The strict date stays the deadline (and the alerts); the later one is shown beside
   * it as the legal outer date, with this citation. `holidays`: the calendar counted (none: weekends only).
   */
  rollOver?: {
    citation: string;
    holidays?: HolidayCalendar;
    /** The moved deadline is this local time of the next business day ("12:00"), not its end; hour periods may move too (DORA). */
    at?: string;
  };
  note?: string;
}

export interface DeadlineRule {
  id: string;
  regime: string;
  recipient: string;
  citation: string;
  source: string;
  lastVerified: string;
  anchor: Anchor;
  sector?: Sector;
  /** A rule counted in a zone of its own (the SEC's filing days are New York's), whatever the incident's zone. */
  zone?: string;
  /** Where the law's effective dates are days (Europe/Brussels for EU law, a state's zone for its law): which version applies is decided there. */
  lawZone?: string;
  /** Any of these must hold (none listed: the sector alone decides). */
  affected?: Threshold[];
  /** Or the controller is established here ("EEA", or a country): the law applies by establishment too. */
  establishedIn?: string;
  /** A processor's duty: applies when the processor involved is established here ("EEA", or a country), and only then. */
  processorEstablishedIn?: string;
  /** The recipient when the controller is recorded as established only outside `establishedIn` (no lead authority). */
  withoutEstablishment?: string;
  /** 'not-unlikely': dropped when the risk assessment says document only; 'high': only when it says tell the people affected. */
  risk?: 'not-unlikely' | 'high';
  /**
   * Whether the incident is still being handled at the deadline of rule `at` decides which rule applies
   * (NIS2 Art. 23(4)(d) or (e)): ongoing when no end of handling is recorded, or it is later than that
   * deadline. Until that deadline is known, the 'if-ended' rule is listed and the 'if-ongoing' ones are not.
   */
  whileHandling?: { at: string; applies: 'if-ended' | 'if-ongoing' };
  /** A first filing after the deadline must give the reasons for the delay (GDPR Art. 33(1): the notification "shall be accompanied by reasons for the delay"); later phases need not repeat them. */
  requiresDelayReasons?: boolean;
  versions: RuleVersion[];
}

const hours = (amount: number): Period => ({ unit: 'hours', amount });
const days = (amount: number): Period => ({ unit: 'calendar-days', amount });
const none = (standard: string): Period => ({ unit: 'none', standard });
/** One version, in force from a date (the law's own date of application, or commencement) on. */
const since = (effectiveFrom: string, period: Period, extra: Partial<RuleVersion> = {}): RuleVersion[] => [{ effectiveFrom, effectiveTo: null, period, verify: false, ...extra }];
const state = (code: string, count?: Threshold['count']): Threshold[] => [{ where: code, ...(count ? { count } : {}) }];
const checked = '2026-11-23';
/** Regulation 1182/71 Art. 3(4): an EU period ending on a weekend or holiday ends on the next working day. */
const euPeriodRollOver: NonNullable<RuleVersion['rollOver']> = { citation: 'Regulation (EEC, Euratom) No 1182/71, Art. 3(4) (verify; weekends only, public holidays not counted)' };
/** DORA's reports due on a weekend or holiday may be met by 12:00 on the next working day. */
const doraRelief: NonNullable<RuleVersion['rollOver']> = {
  citation: "Delegated Regulation (EU) 2025/301, Art. 5 (verify: from a secondary source; weekends only, the member state's public holidays not counted)",
  at: '12:00',
};

export const deadlineRules: DeadlineRule[] = [
  {
    id: 'gdpr-33-authority', lawZone: 'Europe/Brussels', regime: 'GDPR', recipient: 'Lead supervisory authority', citation: 'GDPR Art. 33(1)',
    source: 'Regulation (EU) 2016/679, Art. 33(1); EDPB Guidelines 9/2022', lastVerified: checked,
    anchor: { event: 'aware' }, affected: [{ where: 'EEA' }], risk: 'not-unlikely', establishedIn: 'EEA', requiresDelayReasons: true,
    withoutEstablishment: 'Supervisory authority of each member state where people affected live (no establishment in the Union, so no lead authority)',
    versions: since('2018-05-25', hours(72), { note: 'Unless the breach is unlikely to result in a risk; after 72 h the notification gives the reasons for the delay.' }),
  },
  {
    id: 'gdpr-34-subjects', lawZone: 'Europe/Brussels', regime: 'GDPR', recipient: 'Data subjects', citation: 'GDPR Art. 34(1)',
    source: 'Regulation (EU) 2016/679, Art. 34', lastVerified: checked,
    anchor: { event: 'aware' }, affected: [{ where: 'EEA' }], risk: 'high', establishedIn: 'EEA',
    versions: since('2018-05-25', none('without undue delay'), { note: 'High risk only; exemptions in Art. 34(3).' }),
  },
  {
    id: 'uk-gdpr-33-ico', lawZone: 'Europe/London', regime: 'UK GDPR', recipient: "Information Commissioner's Office", citation: 'UK GDPR Art. 33(1)',
    source: 'UK GDPR (retained Regulation (EU) 2016/679), Art. 33', lastVerified: checked,
    anchor: { event: 'aware' }, affected: [{ where: 'GB' }], risk: 'not-unlikely', establishedIn: 'GB', requiresDelayReasons: true,
    versions: since('2018-05-25', hours(72)),
  },
  {
    id: 'gdpr-33-2-processor', lawZone: 'Europe/Brussels', regime: 'GDPR', recipient: 'The controller, told by its processor', citation: 'GDPR Art. 33(2)',
    source: 'Regulation (EU) 2016/679, Art. 33(2) and Art. 3(1); EDPB Guidelines 9/2022', lastVerified: checked,
    anchor: { event: 'aware' }, processorEstablishedIn: 'EEA',
    versions: since('2018-05-25', none('without undue delay'), {
      note: "The processor's own duty, as it is established in the Union: it tells the controller without undue delay after becoming aware. The controller's clocks start at the controller's awareness, normally when the processor tells it.",
    }),
  },
  {
    id: 'uk-gdpr-33-2-processor', lawZone: 'Europe/London', regime: 'UK GDPR', recipient: 'The controller, told by its processor', citation: 'UK GDPR Art. 33(2)',
    source: 'UK GDPR (retained Regulation (EU) 2016/679), Art. 33(2) and Art. 3(1)', lastVerified: checked,
    anchor: { event: 'aware' }, processorEstablishedIn: 'GB',
    versions: since('2018-05-25', none('without undue delay'), { note: "The processor's own duty, as it is established in the UK: it tells the controller without undue delay after becoming aware." }),
  },
  {
    id: 'nis2-early-warning', lawZone: 'Europe/Brussels', regime: 'NIS2', recipient: 'CSIRT or competent authority', citation: 'NIS2 Art. 23(4)(a)',
    source: 'Directive (EU) 2022/2555, Art. 23(4)(a)', lastVerified: checked,
    anchor: { event: 'aware' }, sector: 'nis2',
    versions: since('2024-10-18', hours(24), { note: 'Significant incidents of essential and important entities.' }),
  },
  {
    id: 'nis2-notification', lawZone: 'Europe/Brussels', regime: 'NIS2', recipient: 'CSIRT or competent authority', citation: 'NIS2 Art. 23(4)(b)',
    source: 'Directive (EU) 2022/2555, Art. 23(4)(b)', lastVerified: checked,
    anchor: { event: 'aware' }, sector: 'nis2',
    versions: since('2024-10-18', hours(72)),
  },
  {
    id: 'nis2-final-report', lawZone: 'Europe/Brussels', regime: 'NIS2', recipient: 'CSIRT or competent authority', citation: 'NIS2 Art. 23(4)(d)',
    source: 'Directive (EU) 2022/2555, Art. 23(4)(d)', lastVerified: checked,
    anchor: { filingOf: 'nis2-notification' }, sector: 'nis2', whileHandling: { at: 'nis2-final-report', applies: 'if-ended' },
    versions: since('2024-10-18', { unit: 'months', amount: 1 }, { rollOver: euPeriodRollOver, note: 'One month after the incident notification was filed, the incident\'s handling having ended by then.' }),
  },
  {
    id: 'nis2-progress-report', lawZone: 'Europe/Brussels', regime: 'NIS2', recipient: 'CSIRT or competent authority', citation: 'NIS2 Art. 23(4)(e)',
    source: 'Directive (EU) 2022/2555, Art. 23(4)(e)', lastVerified: checked,
    anchor: { filingOf: 'nis2-notification' }, sector: 'nis2', whileHandling: { at: 'nis2-final-report', applies: 'if-ongoing' },
    versions: since('2024-10-18', { unit: 'months', amount: 1 }, {
      rollOver: euPeriodRollOver,
      note: 'The incident is still being handled when the final report would be due: a progress report then, and the final report within one month of the end of its handling. Record the end of handling when it comes.',
    }),
  },
  {
    id: 'nis2-final-report-after-handling', lawZone: 'Europe/Brussels', regime: 'NIS2', recipient: 'CSIRT or competent authority', citation: 'NIS2 Art. 23(4)(e)',
    source: 'Directive (EU) 2022/2555, Art. 23(4)(e)', lastVerified: checked,
    anchor: { event: 'handlingEnded' }, sector: 'nis2', whileHandling: { at: 'nis2-final-report', applies: 'if-ongoing' },
    versions: since('2024-10-18', { unit: 'months', amount: 1 }, {
      rollOver: euPeriodRollOver,
      note: 'Final report of an incident that was still ongoing a month after the notification: one month after the end of its handling.',
    }),
  },
  {
    id: 'dora-initial', lawZone: 'Europe/Brussels', regime: 'DORA', recipient: 'Competent financial authority', citation: 'DORA Art. 19(4)(a); Delegated Regulation (EU) 2025/301, Art. 5',
    source: 'Regulation (EU) 2022/2554, Art. 19; Commission Delegated Regulation on the content and time limits of reports', lastVerified: checked,
    anchor: { event: 'classifiedMajor' }, sector: 'dora',
    versions: since('2025-01-17', hours(4), {
      verify: true,
      noLaterThan: { anchor: { event: 'aware' }, period: hours(24) },
      note: 'Some financial entities may file the initial notification by 12:00 on the next working day when its deadline falls on a weekend or public holiday (Delegated Regulation (EU) 2025/301, Art. 5; verify which): not applied here, the strict deadline stands.',
    }),
  },
  {
    id: 'dora-intermediate', lawZone: 'Europe/Brussels', regime: 'DORA', recipient: 'Competent financial authority', citation: 'DORA Art. 19(4)(b); Delegated Regulation (EU) 2025/301, Art. 5',
    source: 'Regulation (EU) 2022/2554, Art. 19', lastVerified: checked,
    anchor: { filingOf: 'dora-initial' }, sector: 'dora',
    versions: since('2025-01-17', hours(72), { verify: true, rollOver: doraRelief, note: 'A deadline on a weekend or public holiday may be met by 12:00 on the next working day (judged in the incident\'s zone: record it in the financial entity\'s member state).' }),
  },
  {
    id: 'dora-final', lawZone: 'Europe/Brussels', regime: 'DORA', recipient: 'Competent financial authority', citation: 'DORA Art. 19(4)(c); Delegated Regulation (EU) 2025/301, Art. 5',
    source: 'Regulation (EU) 2022/2554, Art. 19', lastVerified: checked,
    anchor: { filingOf: 'dora-intermediate', which: 'latest' }, sector: 'dora',
    versions: since('2025-01-17', { unit: 'months', amount: 1 }, { rollOver: doraRelief, verify: true, note: 'One month after the latest updated intermediate report; a deadline on a weekend or public holiday may be met by 12:00 on the next working day (judged in the incident\'s zone: record it in the financial entity\'s member state).' }),
  },
  {
    id: 'hipaa-individuals', lawZone: 'America/New_York', regime: 'HIPAA', recipient: 'Individuals affected', citation: '45 CFR 164.404(b)',
    source: 'HIPAA Breach Notification Rule, 45 CFR 164.404', lastVerified: checked,
    anchor: { event: 'discovered' }, sector: 'hipaa',
    versions: since('2009-09-23', days(60), { verifyDates: true, note: 'Unsecured protected health information; without unreasonable delay and at the latest 60 days.' }),
  },
  {
    id: 'hipaa-hhs', lawZone: 'America/New_York', regime: 'HIPAA', recipient: 'Secretary of HHS', citation: '45 CFR 164.408(b), (c)',
    source: 'HIPAA Breach Notification Rule, 45 CFR 164.408', lastVerified: checked,
    anchor: { event: 'discovered' }, sector: 'hipaa',
    versions: since('2009-09-23', days(60), { verifyDates: true,
      below: { count: 500, period: { unit: 'days-after-year-end', amount: 60 } },
      note: '500 or more individuals: with the notice to individuals; fewer: within 60 days after the end of the calendar year of discovery.',
    }),
  },
  {
    id: 'hipaa-media', lawZone: 'America/New_York', regime: 'HIPAA', recipient: 'Prominent media outlets', citation: '45 CFR 164.406',
    source: 'HIPAA Breach Notification Rule, 45 CFR 164.406', lastVerified: checked,
    anchor: { event: 'discovered' }, sector: 'hipaa', affected: [{ where: 'US', count: { min: 500, inclusive: false, per: 'any-subdivision' } }],
    versions: since('2009-09-23', days(60), { verifyDates: true, note: 'More than 500 residents of one state or jurisdiction.' }),
  },
  {
    id: 'sec-8k', lawZone: 'America/New_York', regime: 'SEC', recipient: 'SEC (Form 8-K Item 1.05)', citation: 'Form 8-K General Instruction B.1 and Item 1.05',
    source: 'SEC Release 33-11216 (2023); EDGAR filing-day cutoff, 17 CFR 232.13(a)(2)', lastVerified: checked,
    anchor: { event: 'materialityDetermined' }, sector: 'sec', zone: 'America/New_York',
    versions: since('2023-12-18', { unit: 'business-days', amount: 4, calendar: 'sec-edgar', cutoff: '17:30' }, { verifyDates: true, note: 'Counted on New York business days (federal holidays and the days the SEC was closed); EDGAR dates a filing after 17:30 Eastern to the next business day.' }),
  },
  {
    id: 'us-wa-residents', lawZone: 'America/Los_Angeles', regime: 'Washington', recipient: 'Washington residents', citation: 'RCW 19.255.010',
    source: 'Revised Code of Washington 19.255.010', lastVerified: checked,
    anchor: { event: 'discovered' }, affected: state('US-WA'),
    versions: [
      { effectiveFrom: '2015-07-24', effectiveTo: '2020-02-29', period: days(45), rollOver: { citation: "RCW 1.12.040 (verify; federal holidays counted, not Washington's own)", holidays: 'us-federal' }, verify: true, verifyDates: true },
      { effectiveFrom: '2020-03-01', effectiveTo: null, period: days(30), rollOver: { citation: "RCW 1.12.040 (verify; federal holidays counted, not Washington's own)", holidays: 'us-federal' }, verify: false },
    ],
  },
  {
    id: 'us-wa-ag', lawZone: 'America/Los_Angeles', regime: 'Washington', recipient: 'Washington Attorney General', citation: 'RCW 19.255.010',
    source: 'Revised Code of Washington 19.255.010', lastVerified: checked,
    anchor: { event: 'discovered' }, affected: state('US-WA', { min: 500, inclusive: false, per: 'total' }),
    versions: [
      { effectiveFrom: '2015-07-24', effectiveTo: '2020-02-29', period: days(45), rollOver: { citation: "RCW 1.12.040 (verify; federal holidays counted, not Washington's own)", holidays: 'us-federal' }, verify: true, verifyDates: true },
      { effectiveFrom: '2020-03-01', effectiveTo: null, period: days(30), rollOver: { citation: "RCW 1.12.040 (verify; federal holidays counted, not Washington's own)", holidays: 'us-federal' }, verify: false },
    ],
  },
  {
    id: 'us-co-residents', lawZone: 'America/Denver', regime: 'Colorado', recipient: 'Colorado residents', citation: 'C.R.S. 6-1-716(2)',
    source: 'Colorado Revised Statutes 6-1-716', lastVerified: checked,
    anchor: { event: 'determined' }, affected: state('US-CO'), versions: since('2018-09-01', days(30), { rollOver: { citation: 'C.R.S. 2-4-108 (verify; federal holidays counted)', holidays: 'us-federal' }, verifyDates: true }),
  },
  {
    id: 'us-co-ag', lawZone: 'America/Denver', regime: 'Colorado', recipient: 'Colorado Attorney General', citation: 'C.R.S. 6-1-716(2)',
    source: 'Colorado Revised Statutes 6-1-716', lastVerified: checked,
    anchor: { event: 'determined' }, affected: state('US-CO', { min: 500, inclusive: true, per: 'total' }), versions: since('2018-09-01', days(30), { rollOver: { citation: 'C.R.S. 2-4-108 (verify; federal holidays counted)', holidays: 'us-federal' }, verifyDates: true }),
  },
  {
    id: 'us-fl-residents', lawZone: 'America/New_York', regime: 'Florida', recipient: 'Florida residents', citation: 'Fla. Stat. 501.171(4)',
    source: 'Florida Statutes 501.171', lastVerified: checked,
    anchor: { event: 'determined' }, affected: state('US-FL'),
    versions: since('2014-07-01', days(30), { verifyDates: true, note: 'Up to 15 more days for this notice if good cause for delay is given in writing to the Department within the 30 days (501.171(3)(a)).' }),
  },
  {
    id: 'us-fl-agency', lawZone: 'America/New_York', regime: 'Florida', recipient: 'Florida Department of Legal Affairs', citation: 'Fla. Stat. 501.171(3)',
    source: 'Florida Statutes 501.171', lastVerified: checked,
    anchor: { event: 'determined' }, affected: state('US-FL', { min: 500, inclusive: true, per: 'total' }),
    versions: since('2014-07-01', days(30), { verifyDates: true }),
  },
  {
    id: 'us-tx-residents', lawZone: 'America/Chicago', regime: 'Texas', recipient: 'Texas residents', citation: 'Tex. Bus. & Com. Code 521.053',
    source: 'Texas Business and Commerce Code 521.053', lastVerified: checked,
    anchor: { event: 'determined' }, affected: state('US-TX'), versions: since('2020-01-01', days(60), { rollOver: { citation: "Tex. Gov't Code 311.014 (verify; federal holidays counted)", holidays: 'us-federal' }, verifyDates: true }),
  },
  {
    id: 'us-tx-ag', lawZone: 'America/Chicago', regime: 'Texas', recipient: 'Texas Attorney General', citation: 'Tex. Bus. & Com. Code 521.053',
    source: 'Texas Business and Commerce Code 521.053', lastVerified: checked,
    anchor: { event: 'determined' }, affected: state('US-TX', { min: 250, inclusive: true, per: 'total' }),
    versions: [
      { effectiveFrom: '2020-01-01', effectiveTo: '2023-08-31', period: days(60), rollOver: { citation: "Tex. Gov't Code 311.014 (verify; federal holidays counted)", holidays: 'us-federal' }, verify: false, verifyDates: true, note: 'Before SB 768: 60 days.' },
      { effectiveFrom: '2023-09-01', effectiveTo: null, period: days(30), rollOver: { citation: "Tex. Gov't Code 311.014 (verify; federal holidays counted)", holidays: 'us-federal' }, verify: false, note: 'SB 768: as soon as practicable and at the latest 30 days.' },
    ],
  },
  {
    id: 'us-ca-residents', lawZone: 'America/Los_Angeles', regime: 'California', recipient: 'California residents', citation: 'Cal. Civ. Code 1798.82(a)',
    source: 'California Civil Code 1798.82', lastVerified: checked,
    anchor: { event: 'discovered' }, affected: state('US-CA'),
    versions: [
      { effectiveFrom: '2003-07-01', effectiveTo: '2025-12-31', period: none('in the most expedient time possible and without unreasonable delay'), verify: false, verifyDates: true },
      { effectiveFrom: '2026-01-01', effectiveTo: null, period: days(30), rollOver: { citation: 'Cal. Code Civ. Proc. 12a (verify; federal holidays counted)', holidays: 'us-federal' }, verify: true },
    ],
  },
  {
    id: 'us-ca-ag', lawZone: 'America/Los_Angeles', regime: 'California', recipient: 'California Attorney General (sample notice)', citation: 'Cal. Civ. Code 1798.82(f)',
    source: 'California Civil Code 1798.82', lastVerified: checked,
    anchor: { filingOf: 'us-ca-residents' }, affected: state('US-CA', { min: 500, inclusive: false, per: 'total' }),
    versions: [
      { effectiveFrom: '2012-01-01', effectiveTo: '2025-12-31', period: none('electronically, with the notice to residents'), verify: false, verifyDates: true },
      { effectiveFrom: '2026-01-01', effectiveTo: null, period: days(15), rollOver: { citation: 'Cal. Code Civ. Proc. 12a (verify; federal holidays counted)', holidays: 'us-federal' }, verify: true, note: '15 days after notifying residents.' },
    ],
  },
  {
    id: 'us-ny-residents', lawZone: 'America/New_York', regime: 'New York', recipient: 'New York residents (and the AG, Department of State and State Police)', citation: 'N.Y. Gen. Bus. Law 899-aa(2)',
    source: 'New York General Business Law 899-aa, as amended in December 2024', lastVerified: checked,
    anchor: { event: 'discovered' }, affected: state('US-NY'),
    versions: [
      { effectiveFrom: '2005-12-07', effectiveTo: '2024-12-20', period: none('in the most expedient time possible and without unreasonable delay'), verify: true, verifyDates: true },
      { effectiveFrom: '2024-12-21', effectiveTo: null, period: days(30), rollOver: { citation: 'N.Y. Gen. Constr. Law 25-a (verify; federal holidays counted)', holidays: 'us-federal' }, verify: true, note: 'Effective date of the 30-day amendment taken as its signature date.' },
    ],
  },
  {
    id: 'ca-pipeda', lawZone: 'America/Toronto', regime: 'Canada PIPEDA', recipient: 'Privacy Commissioner of Canada and individuals', citation: 'PIPEDA s. 10.1',
    source: 'Personal Information Protection and Electronic Documents Act, s. 10.1', lastVerified: checked,
    anchor: { event: 'determined' }, affected: [{ where: 'CA' }], risk: 'not-unlikely',
    versions: since('2018-11-01', none('as soon as feasible'), { verifyDates: true, note: 'Real risk of significant harm; keep a record of every breach for 24 months.' }),
  },
  {
    id: 'sg-pdpc', lawZone: 'Asia/Singapore', regime: 'Singapore PDPA', recipient: 'Personal Data Protection Commission', citation: 'PDPA s. 26D(1)',
    source: 'Personal Data Protection Act 2012 (Singapore), s. 26D', lastVerified: checked,
    anchor: { event: 'assessedNotifiable' }, affected: [{ where: 'SG' }],
    versions: since('2021-02-01', days(3), { verifyDates: true, note: 'Significant harm, or 500 or more individuals; the clock starts when the organisation assesses the breach as notifiable.' }),
  },
  {
    id: 'au-ndb-assessment', lawZone: 'Australia/Sydney', regime: 'Australia NDB', recipient: 'Assessment (then the OAIC and individuals as soon as practicable)', citation: 'Privacy Act 1988 (Cth) s. 26WH(2)',
    source: 'Privacy Act 1988, Part IIIC', lastVerified: checked,
    anchor: { event: 'suspected' }, affected: [{ where: 'AU' }],
    versions: since('2018-02-22', days(30), { rollOver: { citation: 'Acts Interpretation Act 1901 (Cth) s. 36(2) (verify; weekends only, public holidays not counted)' }, verifyDates: true, note: 'The assessment of a suspected eligible breach; the notification itself has no fixed deadline.' }),
  },
  {
    id: 'br-anpd', lawZone: 'America/Sao_Paulo', regime: 'Brazil LGPD', recipient: 'ANPD and data subjects', citation: 'LGPD Art. 48; Resolution CD/ANPD 15/2024',
    source: 'Lei 13.709/2018; Resolução CD/ANPD nº 15/2024', lastVerified: checked,
    anchor: { event: 'aware' }, affected: [{ where: 'BR' }], risk: 'not-unlikely',
    versions: since('2024-04-26', { unit: 'business-days', amount: 3, calendar: 'br-national' }, {
      verifyDates: true,
      note: 'Counted from knowledge that the incident affected personal data.',
      smallAgent: { period: { unit: 'business-days', amount: 6, calendar: 'br-national' }, note: 'Doubled for a small processing agent (Resolução CD/ANPD nº 2/2022, Art. 14; verify).' },
    }),
  },
  {
    id: 'in-dpb', lawZone: 'Asia/Kolkata', regime: 'India DPDP', recipient: 'Data Protection Board of India (detailed report)', citation: 'DPDP Rules 2025, r. 7',
    source: 'Digital Personal Data Protection Rules, 2025', lastVerified: checked,
    anchor: { event: 'aware' }, affected: [{ where: 'IN' }],
    versions: since('2027-05-13', hours(72), { verify: true, verifyDates: true, note: 'Rule 7 comes into force 18 months after the Rules were published on 13 November 2025 (the Gazette date to be verified).' }),
  },
];

/**
 * Whether a late first filing under `rule` must give the reasons for the delay. A rule copied into
 * an incident before the flag existed has none: the built-in rule of the same id answers for it.
 */
export function requiresDelayReasons(rule: Pick<DeadlineRule, 'id' | 'requiresDelayReasons'>): boolean {
  return rule.requiresDelayReasons ?? deadlineRules.find((entry) => entry.id === rule.id)?.requiresDelayReasons ?? false;
}

/** The version of a rule in force on a date ('yyyy-MM-dd'), or null when none is (the law did not apply yet, or no longer). */
export function versionOn(rule: DeadlineRule, isoDate: string): RuleVersion | null {
  return rule.versions.find((version) => (version.effectiveFrom === null || version.effectiveFrom <= isoDate) && (version.effectiveTo === null || isoDate <= version.effectiveTo)) ?? null;
}

/** A workspace's override of a rule: its own period, with who set it, when and why. */
export interface RuleOverride {
  ruleId: string;
  period: Period;
  reason: string;
  setBy: string;
  setAt: string;
}

/** The rule as the workspace applies it: an override replaces every version's period. */
export function withOverride(rule: DeadlineRule, override: RuleOverride | undefined): DeadlineRule {
  if (!override) return rule;
  const latest = rule.versions[rule.versions.length - 1]!;
  return {
    ...rule,
    versions: [
      {
        ...(latest.noLaterThan ? { noLaterThan: latest.noLaterThan } : {}),
        ...(latest.below ? { below: latest.below } : {}),
        ...(latest.rollOver ? { rollOver: latest.rollOver } : {}),
        // An override changes the period, not when the law began to apply.
        effectiveFrom: rule.versions[0]!.effectiveFrom,
        effectiveTo: null,
        period: override.period,
        verify: false,
        note: `Workspace override by ${override.setBy} on ${override.setAt.slice(0, 10)}: ${override.reason}`,
      },
    ],
  };
}
