import { describe, expect, it } from 'vitest';
import { describeField, readableMessage } from '../../core/contract/messages';

describe('field paths in messages', () => {
  it('are written for people', () => {
    expect(describeField('changes.transfers.0.country')).toBe('Transfer 1, country');
    expect(describeField('affected.2.count')).toBe('Affected 3, count');
    expect(describeField('thresholdsHours.4')).toBe('Thresholds hour 5');
    expect(describeField('dpaExpiresOn')).toBe('DPA expires on');
    expect(readableMessage({ field: 'changes.transfers.0.country', message: 'changes.transfers.0.country: must be an ISO 3166 code such as "US" or "US-TX"' })).toBe(
      'Transfer 1, country: must be an ISO 3166 code such as "US" or "US-TX"',
    );
    expect(readableMessage({ message: 'No workspace is open.' })).toBe('No workspace is open.');
  });
});
