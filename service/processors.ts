import type { Handlers, ProcessorDetail } from '../core/contract';
import { WorkbenchError } from '../core/contract';
import { processorInputSchema } from '../core/register/model';
import { subProcessorChain } from '../core/register/completeness';
import { vendorProfiles } from '../core/register/vendorProfiles';
import { listActivityRecords } from '../db/repositories/activities';
import { incidentsLinkedTo } from '../db/repositories/incidents';
import * as processors from '../db/repositories/processors';
import { notFound, writeWithLog, type ServiceContext } from './session';
import { checkProcessorTerms, vocabularyOf } from './vocabulary';

type ProcessorHandlers = Pick<
  Handlers,
  'listProcessors' | 'getProcessor' | 'createProcessor' | 'updateProcessor' | 'listVendorProfiles' | 'addVendorProfile' | 'linkSubProcessor' | 'unlinkSubProcessor'
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
    const db = context.db();
    const all = new Map(processors.listProcessors(db).map((entry) => [entry.id, entry]));
    const links = processors.listSubProcessorLinks(db);
    // The vendors above it: those that engage it, and those that engage them.
    const above = new Map<string, string>();
    let frontier = [id];
    while (frontier.length) {
      const next: string[] = [];
      for (const childId of frontier) {
        for (const link of links) {
          if (link.subProcessorId !== childId || link.processorId === id || above.has(link.processorId)) continue;
          above.set(link.processorId, all.get(childId)?.name ?? childId);
          next.push(link.processorId);
        }
      }
      frontier = next;
    }
    const records = listActivityRecords(db);
    const direct = new Set(processor.activities.map((activity) => activity.id));
    const indirect = records
      .filter((activity) => !direct.has(activity.id))
      .flatMap((activity) => {
        const through = activity.processors.find((link) => above.has(link.processorId));
        return through ? [{ id: activity.id, name: activity.name, organisationName: activity.organisationName, via: through.processorName }] : [];
      });
    const indirectIds = new Set(indirect.map((activity) => activity.id));
    const touched = records.filter((activity) => direct.has(activity.id) || indirectIds.has(activity.id));
    const chain = subProcessorChain(id, all);
    return {
      ...processor,
      subProcessors: links
        .filter((link) => link.processorId === id)
        .map((link) => ({ id: link.subProcessorId, name: all.get(link.subProcessorId)?.name ?? link.subProcessorId, service: link.service, countries: all.get(link.subProcessorId)?.countries ?? [] }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      subProcessorOf: links
        .filter((link) => link.subProcessorId === id)
        .map((link) => ({ id: link.processorId, name: all.get(link.processorId)?.name ?? link.processorId, service: link.service }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      indirectActivities: indirect,
      incidents: incidentsLinkedTo(db, 'processor', id),
      reach: {
        organisations: sorted(touched.map((activity) => activity.organisationName)),
        dataCategories: sorted([...processor.dataCategories, ...touched.flatMap((activity) => activity.dataCategories)]),
        dataSubjects: sorted(touched.flatMap((activity) => activity.dataSubjectCategories)),
        countries: sorted([...processor.countries, ...chain.flatMap((entry) => entry.processor.countries)]),
      },
    };
  };
  const snapshot = (id: string) => {
    const { activities: _activities, activityCount: _activityCount, subProcessorIds: _subs, ...stored } = loadStored(id);
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
      checkProcessorTerms(vocabularyOf(context.db()), input);
      const id = context.newId();
      writeWithLog(context, (log) => {
        processors.insertProcessor(context.db(), id, input, context.now());
        log('processor', id, 'create', null, snapshot(id));
      });
      return summary(id);
    },
    updateProcessor: ({ id, changes }) => {
      const before = snapshot(id);
      checkProcessorTerms(vocabularyOf(context.db()), changes, 'changes.');
      writeWithLog(context, (log) => {
        processors.updateProcessor(context.db(), id, changes, context.now());
        log('processor', id, 'update', before, snapshot(id));
      });
      return summary(id);
    },
    linkSubProcessor: (link) => {
      loadStored(link.processorId);
      if (!processors.getProcessor(context.db(), link.subProcessorId)) throw notFound('processor', link.subProcessorId, 'subProcessorId');
      if (link.processorId === link.subProcessorId) throw new WorkbenchError('invalid-input', 'A vendor cannot be its own sub-processor.', 'subProcessorId');
      const all = new Map(processors.listProcessors(context.db()).map((entry) => [entry.id, entry]));
      const loop = subProcessorChain(link.subProcessorId, all).find((entry) => entry.processor.id === link.processorId);
      if (loop) {
        const path = [...loop.via.map((entry) => entry.name), loop.processor.name].join(' → ');
        throw new WorkbenchError('conflict', `That would make a loop: ${path} already engages ${all.get(link.processorId)!.name}.`, 'subProcessorId');
      }
      writeWithLog(context, (log) => {
        if (processors.insertSubProcessorLink(context.db(), link)) log('sub-processor', `${link.processorId}/${link.subProcessorId}`, 'create', null, link);
      });
      return load(link.processorId);
    },
    unlinkSubProcessor: ({ processorId, subProcessorId }) => {
      loadStored(processorId);
      writeWithLog(context, (log) => {
        const removed = processors.deleteSubProcessorLink(context.db(), processorId, subProcessorId);
        if (!removed) throw new WorkbenchError('not-found', 'That vendor is not a sub-processor of this one.', 'subProcessorId');
        log('sub-processor', `${processorId}/${subProcessorId}`, 'delete', removed, null);
      });
      return load(processorId);
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
