import { assessProcessorRecord } from '../../../core/register/completeness';
import { countryName, labelOf } from '../../../core/register/vocabularies';
import type { ProcessorOrganisationEntry, ProcessorRecordReportData } from '../../../core/reports/processorRecord';
import type { BuiltReport, ReportTable } from '../../../core/reports/model';
import { listOrganisations } from '../../../db/repositories/organisations';
import { listProcessorRecords } from '../../../db/repositories/processorRecords';
import type { Db } from '../../../db/types';
import { vocabularyOf } from '../../vocabulary';

/** The processor record takes no options: every organisation acting as a processor is in it. */
export type ProcessorRecordReportOptions = Record<string, never>;

const roleLabels: Record<string, string> = { processor: 'Processor', both: 'Controller and processor', controller: 'Controller' };

/**
 * Every Art. 30(2) record at `now`, grouped by the organisation acting as a processor (those whose
 * role says so, and any other that keeps a record), with the gaps of letters (a) to (d).
 */
export function buildProcessorRecordReport(db: Db, _options: ProcessorRecordReportOptions, now: string): BuiltReport<ProcessorRecordReportData> {
  const vocabulary = vocabularyOf(db);
  const records = listProcessorRecords(db);
  const mechanisms = vocabulary['transfer-mechanism'];
  const processors: ProcessorOrganisationEntry[] = listOrganisations(db)
    .filter((organisation) => organisation.role !== 'controller' || records.some((record) => record.organisationId === organisation.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((organisation) => ({
      id: organisation.id,
      name: organisation.name,
      legalName: organisation.legalName,
      role: roleLabels[organisation.role] ?? organisation.role,
      country: organisation.country ? `${countryName(organisation.country)} (${organisation.country})` : null,
      address: organisation.address,
      contactEmail: organisation.contactEmail,
      dpoContact: organisation.dpoContact,
      representative: organisation.representative,
      records: records
        .filter((record) => record.organisationId === organisation.id)
        .map((record) => ({
          id: record.id,
          controllerName: record.controllerName,
          controllerContact: record.controllerContact,
          processingCategories: record.processingCategories,
          transfers: record.transfers.map((transfer) => ({
            country: transfer.country ? `${countryName(transfer.country)} (${transfer.country})` : null,
            mechanism: transfer.mechanism ? labelOf(mechanisms, transfer.mechanism) : null,
            mechanismCitation: transfer.mechanism ? (mechanisms.find((entry) => entry.code === transfer.mechanism)?.citation ?? null) : null,
            mechanismDate: transfer.mechanismDate,
            note: transfer.note,
          })),
          securityMeasures: record.securityMeasures,
          source: record.source,
          updatedAt: record.updatedAt,
          gaps: assessProcessorRecord(record).gaps.map((gap) => ({ citation: gap.citation, message: gap.message })),
        })),
    }));
  const all = processors.flatMap((organisation) => organisation.records);
  const data: ProcessorRecordReportData = {
    asOf: new Date(now).toISOString(),
    processors,
    totals: { organisations: processors.length, records: all.length, recordsWithGaps: all.filter((record) => record.gaps.length).length, gaps: all.reduce((sum, record) => sum + record.gaps.length, 0) },
  };
  return {
    snapshot: { kind: 'processor-record', data, tables: processorRecordTables(processors) },
    organisation: processors.map((organisation) => organisation.name).join(', ') || 'No organisation acts as a processor',
    scope: `Every record of processing kept as a processor (GDPR Art. 30(2)): ${all.length} record${all.length === 1 ? '' : 's'} of ${processors.length} organisation${processors.length === 1 ? '' : 's'}, with the gaps of letters (a) to (d)`,
    filters: [],
  };
}

function processorRecordTables(processors: readonly ProcessorOrganisationEntry[]): ReportTable[] {
  const each = <T>(make: (organisation: ProcessorOrganisationEntry, record: ProcessorOrganisationEntry['records'][number]) => T[]) =>
    processors.flatMap((organisation) => organisation.records.flatMap((record) => make(organisation, record)));
  return [
    {
      name: 'processor-records',
      columns: ['Record ID', 'Processor', 'Controller', 'Controller contact', 'Categories of processing', 'Security measures', 'Source', 'Last updated'],
      rows: each((organisation, record) => [
        [record.id, organisation.name, record.controllerName, record.controllerContact ?? '', record.processingCategories.join('; '), record.securityMeasures ?? '', record.source ?? '', record.updatedAt],
      ]),
    },
    {
      name: 'transfers',
      columns: ['Record ID', 'Processor', 'Controller', 'Country', 'Safeguard', 'Safeguard citation', 'Safeguard date', 'Note'],
      rows: each((organisation, record) =>
        record.transfers.map((transfer) => [
          record.id,
          organisation.name,
          record.controllerName,
          transfer.country ?? 'not named',
          transfer.mechanism ?? 'none recorded',
          transfer.mechanismCitation ?? '',
          transfer.mechanismDate ?? '',
          transfer.note ?? '',
        ]),
      ),
    },
    {
      name: 'gaps',
      columns: ['Record ID', 'Processor', 'Controller', 'Citation', 'Gap'],
      rows: each((organisation, record) => record.gaps.map((gap) => [record.id, organisation.name, record.controllerName, gap.citation, gap.message])),
    },
  ];
}
