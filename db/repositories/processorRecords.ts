import type { ProcessorRecord, ProcessorRecordInput, Transfer } from '../../core/register/model';
import type { Db } from '../types';
import { readJson, readTransfers, writeJson } from './json';

interface ProcessorRecordRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  controller_name: string;
  controller_contact: string | null;
  processing_categories_json: string;
  transfers_json: string;
  security_measures: string | null;
  source: string | null;
  created_at: string;
  updated_at: string;
}

const columnsOf = (record: ProcessorRecordInput) => ({
  organisation_id: record.organisationId,
  controller_name: record.controllerName,
  controller_contact: record.controllerContact,
  processing_categories_json: writeJson(record.processingCategories),
  transfers_json: writeJson(record.transfers),
  security_measures: record.securityMeasures,
  source: record.source,
});

export function insertProcessorRecord(db: Db, id: string, record: ProcessorRecordInput, now: string): void {
  db.prepare(
    `INSERT INTO processor_records (id, organisation_id, controller_name, controller_contact, processing_categories_json,
       transfers_json, security_measures, source, created_at, updated_at)
     VALUES (@id, @organisation_id, @controller_name, @controller_contact, @processing_categories_json,
       @transfers_json, @security_measures, @source, @now, @now)`,
  ).run({ id, now, ...columnsOf(record) });
}

export function updateProcessorRecord(db: Db, id: string, record: ProcessorRecordInput, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE processor_records SET organisation_id = @organisation_id, controller_name = @controller_name,
           controller_contact = @controller_contact, processing_categories_json = @processing_categories_json,
           transfers_json = @transfers_json, security_measures = @security_measures, source = @source, updated_at = @now
         WHERE id = @id`,
      )
      .run({ id, now, ...columnsOf(record) }).changes === 1
  );
}

const selectRecords = `SELECT r.*, o.name AS organisation_name FROM processor_records r JOIN organisations o ON o.id = r.organisation_id`;

function toRecord(row: ProcessorRecordRow): ProcessorRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    controllerName: row.controller_name,
    controllerContact: row.controller_contact,
    processingCategories: readJson<string[]>(row.processing_categories_json, 'processor_records.processing_categories_json'),
    transfers: readTransfers<Transfer>(row.transfers_json, 'processor_records.transfers_json'),
    securityMeasures: row.security_measures,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getProcessorRecord(db: Db, id: string): ProcessorRecord | null {
  const row = db.prepare(`${selectRecords} WHERE r.id = ?`).get(id) as ProcessorRecordRow | undefined;
  return row ? toRecord(row) : null;
}

export function listProcessorRecords(db: Db): ProcessorRecord[] {
  return (db.prepare(`${selectRecords} ORDER BY o.name COLLATE NOCASE, r.controller_name COLLATE NOCASE`).all() as ProcessorRecordRow[]).map(toRecord);
}
