import type { IncidentEvent, IncidentObligation } from './model';
import type { Recommendation } from './risk';
import { anchorLabels } from './rules';

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The events of an incident as people name them ("When it happened", "Awareness", …). */
export const incidentEventLabels = Object.fromEntries(
  Object.entries({ occurred: 'when it happened', ...anchorLabels }).map(([event, label]) => [event, sentenceCase(label)]),
) as Record<IncidentEvent, string>;

/** The three outcomes of a risk assessment or decision. */
export const recommendationLabels: Record<Recommendation, string> = {
  'document-only': 'Document only (unlikely to result in a risk)',
  'notify-authority': 'Notify the supervisory authority',
  'notify-authority-and-subjects': 'Notify the authority and the people affected',
};

/** How each state of an obligation is shown, on screen and in the reports. */
export const obligationStateLabels: Record<IncidentObligation['state'], { label: string; tone: 'ok' | 'warning' | 'danger' | 'neutral' }> = {
  open: { label: 'Open', tone: 'neutral' },
  'due-soon': { label: 'Due soon', tone: 'warning' },
  overdue: { label: 'Overdue', tone: 'danger' },
  met: { label: 'Met', tone: 'ok' },
  late: { label: 'Filed late', tone: 'danger' },
  waiting: { label: 'Waiting for its clock to start', tone: 'neutral' },
  'no-fixed-deadline': { label: 'No fixed deadline', tone: 'neutral' },
  'not-applicable': { label: 'Not applicable', tone: 'neutral' },
  'no-longer-applies': { label: 'No longer applies', tone: 'neutral' },
};
