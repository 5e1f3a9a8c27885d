import type { Handlers, ProcessorDetail } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { processorInputSchema } from '../core/register/model';
import { vendorProfiles } from '../core/register/vendorProfiles';
import { listActivityRecords } from '../db/repositories/activities';
import * as processors from '../db/repositories/processors';
import { notFound, writeWithLog, type ServiceContext } from './session';

type ProcessorHandlers = Pick<
  Handlers,
  'listProcessors' | 'getProcessor' | 'createProcessor' | 'updateProcessor' | 'listVendorProfiles' | 'addVendorProfile'
>;

const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

export function processorHandlers(context: ServiceContext): ProcessorHandlers {
  const loadStored = (id: string) => {
    const processor = processors.getProcessor(context.db(), id);
    if (!processor) throw notFound('processor', id);
    return processor;
  };
  /** With its reach, which reads the linked activities: only for the detail view. */
  const load = (id: string): ProcessorDetail => {
    const processor = loadStored(id);
    const linked = new Set(processor.activities.map((activity) => activity.id));
    const activities = listActivityRecords(context.db()).filter((activity) => linked.has(activity.id));
    return {
      ...processor,
      reach: {
        organisations: sorted(activities.map((activity) => activity.organisationName)),
        dataCategories: sorted([...processor.dataCategories, ...activities.flatMap((activity) => activity.dataCategories)]),
        dataSubjects: sorted(activities.flatMap((activity) => activity.dataSubjectCategories)),
        countries: sorted(processor.countries),
      },
    };
  };
  const snapshot = (id: string) => {
    const { activities: _activities, activityCount: _activityCount, ...stored } = loadStored(id);
    return stored;
  };
  const summary = (id: string) => {
    const { activities: _activities, ...processor } = loadStored(id);
    return processor;
  };
  return {
    listProcessors: () => processors.listProcessors(context.db()),
    getProcessor: ({ id }) => load(id),
    createProcessor: (input) => {
      const id = context.newId();
      writeWithLog(context, (log) => {
        processors.insertProcessor(context.db(), id, input, context.now());
        log('processor', id, 'create', null, snapshot(id));
      });
      return summary(id);
    },
    updateProcessor: ({ id, changes }) => {
      const before = snapshot(id);
      writeWithLog(context, (log) => {
        processors.updateProcessor(context.db(), id, changes, context.now());
        log('processor', id, 'update', before, snapshot(id));
      });
      return summary(id);
    },
    listVendorProfiles: () =>
      vendorProfiles.map((profile) => ({ ...profile, addedAs: processors.findProcessorByProfile(context.db(), profile.key, profile.facts.name) })),
    addVendorProfile: ({ key }) => {
      const profile = vendorProfiles.find((entry) => entry.key === key);
      if (!profile) throw new WorkbenchError('not-found', `There is no vendor profile "${key}" in the starter library.`, 'key');
      if (processors.findProcessorByProfile(context.db(), key, profile.facts.name)) {
        throw new WorkbenchError('conflict', `${profile.facts.name} is already in this workspace.`, 'key');
      }
      const id = context.newId();
      const input = processorInputSchema.parse({ ...profile.facts, toVerify: true });
      writeWithLog(context, (log) => {
        processors.insertProcessor(context.db(), id, input, context.now(), key);
        log('processor', id, 'create', null, snapshot(id));
      });
      return summary(id);
    },
  };
}
