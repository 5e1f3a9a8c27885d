import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { contract } from '../../../../core/contract';
import {
  csvDelimiterLabels,
  csvDelimiters,
  csvMappingFieldLabels,
  csvMappingFields,
  csvTimeFormatLabels,
  csvTimeFormats,
  csvMappingInputSchema,
  readMappedTime,
  type CsvMapping,
  type CsvMappingField,
  type CsvTimeFormat,
} from '../../../../core/recordings/csvMapping';
import type { CsvFilePreview, ImportJob } from '../../../../core/recordings/importJob';
import { workbench } from '../../bridge';
import { Checkboxes, InlineError, problemsOf, ZoneOptions } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, FormProblems, useMappedContractForm, useWrite } from '../../forms';
import { useOperation } from '../../useOperation';
import { useAppStore } from '../../store';

type Source = 'asterisk' | 'mapping' | 'new-mapping';

/** The job this window started, kept while the user visits other tabs. */
let currentJobId: string | null = null;

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

type ImportFields = { path: string; source: Source; mappingId: string; zone: string; purposes: string[] | null; keepNumbers: boolean };

/** Importing call records (Asterisk Master.csv or a saved column mapping) with progress and cancel. */
export function ImportPanel({ onImported }: { onImported(): void }) {
  const rules = useOperation('listRetentionRules', {});
  const mappings = useOperation('listCsvMappings', {});
  const workspaceZone = useAppStore((state) => state.workspace?.timeZone);
  const [job, setJob] = useState<ImportJob | null>(null);
  const purposes = useMemo(
    () => (rules.state === 'ready' ? [...new Set(rules.value.filter((rule) => rule.retiredAt === null).flatMap((rule) => rule.purposes))].sort() : []),
    [rules],
  );
  // Until purposes are chosen, the calls are for quality (or the first purpose a rule covers).
  const defaultPurposes = purposes.includes('quality') ? ['quality'] : purposes.slice(0, 1);
  const toInput = (values: ImportFields, refuse: (path: string, message: string) => void) => {
    if (values.source === 'new-mapping') refuse('mappingId', 'save the new mapping first (below), then import with it');
    return {
      path: values.path.trim(),
      source: values.source === 'new-mapping' ? 'mapping' : values.source,
      ...(values.source !== 'asterisk' && values.mappingId ? { mappingId: values.mappingId } : {}),
      zone: values.zone.trim(),
      purposes: values.purposes ?? defaultPurposes,
      keepNumbers: values.keepNumbers,
    };
  };
  const form = useMappedContractForm<ImportFields, typeof contract.startRecordingsImport.input>(
    contract.startRecordingsImport.input,
    { path: '', source: 'asterisk', mappingId: '', zone: workspaceZone ?? localZone, purposes: null, keepNumbers: false },
    toInput,
  );
  const values = useWatch({ control: form.control }) as ImportFields;
  const startImport = useWrite('startRecordingsImport');
  const deleteMapping = useWrite('deleteCsvMapping');
  const [left, setLeft] = useState<string[]>([]);
  const savedMappings = mappings.state === 'ready' ? mappings.value : [];

  // Picks up the job started before the user left the tab.
  useEffect(() => {
    if (!currentJobId) return;
    void workbench.getImportJob({ jobId: currentJobId }).then((result) => result.ok && setJob(result.value));
  }, []);

  const running = job?.state === 'running';
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setInterval(() => {
      void workbench.getImportJob({ jobId: job.id }).then((result) => {
        if (!result.ok) return;
        setJob(result.value);
      });
    }, 200);
    return () => clearInterval(timer);
  }, [job?.id, job?.state]);

  const start = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await startImport.run(input);
    if (!result.ok) return setLeft(applyFailure(form, result.error, Object.keys(values)));
    currentJobId = result.value.id;
    setJob(result.value);
  });
  const removeMapping = async () => {
    const result = await deleteMapping.run({ id: values.mappingId });
    if (!result.ok) return form.setError('mappingId', { type: 'server', message: problemsOf(result.error)[0]!.message });
    form.setValue('mappingId', '');
    if (savedMappings.length <= 1) form.setValue('source', 'asterisk');
  };
  const cancel = async () => {
    if (!job) return;
    const result = await workbench.cancelImportJob({ jobId: job.id });
    if (result.ok) setJob(result.value);
  };

  return (
    <div className="import-panel">
      <FormProvider {...form}>
        <form className="record-form card" aria-label="Import call records" onSubmit={(event) => void start(event)} noValidate>
          <h2>Import call records</h2>
          <p className="muted">
            Each answered call with billable seconds becomes a recording with its retention dates. The whole file is written at once or not at all; importing it again adds no
            duplicates.
          </p>
          <label>
            Path of the file on this computer
            <input {...form.register('path')} placeholder="/var/log/asterisk/cdr-csv/Master.csv" {...describedBy(form, 'path')} spellCheck={false} />
          </label>
          <FieldProblemText name="path" below />
          <fieldset>
            <legend>What the file is</legend>
            <label className="checkbox">
              <input type="radio" value="asterisk" {...form.register('source')} />
              Asterisk Master.csv (cdr_csv)
            </label>
            <label className="checkbox">
              <input type="radio" value="mapping" {...form.register('source')} disabled={!savedMappings.length} />
              A CSV file read through a saved column mapping{savedMappings.length ? '' : ' (none saved yet)'}
            </label>
            <label className="checkbox">
              <input type="radio" value="new-mapping" {...form.register('source')} />
              Another CSV file: build a column mapping from its first lines
            </label>
          </fieldset>
          {values.source === 'mapping' ? (
            <label>
              Saved mapping
              {/* Held as a value: a mapping just saved is chosen before the list naming it has come back. */}
              <select aria-label="Saved mapping" {...form.register('mappingId')} value={values.mappingId} {...describedBy(form, 'mappingId')}>
                <option value="">Choose a mapping…</option>
                {savedMappings.map((mapping) => (
                  <option key={mapping.id} value={mapping.id}>
                    {mapping.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {values.source === 'mapping' && values.mappingId ? (
            <div className="form-actions">
              <button type="button" onClick={() => void removeMapping()}>
                Delete this mapping
              </button>
              <span className="note">Files already imported keep their recordings.</span>
            </div>
          ) : null}
          <FieldProblemText name="mappingId" below />
          {values.source === 'new-mapping' ? (
            <MappingBuilder
              path={values.path.trim()}
              onSaved={(mapping) => {
                form.setValue('mappingId', mapping.id);
                form.setValue('source', 'mapping');
                form.clearErrors();
              }}
            />
          ) : null}
          <label>
            Time zone the file&apos;s times are written in
            <input {...form.register('zone')} list="import-time-zones" {...describedBy(form, 'zone')} spellCheck={false} />
            <ZoneOptions id="import-time-zones" />
          </label>
          <FieldProblemText name="zone" below />
          <fieldset>
            <legend>Purposes of the recordings (they decide the retention rules that apply)</legend>
            <Checkboxes options={purposes.map((purpose) => ({ value: purpose, label: purpose }))} chosen={values.purposes ?? defaultPurposes} onChange={(chosen) => form.setValue('purposes', chosen)} />
          </fieldset>
          <FieldProblemText name="purposes" below />
          <label className="checkbox">
            <input type="checkbox" {...form.register('keepNumbers')} />
            Keep callers&apos; numbers as they are
          </label>
          <p className="note">
            {values.keepNumbers
              ? 'Callers’ phone numbers will be stored in clear in this workspace. Do this only if you need them and can justify it.'
              : 'Callers’ numbers are stored as a keyed hash: the same caller can be found and held, but the number cannot be read back.'}
          </p>
          <FormProblems also={left} />
          <div className="form-actions">
            <button className="primary" type="submit" disabled={running || startImport.pending}>
              Import
            </button>
          </div>
        </form>
      </FormProvider>
      {job ? <ImportProgress job={job} onCancel={() => void cancel()} onShowRegister={onImported} /> : null}
    </div>
  );
}

function ImportProgress({ job, onCancel, onShowRegister }: { job: ImportJob; onCancel(): void; onShowRegister(): void }) {
  const title = { running: 'Importing', done: 'Imported', cancelled: 'Import cancelled:', failed: 'Import failed:' }[job.state];
  const percent = job.totalBytes ? Math.floor((job.bytesRead / job.totalBytes) * 100) : 100;
  return (
    <section className="card import-progress" aria-label="Import progress">
      <h3>
        {title} {fileName(job.path)}
        {job.mappingName ? ` (mapping ${job.mappingName})` : ''}
      </h3>
      <progress max={job.totalBytes || 1} value={job.bytesRead} aria-label="Bytes read" aria-valuetext={`${percent}%`} />
      <p className="muted" role="status">
        {megabytes(job.bytesRead)} of {megabytes(job.totalBytes)} read ({percent}%), {job.lines.toLocaleString()} lines
      </p>
      {job.state === 'running' ? (
        <div className="form-actions">
          <button onClick={onCancel}>Cancel import</button>
          <span className="note">Cancelling writes nothing of this file.</span>
        </div>
      ) : null}
      {job.state === 'cancelled' ? <p>Cancelled: nothing of this file was written.</p> : null}
      {job.state === 'failed' ? (
        <p className="field-error" role="alert">
          {job.error}
        </p>
      ) : null}
      {job.result ? <ImportResult result={job.result} onShowRegister={onShowRegister} /> : null}
    </section>
  );
}

const shownRejected = 100;

function ImportResult({ result, onShowRegister }: { result: NonNullable<ImportJob['result']>; onShowRegister(): void }) {
  const listed = result.rejected.slice(0, shownRejected);
  const more = result.rejectedCount - listed.length;
  return (
    <>
      <p aria-label="Import result">
        <strong>{result.imported.toLocaleString()}</strong> recordings imported, {result.duplicates.toLocaleString()} already registered (duplicates),{' '}
        {result.skipped.toLocaleString()} calls skipped (not answered or no billable seconds), {result.rejectedCount.toLocaleString()} lines rejected.
      </p>
      {listed.length ? (
        <table className="table rejected">
          <caption>Rejected lines (not imported)</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {more > 0 ? <p className="note">… and {more.toLocaleString()} more rejected lines not listed here.</p> : null}
      <div className="form-actions">
        <button onClick={onShowRegister}>Show the register</button>
      </div>
    </>
  );
}

type ColumnChoice = Record<CsvMappingField, string>;
const noColumns = Object.fromEntries(csvMappingFields.map((field) => [field, ''])) as ColumnChoice;

type MappingFields = { name: string; hasHeading: boolean; timeFormat: CsvTimeFormat; columns: ColumnChoice };

/** Builds a mapping from the first lines of the file: a column for each call fact, the time format, a name. */
function MappingBuilder({ path, onSaved }: { path: string; onSaved(mapping: CsvMapping): void }) {
  const [preview, setPreview] = useState<CsvFilePreview | null>(null);
  const [delimiter, setDelimiter] = useState<CsvFilePreview['delimiter'] | null>(null);
  const [readProblem, setReadProblem] = useState<string | null>(null);
  /** The mapping's input: a chosen column named by its heading when the file has one, else by its number. */
  const toInput = (values: MappingFields, refuse: (path: string, message: string) => void) => {
    if (values.columns.start === '') refuse('columns.start', 'choose the column that holds the call start');
    const columns = Object.fromEntries(
      csvMappingFields.map((field) => {
        const index = values.columns[field] === '' ? null : Number(values.columns[field]);
        return [field, index === null ? null : values.hasHeading && preview?.firstRow[index] ? preview.firstRow[index] : index + 1];
      }),
    );
    return { name: values.name, delimiter, hasHeading: values.hasHeading, timeFormat: values.timeFormat, columns };
  };
  const form = useMappedContractForm<MappingFields, typeof csvMappingInputSchema>(csvMappingInputSchema, { name: '', hasHeading: true, timeFormat: 'iso8601', columns: noColumns }, toInput);
  const values = useWatch({ control: form.control }) as MappingFields;
  const saveMapping = useWrite('saveCsvMapping');
  const [left, setLeft] = useState<string[]>([]);

  const read = async (chosenDelimiter: CsvFilePreview['delimiter'] | null) => {
    const result = await workbench.previewCsvFile({ path, ...(chosenDelimiter ? { delimiter: chosenDelimiter } : {}) });
    if (!result.ok) return setReadProblem(problemsOf(result.error)[0]!.message);
    setReadProblem(null);
    setPreview(result.value);
    setDelimiter(result.value.delimiter);
    form.setValue('columns', noColumns);
  };
  const width = preview ? Math.max(preview.firstRow.length, ...preview.rows.map((row) => row.length)) : 0;
  const columnName = (index: number) => (values.hasHeading && preview ? preview.firstRow[index] ?? `Column ${index + 1}` : `Column ${index + 1}`);
  /** Picks the time format that reads the most samples of the start column (DD/MM before MM/DD on a tie). */
  const guessTimeFormat = (index: number) => {
    const samples = (values.hasHeading ? preview?.rows ?? [] : [preview?.firstRow ?? [], ...(preview?.rows ?? [])]).map((row) => (row[index] ?? '').trim());
    const read = (format: CsvTimeFormat) => samples.filter((sample) => readMappedTime(sample, format, 'UTC') !== undefined).length;
    const best = csvTimeFormats.reduce((chosen, format) => (read(format) > read(chosen) ? format : chosen));
    if (read(best) > 0) form.setValue('timeFormat', best);
  };
  // Not a form of its own: it sits in the import form, and saves with its own button.
  const save = form.handleSubmit(async (input) => {
    setLeft([]);
    const result = await saveMapping.run(input);
    if (!result.ok) return setLeft(applyFailure(form, result.error, ['name', 'hasHeading', 'timeFormat', 'columns']));
    onSaved(result.value);
  });

  return (
    <FormProvider {...form}>
      <section className="mapping-builder" aria-label="New column mapping">
        <div className="form-actions">
          <button type="button" onClick={() => void read(delimiter)} disabled={!path}>
            Read the file&apos;s first lines
          </button>
          {!path ? <span className="note">Give the path of the file above first.</span> : null}
        </div>
        <InlineError message={readProblem} />
        {preview && delimiter ? (
          <>
            <div className="form-row">
              <label>
                Columns separated by
                <select aria-label="Columns separated by" value={delimiter} onChange={(event) => void read(event.target.value as CsvFilePreview['delimiter'])}>
                  {csvDelimiters.map((choice) => (
                    <option key={choice} value={choice}>
                      {csvDelimiterLabels[choice]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="checkbox">
                <input type="checkbox" {...form.register('hasHeading')} />
                The first line holds the column headings
              </label>
            </div>
            <div className="preview-scroll">
              <table className="table">
                <caption>First lines of {fileName(preview.path)}</caption>
                <thead>
                  <tr>
                    {Array.from({ length: width }, (_, index) => (
                      <th key={index} scope="col">
                        {columnName(index)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {(values.hasHeading ? preview.rows : [preview.firstRow, ...preview.rows]).slice(0, 6).map((row, rowIndex) => (
                    <tr key={rowIndex}>
                      {Array.from({ length: width }, (_, index) => (
                        <td key={index}>{row[index] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="form-row three">
              {csvMappingFields.map((field) => {
                const label = `${csvMappingFieldLabels[field].charAt(0).toUpperCase()}${csvMappingFieldLabels[field].slice(1)}${field === 'start' ? ' (required)' : ''}`;
                return (
                  <label key={field}>
                    {label}
                    <select
                      aria-label={label}
                      {...form.register(`columns.${field}`, { onChange: (event: { target: { value: string } }) => field === 'start' && event.target.value !== '' && guessTimeFormat(Number(event.target.value)) })}
                      {...describedBy(form, `columns.${field}`)}
                    >
                      <option value="">{field === 'start' ? 'Choose a column…' : 'Not in this file'}</option>
                      {Array.from({ length: width }, (_, index) => (
                        <option key={index} value={String(index)}>
                          {columnName(index)}
                        </option>
                      ))}
                    </select>
                    <FieldProblemText name={`columns.${field}`} />
                  </label>
                );
              })}
            </div>
            <p className="note">
              Without a direction column calls count as inbound; without an answered column a call with billable seconds (or a duration) was answered. Give the duration or the
              billable seconds, in seconds or as H:MM:SS.
            </p>
            <div className="form-row">
              <label>
                Call start written as
                <select aria-label="Call start written as" {...form.register('timeFormat')}>
                  {csvTimeFormats.map((format) => (
                    <option key={format} value={format}>
                      {csvTimeFormatLabels[format]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Name of the mapping
                <input {...form.register('name')} placeholder="e.g. Hosted PBX export" {...describedBy(form, 'name')} />
                <FieldProblemText name="name" />
              </label>
            </div>
            <FormProblems also={left} />
            <div className="form-actions">
              <button type="button" className="primary" onClick={() => void save()} disabled={saveMapping.pending}>
                Save mapping
              </button>
            </div>
          </>
        ) : null}
      </section>
    </FormProvider>
  );
}
