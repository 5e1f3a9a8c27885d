import { WorkbenchError, type ActivityDetail, type ActivityListItem, type Handlers } from '../core/contract';
import { activityInputSchema, processorInputSchema, type Activity, type ActivityInput } from '../core/register/model';
import { assessActivity, normaliseName, subProcessorChain, summariseRegister, type ProcessorFacts } from '../core/register/completeness';
import * as activities from '../db/repositories/activities';
import { getOrganisation, listOrganisations } from '../db/repositories/organisations';
import { getProcessor, insertProcessor, listProcessors } from '../db/repositories/processors';
import { getRetentionRule } from '../db/repositories/retentionRules';
import { incidentsLinkedTo } from '../db/repositories/incidents';
import { notFound, writeWithLog, type ServiceContext } from './session';
import { checkActivityTerms, specialCategoriesOf, vocabularyOf } from './vocabulary';

type ActivityHandlers = Pick<
  Handlers,
  | 'listActivities'
  | 'getRegisterFacets'
  | 'getRegisterCompleteness'
  | 'getActivity'
  | 'createActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'linkProcessor'
  | 'linkVendorToActivities'
  | 'bulkUpdateActivities'
  | 'linkRecipientAsVendor'
>;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Countries an activity's data goes to: its transfers, and where its linked processors process. */
function countriesOf(activity: Activity, processors: ReadonlyMap<string, ProcessorFacts>): Set<string> {
  const countries = new Set<string>();
  for (const transfer of activity.transfers) if (transfer.country) countries.add(transfer.country);
  for (const link of activity.processors) {
    for (const country of processors.get(link.processorId)?.countries ?? []) countries.add(country);
    for (const { processor } of subProcessorChain(link.processorId, processors)) for (const country of processor.countries) countries.add(country);
  }
  return countries;
}

/** What search looks in: the name, function and controller, the purposes, the recipients and the processors linked. */
const searchableText = (activity: Activity) =>
  [activity.name, activity.businessFunction ?? '', activity.organisationName, ...activity.purposes, ...activity.recipients.map((recipient) => recipient.name), ...activity.processors.map((link) => link.processorName)]
    .join('\n')
    .toLowerCase();

/** Snapshot written to the change log: the record as stored, without derived display fields. */
function snapshotOf(activity: Activity & Partial<Pick<ActivityDetail, 'completeness' | 'incidents'>>) {
  const { organisationName: _organisationName, processors: _processors, completeness: _completeness, retentionRuleName: _ruleName, incidents: _incidents, ...stored } = activity;
  return stored;
}

