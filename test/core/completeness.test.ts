import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessActivity, subProcessorChain, summariseRegister, type ProcessorFacts } from '../../core/register/completeness';
import type { Activity } from '../../core/register/model';

const complete: Parameters<typeof assessActivity>[0] = {
  purposes: ['Pay staff'],
  dataSubjectCategories: ['employees'],
  dataCategories: ['identity', 'financial'],
  recipients: [{ name: 'Tax office', kind: 'external' }],
  transfers: [],
  retention: '6 years after the end of employment',
  securityMeasures: 'Role-based access, encryption at rest',
  lawfulBasis: 'legal-obligation',
  art9Condition: null,
  art10Basis: null,
  processors: [],
  retentionRuleId: null,
  dpiaRequired: null,
  dpiaProgress: null,
};
const square: ProcessorFacts = { id: 'p1', name: 'Square', countries: ['US'], transferMechanism: null, dpaReference: null, dpaExpiresOn: null, nextReviewOn: null };
const link = (role: Activity['processors'][number]['role']) => [{ activityId: 'a1', processorId: 'p1', processorName: 'Square', purpose: 'Card payments', role }];
const today = '2026-11-23';

describe('completeness of a controller record', () => {
  it('finds nothing missing in a complete record', () => {
    expect(assessActivity(complete, new Map(), today)).toEqual({ checks: 7, gaps: [] });
  });

  it('accepts a retention rule in place of a described time limit', () => {
    expect(assessActivity({ ...complete, retention: null, retentionRuleId: 'r1' }, new Map(), today).gaps).toEqual([]);
    expect(assessActivity({ ...complete, retention: null }, new Map(), today).gaps.map((gap) => gap.kind)).toEqual(['retention']);
  });

  it('flags a required DPIA that is not complete (Art. 35(1)), and only then', () => {
    const gapsOf = (dpiaRequired: Activity['dpiaRequired'], dpiaProgress: Activity['dpiaProgress']) =>
      assessActivity({ ...complete, dpiaRequired, dpiaProgress }, new Map(), today).gaps;
    expect(gapsOf('yes', 'in-progress')).toEqual([{ kind: 'dpia', citation: 'GDPR Art. 35(1)', message: 'a DPIA is required and is still in progress' }]);
    expect(gapsOf('yes', null)[0]?.message).toBe('a DPIA is required and is not started');
    expect(gapsOf('yes', 'complete')).toEqual([]);
    expect(gapsOf('no', null)).toEqual([]);
    expect(gapsOf('to-assess', null)).toEqual([]);
  });

  it('names each missing Art. 30(1) item with its letter', () => {
    const empty = { ...complete, purposes: [], dataSubjectCategories: [], dataCategories: [], recipients: [], retention: null, securityMeasures: null, lawfulBasis: null };
    const { gaps } = assessActivity(empty, new Map(), today);
    expect(gaps.map((gap) => gap.citation)).toEqual([
      'GDPR Art. 30(1)(b)',
      'GDPR Art. 30(1)(c)',
      'GDPR Art. 30(1)(c)',
      'GDPR Art. 30(1)(d)',
      'GDPR Art. 30(1)(f)',
      'GDPR Art. 30(1)(g)',
      'GDPR Art. 6(1)',
    ]);
  });

  it('flags a third-country transfer without a mechanism, but not one inside the EEA', () => {
    const record = {
      ...complete,
      transfers: [
        { country: 'US', mechanism: null, mechanismDate: null, note: null },
        { country: 'DE', mechanism: null, mechanismDate: null, note: null },
        { country: 'JP', mechanism: 'adequacy' as const, mechanismDate: null, note: null },
        { country: null, mechanism: null, mechanismDate: null, note: null },
      ],
    };
    const { gaps } = assessActivity(record, new Map(), today);
    expect(gaps).toEqual([
      { kind: 'transfer-safeguard', citation: 'GDPR Art. 30(1)(e)', message: 'transfer to US without a safeguard' },
      { kind: 'transfer-safeguard', citation: 'GDPR Art. 30(1)(e)', message: 'transfer to an unnamed country without a safeguard' },
    ]);
  });

  it('flags a transfer through a processor in a third country until its mechanism is recorded', () => {
    const record = { ...complete, processors: link('independent-controller') };
    expect(assessActivity(record, new Map([['p1', square]]), today).gaps.map((gap) => gap.message)).toEqual(['transfer to US via Square without a safeguard']);
    expect(assessActivity(record, new Map([['p1', { ...square, transferMechanism: 'dpf' }]]), today).gaps).toEqual([]);
  });

  it('requires an Art. 9 condition for special-category data and an Art. 10 basis for criminal-offence data', () => {
    const record = { ...complete, dataCategories: ['identity', 'special-category', 'criminal'] as Activity['dataCategories'] };
    expect(assessActivity(record, new Map(), today).gaps.map((gap) => gap.citation)).toEqual(['GDPR Art. 9(2)', 'GDPR Art. 10']);
    expect(assessActivity({ ...record, art9Condition: 'employment', art10Basis: 'authorised-by-law' }, new Map(), today).gaps).toEqual([]);
  });

  it('flags a missing or expired processing agreement and an overdue review', () => {
    const inEea = { ...square, countries: ['IE'] };
    const record = { ...complete, processors: link('processor') };
    expect(assessActivity(record, new Map([['p1', inEea]]), today).gaps.map((gap) => gap.message)).toEqual(['no processing agreement with Square is recorded']);
    const expired = { ...inEea, dpaReference: 'DPA-7', dpaExpiresOn: '2026-11-22', nextReviewOn: '2026-06-30' };
    expect(assessActivity(record, new Map([['p1', expired]]), today).gaps.map((gap) => gap.message)).toEqual([
      'the processing agreement with Square expired on 2026-11-22',
      'the review of Square was due on 2026-06-30',
    ]);
    const current = { ...inEea, dpaReference: 'DPA-7', dpaExpiresOn: today, nextReviewOn: today };
    expect(assessActivity(record, new Map([['p1', current]]), today).gaps).toEqual([]);
  });

  it('scores the register as the share of passing checks', () => {
    const summary = summariseRegister([
      { checks: 8, gaps: [] },
      { checks: 8, gaps: [{ kind: 'retention', citation: 'GDPR Art. 30(1)(f)', message: 'x' }, { kind: 'transfer-safeguard', citation: '', message: 'a' }, { kind: 'transfer-safeguard', citation: '', message: 'b' }] },
    ]);
    expect(summary).toMatchObject({ score: 81, activities: 2, complete: 1 });
    expect(summary.byKind['transfer-safeguard']).toBe(1);
    expect(summary.byKind.retention).toBe(1);
    expect(summariseRegister([]).score).toBe(100);
  });

  it('never reports more gaps than checks, and a score between 0 and 100 (property)', () => {
    const text = fc.option(fc.string({ minLength: 1, maxLength: 5 }), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          purposes: fc.array(fc.string({ minLength: 1 }), { maxLength: 2 }),
          dataCategories: fc.subarray(['identity', 'special-category', 'criminal'] as Activity['dataCategories']),
          retention: text,
          securityMeasures: text,
          country: fc.option(fc.constantFrom('US', 'DE', 'CN', 'NO'), { nil: null }),
        }),
        (facts) => {
          const result = assessActivity(
            { ...complete, ...facts, transfers: [{ country: facts.country, mechanism: null, mechanismDate: null, note: null }] },
            new Map(),
            today,
          );
          const { score } = summariseRegister([result]);
          return result.gaps.length <= result.checks && score >= 0 && score <= 100;
        },
      ),
    );
  });
});

