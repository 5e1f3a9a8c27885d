import type { ProcessorRecord, Transfer } from '../../core/register/model';
import type { Db } from '../types';
import { readJson, writeJson } from './json';

export type NewProcessorRecord = Omit<ProcessorRecord, 'id' | 'organisationName'>;

export function insertProcessorRecord(db: Db, id: string, record: NewProcessorRecord, now: string): void {
  db.prepare(
    `INSERT INTO processor_records (id, organisation_id, controller_name, processing_categories_json,
       transfers_json, security_measures, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    record.organisationId,
    record.controllerName,
    writeJson(record.processingCategories),
    writeJson(record.transfers),
    record.securityMeasures,
    record.source,
    now,
    now,
  );
}

export function listProcessorRecords(db: Db): ProcessorRecord[] {
  const rows = db
    .prepare(
      `SELECT r.*, o.name AS organisation_name FROM processor_records r
       JOIN organisations o ON o.id = r.organisation_id
       ORDER BY o.name COLLATE NOCASE, r.controller_name COLLATE NOCASE`,
    )
    .all() as Array<{
    id: string;
    organisation_id: string;
    organisation_name: string;
    controller_name: string;
    processing_categories_json: string;
    transfers_json: string;
    security_measures: string | null;
    source: string | null;
  }>;
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    controllerName: row.controller_name,
    processingCategories: readJson<string[]>(row.processing_categories_json, 'processor_records.processing_categories_json'),
    transfers: readJson<Transfer[]>(row.transfers_json, 'processor_records.transfers_json'),
    securityMeasures: row.security_measures,
    source: row.source,
  }));
}
