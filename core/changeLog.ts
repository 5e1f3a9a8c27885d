/** Entities whose every create, update and delete is written to the change log. */
export const changeLogEntities = [
  'workspace',
  'organisation',
  'activity',
  'processor',
  'activity-processor',
  'sub-processor',
  'processor-record',
  'recording-practice',
  'retention-rule',
  'vocabulary-term',
  'incident',
  'rule-override',
  'recording',
  'ticket',
  'csv-mapping',
  'filing',
  'obligation',
  'risk-decision',
  'timeline-note',
  'legal-hold',
  'call-import',
  'disposal-batch',
  'deadline-alert',
  'import-layout',
] as const;
export type ChangeLogEntity = (typeof changeLogEntities)[number];

export type ChangeAction = 'create' | 'update' | 'delete';

/** One row of the append-only change log: who changed what, when, from what to what. */
export interface ChangeLogEntry {
  id: number;
  at: string;
  actor: string;
  entity: ChangeLogEntity;
  entityId: string;
  action: ChangeAction;
  before: unknown;
  after: unknown;
}

/** The names of the fields whose values differ between two snapshots of a record. */
export function changedFields(before: unknown, after: unknown): string[] {
  const left = isRecord(before) ? before : {};
  const right = isRecord(after) ? after : {};
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key])).sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
