import type { DisposalBatchSummary } from '../contract';
/**
 * The data of the call-recording retention and disposal record: the rules, the counts at the
 * report's instant, recordings by month of their latest deletion, legal holds and every disposal
 * batch with its certificate. A certificate prints at most `certificateCap` entries; the attached
 * table holds every one of them.
 */
export interface RetentionReportData {
  asOf: string;
  rules: Array<{
    id: string;
    name: string;
    purpose: string;
    minimum: string | null;
    maximum: string | null;
    extendableTo: string | null;
    countedFrom: string;
    legalSource: string | null;
    note: string | null;
    /** The rule's source says it is to be verified (a fact from a secondary source). */
    verify: boolean;
  }>;
  counts: { retained: number; due: number; overdue: number; held: number; conflicts: number; noMaximum: number; disposed: number; cardDataOpen: number; holdsToReview: number };
  overdueAfterDays: number;
  months: Array<{ month: string; kept: number; held: number; conflict: number }>;
  holds: Array<{
    id: string;
    matter: string;
    reason: string;
    placedBy: string;
    placedAt: string;
    /** What the hold covers, each part in words. */
    scope: string[];
    reviewOn: string | null;
    recordings: number;
    release: { by: string; at: string; reason: string } | null;
  }>;
  certificateCap: number;
  batches: Array<
    DisposalBatchSummary & {
      /** Each method and verification used in the batch, with how many entries (all of them, not only those printed). */
      methods: Array<{ method: string; verification: string; entries: number }>;
      /** The printed entries (at most certificateCap, by recording id). */
      entries: DisposalCertificateEntry[];
    }
  >;
}

export interface DisposalCertificateEntry {
  recordingId: number;
  fileSha256: string | null;
  fileSize: number | null;
  method: string;
  verification: string;
  backupExpiresAt: string | null;
}
