import { describe, expect, it } from 'vitest';
import type { Activity } from '../../core/register/model';
import { matchHeaders, mergeImported, neutraliseFormula, parseRegisterRow, registerHeaders, registerRowOf } from '../../core/register/registerColumns';

const stored: Activity = {
  id: 'a1',
  organisationId: 'o1',
  organisationName: 'Acme',
  name: 'Payroll',
  businessFunction: 'HR',
  purposes: ['Pay staff; and contractors'],
  lawfulBasis: 'legal-obligation',
  art9Condition: null,
  art10Basis: null,
  dataSubjectCategories: ['Staff; contractors'],
  dataCategories: ['identity', 'financial'],
  recipients: [{ name: 'Smith; Jones LLP', kind: 'external' }],
  transfers: [
    { country: null, mechanism: null, mechanismDate: null, note: 'somewhere abroad' },
    { country: 'US', mechanism: 'sccs', mechanismDate: '2021-06-04', note: 'n1' },
    { country: 'US', mechanism: 'dpf', mechanismDate: null, note: 'n2' },
  ],
  retention: '6 years',
  securityMeasures: 'Encrypted',
  status: 'retired',
  source: 'HR policy',
  jointController: 'Acme Group HQ, dpo@acme.example',
  legitimateInterests: null,
  liaLink: '=HYPERLINK("x")',
  rightsAvailable: ['access', 'rectification', 'erasure'],
  automatedDecisionMaking: null,
  consentRecordLink: null,
  dataLocation: 'EU data centre (Frankfurt)',
  dpiaRequired: 'to-assess',
  dpiaProgress: 'in-progress',
  dpiaLink: 'https://intranet.example/dpia/7',
  breachOccurred: false,
  breachLink: null,
  retentionPolicyLink: 'RET-POL-3',
  retainedPerPolicy: true,
  retentionDeviation: null,
  retentionRuleId: null,
  flaggedText: [],
  retentionRuleName: null,
  processors: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const { id: _id, organisationId: _o, organisationName: _n, processors: _p, createdAt: _c, updatedAt: _u, retentionRuleName: _r, ...fields } = stored;

function roundTrip(activity: Activity) {
  const { byKey } = matchHeaders(registerHeaders());
  const parsed = parseRegisterRow(registerRowOf(activity).map(neutraliseFormula), byKey, 2);
  if (!('fields' in parsed)) throw new Error(parsed.reason);
  return mergeImported(fields, parsed);
}

describe('the register table', () => {
  it('reads an exported row back without changing anything, semicolons, notes and order included', () => {
    expect(roundTrip(stored)).toEqual(fields);
  });

  it('keeps stored values for columns a file does not have', () => {
    const { byKey } = matchHeaders(['Processing activity', 'Retention schedule']);
    const parsed = parseRegisterRow(['Payroll', '7 years'], byKey, 2);
    if (!('fields' in parsed)) throw new Error(parsed.reason);
    expect(mergeImported(fields, parsed)).toEqual({ ...fields, retention: '7 years' });
  });

  it('matches headings by name, whatever their case, punctuation or "(if possible)" notes', () => {
    const { byKey, ignored } = matchHeaders(['RETENTION SCHEDULE', 'processing activity', 'Colour', 'Article 6 lawful basis for processing personal data']);
    expect(byKey).toEqual({ retention: 0, name: 1, lawfulBasis: 3 });
    expect(ignored).toEqual(['Colour']);
  });

  it('reads the ICO template columns: rights, yes/no answers and DPIA steps, and names the column of a bad value', () => {
    const headers = ['Processing activity', 'Rights available to individuals', 'Personal data breach?', 'Data Protection Impact Assessment required?', 'DPIA progress', 'Date created'];
    const { byKey, ignored } = matchHeaders(headers);
    expect(ignored).toEqual([]);
    const parsed = parseRegisterRow(['CCTV', 'Access; Erasure', 'yes', 'To assess', 'Not started', '2020-01-01'], byKey, 4);
    if (!('fields' in parsed)) throw new Error(parsed.reason);
    expect(parsed.fields).toMatchObject({ rightsAvailable: ['access', 'erasure'], breachOccurred: true, dpiaRequired: 'to-assess', dpiaProgress: 'not-started' });
    // A value that is no term is kept as text and flagged, by its column; the row is not refused.
    const unsure = parseRegisterRow(['CCTV', 'Access', 'maybe', '', '', ''], byKey, 5);
    if (!('fields' in unsure)) throw new Error(unsure.reason);
    expect(unsure.fields.breachOccurred).toBeNull();
    expect(unsure.fields.flaggedText).toEqual([{ column: 'breachOccurred', text: 'maybe' }]);
    const odd = parseRegisterRow(['CCTV', 'Telepathy, access', '', '', '', ''], byKey, 6);
    if (!('fields' in odd)) throw new Error(odd.reason);
    expect(odd.fields.rightsAvailable).toEqual(['access']);
    expect(odd.fields.flaggedText).toEqual([{ column: 'rights', text: 'Telepathy' }]);
    // Only a row that cannot be told apart from others is refused.
    expect(parseRegisterRow(['', 'Access', '', '', '', ''], byKey, 7)).toMatchObject({ row: 7, reason: expect.stringMatching(/^"Processing activity": empty/) });
  });

  it('writes the CNIL dates created and last updated, as calendar dates', () => {
    const row = registerRowOf({ ...stored, createdAt: '2025-03-04T10:00:00.000Z', updatedAt: '2026-11-20T08:00:00.000Z' });
    const headers = registerHeaders();
    expect(row[headers.indexOf('Date created')]).toBe('2025-03-04');
    expect(row[headers.indexOf('Date last updated')]).toBe('2026-11-20');
  });

  it('neutralises every formula prefix', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    expect(neutraliseFormula('Plain text')).toBe('Plain text');
  });
});
