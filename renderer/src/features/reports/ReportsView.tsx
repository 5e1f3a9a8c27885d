import { useState } from 'react';
import type { ExportedReport, ReportKindEntry } from '../../../../core/contract';
import { reportDefinitions, type ReportKind } from '../../../../core/reports/model';
import { workbench } from '../../bridge';
import { fromBase64, saveFile } from '../../saveFile';
import { Failure, InlineError, Loading, readableMessage } from '../../components/common';
import { useOperation } from '../../useOperation';

/** Offers the browser (or the desktop shell) a PDF to save. */
const save = (report: ExportedReport) => saveFile(report.fileName, fromBase64(report.pdfBase64), 'application/pdf');

/** The reports for auditors: one Export button each; the PDF states its data's fingerprint and can be verified. */
export function ReportsView() {
  const kinds = useOperation('listReportKinds', {});
  const incidents = useOperation('listIncidents', { drills: 'exclude' });
  const [incidentId, setIncidentId] = useState('');
  const [busy, setBusy] = useState<ReportKind | null>(null);
  const [outcome, setOutcome] = useState<{ kind: ReportKind; error: string | null; report: ExportedReport | null } | null>(null);

  const exportReport = async (entry: ReportKindEntry) => {
    setBusy(entry.kind);
    setOutcome(null);
    const result = await workbench.exportReport({ kind: entry.kind, ...(entry.needsIncident ? { incidentId } : {}) });
    setBusy(null);
    if (!result.ok) return setOutcome({ kind: entry.kind, error: readableMessage(result.error), report: null });
    save(result.value);
    setOutcome({ kind: entry.kind, error: null, report: result.value });
  };

  return (
    <div className="section">
      <header className="section-header">
        <h1>Reports</h1>
        <span className="muted">PDF for auditors: a cover, contents, running header and footer, and the data attached with its SHA-256 fingerprint.</span>
      </header>
      <div className="section-body">
        {kinds.state === 'loading' ? <Loading /> : null}
        {kinds.state === 'failed' ? <Failure error={kinds.error} /> : null}
        {kinds.state === 'ready' ? (
          <table className="table reports-table" aria-label="Reports">
            <thead>
              <tr>
                <th>Report</th>
                <th>What it holds</th>
                <th>Export</th>
              </tr>
            </thead>
            <tbody>
              {kinds.value.map((entry) => {
                const chooseIncident = entry.needsIncident;
                const incidentList = incidents.state === 'ready' ? incidents.value : [];
                return (
                  <tr key={entry.kind} data-kind={entry.kind}>
                    <td className="row-title">
                      {entry.title}
                    </td>
                    <td>
                      <div>{reportDefinitions[entry.kind].holds}</div>
                      {chooseIncident ? (
                        <label className="report-incident">
                          Incident{' '}
                          <select value={incidentId} onChange={(event) => setIncidentId(event.target.value)} disabled={busy !== null}>
                            <option value="">Choose an incident…</option>
                            {incidentList.map((incident) => (
                              <option key={incident.id} value={incident.id}>
                                {incident.title}
                              </option>
                            ))}
                          </select>
                        </label>
                      ) : null}
                      {outcome?.kind === entry.kind && outcome.error ? <InlineError message={outcome.error} /> : null}
                      {outcome?.kind === entry.kind && outcome.report ? (
                        <div className="note" role="status">
                          Saved {outcome.report.fileName}: {outcome.report.pages} pages, fingerprint {outcome.report.fingerprint.slice(0, 16)}…
                        </div>
                      ) : null}
                    </td>
                    <td className="reports-action">
                      <button
                        className="primary"
                        onClick={() => void exportReport(entry)}
                        disabled={busy !== null || (entry.needsIncident && !incidentId)}
                        aria-busy={busy === entry.kind}
                      >
                        {busy === entry.kind ? 'Printing…' : 'Export PDF'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        <p className="note">
          Anyone holding a report can check it: <code>npx privacy-workbench verify &lt;file.pdf&gt;</code> says “intact” when the attached data still has the
          fingerprint printed in the footer.
        </p>
      </div>
    </div>
  );
}
