import { useState } from 'react';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Badge, EmptyState, humanize, Failure, Field, Loading, TextField } from '../../components/common';
import { TabPanel, Tabs, useTabIds } from '../../components/Tabs';
import { useOperation } from '../../useOperation';
import { Disposal } from './Disposal';
import { ImportPanel } from './ImportPanel';
import { LegalHolds } from './LegalHolds';
import { RecordingFilesPanel } from './RecordingFilesPanel';
import { RecordingRegister } from './RecordingRegister';
import { RetentionRules } from './RetentionRules';

const tabs = [
  ['register', 'Register'],
  ['holds', 'Legal holds'],
  ['disposal', 'Disposal'],
  ['import', 'Import'],
  ['rules', 'Retention rules'],
  ['files', 'Files and settings'],
  ['practices', 'Practices'],
] as const;
type Tab = (typeof tabs)[number][0];

/** Call recordings: the register with its retention clocks, imports, files, holds and disposal. */
export function RecordingsView() {
  const [tab, setTab] = useState<Tab>('register');
  const ids = useTabIds();
  return (
    <div className="section">
      <header className="section-header">
        <h1>Call recordings</h1>
        <Tabs label="Call recordings" tabs={tabs} selected={tab} onSelect={setTab} ids={ids} />
      </header>
      <TabPanel ids={ids} selected={tab}>
        {tab === 'register' ? <RecordingRegister /> : null}
        {tab === 'holds' ? <LegalHolds /> : null}
        {tab === 'disposal' ? <Disposal /> : null}
        {tab === 'import' || tab === 'files' || tab === 'practices' || tab === 'rules' ? (
          <div className="section-body">
            {tab === 'import' ? <ImportPanel onImported={() => setTab('register')} /> : null}
            {tab === 'files' ? <RecordingFilesPanel /> : null}
            {tab === 'rules' ? <RetentionRules /> : null}
            {tab === 'practices' ? <Practices onRules={() => setTab('rules')} /> : null}
          </div>
        ) : null}
      </TabPanel>
    </div>
  );
}

function Practices({ onRules }: { onRules(): void }) {
  const practices = useOperation('listRecordingPractices', {});
  return (
    <>
      <div className="card-stack-toolbar">
        <p className="muted">
          What each organisation says about recording calls. The dates each recording is kept to come from the retention rules of its purposes.
        </p>
        <button onClick={onRules}>Set the retention rules…</button>
      </div>
      {practices.state === 'loading' ? <Loading /> : null}
      {practices.state === 'failed' ? <Failure error={practices.error} /> : null}
      {practices.state === 'ready' && !practices.value.length ? (
        <EmptyState title="No recording practice documented">
          If your organisation records telephone calls, document why, whether recordings are linked to support tickets, and how long they
          are kept.
        </EmptyState>
      ) : null}
      {practices.state === 'ready'
        ? practices.value.map((practice) => (
            <article key={practice.id} className="record card" aria-label={`Recording practice of ${practice.organisationName}`}>
              <header className="record-header">
                <div>
                  <div className="record-kind">Recording practice</div>
                  <h2>{practice.organisationName}</h2>
                </div>
                {practice.retention ? null : <Badge tone="warning">No retention period stated</Badge>}
              </header>
              <dl className="fields">
                <Field label="Purposes" wide>
                  <ul className="plain-list">
                    {practice.purposes.map((purpose) => (
                      <li key={purpose}>{humanize(purpose)}</li>
                    ))}
                  </ul>
                </Field>
                <Field label="Linked to support tickets">{practice.linkedToTickets ? 'Yes' : 'No'}</Field>
                <TextField label="Retention" value={practice.retention} />
                <TextField label="Notice to callers" wide value={practice.notice} />
                <TextField label="Source" wide value={practice.source} />
              </dl>
              <ChangeHistory entity="recording-practice" entityId={practice.id} />
            </article>
          ))
        : null}
    </>
  );
}
