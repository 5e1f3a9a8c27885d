import { useEffect, useState } from 'react';
import type { ShownAlert } from '../../../../core/contract';
import { workbench } from '../../bridge';
import { InlineError, readableMessage } from '../../components/common';
import { refresh } from '../../queries';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';
import { showInstant } from './time';

const choices = [72, 48, 24, 12, 6, 3, 1, 0];

/** When the operating system is asked to warn before a deadline, and the alerts shown so far. */
export function AlertSettings({ onClose }: { onClose(): void }) {
  const settings = useOperation('getAlertSettings', {});
  const recent = useOperation('listRecentAlerts', {});
  const [chosen, setChosen] = useState<number[] | null>(null);
  const [extra, setExtra] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.state === 'ready' && chosen === null) setChosen(settings.value.thresholdsHours);
  }, [settings, chosen]);
  if (settings.state !== 'ready' || chosen === null) return null;
  const all = [...new Set([...choices, ...chosen])].sort((a, b) => b - a);
  const save = async () => {
    const hours = extra.trim() ? [...chosen, Number(extra)] : chosen;
    const result = await workbench.setAlertSettings({ thresholdsHours: hours });
    if (!result.ok) return setError(readableMessage(result.error));
    setError(null);
    setExtra('');
    refresh('getAlertSettings');
    setChosen(result.value.thresholdsHours);
    setSaved(true);
  };
  return (
    <section className="alert-settings card" aria-label="Notification settings" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <header className="record-header">
        <h2>Deadline notifications</h2>
        <button onClick={onClose}>Close</button>
      </header>
      <p className="muted">
        The desktop app asks the operating system to warn you before each running deadline, even with its window hidden. Each warning is shown once; what came due while the
        app was closed is shown at the next start, marked as missed.
      </p>
      <fieldset>
        <legend>Warn me this long before a deadline</legend>
        <div className="checkbox-grid">
          {all.map((hours) => (
            <label key={hours} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(hours)}
                onChange={(event) => {
                  setSaved(false);
                  setChosen(event.target.checked ? [...chosen, hours] : chosen.filter((value) => value !== hours));
                }}
              />
              {hours === 0 ? 'At the deadline' : `${hours} h before`}
            </label>
          ))}
        </div>
        <label className="inline-label">
          Another time (hours before)
          <input inputMode="numeric" value={extra} onChange={(event) => setExtra(event.target.value)} placeholder="e.g. 36" />
        </label>
      </fieldset>
      <div className="form-actions">
        <button className="primary" onClick={() => void save()}>
          Save
        </button>
        {saved ? <span role="status">Saved.</span> : null}
        <InlineError message={error} />
      </div>
      <h3>Shown recently</h3>
      {recent.state === 'ready' && recent.value.length ? (
        <ul className="plain-list alert-list">
          {recent.value.map((alert: ShownAlert) => (
            <li key={alert.key} className={alert.missed ? 'missed' : ''}>
              <strong>{alert.title}</strong> — {alert.body} <span className="muted">({showInstant(alert.at, Intl.DateTimeFormat().resolvedOptions().timeZone)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="missing">No alert shown yet.</p>
      )}
    </section>
  );
}

/**
 * In browser mode there is no main process to raise OS notifications: the page takes the due
 * alerts itself every minute and shows them here. In the desktop app the main process does it.
 */
export function BrowserAlerts() {
  // The workspace's identity, not its info (which is new after every write): the check runs at opening and each minute.
  const workspace = useAppStore((state) => state.workspace?.path ?? null);
  const [alerts, setAlerts] = useState<Array<{ key: string; title: string; body: string; missed: boolean }>>([]);
  useEffect(() => {
    if (window.workbench || !workspace) return;
    const take = () =>
      void workbench.takeDueAlerts({}).then((result) => {
        if (result.ok && result.value.length) setAlerts((current) => [...result.value, ...current].slice(0, 5));
      });
    take();
    const timer = setInterval(take, 60_000);
    return () => clearInterval(timer);
  }, [workspace]);
  if (!alerts.length) return null;
  return (
    <div className="alert-toasts" role="region" aria-label="Deadline alerts">
      {alerts.map((alert) => (
        <div key={alert.key} className={`alert-toast${alert.missed ? ' missed' : ''}`} role="alert">
          <strong>{alert.title}</strong>
          <div>{alert.body}</div>
          <button className="link" onClick={() => setAlerts(alerts.filter((entry) => entry.key !== alert.key))}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
