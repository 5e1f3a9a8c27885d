import type { ReportSection } from '../../core/reports/model';
import type { ProcessorOrganisationEntry, ProcessorRecordEntry, ProcessorRecordReportData } from '../../core/reports/processorRecord';
import type { ReportView } from '../types';
import { Badge, Empty, Fields, Section, Table, plural, sectionId } from './reportParts';

const organisationSection = (organisation: ProcessorOrganisationEntry) => sectionId('processor-record-organisation', organisation.id);
const recordSection = (record: ProcessorRecordEntry) => sectionId('processor-record', record.id);

function Record({ record }: { record: ProcessorRecordEntry }) {
  return (
    <>
      <h3 id={recordSection(record)}>
        On behalf of {record.controllerName}{' '}
        {record.gaps.length ? <Badge tone="warning">{plural(record.gaps.length, 'gap')}</Badge> : <Badge tone="ok">Complete</Badge>}
      </h3>
      <Fields
        items={[
          ['(a) Controller', record.controllerName],
          ['(a) Controller contact', record.controllerContact],
          ['(b) Categories of processing', record.processingCategories.length ? record.processingCategories.join('; ') : null],
          ['(d) Security measures (Art. 32(1))', record.securityMeasures],
          ['Source', record.source],
          ['Last updated', record.updatedAt.slice(0, 10)],
        ]}
      />
      {record.transfers.length ? (
        <Table
          columns={['(c) Transfer to', 'Safeguard', 'Safeguard date', 'Note']}
          rows={record.transfers.map((transfer) => [
            transfer.country ?? 'Country not named',
            transfer.mechanism ? `${transfer.mechanism}${transfer.mechanismCitation ? ` (${transfer.mechanismCitation})` : ''}` : <Badge tone="danger">No safeguard recorded</Badge>,
            transfer.mechanismDate ?? '',
            transfer.note ?? '',
          ])}
        />
      ) : (
        <Empty>(c) No transfer to a third country or international organisation is recorded for this controller.</Empty>
      )}
      {record.gaps.length ? (
        <Table columns={['Still required', 'Citation']} rows={record.gaps.map((gap) => [gap.message, gap.citation])} />
      ) : (
        <p className="report-note">Letters (a) to (d) of Art. 30(2) are all given.</p>
      )}
    </>
  );
}

/** The Art. 30(2) record: an overview of the gaps, then each processor and the controllers it acts for. */
export const processorRecordView: ReportView<ProcessorRecordReportData> = {
  kind: 'processor-record',
  sections(snapshot) {
    const sections: ReportSection[] = [{ id: 'processor-record-overview', title: 'Overview and gaps', level: 1 }];
    for (const organisation of snapshot.data.processors) {
      sections.push({ id: organisationSection(organisation), title: `Processor: ${organisation.name}`, level: 1 });
      for (const record of organisation.records) sections.push({ id: recordSection(record), title: `On behalf of ${record.controllerName}`, level: 2 });
    }
    return sections;
  },
  body(snapshot) {
    const { processors, totals } = snapshot.data;
    const gaps = processors.flatMap((organisation) => organisation.records.flatMap((record) => record.gaps.map((gap) => ({ organisation, record, gap }))));
    return (
      <>
        <Section id="processor-record-overview" title="Overview and gaps">
          <p>
            {plural(totals.records, 'record')} kept as a processor by {plural(totals.organisations, 'organisation')}; {plural(totals.recordsWithGaps, 'record')} with{' '}
            {plural(totals.gaps, 'gap')}. Each record gives, for one controller: (a) the names and contact details of the processor, the controller, their
            representatives and the DPO; (b) the categories of processing; (c) transfers and their safeguards; (d) the security measures.
          </p>
          {gaps.length ? (
            <Table
              columns={['Processor', 'Controller', 'Still required', 'Citation']}
              rows={gaps.map(({ organisation, record, gap }) => [organisation.name, record.controllerName, gap.message, gap.citation])}
            />
          ) : (
            <Empty>No gap: every record gives letters (a) to (d) of Art. 30(2).</Empty>
          )}
          {processors.length === 0 && <Empty>No organisation in this workspace acts as a processor, so no Art. 30(2) record is kept.</Empty>}
        </Section>
        {processors.map((organisation) => (
          <Section key={organisation.id} id={organisationSection(organisation)} title={`Processor: ${organisation.name}`}>
            <Fields
              items={[
                ['(a) Processor', organisation.legalName ? `${organisation.name} (${organisation.legalName})` : organisation.name],
                ['Role', organisation.role],
                ['Country', organisation.country],
                ['Address', organisation.address],
                ['Contact e-mail', organisation.contactEmail],
                ['(a) Data protection officer', organisation.dpoContact],
                ['(a) Representative (Art. 27)', organisation.representative ?? 'None recorded (needed when established outside the Union and subject to the GDPR)'],
              ]}
            />
            {organisation.records.length ? (
              organisation.records.map((record) => <Record key={record.id} record={record} />)
            ) : (
              <Empty>No Art. 30(2) record is kept for {organisation.name}: one is required for each controller it acts for.</Empty>
            )}
          </Section>
        ))}
      </>
    );
  },
};
