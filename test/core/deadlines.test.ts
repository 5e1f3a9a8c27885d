import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, addCalendarMonths, endOfLocalDay, instantFromLocal, isoDateOf, localDateOf, localInputValue, weekdayOf } from '../../core/incidents/calendar';
import { computeObligations, deadlineOf, incidentFactsSchema, obligationState, type IncidentFacts } from '../../core/incidents/deadlines';
import { brazilNationalHolidays, holidayTest, usFederalHolidays } from '../../core/incidents/holidays';
import { assessRisk } from '../../core/incidents/risk';
import { deadlineRules, withOverride } from '../../core/incidents/rules';

const facts = (input: Partial<IncidentFacts> & Record<string, unknown>) => incidentFactsSchema.parse(input);
const byId = (input: Record<string, unknown>) => new Map(computeObligations(facts(input)).map((obligation) => [obligation.id, obligation]));

/**
 * Hand-checked cases, one or more per rule. Each expected instant was worked out by hand from the
 * rule's text (counting days on a calendar), not taken from the engine.
 */
const eu = { zone: 'Europe/Berlin', affected: [{ where: 'DE', count: 1200 }] };
const usStates = {
  zone: 'America/New_York',
  events: { discovered: '2026-02-10T09:00:00-05:00', determined: '2026-02-12T16:00:00-05:00' },
  affected: [
    { where: 'US-WA', count: 600 },
    { where: 'US-CO', count: 500 },
    { where: 'US-FL', count: 500 },
    { where: 'US-TX', count: 250 },
    { where: 'US-CA', count: 501 },
    { where: 'US-NY', count: 10 },
  ],
};
const cases: Array<{ name: string; input: Record<string, unknown>; expected: Record<string, { kind: string; dueAt?: string | null; dueLocal?: string; anchor?: string; legalDueAt?: string; legalDueLocal?: string; legalDueCitation?: unknown }> }> = [
  {
    name: 'GDPR: 72 real hours from awareness across the spring DST change (Berlin, 29 March 2026)',
    input: { ...eu, events: { aware: '2026-03-27T10:00:00+01:00' } },
    expected: { 'gdpr-33-authority': { kind: 'deadline', dueAt: '2026-03-30T09:00:00.000Z', dueLocal: '2026-03-30T11:00:00.000+02:00', anchor: 'aware' } },
  },
  {
    name: 'GDPR Art. 34 only when the risk is high, with no fixed deadline',
    input: { ...eu, events: { aware: '2026-03-27T10:00:00+01:00' }, assessment: { breachTypes: ['confidentiality'], dataCategories: ['identity'], subjects: 100000, exfiltration: 'confirmed', recipient: 'unknown', malicious: true } },
    expected: { 'gdpr-33-authority': { kind: 'deadline', dueAt: '2026-03-30T09:00:00.000Z' }, 'gdpr-34-subjects': { kind: 'no-fixed-deadline', dueAt: null } },
  },
  {
    name: 'GDPR Art. 33(2): a processor established in Ireland tells the controller without undue delay',
    input: { zone: 'Europe/Dublin', events: { aware: '2026-03-27T10:00:00+00:00' }, processorEstablished: ['IE'], affected: [{ where: 'IE', count: 5 }] },
    expected: { 'gdpr-33-2-processor': { kind: 'no-fixed-deadline', dueAt: null, anchor: 'aware' } },
  },
  {
    name: 'UK GDPR Art. 33(2): a processor established in the UK tells the controller without undue delay',
    input: { zone: 'Europe/London', events: { aware: '2026-03-27T10:00:00+00:00' }, processorEstablished: ['GB'], affected: [{ where: 'GB', count: 5 }] },
    expected: { 'uk-gdpr-33-2-processor': { kind: 'no-fixed-deadline', dueAt: null } },
  },
  {
    name: 'UK GDPR: 72 real hours across the autumn DST change (London, 25 October 2026)',
    input: { zone: 'Europe/London', events: { aware: '2026-10-23T12:00:00+01:00' }, affected: [{ where: 'GB', count: 40 }] },
    expected: { 'uk-gdpr-33-ico': { kind: 'deadline', dueAt: '2026-10-26T11:00:00.000Z', dueLocal: '2026-10-26T11:00:00.000+00:00' } },
  },
  {
    name: 'NIS2: 24 h early warning, 72 h notification, final report one month after filing, clamped to 28 February (handling ended before)',
    input: {
      zone: 'Europe/Berlin',
      sectors: ['nis2'],
      events: { aware: '2026-01-29T08:00:00+01:00', handlingEnded: '2026-02-20T17:00:00+01:00' },
      filings: [{ obligation: 'nis2-notification', filedAt: '2026-01-31T12:00:00+01:00' }],
    },
    expected: {
      'nis2-early-warning': { kind: 'deadline', dueAt: '2026-01-30T07:00:00.000Z' },
      'nis2-notification': { kind: 'deadline', dueAt: '2026-02-01T07:00:00.000Z' },
      'nis2-final-report': { kind: 'deadline', dueAt: '2026-02-28T22:59:59.999Z', dueLocal: '2026-02-28T23:59:59.999+01:00', anchor: 'filing:nis2-notification' },
    },
  },
  {
    // 28 February 2026 is a Saturday: the legal outer date is Monday 2 March (Regulation 1182/71 Art. 3(4)).
    name: 'NIS2 Art. 23(4)(e): still handled a month after the notification (no end recorded): a progress report then, the final report after the end of handling',
    input: { zone: 'Europe/Berlin', sectors: ['nis2'], events: { aware: '2026-01-29T08:00:00+01:00' }, filings: [{ obligation: 'nis2-notification', filedAt: '2026-01-31T12:00:00+01:00' }] },
    expected: {
      'nis2-progress-report': { kind: 'deadline', dueAt: '2026-02-28T22:59:59.999Z', legalDueAt: '2026-03-02T22:59:59.999Z', anchor: 'filing:nis2-notification' },
      'nis2-final-report-after-handling': { kind: 'waiting-for-anchor', dueAt: null, anchor: 'handlingEnded' },
    },
  },
  {
    // Handling ended on 10 March, after the 28 February deadline: one month later is 10 April (a Friday), in summer time.
    name: 'NIS2 Art. 23(4)(e): handling ended after the final report would have been due: final report one month after the end of handling',
    input: {
      zone: 'Europe/Berlin',
      sectors: ['nis2'],
      events: { aware: '2026-01-29T08:00:00+01:00', handlingEnded: '2026-03-10T15:00:00+01:00' },
      filings: [{ obligation: 'nis2-notification', filedAt: '2026-01-31T12:00:00+01:00' }],
    },
    expected: {
      'nis2-progress-report': { kind: 'deadline', dueAt: '2026-02-28T22:59:59.999Z' },
      'nis2-final-report-after-handling': { kind: 'deadline', dueAt: '2026-04-10T21:59:59.999Z', dueLocal: '2026-04-10T23:59:59.999+02:00', anchor: 'handlingEnded' },
    },
  },
  {
    name: 'NIS2 final report waits for the notification to be filed',
    input: { zone: 'Europe/Berlin', sectors: ['nis2'], events: { aware: '2026-01-29T08:00:00+01:00' } },
    expected: { 'nis2-final-report': { kind: 'waiting-for-anchor', dueAt: null, anchor: 'filing:nis2-notification' } },
  },
  {
    name: 'DORA: initial report 4 h after classification but no later than 24 h after awareness; chained intermediate and final',
    input: {
      zone: 'Europe/Berlin',
      sectors: ['dora'],
      events: { aware: '2026-05-04T01:00:00+02:00', classifiedMajor: '2026-05-04T22:30:00+02:00' },
      filings: [
        { obligation: 'dora-initial', filedAt: '2026-05-04T23:00:00+02:00' },
        { obligation: 'dora-intermediate', filedAt: '2026-05-07T10:00:00+02:00' },
      ],
    },
    expected: {
      'dora-initial': { kind: 'deadline', dueAt: '2026-05-04T23:00:00.000Z' },
      'dora-intermediate': { kind: 'deadline', dueAt: '2026-05-07T21:00:00.000Z' },
      // 7 June 2026 is a Sunday: by 12:00 on Monday 8 June (Delegated Regulation 2025/301 Art. 5, to verify).
      'dora-final': { kind: 'deadline', dueAt: '2026-06-07T21:59:59.999Z', legalDueAt: '2026-06-08T10:00:00.000Z', legalDueLocal: '2026-06-08T12:00:00.000+02:00' },
    },
  },
  {
    // Initial filed Wednesday 6 May 10:00: 72 hours end on Saturday 9 May 10:00; the relief runs to Monday 11 May 12:00.
    name: 'DORA: an intermediate report due on a Saturday may be met by 12:00 on the next working day; the strict time stays the deadline',
    input: { zone: 'Europe/Berlin', sectors: ['dora'], events: { aware: '2026-05-06T08:00:00+02:00', classifiedMajor: '2026-05-06T09:00:00+02:00' }, filings: [{ obligation: 'dora-initial', filedAt: '2026-05-06T10:00:00+02:00' }] },
    expected: {
      'dora-intermediate': { kind: 'deadline', dueAt: '2026-05-09T08:00:00.000Z', legalDueAt: '2026-05-11T10:00:00.000Z', legalDueLocal: '2026-05-11T12:00:00.000+02:00', legalDueCitation: expect.stringContaining('2025/301') },
    },
  },
  {
    name: 'DORA: early classification, the 4 hours bind',
    input: { zone: 'Europe/Berlin', sectors: ['dora'], events: { aware: '2026-05-04T01:00:00+02:00', classifiedMajor: '2026-05-04T09:00:00+02:00' } },
    expected: { 'dora-initial': { kind: 'deadline', dueAt: '2026-05-04T11:00:00.000Z' }, 'dora-intermediate': { kind: 'waiting-for-anchor' } },
  },
  {
    name: 'HIPAA: 60 calendar days from discovery, across the US DST change; HHS too at 500 or more; media above 500 in one state',
    input: { zone: 'America/New_York', sectors: ['hipaa'], events: { discovered: '2026-02-10T09:00:00-05:00' }, affected: [{ where: 'US-NY', count: 501 }, { where: 'US-NJ', count: 100 }] },
    expected: {
      'hipaa-individuals': { kind: 'deadline', dueAt: '2026-04-12T03:59:59.999Z', dueLocal: '2026-04-11T23:59:59.999-04:00' },
      'hipaa-hhs': { kind: 'deadline', dueAt: '2026-04-12T03:59:59.999Z' },
      'hipaa-media': { kind: 'deadline', dueAt: '2026-04-12T03:59:59.999Z' },
    },
  },
  {
    name: 'HIPAA under 500: HHS within 60 days after the end of the calendar year; no media notice',
    input: { zone: 'America/New_York', sectors: ['hipaa'], events: { discovered: '2026-02-10T09:00:00-05:00' }, affected: [{ where: 'US-NY', count: 300 }, { where: 'US-NJ', count: 199 }] },
    expected: { 'hipaa-hhs': { kind: 'deadline', dueAt: '2027-03-02T04:59:59.999Z', dueLocal: '2027-03-01T23:59:59.999-05:00' } },
  },
  {
    name: 'SEC 8-K: 4 business days, skipping the weekend and Independence Day observed on Friday 3 July 2026, by 17:30 in New York',
    input: { zone: 'America/New_York', sectors: ['sec'], events: { materialityDetermined: '2026-07-01T15:00:00-04:00' } },
    expected: { 'sec-8k': { kind: 'deadline', dueAt: '2026-07-08T21:30:00.000Z', dueLocal: '2026-07-08T17:30:00.000-04:00', anchor: 'materialityDetermined' } },
  },
  {
    name: 'SEC 8-K counts New York business days even when the incident is kept in Tokyo time',
    input: { zone: 'Asia/Tokyo', sectors: ['sec'], events: { materialityDetermined: '2026-07-02T04:00:00+09:00' } },
    expected: { 'sec-8k': { kind: 'deadline', dueAt: '2026-07-08T21:30:00.000Z', dueLocal: '2026-07-09T06:30:00.000+09:00' } },
  },
  {
    name: 'DORA: a classification more than 24 h after awareness still gets its 4 hours',
    input: { zone: 'Europe/Berlin', sectors: ['dora'], events: { aware: '2026-05-04T01:00:00+02:00', classifiedMajor: '2026-05-05T10:00:00+02:00' } },
    expected: { 'dora-initial': { kind: 'deadline', dueAt: '2026-05-05T12:00:00.000Z' } },
  },
  {
    name: 'DORA: the final report counts from the latest updated intermediate report',
    input: {
      zone: 'Europe/Berlin',
      sectors: ['dora'],
      events: { aware: '2026-05-04T01:00:00+02:00', classifiedMajor: '2026-05-04T09:00:00+02:00' },
      filings: [
        { obligation: 'dora-initial', filedAt: '2026-05-04T12:00:00+02:00' },
        { obligation: 'dora-intermediate', filedAt: '2026-05-06T10:00:00+02:00' },
        { obligation: 'dora-intermediate', filedAt: '2026-05-12T10:00:00+02:00' },
      ],
    },
    expected: { 'dora-final': { kind: 'deadline', dueAt: '2026-06-12T21:59:59.999Z', anchor: 'filing:dora-intermediate' } },
  },
  {
    name: 'HIPAA without counts: HHS within the 60 days, the stricter period',
    input: { zone: 'America/New_York', sectors: ['hipaa'], events: { discovered: '2026-02-10T09:00:00-05:00' } },
    expected: { 'hipaa-hhs': { kind: 'deadline', dueAt: '2026-04-12T03:59:59.999Z' } },
  },
  {
    name: 'US states: residents and attorneys general at their thresholds',
    input: usStates,
    expected: {
      'us-wa-residents': { kind: 'deadline', dueAt: '2026-03-13T03:59:59.999Z' },
      'us-wa-ag': { kind: 'deadline', dueAt: '2026-03-13T03:59:59.999Z' },
      'us-co-residents': { kind: 'deadline', dueAt: '2026-03-15T03:59:59.999Z' },
      'us-co-ag': { kind: 'deadline', dueAt: '2026-03-15T03:59:59.999Z' },
      'us-fl-residents': { kind: 'deadline', dueAt: '2026-03-15T03:59:59.999Z' },
      'us-fl-agency': { kind: 'deadline', dueAt: '2026-03-15T03:59:59.999Z' },
      'us-tx-residents': { kind: 'deadline', dueAt: '2026-04-14T03:59:59.999Z' },
      'us-tx-ag': { kind: 'deadline', dueAt: '2026-03-15T03:59:59.999Z' },
      'us-ca-residents': { kind: 'deadline', dueAt: '2026-03-13T03:59:59.999Z' },
      'us-ca-ag': { kind: 'waiting-for-anchor', dueAt: null, anchor: 'filing:us-ca-residents' },
      'us-ny-residents': { kind: 'deadline', dueAt: '2026-03-13T03:59:59.999Z' },
    },
  },
  {
    name: 'California AG: 15 days after the residents were notified',
    input: { ...usStates, filings: [{ obligation: 'us-ca-residents', filedAt: '2026-03-01T12:00:00-05:00' }] },
    expected: { 'us-ca-ag': { kind: 'deadline', dueAt: '2026-03-17T03:59:59.999Z' } },
  },
  {
    name: 'California before 2026: no fixed deadline',
    input: { zone: 'America/Los_Angeles', events: { discovered: '2025-06-01T09:00:00-07:00' }, affected: [{ where: 'US-CA', count: 10 }] },
    expected: { 'us-ca-residents': { kind: 'no-fixed-deadline', dueAt: null } },
  },
  {
    name: 'Canada PIPEDA: as soon as feasible',
    input: { zone: 'America/Toronto', events: { determined: '2026-06-01T10:00:00-04:00' }, affected: [{ where: 'CA', count: 50 }] },
    expected: { 'ca-pipeda': { kind: 'no-fixed-deadline', dueAt: null, anchor: 'determined' } },
  },
  {
    name: 'Singapore: 3 calendar days from the assessment, at 500 people',
    input: { zone: 'Asia/Singapore', events: { assessedNotifiable: '2026-06-01T10:00:00+08:00' }, affected: [{ where: 'SG', count: 500 }] },
    expected: { 'sg-pdpc': { kind: 'deadline', dueAt: '2026-06-04T15:59:59.999Z', dueLocal: '2026-06-04T23:59:59.999+08:00' } },
  },
  {
    name: 'Australia: the assessment within 30 calendar days of suspicion',
    input: { zone: 'Australia/Sydney', events: { suspected: '2026-06-01T10:00:00+10:00' }, affected: [{ where: 'AU', count: 5 }] },
    expected: { 'au-ndb-assessment': { kind: 'deadline', dueAt: '2026-07-01T13:59:59.999Z' } },
  },
  {
    name: 'Brazil: 3 business days, skipping Black Consciousness Day (20 November) and the weekend',
    input: { zone: 'America/Sao_Paulo', events: { aware: '2026-11-18T10:00:00-03:00' }, affected: [{ where: 'BR', count: 5 }] },
    expected: { 'br-anpd': { kind: 'deadline', dueAt: '2026-11-25T02:59:59.999Z', dueLocal: '2026-11-24T23:59:59.999-03:00' } },
  },
  {
    name: 'India: 72 hours from awareness, once rule 7 is in force (13 May 2027)',
    input: { zone: 'Asia/Kolkata', events: { aware: '2027-06-01T10:00:00+05:30' }, affected: [{ where: 'IN', count: 5 }] },
    expected: { 'in-dpb': { kind: 'deadline', dueAt: '2027-06-04T04:30:00.000Z' } },
  },
  {
    name: 'Texas AG before SB 768 (breach determined 15 August 2023): 60 days, to 14 October',
    input: { zone: 'America/Chicago', events: { determined: '2023-08-15T10:00:00-05:00' }, affected: [{ where: 'US-TX', count: 300 }] },
    expected: { 'us-tx-ag': { kind: 'deadline', dueAt: '2023-10-15T04:59:59.999Z', dueLocal: '2023-10-14T23:59:59.999-05:00' } },
  },
  {
    name: 'Texas AG after SB 768 (determined 15 September 2023): 30 days, to 15 October',
    input: { zone: 'America/Chicago', events: { determined: '2023-09-15T10:00:00-05:00' }, affected: [{ where: 'US-TX', count: 300 }] },
    expected: { 'us-tx-ag': { kind: 'deadline', dueAt: '2023-10-16T04:59:59.999Z' } },
  },
  {
    name: 'Washington before 1 March 2020 (discovered 15 February 2020): 45 days, to 31 March, in daylight time',
    input: { zone: 'America/Los_Angeles', events: { discovered: '2020-02-15T09:00:00-08:00' }, affected: [{ where: 'US-WA', count: 600 }] },
    expected: { 'us-wa-residents': { kind: 'deadline', dueAt: '2020-04-01T06:59:59.999Z' }, 'us-wa-ag': { kind: 'deadline', dueAt: '2020-04-01T06:59:59.999Z' } },
  },
  {
    name: 'Washington: 30 days end on Saturday 7 March 2026; RCW 1.12.040 gives until Monday the 9th (in daylight time), shown beside',
    input: { zone: 'America/Los_Angeles', events: { discovered: '2026-02-05T09:00:00-08:00' }, affected: [{ where: 'US-WA', count: 20 }] },
    expected: {
      'us-wa-residents': {
        kind: 'deadline',
        dueAt: '2026-03-08T07:59:59.999Z',
        legalDueAt: '2026-03-10T06:59:59.999Z',
        legalDueLocal: '2026-03-09T23:59:59.999-07:00',
        legalDueCitation: expect.stringMatching(/^RCW 1\.12\.040 \(verify/),
      },
    },
  },
  {
    name: "Colorado: 30 days end on Saturday 14 February 2026; Monday the 16th is Presidents' Day, so the legal outer date is Tuesday the 17th",
    input: { zone: 'America/Denver', events: { determined: '2026-01-15T10:00:00-07:00' }, affected: [{ where: 'US-CO', count: 20 }] },
    expected: { 'us-co-residents': { kind: 'deadline', dueAt: '2026-02-15T06:59:59.999Z', legalDueAt: '2026-02-18T06:59:59.999Z' } },
  },
  {
    name: "SEC: 4 business days skip the SEC's closure for President Carter's day of mourning (Thursday 9 January 2025), so Monday the 13th by 17:30",
    input: { zone: 'America/New_York', sectors: ['sec'], events: { materialityDetermined: '2025-01-06T10:00:00-05:00' } },
    expected: { 'sec-8k': { kind: 'deadline', dueAt: '2025-01-13T22:30:00.000Z', dueLocal: '2025-01-13T17:30:00.000-05:00' } },
  },
  {
    name: 'Brazil, a small processing agent: 6 business days (doubled), from Wednesday 18 November 2026 past Black Consciousness Day to Friday the 27th',
    input: { zone: 'America/Sao_Paulo', smallAgent: true, events: { aware: '2026-11-18T10:00:00-03:00' }, affected: [{ where: 'BR', count: 5 }] },
    expected: { 'br-anpd': { kind: 'deadline', dueAt: '2026-11-28T02:59:59.999Z', dueLocal: '2026-11-27T23:59:59.999-03:00' } },
  },
  {
    name: 'New York before 21 December 2024: no fixed deadline',
    input: { zone: 'America/New_York', events: { discovered: '2024-12-01T09:00:00-05:00' }, affected: [{ where: 'US-NY', count: 10 }] },
    expected: { 'us-ny-residents': { kind: 'no-fixed-deadline', dueAt: null } },
  },
];

/** Rules whose law was not yet in force at the clock's start: no obligation at all. */
const notYetInForce: Array<{ name: string; input: Record<string, unknown>; absent: string[] }> = [
  { name: 'India before rule 7 commences (a 2026 breach)', input: { zone: 'Asia/Kolkata', events: { aware: '2026-06-01T10:00:00+05:30' }, affected: [{ where: 'IN', count: 5 }] }, absent: ['in-dpb'] },
  {
    name: 'DORA before 17 January 2025',
    input: { zone: 'Europe/Berlin', sectors: ['dora'], events: { aware: '2025-01-10T08:00:00+01:00', classifiedMajor: '2025-01-10T12:00:00+01:00' } },
    absent: ['dora-initial', 'dora-intermediate', 'dora-final'],
  },
  { name: 'GDPR before 25 May 2018', input: { ...eu, events: { aware: '2018-05-01T10:00:00+02:00' } }, absent: ['gdpr-33-authority', 'gdpr-34-subjects'] },
];

describe('the deadline rules', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    const obligations = byId(input);
    for (const [id, want] of Object.entries(expected)) {
      expect(obligations.get(id), id).toMatchObject(want);
    }
  });

  it('lists Art. 34 while no risk assessment is recorded, saying it waits for one; drops it only when the risk rules it out', () => {
    const aware = { ...eu, events: { aware: '2026-03-27T10:00:00+01:00' } };
    // Nothing assessed yet: Art. 33 runs, and Art. 34 is there, waiting for the assessment.
    expect(byId(aware).get('gdpr-34-subjects')).toMatchObject({ kind: 'no-fixed-deadline', dueAt: null, condition: 'pending-risk-assessment', note: expect.stringMatching(/^Applies if the breach is likely to result in a high risk/) });
    expect(byId(aware).get('gdpr-33-authority')).toMatchObject({ kind: 'deadline', condition: null });
    // Assessed high: it applies, with no condition left.
    const high = { ...aware, assessment: { breachTypes: ['confidentiality'], dataCategories: ['identity'], subjects: 100000, exfiltration: 'confirmed', recipient: 'unknown', malicious: true } };
    expect(byId(high).get('gdpr-34-subjects')).toMatchObject({ condition: null });
    // A decision that only the authority is told rules it out.
    expect(new Map(computeObligations(facts(aware), deadlineRules, 'notify-authority').map((obligation) => [obligation.id, obligation])).has('gdpr-34-subjects')).toBe(false);
  });

  it('gives no legal outer date where the strict date is a business day, nor for periods in hours (Regulation 1182/71 leaves hours alone)', () => {
    // 30 days from Thursday 5 March 2026 end on Saturday 4 April: moved; from Wednesday 4 March, on Friday 3 April: not.
    const wa = (discovered: string) => byId({ zone: 'America/Los_Angeles', events: { discovered }, affected: [{ where: 'US-WA', count: 20 }] }).get('us-wa-residents')!;
    expect(wa('2026-03-04T09:00:00-08:00').legalDueAt).toBeUndefined();
    expect(wa('2026-03-05T09:00:00-08:00').legalDueAt).toBe('2026-04-07T06:59:59.999Z');
    // GDPR's 72 hours ending on a Saturday stay 72 hours.
    const gdpr = byId({ ...eu, events: { aware: '2026-03-04T10:00:00+01:00' } }).get('gdpr-33-authority')!;
    expect(gdpr).toMatchObject({ dueAt: '2026-03-07T09:00:00.000Z' });
    expect(gdpr.legalDueAt).toBeUndefined();
  });

  it('picks the version in force on the day where the law applies, whatever zone the incident is logged in', () => {
    // 05:00 UTC on 25 May 2018 is 07:00 in Brussels (the GDPR applies) but still 24 May in Los Angeles.
    const gdpr = (aware: string, zone: string) => byId({ zone, events: { aware }, affected: [{ where: 'DE', count: 10 }] }).has('gdpr-33-authority');
    expect(gdpr('2018-05-25T05:00:00Z', 'America/Los_Angeles')).toBe(true);
    // 21:00 UTC on 24 May is 23:00 in Brussels (not yet) though already the 25th in Tokyo.
    expect(gdpr('2018-05-24T21:00:00Z', 'Asia/Tokyo')).toBe(false);
    // California: discovered at 20:00 on 31 December 2025 in Los Angeles (the old law), logged in Berlin; and at 00:30 on 1 January there (the new one), logged in Honolulu.
    const ca = (discovered: string, zone: string) => byId({ zone, events: { discovered }, affected: [{ where: 'US-CA', count: 10 }] }).get('us-ca-residents')!.kind;
    expect(ca('2025-12-31T20:00:00-08:00', 'Europe/Berlin')).toBe('no-fixed-deadline');
    expect(ca('2026-01-01T00:30:00-08:00', 'Pacific/Honolulu')).toBe('deadline');
    // The day before and the day of an effective date (Texas AG, 1 September 2023, Chicago).
    const txAg = (determined: string) => byId({ zone: 'America/Chicago', events: { determined }, affected: [{ where: 'US-TX', count: 300 }] }).get('us-tx-ag')!.period;
    expect(txAg('2023-08-31T23:30:00-05:00')).toBe('60 calendar days');
    expect(txAg('2023-09-01T00:30:00-05:00')).toBe('30 calendar days');
  });

  it('never moves a deadline in hours or business days, even under a rule with a roll-over statute', () => {
    const base = deadlineRules.find((rule) => rule.id === 'gdpr-33-authority')!;
    const rolled = { ...base, versions: base.versions.map((version) => ({ ...version, rollOver: { citation: 'test statute' } })) };
    // 72 hours from Wednesday 4 March 2026 end on Saturday 7 March: the rule would move days, not hours.
    const [obligation] = computeObligations(facts({ ...eu, events: { aware: '2026-03-04T10:00:00+01:00' } }), [rolled]);
    expect(obligation).toMatchObject({ id: 'gdpr-33-authority', dueAt: '2026-03-07T09:00:00.000Z' });
    expect(obligation!.legalDueAt).toBeUndefined();
    const days30 = { ...rolled, versions: rolled.versions.map((version) => ({ ...version, period: { unit: 'calendar-days' as const, amount: 3 } })) };
    // The same rule counting 3 calendar days (to Saturday 7 March) is moved to Monday the 9th: the check above is not vacuous.
    expect(computeObligations(facts({ ...eu, events: { aware: '2026-03-04T10:00:00+01:00' } }), [days30])[0]!.legalDueAt).toBe('2026-03-09T22:59:59.999Z');
  });

  it('keeps a chained clock wherever its source rule sits in the list (rules copied into an incident come last)', () => {
    const initial = deadlineRules.find((rule) => rule.id === 'dora-initial')!;
    const reordered = [...deadlineRules.filter((rule) => rule !== initial), initial];
    const dora = { zone: 'Europe/Berlin', sectors: ['dora' as const], events: { aware: '2026-01-10T08:00:00+01:00', classifiedMajor: '2026-01-10T12:00:00+01:00' } };
    const ids = computeObligations(facts(dora), reordered).map((obligation) => obligation.id);
    expect(ids).toEqual(expect.arrayContaining(['dora-initial', 'dora-intermediate', 'dora-final']));
  });

  it('keeps the effective date and the roll-over of a rule the workspace overrides', () => {
    const india = withOverride(deadlineRules.find((rule) => rule.id === 'in-dpb')!, { ruleId: 'in-dpb', period: { unit: 'hours', amount: 48 }, reason: 'policy', setBy: 'dpo', setAt: '2026-11-23T09:00:00Z' });
    expect(computeObligations(facts({ zone: 'Asia/Kolkata', events: { aware: '2026-06-01T10:00:00+05:30' }, affected: [{ where: 'IN', count: 5 }] }), [india])).toEqual([]);
    const wa = withOverride(deadlineRules.find((rule) => rule.id === 'us-wa-residents')!, { ruleId: 'us-wa-residents', period: { unit: 'calendar-days', amount: 30 }, reason: 'policy', setBy: 'dpo', setAt: '2026-11-23T09:00:00Z' });
    expect(computeObligations(facts({ zone: 'America/Los_Angeles', events: { discovered: '2026-02-05T09:00:00-08:00' }, affected: [{ where: 'US-WA', count: 20 }] }), [wa])[0]!.legalDueAt).toBe('2026-03-10T06:59:59.999Z');
  });

  it('applies the GDPR and the UK GDPR by establishment as well as by residence; a controller established outside the Union tells each authority', () => {
    const aware = { aware: '2026-06-01T10:00:00+02:00' };
    // A UK-established controller whose breach touches French residents only: the ICO clock runs too (and the GDPR's, by residence).
    const uk = byId({ zone: 'Europe/London', events: aware, established: ['GB'], affected: [{ where: 'FR', count: 40 }] });
    expect(uk.get('uk-gdpr-33-ico')).toMatchObject({ kind: 'deadline', dueAt: '2026-06-04T08:00:00.000Z' });
    expect(uk.has('gdpr-33-authority')).toBe(true);
    // Without the establishment recorded, no ICO clock for French residents.
    expect(byId({ zone: 'Europe/London', events: aware, affected: [{ where: 'FR', count: 40 }] }).has('uk-gdpr-33-ico')).toBe(false);
    // A controller established in Germany whose breach touches Californians only: GDPR Art. 33 by establishment.
    const de = byId({ zone: 'Europe/Berlin', events: aware, established: ['DE'], affected: [{ where: 'US-CA', count: 40 }] });
    expect(de.get('gdpr-33-authority')).toMatchObject({ kind: 'deadline', recipient: 'Lead supervisory authority' });
    // A controller established only in the United States, with people in Germany and France: every authority, no lead one.
    const us = byId({ zone: 'America/New_York', events: aware, established: ['US'], affected: [{ where: 'FR', count: 10 }, { where: 'DE', count: 5 }] });
    expect(us.get('gdpr-33-authority')!.recipient).toBe('Supervisory authority of each member state where people affected live (no establishment in the Union, so no lead authority) (DE, FR)');
  });

  it('NIS2: a final report filed by the legal outer date counts; an incident that copied the old final-report rule keeps it alone', () => {
    // Due Saturday 28 February 2026, legally Monday 2 March; handling ended Sunday 1 March: the final report of (d), no progress report.
    const sunday = byId({ zone: 'Europe/Berlin', sectors: ['nis2'], events: { aware: '2026-01-29T08:00:00+01:00', handlingEnded: '2026-03-01T12:00:00+01:00' }, filings: [{ obligation: 'nis2-notification', filedAt: '2026-01-31T12:00:00+01:00' }] });
    expect(sunday.get('nis2-final-report')).toMatchObject({ dueAt: '2026-02-28T22:59:59.999Z', legalDueAt: '2026-03-02T22:59:59.999Z' });
    expect(sunday.has('nis2-progress-report')).toBe(false);
    // Rules as an incident copied them before Art. 23(4)(e) was modelled: no whileHandling on the final report.
    const copied = deadlineRules.map((rule) => (rule.id === 'nis2-final-report' ? { ...rule, whileHandling: undefined } : rule));
    const old = computeObligations(
      facts({ zone: 'Europe/Berlin', sectors: ['nis2'], events: { aware: '2026-01-29T08:00:00+01:00' }, filings: [{ obligation: 'nis2-notification', filedAt: '2026-01-31T12:00:00+01:00' }] }),
      copied,
    ).map((obligation) => obligation.id);
    expect(old).toContain('nis2-final-report');
    expect(old.filter((id) => id === 'nis2-progress-report' || id === 'nis2-final-report-after-handling')).toEqual([]);
  });

  it('DORA: the next-working-day 12:00 relief across both DST changes (Berlin)', () => {
    const dora = (filedAt: string) => byId({ zone: 'Europe/Berlin', sectors: ['dora'], events: { aware: filedAt, classifiedMajor: filedAt }, filings: [{ obligation: 'dora-initial', filedAt }] }).get('dora-intermediate')!;
    // Initial filed Wednesday 25 March 10:00 CET: due Saturday 28 March 10:00 CET; relief Monday 30 March 12:00 CEST (after the spring change).
    expect(dora('2026-03-25T10:00:00+01:00')).toMatchObject({ dueAt: '2026-03-28T09:00:00.000Z', legalDueAt: '2026-03-30T10:00:00.000Z', legalDueLocal: '2026-03-30T12:00:00.000+02:00' });
    // Initial filed Wednesday 21 October 10:00 CEST: due Saturday 24 October; relief Monday 26 October 12:00 CET (after the autumn change).
    expect(dora('2026-10-21T10:00:00+02:00')).toMatchObject({ dueAt: '2026-10-24T08:00:00.000Z', legalDueAt: '2026-10-26T11:00:00.000Z', legalDueLocal: '2026-10-26T12:00:00.000+01:00' });
    // On a weekday nothing moves.
    expect(dora('2026-03-23T10:00:00+01:00').legalDueAt).toBeUndefined();
  });

  it('lists the processor\'s own duty (Art. 33(2)) where the processor involved is established, whoever the people are', () => {
    const aware = { aware: '2026-06-01T10:00:00+02:00' };
    // A US controller, US residents only, an Irish processor: no controller clock under the GDPR, but the processor must tell the controller.
    const ie = byId({ zone: 'America/New_York', events: aware, established: ['US'], processorEstablished: ['IE'], affected: [{ where: 'US-NY', count: 10 }] });
    expect(ie.get('gdpr-33-2-processor')).toMatchObject({ kind: 'no-fixed-deadline', recipient: 'The controller, told by its processor', citation: 'GDPR Art. 33(2)', period: 'without undue delay' });
    expect(ie.has('gdpr-33-authority')).toBe(false);
    expect(ie.has('uk-gdpr-33-2-processor')).toBe(false);
    // A processor in the UK: the UK GDPR's; none recorded or one outside both: neither.
    expect(byId({ zone: 'Europe/London', events: aware, processorEstablished: ['GB'], affected: [{ where: 'FR', count: 1 }] }).has('uk-gdpr-33-2-processor')).toBe(true);
    const elsewhere = byId({ zone: 'Europe/Berlin', events: aware, processorEstablished: ['US'], affected: [{ where: 'DE', count: 1 }] });
    expect(elsewhere.has('gdpr-33-2-processor') || elsewhere.has('uk-gdpr-33-2-processor')).toBe(false);
    expect(byId({ zone: 'Europe/Berlin', events: aware, affected: [{ where: 'DE', count: 1 }] }).has('gdpr-33-2-processor')).toBe(false);
  });

  it('says why a small processing agent gets the doubled period, flagged to verify; others keep 3 business days', () => {
    const br = (smallAgent: boolean) => byId({ zone: 'America/Sao_Paulo', smallAgent, events: { aware: '2026-11-18T10:00:00-03:00' }, affected: [{ where: 'BR', count: 5 }] }).get('br-anpd')!;
    expect(br(true)).toMatchObject({ period: '6 business days (Brazilian national holidays)', verify: true, note: expect.stringMatching(/^Doubled for a small processing agent/) });
    expect(br(false)).toMatchObject({ period: '3 business days (Brazilian national holidays)', dueAt: '2026-11-25T02:59:59.999Z' });
  });

  it.each(notYetInForce)('not yet in force: $name', ({ input, absent }) => {
    const obligations = byId(input);
    for (const id of absent) expect(obligations.has(id), id).toBe(false);
  });

  it('dates every version of every rule, without gaps or overlaps between a rule\'s versions', () => {
    for (const rule of deadlineRules) {
      rule.versions.forEach((version, index) => {
        expect(version.effectiveFrom, `${rule.id} #${index}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const next = rule.versions[index + 1];
        if (next) {
          const dayAfter = new Date(Date.parse(`${version.effectiveTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          expect(next.effectiveFrom, `${rule.id}: the version after ${version.effectiveTo}`).toBe(dayAfter);
        } else {
          expect(version.effectiveTo, `${rule.id}: its newest version`).toBeNull();
        }
      });
    }
  });

  it('covers every rule with a hand-checked case', () => {
    const covered = new Set(cases.flatMap((entry) => Object.keys(entry.expected)));
    expect(deadlineRules.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('leaves out obligations whose thresholds are not met', () => {
    const obligations = byId({
      ...usStates,
      affected: [
        { where: 'US-WA', count: 500 },
        { where: 'US-CO', count: 499 },
        { where: 'US-FL', count: 499 },
        { where: 'US-TX', count: 249 },
        { where: 'US-CA', count: 500 },
      ],
    });
    for (const id of ['us-wa-ag', 'us-co-ag', 'us-fl-agency', 'us-tx-ag', 'us-ca-ag', 'us-ny-residents', 'gdpr-33-authority', 'sec-8k', 'hipaa-individuals']) expect(obligations.has(id), id).toBe(false);
    expect(obligations.has('us-wa-residents')).toBe(true);
    // Singapore: recording the assessment that the breach is notifiable starts the clock, whatever the count.
    expect(byId({ zone: 'Asia/Singapore', events: { assessedNotifiable: '2026-06-01T10:00:00+08:00' }, affected: [{ where: 'SG', count: 12 }] }).get('sg-pdpc')).toMatchObject({ kind: 'deadline' });
    expect(byId({ zone: 'Asia/Singapore', affected: [{ where: 'SG', count: 12 }] }).get('sg-pdpc')).toMatchObject({ kind: 'waiting-for-anchor' });
    // A breach judged unlikely to result in a risk starts no GDPR clock (Art. 33(1)), but is still documented.
    const lowRisk = byId({ ...eu, events: { aware: '2026-03-27T10:00:00+01:00' }, assessment: { breachTypes: ['availability'], dataCategories: ['contact'], restoredWithinHours: 2 } });
    expect(lowRisk.has('gdpr-33-authority')).toBe(false);
  });

  it('flags the rules marked (verify) in the domain reference', () => {
    const flagged = new Set(deadlineRules.filter((rule) => rule.versions.some((version) => version.verify)).map((rule) => rule.id));
    for (const id of ['dora-initial', 'dora-intermediate', 'dora-final', 'us-ca-residents', 'us-ca-ag', 'in-dpb']) expect(flagged.has(id), id).toBe(true);
    for (const rule of deadlineRules) {
      expect(rule.citation.length, rule.id).toBeGreaterThan(3);
      expect(rule.lastVerified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('refuses facts with a wrong field, naming it', () => {
    const check = (input: unknown) => {
      const parsed = incidentFactsSchema.safeParse(input);
      return parsed.success ? null : parsed.error.issues[0]!.path.join('.');
    };
    expect(check({ zone: 'Mars/Olympus' })).toBe('zone');
    expect(check({ events: { aware: '2026-03-27 10:00' } })).toBe('events.aware');
    expect(check({ events: { noticed: '2026-03-27T10:00:00Z' } })).toMatch(/^events/);
    expect(check({ affected: [{ where: 'Texas', count: 3 }] })).toBe('affected.0.where');
    expect(check({ affected: [{ where: 'US-TX', count: -1 }] })).toBe('affected.0.count');
  });
});

describe('deadline arithmetic (properties)', () => {
  // Santiago and Nuuk move their clocks at midnight; Chatham has a 45-minute offset.
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'UTC', 'Pacific/Chatham', 'America/Santiago', 'America/Nuuk'];
  const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true });
  const period = fc.oneof(
    fc.record({ unit: fc.constant('hours' as const), amount: fc.integer({ min: 1, max: 2000 }) }),
    fc.record({ unit: fc.constant('calendar-days' as const), amount: fc.integer({ min: 0, max: 400 }) }),
    fc.record({ unit: fc.constant('business-days' as const), amount: fc.integer({ min: 1, max: 60 }), calendar: fc.constantFrom('us-federal' as const, 'br-national' as const) }),
    fc.record({ unit: fc.constant('months' as const), amount: fc.integer({ min: 1, max: 24 }) }),
    fc.record({ unit: fc.constant('days-after-year-end' as const), amount: fc.integer({ min: 1, max: 90 }) }),
  );

  it('never puts a deadline before its anchor', () => {
    fc.assert(fc.property(instant, period, fc.constantFrom(...zones), (anchor, rulePeriod, zone) => deadlineOf(anchor, rulePeriod, zone).getTime() >= anchor.getTime()));
  });

  it('counts hours as elapsed time: N hours later is exactly N × 3 600 000 ms, across DST in both directions', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 2000 }), fc.constantFrom(...zones), (anchor, amount, zone) => deadlineOf(anchor, { unit: 'hours', amount }, zone).getTime() - anchor.getTime() === amount * 3_600_000),
    );
    // Spring forward and fall back in Berlin: the wall clock moves by 71 and 73 hours.
    expect(deadlineOf(new Date('2026-03-28T10:00:00+01:00'), { unit: 'hours', amount: 72 }, 'Europe/Berlin').toISOString()).toBe('2026-03-31T09:00:00.000Z');
    expect(deadlineOf(new Date('2026-10-24T10:00:00+02:00'), { unit: 'hours', amount: 72 }, 'Europe/Berlin').toISOString()).toBe('2026-10-27T08:00:00.000Z');
  });

  it('ends day- and month-based deadlines at the end of a local day', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), fc.integer({ min: 0, max: 100 }), (anchor, zone, amount) => {
        const due = deadlineOf(anchor, { unit: 'calendar-days', amount }, zone);
        const next = new Date(due.getTime() + 1);
        return isoDateOf(localDateOf(next, zone)) !== isoDateOf(localDateOf(due, zone)) && localDateOf(next, zone).day !== localDateOf(due, zone).day;
      }),
    );
  });

  it('lands business days on a weekday that is not a holiday, with exactly N such days in between', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), fc.constantFrom('us-federal' as const, 'br-national' as const), (anchor, amount, calendar) => {
        const start = localDateOf(anchor, 'UTC');
        const isHoliday = holidayTest(calendar);
        const end = addBusinessDays(start, amount, isHoliday);
        let count = 0;
        for (let day = { ...start }; isoDateOf(day) < isoDateOf(end); ) {
          day = localDateOf(new Date(Date.UTC(day.year, day.month - 1, day.day + 1)), 'UTC');
          if (weekdayOf(day) !== 0 && weekdayOf(day) !== 6 && !isHoliday(isoDateOf(day))) count += 1;
        }
        return count === amount && weekdayOf(end) !== 0 && weekdayOf(end) !== 6 && !isHoliday(isoDateOf(end));
      }),
    );
  });

  it('clamps month ends: 31 January + 1 month is 28 or 29 February; the day never moves past the target month', () => {
    expect(addCalendarMonths({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addCalendarMonths({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addCalendarMonths({ year: 2026, month: 12, day: 15 }, 1)).toEqual({ year: 2027, month: 1, day: 15 });
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 36 }), (year, month, day, months) => {
        const start = { year, month, day: Math.min(day, new Date(Date.UTC(year, month, 0)).getUTCDate()) };
        const end = addCalendarMonths(start, months);
        const expectedMonth = ((month - 1 + months) % 12) + 1;
        return end.month === expectedMonth && end.day <= start.day && (end.day === start.day || end.day === new Date(Date.UTC(end.year, end.month, 0)).getUTCDate());
      }),
    );
    expect(endOfLocalDay({ year: 2026, month: 2, day: 28 }, 'Europe/Berlin').toISOString()).toBe('2026-02-28T22:59:59.999Z');
    // Santiago goes back an hour at midnight on 5 April 2026: 4 April ends at the second 23:59:59.999 (-04:00).
    expect(endOfLocalDay({ year: 2026, month: 4, day: 4 }, 'America/Santiago').toISOString()).toBe('2026-04-05T03:59:59.999Z');
  });
});

