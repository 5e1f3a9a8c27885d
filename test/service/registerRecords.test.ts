import { describe, expect, it } from 'vitest';
import type { ActivityDetail, InputOf } from '../../core/contract';
import type { VocabularyTerm } from '../../core/register/vocabularies';
import { openDemoRegister } from '../support/demoRegister';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();

const openDemo = () => openDemoRegister(tempDir());

/** The input fields of a stored activity (what updateActivity takes). */
function inputOf(activity: ActivityDetail) {
  const { id: _id, organisationName: _o, processors: _p, completeness: _c, createdAt: _ca, updatedAt: _ua, retentionRuleName: _r, incidents: _i, ...fields } = activity;
  return fields;
}

/** The code of a term the workspace added: its own terms' codes start with "x-" (VocabularyTerm's code is any string, built-in ones included). */
function ownCode(term: VocabularyTerm): `x-${string}` {
  if (!term.code.startsWith('x-')) throw new Error(`${term.code} is not a workspace's own code`);
  return term.code as `x-${string}`;
}

describe('retention rules', () => {
  it('creates a rule, refuses a rule without a period or with a maximum below its minimum, and logs changes', async () => {
    const { workbench } = await openDemo();
    const rule = await workbench.createRetentionRule({ name: 'Accounting records', minimum: 'P6Y', countedFrom: 'end-of-contract', legalSource: 'Companies Act 2006 s.388' });
    expect(rule).toMatchObject({ name: 'Accounting records', minimum: 'P6Y', maximum: null, activityCount: 0 });
    expect(await workbench.result.createRetentionRule({ name: 'Nothing', countedFrom: 'call' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'maximum', message: 'maximum: give a minimum or a maximum period (or both)' },
    });
    expect(await workbench.result.createRetentionRule({ name: 'Upside down', minimum: 'P2Y', maximum: 'P6M', countedFrom: 'call' })).toMatchObject({
      ok: false,
      error: { field: 'maximum', message: 'maximum: the maximum is shorter than the minimum' },
    });
    expect(await workbench.result.createRetentionRule({ name: 'Weeks', maximum: '6 weeks', countedFrom: 'call' })).toMatchObject({
      ok: false,
      error: { field: 'maximum' },
    });
    const updated = await workbench.updateRetentionRule({ id: rule.id, changes: { name: 'Accounting records', minimum: 'P6Y', maximum: 'P7Y', countedFrom: 'end-of-contract', legalSource: null } });
    expect(updated.maximum).toBe('P7Y');
    const history = await workbench.getChangeLog({ entity: 'retention-rule', entityId: rule.id });
    expect(history.map((entry) => [entry.action, (entry.after as { maximum: string | null }).maximum])).toEqual([
      ['update', 'P7Y'],
      ['create', null],
    ]);
    expect(await workbench.result.updateRetentionRule({ id: 'nope', changes: { name: 'x', maximum: 'P1Y', countedFrom: 'call' } })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    workbench.close();
  });

  it('links an activity to a rule: the retention gap closes, and a rule that does not exist is refused by field', async () => {
    const { workbench, byName } = await openDemo();
    const activity = await workbench.getActivity({ id: byName('Mentee card payments and billing').id });
    expect(activity.completeness.gaps.map((gap) => gap.kind)).toContain('retention');
    const rule = await workbench.createRetentionRule({ name: 'Payment records', minimum: 'P6Y', countedFrom: 'collection' });
    const linked = await workbench.updateActivity({ id: activity.id, changes: { ...inputOf(activity), retentionRuleId: rule.id } });
    expect(linked).toMatchObject({ retentionRuleId: rule.id, retentionRuleName: 'Payment records' });
    expect(linked.completeness.gaps.map((gap) => gap.kind)).not.toContain('retention');
    expect((await workbench.listRetentionRules()).find((entry) => entry.id === rule.id)!.activityCount).toBe(1);
    expect(await workbench.result.updateActivity({ id: activity.id, changes: { ...inputOf(activity), retentionRuleId: 'missing' } })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'changes.retentionRuleId' },
    });
    workbench.close();
  });
});

