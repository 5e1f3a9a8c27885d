import { useEffect, useRef, useState } from 'react';
import type { RecordingSummary, RecordingView, RetentionOverview } from '../../../../core/contract';
import { Badge, EmptyState, Failure, Loading } from '../../components/common';
import { resultsKeys, SelectableList } from '../../components/SelectableList';
import { useOperation } from '../../useOperation';
import { RecordingDetailView } from './RecordingDetail';
import { RetentionPicture } from './RetentionPicture';
import { describeDuration, recordingStateBadge, showDate } from './format';

const pageSize = 100;

const viewLabels: Record<RecordingView, string> = {
  retained: 'All stored',
  due: 'Due',
  overdue: 'Overdue',
  held: 'Held',
  conflict: 'In conflict',
  'card-data': 'Card data',
  disposed: 'Disposed',
};

const viewHints: Record<RecordingView, string> = {
  retained: 'most recently imported first',
  due: 'longest due first',
  overdue: `due for more than 30 days, longest first`,
  held: 'under a legal hold',
  conflict: 'a minimum ends after a maximum: decide',
  'card-data': 'card details spoken: redact or delete',
  disposed: 'most recent first',
};

/** The counts that matter, each opening its list. */
function Counts({ overview, onView }: { overview: RetentionOverview; onView(view: RecordingView): void }) {
  const { counts } = overview;
  const tiles: Array<{ view: RecordingView; label: string; count: number; tone: string }> = [
    { view: 'due', label: 'Due for disposal', count: counts.due, tone: counts.due ? 'warning' : 'ok' },
    { view: 'overdue', label: `Overdue (over ${overview.overdueAfterDays} days)`, count: counts.overdue, tone: counts.overdue ? 'danger' : 'ok' },
    { view: 'held', label: 'Under legal hold', count: counts.held, tone: 'neutral' },
    { view: 'conflict', label: 'Rules in conflict', count: counts.conflicts, tone: counts.conflicts ? 'danger' : 'ok' },
    { view: 'card-data', label: 'Card data to redact or delete', count: counts.cardDataOpen, tone: counts.cardDataOpen ? 'danger' : 'ok' },
    { view: 'retained', label: 'Recordings stored (not yet disposed of)', count: counts.retained, tone: 'neutral' },
  ];
  return (
    <div className="count-tiles" role="group" aria-label="Retention counts">
      {tiles.map((tile) => (
        <button key={tile.view} className={`count-tile tone-${tile.tone}`} onClick={() => onView(tile.view)}>
          <span className="count-figure">{tile.count.toLocaleString('en')}</span>
          <span className="count-label">{tile.label}</span>
        </button>
      ))}
    </div>
  );
}