export function activityHandlers(context: ServiceContext): ActivityHandlers {
  const today = () => context.now().slice(0, 10);
  const special = () => specialCategoriesOf(vocabularyOf(context.db()));
  const controllers = () => new Map(listOrganisations(context.db()).map((organisation) => [organisation.id, organisation]));
  const processorFacts = (): Map<string, ProcessorFacts> => new Map(listProcessors(context.db()).map((processor) => [processor.id, processor]));
  const load = (id: string): ActivityDetail => {
    const activity = activities.getActivity(context.db(), id);
    if (!activity) throw notFound('processing activity', id);
    return {
      ...activity,
      completeness: assessActivity(activity, processorFacts(), today(), special(), controllers().get(activity.organisationId)),
      incidents: incidentsLinkedTo(context.db(), 'activity', id),
    };
  };
  /** Every activity's gaps, by id; computed over the whole register in three queries. */
  const assessAll = () => {
    const processors = processorFacts();
    const specials = special();
    const organisations = controllers();
    return new Map(
      activities.listActivityRecords(context.db()).map((activity) => [activity.id, assessActivity(activity, processors, today(), specials, organisations.get(activity.organisationId))]),
    );
  };
  /**
   * The records an activity points to must exist, and a retention rule it newly names must be in
   * force (one it already names may stay after the rule is retired); the error names the field.
   */
  const requireReferences = (input: ActivityInput, prefix = '', keptRuleId: string | null = null) => {
    checkActivityTerms(vocabularyOf(context.db()), input, prefix);
    if (!getOrganisation(context.db(), input.organisationId)) throw notFound('organisation', input.organisationId, `${prefix}organisationId`);
    if (input.retentionRuleId !== null) {
      const rule = getRetentionRule(context.db(), input.retentionRuleId);
      if (!rule) throw notFound('retention rule', input.retentionRuleId, `${prefix}retentionRuleId`);
      if (rule.retiredAt && rule.id !== keptRuleId) {
        throw new WorkbenchError('conflict', `${prefix}retentionRuleId: the retention rule "${rule.name}" was retired on ${rule.retiredAt.slice(0, 10)}; choose one in force`, `${prefix}retentionRuleId`);
      }
    }
  };

  return {
    listActivities: (query) => {
      const processors = processorFacts();
      const specials = special();
      const organisations = controllers();
      const needle = query.search?.trim().toLowerCase() ?? '';
      const wantedFunction = query.businessFunction?.trim().toLowerCase();
      const items = activities
        .listActivityRecords(context.db())
        .filter(
          (activity) =>
            (!needle || searchableText(activity).includes(needle)) &&
            (wantedFunction === undefined || (activity.businessFunction ?? '').toLowerCase() === wantedFunction) &&
            (query.status === undefined || activity.status === query.status) &&
            (query.lawfulBasis === undefined || (activity.lawfulBasis ?? 'none') === query.lawfulBasis) &&
            (query.processorId === undefined || activity.processors.some((link) => link.processorId === query.processorId)) &&
            (query.country === undefined || countriesOf(activity, processors).has(query.country)),
        )
        .map((activity): ActivityListItem => {
          const gaps = assessActivity(activity, processors, today(), specials, organisations.get(activity.organisationId)).gaps;
          return {
            id: activity.id,
            name: activity.name,
            organisationId: activity.organisationId,
            organisationName: activity.organisationName,
            businessFunction: activity.businessFunction,
            lawfulBasis: activity.lawfulBasis,
            status: activity.status,
            processorCount: new Set(activity.processors.map((link) => link.processorId)).size,
            updatedAt: activity.updatedAt,
            gapKinds: [...new Set(gaps.map((entry) => entry.kind))],
            gapCount: gaps.length,
          };
        })
        .filter((item) => query.gap === undefined || item.gapKinds.includes(query.gap));
      const byName = (a: ActivityListItem, b: ActivityListItem) => collator.compare(a.name, b.name);
      const order: Record<typeof query.sort, (a: ActivityListItem, b: ActivityListItem) => number> = {
        name: (a, b) => byName(a, b) || collator.compare(a.organisationName, b.organisationName),
        organisation: (a, b) => collator.compare(a.organisationName, b.organisationName) || byName(a, b),
        updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || byName(a, b),
        gaps: (a, b) => b.gapCount - a.gapCount || byName(a, b),
      };
      return items.sort(order[query.sort]);
    },
    getRegisterFacets: () => {
      const records = activities.listActivityRecords(context.db());
      const processors = processorFacts();
      const functions = new Map<string, string>();
      for (const activity of records) {
        if (activity.businessFunction) functions.set(activity.businessFunction.toLowerCase(), functions.get(activity.businessFunction.toLowerCase()) ?? activity.businessFunction);
      }
      const countries = new Set(records.flatMap((activity) => [...countriesOf(activity, processors)]));
      return {
        businessFunctions: [...functions.values()].sort(collator.compare),
        processors: [...processors.values()].map(({ id, name }) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name)),
        countries: [...countries].sort(),
      };
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
      requireReferences(changes, 'changes.', before.retentionRuleId);
      writeWithLog(context, (log) => {
        activities.updateActivity(context.db(), id, changes, context.now());
        log('activity', id, 'update', snapshotOf(before), snapshotOf(load(id)));
      });
      return load(id);
    },
    deleteActivity: ({ id }) => {
      const before = load(id);
      if (before.incidents.length) {
        throw new WorkbenchError('conflict', `"${before.name}" is linked to ${before.incidents.length} incident(s) in the breach register (${before.incidents.map((incident) => incident.title).join(', ')}); the register keeps what an incident involved, so the activity cannot be deleted. Set its status to retired instead.`, 'id');
      }
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
    linkVendorToActivities: ({ processorId, activityIds, purpose, role }) => {
      const db = context.db();
      if (!getProcessor(db, processorId)) throw notFound('processor', processorId, 'processorId');
      const unique = [...new Set(activityIds)];
      unique.forEach((id, index) => {
        if (!activities.activityExists(db, id)) throw notFound('processing activity', id, `activityIds.${index}`);
      });
      // All or nothing, one change-log entry per link made.
      return writeWithLog(context, (log) => {
        let linked = 0;
        for (const activityId of unique) {
          const link = { activityId, processorId, purpose, role };
          if (activities.insertProcessorLink(db, link)) {
            linked += 1;
            log('activity-processor', `${activityId}/${processorId}`, 'create', null, link);
          }
        }
        return { linked, alreadyLinked: unique.length - linked };
      });
    },
    bulkUpdateActivities: ({ ids, field, value }) => {
      const db = context.db();
      // The value is checked as the field's own schema checks it in a single edit.
      const parsed = activityInputSchema.shape[field].safeParse(value);
      if (!parsed.success) throw new WorkbenchError('invalid-input', `value: ${parsed.error.issues[0]?.message ?? 'is not valid'} for ${field}`, 'value');
      const unique = [...new Set(ids)];
      const befores = unique.map((id, index) => {
        const activity = activities.getActivity(db, id);
        if (!activity) throw notFound('processing activity', id, `ids.${index}`);
        return activity;
      });
      // The one field that changes is checked once (its term, its retention rule), naming the value.
      const { id: _firstId, organisationName: _n, retentionRuleName: _r, processors: _p, createdAt: _c, updatedAt: _u, ...first } = befores[0]!;
      try {
        requireReferences({ ...first, [field]: parsed.data });
      } catch (error) {
        if (error instanceof WorkbenchError) throw new WorkbenchError(error.code, error.message, 'value');
        throw error;
      }
      return writeWithLog(context, (log) => {
        let updated = 0;
        for (const before of befores) {
          const { id, organisationName: _name, retentionRuleName: _rule, processors: _links, createdAt: _created, updatedAt: _updated, ...stored } = before;
          if (JSON.stringify(stored[field]) === JSON.stringify(parsed.data)) continue;
          const changes: ActivityInput = { ...stored, [field]: parsed.data };
          activities.updateActivity(db, id, changes, context.now());
          // The stored record before and after, read directly: no gaps or incidents computed per record.
          log('activity', id, 'update', snapshotOf(before), snapshotOf(activities.getActivity(db, id)!));
          updated += 1;
        }
        return { updated, unchanged: befores.length - updated };
      });
    },
    linkRecipientAsVendor: ({ activityId, recipientName }) => {
      const db = context.db();
      const activity = load(activityId);
      // Names compared as the Art. 28(3) gap compares them: "Xero Ltd." is the vendor "Xero Ltd".
      const wanted = normaliseName(recipientName);
      if (!activity.recipients.some((recipient) => normaliseName(recipient.name) === wanted)) {
        throw new WorkbenchError('invalid-input', `recipientName: "${recipientName}" is not a recipient of "${activity.name}"`, 'recipientName');
      }
      writeWithLog(context, (log) => {
        let processorId = listProcessors(db).find((entry) => normaliseName(entry.name) === wanted)?.id;
        if (!processorId) {
          processorId = context.newId();
          const input = processorInputSchema.parse({ name: recipientName, notes: `Created from a recipient of "${activity.name}"; add its contract (Art. 28(3)).` });
          insertProcessor(db, processorId, input, context.now());
          log('processor', processorId, 'create', null, { id: processorId, ...input });
        }
        const link = { activityId, processorId, purpose: activity.purposes[0] ?? activity.name, role: 'processor' as const };
        if (activities.insertProcessorLink(db, link)) log('activity-processor', `${activityId}/${processorId}`, 'create', null, link);
      });
      return load(activityId);
    },
  };
}
