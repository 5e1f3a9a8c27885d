import type { Handlers } from '../core/contract';
import { alertsDue } from '../core/incidents/alerts';
import { appendChange } from '../db/repositories/changeLog';
import { recentAlerts, recordAlerts, sentAlertKeys } from '../db/repositories/alerts';
import { runningDeadlines } from './incidents';
import type { ServiceContext } from './session';
import type { SettingsStore } from './settings';

type AlertHandlers = Pick<Handlers, 'getAlertSettings' | 'setAlertSettings' | 'takeDueAlerts' | 'listRecentAlerts'>;

/**
 * Deadline alerts. The Electron main process calls takeDueAlerts every minute and shows each alert
 * as an operating-system notification (also with the window hidden); browser mode shows them in the
 * page. What is returned is recorded in the workspace first, so no alert is shown twice, even after
 * a restart; what came due while the app was closed is returned once, marked missed.
 */
export function alertHandlers(context: ServiceContext, settings: SettingsStore, runningSince: Date, hasWorkspace: () => boolean): AlertHandlers {
  return {
    getAlertSettings: () => ({ thresholdsHours: settings.read().alertThresholdsHours }),
    setAlertSettings: ({ thresholdsHours }) => {
      settings.setAlertThresholds([...new Set(thresholdsHours)].sort((a, b) => b - a));
      return { thresholdsHours: settings.read().alertThresholdsHours };
    },
    takeDueAlerts: () => {
      if (!hasWorkspace()) return [];
      const db = context.db();
      const now = new Date(context.now());
      const { alerts, settled } = alertsDue(runningDeadlines(db, now), settings.read().alertThresholdsHours, sentAlertKeys(db), now, runningSince);
      if (settled.length) {
        db.transaction(() => {
          recordAlerts(db, settled, alerts, context.now());
          // What was shown, and when: one entry per check that showed or settled anything.
          appendChange(db, { at: context.now(), actor: context.actor, entity: 'deadline-alert', entityId: context.now(), action: 'create', before: null, after: { settled, shown: alerts.map((alert) => alert.title) } });
        }).immediate();
      }
      return alerts;
    },
    listRecentAlerts: () => (hasWorkspace() ? recentAlerts(context.db()) : []),
  };
}
