import type { ActivityDetail, Handlers } from '../core/contract';
import { assessActivity, summariseRegister, type ProcessorFacts } from '../core/register/completeness';
import * as activities from '../db/repositories/activities';
import { getOrganisation } from '../db/repositories/organisations';
import { getProcessor, listProcessors } from '../db/repositories/processors';
import { getRetentionRule } from '../db/repositories/retentionRules';
import { notFound, writeWithLog, type ServiceContext } from './session';

type ActivityHandlers = Pick<
  Handlers,
  'listActivities' | 'getRegisterCompleteness' | 'getActivity' | 'createActivity' | 'updateActivity' | 'deleteActivity' | 'linkProcessor'
>;

/** Snapshot written to the change log: the record as stored, without derived display fields. */
function snapshotOf(activity: ActivityDetail) {
  const { organisationName: _organisationName, processors: _processors, completeness: _completeness, retentionRuleName: _ruleName, ...stored } = activity;
  return stored;
}

export function activityHandlers(context: ServiceContext): ActivityHandlers {
  const today = () => context.now().slice(0, 10);
  const processorFacts = (): Map<string, ProcessorFacts> => new Map(listProcessors(context.db()).map((processor) => [processor.id, processor]));
  const load = (id: string): ActivityDetail => {
    const activity = activities.getActivity(context.db(), id);
    if (!activity) throw notFound('processing activity', id);
    return { ...activity, completeness: assessActivity(activity, processorFacts(), today()) };
  };
  /** Every activity's gaps, by id; computed over the whole register in three queries. */
  const assessAll = () => {
    const processors = processorFacts();
    return new Map(activities.listActivityRecords(context.db()).map((activity) => [activity.id, assessActivity(activity, processors, today())]));
  };
  /** The records an activity points to must exist; the error names the field. */
  const requireReferences = (input: { organisationId: string; retentionRuleId: string | null }, prefix = '') => {
    if (!getOrganisation(context.db(), input.organisationId)) throw notFound('organisation', input.organisationId, `${prefix}organisationId`);
    if (input.retentionRuleId !== null && !getRetentionRule(context.db(), input.retentionRuleId)) {
      throw notFound('retention rule', input.retentionRuleId, `${prefix}retentionRuleId`);
    }
  };

  return {
    listActivities: ({ search, gap }) => {
      const assessments = assessAll();
      return activities
        .listActivities(context.db(), search)
        .map((summary) => ({ ...summary, gapKinds: [...new Set(assessments.get(summary.id)?.gaps.map((entry) => entry.kind) ?? [])] }))
        .filter((item) => gap === undefined || item.gapKinds.includes(gap));
    },
    getRegisterCompleteness: () => summariseRegister([...assessAll().values()]),
    getActivity: ({ id }) => load(id),
    createActivity: (input) => {
      requireReferences(input);
      const id = context.newId();
      writeWithLog(context, (log) => {
        activities.insertActivity(context.db(), id, input, context.now());
        log('activity', id, 'create', null, snapshotOf(load(id)));
      });
      return load(id);
    },
    updateActivity: ({ id, changes }) => {
      const before = load(id);
      requireReferences(changes, 'changes.');
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
