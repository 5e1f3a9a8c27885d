import { useEffect, useState } from 'react';
import { dataCategories, labelOf } from '../../../../core/register/vocabularies';
import { ChangeHistory } from '../../components/ChangeHistory';
import { Chips, EmptyState, Failure, Field, humanize, Loading } from '../../components/common';
import { SelectableList } from '../../components/SelectableList';
import { useAppStore } from '../../store';
import { useOperation } from '../../useOperation';

/** Processors and vendors, and the activities each one serves. */
export function VendorsView() {
  const list = useOperation('listProcessors', {});
  const [selected, setSelected] = useState<string | null>(null);
  const revision = useAppStore((state) => state.revision);
  useEffect(() => {
    if (list.state === 'ready' && list.revision === revision && (selected === null || !list.value.some((item) => item.id === selected))) {
      setSelected(list.value[0]?.id ?? null);
    }
  }, [list, selected, revision]);

  return (
    <div className="section">
      <header className="section-header">
        <h1>Processors and vendors</h1>
      </header>
      <div className="list-detail">
        <div className="list-pane">
          {list.state === 'loading' ? <Loading /> : null}
          {list.state === 'failed' ? <Failure error={list.error} /> : null}
          {list.state === 'ready' && !list.value.length ? (
            <EmptyState title="No processors yet">
              Processors appear here when an activity names the vendor that handles its data (card payments, background checks, analytics…).
            </EmptyState>
          ) : null}
          {list.state === 'ready' && list.value.length ? (
            <>
              <div className="list-count">{list.value.length} processors</div>
              <SelectableList
                label="Processors"
                items={list.value}
                keyOf={(item) => item.id}
                selected={selected}
                onSelect={setSelected}
                render={(item) => (
                  <>
                    <div className="row-title">{item.name}</div>
                    <div className="row-meta">
                      {item.service ?? 'Service not recorded'} · {item.activityCount} {item.activityCount === 1 ? 'activity' : 'activities'}
                    </div>
                  </>
                )}
              />
            </>
          ) : null}
        </div>
        <div className="detail-pane">{selected ? <ProcessorDetailView key={selected} id={selected} /> : null}</div>
      </div>
    </div>
  );
}

function ProcessorDetailView({ id }: { id: string }) {
  const processor = useOperation('getProcessor', { id });
  if (processor.state === 'loading') return <Loading />;
  if (processor.state === 'failed') return <Failure error={processor.error} />;
  const value = processor.value;
  return (
    <article className="record" aria-label={value.name}>
      <header className="record-header">
        <div>
          <div className="record-kind">Processor</div>
          <h2>{value.name}</h2>
        </div>
      </header>
      <dl className="fields">
        <Field label="Service" wide missing={!value.service}>
          {value.service}
        </Field>
        <Field label="Countries">
          <Chips items={value.countries} empty="Not recorded" />
        </Field>
        <Field label="Personal data handled">
          <Chips items={value.dataCategories.map((code) => labelOf(dataCategories, code))} empty="Not recorded" />
        </Field>
        <Field label="Notes" wide missing={!value.notes}>
          {value.notes}
        </Field>
      </dl>
      <section className="related" aria-label="Activities served">
        <h3>Activities it serves ({value.activities.length})</h3>
        {value.activities.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Activity</th>
                <th scope="col">What the processor does</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {value.activities.map((activity) => (
                <tr key={activity.id}>
                  <td>{activity.organisationName}</td>
                  <td>{activity.name}</td>
                  <td>{activity.purpose}</td>
                  <td>{humanize(activity.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="missing">Not linked to any activity.</p>
        )}
      </section>
      <ChangeHistory entity="processor" entityId={value.id} />
    </article>
  );
}
