import { useRef, useState } from 'react';
import { Controller, FormProvider, useFieldArray, useWatch } from 'react-hook-form';
import { ItemPicker } from '../../components/ItemPicker';
import { instantFromLocal, isKnownZone, localInputValue } from '../../../../core/incidents/calendar';
import { breachTypes, incidentEvents, incidentInputSchema, type IncidentDetail, type IncidentEvent, type IncidentInput } from '../../../../core/incidents/model';
import { incidentEventLabels } from '../../../../core/incidents/labels';
import { sectors } from '../../../../core/incidents/rules';
import { Checkboxes, describeField, humanize, ZoneOptions } from '../../components/common';
import { applyFailure, describedBy, FieldProblemText, focusFirstProblem, FormProblems, textOrNull, useMappedContractForm, useWrite } from '../../forms';
import type { IncidentDraft } from '../../store';
import { useOperation } from '../../useOperation';
import { useVocabulary } from '../../useVocabulary';
import { localZone } from './time';
import { useAppStore } from '../../store';

const mainEvents: IncidentEvent[] = ['occurred', 'detected', 'aware'];
const sectorLabels: Record<(typeof sectors)[number], string> = { nis2: 'NIS2 entity', dora: 'DORA financial entity', hipaa: 'HIPAA covered entity', sec: 'SEC registrant' };

/** The events that take the detection time until they are given their own. */
const followsDetection: IncidentEvent[] = ['discovered', 'determined'];

/** The risk facts as the form asks them: each answer empty until given. */
type RiskFields = {
  exfiltration: string;
  recipient: string;
  recovery: string;
  backup: string;
  /** Restored, not restored ('lost') or not known yet (''). */
  restoration: '' | 'restored' | 'lost';
  restoredWithinHours: string;
  encryptedStateOfTheArt: boolean;
  hashedStateOfTheArt: boolean;
  impersonation: boolean;
  malicious: boolean;
  vulnerableSubjects: boolean;
};

/**
 * What the breach form holds: the contract's input, field for field, with times as wall-clock
 * text in the incident's zone, counts and country lists as typed, and the risk facts as answers.
 */
type IncidentFields = {
  title: string;
  zone: string;
  events: Partial<Record<IncidentEvent, string>>;
  awarenessJustification: string;
  nature: string;
  breachTypes: string[];
  dataCategories: string[];
  subjectsApprox: string;
  recordsApprox: string;
  affected: Array<{ where: string; count: string }>;
  sectors: string[];
  established: string;
  processorEstablished: string;
  smallAgent: boolean;
  contactPoint: string;
  consequences: string;
  measures: string;
  activityIds: string[];
  processorIds: string[];
  riskFacts: RiskFields;
};

function fieldsOf(initial: IncidentDetail | undefined, draft: IncidentDraft | null, zone: string): IncidentFields {
  const risk = initial?.riskFacts;
  return {
    title: initial?.title ?? draft?.title ?? '',
    zone: initial?.zone ?? zone,
    events: Object.fromEntries(Object.entries(initial?.events ?? {}).map(([event, value]) => [event, localInputValue(new Date(value.at), initial!.zone)])),
    awarenessJustification: initial?.awarenessJustification ?? '',
    nature: initial?.nature ?? draft?.nature ?? '',
    breachTypes: initial?.breachTypes ?? [],
    dataCategories: initial?.dataCategories ?? draft?.dataCategories ?? [],
    subjectsApprox: initial?.subjectsApprox?.toString() ?? '',
    recordsApprox: initial?.recordsApprox?.toString() ?? '',
    affected: initial?.affected.map((entry) => ({ where: entry.where, count: String(entry.count) })) ?? [],
    sectors: initial?.sectors ?? [],
    established: (initial?.established ?? []).join(', '),
    processorEstablished: (initial?.processorEstablished ?? []).join(', '),
    smallAgent: initial?.smallAgent ?? false,
    contactPoint: initial?.contactPoint ?? '',
    consequences: initial?.consequences ?? '',
    measures: initial?.measures ?? '',
    activityIds: initial?.activityIds ?? draft?.activityIds ?? [],
    processorIds: initial?.processorIds ?? draft?.processorIds ?? [],
    riskFacts: {
      exfiltration: risk?.exfiltration ?? '',
      recipient: risk?.recipient ?? '',
      recovery: risk?.recovery ?? '',
      backup: risk?.backup ?? '',
      restoration: risk?.restoredWithinHours === null ? 'lost' : typeof risk?.restoredWithinHours === 'number' ? 'restored' : '',
      restoredWithinHours: risk?.restoredWithinHours?.toString() ?? '',
      encryptedStateOfTheArt: risk?.encryptedStateOfTheArt ?? false,
      hashedStateOfTheArt: risk?.hashedStateOfTheArt ?? false,
      impersonation: risk?.impersonation ?? false,
      malicious: risk?.malicious ?? false,
      vulnerableSubjects: risk?.vulnerableSubjects ?? false,
    },
  };
}