describe('wall-clock times typed in a zone', () => {
  it('become instants with the zone\'s offset, on both sides of a DST change, and back', () => {
    expect(instantFromLocal('2026-03-27T10:00', 'Europe/Berlin')).toBe('2026-03-27T10:00:00+01:00');
    expect(instantFromLocal('2026-03-30T10:00', 'Europe/Berlin')).toBe('2026-03-30T10:00:00+02:00');
    expect(instantFromLocal('2026-07-01T15:00:30', 'America/New_York')).toBe('2026-07-01T15:00:30-04:00');
    expect(instantFromLocal('yesterday', 'UTC')).toBeNull();
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kolkata'), (instant, zone) => {
        const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
        const typed = instantFromLocal(localInputValue(minute, zone), zone);
        // A wall time that occurs twice (autumn) may come back as the other one; it is never invalid and never more than an hour off.
        return typed !== null && Math.abs(Date.parse(typed) - minute.getTime()) <= 3_600_000;
      }),
    );
  });
});

describe('holiday calendars', () => {
  it('lists the US federal holidays observed in 2026, Independence Day on Friday 3 July', () => {
    expect(usFederalHolidays(2026)).toEqual(['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25']);
  });

  it('moves Saturday holidays to Friday and Sunday ones to Monday, New Year across the year boundary', () => {
    expect(usFederalHolidays(2021)).toContain('2021-06-18');
    expect(usFederalHolidays(2021)).toContain('2021-12-31');
    expect(usFederalHolidays(2022)).not.toContain('2022-01-01');
    expect(usFederalHolidays(2023)).toContain('2023-01-02');
    expect(usFederalHolidays(2020)).not.toContain('2020-06-19');
  });

  it('lists the Brazilian national holidays, with 20 November from 2024 and no weekend shifts', () => {
    expect(brazilNationalHolidays(2026)).toEqual(['2026-01-01', '2026-04-21', '2026-05-01', '2026-09-07', '2026-10-12', '2026-11-02', '2026-11-15', '2026-11-20', '2026-12-25']);
    expect(brazilNationalHolidays(2023)).not.toContain('2023-11-20');
  });
});

