import type { ProcessorDetail } from '../../core/contract';
import type { Processor, ProcessorInput } from '../../core/register/model';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

interface ProcessorRow {
  id: string;
  name: string;
  service: string | null;
  countries_json: string;
  data_categories_json: string;
  notes: string | null;
  transfer_mechanism: Processor['transferMechanism'];
  transfer_mechanism_date: string | null;
  dpa_reference: string | null;
  dpa_signed_on: string | null;
  dpa_expires_on: string | null;
  security_assessed_on: string | null;
  security_outcome: string | null;
  review_cycle_months: number | null;
  next_review_on: string | null;
  profile_key: string | null;
  to_verify: number;
  created_at: string;
  updated_at: string;
  activity_count: number;
}

const selectProcessors = `
  SELECT p.*, (SELECT count(DISTINCT l.activity_id) FROM activity_processors l WHERE l.processor_id = p.id)
    AS activity_count
  FROM processors p`;

function toProcessor(row: ProcessorRow, subProcessorIds: string[]): Processor {
  return {
    subProcessorIds,
    id: row.id,
    name: row.name,
    service: row.service,
    countries: readJson(row.countries_json, 'processors.countries_json'),
    dataCategories: readJson(row.data_categories_json, 'processors.data_categories_json'),
    notes: row.notes,
    transferMechanism: row.transfer_mechanism,
    transferMechanismDate: row.transfer_mechanism_date,
    dpaReference: row.dpa_reference,
    dpaSignedOn: row.dpa_signed_on,
    dpaExpiresOn: row.dpa_expires_on,
    securityAssessedOn: row.security_assessed_on,
    securityOutcome: row.security_outcome,
    reviewCycleMonths: row.review_cycle_months,
    nextReviewOn: row.next_review_on,
    toVerify: row.to_verify === 1,
    profileKey: row.profile_key,
    activityCount: row.activity_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertProcessor(db: Db, id: string, input: ProcessorInput, now: string, profileKey: string | null = null): void {
  db.prepare(
    `INSERT INTO processors (id, name, service, countries_json, data_categories_json, notes, transfer_mechanism, transfer_mechanism_date,
       dpa_reference, dpa_signed_on, dpa_expires_on, security_assessed_on, security_outcome, review_cycle_months,
       next_review_on, to_verify, profile_key, created_at, updated_at)
     VALUES (@id, @name, @service, @countries_json, @data_categories_json, @notes, @transfer_mechanism, @transfer_mechanism_date,
       @dpa_reference, @dpa_signed_on, @dpa_expires_on, @security_assessed_on, @security_outcome, @review_cycle_months,
       @next_review_on, @to_verify, @profile_key, @now, @now)`,
  ).run({ id, now, profile_key: profileKey, ...processorColumns(input) });
}

export function updateProcessor(db: Db, id: string, input: ProcessorInput, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE processors SET name = @name, service = @service, countries_json = @countries_json,
           data_categories_json = @data_categories_json, notes = @notes, transfer_mechanism = @transfer_mechanism,
           transfer_mechanism_date = @transfer_mechanism_date,
           dpa_reference = @dpa_reference, dpa_signed_on = @dpa_signed_on, dpa_expires_on = @dpa_expires_on,
           security_assessed_on = @security_assessed_on, security_outcome = @security_outcome,
           review_cycle_months = @review_cycle_months, next_review_on = @next_review_on, to_verify = @to_verify,
           updated_at = @now
         WHERE id = @id`,
      )
      .run({ id, now, ...processorColumns(input) }).changes === 1
  );
}

function processorColumns(input: ProcessorInput) {
  return {
    name: input.name,
    service: input.service,
    countries_json: writeJson(input.countries),
    data_categories_json: writeJson(input.dataCategories),
    notes: input.notes,
    transfer_mechanism: input.transferMechanism,
    transfer_mechanism_date: input.transferMechanismDate,
    dpa_reference: input.dpaReference,
    dpa_signed_on: input.dpaSignedOn,
    dpa_expires_on: input.dpaExpiresOn,
    security_assessed_on: input.securityAssessedOn,
    security_outcome: input.securityOutcome,
    review_cycle_months: input.reviewCycleMonths,
    next_review_on: input.nextReviewOn,
    to_verify: input.toVerify ? 1 : 0,
  };
}

/** The processor added from a starter profile, or one that already carries the profile's name. */
export function findProcessorByProfile(db: Db, profileKey: string, name: string): string | null {
  const row = db
    .prepare(`SELECT id FROM processors WHERE profile_key = ? OR name = ? COLLATE NOCASE ORDER BY profile_key IS NULL LIMIT 1`)
    .get(profileKey, name) as { id: string } | undefined;
  return row?.id ?? null;
}

export function listProcessors(db: Db): Processor[] {
  const subs = new Map<string, string[]>();
  for (const link of listSubProcessorLinks(db)) subs.set(link.processorId, [...(subs.get(link.processorId) ?? []), link.subProcessorId]);
  return (db.prepare(`${selectProcessors} ORDER BY p.name COLLATE NOCASE`).all() as ProcessorRow[]).map((row) => toProcessor(row, subs.get(row.id) ?? []));
}

function subProcessorIdsOf(db: Db, id: string): string[] {
  return (db.prepare(`SELECT sub_processor_id AS id FROM processor_sub_processors WHERE processor_id = ?`).all(id) as Array<{ id: string }>).map((row) => row.id);
}

export function getProcessor(db: Db, id: string): Pick<ProcessorDetail, keyof Processor | 'activities'> | null {
  const row = db.prepare(`${selectProcessors} WHERE p.id = ?`).get(id) as ProcessorRow | undefined;
  if (!row) return null;
  const activities = db
    .prepare(
      `SELECT a.id, a.name, o.name AS organisationName, l.purpose, l.role
       FROM activity_processors l
       JOIN activities a ON a.id = l.activity_id
       JOIN organisations o ON o.id = a.organisation_id
       WHERE l.processor_id = ? ORDER BY o.name COLLATE NOCASE, a.name COLLATE NOCASE`,
    )
    .all(id) as ProcessorDetail['activities'];
  return { ...toProcessor(row, subProcessorIdsOf(db, id)), activities };
}

export interface SubProcessorLink {
  processorId: string;
  subProcessorId: string;
  service: string | null;
}

/** Every sub-processor link, for walking the chains (a vendor's sub-processors, and theirs). */
export function listSubProcessorLinks(db: Db): SubProcessorLink[] {
  return db
    .prepare(`SELECT processor_id AS processorId, sub_processor_id AS subProcessorId, service FROM processor_sub_processors`)
    .all() as SubProcessorLink[];
}

export function insertSubProcessorLink(db: Db, link: SubProcessorLink): boolean {
  return (
    db
      .prepare(`INSERT INTO processor_sub_processors (processor_id, sub_processor_id, service) VALUES (@processorId, @subProcessorId, @service) ON CONFLICT DO NOTHING`)
      .run(link).changes === 1
  );
}

export function deleteSubProcessorLink(db: Db, processorId: string, subProcessorId: string): SubProcessorLink | null {
  const row = db
    .prepare(
      `DELETE FROM processor_sub_processors WHERE processor_id = ? AND sub_processor_id = ?
       RETURNING processor_id AS processorId, sub_processor_id AS subProcessorId, service`,
    )
    .get(processorId, subProcessorId) as SubProcessorLink | undefined;
  return row ?? null;
}
