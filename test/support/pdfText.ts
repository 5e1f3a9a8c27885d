import { execFileSync } from 'node:child_process';

/** The text of one page of a PDF (poppler's pdftotext, layout kept). */
export const pageText = (file: string, page: number) => execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });

/** Whitespace folded, so text wrapped differently on two pages still compares. */
export const folded = (text: string) => text.replace(/\s+/g, ' ');

/**
 * The entries of a report's table of contents (page 2, after the cover) that end in a page
 * number: the text before the number and the number. The running header and footer are left out.
 */
export function contentsEntries(file: string): Array<{ title: string; page: number }> {
  return pageText(file, 2)
    .split('\n')
    .filter((line) => !/Page \d+ of \d+|CONFIDENTIAL|SHA-256/.test(line))
    .flatMap((line) => {
      const match = /^\s*(\S.*?\S)\s{2,}(\d+)\s*$/.exec(line);
      return match ? [{ title: match[1]!, page: Number(match[2]) }] : [];
    });
}