describe('the ICO template columns on an activity', () => {
  it('stores and returns every column, logs them, and flags a required DPIA that is not complete', async () => {
    const { workbench, byName } = await openDemo();
    const activity = await workbench.getActivity({ id: byName('Mentee card payments and billing').id });
    const ico = {
      jointController: 'Partner Ltd, privacy@partner.example',
      lawfulBasis: 'legitimate-interests',
      legitimateInterests: 'Preventing payment fraud',
      liaLink: 'LIA-2026-04',
      rightsAvailable: ['access', 'objection'],
      automatedDecisionMaking: 'Fraud score blocks risky payments',
      consentRecordLink: null,
      dataLocation: 'Square (US)',
      dpiaRequired: 'yes',
      dpiaProgress: 'in-progress',
      dpiaLink: 'DPIA-9',
      breachOccurred: false,
      breachLink: null,
      retentionPolicyLink: 'RET-1',
      retainedPerPolicy: false,
      retentionDeviation: 'Old invoices not yet purged',
    } satisfies Partial<InputOf<'updateActivity'>['changes']>;
    const saved = await workbench.updateActivity({ id: activity.id, changes: { ...inputOf(activity), ...ico } });
    expect(saved).toMatchObject(ico);
    expect(await workbench.getActivity({ id: activity.id })).toMatchObject(ico);
    expect(saved.completeness.gaps).toContainEqual({ kind: 'dpia', citation: 'GDPR Art. 35(1)', message: 'a DPIA is required and is still in progress' });
    const history = await workbench.getChangeLog({ entity: 'activity', entityId: activity.id });
    expect(history[0]!.after).toMatchObject(ico);
    // Not a right the contract knows: sent untyped to check the service refuses it.
    expect(await workbench.raw('updateActivity', { id: activity.id, changes: { ...inputOf(activity), rightsAvailable: ['telepathy'] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'changes.rightsAvailable.0' },
    });
    workbench.close();
  });
});

describe('finding activities', () => {
  it('filters by business function, status, lawful basis, processor and country, and sorts', async () => {
    const { workbench, activities } = await openDemo();
    const list = (query: InputOf<'listActivities'>) => workbench.listActivities(query);
    const facets = await workbench.getRegisterFacets();
    expect(facets.countries).toContain('US');
    expect(facets.processors.map((processor) => processor.name)).toEqual(['Google Analytics', 'Square', 'Sterling Talent Solutions']);
    expect(facets.businessFunctions.length).toBeGreaterThan(2);

    const fn = facets.businessFunctions[0]!;
    const byFunction = await list({ businessFunction: fn.toUpperCase() });
    expect(byFunction.length).toBeGreaterThan(0);
    expect(byFunction.every((item) => item.businessFunction?.toLowerCase() === fn.toLowerCase())).toBe(true);
    expect(byFunction.length).toBe(activities.filter((item) => item.businessFunction?.toLowerCase() === fn.toLowerCase()).length);

    const square = facets.processors.find((processor) => processor.name === 'Square')!;
    const viaSquare = await list({ processorId: square.id });
    expect(viaSquare.map((item) => item.name)).toContain('Mentee card payments and billing');
    expect(viaSquare.every((item) => item.processorCount > 0)).toBe(true);

    const unbased = await list({ lawfulBasis: 'none' });
    expect(unbased.length).toBe(activities.filter((item) => item.lawfulBasis === null).length);
    expect(unbased.every((item) => item.gapKinds.includes('lawful-basis'))).toBe(true);
    const inUs = await list({ country: 'US' });
    expect(inUs.length).toBeGreaterThan(0);
    expect(inUs.length).toBeLessThan(activities.length);
    expect((await list({ country: 'US', processorId: square.id })).length).toBeLessThanOrEqual(viaSquare.length);
    expect(await list({ status: 'retired' })).toEqual([]);

    const byGaps = await list({ sort: 'gaps' });
    expect(byGaps.map((item) => item.gapCount)).toEqual([...byGaps.map((item) => item.gapCount)].sort((a, b) => b - a));
    const byName = await list({ sort: 'name' });
    expect(byName.map((item) => item.name)).toEqual([...byName.map((item) => item.name)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })));
    expect(await workbench.result.listActivities({ country: 'usa' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'country' } });
    // Not an order the contract knows: sent untyped to check the service refuses it.
    expect(await workbench.raw('listActivities', { sort: 'colour' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'sort' } });
    workbench.close();
  });
});

