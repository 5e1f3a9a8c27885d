import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * One clock for every countdown on screen: a single timer ticks once a second while something
 * shows a countdown, and only the countdowns re-render (issue 18: the 1 Hz tick used to re-render
 * the whole incident screen).
 */
const secondListeners = new Set<() => void>();
let secondTimer: ReturnType<typeof setInterval> | null = null;
let currentSecond = Math.floor(Date.now() / 1000);
function subscribeSecond(listener: () => void): () => void {
  secondListeners.add(listener);
  secondTimer ??= setInterval(() => {
    currentSecond = Math.floor(Date.now() / 1000);
    secondListeners.forEach((notify) => notify());
  }, 1000);
  return () => {
    secondListeners.delete(listener);
    if (!secondListeners.size && secondTimer) {
      clearInterval(secondTimer);
      secondTimer = null;
    }
  };
}

/** The clock's second; while no countdown is shown the timer is stopped, so the first one reads the clock itself. */
function readSecond(): number {
  if (!secondTimer) currentSecond = Math.floor(Date.now() / 1000);
  return currentSecond;
}

/** "2 d 03:14:05 left" to `dueAt`, ticking each second in its own small component. */
export function Countdown({ dueAt }: { dueAt: string }) {
  const second = useSyncExternalStore(subscribeSecond, readSecond);
  return <>{formatRemaining(Date.parse(dueAt) - second * 1000)}</>;
}

/**
 * The current instant, for what changes at known instants (a deadline turning due-soon or overdue):
 * re-read at the next of `instants` still to come, and at least every `atMostMs` (the timeline's "now" mark).
 */
export function useNowAt(instants: readonly number[], atMostMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  const next = Math.min(atMostMs, ...instants.map((at) => at - now.getTime()).filter((wait) => wait > 0).map((wait) => wait + 5));
  useEffect(() => {
    const timer = setTimeout(() => setNow(new Date()), next);
    return () => clearTimeout(timer);
  }, [now, next]);
  return now;
}

/** The instants at which a deadline's state changes: 24 h before (due soon) and at it (overdue). */
export const stateChangesOf = (dueAt: string | null | undefined, dueSoonHours = 24): number[] => (dueAt ? [Date.parse(dueAt) - dueSoonHours * 3_600_000, Date.parse(dueAt)] : []);

/** "2 d 03:14:05" left, or the same with "overdue by" once the deadline has passed. */
export function formatRemaining(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const clock = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  const text = days ? `${days} d ${clock}` : clock;
  return ms >= 0 ? `${text} left` : `overdue by ${text}`;
}

/** The OS time zone, for a new incident's default. */
export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Formatters are costly to build (a few hundred microseconds each): one per zone and pattern, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatterFor(zone: string, pattern: 'instant' | 'short'): Intl.DateTimeFormat {
  const key = `${pattern} ${zone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      'en-GB',
      pattern === 'instant'
        ? { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }
        : { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
    );
    formatters.set(key, formatter);
  }
  return formatter;
}

/** An instant shown in a zone, e.g. "30 Mar 2026, 11:00 (Europe/Berlin)". */
export function showInstant(iso: string, zone: string): string {
  return `${formatterFor(zone, 'instant').format(new Date(iso))} (${zone})`;
}