export function RecordingRegister() {
  const [view, setView] = useState<RecordingView>('retained');
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [showPicture, setShowPicture] = useState(true);
  const searchRef = useRef<HTMLInputElement>(null);
  const overview = useOperation('getRetentionOverview', {});
  const page = useOperation('listRecordings', { view, offset, limit: pageSize, ...(search ? { search } : {}) });

  useEffect(() => {
    if (typed.trim() === search) return;
    const timer = setTimeout(() => {
      setSearch(typed.trim());
      setOffset(0);
      setSelected(null);
    }, 250);
    return () => clearTimeout(timer);
  }, [typed, search]);
  useEffect(() => {
    // A recording that leaves the view after a change (redacted, held, disposed) stays open; a new view, search or page opens its first row.
    if (page.state === 'ready' && selected === null && page.value.rows[0]) setSelected(String(page.value.rows[0].id));
  }, [page, selected]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const choose = (next: RecordingView) => {
    setView(next);
    setOffset(0);
    setSelected(null);
  };
  const total = page.state === 'ready' ? page.value.total : 0;
  return (
    <div className="register">
      {overview.state === 'failed' ? <Failure error={overview.error} /> : null}
      {overview.state === 'ready' ? (
        <div className="retention-overview">
          <Counts overview={overview.value} onView={choose} />
          {overview.value.counts.holdsToReview ? (
            <p className="notice" role="status">
              {overview.value.counts.holdsToReview === 1 ? 'One legal hold has' : `${overview.value.counts.holdsToReview} legal holds have`} reached
              {' '}their review date: see Legal holds.
            </p>
          ) : null}
          <div className="picture-heading">
            <h2 className="subheading">Recordings by month of their latest deletion</h2>
            <button className="link-button" aria-expanded={showPicture} onClick={() => setShowPicture(!showPicture)}>
              {showPicture ? 'Hide picture' : 'Show picture'}
            </button>
          </div>
          {showPicture ? <RetentionPicture overview={overview.value} /> : null}
        </div>
      ) : null}
      <div className="list-detail">
        <div className="list-pane">
          <div className="list-toolbar">
            <label className="visually-hidden" htmlFor="recording-view">
              View
            </label>
            <select id="recording-view" value={view} onChange={(event) => choose(event.target.value as RecordingView)}>
              {(Object.keys(viewLabels) as RecordingView[]).map((key) => (
                <option key={key} value={key}>
                  {viewLabels[key]}
                </option>
              ))}
            </select>
            <input
              ref={searchRef}
              type="search"
              aria-label="Search recordings"
              {...resultsKeys('recording-results', page.state === 'ready' && page.value.rows.length > 0)}
              placeholder="Id, uniqueid, ticket, agent or number as the phone system wrote it (Ctrl+F)"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
          {page.state === 'loading' ? <Loading /> : null}
          {page.state === 'failed' ? <Failure error={page.error} /> : null}
          {page.state === 'ready' && !page.value.rows.length ? (
            <div className="list-empty" role="status">
              {search ? `No recording in “${viewLabels[view]}” matches “${search}”.` : emptyText(view)}
            </div>
          ) : null}
          {page.state === 'ready' && page.value.rows.length ? (
            <>
              <div className="list-count">
                {(offset + 1).toLocaleString('en')}–{(offset + page.value.rows.length).toLocaleString('en')} of {total.toLocaleString('en')} · {viewHints[view]}
              </div>
              <SelectableList
                id="recording-results"
                label="Recordings"
                items={page.value.rows}
                keyOf={(row) => String(row.id)}
                selected={selected}
                onSelect={setSelected}
                render={(row) => <RecordingRow row={row} />}
              />
              <div className="pager">
                <button disabled={offset === 0} onClick={() => {
                    setOffset(Math.max(0, offset - pageSize));
                    setSelected(null);
                  }}>
                  Previous {pageSize}
                </button>
                <button disabled={offset + pageSize >= total} onClick={() => {
                    setOffset(offset + pageSize);
                    setSelected(null);
                  }}>
                  Next {pageSize}
                </button>
              </div>
            </>
          ) : null}
        </div>
        <div className="detail-pane">
          {selected ? (
            <RecordingDetailView key={selected} id={Number(selected)} />
          ) : page.state === 'ready' && !page.value.rows.length && view === 'retained' && !search ? (
            <EmptyState title="No recordings registered">
              Import the phone system's call records (Import tab, or <code>privacy-workbench recordings import-cdr</code>): each answered call becomes a recording
              with its own retention clock.
            </EmptyState>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function emptyText(view: RecordingView): string {
  switch (view) {
    case 'due':
      return 'Nothing is due for disposal.';
    case 'overdue':
      return 'Nothing is overdue.';
    case 'held':
      return 'No recording is under a legal hold.';
    case 'conflict':
      return 'No recording has conflicting retention rules.';
    case 'card-data':
      return 'No recording is flagged as holding card details.';
    case 'disposed':
      return 'No recording has been disposed of.';
    case 'retained':
      return 'No recordings registered.';
  }
}

function RecordingRow({ row }: { row: RecordingSummary }) {
  return (
    <>
      <div className="row-title">
        #{row.id} · {showDate(row.callStart, row.zone, true)} {recordingStateBadge(row.state)} {row.cardData === 'spoken' ? <Badge tone="danger">Card data</Badge> : null}
      </div>
      <div className="row-meta">
        {row.direction} · {describeDuration(row.durationSeconds)}
        {row.agent ? ` · agent ${row.agent}` : ''}
        {row.ticketId ? ` · ticket ${row.ticketId}` : ''}
        {row.latestDeleteAt ? ` · delete by ${showDate(row.latestDeleteAt, row.zone)}` : ' · no maximum'}
      </div>
    </>
  );
}
