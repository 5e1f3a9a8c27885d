import type { Handlers } from '../core/contract';
import * as organisations from '../db/repositories/organisations';
import { assessProcessorRecord } from '../core/register/completeness';
import type { ProcessorRecord, ProcessorRecordInput } from '../core/register/model';
import * as records from '../db/repositories/processorRecords';
import { listRecordingPractices } from '../db/repositories/recordingPractices';
import { notFound, writeWithLog, type ServiceContext } from './session';
import { checkProcessorRecordTerms, vocabularyOf } from './vocabulary';

type OrganisationHandlers = Pick<
  Handlers,
  'listOrganisations' | 'createOrganisation' | 'updateOrganisation' | 'listProcessorRecords' | 'createProcessorRecord' | 'updateProcessorRecord' | 'listRecordingPractices'
>;

const withGaps = (record: ProcessorRecord) => ({ ...record, completeness: assessProcessorRecord(record) });
const snapshotOf = ({ organisationName: _organisationName, ...stored }: ProcessorRecord) => stored;

export function organisationHandlers(context: ServiceContext): OrganisationHandlers {
  const loadRecord = (id: string) => {
    const record = records.getProcessorRecord(context.db(), id);
    if (!record) throw notFound('processor record', id);
    return record;
  };
  const requireOrganisation = (input: Pick<ProcessorRecordInput, 'organisationId'>, prefix = '') => {
    if (!organisations.getOrganisation(context.db(), input.organisationId)) throw notFound('organisation', input.organisationId, `${prefix}organisationId`);
  };
  return {
    listOrganisations: () => organisations.listOrganisations(context.db()),
    createOrganisation: (input) => {
      const id = context.newId();
      const load = () => {
        const stored = organisations.getOrganisation(context.db(), id);
        if (!stored) throw notFound('organisation', id);
        return stored;
      };
      writeWithLog(context, (log) => {
        organisations.insertOrganisation(context.db(), id, input, context.now());
        // The stored row, without the derived activity count.
        const { activityCount: _activityCount, ...stored } = load();
        log('organisation', id, 'create', null, stored);
      });
      return load();
    },
    updateOrganisation: ({ id, changes }) => {
      const before = organisations.getOrganisation(context.db(), id);
      if (!before) throw notFound('organisation', id);
      const strip = ({ activityCount: _activityCount, ...stored }: typeof before) => stored;
      writeWithLog(context, (log) => {
        organisations.updateOrganisation(context.db(), id, changes, context.now());
        log('organisation', id, 'update', strip(before), strip(organisations.getOrganisation(context.db(), id)!));
      });
      return organisations.getOrganisation(context.db(), id)!;
    },
    listProcessorRecords: () => records.listProcessorRecords(context.db()).map(withGaps),
    createProcessorRecord: (input) => {
      requireOrganisation(input);
      checkProcessorRecordTerms(vocabularyOf(context.db()), input);
      const id = context.newId();
      writeWithLog(context, (log) => {
        records.insertProcessorRecord(context.db(), id, input, context.now());
        log('processor-record', id, 'create', null, snapshotOf(loadRecord(id)));
      });
      return withGaps(loadRecord(id));
    },
    updateProcessorRecord: ({ id, changes }) => {
      const before = loadRecord(id);
      requireOrganisation(changes, 'changes.');
      checkProcessorRecordTerms(vocabularyOf(context.db()), changes, 'changes.');
      writeWithLog(context, (log) => {
        records.updateProcessorRecord(context.db(), id, changes, context.now());
        log('processor-record', id, 'update', snapshotOf(before), snapshotOf(loadRecord(id)));
      });
      return withGaps(loadRecord(id));
    },
    listRecordingPractices: () => listRecordingPractices(context.db()),
  };
}
