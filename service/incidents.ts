import type { Handlers } from '../core/contract';
import type { AlertCandidate } from '../core/incidents/alerts';
import { WorkbenchError } from '../core/contract';
import { computeObligations, describePeriod, obligationState, type IncidentFacts, type Obligation, type ObligationState } from '../core/incidents/deadlines';
import { isOutstanding, type Filing, type Incident, type IncidentDetail, type IncidentInput, type IncidentObligation, type IncidentSummary, type RiskDecision } from '../core/incidents/model';
import { assessRisk, type Recommendation } from '../core/incidents/risk';
import { incidentEventLabels, recommendationLabels } from '../core/incidents/labels';
import { anchorEvents, deadlineRules, withOverride, type DeadlineRule } from '../core/incidents/rules';
import { listRuleOverrides } from '../db/repositories/ruleOverrides';
import * as incidents from '../db/repositories/incidents';
import type { Db } from '../db/types';
import { notFound, writeWithLog, type ServiceContext } from './session';

type IncidentHandlers = Pick<
  Handlers,
  'listIncidents' | 'getIncident' | 'createIncident' | 'updateIncident' | 'closeIncident' | 'reopenIncident' | 'recordFiling' | 'markObligationNotApplicable' | 'recordRiskDecision' | 'addTimelineNote'
>;

/** The facts the deadline engine reads, from a stored incident and its filings. */
export function factsOf(incident: IncidentInput, filings: readonly Pick<Filing, 'obligationId' | 'filedAt'>[]): IncidentFacts {
  const events: IncidentFacts['events'] = {};
  for (const event of anchorEvents) {
    const recorded = incident.events[event];
    if (recorded) events[event] = recorded.at;
  }
  const assessment = incident.riskFacts
    ? {
        ...incident.riskFacts,
        breachTypes: incident.riskFacts.breachTypes.length ? incident.riskFacts.breachTypes : incident.breachTypes,
        dataCategories: incident.riskFacts.dataCategories.length ? incident.riskFacts.dataCategories : incident.dataCategories,
        ...(incident.riskFacts.subjects === undefined && incident.subjectsApprox !== null ? { subjects: incident.subjectsApprox } : {}),
      }
    : undefined;
  return {
    zone: incident.zone,
    events,
    affected: incident.affected,
    sectors: incident.sectors,
    established: incident.established,
    processorEstablished: incident.processorEstablished,
    smallAgent: incident.smallAgent,
    filings: filings.map((filing) => ({ obligation: filing.obligationId, filedAt: filing.filedAt })),
    ...(assessment ? { assessment } : {}),
  };
}

/** Today's rules with the workspace's overrides applied; incidents copy these. */
export function effectiveRules(db: Db): DeadlineRule[] {
  const overrides = new Map(listRuleOverrides(db).map((override) => [override.ruleId, override]));
  return deadlineRules.map((rule) => withOverride(rule, overrides.get(rule.id)));
}

/** A label inside a sentence: "notify the supervisory authority". */
const inSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

const latestDecision = (db: Db, id: string): Recommendation | undefined => incidents.listDecisions(db, id).at(-1)?.decision;

/** The incident's obligations: the rules it copied keep applying as they were copied. */
/**
 * What the obligations of many incidents are computed from, read once for all of them: a list of
 * incidents or the alert check costs four queries, however many incidents there are.
 */
interface IncidentReads {
  rows: Map<string, incidents.ObligationRow[]>;
  filings: Map<string, Filing[]>;
  decisions: Map<string, RiskDecision[]>;
  rules: DeadlineRule[];
}

function readAll(db: Db): IncidentReads {
  return { rows: incidents.listAllObligationRows(db), filings: incidents.listAllFilings(db), decisions: incidents.listAllDecisions(db), rules: effectiveRules(db) };
}

function computeFor(db: Db, incident: Incident, reads?: IncidentReads): { obligations: Obligation[]; rows: incidents.ObligationRow[]; filings: Filing[] } {
  const rows = reads ? (reads.rows.get(incident.id) ?? []) : incidents.listObligationRows(db, incident.id);
  const filings = reads ? (reads.filings.get(incident.id) ?? []) : incidents.listFilings(db, incident.id);
  const snapshots = new Map(rows.map((row) => [row.obligationId, row.rule]));
  const current = reads?.rules ?? effectiveRules(db);
  const rules: DeadlineRule[] = [...current.map((rule) => snapshots.get(rule.id) ?? rule), ...rows.filter((row) => !current.some((rule) => rule.id === row.obligationId)).map((row) => row.rule)];
  const decision = reads ? reads.decisions.get(incident.id)?.at(-1)?.decision : latestDecision(db, incident.id);
  return { obligations: computeObligations(factsOf(incident, filings), rules, decision), rows, filings };
}

