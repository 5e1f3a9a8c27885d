import type { IncidentEvent } from './model';
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
