/**
 * Where labels along a time axis go so that none overlaps another (issue 19, point 5): each label,
 * in order of position, takes the nearest row (to the axis) where it clears every label already in
 * that row by `gap`. Rows are added as needed, so no label is ever drawn over another; the caller
 * sizes its picture to the rows used. Widths are estimates of the text's length (see textWidth).
 * Pure: used by the app's incident timeline and by the incident report's.
 */
export interface LabelSpan {
  /** The label's anchor on the axis. */
  x: number;
  width: number;
  /** How the text is anchored at x, as SVG's text-anchor. */
  anchor: 'start' | 'middle' | 'end';
}

export function labelRows(labels: readonly LabelSpan[], gap = 6): { rows: number[]; rowCount: number } {
  const order = labels.map((label, index) => ({ index, ...extent(label) })).sort((a, b) => a.left - b.left || a.index - b.index);
  const rowEnds: number[] = [];
  const rows = new Array<number>(labels.length).fill(0);
  for (const entry of order) {
    let row = rowEnds.findIndex((end) => entry.left >= end + gap);
    if (row === -1) row = rowEnds.push(Number.NEGATIVE_INFINITY) - 1;
    rowEnds[row] = entry.right;
    rows[entry.index] = row;
  }
  return { rows, rowCount: rowEnds.length };
}

/** The left and right edge of a label. */
export function extent({ x, width, anchor }: LabelSpan): { left: number; right: number } {
  const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  return { left, right: left + width };
}

/**
 * A generous estimate of a text's width in a sans-serif font of `fontSize` (average glyph 0.6 em;
 * capitals and digits are wider than the average of running text, so labels are over-, not
 * under-estimated).
 */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}
