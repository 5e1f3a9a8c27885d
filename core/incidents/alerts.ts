/**
 * When to warn about a deadline. Pure: the caller passes the open obligations, the thresholds, the
 * alerts already sent (kept in the workspace, so nothing repeats after a restart) and `now`.
 */

/** Hours before a deadline at which to warn; 0 is the deadline itself. */
export const defaultAlertThresholds: readonly number[] = [24, 6, 1, 0];

export interface AlertCandidate {
  incidentId: string;
  incidentTitle: string;
  drill: boolean;
  obligationId: string;
  recipient: string;
  citation: string;
  dueAt: string;
  /** When the incident was logged: a moment before it was never missed, the app could not know. */
  loggedAt: string;
}

export interface Alert {
  /** incident/obligation/threshold/deadline: sent once, ever. */
  key: string;
  incidentId: string;
  obligationId: string;
  thresholdHours: number;
  fireAt: string;
  dueAt: string;
  title: string;
  body: string;
  /** It came due after the incident was logged but while the app was not running (before `runningSince`). */
  missed: boolean;
}

/** A moved deadline (awareness corrected) is a new deadline: its warnings come again. */
const keyOf = (candidate: AlertCandidate, hours: number) => `${candidate.incidentId}/${candidate.obligationId}/${hours}/${candidate.dueAt}`;

function describeLeft(ms: number): string {
  if (ms <= 0) return ms > -60_000 ? 'is due now' : `was due ${Math.round(-ms / 3_600_000) || 1} h ago`;
  const hours = ms / 3_600_000;
  return hours >= 1 ? `is due in ${Math.round(hours)} h` : `is due in ${Math.max(1, Math.round(ms / 60_000))} min`;
}

/**
 * The alerts to show now: for each obligation, the most urgent threshold whose moment has come and
 * that was never sent. `sent` receives every key settled by this call (the passed-over thresholds
 * too, so a warning 24 h out is not shown after the 6 h one).
 */
export function alertsDue(
  candidates: readonly AlertCandidate[],
  thresholds: readonly number[],
  sent: ReadonlySet<string>,
  now: Date,
  runningSince: Date,
): { alerts: Alert[]; settled: string[] } {
  const alerts: Alert[] = [];
  const settled: string[] = [];
  const ordered = [...new Set(thresholds)].sort((a, b) => b - a);
  for (const candidate of candidates) {
    const due = Date.parse(candidate.dueAt);
    const passed = ordered.filter((hours) => due - hours * 3_600_000 <= now.getTime() && !sent.has(keyOf(candidate, hours)));
    if (!passed.length) continue;
    settled.push(...passed.map((hours) => keyOf(candidate, hours)));
    const hours = passed[passed.length - 1]!;
    const fireAt = new Date(due - hours * 3_600_000);
    const missed = fireAt < runningSince && fireAt.getTime() >= Date.parse(candidate.loggedAt);
    alerts.push({
      key: keyOf(candidate, hours),
      incidentId: candidate.incidentId,
      obligationId: candidate.obligationId,
      thresholdHours: hours,
      fireAt: fireAt.toISOString(),
      dueAt: candidate.dueAt,
      title: `${candidate.drill ? '[Drill] ' : ''}${candidate.recipient} ${describeLeft(due - now.getTime())}`,
      body: `${candidate.incidentTitle} — ${candidate.citation}${missed ? ' (came due while Privacy Workbench was closed)' : ''}`,
      missed,
    });
  }
  return { alerts, settled };
}