describe('obligation states', () => {
  const due = { kind: 'deadline' as const, dueAt: '2026-03-30T09:00:00.000Z' };
  it('is open, due soon, overdue, met or late, and lateness is decided by the first filing', () => {
    expect(obligationState(due, null, new Date('2026-03-28T09:00:00Z'))).toBe('open');
    expect(obligationState(due, null, new Date('2026-03-29T10:00:00Z'))).toBe('due-soon');
    expect(obligationState(due, null, new Date('2026-03-30T09:00:00.001Z'))).toBe('overdue');
    expect(obligationState(due, '2026-03-30T09:00:00.000Z', new Date('2027-01-01T00:00:00Z'))).toBe('met');
    expect(obligationState(due, '2026-03-30T10:00:00.000Z', new Date('2026-03-30T10:00:00Z'))).toBe('late');
    expect(obligationState({ kind: 'no-fixed-deadline', dueAt: null }, null, new Date())).toBe('no-fixed-deadline');
    expect(obligationState({ kind: 'waiting-for-anchor', dueAt: null }, null, new Date())).toBe('waiting');
  });
});

describe('risk assessment (ENISA severity, EDPB cases)', () => {
  it('ransomware with a backup restored within hours and no exfiltration: document only', () => {
    const result = assessRisk({ breachTypes: ['availability'], dataCategories: ['identity', 'contact'], subjects: 2000, vulnerableSubjects: false, encryptedStateOfTheArt: false, hashedStateOfTheArt: false, exfiltration: 'excluded', restoredWithinHours: 4, malicious: true });
    expect(result).toMatchObject({ recommendation: 'document-only', severity: 1.75, level: 'low' });
  });

  it('reads restoredWithinHours: null as not restored (scored as lasting unavailability), not as an error', () => {
    const facts = { breachTypes: ['availability' as const], dataCategories: ['identity', 'contact'], subjects: 2000, vulnerableSubjects: false, encryptedStateOfTheArt: false, hashedStateOfTheArt: false, exfiltration: 'excluded' as const, malicious: true };
    const notRestored = assessRisk({ ...facts, restoredWithinHours: null });
    expect(notRestored.reasons).toContain('ENISA: Loss of availability +0.5: not restored.');
    expect(notRestored.severity).toBe(assessRisk({ ...facts, restoredWithinHours: 4 }).severity + 0.25);
    expect(incidentFactsSchema.safeParse({ zone: 'UTC', assessment: { ...facts, restoredWithinHours: null } }).success).toBe(true);
  });

  it('a stolen unencrypted laptop with 100 000 customers’ identities: tell the authority and the people', () => {
    const result = assessRisk({ breachTypes: ['confidentiality'], dataCategories: ['identity'], subjects: 100_000, vulnerableSubjects: false, encryptedStateOfTheArt: false, hashedStateOfTheArt: false, exfiltration: 'confirmed', recipient: 'unknown', malicious: true });
    expect(result).toMatchObject({ recommendation: 'notify-authority-and-subjects', severity: 3, level: 'high' });
    expect(result.reasons.join(' ')).toContain('100,000 people affected');
  });

  it('the same laptop with state-of-the-art encryption: document only', () => {
    const result = assessRisk({ breachTypes: ['confidentiality'], dataCategories: ['identity'], subjects: 100_000, vulnerableSubjects: false, encryptedStateOfTheArt: true, hashedStateOfTheArt: false, exfiltration: 'confirmed', recipient: 'unknown', malicious: true });
    expect(result.recommendation).toBe('document-only');
  });

  it('special-category data sent by mistake to a trusted recipient: a risk for many people (ENISA: high), documented for a few', () => {
    const trusted = (subjects: number) =>
      assessRisk({ breachTypes: ['confidentiality'], dataCategories: ['special-category'], subjects, vulnerableSubjects: false, encryptedStateOfTheArt: false, hashedStateOfTheArt: false, exfiltration: 'confirmed', recipient: 'trusted', malicious: false });
    expect(trusted(500)).toMatchObject({ recommendation: 'notify-authority', enisaRecommendation: 'notify-authority-and-subjects', severity: 3.25, level: 'high' });
    expect(trusted(500).reasons.at(-1)).toMatch(/^The ENISA score alone would advise "notify the authority and the people"/);
    expect(trusted(1).recommendation).toBe('document-only');
  });

  it('never scores below 0.25 × 1 and always explains itself (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          breachTypes: fc.subarray(['confidentiality', 'integrity', 'availability'] as const),
          dataCategories: fc.subarray(['identity', 'contact', 'financial', 'special-category', 'criminal', 'credentials', 'id-documents', 'location', 'communications', 'children']),
          subjects: fc.integer({ min: 0, max: 10_000_000 }),
          vulnerableSubjects: fc.boolean(),
          encryptedStateOfTheArt: fc.boolean(),
          hashedStateOfTheArt: fc.boolean(),
          malicious: fc.boolean(),
        }),
        (input) => {
          const result = assessRisk(input);
          return result.severity >= 0.25 && result.severity <= 4 * 1 + 1.75 && result.reasons.length >= 3;
        },
      ),
    );
  });
});