describe('completeness edge cases', () => {
  it('asks for the country of a transfer even when its safeguard is recorded', () => {
    const record = { ...complete, transfers: [{ country: null, mechanism: 'sccs' as const, mechanismDate: null, note: null }] };
    expect(assessActivity(record, new Map(), today).gaps.map((gap) => gap.message)).toEqual([
      'transfer to an unnamed country (the safeguard is recorded, the country is not)',
    ]);
  });

  it('checks a processor linked for several purposes once, and requires an agreement if any link makes it a processor', () => {
    const twice = [
      { activityId: 'a1', processorId: 'p1', processorName: 'Square', purpose: 'Card payments', role: 'independent-controller' as const },
      { activityId: 'a1', processorId: 'p1', processorName: 'Square', purpose: 'Refunds', role: 'processor' as const },
    ];
    const { gaps } = assessActivity({ ...complete, processors: twice }, new Map([['p1', square]]), today);
    expect(gaps.map((gap) => gap.message)).toEqual(['transfer to US via Square without a safeguard', 'no processing agreement with Square is recorded']);
  });
});

describe('sub-processor chains', () => {
  const vendor = (id: string, subProcessorIds: string[], countries: string[] = []): ProcessorFacts => ({
    id, name: id.toUpperCase(), countries, transferMechanism: null, dpaReference: 'DPA', dpaExpiresOn: null, nextReviewOn: null, subProcessorIds,
  });
  it('walks sub-processors of sub-processors, nearest first, each once, and stops at loops', () => {
    const vendors = new Map([vendor('a', ['b', 'c']), vendor('b', ['d']), vendor('c', ['d']), vendor('d', ['a'])].map((entry) => [entry.id, entry]));
    expect(subProcessorChain('a', vendors).map((entry) => [entry.processor.id, entry.via.map((via) => via.id).join('>')])).toEqual([
      ['b', 'a'],
      ['c', 'a'],
      ['d', 'a>b'],
    ]);
    expect(subProcessorChain('d', vendors).map((entry) => entry.processor.id)).toEqual(['a', 'b', 'c']);
  });

  it('flags a third-country sub-processor without a safeguard once, naming who engaged it', () => {
    const vendors = new Map([vendor('p1', ['s1']), vendor('s1', [], ['IN'])].map((entry) => [entry.id, entry]));
    const links = [
      { activityId: 'a1', processorId: 'p1', processorName: 'P1', purpose: 'x', role: 'processor' as const },
      { activityId: 'a1', processorId: 's1', processorName: 'S1', purpose: 'y', role: 'sub-processor' as const },
    ];
    const gaps = assessActivity({ ...complete, processors: links }, vendors, today).gaps.filter((gap) => gap.kind === 'transfer-safeguard');
    expect(gaps.map((gap) => gap.message)).toEqual(['transfer to IN via S1 (sub-processor of P1) without a safeguard']);
  });
});