describe('sub-processors', () => {
  it('records a chain of vendors, flags the onward transfer, shows the reach through it, refuses loops, and logs it', async () => {
    const { workbench, byName } = await openDemo();
    const sterling = (await workbench.listProcessors()).find((processor) => processor.name === 'Sterling Talent Solutions')!;
    const hosting = await workbench.createProcessor({ name: 'Hosting Co', countries: ['IN'] });
    const checks = byName('Mentor background checks and identity verification');

    const parent = await workbench.linkSubProcessor({ processorId: sterling.id, subProcessorId: hosting.id, service: 'Cloud hosting' });
    expect(parent.subProcessors).toEqual([{ id: hosting.id, name: 'Hosting Co', service: 'Cloud hosting', countries: ['IN'] }]);
    const activity = await workbench.getActivity({ id: checks.id });
    expect(activity.completeness.gaps).toContainEqual({
      kind: 'transfer-safeguard',
      citation: 'GDPR Art. 30(1)(e)',
      message: 'transfer to IN via Hosting Co (sub-processor of Sterling Talent Solutions) without a safeguard',
    });
    expect((await workbench.listActivities({ country: 'IN' })).map((item) => item.id)).toEqual([checks.id]);

    const child = await workbench.getProcessor({ id: hosting.id });
    expect(child.subProcessorOf.map((entry) => entry.name)).toEqual(['Sterling Talent Solutions']);
    expect(child.indirectActivities).toEqual([expect.objectContaining({ name: checks.name, via: 'Sterling Talent Solutions' })]);
    expect(child.reach.organisations).toEqual(['Smartner']);
    expect(child.reach.dataCategories).toContain('identity');

    expect(await workbench.result.linkSubProcessor({ processorId: hosting.id, subProcessorId: sterling.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'subProcessorId', message: expect.stringContaining('loop') },
    });
    expect(await workbench.result.linkSubProcessor({ processorId: hosting.id, subProcessorId: hosting.id })).toMatchObject({ ok: false, error: { field: 'subProcessorId' } });
    expect(await workbench.result.linkSubProcessor({ processorId: hosting.id, subProcessorId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'subProcessorId' } });

    await workbench.unlinkSubProcessor({ processorId: sterling.id, subProcessorId: hosting.id });
    const after = await workbench.getActivity({ id: checks.id });
    expect(after.completeness.gaps.some((gap) => gap.message.includes('Hosting Co'))).toBe(false);
    expect(await workbench.result.unlinkSubProcessor({ processorId: sterling.id, subProcessorId: hosting.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const history = await workbench.getChangeLog({ entity: 'sub-processor', entityId: `${sterling.id}/${hosting.id}` });
    expect(history.map((entry) => entry.action)).toEqual(['delete', 'create']);
    workbench.close();
  });
});

describe('Art. 30(2) processor records', () => {
  it('creates and edits a record for a controller served, lists what the law still requires, and logs both', async () => {
    const { workbench } = await openDemo();
    const organisations = await workbench.listOrganisations();
    const smartek = organisations.find((organisation) => organisation.name === 'SmarTek21')!;
    const created = await workbench.createProcessorRecord({
      organisationId: smartek.id,
      controllerName: 'Acme Retail',
      transfers: [{ country: 'IN', mechanism: null }],
    });
    expect(created.completeness.gaps).toEqual([
      { kind: 'controller-contact', citation: 'GDPR Art. 30(2)(a)', message: 'no contact details of the controller are recorded' },
      { kind: 'processing-categories', citation: 'GDPR Art. 30(2)(b)', message: 'no category of processing carried out for the controller is recorded' },
      { kind: 'transfer-safeguard', citation: 'GDPR Art. 30(2)(c)', message: 'transfer to IN without a safeguard' },
      { kind: 'security', citation: 'GDPR Art. 30(2)(d)', message: 'no description of the security measures is recorded' },
    ]);
    const edited = await workbench.updateProcessorRecord({
      id: created.id,
      changes: {
        organisationId: smartek.id,
        controllerName: 'Acme Retail',
        controllerContact: 'dpo@acme.example',
        processingCategories: ['Customer support by phone and chat'],
        transfers: [{ country: 'IN', mechanism: 'sccs', note: 'Support centre in Pune' }],
        securityMeasures: 'ISO 27001 certified centres',
        source: null,
      },
    });
    expect(edited).toMatchObject({ controllerContact: 'dpo@acme.example', completeness: { gaps: [], checks: 4 } });
    const listed = await workbench.listProcessorRecords();
    expect(listed.filter((record) => record.id === created.id)).toHaveLength(1);
    const history = await workbench.getChangeLog({ entity: 'processor-record', entityId: created.id });
    expect(history.map((entry) => entry.action)).toEqual(['update', 'create']);
    expect(await workbench.result.createProcessorRecord({ organisationId: smartek.id, controllerName: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'controllerName' },
    });
    expect(await workbench.result.createProcessorRecord({ organisationId: 'nope', controllerName: 'X' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'organisationId' } });
    expect(await workbench.result.updateProcessorRecord({ id: 'nope', changes: { organisationId: smartek.id, controllerName: 'X' } })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'id' } });
    workbench.close();
  });
});

describe('vocabularies with the workspace’s own terms', () => {
  it('adds terms, uses them in records, imports and exports, checks special categories, and refuses unknown ones by field', async () => {
    const { workbench, byName } = await openDemo();
    const vocabulary = await workbench.getVocabulary();
    expect(vocabulary.country!.find((term) => term.code === 'DE')!.label).toBe('Germany');
    expect(vocabulary.country).toHaveLength(249);
    expect(vocabulary['lawful-basis']!.map((term) => term.code)).toContain('legitimate-interests');

    const biometric = await workbench.addVocabularyTerm({ kind: 'data-category', label: 'Voiceprints', special: 'art9', citation: 'GDPR Art. 4(14)' });
    expect(biometric).toMatchObject({ code: 'x-voiceprints', special: 'art9', custom: true });
    const mechanism = await workbench.addVocabularyTerm({ kind: 'transfer-mechanism', label: 'UK International Data Transfer Agreement' });
    const kosovo = await workbench.addVocabularyTerm({ kind: 'country', code: 'XK', label: 'Kosovo' });
    expect(kosovo).toMatchObject({ code: 'XK', label: 'Kosovo' });
    expect(await workbench.result.addVocabularyTerm({ kind: 'data-category', label: 'voiceprints' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'label' } });
    expect(await workbench.result.addVocabularyTerm({ kind: 'lawful-basis', label: 'Consent' })).toMatchObject({ ok: false, error: { code: 'conflict', message: '"Consent" is already in this vocabulary (built in).' } });
    expect(await workbench.result.addVocabularyTerm({ kind: 'recipient-category', label: 'Auditors' })).toMatchObject({ ok: false, error: { field: 'recipientKind' } });
    expect(await workbench.result.addVocabularyTerm({ kind: 'lawful-basis', label: 'Odd', special: 'art9' })).toMatchObject({ ok: false, error: { field: 'special' } });

    const calls = await workbench.getActivity({ id: byName('Recording of support telephone calls').id });
    const saved = await workbench.updateActivity({
      id: calls.id,
      changes: { ...inputOf(calls), dataCategories: [...calls.dataCategories, ownCode(biometric)], transfers: [{ country: 'XK', mechanism: ownCode(mechanism), note: null }] },
    });
    // A workspace category flagged as Art. 9 data needs an Art. 9 condition, like the built-in one.
    expect(saved.completeness.gaps.map((gap) => gap.kind)).toContain('art9-condition');
    expect(saved.completeness.gaps.map((gap) => gap.kind)).not.toContain('transfer-safeguard');

    expect(await workbench.result.updateActivity({ id: calls.id, changes: { ...inputOf(calls), dataCategories: ['x-unheard-of'] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'changes.dataCategories.0', message: expect.stringContaining('"x-unheard-of" is not in the categories of personal data') },
    });
    // Not a category's code at all: sent untyped to check the service refuses it.
    expect(await workbench.raw('updateActivity', { id: calls.id, changes: { ...inputOf(calls), dataCategories: ['telepathy'] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'changes.dataCategories.0' },
    });
    expect(await workbench.result.updateActivity({ id: calls.id, changes: { ...inputOf(calls), transfers: [{ country: 'QQ', mechanism: null }] } })).toMatchObject({
      ok: false,
      error: { field: 'changes.transfers.0.country' },
    });
    const square = (await workbench.listProcessors()).find((processor) => processor.name === 'Square')!;
    expect(await workbench.result.updateProcessor({ id: square.id, changes: { name: 'Square', countries: ['ZZ'] } })).toMatchObject({ ok: false, error: { field: 'changes.countries.0' } });

    // The workbook and CSV carry the labels, and read back unchanged.
    const file = await workbench.exportRegister({ format: 'csv' });
    expect(file.content).toContain('Voiceprints');
    expect(file.content).toContain('UK International Data Transfer Agreement');
    expect(await workbench.importRegister({ format: 'csv', content: file.content })).toMatchObject({ unchanged: 24, rejected: [] });
    const history = await workbench.getChangeLog({ entity: 'vocabulary-term', entityId: 'data-category/x-voiceprints' });
    expect(history.map((entry) => entry.action)).toEqual(['create']);
    workbench.close();
  });
});

describe('reading the register again after a change', () => {
  it('sees a change made through its own connection and one committed by another connection', async () => {
    const { workbench, byName } = await openDemo();
    const workspace = (await workbench.getWorkspace())!;
    const target = byName('Mentee card payments and billing');
    await workbench.listActivities();
    const activity = await workbench.getActivity({ id: target.id });
    await workbench.updateActivity({ id: target.id, changes: { ...inputOf(activity), name: 'Guest Wi-Fi logs' } });
    expect((await workbench.listActivities()).map((item) => item.name)).toContain('Guest Wi-Fi logs');

    const { default: Database } = await import('better-sqlite3');
    const other = new Database(workspace.path);
    other.prepare(`UPDATE activities SET name = 'Renamed elsewhere' WHERE id = ?`).run(target.id);
    other.close();
    expect((await workbench.listActivities()).map((item) => item.name)).toContain('Renamed elsewhere');
    workbench.close();
  });
});

describe('the controller (Art. 30(1)(a))', () => {
  it('flags a controller without contact details on its activities until they are recorded, with its DPO and representative', async () => {
    const { workbench, activities } = await openDemo();
    const organisations = await workbench.listOrganisations();
    const silent = organisations.find((organisation) => !organisation.address && !organisation.contactEmail)!;
    const theirs = activities.filter((activity) => activity.organisationId === silent.id);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((activity) => activity.gapKinds.includes('controller-details'))).toBe(true);
    const detail = await workbench.getActivity({ id: theirs[0]!.id });
    expect(detail.completeness.gaps).toContainEqual({ kind: 'controller-details', citation: 'GDPR Art. 30(1)(a)', message: `no contact details of the controller (${silent.name}) are recorded` });

    const updated = await workbench.updateOrganisation({
      id: silent.id,
      changes: { name: silent.name, contactEmail: 'privacy@example.com', dpoContact: 'dpo@example.com', representative: 'EU Rep Ltd, Dublin' },
    });
    expect(updated).toMatchObject({ contactEmail: 'privacy@example.com', representative: 'EU Rep Ltd, Dublin' });
    const after = (await workbench.listActivities()).filter((activity) => activity.organisationId === silent.id);
    expect(after.some((activity) => activity.gapKinds.includes('controller-details'))).toBe(false);
    expect(await workbench.result.updateOrganisation({ id: silent.id, changes: { name: '' } })).toMatchObject({ ok: false, error: { field: 'changes.name' } });
    expect(await workbench.result.updateOrganisation({ id: silent.id, changes: { name: silent.name, contactEmail: 'not-an-email' } })).toMatchObject({
      ok: false,
      error: { field: 'changes.contactEmail', message: expect.stringContaining('must be an e-mail address') },
    });
    const history = await workbench.getChangeLog({ entity: 'organisation', entityId: silent.id });
    expect(history[0]).toMatchObject({ action: 'update', after: { representative: 'EU Rep Ltd, Dublin' } });
    workbench.close();
  });

  it('keeps the date of a safeguard on processors and transfers', async () => {
    const { workbench, byName } = await openDemo();
    const square = (await workbench.listProcessors()).find((processor) => processor.name === 'Square')!;
    const saved = await workbench.updateProcessor({ id: square.id, changes: { name: 'Square', countries: ['US'], transferMechanism: 'sccs', transferMechanismDate: '2021-06-04' } });
    expect(saved).toMatchObject({ transferMechanism: 'sccs', transferMechanismDate: '2021-06-04' });
    expect(await workbench.result.updateProcessor({ id: square.id, changes: { name: 'Square', dpaSignedOn: '2026-05-01', dpaExpiresOn: '2024-01-01' } })).toMatchObject({
      ok: false,
      error: { field: 'changes.dpaExpiresOn', message: expect.stringContaining('cannot expire before it was signed') },
    });
    const activity = await workbench.getActivity({ id: byName('Mentee card payments and billing').id });
    const withDate = await workbench.updateActivity({ id: activity.id, changes: { ...inputOf(activity), transfers: [{ country: 'US', mechanism: 'sccs', mechanismDate: '2023-01-10', note: null }] } });
    expect(withDate.transfers).toEqual([{ country: 'US', mechanism: 'sccs', mechanismDate: '2023-01-10', note: null }]);
    const file = await workbench.exportRegister({ format: 'csv' });
    expect(file.content).toContain('Standard contractual clauses (2023-01-10)');
    expect((await workbench.importRegister({ format: 'csv', content: file.content })).unchanged).toBe(24);
    workbench.close();
  });
});
