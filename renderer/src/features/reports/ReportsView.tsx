import { EmptyState } from '../../components/common';

/** Auditor reports. PDF generation arrives with the reports feature. */
export function ReportsView() {
  return (
    <div className="section">
      <header className="section-header">
        <h1>Reports</h1>
      </header>
      <EmptyState title="No reports generated">
        Reports for auditors — the Art. 30 register, the breach register, retention evidence — will be produced here as PDF files that state
        when they were made, from which data, and can be checked for alteration. Report generation is not available in this version yet.
      </EmptyState>
    </div>
  );
}
