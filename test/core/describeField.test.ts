import { describe, expect, it } from 'vitest';
import { describeField, readableMessage } from '../../core/contract/messages';

describe('field paths in messages', () => {
  it('are written for people', () => {
    expect(describeField('changes.transfers.0.country')).toBe('Transfer 1, country');
    expect(describeField('affected.2.count')).toBe('Affected 3, count');
    expect(describeField('thresholdsHours.4')).toBe('Thresholds hour 5');
    expect(describeField('dpaExpiresOn')).toBe('DPA expires on');
    expect(describeField('changes.countries.1')).toBe('Country 2');
    expect(describeField('dataCategories.0')).toBe('Data category 1');
    expect(readableMessage({ field: 'changes.transfers.0.country', message: 'changes.transfers.0.country: must be an ISO 3166 code such as "US" or "US-TX"' })).toBe(
      'Transfer 1, country: must be an ISO 3166 code such as "US" or "US-TX"',
    );
    expect(readableMessage({ message: 'No workspace is open.' })).toBe('No workspace is open.');
  });

  it('say every problem of an input, each with its field', async () => {
    const { contract } = await import('../../core/contract');
    const { describeInvalidInput } = await import('../../service/dispatch');
    const parsed = contract.createRetentionRule.input.safeParse({ name: '', purposes: ['quality', ''], minimum: 'P2Y', maximum: 'P1Y', countedFrom: 'call' });
    expect(parsed.success).toBe(false);
    const failure = describeInvalidInput(parsed.error!);
    expect(failure.problems.map((problem) => problem.field)).toEqual(['name', 'purposes.1', 'maximum']);
    // Nothing hidden behind "and 2 more problems": each is named.
    expect(readableMessage(failure)).toBe('Name: name must not be empty; Purpose 2: a purpose must not be empty; Maximum: the maximum is shorter than the minimum');
    expect(failure.message).not.toMatch(/more problem/);
  });
});
