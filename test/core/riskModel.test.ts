import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assessRisk, briefHours, type Recommendation, type RiskFacts } from '../../core/incidents/risk';
import { edpbCases } from './fixtures/edpbCases';

const expected = (edpb: { authority: boolean; people: boolean }): Recommendation =>
  edpb.people ? 'notify-authority-and-subjects' : edpb.authority ? 'notify-authority' : 'document-only';
const rank: Record<Recommendation, number> = { 'document-only': 0, 'notify-authority': 1, 'notify-authority-and-subjects': 2 };

describe('the risk advice agrees with the EDPB on its 18 worked cases (Guidelines 01/2021)', () => {
  it('encodes all 18 cases, each once', () => {
    expect(edpbCases.map((entry) => entry.number)).toEqual(Array.from({ length: 18 }, (_, index) => index + 1));
  });

  it.each(edpbCases)('case $number, $title', (entry) => {
    const result = assessRisk(entry.facts);
    expect(result.recommendation).toBe(expected(entry.edpb));
    // The factor that decided says why, citing the worked case it follows.
    const deciding = result.factors.filter((factor) => factor.outcome === result.outcome);
    expect(deciding.length).toBeGreaterThan(0);
    const cited = deciding.flatMap((factor) => [.../EDPB cases? ([\d, and to]+)/.exec(factor.reason)?.[1]?.match(/\d+/g) ?? []].map(Number));
    const range = deciding.some((factor) => /EDPB cases 1 to 3/.test(factor.reason)) ? [1, 2, 3] : [];
    expect([...cited, ...range], deciding.map((factor) => factor.reason).join('\n')).toContain(entry.number);
    // ENISA's score stays visible as one input.
    expect(result.reasons.some((reason) => reason.startsWith('ENISA: Severity'))).toBe(true);
  });

  it('says where it departs from the ENISA score alone, and only there: cases 2, 5, 6, 8, 13, 15 and 16 (docs/ARCHITECTURE.md)', () => {
    const departing: number[] = [];
    for (const entry of edpbCases) {
      const result = assessRisk(entry.facts);
      const departs = result.reasons.some((reason) => reason.startsWith('The ENISA score alone would advise'));
      expect(departs, `case ${entry.number}`).toBe(result.enisaRecommendation !== result.recommendation);
      if (departs) departing.push(entry.number);
    }
    expect(departing).toEqual([2, 5, 6, 8, 13, 15, 16]);
  });

  it('judges other data taken beside hashed credentials as it is, and malicious intent as a malicious party', () => {
    const taken = { breachTypes: ['confidentiality' as const], dataCategories: ['credentials', 'identity', 'special-category'], subjects: 500_000, hashedStateOfTheArt: true, exfiltration: 'confirmed' as const, malicious: true };
    expect(assessRisk(taken).recommendation).toBe('notify-authority-and-subjects');
    expect(assessRisk({ ...taken, dataCategories: ['credentials'] }).recommendation).toBe('document-only');
    const case5 = edpbCases[4]!.facts;
    expect(assessRisk({ ...case5, recipient: 'unknown' }).recommendation).toBe(assessRisk(case5).recommendation);
  });

  it('the two cases the issue named: the stolen laptop tells the people, the trusted recipient is documented', () => {
    const laptop = assessRisk(edpbCases[10]!.facts);
    expect(laptop.recommendation).toBe('notify-authority-and-subjects');
    expect(laptop.factors.find((factor) => factor.dimension === 'confidentiality')!.reason).toMatch(/100,000 people/);
    const trusted = assessRisk(edpbCases[8]!.facts);
    expect(trusted.recommendation).toBe('document-only');
    expect(trusted.reasons[0]).toMatch(/trusted and bound to secrecy, and no special-category or criminal data was sent/);
  });

  it('reads restoredWithinHours null as "not restored", and a missing one as not known yet', () => {
    const base: RiskFacts = { breachTypes: ['availability'], dataCategories: ['identity'], subjects: 50, exfiltration: 'excluded' };
    expect(assessRisk({ ...base, restoredWithinHours: null }).factors[0]!.reason).toMatch(/^Availability: not restored/);
    expect(assessRisk({ ...base }).factors[0]!.reason).toMatch(/time to restore not recorded/);
    expect(assessRisk({ ...base, restoredWithinHours: null }).recommendation).toBe('notify-authority');
    expect(assessRisk({ ...base, restoredWithinHours: briefHours }).recommendation).toBe('document-only');
    expect(assessRisk({ ...base, dataCategories: ['special-category'], restoredWithinHours: null }).recommendation).toBe('notify-authority-and-subjects');
  });
});

