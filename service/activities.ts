import type { Handlers } from '../core/contract';
import type { Activity } from '../core/register/model';
import * as activities from '../db/repositories/activities';
import { getOrganisation } from '../db/repositories/organisations';
import { getProcessor } from '../db/repositories/processors';
import { notFound, writeWithLog, type ServiceContext } from './session';

type ActivityHandlers = Pick<
  Handlers,
  'listActivities' | 'getActivity' | 'createActivity' | 'updateActivity' | 'deleteActivity' | 'linkProcessor'
>;

/** Snapshot written to the change log: the record as stored, without derived display fields. */
function snapshotOf(activity: Activity) {
  const { organisationName: _organisationName, processors: _processors, ...stored } = activity;
  return stored;
}

export function activityHandlers(context: ServiceContext): ActivityHandlers {
  const load = (id: string): Activity => {
    const activity = activities.getActivity(context.db(), id);
    if (!activity) throw notFound('processing activity', id);
    return activity;
  };
  const requireOrganisation = (organisationId: string) => {
    if (!getOrganisation(context.db(), organisationId)) throw notFound('organisation', organisationId, 'organisationId');
  };

  return {
    listActivities: ({ search }) => activities.listActivities(context.db(), search),
    getActivity: ({ id }) => load(id),
    createActivity: (input) => {
      requireOrganisation(input.organisationId);
      const id = context.newId();
      writeWithLog(context, (log) => {
        activities.insertActivity(context.db(), id, input, context.now());
        log('activity', id, 'create', null, snapshotOf(load(id)));
      });
      return load(id);
    },
    updateActivity: ({ id, changes }) => {
      const before = load(id);
      requireOrganisation(changes.organisationId);
      writeWithLog(context, (log) => {
        activities.updateActivity(context.db(), id, changes, context.now());
        log('activity', id, 'update', snapshotOf(before), snapshotOf(load(id)));
      });
      return load(id);
    },
    deleteActivity: ({ id }) => {
      const before = load(id);
      writeWithLog(context, (log) => {
        for (const link of before.processors) {
          log('activity-processor', `${id}/${link.processorId}`, 'delete', link, null);
        }
        activities.deleteActivity(context.db(), id);
        log('activity', id, 'delete', snapshotOf(before), null);
      });
      return { id };
    },
    linkProcessor: (link) => {
      load(link.activityId);
      if (!getProcessor(context.db(), link.processorId)) throw notFound('processor', link.processorId, 'processorId');
      writeWithLog(context, (log) => {
        if (activities.insertProcessorLink(context.db(), link)) {
          log('activity-processor', `${link.activityId}/${link.processorId}`, 'create', null, link);
        }
      });
      return load(link.activityId);
    },
  };
}
