import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extent, labelRows, type LabelSpan } from '../../core/charts/labelRows';

const span = fc.record({
  x: fc.double({ min: 0, max: 1000, noNaN: true }),
  width: fc.double({ min: 1, max: 300, noNaN: true }),
  anchor: fc.constantFrom<LabelSpan['anchor']>('start', 'middle', 'end'),
});

describe('labels along a time axis', () => {
  it('never puts two labels of one row closer than the gap, whatever their places and widths', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 60 }), fc.integer({ min: 0, max: 20 }), (labels, gap) => {
        const { rows, rowCount } = labelRows(labels, gap);
        expect(rows).toHaveLength(labels.length);
        for (let a = 0; a < labels.length; a += 1) {
          expect(rows[a]).toBeLessThan(rowCount);
          for (let b = a + 1; b < labels.length; b += 1) {
            if (rows[a] !== rows[b]) continue;
            const left = extent(labels[a]!);
            const right = extent(labels[b]!);
            expect(left.right + gap <= right.left || right.right + gap <= left.left).toBe(true);
          }
        }
      }),
    );
  });

  it('keeps labels that fit on the row nearest the axis, and stacks only those that would touch', () => {
    const labels: LabelSpan[] = [
      { x: 100, width: 80, anchor: 'middle' },
      { x: 110, width: 80, anchor: 'middle' },
      { x: 120, width: 80, anchor: 'middle' },
      { x: 500, width: 80, anchor: 'middle' },
      { x: 990, width: 80, anchor: 'end' },
    ];
    expect(labelRows(labels, 6)).toEqual({ rows: [0, 1, 2, 0, 0], rowCount: 3 });
    expect(labelRows([], 6)).toEqual({ rows: [], rowCount: 0 });
  });
});
