import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent, InputOf, OperationName } from '../../core/contract';
import { operationNames } from '../../core/contract/operations';
import { operationReads } from '../../core/contract/reads';
import { operationWrites } from '../../core/contract/writes';
import { applyKey, keyFromPassphrase, keyOpens, looksEncrypted } from '../../db/encryption';
import { createWorkbenchService, type WorkbenchService } from '../../service';
import { checkWorkspaceFile } from '../../service/workspaceCheck';
import { typedClient, type TypedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { importWorkerForTests } from '../support/importWorker';
import { organisationP12 } from '../support/signing';
import { useTempDirs } from '../support/workspace';

/**
 * One write path (issue 14, point 3): every operation of the contract is run once, with real input,
 * on a workspace holding the demo register, an incident, recordings with files and a hold. Each
 * must keep to what core/contract/writes.ts declares: a read changes no table; a write that changes
 * any table writes change-log entries, only of the entities it declares, and the service's
 * `changed` event names exactly those entries. The inputs are typed per operation, so a new
 * operation does not compile until it is walked here too.
 */
const tempDir = useTempDirs();
const now = '2026-11-23T09:00:00.000Z';

interface World {
  dir: string;
  workspace: string;
  folder: string;
  ids: Record<string, string>;
  recordings: number[];
}
type Sample<Name extends OperationName> = (world: World, service: TypedClient<WorkbenchService>) => InputOf<Name> | Promise<InputOf<Name>>;
type Samples = { [Name in OperationName]: Sample<Name> };

/** Every table's rows, hashed: what a call changed, whichever table it touched. */
function fingerprint(path: string): Map<string, string> {
  const db = readOnly(path);
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>).map((row) => row.name);
    return new Map(
      tables.map((table) => {
        const rows = (db.prepare(`SELECT * FROM "${table}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
        return [table, createHash('sha256').update(rows.join('\n')).digest('hex')];
      }),
    );
  } finally {
    db.close();
  }
}
const changedTables = (before: Map<string, string>, after: Map<string, string>) => [...after.keys()].filter((table) => before.get(table) !== after.get(table));

const samples: Samples = {
  getWorkspace: () => ({}),
  listRecentWorkspaces: () => ({}),
  listOrganisations: () => ({}),
  createOrganisation: () => ({ name: 'Walkthrough Ltd' }),
  updateOrganisation: ({ ids }) => ({ id: ids.organisation!, changes: { name: 'Walkthrough Limited' } }),
  listActivities: () => ({}),
  getRegisterFacets: () => ({}),
  getRegisterCompleteness: () => ({}),
  getActivity: ({ ids }) => ({ id: ids.activity! }),
  createActivity: ({ ids }) => ({ organisationId: ids.organisation!, name: 'Walkthrough payroll' }),
  updateActivity: ({ ids }) => ({ id: ids.activity!, changes: { organisationId: ids.organisation!, name: 'Walkthrough payroll (monthly)' } }),
  listProcessors: () => ({}),
  getProcessor: ({ ids }) => ({ id: ids.processor! }),
  createProcessor: () => ({ name: 'Walkthrough Hosting' }),
  updateProcessor: ({ ids }) => ({ id: ids.processor!, changes: { name: 'Walkthrough Hosting GmbH', countries: ['DE'] } }),
  previewRegisterImport: () => ({ format: 'csv', content: 'Controller,Processing activity\nWalkthrough Limited,Imported walkthrough activity\n' }),
  importRegister: () => ({ format: 'csv', content: 'Controller,Processing activity\nWalkthrough Limited,Imported walkthrough activity\n' }),
  exportRegister: () => ({ format: 'json' }),
  getRegisterReadProgress: () => ({ readId: 'no-such-read' }),
  cancelRegisterRead: () => ({ readId: 'no-such-read' }),
  linkSubProcessor: ({ ids }) => ({ processorId: ids.vendor!, subProcessorId: ids.processor!, service: 'Hosting' }),
  unlinkSubProcessor: ({ ids }) => ({ processorId: ids.vendor!, subProcessorId: ids.processor! }),
  listVendorProfiles: () => ({}),
  addVendorProfile: () => ({ key: 'zendesk' }),
  linkProcessor: ({ ids }) => ({ activityId: ids.activity!, processorId: ids.processor!, purpose: 'Hosting the payroll files', role: 'processor' }),
  linkVendorToActivities: async ({ ids }, service) => {
    const listed = await service.listActivities();
    return { processorId: ids.processor!, activityIds: listed.slice(0, 3).map((entry) => entry.id), purpose: 'Off-site backups', role: 'processor' };
  },
  bulkUpdateActivities: ({ ids }) => ({ ids: [ids.activity!], field: 'dataLocation', value: 'Frankfurt data centre' }),
  linkRecipientAsVendor: async (_world, service) => {
    for (const { id } of await service.listActivities()) {
      const detail = await service.getActivity({ id });
      const recipient = detail.recipients.find((entry) => !detail.processors.some((link) => link.processorName.toLowerCase() === entry.name.toLowerCase()));
      if (recipient) return { activityId: id, recipientName: recipient.name };
    }
    throw new Error('no activity has a recipient without a linked vendor');
  },
  listProcessorRecords: () => ({}),
  createProcessorRecord: ({ ids }) => ({ organisationId: ids.organisation!, controllerName: 'A client of ours' }),
  updateProcessorRecord: ({ ids }) => ({ id: ids.processorRecord!, changes: { organisationId: ids.organisation!, controllerName: 'A client of ours (renamed)' } }),
  getVocabulary: () => ({}),
  addVocabularyTerm: () => ({ kind: 'data-category', label: 'Walkthrough data' }),
  listIncidents: () => ({}),
  getIncident: ({ ids }) => ({ id: ids.incident! }),
  createIncident: () => ({ title: 'Walkthrough breach', zone: 'Europe/Paris', events: { aware: { at: '2026-11-22T10:00:00.000Z', zone: 'Europe/Paris' } }, affected: [{ where: 'FR', count: 12 }] }),
  reopenIncident: ({ ids }) => ({ id: ids.incident!, status: 'open', reason: 'Walkthrough: a second laptop turned up missing.' }),
  closeIncident: ({ ids }) => ({ id: ids.incident!, summary: 'Walkthrough: contained, authority told, nothing left to watch.', acknowledgeOpenObligations: true }),
  updateIncident: ({ ids }) => ({ id: ids.incident!, changes: { title: 'Walkthrough breach (updated)', zone: 'Europe/Paris', events: { aware: { at: '2026-11-20T09:30:00.000Z', zone: 'Europe/Paris' } }, affected: [{ where: 'FR', count: 12 }] } }),
  recordFiling: ({ ids }) => ({ incidentId: ids.incident!, obligationId: 'gdpr-33-authority', phase: 'initial', filedAt: '2026-11-23T08:00:00.000Z', reference: 'CNIL-1' }),
  markObligationNotApplicable: ({ ids }) => ({ incidentId: ids.incident!, obligationId: 'gdpr-33-authority', rationale: 'Filed by the group controller instead' }),
  recordRiskDecision: ({ ids }) => ({ incidentId: ids.incident!, decision: 'notify-authority', rationale: 'Unencrypted identity data' }),
  addTimelineNote: ({ ids }) => ({ incidentId: ids.incident!, kind: 'note', text: 'Called the hosting provider' }),
  listDeadlineRules: () => ({}),
  overrideRule: () => ({ ruleId: 'gdpr-33-authority', period: { unit: 'hours', amount: 48 }, reason: 'Group policy' }),
  clearRuleOverride: () => ({ ruleId: 'gdpr-33-authority', reason: 'Policy withdrawn' }),
  getAlertSettings: () => ({}),
  setAlertSettings: () => ({ thresholdsHours: [24, 1] }),
  takeDueAlerts: () => ({}),
  listRecentAlerts: () => ({}),
  importCallRecords: ({ dir }) => {
    writeFileSync(join(dir, 'more.csv'), cdrLine({ start: '2026-03-15 11:00:00', uniqueid: 'more.1', src: '+447700900123' }));
    return { path: join(dir, 'more.csv'), zone: 'Europe/London' };
  },
  startRecordingsImport: ({ dir }) => {
    writeFileSync(join(dir, 'job.csv'), cdrLine({ start: '2026-03-16 11:00:00', uniqueid: 'job.1' }));
    return { path: join(dir, 'job.csv'), source: 'asterisk', zone: 'Europe/London' };
  },
  getImportJob: ({ ids }) => ({ jobId: ids.job! }),
  cancelImportJob: ({ ids }) => ({ jobId: ids.job! }),
  listCsvMappings: () => ({}),
  saveCsvMapping: () => ({ name: 'Walkthrough PBX', delimiter: ',', hasHeading: true, timeFormat: 'iso8601', columns: { start: 'Start', duration: 'Seconds' } }),
  deleteCsvMapping: ({ ids }) => ({ id: ids.mapping! }),
  previewCsvFile: ({ dir }) => ({ path: join(dir, 'more.csv') }),
  sweepRecordings: () => ({}),
  getRecordingSettings: () => ({}),
  setRecordingSettings: ({ folder }) => ({ folder, backupRetentionDays: 30, callerCountry: 'GB' }),
  scanRecordingsFolder: () => ({}),
  listRecordingFiles: () => ({}),
  listRecordingAccess: ({ recordings }) => ({ recordingId: recordings[0]! }),
  updateTicket: () => ({ ticketId: 'T-1', state: 'closed', closedAt: '2026-04-01T12:00:00.000Z' }),
  importTicketStates: () => ({ content: 'ticket,state,closed_at\nT-2,closed,2026-04-02T12:00:00Z\n' }),
  placeLegalHold: () => ({ matter: 'Walkthrough claim', reason: 'Keep the calls of ticket T-3', scope: { ticketIds: ['T-3'] } }),
  previewLegalHold: () => ({ scope: { callerNumbers: ['07700 900123'] } }),
  releaseLegalHold: ({ ids }) => ({ holdId: ids.hold!, reason: 'Claim settled' }),
  listLegalHolds: () => ({}),
  disposeDueRecordings: () => ({ operator: 'Records officer' }),
  listRecordings: () => ({ view: 'retained' }),
  getRecording: ({ recordings }) => ({ id: recordings[1]! }),
  getRetentionOverview: () => ({}),
  setRecordingCardData: ({ recordings }) => ({ id: recordings.at(-1)!, cardData: 'spoken', note: 'at 00:40' }),
  deleteCardDataRecording: ({ recordings }) => ({ id: recordings.at(-1)!, reason: 'Card security code spoken' }),
  listDisposalBatches: () => ({}),
  getDisposalBatch: ({ ids }) => ({ id: ids.batch! }),
  listReportKinds: () => ({}),
  // Printing needs Chromium; the walk asks for a kind that is refused before anything is printed (the input is valid).
  exportReport: () => ({ kind: 'incident' }),
  listRetentionRules: () => ({}),
  createRetentionRule: () => ({ name: 'Walkthrough rule', maximum: 'P1Y', countedFrom: 'call' }),
  updateRetentionRule: ({ ids }) => ({ id: ids.rule!, changes: { name: 'Walkthrough rule (two years)', purposes: ['quality'], maximum: 'P2Y', countedFrom: 'call' } }),
  setWorkspaceTimeZone: () => ({ timeZone: 'Europe/Paris' }),
  previewRetentionRule: () => ({ id: null, changes: { name: 'Walkthrough preview', purposes: ['quality'], maximum: 'P1M', countedFrom: 'call' } }),
  retireRetentionRule: ({ ids }) => ({ id: ids.rule!, reason: 'Replaced by the two-year rule of the walkthrough' }),
  listRetentionPurposes: () => ({}),
  listRecordingPractices: () => ({}),
  getSigningCertificate: () => ({}),
  importSigningCertificate: () => ({ p12: organisationP12('Walkthrough Limited', 'walkthrough').toString('base64'), passphrase: 'walkthrough' }),
  getProfile: () => ({}),
  setProfile: () => ({ name: 'Anna Martin' }),
  getChangeLog: ({ ids }) => ({ entity: 'activity', entityId: ids.activity! }),
  deleteActivity: ({ ids }) => ({ id: ids.activity! }),
  // Switching workspaces: run last, and checked against the workspace each opens.
  closeWorkspace: () => ({}),
  getKeyStore: () => ({}),
  getBackupStatus: () => ({}),
  listBackups: () => ({}),
  backUpNow: () => ({}),
  previewRestore: ({ ids }) => ({ path: ids.backup! }),
  restoreBackup: ({ ids }) => ({ path: ids.backup! }),
  openWorkspace: ({ workspace }) => ({ path: workspace }),
  createWorkspace: ({ dir }) => ({ path: join(dir, 'second.pwb'), passphrase: null }),
  encryptWorkspace: () => ({ passphrase: walkPassphrases[0] }),
  changePassphrase: () => ({ current: walkPassphrases[0], passphrase: walkPassphrases[1] }),
  openDemoWorkspace: () => ({}),
};

/** Operations whose sample may legitimately change nothing (the workspace is already as asked, or the change comes later). */
const mayChangeNothing = new Set<OperationName>(['openWorkspace', 'startRecordingsImport', 'cancelImportJob', 'closeWorkspace', 'exportReport']);
/** Calls whose sample is refused on purpose (printing needs a printer), with a valid input. */
const refusedOnPurpose = new Set<OperationName>(['exportReport']);
/** What fills `ids` after an operation, from its output. */
const remember: Partial<Record<OperationName, (output: never, world: World) => void>> = {
  createOrganisation: (output: { id: string }, world) => (world.ids.organisation = output.id),
  backUpNow: (output: { path: string }, world) => (world.ids.backup = output.path),
  createActivity: (output: { id: string }, world) => (world.ids.activity = output.id),
  createProcessor: (output: { id: string }, world) => (world.ids.processor = output.id),
  createProcessorRecord: (output: { id: string }, world) => (world.ids.processorRecord = output.id),
  createIncident: (output: { id: string }, world) => (world.ids.incident = output.id),
  startRecordingsImport: (output: { id: string }, world) => (world.ids.job = output.id),
  saveCsvMapping: (output: { id: string }, world) => (world.ids.mapping = output.id),
  placeLegalHold: (output: { id: string }, world) => (world.ids.hold = output.id),
  disposeDueRecordings: (output: { id: string }, world) => (world.ids.batch = output.id),
  createRetentionRule: (output: { id: string }, world) => (world.ids.rule = output.id),
};
/** The order of the walk: creations before what uses them, deletions and workspace switches last. */
const last: OperationName[] = ['deleteActivity', 'closeWorkspace', 'openWorkspace', 'createWorkspace', 'encryptWorkspace', 'changePassphrase', 'openDemoWorkspace'];
/** The passphrases the walk encrypts second.pwb with, then changes it to: the walk reads the file through them. */
const walkPassphrases = ['walk passphrase one', 'walk passphrase two'] as const;
/** Opens a file of the walk read-only, through the passphrase it has at the moment when it is encrypted. */
function readOnly(path: string): Database.Database {
  const db = new Database(path, { readonly: true });
  if (looksEncrypted(path)) {
    const opening = walkPassphrases.map((passphrase) => keyFromPassphrase(path, passphrase));
    const key = opening.find((candidate) => {
      applyKey(db, candidate);
      return keyOpens(db);
    });
    if (!key) throw new Error(`no walk passphrase opens ${path}`);
  }
  return db;
}
/** The reads a screen keeps and that name their entities: each is held to what it declares it reads. */
const entityReads = (Object.keys(operationReads) as Array<keyof typeof operationReads>).filter((name) => Array.isArray(operationReads[name]));
/** Every entity-declaring read's answer to its sample input (the inputs are fixed before the write, so both sides ask the same). */
async function readAll(service: WorkbenchService, inputs: Map<OperationName, unknown>): Promise<Map<OperationName, string>> {
  const answers = new Map<OperationName, string>();
  for (const [name, input] of inputs) answers.set(name, JSON.stringify(await service.call(name, input)));
  return answers;
}

const first: OperationName[] = ['createOrganisation', 'createActivity', 'createProcessor', 'createProcessorRecord', 'createIncident', 'saveCsvMapping', 'createRetentionRule', 'placeLegalHold', 'startRecordingsImport'];

describe('one write path', () => {
  it('holds every operation of the contract to what it declares it writes, with change-log entries and a change event', async () => {
    const dir = tempDir();
    const folder = join(dir, 'monitor');
    mkdirSync(folder);
    const service = typedClient(createWorkbenchService({ dataDir: dir, actor: 'walker', clock: () => new Date(now), importWorkerPath: await importWorkerForTests() }));
    await service.openDemoWorkspace();
    const demoPath = (await service.getWorkspace())!.path;
    // Calls on tickets T-1…T-3 with files in the folder, due since the summer.
    // And one recent call (not due), whose card data the walk flags and deletes.
    writeFileSync(
      join(dir, 'Master.csv'),
      [...[1, 2, 3, 4, 5, 6].map((n) => cdrLine({ start: `2026-03-0${n} 10:00:00`, uniqueid: `w.${n}`, userfield: `T-${1 + (n % 3)}`, columns: 18 })), cdrLine({ start: '2026-11-02 10:00:00', uniqueid: 'w.7', columns: 18 })].join('\n'),
    );
    await service.importCallRecords({ path: join(dir, 'Master.csv'), zone: 'UTC', purposes: ['quality'] });
    for (const n of [1, 2, 3, 4, 5, 6, 7]) writeFileSync(join(folder, `w.${n}.wav`), `audio ${n}`);
    // An incident whose 72 hours end in half an hour, unfiled: its alerts are due.
    await service.createIncident({ title: 'Alerting breach', zone: 'UTC', events: { aware: { at: new Date(Date.parse(now) - (72 * 60 - 30) * 60_000).toISOString(), zone: 'UTC' } }, affected: [{ where: 'DE', count: 3 }] });
    const recordings = (await service.listRecordings({ view: 'retained' })).rows.map((row) => row.id).sort((a, b) => a - b);
    const vendor = (await service.listProcessors())[0]!;
    const world: World = { dir, workspace: demoPath, folder, ids: { vendor: vendor.id }, recordings };
    const events: ChangeEvent[] = [];
    service.on('changed', (event) => events.push(event));

    const order = [...first, ...operationNames.filter((name) => !first.includes(name) && !last.includes(name)), ...last];
    expect(new Set(order).size).toBe(operationNames.length);
    const findings: string[] = [];
    const headOf = (file: string) => {
      if (!existsSync(file)) return 0;
      const db = readOnly(file);
      try {
        return (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM change_log`).get() as { id: number }).id;
      } finally {
        db.close();
      }
    };
    for (const name of order) {
      const path = (await service.getWorkspace())?.path ?? null;
      const before = path ? fingerprint(path) : null;
      // The head of every file the call may leave open (a switch of workspace is checked against the one it opens).
      const heads = new Map([demoPath, join(dir, 'second.pwb')].map((file) => [file, headOf(file)]));
      events.length = 0;
      // Targeted refreshes (issue 18): what every kept read answers before a write that stays in this workspace.
      const watched = operationWrites[name] !== null && !last.includes(name) && !['restoreBackup', 'encryptWorkspace', 'changePassphrase'].includes(name);
      const readInputs = new Map<OperationName, unknown>();
      if (watched) for (const read of entityReads) readInputs.set(read, await (samples[read] as Sample<typeof read>)(world, service));
      const answersBefore = watched ? await readAll(service, readInputs) : null;
      const input = await (samples[name] as Sample<typeof name>)(world, service);
      const result = await service.call(name, input);
      if (refusedOnPurpose.has(name)) {
        expect(result.ok, name).toBe(false);
      } else if (!result.ok) {
        findings.push(`${name}: refused its sample input (${result.error.message})`);
        continue;
      } else {
        remember[name]?.(result.value as never, world);
      }
      if (name === 'startRecordingsImport') {
        // Wait for the worker's import to end: its change-log entry is written with it.
        for (let tries = 0; tries < 200 && (await service.getImportJob({ jobId: world.ids.job! })).state === 'running'; tries += 1) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      const nowPath = (await service.getWorkspace())?.path ?? null;
      const declared = operationWrites[name] as readonly string[] | null;
      if (!nowPath) continue;
      // A restore or a new key reopens the file as another connection, as a switch of workspace does.
      const switched = nowPath !== path || ['restoreBackup', 'encryptWorkspace', 'changePassphrase'].includes(name);
      const after = fingerprint(nowPath);
      const changed = switched ? [] : changedTables(before!, after).filter((table) => table !== 'change_log');
      const db = readOnly(nowPath);
      const entries = db.prepare(`SELECT id, entity, entity_id AS entityId, action FROM change_log WHERE id > ? ORDER BY id`).all(heads.get(nowPath) ?? 0) as ChangeEvent['entries'];
      db.close();
      if (declared === null) {
        if (changed.length) findings.push(`${name}: declared read-only, changed ${changed.join(', ')}`);
        if (entries.length) findings.push(`${name}: declared read-only, wrote change-log entries`);
        continue;
      }
      if (answersBefore) {
        const written = new Set(entries.map((entry) => entry.entity as string));
        for (const [read, answer] of await readAll(service, readInputs)) {
          const reads = operationReads[read as keyof typeof operationReads] as readonly string[];
          if (answer !== answersBefore.get(read) && !reads.some((entity) => written.has(entity))) {
            findings.push(`${name}: changed the answer of ${read}, which does not declare reading ${[...written].join(', ') || 'anything it wrote'}`);
          }
        }
      }
      if (changed.length && !entries.length) findings.push(`${name}: changed ${changed.join(', ')} without a change-log entry`);
      if (!switched && !changed.length && !mayChangeNothing.has(name)) findings.push(`${name}: its sample changed nothing (the walk proves nothing for it)`);
      const undeclared = [...new Set(entries.map((entry) => entry.entity))].filter((entity) => !declared.includes(entity));
      if (undeclared.length) findings.push(`${name}: wrote entries for ${undeclared.join(', ')}, not declared`);
      // The event names what the call wrote (an import in a worker writes after the call returns).
      if (!switched && name !== 'startRecordingsImport' && entries.length) {
        expect(events.flatMap((event) => event.entries.map((entry) => entry.id)), name).toEqual(entries.map((entry) => entry.id));
      }
    }
    expect(findings).toEqual([]);
    // Every entry names the person and the account once a profile name is given.
    const db = new Database(demoPath, { readonly: true });
    const actors = new Set((db.prepare(`SELECT actor FROM change_log WHERE id > (SELECT min(id) FROM change_log WHERE actor LIKE 'Anna Martin%')`).all() as Array<{ actor: string }>).map((row) => row.actor));
    db.close();
    expect([...actors]).toEqual(['Anna Martin (walker)']);
    service.close();
    // Every operation walked, the records still agree with what the log says of them (no false alarm).
    expect(checkWorkspaceFile(demoPath).problems).toEqual([]);
  }, 60_000);
});
