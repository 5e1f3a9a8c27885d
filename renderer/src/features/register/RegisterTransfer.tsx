import { useRef, useState } from 'react';
import type { ImportSummary } from '../../../../core/contract';
import { registerFormatOf, type RegisterFileFormat as Format } from '../../../../core/register/registerColumns';
import { workbench } from '../../bridge';
import { fromBase64, saveFile } from '../../saveFile';
import { useAppStore } from '../../store';

/** Bytes as base64 text, in chunks so that large workbooks do not overflow the call stack. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** Import (with a preview the user confirms or cancels) and export of the register. */
export function RegisterTransfer() {
  const dataChanged = useAppStore((state) => state.dataChanged);
  const showProblem = useAppStore((state) => state.showProblem);
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<{ name: string; format: Format; content: string; preview: ImportSummary } | null>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File) => {
    setDone(null);
    const format = registerFormatOf(file.name);
    if (!format) return showProblem({ code: 'invalid-input', field: 'file', message: `${file.name}: choose a .csv, .xlsx or .json file.` });
    setBusy(true);
    const content = format === 'xlsx' ? toBase64(new Uint8Array(await file.arrayBuffer())) : await file.text();
    const preview = await workbench.previewRegisterImport({ format, content });
    setBusy(false);
    if (!preview.ok) return showProblem(preview.error);
    setPending({ name: file.name, format, content, preview: preview.value });
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    const result = await workbench.importRegister({ format: pending.format, content: pending.content });
    setBusy(false);
    setPending(null);
    if (!result.ok) return showProblem(result.error);
    setDone(result.value);
    dataChanged();
  };
  const download = async (format: Format) => {
    const result = await workbench.exportRegister({ format });
    if (!result.ok) return showProblem(result.error);
    const { fileName, encoding, content, mediaType } = result.value;
    saveFile(fileName, encoding === 'base64' ? fromBase64(content) : content, mediaType);
  };

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
          accept=".csv,.xlsx,.json"
          aria-label="Register file to import"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void choose(file);
          }}
        />
      </div>
      {pending ? (
        <section className="import-preview" role="dialog" aria-label="Import preview">
          <h3>Import {pending.name}?</h3>
          <p>
            {pending.preview.imported} new, {pending.preview.updated} updated, {pending.preview.unchanged} unchanged, {pending.preview.rejected.length}{' '}
            rejected. Nothing has been written yet.
          </p>
          {pending.preview.ignoredColumns.length ? <p className="note">Columns not used: {pending.preview.ignoredColumns.join(', ')}</p> : null}
          <RejectedRows rows={pending.preview.rejected} />
          <div className="form-actions">
            <button onClick={() => setPending(null)}>Cancel</button>
            <button className="primary" onClick={() => void confirm()} disabled={busy || pending.preview.imported + pending.preview.updated === 0}>
              Import {pending.preview.imported + pending.preview.updated} {pending.preview.imported + pending.preview.updated === 1 ? 'record' : 'records'}
            </button>
          </div>
        </section>
      ) : null}
      {done ? (
        <section className="import-result" role="status" aria-label="Import result">
          Imported {done.imported}, updated {done.updated}, unchanged {done.unchanged}, rejected {done.rejected.length}.
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
