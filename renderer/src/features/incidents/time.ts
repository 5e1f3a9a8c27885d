import { useEffect, useState } from 'react';

/** The current instant, re-read every `intervalMs` (the live countdowns tick with it). */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

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

/** An instant shown in a zone, e.g. "30 Mar 2026, 11:00 (Europe/Berlin)". */
export function showInstant(iso: string, zone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  return `${text} (${zone})`;
}
