import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ItemPicker } from '../../components/ItemPicker';
import type { FieldProblem, WorkbenchFailure } from '../../../../core/contract';
import { instantFromLocal, isKnownZone, localInputValue } from '../../../../core/incidents/calendar';
import { breachTypes, incidentEvents, incidentInputSchema, type IncidentDetail, type IncidentEvent, type IncidentInput } from '../../../../core/incidents/model';
import { incidentEventLabels } from '../../../../core/incidents/labels';
import { sectors } from '../../../../core/incidents/rules';
import { workbench } from '../../bridge';
import { Checkboxes, describeField, humanize, InlineError, invalidInput, problemAt, problemsOf, problemsWith, readableMessage, ZoneOptions } from '../../components/common';
import type { IncidentDraft } from '../../store';
import { useOperation } from '../../useOperation';
import { useVocabulary } from '../../useVocabulary';
import { localZone } from './time';
import { useAppStore } from '../../store';

const mainEvents: IncidentEvent[] = ['occurred', 'detected', 'aware'];
const sectorLabels: Record<(typeof sectors)[number], string> = { nis2: 'NIS2 entity', dora: 'DORA financial entity', hipaa: 'HIPAA covered entity', sec: 'SEC registrant' };

/**
 * Logs a breach (or a drill), or edits one. Times are typed as wall-clock times in the incident's
 * zone and stored as instants with that zone. A refused field is named beside the form's top.
 */
/** The events that take the detection time until they are given their own. */
const followsDetection: IncidentEvent[] = ['discovered', 'determined'];

