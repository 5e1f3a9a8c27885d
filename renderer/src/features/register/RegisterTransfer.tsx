import { useRef, useState } from 'react';
import type { ImportSummary, Result } from '../../../../core/contract';
import { registerExportFormats, registerFormatOf, type RegisterFileFormat as Format } from '../../../../core/register/registerColumns';
import { workbench } from '../../bridge';
import { fromBase64, saveFile } from '../../saveFile';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';
import { useVocabulary } from '../../useVocabulary';
import { ColumnMapping, ValueReview, type ReviewChoices } from './ImportReview';

/** Bytes as base64 text, in chunks so that large workbooks do not overflow the call stack. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

const phaseWords: Record<string, string> = { checking: 'checking the file', reading: 'reading the rows', analysing: 'matching columns and values' };

interface Pending {
  name: string;
  format: Format;
  content: string;
  encoding: 'utf8' | 'base64';
  preview: ImportSummary;
  choices: ReviewChoices;
  organisationId: string;
  layoutName: string;
}

/** Import (with mapping and review steps the user confirms or cancels) and export of the register. */
export function RegisterTransfer() {
  const showProblem = useAppStore((state) => state.showProblem);
  const vocabulary = useVocabulary();
  const organisations = useOperation('listOrganisations', {});
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [reading, setReading] = useState<{ readId: string; name: string; phase: string; share: number | null } | null>(null);

  /**
   * Runs a preview or an import under a read id, showing how far the read has got and offering to
   * cancel it; a cancelled read answers 'cancelled' and is not shown as a problem.
   */
  const withRead = async <T,>(name: string, run: (readId: string) => Promise<Result<T>>): Promise<Result<T> | null> => {
    const readId = crypto.randomUUID();
    setReading({ readId, name, phase: 'checking', share: null });
    const timer = window.setInterval(() => {
      void workbench.getRegisterReadProgress({ readId }).then((progress) => {
        if (progress.ok && progress.value) setReading((current) => (current?.readId === readId ? { ...current, ...progress.value! } : current));
      });
    }, 250);
    try {
      const result = await run(readId);
      return !result.ok && result.error.code === 'cancelled' ? null : result;
    } finally {
      window.clearInterval(timer);
      // Another read started meanwhile keeps its own progress shown.
      setReading((current) => (current?.readId === readId ? null : current));
    }
  };

  const request = (entry: Omit<Pending, 'preview' | 'name'>) => ({
    format: entry.format,
    content: entry.content,
    encoding: entry.encoding,
    ...(entry.organisationId ? { organisationId: entry.organisationId } : {}),
    ...(Object.keys(entry.choices.columns).length ? { columns: entry.choices.columns } : {}),
    ...(entry.choices.values.length ? { values: entry.choices.values } : {}),
  });
  const choose = async (file: File) => {
    setDone(null);
    const format = registerFormatOf(file.name);
    if (!format) return showProblem({ code: 'invalid-input', field: 'file', message: `${file.name}: choose a .csv, .xlsx, .ods or .json file.` });
    setBusy(true);
    // CSV travels as bytes, so that the service can tell its encoding (Excel on Windows writes Windows-1252).
    const encoding: Pending['encoding'] = format === 'json' ? 'utf8' : 'base64';
    const content = encoding === 'base64' ? toBase64(new Uint8Array(await file.arrayBuffer())) : await file.text();
    const entry: Omit<Pending, 'preview' | 'name'> = { format, content, encoding, choices: { columns: {}, values: [] }, organisationId: '', layoutName: '' };
    const preview = await withRead(file.name, (readId) => workbench.previewRegisterImport({ ...request(entry), readId }));
    setBusy(false);
    if (!preview) return;
    if (!preview.ok) return showProblem(preview.error);
    setPending({ ...entry, name: file.name, preview: preview.value, layoutName: preview.value.layout ?? '' });
  };
  /** Applies a change of the mapping or review step and shows its effect at once. */
  const revision = useRef(0);
  const revise = async (next: Pick<Pending, 'choices' | 'organisationId'>) => {
    if (!pending) return;
    const entry = { ...pending, ...next };
    setPending(entry);
    // Choices made quickly one after another: only the answer to the latest one is shown, so that a
    // slower earlier preview can never bring back the choices it was asked with.
    const asked = ++revision.current;
    const preview = await withRead(entry.name, (readId) => workbench.previewRegisterImport({ ...request(entry), readId }));
    if (!preview || asked !== revision.current) return;
    if (!preview.ok) return showProblem(preview.error);
    setPending((current) => (current ? { ...current, preview: preview.value } : current));
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    const result = await withRead(pending.name, (readId) => workbench.importRegister({ ...request(pending), readId, ...(pending.layoutName.trim() ? { saveLayout: pending.layoutName.trim() } : {}) }));
    setBusy(false);
    if (!result) return;
    if (!result.ok) return showProblem(result.error);
    setPending(null);
    setDone(result.value);
  };
  const download = async (format: (typeof registerExportFormats)[number]) => {
    const result = await workbench.exportRegister({ format });
    if (!result.ok) return showProblem(result.error);
    const { fileName, encoding, content, mediaType } = result.value;
    saveFile(fileName, encoding === 'base64' ? fromBase64(content) : content, mediaType);
  };
  const preview = pending?.preview;
  const needsOrganisation =
    preview && preview.columns.length > 0 && (preview.kind === 'processor-records' || !preview.columns.some((column) => column.key === 'controller')) && organisations.state === 'ready' && organisations.value.length > 1;
  const records = preview ? preview.imported + preview.updated : 0;

  return (
    <>
      <div className="transfer-buttons">
        <button onClick={() => input.current?.click()} disabled={busy}>
          Import…
        </button>
        <button onClick={() => void download('csv')}>Export CSV</button>
        <button onClick={() => void download('xlsx')}>Export XLSX</button>
        <button onClick={() => void download('json')}>Export JSON</button>
        <input
          ref={input}
          type="file"
          accept=".csv,.xlsx,.ods,.json"
          aria-label="Register file to import"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void choose(file);
          }}
        />
      </div>
      {reading ? (
        <section className="import-reading" role="status" aria-label="Reading the file">
          <span>
            Reading {reading.name}: {phaseWords[reading.phase] ?? reading.phase}
            {reading.share !== null ? ` ${Math.round(reading.share * 100)}%` : '…'}
          </span>
          <progress max={1} {...(reading.share !== null ? { value: reading.share } : {})} aria-label="Progress" />
          <button onClick={() => void workbench.cancelRegisterRead({ readId: reading.readId })}>Cancel</button>
        </section>
      ) : null}
      {pending && preview ? (
        <section className="import-preview" role="dialog" aria-label="Import preview">
          <h3>Import {pending.name}?</h3>
          <p>
            {preview.kind === 'processor-records' ? 'The ICO processor template: Art. 30(2) records of controllers served. ' : ''}
            {preview.imported} new, {preview.updated} updated, {preview.unchanged} unchanged, {preview.rejected.length} rejected. Nothing has been written yet.
          </p>
          <p className="note">
            {[
              preview.encoding ? `Read as ${preview.encoding}.` : null,
              preview.headerRow && preview.headerRow > 1 ? `Headings on row ${preview.headerRow}.` : null,
              preview.skipped.length ? `Skipped: ${preview.skipped.map((entry) => `row ${entry.row} (${entry.reason})`).join(', ')}.` : null,
              preview.layout ? `Your saved choices “${preview.layout}” are applied.` : null,
            ]
              .filter(Boolean)
              .join(' ')}
          </p>
          {needsOrganisation ? (
            <label>
              {preview.kind === 'processor-records' ? 'Keep these records as the processor' : 'The file names no controller: import its records for'}
              <select value={pending.organisationId} onChange={(event) => void revise({ choices: pending.choices, organisationId: event.target.value })}>
                <option value="">Choose an organisation</option>
                {organisations.value.map((organisation) => (
                  <option key={organisation.id} value={organisation.id}>
                    {organisation.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <ColumnMapping summary={preview} choices={pending.choices} onChange={(choices) => void revise({ choices, organisationId: pending.organisationId })} />
          <ValueReview summary={preview} vocabulary={vocabulary} choices={pending.choices} onChange={(choices) => void revise({ choices, organisationId: pending.organisationId })} />
          <RejectedRows rows={preview.rejected} />
          {preview.problems.length ? (
            <ul className="import-problems" aria-label="Characters removed">
              {preview.problems.map((problem, index) => (
                <li key={index}>
                  Row {problem.row}, {problem.column}: {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
          {preview.columns.length ? (
            <label>
              Remember these choices for files laid out like this one, as
              <input value={pending.layoutName} placeholder="e.g. ICO controller template" onChange={(event) => setPending({ ...pending, layoutName: event.target.value })} />
            </label>
          ) : null}
          <div className="form-actions">
            <button onClick={() => setPending(null)}>Cancel</button>
            <button className="primary" onClick={() => void confirm()} disabled={busy || records === 0}>
              Import {records} {records === 1 ? 'record' : 'records'}
            </button>
          </div>
        </section>
      ) : null}
      {done ? (
        <section className="import-result" role="status" aria-label="Import result">
          Imported {done.imported}, updated {done.updated}, unchanged {done.unchanged}, rejected {done.rejected.length}
          {done.mapped.text ? `; ${done.mapped.text} ${done.mapped.text === 1 ? 'value' : 'values'} kept as text and flagged on the records` : ''}.
          <button className="link" onClick={() => setDone(null)}>
            Dismiss
          </button>
        </section>
      ) : null}
    </>
  );
}

function RejectedRows({ rows }: { rows: ImportSummary['rejected'] }) {
  if (!rows.length) return null;
  return (
    <table className="table rejected">
      <caption>Rejected rows (they will not be imported)</caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.row}>
            <td>{row.row}</td>
            <td>{row.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
