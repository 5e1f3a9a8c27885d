import { useEffect, useState } from 'react';
import type { IncidentDetail, IncidentSummary } from '../../../../core/incidents/model';
import { obligationState } from '../../../../core/incidents/deadlines';
import { Badge, EmptyState, Failure, Loading } from '../../components/common';
import { SelectableList } from '../../components/SelectableList';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';
import { AlertSettings } from './AlertSettings';
import { IncidentDetailView } from './IncidentDetail';
import { IncidentForm } from './IncidentForm';
import { RulesPanel } from './RulesPanel';
import { Countdown, stateChangesOf, useNowAt } from './time';

/** The breach register (Art. 33(5)): incidents by nearest deadline, each with its live clocks. */
export function IncidentsView() {
  const [drills, setDrills] = useState(false);
  const list = useOperation('listIncidents', { drills: drills ? 'only' : 'exclude' });
  // The incident open is part of the screen's address (#/incidents/<id>): Back, a bookmark or a notification opens it.
  const selected = useAppStore((state) => state.routeId);
  const setSelected = useAppStore((state) => state.setRouteId);
  const [creating, setCreating] = useState<null | 'incident' | 'drill'>(null);
  const [alertsOpen, setAlertsOpen] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const draft = useAppStore((state) => state.incidentDraft);
  const startIncident = useAppStore((state) => state.startIncident);
  // The list re-renders when a deadline in it turns due-soon or overdue; each countdown ticks on its own.
  const now = useNowAt(list.state === 'ready' ? list.value.flatMap((item) => stateChangesOf(item.next?.dueAt)) : []);
  useEffect(() => {
    if (draft) setCreating('incident');
  }, [draft]);
  // The incident just saved stays selected while the list catches up with it.
  const [justSaved, setJustSaved] = useState<string | null>(null);
  useEffect(() => {
    if (list.state !== 'ready') return;
    if (justSaved) {
      if (list.value.some((item) => item.id === justSaved)) setJustSaved(null);
      return;
    }
    if (selected === null || !list.value.some((item) => item.id === selected)) setSelected(list.value[0]?.id ?? null);
  }, [list, selected, justSaved]);

  const live = (item: IncidentSummary) => (item.next ? obligationState({ kind: 'deadline', dueAt: item.next.dueAt }, null, now) : null);
  return (
    <div className="section">
      <header className="section-header">
        <h1>{drills ? 'Drills' : 'Breach register'}</h1>
        <div className="header-actions">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={drills}
              onChange={(event) => {
                setJustSaved(null);
                setDrills(event.target.checked);
              }}
            />{' '}
            Show drills instead
          </label>
          <button onClick={() => setRulesOpen(!rulesOpen)} aria-expanded={rulesOpen}>
            Rules…
          </button>
          <button onClick={() => setAlertsOpen(!alertsOpen)} aria-expanded={alertsOpen}>
            Notifications…
          </button>
          <button onClick={() => setCreating('drill')}>New drill…</button>
          <button className="primary" onClick={() => setCreating('incident')}>
            Log a breach
          </button>
        </div>
      </header>
      {alertsOpen ? <AlertSettings onClose={() => setAlertsOpen(false)} /> : null}
      {rulesOpen ? <RulesPanel onClose={() => setRulesOpen(false)} /> : null}
      <div className="list-detail">
        <div className="list-pane">
          {list.state === 'loading' ? <Loading /> : null}
          {list.state === 'failed' ? <Failure error={list.error} /> : null}
          {list.state === 'ready' && !list.value.length ? (
            <EmptyState title={drills ? 'No drills yet' : 'No breaches logged'}>
              {drills
                ? 'A drill runs an incident at a chosen instant to see which clocks start and when; it never enters the register or the reports.'
                : 'Every personal-data breach is documented here (GDPR Art. 33(5)), notified or not. Log one with “Log a breach”.'}
            </EmptyState>
          ) : null}
          {list.state === 'ready' && list.value.length ? (
            <>
              <div className="list-count">
                {list.value.length} {drills ? (list.value.length === 1 ? 'drill' : 'drills') : list.value.length === 1 ? 'incident' : 'incidents'}, nearest deadline first
              </div>
              <SelectableList
                label="Incidents"
                items={list.value}
                keyOf={(item) => item.id}
                selected={creating ? null : selected}
                onSelect={(id) => {
                  setCreating(null);
                  setSelected(id);
                }}
                render={(item) => {
                  const state = live(item);
                  return (
                    <>
                      <div className="row-title">
                        {item.title} {item.drill ? <Badge tone="warning">Drill</Badge> : null}
                      </div>
                      <div className="row-meta">
                        {item.next ? (
                          <span className={state === 'overdue' ? 'row-danger' : state === 'due-soon' ? 'row-warning' : ''}>
                            {item.next.recipient}: <Countdown dueAt={item.next.dueAt} />
                          </span>
                        ) : (
                          <span>{item.decision === 'document-only' ? 'Documented, not notifiable' : 'No open deadline'}</span>
                        )}
                        {' · '}
                        {item.status}
                      </div>
                    </>
                  );
                }}
              />
            </>
          ) : null}
        </div>
        <div className="detail-pane">
          {creating ? (
            <IncidentForm
              drill={creating === 'drill'}
              draft={creating === 'incident' ? draft : null}
              onCancel={() => {
                setCreating(null);
                startIncident(null);
              }}
              onSaved={(incident: IncidentDetail) => {
                setCreating(null);
                startIncident(null);
                setDrills(incident.drill);
                setJustSaved(incident.id);
                setSelected(incident.id);
              }}
            />
          ) : selected ? (
            <IncidentDetailView key={selected} id={selected} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
