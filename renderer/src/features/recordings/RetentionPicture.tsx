import { useId } from 'react';
import type { RetentionOverview } from '../../../../core/contract';

const monthName = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * Recordings still kept by month of their latest deletion: not held, held and in conflict stacked,
 * months up to now shaded (what they hold is due), so a DPO sees at a glance what falls due when.
 */
export function RetentionPicture({ overview }: { overview: RetentionOverview }) {
  const heldHatch = `${useId()}held`;
  const months = fillMonths(overview.months);
  if (!months.length) {
    return <p className="muted">No kept recording has a latest deletion date yet.</p>;
  }
  const nowMonth = overview.asOf.slice(0, 7);
  const width = 900;
  const height = 170;
  const left = 46;
  const bottom = 34;
  const top = 18;
  const plotWidth = width - left - 8;
  const plotHeight = height - top - bottom;
  const step = plotWidth / months.length;
  const barWidth = Math.max(2, Math.min(36, step * 0.72));
  const largest = Math.max(1, ...months.map((month) => month.kept + month.held + month.conflict));
  const scale = (count: number) => (count / largest) * plotHeight;
  const labelEvery = months.length <= 18 ? 1 : months.length <= 48 ? 3 : 12;
  const nowIndex = months.findIndex((month) => month.month > nowMonth);
  const pastEnd = nowIndex === -1 ? months.length : nowIndex;
  const total = months.reduce((sum, month) => sum + month.kept + month.held + month.conflict, 0);
  return (
    <figure className="retention-picture" aria-label="Retention picture">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${total.toLocaleString('en')} kept recordings by month of their latest deletion, ${monthName(months[0]!.month)} to ${monthName(months.at(-1)!.month)}`}>
        <defs>
          {/* Held recordings are hatched, not only coloured (WCAG 1.4.1): told apart from the others in any theme and in greyscale. */}
          <pattern id={heldHatch} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect className="held-ground" width="6" height="6" />
            <line className="held-stripe" x1="0" y1="0" x2="0" y2="6" />
          </pattern>
        </defs>
        {pastEnd > 0 ? <rect className="past" x={left} y={top} width={pastEnd * step} height={plotHeight} /> : null}
        <line className="axis" x1={left} x2={width - 8} y1={top + plotHeight} y2={top + plotHeight} />
        <text className="small" x={left - 6} y={top + 10} textAnchor="end">
          {largest.toLocaleString('en')}
        </text>
        <text className="small" x={left - 6} y={top + plotHeight} textAnchor="end">
          0
        </text>
        {months.map((month, index) => {
          const x = left + index * step + (step - barWidth) / 2;
          let y = top + plotHeight;
          const parts = (['kept', 'held', 'conflict'] as const).map((kind) => {
            const h = scale(month[kind]);
            y -= h;
            return h > 0 ? <rect key={kind} className={`bar-${kind}`} x={x} y={y} width={barWidth} height={h} style={kind === 'held' ? { fill: `url(#${heldHatch})` } : undefined} /> : null;
          });
          return (
            <g key={month.month}>
              <title>{`${monthName(month.month)}: ${month.kept.toLocaleString('en')} not held, ${month.held.toLocaleString('en')} held, ${month.conflict.toLocaleString('en')} in conflict`}</title>
              {parts}
              {index % labelEvery === 0 ? (
                <text className="small" x={left + index * step + step / 2} y={height - 14} textAnchor="middle">
                  {labelEvery === 12 ? month.month.slice(0, 4) : monthName(month.month)}
                </text>
              ) : null}
            </g>
          );
        })}
        {pastEnd > 0 && pastEnd < months.length ? (
          <g className="now-mark">
            <line x1={left + pastEnd * step} x2={left + pastEnd * step} y1={top} y2={top + plotHeight} />
            <text className="small" x={left + pastEnd * step} y={top - 5} textAnchor="middle">
              now
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption className="legend">
        <span>
          <i className="swatch bar-kept" /> Not held
        </span>
        <span>
          <i className="swatch bar-held" /> Under legal hold (hatched)
        </span>
        <span>
          <i className="swatch bar-conflict" /> Rules in conflict
        </span>
        <span>
          <i className="swatch past" /> Latest deletion passed
        </span>
      </figcaption>
    </figure>
  );
}

/** The months from the first to the last, empty ones included, so the time axis is even. */
function fillMonths(months: RetentionOverview['months']): RetentionOverview['months'] {
  if (!months.length) return [];
  const byMonth = new Map(months.map((month) => [month.month, month]));
  const result: RetentionOverview['months'] = [];
  let [year, month] = months[0]!.month.split('-').map(Number) as [number, number];
  const last = months.at(-1)!.month;
  for (let guard = 0; guard < 1200; guard += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    result.push(byMonth.get(key) ?? { month: key, kept: 0, held: 0, conflict: 0 });
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}