export function IncidentForm(props: { drill: boolean; draft: IncidentDraft | null; editing?: IncidentDetail; onSaved(incident: IncidentDetail): void; onCancel(): void }) {
  const initial = props.editing;
  const vocabulary = useVocabulary();
  const activities = useOperation('listActivities', {});
  const processors = useOperation('listProcessors', {});
  const [title, setTitle] = useState(initial?.title ?? props.draft?.title ?? '');
  const workspaceZone = useAppStore((state) => state.workspace?.timeZone);
  const [zone, setZone] = useState(initial?.zone ?? workspaceZone ?? localZone());
  /**
   * Detection is usually discovery and determination too: they follow it while empty or still
   * equal to it, visibly, and can be changed (issue 16: US state clocks count from them).
   */
  const setMainTime = (name: IncidentEvent, value: string) =>
    setTimes((before) => {
      const next = { ...before, [name]: value };
      if (name === 'detected') {
        for (const follower of followsDetection) if (!before[follower] || before[follower] === before.detected) next[follower] = value;
      }
      return next;
    });
  const [times, setTimes] = useState<Partial<Record<IncidentEvent, string>>>(() =>
    Object.fromEntries(Object.entries(initial?.events ?? {}).map(([event, value]) => [event, localInputValue(new Date(value.at), initial!.zone)])),
  );
  const [justification, setJustification] = useState(initial?.awarenessJustification ?? '');
  const [nature, setNature] = useState(initial?.nature ?? props.draft?.nature ?? '');
  const [types, setTypes] = useState<string[]>(initial?.breachTypes ?? []);
  const [categories, setCategories] = useState<string[]>(initial?.dataCategories ?? props.draft?.dataCategories ?? []);
  const [subjects, setSubjects] = useState(initial?.subjectsApprox?.toString() ?? '');
  const [records, setRecords] = useState(initial?.recordsApprox?.toString() ?? '');
  const [affected, setAffected] = useState<Array<{ where: string; count: string }>>(initial?.affected.map((entry) => ({ where: entry.where, count: String(entry.count) })) ?? []);
  const [chosenSectors, setSectors] = useState<string[]>(initial?.sectors ?? []);
  const [established, setEstablished] = useState((initial?.established ?? []).join(', '));
  const [processorEstablished, setProcessorEstablished] = useState((initial?.processorEstablished ?? []).join(', '));
  const [smallAgent, setSmallAgent] = useState(initial?.smallAgent ?? false);
  const [contactPoint, setContactPoint] = useState(initial?.contactPoint ?? '');
  const [consequences, setConsequences] = useState(initial?.consequences ?? '');
  const [measures, setMeasures] = useState(initial?.measures ?? '');
  const [activityIds, setActivityIds] = useState<string[]>(initial?.activityIds ?? props.draft?.activityIds ?? []);
  const [processorIds, setProcessorIds] = useState<string[]>(initial?.processorIds ?? props.draft?.processorIds ?? []);
  const [risk, setRisk] = useState({
    exfiltration: initial?.riskFacts?.exfiltration ?? '',
    recipient: initial?.riskFacts?.recipient ?? '',
    encrypted: initial?.riskFacts?.encryptedStateOfTheArt ?? false,
    hashed: initial?.riskFacts?.hashedStateOfTheArt ?? false,
    restoration: initial?.riskFacts?.restoredWithinHours === null ? 'lost' : typeof initial?.riskFacts?.restoredWithinHours === 'number' ? 'restored' : '',
    restoredWithinHours: initial?.riskFacts?.restoredWithinHours?.toString() ?? '',
    backup: initial?.riskFacts?.backup ?? '',
    recovery: initial?.riskFacts?.recovery ?? '',
    impersonation: initial?.riskFacts?.impersonation ?? false,
    malicious: initial?.riskFacts?.malicious ?? false,
    vulnerable: initial?.riskFacts?.vulnerableSubjects ?? false,
  });
  const [error, setError] = useState<WorkbenchFailure | null>(null);
  // Every problem the service named, each also shown beside its own field.
  const problems = error ? problemsOf(error) : [];
  const problem = (field: string) => problemAt(error, field);
  const [saving, setSaving] = useState(false);
  const top = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!error) return;
    // The form is long: bring the message into view, and the keyboard to the field at fault.
    const alert = top.current?.querySelector<HTMLElement>('[role="alert"]');
    alert?.scrollIntoView({ block: 'center' });
    (top.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? alert)?.focus();
  }, [error]);
  const detectionDiffers = Boolean(times.detected && times.aware && times.detected !== times.aware);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every problem found before sending is listed at once, each beside its field (issue 19, point 3).
    const found: FieldProblem[] = [];
    const events: IncidentInput['events'] = {};
    for (const [name, local] of Object.entries(times)) {
      if (!local) continue;
      const at = instantFromLocal(local, zone);
      if (!at) found.push({ field: `events.${name}`, message: 'not a date and time' });
      else events[name as IncidentEvent] = { at, zone };
    }
    /** A whole number typed with or without thousands separators; a wrong one is a problem of its field. */
    const whole = (text: string, field: string): number | null => {
      const cleaned = text.replace(/[\s,']/g, '');
      if (cleaned === '') return null;
      if (/^\d+$/.test(cleaned)) return Number(cleaned);
      found.push({ field, message: `"${text}" is not a whole number` });
      return null;
    };
    const subjectsCount = whole(subjects, 'subjectsApprox');
    const recordsCount = whole(records, 'recordsApprox');
    const counts: number[] = [];
    for (const [index, entry] of affected.entries()) {
      if (!entry.where.trim()) continue;
      counts.push(whole(entry.count, `affected.${index}.count`) ?? 0);
    }
    if (risk.restoration === 'restored' && !risk.restoredWithinHours.trim()) {
      found.push({ field: 'riskFacts.restoredWithinHours', message: 'give the number of hours, or choose "Not known yet"' });
    } else if (risk.restoration === 'restored' && !/^\d+(\.\d+)?$/.test(risk.restoredWithinHours.trim())) {
      found.push({ field: 'riskFacts.restoredWithinHours', message: `"${risk.restoredWithinHours}" is not a number of hours` });
    }
    const input: IncidentInput = {
      title,
      drill: initial?.drill ?? props.drill,
      status: initial?.status ?? 'open',
      zone,
      events,
      awarenessJustification: detectionDiffers ? justification.trim() || null : null,
      nature: nature.trim() || null,
      breachTypes: types as IncidentInput['breachTypes'],
      dataCategories: categories,
      subjectsApprox: subjectsCount,
      recordsApprox: recordsCount,
      affected: affected.filter((entry) => entry.where.trim()).map((entry, index) => ({ where: entry.where.trim().toUpperCase(), count: counts[index]! })),
      sectors: chosenSectors as IncidentInput['sectors'],
      established: [...new Set(established.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))],
      processorEstablished: [...new Set(processorEstablished.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))],
      smallAgent,
      contactPoint: contactPoint.trim() || null,
      consequences: consequences.trim() || null,
      measures: measures.trim() || null,
      activityIds,
      processorIds,
      riskFacts:
        risk.exfiltration || risk.recipient || risk.encrypted || risk.hashed || risk.restoration || risk.backup || risk.recovery || risk.impersonation || risk.malicious || risk.vulnerable
          ? {
              breachTypes: [],
              dataCategories: [],
              vulnerableSubjects: risk.vulnerable,
              encryptedStateOfTheArt: risk.encrypted,
              hashedStateOfTheArt: risk.hashed,
              malicious: risk.malicious,
              impersonation: risk.impersonation,
              ...(risk.exfiltration ? { exfiltration: risk.exfiltration as 'confirmed' } : {}),
              ...(risk.recipient ? { recipient: risk.recipient as 'unknown' } : {}),
              ...(risk.recovery ? { recovery: risk.recovery as 'confirmed' } : {}),
              ...(risk.backup ? { backup: risk.backup as 'available' } : {}),
              // Not restored is a fact (null); not known yet leaves it out. Hours the service checks, naming the field.
              ...(risk.restoration === 'lost' ? { restoredWithinHours: null } : risk.restoration === 'restored' ? { restoredWithinHours: Number(risk.restoredWithinHours) } : {}),
            }
          : null,
    };
    // The contract's own schema says what the service would refuse, every problem of it, before anything is sent.
    for (const problem of problemsWith(incidentInputSchema, input)?.problems ?? []) if (!found.some((entry) => entry.field === problem.field)) found.push(problem);
    if (found.length) return setError(invalidInput(found));
    setSaving(true);
    const result = initial ? await workbench.updateIncident({ id: initial.id, changes: input }) : await workbench.createIncident(input);
    setSaving(false);
    if (result.ok) props.onSaved(result.value);
    else setError(result.error);
  };
  const kind = (initial?.drill ?? props.drill) ? 'drill' : 'breach';

  return (
    <form ref={top} className="record-form incident-form" aria-label={initial ? 'Edit incident' : kind === 'drill' ? 'New drill' : 'New breach'} onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}>
      <h2>{initial ? `Edit ${initial.title}` : kind === 'drill' ? 'New drill (kept out of the register and reports)' : 'Log a breach'}</h2>
      {error ? (
        <div className="failure" role="alert" tabIndex={-1}>
          {problems.length > 1 ? (
            <>
              Not saved: {problems.length} things to correct (each is also shown beside its field).
              <ul>
                {problems.map((problem) => (
                  <li key={`${problem.field}:${problem.message}`}>{problem.field ? `${fieldLabel(problem.field)}: ${problem.message}` : problem.message}</li>
                ))}
              </ul>
            </>
          ) : problems[0]?.field ? (
            <>
              Not saved. {fieldLabel(problems[0].field)}: {problems[0].message}
            </>
          ) : (
            <>Not saved. {readableMessage(error)}</>
          )}
        </div>
      ) : null}
      <label>
        Title
        <input autoFocus value={title} onChange={(event) => setTitle(event.target.value)} placeholder="e.g. Laptop stolen from a car" aria-invalid={problem('title') !== null} />
        <InlineError message={problem('title')} />
      </label>
      <label>
        Time zone of the incident (deadlines in days end at midnight here)
        <input
          value={zone}
          onChange={(event) => {
            const next = event.target.value;
            // The events stay the same instants: their wall-clock times are rewritten in the new zone.
            if (isKnownZone(zone) && isKnownZone(next) && next !== zone) {
              const moved: typeof times = {};
              for (const [name, local] of Object.entries(times)) {
                const at = local ? instantFromLocal(local, zone) : null;
                moved[name as IncidentEvent] = at ? localInputValue(new Date(at), next) : local;
              }
              setTimes(moved);
            }
            setZone(next);
          }}
          list="time-zones"
          aria-invalid={problem('zone') !== null}
        />
        <InlineError message={problem('zone')} />
        <ZoneOptions id="time-zones" />
      </label>
      <fieldset>
        <legend>When (times in {zone})</legend>
        <div className="form-row three">
          {mainEvents.map((name) => (
            <label key={name}>
              {incidentEventLabels[name]}
              <input type="datetime-local" value={times[name] ?? ''} onChange={(event) => setMainTime(name, event.target.value)} aria-invalid={problem(`events.${name}`) !== null} />
              <InlineError message={problem(`events.${name}`)} />
            </label>
          ))}
        </div>
        {detectionDiffers ? (
          <label>
            Why awareness came after detection
            <input value={justification} onChange={(event) => setJustification(event.target.value)} aria-invalid={problem('awarenessJustification') !== null} placeholder="e.g. it took two hours to confirm personal data was involved" />
            <InlineError message={problem('awarenessJustification')} />
          </label>
        ) : null}
        {followsDetection.some((name) => times[name] && times[name] === times.detected) ? (
          <p className="row-meta" role="note">
            Discovery and determination take the detection time (US state clocks count from them); change them below if they came later.
          </p>
        ) : null}
        <details open={followsDetection.some((name) => times[name] && times[name] === times.detected) || undefined}>
          <summary>Other events that start clocks (discovery, determination, materiality, classification as major…)</summary>
          <div className="form-row three">
            {incidentEvents
              .filter((name) => !mainEvents.includes(name))
              .map((name) => (
                <label key={name}>
                  {incidentEventLabels[name]}
                  <input type="datetime-local" value={times[name] ?? ''} onChange={(event) => setTimes({ ...times, [name]: event.target.value })} />
                </label>
              ))}
          </div>
        </details>
      </fieldset>
      <label>
        Nature of the breach — Art. 33(3)(a)
        <textarea rows={2} value={nature} onChange={(event) => setNature(event.target.value)} />
      </label>
      <fieldset>
        <legend>Breach type</legend>
        <Checkboxes options={breachTypes.map((type) => ({ value: type, label: humanize(type) }))} chosen={types} onChange={setTypes} />
      </fieldset>
      <fieldset>
        <legend>Personal data involved</legend>
        <Checkboxes options={vocabulary['data-category'].map((category) => ({ value: category.code, label: category.label }))} chosen={categories} onChange={setCategories} />
      </fieldset>
      <div className="form-row">
        <label>
          People affected (approx.)
          <input inputMode="numeric" value={subjects} onChange={(event) => setSubjects(event.target.value)} aria-invalid={problem('subjectsApprox') !== null} />
          <InlineError message={problem('subjectsApprox')} />
        </label>
        <label>
          Records affected (approx.)
          <input inputMode="numeric" value={records} onChange={(event) => setRecords(event.target.value)} aria-invalid={problem('recordsApprox') !== null} />
          <InlineError message={problem('recordsApprox')} />
        </label>
      </div>
      <fieldset>
        <legend>Where the people affected live (country, or US state such as US-TX)</legend>
        {affected.map((entry, index) => (
          <div className="transfer-row affected-row" key={index}>
            <input aria-label={`Residence ${index + 1}`} placeholder="DE, US-TX…" value={entry.where} onChange={(event) => setAffected(affected.map((row, at) => (at === index ? { ...row, where: event.target.value } : row)))} aria-invalid={problem(`affected.${index}.where`) !== null} />
            <input aria-label={`People in residence ${index + 1}`} inputMode="numeric" placeholder="How many" value={entry.count} onChange={(event) => setAffected(affected.map((row, at) => (at === index ? { ...row, count: event.target.value } : row)))} aria-invalid={problem(`affected.${index}.count`) !== null} />
            <button type="button" className="link" onClick={() => setAffected(affected.filter((_, at) => at !== index))}>
              Remove
            </button>
            <InlineError message={problem(`affected.${index}`)} />
          </div>
        ))}
        <button type="button" className="link" onClick={() => setAffected([...affected, { where: '', count: '' }])}>
          Add a place of residence
        </button>
      </fieldset>
      <fieldset>
        <legend>The organisation is a…</legend>
        <Checkboxes options={sectors.map((sector) => ({ value: sector, label: sectorLabels[sector] }))} chosen={chosenSectors} onChange={setSectors} />
        <label>
          Established in (countries where the controller has an establishment, e.g. DE, GB; the GDPR and the UK GDPR apply by establishment too)
          <input value={established} onChange={(event) => setEstablished(event.target.value)} placeholder="e.g. FR, GB" aria-invalid={problem('established') !== null} />
          <InlineError message={problem('established')} />
        </label>
        <label>
          Processor involved established in (countries; a processor in the Union or the UK must tell the controller without undue delay, Art. 33(2))
          <input value={processorEstablished} onChange={(event) => setProcessorEstablished(event.target.value)} placeholder="e.g. IE" aria-invalid={problem('processorEstablished') !== null} />
          <InlineError message={problem('processorEstablished')} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={smallAgent} onChange={(event) => setSmallAgent(event.target.checked)} /> A small processing agent in Brazil (Res. CD/ANPD 2/2022: the ANPD&apos;s deadlines doubled)
        </label>
      </fieldset>
      <label>
        Contact point (DPO) — Art. 33(3)(b)
        <input value={contactPoint} onChange={(event) => setContactPoint(event.target.value)} />
      </label>
      <label>
        Likely consequences — Art. 33(3)(c)
        <textarea rows={2} value={consequences} onChange={(event) => setConsequences(event.target.value)} />
      </label>
      <label>
        Measures taken or proposed — Art. 33(3)(d)
        <textarea rows={2} value={measures} onChange={(event) => setMeasures(event.target.value)} />
      </label>
      <details className="form-group" open={Boolean(props.draft || activityIds.length || processorIds.length)}>
        <summary>Processing activities and vendors involved</summary>
        <div className="picker-pair">
          <ItemPicker
            label="Processing activities involved"
            items={activities.state === 'ready' ? activities.value.map((activity) => ({ id: activity.id, label: activity.name, detail: activity.organisationName })) : []}
            chosen={activityIds}
            onChange={setActivityIds}
            placeholder="Search activities"
          />
          <ItemPicker
            label="Vendors involved"
            items={processors.state === 'ready' ? processors.value.map((processor) => ({ id: processor.id, label: processor.name, detail: processor.service })) : []}
            chosen={processorIds}
            onChange={setProcessorIds}
            placeholder="Search vendors"
          />
        </div>
      </details>
      <details className="form-group" open={Boolean(initial?.riskFacts)}>
        <summary>Risk facts (for the advice on notifying)</summary>
        <div className="form-row">
          <label>
            Data taken?
            <select value={risk.exfiltration} onChange={(event) => setRisk({ ...risk, exfiltration: event.target.value })}>
              <option value="">Not known</option>
              <option value="confirmed">Confirmed</option>
              <option value="possible">Possible</option>
              <option value="excluded">Excluded</option>
            </select>
          </label>
          <label>
            Who may have it
            <select value={risk.recipient} onChange={(event) => setRisk({ ...risk, recipient: event.target.value })}>
              <option value="">Not known</option>
              <option value="malicious">A malicious party (attacker, thief, fraudster)</option>
              <option value="unknown">Unknown recipients</option>
              <option value="identified">Identified people (a wrong addressee, an insider)</option>
              <option value="trusted">A trusted recipient bound to secrecy</option>
            </select>
          </label>
          <label>
            Recovered from them?
            <select value={risk.recovery} onChange={(event) => setRisk({ ...risk, recovery: event.target.value })}>
              <option value="">No, or not known</option>
              <option value="requested">Asked at once to delete it</option>
              <option value="confirmed">Returned or deleted, confirmed</option>
            </select>
          </label>
        </div>
        <div className="form-row">
          <label>
            Data available (or put right) again?
            <select value={risk.restoration} onChange={(event) => setRisk({ ...risk, restoration: event.target.value })}>
              <option value="">Not known yet</option>
              <option value="restored">Yes, restored</option>
              <option value="lost">No, not restored</option>
            </select>
          </label>
          {risk.restoration === 'restored' ? (
            <label>
              Restored within (hours)
              <input inputMode="decimal" value={risk.restoredWithinHours} onChange={(event) => setRisk({ ...risk, restoredWithinHours: event.target.value })} />
            </label>
          ) : null}
          <label>
            Backup
            <select value={risk.backup} onChange={(event) => setRisk({ ...risk, backup: event.target.value })}>
              <option value="">Not known</option>
              <option value="available">A usable backup exists</option>
              <option value="none">No backup</option>
            </select>
          </label>
        </div>
        <div className="checkbox-grid">
          <label className="checkbox">
            <input type="checkbox" checked={risk.encrypted} onChange={(event) => setRisk({ ...risk, encrypted: event.target.checked })} /> Encrypted, state of the art, key safe
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={risk.hashed} onChange={(event) => setRisk({ ...risk, hashed: event.target.checked })} /> Hashed, state of the art (keyed or salted)
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={risk.impersonation} onChange={(event) => setRisk({ ...risk, impersonation: event.target.checked })} /> Enough to impersonate (name with date of birth, an official number)
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={risk.malicious} onChange={(event) => setRisk({ ...risk, malicious: event.target.checked })} /> Malicious intent
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={risk.vulnerable} onChange={(event) => setRisk({ ...risk, vulnerable: event.target.checked })} /> Vulnerable people
          </label>
        </div>
      </details>
      <div className="form-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : initial ? 'Save changes' : kind === 'drill' ? 'Start the drill' : 'Log the breach'}
        </button>
      </div>
    </form>
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