/** Copies the rule of every obligation the incident starts and has not copied yet. */
function copyNewRules(db: Db, incident: Incident, now: string): void {
  const { obligations, rows } = computeFor(db, incident);
  const copied = new Set(rows.map((row) => row.obligationId));
  const current = effectiveRules(db);
  for (const obligation of obligations) {
    if (copied.has(obligation.id)) continue;
    const rule = current.find((entry) => entry.id === obligation.id);
    if (rule) incidents.insertObligation(db, incident.id, rule, now);
  }
}

function obligationsOf(db: Db, incident: Incident, now: Date, reads?: IncidentReads): IncidentObligation[] {
  const { obligations, rows, filings } = computeFor(db, incident, reads);
  const rowOf = new Map(rows.map((row) => [row.obligationId, row]));
  const computed = new Set(obligations.map((obligation) => obligation.id));
  const current = obligations.map((obligation) => {
    const row = rowOf.get(obligation.id);
    const mine = filings.filter((filing) => filing.obligationId === obligation.id);
    const firstFiledAt = row?.firstFiledAt ?? null;
    const state: IncidentObligation['state'] = row?.notApplicable
      ? 'not-applicable'
      : firstFiledAt !== null
        ? obligation.kind === 'deadline' && row?.late !== null
          ? row!.late
            ? 'late'
            : 'met'
          : 'met'
        : obligationState(obligation, null, now);
    return { ...obligation, state, firstFiledAt, dueAtFirstFiling: row?.dueAtFirstFiling ?? null, late: row?.late ?? null, notApplicable: row?.notApplicable ?? null, filings: mine };
  });
  // An obligation that was filed or decided on stays visible when the facts no longer start it.
  const kept = rows
    .filter((row) => !computed.has(row.obligationId) && (row.firstFiledAt !== null || row.notApplicable !== null))
    .map((row): IncidentObligation => {
      const version = row.rule.versions[row.rule.versions.length - 1]!;
      return {
        id: row.obligationId,
        regime: row.rule.regime,
        recipient: row.rule.recipient,
        citation: row.rule.citation,
        source: row.rule.source,
        kind: 'no-fixed-deadline',
        anchor: 'event' in row.rule.anchor ? row.rule.anchor.event : `filing:${row.rule.anchor.filingOf}`,
        anchorAt: null,
        dueAt: row.dueAtFirstFiling,
        dueLocal: null,
        period: describePeriod(version.period),
        verify: version.verify,
        note: 'The facts or the risk decision no longer start this obligation; its filings and decisions are kept.',
        rule: { id: row.rule.id, effectiveFrom: version.effectiveFrom, effectiveTo: version.effectiveTo, period: version.period, lastVerified: row.rule.lastVerified },
        condition: null,
        state: row.notApplicable ? 'not-applicable' : 'no-longer-applies',
        firstFiledAt: row.firstFiledAt,
        dueAtFirstFiling: row.dueAtFirstFiling,
        late: row.late,
        notApplicable: row.notApplicable,
        filings: filings.filter((filing) => filing.obligationId === row.obligationId),
      };
    });
  return [...current, ...kept];
}

const openStates = new Set(['open', 'due-soon', 'overdue']);

/** The deadlines still running (not filed, not marked not applicable) of incidents not closed. */
export function runningDeadlines(db: Db, now: Date): AlertCandidate[] {
  const reads = readAll(db);
  return incidents
    .listIncidents(db)
    .filter((incident) => incident.status !== 'closed')
    .flatMap((incident) =>
      obligationsOf(db, incident, now, reads)
        .filter((obligation) => openStates.has(obligation.state) && obligation.dueAt)
        .map((obligation) => ({
          incidentId: incident.id,
          incidentTitle: incident.title,
          drill: incident.drill,
          obligationId: obligation.id,
          recipient: obligation.recipient,
          citation: obligation.citation,
          dueAt: obligation.dueAt!,
          loggedAt: incident.createdAt,
        })),
    );
}

