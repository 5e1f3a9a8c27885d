import { formatInZone } from '../../../core/incidents/calendar';
import { incidentEventLabels, obligationStateLabels, recommendationLabels } from '../../../core/incidents/labels';
import type { IncidentDetail, IncidentEvent, IncidentObligation, RiskDecision } from '../../../core/incidents/model';
import type { AnchorEvent } from '../../../core/incidents/rules';
import type { Notifiability, ReportDecision, ReportIncident, ReportObligation, ZonedInstant } from '../../../core/reports/incident';
import { countryName, labelOf } from '../../../core/register/vocabularies';
import type { Vocabulary } from '../../../core/register/vocabularies';
import { getActivity } from '../../../db/repositories/activities';
import { listOrganisations } from '../../../db/repositories/organisations';
import type { Db } from '../../../db/types';

/** An instant (any offset) as UTC ISO, with the same instant in the zone. */
export function zoned(instant: string, zone: string): ZonedInstant {
  const date = new Date(instant);
  return { utc: date.toISOString(), local: formatInZone(date, zone), zone };
}

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function decisionOf(decision: RiskDecision): ReportDecision {
  return {
    decision: decision.decision,
    label: recommendationLabels[decision.decision],
    recommendationLabel: decision.recommendation ? recommendationLabels[decision.recommendation] : null,
    rationale: decision.rationale,
    decidedBy: decision.decidedBy,
    decidedAt: decision.decidedAt,
  };
}

function obligationOf(obligation: IncidentObligation, all: readonly IncidentObligation[], zone: string): ReportObligation {
  const chained = obligation.anchor.startsWith('filing:') ? all.find((entry) => entry.id === obligation.anchor.slice('filing:'.length)) : undefined;
  const startsAt = obligation.anchor.startsWith('filing:')
    ? `The filing for ${chained ? `${chained.recipient} (${chained.citation})` : obligation.anchor.slice('filing:'.length)}`
    : (incidentEventLabels[obligation.anchor as AnchorEvent] ?? obligation.anchor);
  const { label, tone } = obligationStateLabels[obligation.state];
  return {
    id: obligation.id,
    regime: obligation.regime,
    recipient: obligation.recipient,
    citation: obligation.citation,
    source: obligation.source,
    period: obligation.period,
    startsAt,
    dueAt: obligation.dueAt ? zoned(obligation.dueAt, zone) : null,
    legalDue: obligation.legalDueAt && obligation.legalDueCitation ? { at: zoned(obligation.legalDueAt, zone), citation: obligation.legalDueCitation } : null,
    condition: obligation.condition,
    dueAtFirstFiling: obligation.dueAtFirstFiling,
    state: obligation.state,
    stateLabel: label,
    tone,
    firstFiledAt: obligation.firstFiledAt,
    late: obligation.late,
    verify: obligation.verify,
    note: obligation.note,
    notApplicable: obligation.notApplicable,
    filings: obligation.filings
      .map((filing) => ({
        id: filing.id,
        phase: filing.phase,
        filedAt: zoned(filing.filedAt, zone),
        channel: filing.channel,
        reference: filing.reference,
        summary: filing.summary,
        delayReasons: filing.delayReasons,
        recordedBy: filing.recordedBy,
        recordedAt: filing.recordedAt,
      }))
      .sort((a, b) => a.filedAt.utc.localeCompare(b.filedAt.utc)),
  };
}

/** One incident as the breach register and the incident report print it. */
export function reportIncidentOf(db: Db, detail: IncidentDetail, vocabulary: Vocabulary): ReportIncident {
  const latest = detail.decisions.at(-1);
  const notifiability: Notifiability = !latest ? 'undecided' : latest.decision === 'document-only' ? 'not-notifiable' : 'notifiable';
  const subjects = new Set<string>();
  for (const { id } of detail.activities) for (const category of getActivity(db, id)?.dataSubjectCategories ?? []) subjects.add(category);
  const events = (Object.entries(detail.events) as Array<[IncidentEvent, { at: string; zone: string }]>)
    .map(([event, recorded]) => ({ event, label: incidentEventLabels[event], at: zoned(recorded.at, recorded.zone) }))
    .sort((a, b) => a.at.utc.localeCompare(b.at.utc));
  return {
    id: detail.id,
    title: detail.title,
    status: detail.status,
    closure: detail.status === 'closed' && detail.closure ? { ...detail.closure, at: zoned(detail.closure.at, detail.zone) } : null,
    zone: detail.zone,
    loggedAt: detail.createdAt,
    events,
    awarenessJustification: detail.awarenessJustification,
    nature: detail.nature,
    breachTypes: detail.breachTypes.map(sentenceCase),
    dataCategories: detail.dataCategories.map((code) => labelOf(vocabulary['data-category'], code)),
    dataSubjectCategories: [...subjects],
    subjectsApprox: detail.subjectsApprox,
    recordsApprox: detail.recordsApprox,
    affected: detail.affected.map((entry) => ({ where: entry.where, name: entry.where.length > 2 ? `${countryName(entry.where)} (${entry.where})` : countryName(entry.where), count: entry.count })),
    contactPoint: detail.contactPoint,
    consequences: detail.consequences,
    measures: detail.measures,
    activities: detail.activities.map((activity) => activity.name),
    processors: detail.processors.map((processor) => processor.name),
    established: detail.established,
    processorEstablished: detail.processorEstablished,
    notifiability,
    decision: latest ? decisionOf(latest) : null,
    risk: detail.risk
      ? {
          level: detail.risk.level,
          severity: detail.risk.severity,
          recommendationLabel: recommendationLabels[detail.risk.recommendation],
          enisaRecommendationLabel: recommendationLabels[detail.risk.enisaRecommendation],
          factors: detail.risk.factors.map((factor) => factor.reason),
          reasons: detail.risk.reasons,
        }
      : null,
    obligations: detail.obligations.map((obligation) => obligationOf(obligation, detail.obligations, detail.zone)),
  };
}

/**
 * The organisations an incident report is about: those whose activities the incidents are linked
 * to, else every organisation acting as a controller in the workspace.
 */
export function controllersOf(db: Db, activityIds: readonly string[]): string {
  const linked = new Set(activityIds.map((id) => getActivity(db, id)?.organisationName).filter((name): name is string => Boolean(name)));
  if (linked.size) return [...linked].sort((a, b) => a.localeCompare(b)).join(', ');
  return listOrganisations(db)
    .filter((organisation) => organisation.role !== 'processor')
    .map((organisation) => organisation.name)
    .join(', ');
}

/** An instant as the tables attached to a report write it: UTC ISO, and the local time in the zone when given. */
export const cellOf = (instant: ZonedInstant | null): string => (instant ? `${instant.utc} (${instant.local} ${instant.zone})` : '');
