import { existsSync, renameSync, rmSync } from 'node:fs';
import { z } from 'zod';
import demoFile from '../assets/demo/demo-workspace.json';
import { WorkbenchError } from '../core/contract';
import {
  activityInputSchema,
  organisationInputSchema,
  processorInputSchema,
  transferSchema,
} from '../core/register/model';
import { processorRoleCodes } from '../core/register/vocabularies';
import { openWorkspaceDatabase } from '../db/connection';
import type { WorkspaceKey } from '../db/encryption';
import { insertActivity, insertProcessorLink } from '../db/repositories/activities';
import { appendChange } from '../db/repositories/changeLog';
import { insertOrganisation } from '../db/repositories/organisations';
import { insertProcessorRecord } from '../db/repositories/processorRecords';
import { insertProcessor } from '../db/repositories/processors';
import { insertRecordingPractice } from '../db/repositories/recordingPractices';
import { writeWorkspaceMeta } from '../db/repositories/workspaceMeta';

/**
 * The demo workspace's facts, drawn from the five privacy policies in shared/seeds and kept as
 * data in assets/demo. Records are linked by the file's own keys, replaced by ids on import.
 */
const demoSchema = z.object({
  organisations: z.array(organisationInputSchema.extend({ key: z.string() })),
  processors: z.array(processorInputSchema.extend({ key: z.string(), mentionedBy: z.array(z.string()).default([]) })),
  activities: z.array(
    activityInputSchema.omit({ organisationId: true }).extend({
      key: z.string(),
      organisation: z.string(),
      processors: z
        .array(z.object({ processor: z.string(), purpose: z.string().min(1), role: z.enum(processorRoleCodes) }))
        .default([]),
    }),
  ),
  processorRecords: z.array(
    z.object({
      organisation: z.string(),
      controller: z.string().min(1),
      processingCategories: z.array(z.string()),
      transfers: z.array(transferSchema),
      securityMeasures: z.string().nullable(),
      source: z.string().nullable(),
    }),
  ),
  recordingPractices: z.array(
    z.object({
      organisation: z.string(),
      purposes: z.array(z.string()),
      linkedToTickets: z.boolean(),
      retention: z.string().nullable(),
      notice: z.string().nullable(),
      source: z.string().nullable(),
    }),
  ),
});
export type DemoData = z.infer<typeof demoSchema>;

/** Parses the shipped demo data; a broken file names the path of the bad value. */
export function loadDemoData(raw: unknown = demoFile): DemoData {
  const parsed = demoSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`assets/demo/demo-workspace.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export interface DemoOptions {
  actor: string;
  now: string;
  newId: () => string;
  nativeBinding?: string;
  /** Encrypts the demo workspace with this key (the CLI's passphrase); plain without one. */
  key?: WorkspaceKey;
}

/**
 * Writes a new demo workspace at `path`. It is built in a temporary file and renamed into place,
 * so a failure never leaves a half-built workspace, and an existing file is never overwritten.
 */
export function writeDemoWorkspace(path: string, options: DemoOptions): void {
  if (existsSync(path)) {
    throw new WorkbenchError('conflict', `${path} already exists; choose another file for the demo workspace.`, 'path');
  }
  const data = loadDemoData();
  const partial = `${path}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const db = openWorkspaceDatabase(partial, { create: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.key ? { key: options.key } : {}) });
  try {
    const { actor, now, newId } = options;
    const log = (entity: Parameters<typeof appendChange>[1]['entity'], entityId: string, after: unknown) =>
      appendChange(db, { at: now, actor, entity, entityId, action: 'create', before: null, after });
    db.transaction(() => {
      const workspaceId = newId();
      writeWorkspaceMeta(db, 'id', workspaceId);
      writeWorkspaceMeta(db, 'name', 'Demo workspace (five organisations)');
      writeWorkspaceMeta(db, 'created_at', now);
      writeWorkspaceMeta(db, 'is_demo', '1');
      log('workspace', workspaceId, { name: 'Demo workspace (five organisations)', isDemo: true });

      const organisationIds = new Map<string, string>();
      for (const { key, ...organisation } of data.organisations) {
        const id = newId();
        organisationIds.set(key, id);
        insertOrganisation(db, id, organisation, now);
        log('organisation', id, { id, ...organisation });
      }
      const processorIds = new Map<string, string>();
      for (const { key, mentionedBy: _mentionedBy, ...processor } of data.processors) {
        const id = newId();
        processorIds.set(key, id);
        insertProcessor(db, id, processor, now);
        log('processor', id, { id, ...processor });
      }
      const lookup = (map: Map<string, string>, key: string, where: string) => {
        const id = map.get(key);
        if (!id) throw new Error(`assets/demo/demo-workspace.json: ${where} names unknown key "${key}"`);
        return id;
      };
      for (const { key, organisation, processors, ...activity } of data.activities) {
        const id = newId();
        // The file keys data-subject categories as slugs ("website-visitors"); the register keeps the words people use.
        const dataSubjectCategories = activity.dataSubjectCategories.map((category) =>
          /^[a-z]+(-[a-z]+)*$/.test(category) ? (category.charAt(0).toUpperCase() + category.slice(1)).replaceAll('-', ' ') : category,
        );
        const input = { ...activity, dataSubjectCategories, organisationId: lookup(organisationIds, organisation, `activity ${key}`) };
        insertActivity(db, id, input, now);
        log('activity', id, { id, ...input, createdAt: now, updatedAt: now });
        for (const link of processors) {
          const linkInput = {
            activityId: id,
            processorId: lookup(processorIds, link.processor, `activity ${key}`),
            purpose: link.purpose,
            role: link.role,
          };
          insertProcessorLink(db, linkInput);
          log('activity-processor', `${id}/${linkInput.processorId}`, linkInput);
        }
      }
      for (const record of data.processorRecords) {
        const id = newId();
        const row = {
          organisationId: lookup(organisationIds, record.organisation, 'processor record'),
          controllerName: record.controller,
          controllerContact: null,
          processingCategories: record.processingCategories,
          transfers: record.transfers,
          securityMeasures: record.securityMeasures,
          source: record.source,
        };
        insertProcessorRecord(db, id, row, now);
        log('processor-record', id, { id, ...row });
      }
      for (const practice of data.recordingPractices) {
        const id = newId();
        const row = {
          organisationId: lookup(organisationIds, practice.organisation, 'recording practice'),
          purposes: practice.purposes,
          linkedToTickets: practice.linkedToTickets,
          retention: practice.retention,
          notice: practice.notice,
          source: practice.source,
        };
        insertRecordingPractice(db, id, row, now);
        log('recording-practice', id, { id, ...row });
      }
    })();
    db.close();
    renameSync(partial, path);
  } catch (error) {
    if (db.open) db.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    throw error;
  }
}
