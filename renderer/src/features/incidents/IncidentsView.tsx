import { EmptyState } from '../../components/common';

/** The breach register. Logging breaches and their legal clocks arrives with the incidents feature. */
export function IncidentsView() {
  return (
    <div className="section">
      <header className="section-header">
        <h1>Incidents and breach clocks</h1>
      </header>
      <EmptyState title="No incidents logged">
        Personal-data breaches you log here will be kept in the Art. 33(5) breach register, with every notification clock that starts when
        you become aware of one — GDPR 72 hours, NIS2, US state laws, SEC. Logging incidents is not available in this version yet.
      </EmptyState>
    </div>
  );
}
