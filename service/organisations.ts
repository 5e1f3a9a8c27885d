import type { Handlers } from '../core/contract';
import * as organisations from '../db/repositories/organisations';
import { listProcessorRecords } from '../db/repositories/processorRecords';
import { listRecordingPractices } from '../db/repositories/recordingPractices';
import { notFound, writeWithLog, type ServiceContext } from './session';

type OrganisationHandlers = Pick<
  Handlers,
  'listOrganisations' | 'createOrganisation' | 'listProcessorRecords' | 'listRecordingPractices'
>;

export function organisationHandlers(context: ServiceContext): OrganisationHandlers {
  return {
    listOrganisations: () => organisations.listOrganisations(context.db()),
    createOrganisation: (input) => {
      const id = context.newId();
      writeWithLog(context, (log) => {
        organisations.insertOrganisation(context.db(), id, input, context.now());
        log('organisation', id, 'create', null, { id, ...input });
      });
      const created = organisations.getOrganisation(context.db(), id);
      if (!created) throw notFound('organisation', id);
      return created;
    },
    listProcessorRecords: () => listProcessorRecords(context.db()),
    listRecordingPractices: () => listRecordingPractices(context.db()),
  };
}
