import type { RecordingState } from '../../../../core/contract';
import { Badge } from '../../components/common';

/** A date (and time) shown in the phone system's zone, which is where the call happened. */
export function showDate(iso: string, zone: string, withTime = false): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(new Date(iso));
}

export function describeDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`;
}

export function recordingStateBadge(state: RecordingState) {
  switch (state) {
    case 'due':
      return <Badge tone="warning">Due</Badge>;
    case 'held':
      return <Badge tone="accent">Held</Badge>;
    case 'conflict':
      return <Badge tone="danger">Conflict</Badge>;
    case 'disposed':
      return <Badge tone="neutral">Disposed</Badge>;
    case 'retained':
      return <Badge tone="success">Kept</Badge>;
  }
}

/** "in 12 days" / "3 days ago" from now. */
export function relativeDays(iso: string, now: number): string {
  const days = Math.round((Date.parse(iso) - now) / 86_400_000);
  if (days === 0) return 'today';
  return days > 0 ? `in ${days.toLocaleString('en')} day${days === 1 ? '' : 's'}` : `${(-days).toLocaleString('en')} day${days === -1 ? '' : 's'} ago`;
}
