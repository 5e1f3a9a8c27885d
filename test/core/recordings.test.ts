import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdrInstant, parseCdrRow } from '../../core/recordings/cdr';
import { addPeriod, retentionOf, retentionState, type RecordingRetentionRule } from '../../core/recordings/retention';

const row = (overrides: Partial<Record<string, string>> = {}, columns = 17) => {
  const base: Record<string, string> = {
    accountcode: '', src: '+33612345678', dst: '200', dcontext: 'from-pstn', clid: '"Caller" <+33612345678>', channel: 'SIP/trunk-00000001',
    dstchannel: 'SIP/1001-00000002', lastapp: 'Dial', lastdata: 'SIP/1001,30', start: '2026-03-27 09:15:00', answer: '2026-03-27 09:15:05',
    end: '2026-03-27 09:20:05', duration: '305', billsec: '300', disposition: 'ANSWERED', amaflags: 'DOCUMENTATION', uniqueid: '1774599300.12', userfield: 'TICKET-42',
    ...overrides,
  };
  return Object.values(base).slice(0, columns);
};

describe('Asterisk Master.csv rows', () => {
  it('reads an answered call with its uniqueid, in the server zone, and takes the agent from the answering channel', () => {
    expect(parseCdrRow(row(), 'Europe/Paris')).toEqual({
      kind: 'call',
      call: expect.objectContaining({ key: '1774599300.12', uniqueid: '1774599300.12', start: '2026-03-27T08:15:00.000Z', answer: '2026-03-27T08:15:05.000Z', durationSeconds: 305, billableSeconds: 300, direction: 'inbound', agent: '1001', userfield: null }),
    });
    expect(parseCdrRow(row({}, 18), 'UTC')).toMatchObject({ kind: 'call', call: { start: '2026-03-27T09:15:00.000Z', userfield: 'TICKET-42' } });
  });

  it('keys a 16-column row (no uniqueid) by its own fields', () => {
    expect(parseCdrRow(row({}, 16), 'UTC')).toMatchObject({ kind: 'call', call: { uniqueid: null, key: '2026-03-27T09:15:00.000Z|+33612345678|200|SIP/trunk-00000001' } });
  });

  it('skips calls without a recording, and rejects what is not a CDR, naming the column', () => {
    expect(parseCdrRow(row({ disposition: 'NO ANSWER', billsec: '0', answer: '' }), 'UTC')).toEqual({ kind: 'skipped', reason: 'not answered (NO ANSWER)' });
    expect(parseCdrRow(row({ billsec: '0' }), 'UTC')).toEqual({ kind: 'skipped', reason: 'no billable seconds' });
    expect(parseCdrRow(row({ start: '27/03/2026 09:15' }), 'UTC')).toEqual({ kind: 'rejected', reason: 'start: "27/03/2026 09:15" is not a date and time as YYYY-MM-DD HH:MM:SS' });
    expect(parseCdrRow(row({ billsec: 'ten' }), 'UTC')).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/^billsec:/) });
    expect(parseCdrRow(['a', 'b'], 'UTC')).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('has 2 columns') });
    expect(cdrInstant('2026-02-30 10:00:00', 'UTC')).toBeUndefined();
  });

  it('reads local times across a DST change in the server zone', () => {
    expect(cdrInstant('2026-03-29 01:59:59', 'Europe/Paris')).toBe('2026-03-29T00:59:59.000Z');
    expect(cdrInstant('2026-03-29 03:00:00', 'Europe/Paris')).toBe('2026-03-29T01:00:00.000Z');
  });
});

const rules: RecordingRetentionRule[] = [
  { id: 'q', name: 'Quality and training', purposes: ['quality'], minimum: null, maximum: 'P6M', countedFrom: 'call', legalSource: 'CNIL guidance' },
  { id: 'd', name: 'Dispute evidence', purposes: ['dispute'], minimum: 'P6Y', maximum: null, countedFrom: 'ticket-closure', legalSource: 'Limitation period' },
  { id: 'm', name: 'Investment orders', purposes: ['investment-order'], minimum: 'P5Y', maximum: null, countedFrom: 'call', legalSource: 'MiFID II Art. 16(7)' },
];

