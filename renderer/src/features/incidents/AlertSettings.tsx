import { useEffect, useState } from 'react';
import type { ShownAlert } from '../../../../core/contract';
import { FormProvider } from 'react-hook-form';
import { contract } from '../../../../core/contract';
import { workbench } from '../../bridge';
import { Checkboxes } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, useMappedContractForm, useWrite } from '../../forms';
import { refresh } from '../../queries';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';
import { localZone, showInstant } from './time';

const choices = [72, 48, 24, 12, 6, 3, 1, 0];

/** When the operating system is asked to warn before a deadline, and the alerts shown so far. */
export function AlertSettings({ onClose }: { onClose(): void }) {
  const settings = useOperation('getAlertSettings', {});
  const recent = useOperation('listRecentAlerts', {});
  const zone = useAppStore((state) => state.workspace?.timeZone) ?? localZone();
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
      {settings.state === 'ready' ? <ThresholdsForm saved={settings.value.thresholdsHours} /> : null}
      <h3>Shown recently</h3>
      {recent.state === 'ready' && recent.value.length ? (
        <ul className="plain-list alert-list">
          {recent.value.map((alert: ShownAlert) => (
            <li key={alert.key} className={alert.missed ? 'missed' : ''}>
              <strong>{alert.title}</strong> — {alert.body} <span className="muted">({showInstant(alert.at, zone)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="missing">No alert shown yet.</p>
      )}
    </section>
  );
}

/** The thresholds: the usual ones to tick, and another typed in; checked by the contract's schema. */
function ThresholdsForm({ saved }: { saved: number[] }) {
  type Values = { chosen: number[]; extra: string };
  // Another time is sent as typed (a number when it reads as one), so the schema says what is wrong with it.
  const toInput = ({ chosen, extra }: Values) => ({ thresholdsHours: extra.trim() ? [...chosen, /^\d+(\.\d+)?$/.test(extra.trim()) ? Number(extra) : extra] : chosen });
  // A problem of an hour past the ticked ones is the typed one's.
  const fieldOf = (path: string, values: Values) => (path.startsWith('thresholdsHours.') && Number(path.split('.')[1]) >= values.chosen.length ? 'extra' : 'chosen');
  const form = useMappedContractForm<Values, typeof contract.setAlertSettings.input>(contract.setAlertSettings.input, { chosen: saved, extra: '' }, toInput, fieldOf);
  const save = useWrite('setAlertSettings');
  const [done, setDone] = useState(false);
  const chosen = form.watch('chosen');
  const all = [...new Set([...choices, ...chosen])].sort((a, b) => b - a);
  const submit = form.handleSubmit(async (input) => {
    const result = await save.run(input);
    if (!result.ok) return void applyFailure(form, result.error, ['chosen', 'extra'], (path) => fieldOf(path, form.getValues()));
    refresh('getAlertSettings');
    form.reset({ chosen: result.value.thresholdsHours, extra: '' });
    setDone(true);
  });
  return (
    <FormProvider {...form}>
      <form aria-label="Warning times" onSubmit={(event) => void submit(event)} onChange={() => setDone(false)} noValidate>
        <fieldset>
          <legend>Warn me this long before a deadline</legend>
          <Checkboxes
            options={all.map((hours) => ({ value: hours, label: hours === 0 ? 'At the deadline' : `${hours} h before` }))}
            chosen={chosen}
            onChange={(next) => form.setValue('chosen', next, { shouldDirty: true })}
          />
          <FieldProblemText name="chosen" />
          <label className="inline-label">
            Another time (hours before)
            <input inputMode="numeric" {...form.register('extra')} {...describedBy(form, 'extra')} placeholder="e.g. 36" />
          </label>
          <FieldProblemText name="extra" />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.pending}>
            Save
          </button>
          {done ? <span role="status">Saved.</span> : null}
        </div>
      </form>
    </FormProvider>
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
