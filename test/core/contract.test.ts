import { describe, expect, it } from 'vitest';
import { changedFields } from '../../core/changeLog';
import { channelOf, contract, operationNames, WorkbenchError } from '../../core/contract';
import { activityInputSchema, countryCodeSchema } from '../../core/register/model';
import { contentSecurityPolicy } from '../../core/security';

describe('the contract', () => {
  it('declares each operation once, with a zod input schema and a summary', () => {
    expect(new Set(operationNames).size).toBe(operationNames.length);
    expect(operationNames).toContain('openDemoWorkspace');
    expect(operationNames).toContain('getChangeLog');
    // The preload's list of names (core/contract/operations.ts) and the contract's keys are one set.
    expect([...operationNames].sort()).toEqual(Object.keys(contract).sort());
    for (const name of operationNames) {
      expect(typeof contract[name].input.safeParse, name).toBe('function');
      expect(contract[name].summary.length, name).toBeGreaterThan(10);
      expect(channelOf(name)).toBe(`workbench:${name}`);
    }
  });

  it('refuses unknown fields and names the field at fault', () => {
    const parsed = contract.getActivity.input.safeParse({ id: 'a', extra: 1 });
    expect(parsed.success).toBe(false);
    const empty = contract.getActivity.input.safeParse({ id: '' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(['id']);
  });

  it('turns a WorkbenchError into the failure envelope', () => {
    expect(new WorkbenchError('not-found', 'gone', 'id').toFailure()).toEqual({ code: 'not-found', message: 'gone', field: 'id' });
    expect(new WorkbenchError('internal', 'boom').toFailure()).toEqual({ code: 'internal', message: 'boom' });
  });
});

describe('the register model', () => {
  it('trims names, fills defaults and rejects an empty name', () => {
    const ok = activityInputSchema.parse({ organisationId: 'o1', name: '  Payroll  ' });
    expect(ok.name).toBe('Payroll');
    expect(ok.purposes).toEqual([]);
    expect(ok.lawfulBasis).toBeNull();
    const bad = activityInputSchema.safeParse({ organisationId: 'o1', name: '   ' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['name']);
    expect(bad.error?.issues[0]?.message).toBe('name must not be empty');
  });

  it('accepts ISO 3166 country codes only', () => {
    expect(countryCodeSchema.safeParse('US').success).toBe(true);
    expect(countryCodeSchema.safeParse('US-TX').success).toBe(true);
    expect(countryCodeSchema.safeParse('usa').success).toBe(false);
    expect(countryCodeSchema.safeParse('United States').success).toBe(false);
  });
});

describe('changedFields', () => {
  it('lists the fields whose values differ, including added and removed ones', () => {
    expect(changedFields({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 3], d: true })).toEqual(['b', 'c', 'd']);
    expect(changedFields(null, { a: 1 })).toEqual(['a']);
    expect(changedFields({ a: { x: 1 } }, { a: { x: 1 } })).toEqual([]);
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(contentSecurityPolicy.split(';').map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('allows only the app itself: no remote origins, no eval, no inline script or style', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });
});