/** Each linked record with its name (its id when it has gone), in one query. */
function namedLinks(db: Db, table: 'activities' | 'processors', ids: readonly string[]): Array<{ id: string; name: string }> {
  const names = incidents.namesByIds(db, table, ids);
  return ids.map((id) => ({ id, name: names.get(id) ?? id }));
}

/** An incident with its obligations (their state at `now`), timeline, decisions, risk and links (also read by the reports). */
export function incidentDetail(db: Db, incident: Incident, now: Date): IncidentDetail {
  const facts = factsOf(incident, []);
  return {
    ...incident,
    obligations: obligationsOf(db, incident, now),
    timeline: incidents.listTimeline(db, incident.id),
    decisions: incidents.listDecisions(db, incident.id),
    risk: facts.assessment ? assessRisk(facts.assessment) : null,
    activities: namedLinks(db, 'activities', incident.activityIds),
    processors: namedLinks(db, 'processors', incident.processorIds),
  };
}

export function incidentHandlers(context: ServiceContext): IncidentHandlers {
  const now = () => new Date(context.now());
  const load = (id: string): Incident => {
    const incident = incidents.getIncident(context.db(), id);
    if (!incident) throw notFound('incident', id, 'incidentId');
    return incident;
  };
  const detail = (id: string): IncidentDetail => incidentDetail(context.db(), load(id), now());
  const requireLinks = (input: IncidentInput, prefix = '') => {
    const db = context.db();
    // A drill may be run at any instant; a real incident's events cannot lie in the future.
    if (!input.drill) {
      for (const [event, recorded] of Object.entries(input.events)) {
        if (Date.parse(recorded.at) > Date.parse(context.now()) + 5 * 60_000) {
          throw new WorkbenchError('invalid-input', `${incidentEventLabels[event as keyof typeof incidentEventLabels]}: ${recorded.at} is in the future; only a drill can be set at a later instant`, `${prefix}events.${event}.at`);
        }
      }
    }
    const activities = incidents.namesByIds(db, 'activities', input.activityIds);
    input.activityIds.forEach((activityId, index) => {
      if (!activities.has(activityId)) throw notFound('processing activity', activityId, `${prefix}activityIds.${index}`);
    });
    const processors = incidents.namesByIds(db, 'processors', input.processorIds);
    input.processorIds.forEach((processorId, index) => {
      if (!processors.has(processorId)) throw notFound('processor', processorId, `${prefix}processorIds.${index}`);
    });
  };
  const log = (incidentId: string, kind: Parameters<typeof incidents.appendTimeline>[2]['kind'], text: string) =>
    incidents.appendTimeline(context.db(), incidentId, { at: context.now(), actor: context.actor, kind, text });

  return {
    listIncidents: ({ drills }) => {
      const db = context.db();
      const at = now();
      const reads = readAll(db);
      const summaries: IncidentSummary[] = incidents
        .listIncidents(db)
        .filter((incident) => (drills === 'only' ? incident.drill : drills === 'include' ? true : !incident.drill))
        .map((incident) => {
          const obligations = obligationsOf(db, incident, at, reads);
          const pending = obligations.filter((obligation) => openStates.has(obligation.state) && obligation.dueAt).sort((a, b) => a.dueAt!.localeCompare(b.dueAt!));
          const next = pending[0];
          return {
            id: incident.id,
            title: incident.title,
            drill: incident.drill,
            status: incident.status,
            createdAt: incident.createdAt,
            next: next ? { obligationId: next.id, recipient: next.recipient, dueAt: next.dueAt!, state: next.state as ObligationState } : null,
            overdue: obligations.filter((obligation) => obligation.state === 'overdue').length,
            decision: reads.decisions.get(incident.id)?.at(-1)?.decision ?? null,
          };
        });
      return summaries.sort((a, b) => (a.next && b.next ? a.next.dueAt.localeCompare(b.next.dueAt) : a.next ? -1 : b.next ? 1 : b.createdAt.localeCompare(a.createdAt)));
    },
    getIncident: ({ id }) => detail(id),
    createIncident: (input) => {
      requireLinks(input);
      const id = context.newId();
      writeWithLog(context, (changeLog) => {
        const db = context.db();
        incidents.insertIncident(db, id, input, context.now());
        log(id, 'created', input.drill ? `Drill created: ${input.title}` : `Incident created: ${input.title}`);
        copyNewRules(db, load(id), context.now());
        changeLog('incident', id, 'create', null, { id, ...input });
      });
      return detail(id);
    },
    updateIncident: ({ id, changes }) => {
      const before = load(id);
      requireLinks(changes, 'changes.');
      if (before.drill !== changes.drill) throw new WorkbenchError('invalid-input', 'changes.drill: a drill stays a drill, and an incident stays an incident', 'changes.drill');
      if (changes.status === 'closed' && before.status !== 'closed') {
        throw new WorkbenchError('invalid-input', 'changes.status: an incident is closed by its closing step, with a closure summary (closeIncident)', 'changes.status');
      }
      if (before.status === 'closed' && changes.status !== 'closed') {
        // A form loaded before another window closed it must not reopen it unasked.
        throw new WorkbenchError('conflict', `changes.status: "${before.title}" is closed; it is reopened by its own step, with the reason (reopenIncident)`, 'changes.status');
      }
      writeWithLog(context, (changeLog) => {
        const db = context.db();
        incidents.updateIncident(db, id, changes, context.now());
        if (before.status !== changes.status) log(id, 'status', `Status: ${before.status} → ${changes.status}`);
        else log(id, 'facts', 'Facts updated');
        copyNewRules(db, load(id), context.now());
        changeLog('incident', id, 'update', before, { id, ...changes });
      });
      return detail(id);
    },
    reopenIncident: ({ id, status, reason }) => {
      const before = load(id);
      if (before.status !== 'closed') throw new WorkbenchError('conflict', `"${before.title}" is not closed.`, 'id');
      writeWithLog(context, (changeLog) => {
        // The closure no longer holds; it stays in the timeline and the change log.
        incidents.setClosure(context.db(), id, null, status, context.now());
        log(id, 'status', `Reopened (closed → ${status}): ${reason}`);
        changeLog('incident', id, 'update', before, load(id));
      });
      return detail(id);
    },
    closeIncident: ({ id, summary, acknowledgeOpenObligations }) => {
      const before = load(id);
      if (before.status === 'closed') throw new WorkbenchError('conflict', `"${before.title}" is closed already.`, 'id');
      const running = obligationsOf(context.db(), before, now())
        .filter(isOutstanding)
        .map((obligation) => `${obligation.recipient} (${obligation.citation})`);
      if (running.length && !acknowledgeOpenObligations) {
        throw new WorkbenchError(
          'conflict',
          `acknowledgeOpenObligations: ${running.length === 1 ? 'an obligation is' : `${running.length} obligations are`} still open (not filed, not marked not applicable): ${running.join('; ')}. File or mark them not applicable, or confirm closing with them open`,
          'acknowledgeOpenObligations',
        );
      }
      const closure = { summary, at: context.now(), by: context.actor, openObligations: running };
      writeWithLog(context, (changeLog) => {
        incidents.setClosure(context.db(), id, closure, 'closed', context.now());
        log(id, 'status', `Closed (${before.status} → closed). Closure summary: ${summary}${running.length ? ` Closed with ${running.length} obligation${running.length === 1 ? '' : 's'} still open: ${running.join('; ')}.` : ''}`);
        changeLog('incident', id, 'update', before, load(id));
      });
      return detail(id);
    },
    recordFiling: (input) => {
      const db = context.db();
      const incident = load(input.incidentId);
      const obligation = obligationsOf(db, incident, now()).find((entry) => entry.id === input.obligationId);
      if (!obligation) throw new WorkbenchError('not-found', `This incident has no obligation "${input.obligationId}".`, 'obligationId');
      if (obligation.state === 'not-applicable') throw new WorkbenchError('conflict', 'That obligation was marked not applicable.', 'obligationId');
      if (obligation.state === 'no-longer-applies') throw new WorkbenchError('conflict', 'The facts no longer start that obligation.', 'obligationId');
      if (obligation.kind === 'waiting-for-anchor' && obligation.firstFiledAt === null) {
        // Lateness is decided at the first filing: it cannot be, before the clock has started.
        throw new WorkbenchError('invalid-input', `This clock has not started yet: record ${obligation.anchor.startsWith('filing:') ? `the filing of ${obligation.anchor.slice(7)}` : `the ${obligation.anchor} event`} first.`, 'obligationId');
      }
      const filedAt = new Date(input.filedAt).toISOString();
      const earliestEvent = Object.values(incident.events).map((event) => new Date(event.at).toISOString()).sort()[0];
      if (earliestEvent && filedAt < earliestEvent) {
        throw new WorkbenchError('invalid-input', `Filed at: ${input.filedAt} is before the first event of this incident (${earliestEvent}); a notification cannot precede the breach`, 'filedAt');
      }
      if (!incident.drill && Date.parse(filedAt) > Date.parse(context.now()) + 5 * 60_000) {
        throw new WorkbenchError('invalid-input', `Filed at: ${input.filedAt} is in the future; record a filing once it is made`, 'filedAt');
      }
      if (obligation.firstFiledAt !== null && filedAt < obligation.firstFiledAt) {
        // Lateness was decided on the first filing; an earlier one would contradict it.
        throw new WorkbenchError('invalid-input', `filedAt: the first filing of this obligation was recorded at ${obligation.firstFiledAt}; a later phase cannot be dated before it`, 'filedAt');
      }
      const late = obligation.dueAt === null ? null : filedAt > obligation.dueAt;
      // Art. 33(1) asks the notification itself for the reasons; later phases (Art. 33(4)) do not repeat them.
      if (late && obligation.firstFiledAt === null && obligation.requiresDelayReasons && !input.delayReasons) {
        throw new WorkbenchError('invalid-input', `delayReasons: this notification comes after its deadline (${obligation.period}); ${obligation.citation} requires the reasons for the delay`, 'delayReasons');
      }
      const id = context.newId();
      writeWithLog(context, (changeLog) => {
        // The obligation's row (its copied rule) exists before its lateness is frozen on it.
        copyNewRules(db, incident, context.now());
        incidents.insertFiling(db, id, input, context.actor, context.now());
        changeLog('filing', id, 'create', null, { ...input, filedAt, late, dueAt: obligation.dueAt });
        // The first filing decides lateness, once: later phases or edits to the facts never change it.
        incidents.freezeFirstFiling(db, incident.id, obligation.id, filedAt, obligation.dueAt, late);
        log(incident.id, 'filing', `${input.phase} filing for ${obligation.recipient} (${obligation.citation})${late ? ', after the deadline' : ''}`);
        copyNewRules(db, incident, context.now());
      });
      return detail(incident.id);
    },
    markObligationNotApplicable: ({ incidentId, obligationId, rationale }) => {
      const db = context.db();
      const incident = load(incidentId);
      const obligation = obligationsOf(db, incident, now()).find((entry) => entry.id === obligationId);
      if (!obligation) {
        throw new WorkbenchError('not-found', `This incident has no obligation "${obligationId}".`, 'obligationId');
      }
      // Whether it applies is for the risk to say: a mark made now would outlive an assessment that finds a high risk.
      if (obligation.condition === 'pending-risk-assessment') {
        throw new WorkbenchError('invalid-input', 'obligationId: this obligation applies or not according to the risk; record the risk assessment or a decision instead of marking it not applicable', 'obligationId');
      }
      writeWithLog(context, (changeLog) => {
        incidents.markNotApplicable(db, incidentId, obligationId, context.actor, context.now(), rationale);
        changeLog('obligation', `${incidentId}/${obligationId}`, 'update', null, { incidentId, obligationId, notApplicable: { by: context.actor, at: context.now(), rationale } });
        log(incidentId, 'not-applicable', `${obligationId} marked not applicable by ${context.actor}: ${rationale}`);
      });
      return detail(incidentId);
    },
    recordRiskDecision: ({ incidentId, decision, rationale }) => {
      const db = context.db();
      const incident = load(incidentId);
      const facts = factsOf(incident, []);
      const recommendation = facts.assessment ? assessRisk(facts.assessment).recommendation : null;
      writeWithLog(context, (changeLog) => {
        incidents.insertDecision(db, incidentId, { decision, recommendation, rationale, decidedBy: context.actor, decidedAt: context.now() });
        changeLog('risk-decision', incidentId, 'create', null, { incidentId, decision, recommendation, rationale });
        log(incidentId, 'decision', `Decision: ${inSentence(recommendationLabels[decision])}${recommendation && recommendation !== decision ? ` (the assessment recommended: ${inSentence(recommendationLabels[recommendation])})` : ''}. ${rationale}`);
        copyNewRules(db, incident, context.now());
      });
      return detail(incidentId);
    },
    addTimelineNote: ({ incidentId, kind, text }) => {
      load(incidentId);
      writeWithLog(context, (changeLog) => {
        log(incidentId, kind, text);
        changeLog('timeline-note', incidentId, 'create', null, { incidentId, kind, text });
      });
      return detail(incidentId);
    },
  };
}