describe('retention of a recording', () => {
  it('is due from six months after a quality call on', () => {
    const outcome = retentionOf({ callStart: '2026-03-31T10:00:00.000Z', purposes: ['quality'], ticketClosedAt: null }, rules);
    // 31 March + 6 months clamps to 30 September.
    expect(outcome).toMatchObject({ earliestDeletion: null, latestDeletion: '2026-09-30T10:00:00.000Z', conflict: false });
    expect(retentionState(outcome, false, '2026-09-30T09:59:59.999Z')).toBe('retained');
    expect(retentionState(outcome, false, '2026-09-30T10:00:00.000Z')).toBe('due');
    expect(retentionState(outcome, true, '2026-10-30T10:00:00.000Z')).toBe('held');
  });

  it('shows a conflict when a minimum outlasts a maximum, never resolving it silently', () => {
    const outcome = retentionOf({ callStart: '2026-03-27T10:00:00.000Z', purposes: ['quality', 'investment-order'], ticketClosedAt: null }, rules);
    expect(outcome).toMatchObject({ earliestDeletion: '2031-03-27T10:00:00.000Z', latestDeletion: '2026-09-27T10:00:00.000Z', conflict: true });
    expect(retentionState(outcome, false, '2040-01-01T00:00:00.000Z')).toBe('conflict');
  });

  it('keeps a recording whose minimum counts from a ticket still open', () => {
    const open = retentionOf({ callStart: '2026-03-27T10:00:00.000Z', purposes: ['dispute'], ticketClosedAt: null }, rules);
    expect(open).toMatchObject({ earliestDeletion: null, latestDeletion: null, waitingForTicket: ['Dispute evidence'] });
    expect(retentionState(open, false, '2099-01-01T00:00:00.000Z')).toBe('retained');
    const closed = retentionOf({ callStart: '2026-03-27T10:00:00.000Z', purposes: ['dispute'], ticketClosedAt: '2026-05-02T08:00:00.000Z' }, rules);
    expect(closed.earliestDeletion).toBe('2032-05-02T08:00:00.000Z');
  });

  it('adds periods without moving past the target month and never backwards (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2080-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 120 }), fc.constantFrom('D', 'M', 'Y'), (start, amount, unit) => {
        const end = addPeriod(start.toISOString(), `P${amount}${unit}`);
        return end > start.toISOString() && new Date(end).getUTCHours() === start.getUTCHours();
      }),
    );
    expect(addPeriod('2028-02-29T12:00:00.000Z', 'P1Y')).toBe('2029-02-28T12:00:00.000Z');
  });
});

describe('retention anchors a recording cannot know', () => {
  it('keeps a recording whose minimum counts from the end of a contract, and shows the conflict with a maximum', () => {
    const rules = [
      { id: 'max', name: 'Quality', purposes: ['quality'], minimum: null, maximum: 'P6M', countedFrom: 'call', legalSource: null },
      { id: 'min', name: 'Contract evidence', purposes: ['contract'], minimum: 'P1Y', maximum: null, countedFrom: 'end-of-contract', legalSource: null },
      { id: 'col', name: 'Collected', purposes: ['collected'], minimum: null, maximum: 'P1M', countedFrom: 'collection', legalSource: null },
    ];
    const outcome = retentionOf({ callStart: '2026-01-10T10:00:00.000Z', purposes: ['quality', 'contract'], ticketClosedAt: null }, rules);
    expect(outcome).toMatchObject({ earliestDeletion: null, latestDeletion: '2026-07-10T10:00:00.000Z', conflict: true, waitingForTicket: ['Contract evidence'] });
    expect(retentionOf({ callStart: '2026-01-10T10:00:00.000Z', purposes: ['collected'], ticketClosedAt: null }, rules).latestDeletion).toBe('2026-02-10T10:00:00.000Z');
  });
});
