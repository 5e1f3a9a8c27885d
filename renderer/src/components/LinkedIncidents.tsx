import type { ProcessorDetail } from '../../../core/contract';
import { Badge } from './common';

/** Incidents in the breach register that involved this record. */
export function LinkedIncidents({ incidents }: { incidents: ProcessorDetail['incidents'] }) {
  return (
    <section className="related" aria-label="Incidents">
      <h3>Incidents ({incidents.length})</h3>
      {incidents.length ? (
        <ul className="plain-list">
          {incidents.map((incident) => (
            <li key={incident.id}>
              {incident.title} <span className="muted">· {incident.status}</span> {incident.drill ? <Badge tone="warning">Drill</Badge> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="missing">None recorded.</p>
      )}
    </section>
  );
}
