import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertsDue, defaultAlertThresholds, type AlertCandidate } from '../../core/incidents/alerts';

const candidate: AlertCandidate = {
  incidentId: 'i1',
  incidentTitle: 'Mailbox exposed',
  drill: false,
  obligationId: 'gdpr-33-authority',
  recipient: 'Lead supervisory authority',
  citation: 'GDPR Art. 33(1)',
  dueAt: '2026-03-30T09:00:00.000Z',
  loggedAt: '2026-03-27T09:00:00.000Z',
};
const started = new Date('2026-03-27T09:00:00Z');

describe('deadline alerts', () => {
  it('warns at 24 h, 6 h, 1 h and at the deadline, each once', () => {
    const sent = new Set<string>();
    const fired: number[] = [];
    for (let hour = 0; hour <= 80; hour += 0.25) {
      const now = new Date(started.getTime() + hour * 3_600_000);
      const { alerts, settled } = alertsDue([candidate], defaultAlertThresholds, sent, now, started);
      settled.forEach((key) => sent.add(key));
      fired.push(...alerts.map((alert) => alert.thresholdHours));
    }
    expect(fired).toEqual([24, 6, 1, 0]);
  });

  it('shows one alert, marked missed, for what came due while the app was closed, and nothing again after a restart', () => {
    const restartedAt = new Date('2026-03-30T07:00:00Z');
    const { alerts, settled } = alertsDue([candidate], defaultAlertThresholds, new Set(), restartedAt, restartedAt);
    expect(alerts).toEqual([
      expect.objectContaining({ thresholdHours: 6, missed: true, title: 'Lead supervisory authority is due in 2 h', body: expect.stringContaining('while Privacy Workbench was closed') }),
    ]);
    expect(settled).toEqual(['i1/gdpr-33-authority/24/2026-03-30T09:00:00.000Z', 'i1/gdpr-33-authority/6/2026-03-30T09:00:00.000Z']);
    expect(alertsDue([candidate], defaultAlertThresholds, new Set(settled), new Date('2026-03-30T07:30:00Z'), restartedAt).alerts).toEqual([]);
  });

  it('does not call "missed" a moment that passed before the incident was logged', () => {
    const loggedLate = { ...candidate, loggedAt: '2026-03-30T06:00:00.000Z' };
    const { alerts } = alertsDue([loggedLate], defaultAlertThresholds, new Set(), new Date('2026-03-30T06:00:00Z'), new Date('2026-03-29T00:00:00Z'));
    expect(alerts).toEqual([expect.objectContaining({ thresholdHours: 6, missed: false, title: 'Lead supervisory authority is due in 3 h' })]);
    expect(alerts[0]!.body).not.toContain('closed');
  });

  it('warns again for a deadline that moved (awareness corrected)', () => {
    const now = new Date('2026-03-29T10:00:00Z');
    const first = alertsDue([candidate], defaultAlertThresholds, new Set(), now, started);
    expect(first.alerts.map((alert) => alert.thresholdHours)).toEqual([24]);
    const moved = { ...candidate, dueAt: '2026-03-29T15:00:00.000Z' };
    const again = alertsDue([moved], defaultAlertThresholds, new Set(first.settled), now, started);
    expect(again.alerts.map((alert) => alert.thresholdHours)).toEqual([6]);
  });

  it('marks drills, and respects other thresholds', () => {
    const { alerts } = alertsDue([{ ...candidate, drill: true }], [48], new Set(), new Date('2026-03-28T10:00:00Z'), started);
    expect(alerts.map((alert) => alert.title)).toEqual(['[Drill] Lead supervisory authority is due in 47 h']);
  });

  it('never fires an alert before its moment, nor twice (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 * 60 }), { minLength: 1, maxLength: 30 }), fc.uniqueArray(fc.integer({ min: 0, max: 72 }), { minLength: 1, maxLength: 5 }), (minutes, thresholds) => {
        const sent = new Set<string>();
        const seen = new Set<string>();
        for (const minute of [...minutes].sort((a, b) => a - b)) {
          const now = new Date(started.getTime() + minute * 60_000);
          const { alerts, settled } = alertsDue([candidate], thresholds, sent, now, started);
          for (const alert of alerts) {
            if (seen.has(alert.key) || Date.parse(alert.fireAt) > now.getTime()) return false;
            seen.add(alert.key);
          }
          settled.forEach((key) => sent.add(key));
        }
        return true;
      }),
    );
  });
});
