import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputOf } from '../../core/contract';
import type { IncidentDetail } from '../../core/incidents/model';
import type { Activity, Processor } from '../../core/register/model';
import type { Workbench } from './app';
import { repoRoot } from './workspace';

/**
 * Set-up through the service, for the end-to-end tests whose subject is a later step: what an
 * earlier screen would have created, created the way that screen's form sends it.
 */

async function organisationId(workbench: Workbench, name: string): Promise<string> {
  const found = (await workbench.client.listOrganisations()).find((organisation) => organisation.name === name);
  if (!found) throw new Error(`no organisation named ${name} in the workspace`);
  return found.id;
}

async function processorId(workbench: Workbench, name: string): Promise<string> {
  const found = (await workbench.client.listProcessors()).find((processor) => processor.name === name);
  if (!found) throw new Error(`no processor named ${name} in the workspace`);
  return found.id;
}

/**
 * The demo's "Visitor Wi-Fi access logs" (Smartt), as the register tests build it: `created` as the
 * new-activity form makes it; `completed` with its data subjects, recipients and security measures
 * filled in and Google Analytics linked as its processor; `transfers` also with a US transfer under
 * SCCs and the ICO template's columns.
 */
export async function addVisitorWifiLogs(workbench: Workbench, stage: 'created' | 'completed' | 'transfers'): Promise<Activity> {
  const created: InputOf<'createActivity'> = {
    organisationId: await organisationId(workbench, 'Smartt'),
    name: 'Visitor Wi-Fi access logs',
    purposes: ['Keep the guest network secure', 'Answer abuse complaints'],
    lawfulBasis: 'legitimate-interests',
    dataCategories: ['connection'],
    retention: '90 days after the visit',
  };
  const completed: typeof created = {
    ...created,
    dataSubjectCategories: ['guests', 'staff'],
    recipients: [
      { name: 'IT team', kind: 'internal' },
      { name: 'Internet service provider', kind: 'external' },
    ],
    securityMeasures: 'Separate guest network; logs kept on an encrypted server',
  };
  const withTransfers: typeof created = {
    ...completed,
    transfers: [{ country: 'US', mechanism: 'sccs', note: 'Support desk in Texas' }],
    dpiaRequired: 'yes',
    dpiaProgress: 'in-progress',
    dataLocation: 'Office server, Dublin',
    rightsAvailable: ['access'],
  };
  const activity = await workbench.client.createActivity(stage === 'created' ? created : stage === 'completed' ? completed : withTransfers);
  if (stage === 'created') return activity;
  return workbench.client.linkProcessor({
    activityId: activity.id,
    processorId: await processorId(workbench, 'Google Analytics'),
    purpose: 'Counts guest network sign-ins',
    role: 'processor',
  });
}

/** Adds a vendor from the starter library (by its profile key, e.g. "zendesk"). */
export async function addVendorFromLibrary(workbench: Workbench, key: string): Promise<Processor> {
  return workbench.client.addVendorProfile({ key });
}

/**
 * The ICO controller template as a DPO keeps it (test/fixtures/register/ico-controller-cp1252.csv),
 * imported for Smartt with the review step's choices of the import test: "Narnia" read as Norway,
 * "Bank stuff" added as a term of the workspace's own.
 */
export async function importIcoRegister(workbench: Workbench): Promise<void> {
  await workbench.client.importRegister({
    format: 'csv',
    encoding: 'base64',
    content: readFileSync(join(repoRoot, 'test/fixtures/register/ico-controller-cp1252.csv')).toString('base64'),
    organisationId: await organisationId(workbench, 'Smartt'),
    values: [
      { column: 'countries', value: 'Narnia', decision: { action: 'map', code: 'NO' } },
      { column: 'dataCategories', value: 'Bank stuff', decision: { action: 'new-term' } },
    ],
  });
}

/** A register file of `count` activities named "Activity 0000", "Activity 0001"…, as CSV text. */
export function numberedActivities(count: number): string {
  return ['Processing activity,Purpose of processing', ...Array.from({ length: count }, (_, index) => `Activity ${String(index).padStart(4, '0')},Purpose ${index}`)].join('\n');
}

/**
 * "acme": a workspace encrypted with `passphrase`, its organisation Acme Ltd holding `activities`
 * numbered activities, closed once (which backs it up) and opened again, as the welcome screen
 * leaves it.
 */
export async function createAcmeWorkspace(workbench: Workbench, path: string, passphrase: string, activities: number): Promise<void> {
  await workbench.client.createWorkspace({ path, passphrase });
  const { id } = await workbench.client.createOrganisation({ name: 'Acme Ltd' });
  await workbench.client.importRegister({ format: 'csv', encoding: 'utf8', content: numberedActivities(activities), organisationId: id });
  await workbench.client.closeWorkspace();
  await workbench.client.openWorkspace({ path, passphrase });
}

/**
 * "Support mailbox exposed": a confidentiality breach of contact details, 1,200 people (800 in
 * Germany), of which the controller became aware `awareHoursAgo` hours ago, in Europe/Berlin.
 */
export async function logSupportMailboxBreach(workbench: Workbench, awareHoursAgo = 70): Promise<IncidentDetail> {
  const at = new Date(Date.now() - awareHoursAgo * 3_600_000).toISOString();
  const event = { at, zone: 'Europe/Berlin' };
  return workbench.client.createIncident({
    title: 'Support mailbox exposed',
    zone: 'Europe/Berlin',
    events: { aware: event, detected: event, discovered: event, determined: event },
    nature: 'A shared support mailbox was readable by anyone with the link',
    breachTypes: ['confidentiality'],
    dataCategories: ['contact'],
    subjectsApprox: 1200,
    affected: [{ where: 'DE', count: 800 }],
  });
}
