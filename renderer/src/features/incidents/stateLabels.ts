import type { IncidentObligation } from '../../../../core/incidents/model';

/** How each state of an obligation is shown. */
export const stateLabels: Record<IncidentObligation['state'], { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }> = {
  open: { label: 'Open', tone: 'neutral' },
  'due-soon': { label: 'Due soon', tone: 'warning' },
  overdue: { label: 'Overdue', tone: 'danger' },
  met: { label: 'Met', tone: 'success' },
  late: { label: 'Filed late', tone: 'danger' },
  waiting: { label: 'Waiting for its start', tone: 'neutral' },
  'no-fixed-deadline': { label: 'No fixed deadline', tone: 'neutral' },
  'not-applicable': { label: 'Not applicable', tone: 'neutral' },
  'no-longer-applies': { label: 'No longer applies', tone: 'neutral' },
};