describe('the risk advice moves the right way with each factor (properties)', () => {
  const facts = fc.record(
    {
      breachTypes: fc.subarray(['confidentiality', 'integrity', 'availability'] as const),
      dataCategories: fc.subarray(['identity', 'contact', 'personal-life', 'financial', 'special-category', 'criminal', 'credentials', 'id-documents', 'location', 'children']),
      subjects: fc.integer({ min: 0, max: 1_000_000 }),
      vulnerableSubjects: fc.boolean(),
      encryptedStateOfTheArt: fc.boolean(),
      hashedStateOfTheArt: fc.boolean(),
      exfiltration: fc.constantFrom('confirmed', 'possible', 'excluded') as fc.Arbitrary<'confirmed' | 'possible' | 'excluded'>,
      recipient: fc.constantFrom('malicious', 'unknown', 'identified', 'trusted') as fc.Arbitrary<'malicious' | 'unknown' | 'identified' | 'trusted'>,
      recovery: fc.constantFrom('confirmed', 'requested') as fc.Arbitrary<'confirmed' | 'requested'>,
      impersonation: fc.boolean(),
      backup: fc.constantFrom('available', 'none') as fc.Arbitrary<'available' | 'none'>,
      restoredWithinHours: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
      malicious: fc.boolean(),
    },
    { requiredKeys: ['breachTypes', 'dataCategories'] },
  );
  const advice = (input: RiskFacts) => rank[assessRisk(input).recommendation];

  it('state-of-the-art encryption never raises it', () => {
    fc.assert(fc.property(facts, (input) => advice({ ...input, encryptedStateOfTheArt: true }) <= advice({ ...input, encryptedStateOfTheArt: false })));
  });
  it('special-category data, data that enables impersonation, and more people never lower it', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: 1_000_000 }), (input, more) => {
        const without = input.dataCategories!.filter((code) => code !== 'special-category');
        const base = input.subjects ?? 0;
        return (
          advice({ ...input, dataCategories: [...without, 'special-category'] }) >= advice({ ...input, dataCategories: without }) &&
          advice({ ...input, impersonation: true }) >= advice({ ...input, impersonation: false }) &&
          advice({ ...input, subjects: base + more }) >= advice({ ...input, subjects: base })
        );
      }),
      { numRuns: 1000 },
    );
  });
  it('who has the data orders the advice: a trusted recipient, identified people, unknown recipients, a malicious party', () => {
    const order = ['trusted', 'identified', 'unknown', 'malicious'] as const;
    fc.assert(
      fc.property(facts, (input) => order.every((recipient, index) => index === 0 || advice({ ...input, recipient: order[index - 1] }) <= advice({ ...input, recipient }))),
      { numRuns: 2000 },
    );
  });
  it('a quicker restore never raises it, and not restoring never lowers it', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (input, a, b) => {
        const [quick, slow] = a <= b ? [a, b] : [b, a];
        return advice({ ...input, restoredWithinHours: quick }) <= advice({ ...input, restoredWithinHours: slow }) && advice({ ...input, restoredWithinHours: null }) >= advice({ ...input, restoredWithinHours: slow });
      }),
    );
  });
  it('a recovered copy never raises it (confirmed ≤ requested ≤ not recovered), and the deciding factor gives the advice', () => {
    fc.assert(
      fc.property(facts, (input) => {
        const { recovery: _ignored, ...open } = input;
        const result = assessRisk(input);
        const worstFactor = Math.max(...result.factors.map((factor) => ({ unlikely: 0, risk: 1, 'high-risk': 2 })[factor.outcome]));
        return (
          advice({ ...open, recovery: 'confirmed' }) <= advice({ ...open, recovery: 'requested' }) &&
          advice({ ...open, recovery: 'requested' }) <= advice(open) &&
          worstFactor === rank[result.recommendation]
        );
      }),
      { numRuns: 1000 },
    );
  });
});
