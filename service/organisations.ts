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
    listProcessorRecords: () => listProcessorRecords(context.db()),
    listRecordingPractices: () => listRecordingPractices(context.db()),
  };
}
