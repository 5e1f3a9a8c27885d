import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { assessActivity, gapKinds } from '../core/register/completeness';
import type { Activity } from '../core/register/model';
import { neutraliseFormula, registerHeaders, registerRowOf } from '../core/register/registerColumns';
import { countryName, isThirdCountry, labelOf, processorRoles, retentionStarts, type Vocabulary } from '../core/register/vocabularies';
import { listOrganisations } from '../db/repositories/organisations';
import { listProcessors } from '../db/repositories/processors';
import { listRetentionRules } from '../db/repositories/retentionRules';
import type { Db } from '../db/types';
import { specialCategoriesOf } from './vocabulary';

/**
 * The full register as one workbook an auditor can read: the register itself in the ICO layout
 * (first, so that importing the workbook reads it back; its Record ID column hidden but kept, so
 * that a re-import updates instead of duplicating), then every linked item on its own sheet:
 * vendors, vendor links, transfers, retention rules and gaps. Every cell is text, formula-safe.
 */
type Table = string[][];

const yes = (value: boolean) => (value ? 'Yes' : 'No');

function sheets(db: Db, records: Activity[], vocabulary: Vocabulary, today: string): Array<{ name: string; table: Table; widths: number[] }> {
  const processors = listProcessors(db);
  const byId = new Map(processors.map((processor) => [processor.id, processor]));
  const organisations = new Map(listOrganisations(db).map((organisation) => [organisation.id, organisation]));
  const special = specialCategoriesOf(vocabulary);
  const mechanism = (code: string | null) => (code ? labelOf(vocabulary['transfer-mechanism'], code) : '');
  return [
    { name: 'Register', table: [registerHeaders(), ...records.map((record) => registerRowOf(record, vocabulary))], widths: registerHeaders().map(() => 28) },
    {
      name: 'Vendors',
      table: [
        ['Vendor', 'Service', 'Countries', 'Transfer safeguard', 'Safeguard date', 'Contract (Art. 28(3))', 'Signed on', 'Expires on', 'Security assessed on', 'Security outcome', 'Review every (months)', 'Next review', 'Sub-processors', 'Facts to verify'],
        ...processors.map((processor) => [
          processor.name,
          processor.service ?? '',
          processor.countries.join('\n'),
          mechanism(processor.transferMechanism),
          processor.transferMechanismDate ?? '',
          processor.dpaReference ?? '',
          processor.dpaSignedOn ?? '',
          processor.dpaExpiresOn ?? '',
          processor.securityAssessedOn ?? '',
          processor.securityOutcome ?? '',
          processor.reviewCycleMonths === null ? '' : String(processor.reviewCycleMonths),
          processor.nextReviewOn ?? '',
          processor.subProcessorIds.map((id) => byId.get(id)?.name ?? id).join('\n'),
          yes(processor.toVerify),
        ]),
      ],
      widths: [24, 28, 12, 24, 12, 20, 12, 12, 14, 28, 10, 12, 24, 10],
    },
    {
      name: 'Vendor links',
      table: [
        ['Processing activity', 'Controller', 'Vendor', 'Role', 'What the vendor does for it'],
        ...records.flatMap((record) => record.processors.map((link) => [record.name, record.organisationName, link.processorName, labelOf(processorRoles, link.role), link.purpose])),
      ],
      widths: [40, 20, 24, 18, 40],
    },
    {
      name: 'Transfers',
      table: [
        ['Processing activity', 'Controller', 'Country', 'Country code', 'Outside the EEA', 'Safeguard', 'Safeguard date', 'Note'],
        ...records.flatMap((record) =>
          record.transfers.map((transfer) => [
            record.name,
            record.organisationName,
            transfer.country ? countryName(transfer.country) : 'Not named',
            transfer.country ?? '',
            transfer.country ? yes(isThirdCountry(transfer.country)) : '',
            mechanism(transfer.mechanism) || 'None',
            transfer.mechanismDate ?? '',
            transfer.note ?? '',
          ]),
        ),
      ],
      widths: [40, 20, 18, 10, 10, 26, 12, 30],
    },
    {
      name: 'Retention rules',
      table: [
        ['Rule', 'Purpose', 'Minimum', 'Maximum', 'Counted from', 'Extendable to', 'Legal source', 'Note', 'Activities using it', 'Retired on'],
        ...listRetentionRules(db).map((rule) => [
          rule.name,
          rule.purposes.join(', '),
          rule.minimum ?? '',
          rule.maximum ?? '',
          labelOf(retentionStarts, rule.countedFrom),
          rule.extendableTo ?? '',
          rule.legalSource ?? '',
          rule.note ?? '',
          String(rule.activityCount),
          rule.retiredAt?.slice(0, 10) ?? '',
        ]),
      ],
      widths: [28, 24, 10, 10, 24, 10, 36, 30, 10, 12],
    },
    {
      name: 'Gaps',
      table: [
        ['Processing activity', 'Controller', 'Gap', 'Citation', 'What is missing'],
        ...records.flatMap((record) =>
          assessActivity(record, byId, today, special, organisations.get(record.organisationId)).gaps.map((gap) => [
            record.name,
            record.organisationName,
            labelOf(gapKinds, gap.kind),
            gap.citation,
            gap.message,
          ]),
        ),
      ],
      widths: [40, 20, 30, 16, 60],
    },
  ];
}

/** Marks the first column of the first sheet hidden (write-excel-file has no option for it). */
function hideKeyColumn(workbook: Buffer): Buffer {
  const entries = unzipSync(new Uint8Array(workbook));
  const name = 'xl/worksheets/sheet1.xml';
  const xml = strFromU8(entries[name]!);
  const hidden = xml.replace(/<col ([^>]*?)min="1" max="1"([^>]*?)\/>/, (col, before: string, after: string) => (col.includes('hidden=') ? col : `<col ${before}min="1" max="1"${after} hidden="1"/>`));
  if (hidden === xml) throw new Error('the register sheet has no column 1 definition to hide');
  entries[name] = strToU8(hidden);
  return Buffer.from(zipSync(entries, { level: 6 }));
}

export async function registerWorkbook(db: Db, records: Activity[], vocabulary: Vocabulary, today: string): Promise<Buffer> {
  const all = sheets(db, records, vocabulary, today);
  const bytes = await writeXlsxFile(
    all.map(({ name, table, widths }) => ({
      sheet: name,
      stickyRowsCount: 1,
      columns: widths.map((width) => ({ width })),
      data: table.map((row, index) => row.map((cell) => ({ value: neutraliseFormula(cell), type: String, wrap: true, ...(index === 0 ? { fontWeight: 'bold' as const } : {}) }))),
    })),
  ).toBuffer();
  return hideKeyColumn(bytes);
}
