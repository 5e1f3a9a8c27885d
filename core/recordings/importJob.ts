/** An import of call records running beside the app (a worker), as the app polls it. */
export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** The file being imported. */
  path: string;
  source: 'asterisk' | 'mapping';
  /** The saved mapping's name when the source is a mapping. */
  mappingName: string | null;
  bytesRead: number;
  totalBytes: number;
  /** Lines read so far (heading and empty lines included: line numbers are the file's). */
  lines: number;
  startedAt: string;
  finishedAt: string | null;
  /** Counts are exact; `rejected` lists the first lines only (`rejectedCount` says how many in all). */
  result: { imported: number; duplicates: number; skipped: number; rejected: Array<{ line: number; reason: string }>; rejectedCount: number } | null;
  /** Why the import failed (nothing was written). */
  error: string | null;
}

/** How many rejected lines a job lists; every one is counted. */
export const importJobRejectedLimit = 1000;

/** The start of a CSV file, so a mapping can be built from its columns. */
export interface CsvFilePreview {
  path: string;
  /** The separator used (given, or guessed from the first line). */
  delimiter: ',' | ';' | '\t' | '|';
  /** The cells of the first line (the headings, when the file has a heading row). */
  firstRow: string[];
  /** The cells of the next lines (at most 10). */
  rows: string[][];
  totalBytes: number;
}