const countries = (text: string) => [...new Set(text.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))];
const detectionDiffers = (events: IncidentFields['events']) => Boolean(events.detected && events.aware && events.detected !== events.aware);

/**
 * The write the fields make. Times are read in the incident's zone; counts are whole numbers typed
 * with or without thousands separators. What cannot be read is refused by the path it was for.
 */
function inputOf(values: IncidentFields, kept: { drill: boolean; status: IncidentInput['status']; events: IncidentInput['events'] }, refuse: (path: string, message: string) => void) {
  const events: IncidentInput['events'] = {};
  for (const [name, local] of Object.entries(values.events)) {
    if (!local) continue;
    // The form shows minutes: a time shown as it was keeps its instant to the millisecond.
    const original = kept.events[name as IncidentEvent];
    if (original && isKnownZone(values.zone) && localInputValue(new Date(original.at), values.zone) === local) {
      events[name as IncidentEvent] = { at: original.at, zone: values.zone };
      continue;
    }
    const at = instantFromLocal(local, values.zone);
    if (at) events[name as IncidentEvent] = { at, zone: values.zone };
    else if (isKnownZone(values.zone)) refuse(`events.${name}`, 'not a date and time');
  }
  const whole = (text: string, path: string): number | null => {
    const cleaned = text.replace(/[\s,']/g, '');
    if (cleaned === '') return null;
    if (/^\d+$/.test(cleaned)) return Number(cleaned);
    refuse(path, `"${text}" is not a whole number`);
    return null;
  };
  const risk = values.riskFacts;
  let restoredWithinHours: number | null | undefined;
  if (risk.restoration === 'lost') restoredWithinHours = null;
  else if (risk.restoration === 'restored') {
    const hours = risk.restoredWithinHours.trim();
    if (!hours) refuse('riskFacts.restoredWithinHours', 'give the number of hours, or choose "Not known yet"');
    else if (!/^\d+(\.\d+)?$/.test(hours)) refuse('riskFacts.restoredWithinHours', `"${risk.restoredWithinHours}" is not a number of hours`);
    else restoredWithinHours = Number(hours);
  }
  const answered = Object.entries(risk).some(([key, value]) => key !== 'restoredWithinHours' && Boolean(value));
  return {
    title: values.title,
    drill: kept.drill,
    status: kept.status,
    zone: values.zone,
    events,
    awarenessJustification: detectionDiffers(values.events) ? textOrNull(values.awarenessJustification) : null,
    nature: textOrNull(values.nature),
    breachTypes: values.breachTypes,
    dataCategories: values.dataCategories,
    subjectsApprox: whole(values.subjectsApprox, 'subjectsApprox'),
    recordsApprox: whole(values.recordsApprox, 'recordsApprox'),
    // A row without a place is no row (the input's paths count only the rows sent).
    affected: values.affected
      .filter((entry) => entry.where.trim())
      .map((entry, index) => ({ where: entry.where.trim().toUpperCase(), count: whole(entry.count, `affected.${index}.count`) ?? 0 })),
    sectors: values.sectors,
    established: countries(values.established),
    processorEstablished: countries(values.processorEstablished),
    smallAgent: values.smallAgent,
    contactPoint: textOrNull(values.contactPoint),
    consequences: textOrNull(values.consequences),
    measures: textOrNull(values.measures),
    activityIds: values.activityIds,
    processorIds: values.processorIds,
    riskFacts: answered
      ? {
          breachTypes: [],
          dataCategories: [],
          vulnerableSubjects: risk.vulnerableSubjects,
          encryptedStateOfTheArt: risk.encryptedStateOfTheArt,
          hashedStateOfTheArt: risk.hashedStateOfTheArt,
          malicious: risk.malicious,
          impersonation: risk.impersonation,
          ...(risk.exfiltration ? { exfiltration: risk.exfiltration } : {}),
          ...(risk.recipient ? { recipient: risk.recipient } : {}),
          ...(risk.recovery ? { recovery: risk.recovery } : {}),
          ...(risk.backup ? { backup: risk.backup } : {}),
          // Not restored is a fact (null); not known yet leaves it out.
          ...(restoredWithinHours !== undefined ? { restoredWithinHours } : {}),
        }
      : null,
  };
}

/**
 * The form field a problem of the input belongs to. The input's affected rows are only those
 * with a place: their paths are put back on the rows of the form.
 */
function incidentFieldOf(path: string, values: IncidentFields): string {
  const field = path.replace(/^changes\./, '');
  const event = /^events\.(\w+)/.exec(field);
  if (event) return `events.${event[1]}`;
  const row = /^affected\.(\d+)(\.\w+)?/.exec(field);
  if (row) {
    const rows = values.affected.flatMap((entry, index) => (entry.where.trim() ? [index] : []));
    return `affected.${rows[Number(row[1])] ?? row[1]}${row[2] ?? ''}`;
  }
  if (field.startsWith('riskFacts.')) return field.split('.').slice(0, 2).join('.');
  return field.split('.')[0]!;
}

/**
 * Logs a breach (or a drill), or edits one. Times are typed as wall-clock times in the incident's
 * zone and stored as instants with that zone. The contract's schema checks the whole input before
 * anything is sent: every problem is listed above, in the form's words, and shown beside its field.
 */
export function IncidentForm(props: { drill: boolean; draft: IncidentDraft | null; editing?: IncidentDetail; onSaved(incident: IncidentDetail): void; onCancel(): void }) {
  const initial = props.editing;
  const vocabulary = useVocabulary();
  const activities = useOperation('listActivities', {});
  const processors = useOperation('listProcessors', {});
  const workspaceZone = useAppStore((state) => state.workspace?.timeZone);
  const kept = { drill: initial?.drill ?? props.drill, status: initial?.status ?? ('open' as const), events: initial?.events ?? {} };
  const form = useMappedContractForm(
    incidentInputSchema,
    fieldsOf(initial, props.draft, workspaceZone ?? localZone()),
    (values: IncidentFields, refuse) => inputOf(values, kept, refuse),
    incidentFieldOf,
  );
  const create = useWrite('createIncident');
  const update = useWrite('updateIncident');
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const values = useWatch({ control: form.control }) as IncidentFields;
  const affectedRows = useFieldArray({ control: form.control, name: 'affected' });
  const top = useRef<HTMLFormElement>(null);
  // The form is long: the list of problems is brought into view, the keyboard to the first field at fault.
  const showProblems = () => focusFirstProblem(top.current, { scroll: true });
  const submit = form.handleSubmit(async (input) => {
    setOtherProblems([]);
    const result = initial ? await update.run({ id: initial.id, changes: input }) : await create.run(input);
    if (result.ok) return props.onSaved(result.value);
    setOtherProblems(applyFailure(form, result.error, Object.keys(values), (path) => incidentFieldOf(path, form.getValues())));
    showProblems();
  }, showProblems);
  /**
   * Detection is usually discovery and determination too: they follow it while empty or still
   * equal to it, visibly, and can be changed (issue 16: US state clocks count from them).
   */
  const setTime = (name: IncidentEvent, value: string) => {
    const before = form.getValues('events');
    form.setValue(`events.${name}`, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    if (name === 'detected') for (const follower of followsDetection) if (!before[follower] || before[follower] === before.detected) form.setValue(`events.${follower}`, value, { shouldDirty: true });
  };
  /** The events stay the same instants: their wall-clock times are rewritten in the new zone. */
  const setZone = (next: string) => {
    const zone = form.getValues('zone');
    if (isKnownZone(zone) && isKnownZone(next) && next !== zone) {
      for (const [name, local] of Object.entries(form.getValues('events'))) {
        const at = local ? instantFromLocal(local, zone) : null;
        if (at) form.setValue(`events.${name as IncidentEvent}`, localInputValue(new Date(at), next));
      }
    }
    form.setValue('zone', next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  };
  const kind = kept.drill ? 'drill' : 'breach';
  const followsShown = followsDetection.some((name) => values.events[name] && values.events[name] === values.events.detected);
  /** An event's wall-clock time in the incident's zone, with its problem. */
  const timeField = (name: IncidentEvent) => (
    <label key={name}>
      {incidentEventLabels[name]}
      <input type="datetime-local" value={values.events[name] ?? ''} onChange={(event) => setTime(name, event.target.value)} {...describedBy(form, `events.${name}`)} />
      <FieldProblemText name={`events.${name}`} />
    </label>
  );
  const textArea = (name: 'nature' | 'consequences' | 'measures', label: string) => (
    <label>
      {label}
      <textarea rows={2} {...form.register(name)} {...describedBy(form, name)} />
      <FieldProblemText name={name} />
    </label>
  );
  const picker = (name: 'activityIds' | 'processorIds', label: string, items: Array<{ id: string; label: string; detail: string | null }>, placeholder: string) => (
    <Controller control={form.control} name={name} render={({ field }) => <ItemPicker label={label} items={items} chosen={field.value} onChange={field.onChange} placeholder={placeholder} />} />
  );
  const riskSelect = (name: 'exfiltration' | 'recipient' | 'recovery' | 'backup' | 'restoration', label: string, options: Array<[string, string]>) => (
    <label>
      {label}
      <select {...form.register(`riskFacts.${name}`)}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  const riskCheck = (name: 'encryptedStateOfTheArt' | 'hashedStateOfTheArt' | 'impersonation' | 'malicious' | 'vulnerableSubjects', label: string) => (
    <label className="checkbox">
      <input type="checkbox" {...form.register(`riskFacts.${name}`)} /> {label}
    </label>
  );

  return (
    <FormProvider {...form}>
      <form
        ref={top}
        className="record-form incident-form"
        aria-label={initial ? 'Edit incident' : kind === 'drill' ? 'New drill' : 'New breach'}
        onSubmit={(event) => void submit(event)}
        noValidate
        onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}
      >
        <h2>{initial ? `Edit ${initial.title}` : kind === 'drill' ? 'New drill (kept out of the register and reports)' : 'Log a breach'}</h2>
        <FormProblems also={otherProblems} lead="Not saved." describe={fieldLabel} />
        <label>
          Title
          <input autoFocus {...form.register('title')} placeholder="e.g. Laptop stolen from a car" {...describedBy(form, 'title')} />
          <FieldProblemText name="title" />
        </label>
        <label>
          Time zone of the incident (deadlines in days end at midnight here)
          <input value={values.zone} onChange={(event) => setZone(event.target.value)} list="time-zones" {...describedBy(form, 'zone')} />
          <FieldProblemText name="zone" />
          <ZoneOptions id="time-zones" />
        </label>
        <fieldset>
          <legend>When (times in {values.zone})</legend>
          <div className="form-row three">
            {mainEvents.map(timeField)}
          </div>
          {detectionDiffers(values.events) ? (
            <label>
              Why awareness came after detection
              <input {...form.register('awarenessJustification')} {...describedBy(form, 'awarenessJustification')} placeholder="e.g. it took two hours to confirm personal data was involved" />
              <FieldProblemText name="awarenessJustification" />
            </label>
          ) : null}
          {followsShown ? (
            <p className="row-meta" role="note">
              Discovery and determination take the detection time (US state clocks count from them); change them below if they came later.
            </p>
          ) : null}
          <details open={followsShown || undefined}>
            <summary>Other events that start clocks (discovery, determination, materiality, classification as major…)</summary>
            <div className="form-row three">
              {incidentEvents.filter((name) => !mainEvents.includes(name)).map(timeField)}
            </div>
          </details>
        </fieldset>
        {textArea('nature', 'Nature of the breach — Art. 33(3)(a)')}
        <fieldset>
          <legend>Breach type</legend>
          <Controller control={form.control} name="breachTypes" render={({ field }) => <Checkboxes options={breachTypes.map((type) => ({ value: type, label: humanize(type) }))} chosen={field.value} onChange={field.onChange} />} />
        </fieldset>
        <fieldset>
          <legend>Personal data involved</legend>
          <Controller
            control={form.control}
            name="dataCategories"
            render={({ field }) => <Checkboxes options={vocabulary['data-category'].map((category) => ({ value: category.code, label: category.label }))} chosen={field.value} onChange={field.onChange} />}
          />
        </fieldset>
        <div className="form-row">
          <label>
            People affected (approx.)
            <input inputMode="numeric" {...form.register('subjectsApprox')} {...describedBy(form, 'subjectsApprox')} />
            <FieldProblemText name="subjectsApprox" />
          </label>
          <label>
            Records affected (approx.)
            <input inputMode="numeric" {...form.register('recordsApprox')} {...describedBy(form, 'recordsApprox')} />
            <FieldProblemText name="recordsApprox" />
          </label>
        </div>
        <fieldset>
          <legend>Where the people affected live (country, or US state such as US-TX)</legend>
          {affectedRows.fields.map((row, index) => (
            <div className="transfer-row affected-row" key={row.id}>
              <input aria-label={`Residence ${index + 1}`} placeholder="DE, US-TX…" {...form.register(`affected.${index}.where`)} {...describedBy(form, `affected.${index}.where`, `affected.${index}`)} />
              <input aria-label={`People in residence ${index + 1}`} inputMode="numeric" placeholder="How many" {...form.register(`affected.${index}.count`)} {...describedBy(form, `affected.${index}.count`, `affected.${index}`)} />
              <button type="button" className="link" onClick={() => affectedRows.remove(index)}>
                Remove
              </button>
              <FieldProblemText name={`affected.${index}`} />
            </div>
          ))}
          <button type="button" className="link" onClick={() => affectedRows.append({ where: '', count: '' })}>
            Add a place of residence
          </button>
        </fieldset>
        <fieldset>
          <legend>The organisation is a…</legend>
          <Controller control={form.control} name="sectors" render={({ field }) => <Checkboxes options={sectors.map((sector) => ({ value: sector, label: sectorLabels[sector] }))} chosen={field.value} onChange={field.onChange} />} />
          <label>
            Established in (countries where the controller has an establishment, e.g. DE, GB; the GDPR and the UK GDPR apply by establishment too)
            <input {...form.register('established')} placeholder="e.g. FR, GB" {...describedBy(form, 'established')} />
            <FieldProblemText name="established" />
          </label>
          <label>
            Processor involved established in (countries; a processor in the Union or the UK must tell the controller without undue delay, Art. 33(2))
            <input {...form.register('processorEstablished')} placeholder="e.g. IE" {...describedBy(form, 'processorEstablished')} />
            <FieldProblemText name="processorEstablished" />
          </label>
          <label className="checkbox">
            <input type="checkbox" {...form.register('smallAgent')} /> A small processing agent in Brazil (Res. CD/ANPD 2/2022: the ANPD&apos;s deadlines doubled)
          </label>
        </fieldset>
        <label>
          Contact point (DPO) — Art. 33(3)(b)
          <input {...form.register('contactPoint')} {...describedBy(form, 'contactPoint')} />
          <FieldProblemText name="contactPoint" />
        </label>
        {textArea('consequences', 'Likely consequences — Art. 33(3)(c)')}
        {textArea('measures', 'Measures taken or proposed — Art. 33(3)(d)')}
        <details className="form-group" open={Boolean(props.draft || values.activityIds.length || values.processorIds.length)}>
          <summary>Processing activities and vendors involved</summary>
          <div className="picker-pair">
            {picker(
              'activityIds',
              'Processing activities involved',
              activities.state === 'ready' ? activities.value.map((activity) => ({ id: activity.id, label: activity.name, detail: activity.organisationName })) : [],
              'Search activities',
            )}
            {picker(
              'processorIds',
              'Vendors involved',
              processors.state === 'ready' ? processors.value.map((processor) => ({ id: processor.id, label: processor.name, detail: processor.service })) : [],
              'Search vendors',
            )}
          </div>
        </details>
        <details className="form-group" open={Boolean(initial?.riskFacts) || Boolean(form.formState.errors.riskFacts)}>
          <summary>Risk facts (for the advice on notifying)</summary>
          <div className="form-row">
            {riskSelect('exfiltration', 'Data taken?', [
              ['', 'Not known'],
              ['confirmed', 'Confirmed'],
              ['possible', 'Possible'],
              ['excluded', 'Excluded'],
            ])}
            {riskSelect('recipient', 'Who may have it', [
              ['', 'Not known'],
              ['malicious', 'A malicious party (attacker, thief, fraudster)'],
              ['unknown', 'Unknown recipients'],
              ['identified', 'Identified people (a wrong addressee, an insider)'],
              ['trusted', 'A trusted recipient bound to secrecy'],
            ])}
            {riskSelect('recovery', 'Recovered from them?', [
              ['', 'No, or not known'],
              ['requested', 'Asked at once to delete it'],
              ['confirmed', 'Returned or deleted, confirmed'],
            ])}
          </div>
          <div className="form-row">
            {riskSelect('restoration', 'Data available (or put right) again?', [
              ['', 'Not known yet'],
              ['restored', 'Yes, restored'],
              ['lost', 'No, not restored'],
            ])}
            {values.riskFacts.restoration === 'restored' ? (
              <label>
                Restored within (hours)
                <input inputMode="decimal" {...form.register('riskFacts.restoredWithinHours')} {...describedBy(form, 'riskFacts.restoredWithinHours')} />
                <FieldProblemText name="riskFacts.restoredWithinHours" />
              </label>
            ) : null}
            {riskSelect('backup', 'Backup', [
              ['', 'Not known'],
              ['available', 'A usable backup exists'],
              ['none', 'No backup'],
            ])}
          </div>
          <div className="checkbox-grid">
            {riskCheck('encryptedStateOfTheArt', 'Encrypted, state of the art, key safe')}
            {riskCheck('hashedStateOfTheArt', 'Hashed, state of the art (keyed or salted)')}
            {riskCheck('impersonation', 'Enough to impersonate (name with date of birth, an official number)')}
            {riskCheck('malicious', 'Malicious intent')}
            {riskCheck('vulnerableSubjects', 'Vulnerable people')}
          </div>
        </details>
        <div className="form-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={create.pending || update.pending}>
            {create.pending || update.pending ? 'Saving…' : initial ? 'Save changes' : kind === 'drill' ? 'Start the drill' : 'Log the breach'}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

/** A field of the breach form as the form names it ("Residence 2", not "Affected 2, where"). */
function fieldLabel(path: string): string {
  const field = path.replace(/^changes\./, '');
  const residence = /^affected\.(\d+)\.(where|count)$/.exec(field);
  if (residence) return residence[2] === 'where' ? `Residence ${Number(residence[1]) + 1}` : `People in residence ${Number(residence[1]) + 1}`;
  const event = /^events\.(\w+)/.exec(field);
  if (event && event[1]! in incidentEventLabels) return incidentEventLabels[event[1] as IncidentEvent];
  const labels: Record<string, string> = {
    title: 'Title',
    zone: 'Time zone',
    subjectsApprox: 'People affected',
    recordsApprox: 'Records affected',
    awarenessJustification: 'Why awareness came after detection',
    established: 'Established in',
    processorEstablished: 'Processor established in',
    'riskFacts.restoredWithinHours': 'Restored within (hours)',
  };
  return labels[field] ?? labels[field.split('.')[0]!] ?? describeField(field);
}
