import type { ShownAlert } from '../../core/contract';
import type { Alert } from '../../core/incidents/alerts';
import type { Db } from '../types';

export function sentAlertKeys(db: Db): Set<string> {
  return new Set((db.prepare(`SELECT key FROM alerts_sent`).all() as Array<{ key: string }>).map((row) => row.key));
}

/** Records settled keys; the ones shown carry their text. */
export function recordAlerts(db: Db, settled: readonly string[], shown: readonly Alert[], at: string): void {
  const byKey = new Map(shown.map((alert) => [alert.key, alert]));
  const insert = db.prepare(
    `INSERT INTO alerts_sent (key, incident_id, obligation_id, threshold_hours, shown, missed, title, body, settled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  for (const key of settled) {
    const [incidentId, obligationId, hours] = key.split('/') as [string, string, string, string];
    const alert = byKey.get(key);
    insert.run(key, incidentId, obligationId, Number(hours), alert ? 1 : 0, alert?.missed ? 1 : 0, alert?.title ?? null, alert?.body ?? null, at);
  }
}


export function recentAlerts(db: Db, limit = 20): ShownAlert[] {
  return (
    db
      .prepare(`SELECT key, incident_id AS incidentId, title, body, missed, settled_at AS at FROM alerts_sent WHERE shown = 1 ORDER BY settled_at DESC, key LIMIT ?`)
      .all(limit) as Array<Omit<ShownAlert, 'missed'> & { missed: number }>
  ).map((row) => ({ ...row, missed: row.missed === 1 }));
}
