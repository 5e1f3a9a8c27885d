import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement as h, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { reportHeadings, splitReportMarkup } from '../../reports/split';

/** A report-like body: sections holding register entries and tables (with header rows), as the views write them. */
interface Shape {
  sections: Array<{ title: string; entries: string[]; rows: string[][] }>;
}

const word = fc.stringMatching(/^[A-Za-z0-9 <>&"']{1,24}$/);
const shape: fc.Arbitrary<Shape> = fc.record({
  sections: fc.array(
    fc.record({
      title: word,
      entries: fc.array(word, { maxLength: 6 }),
      rows: fc.array(fc.array(word, { minLength: 2, maxLength: 2 }), { maxLength: 30 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

function markupOf({ sections }: Shape): string {
  const body: ReactElement = h(
    'main',
    null,
    h('header', { className: 'report-cover' }, h('h1', null, 'Cover')),
    ...sections.map((section, index) =>
      h(
        'section',
        { className: 'report-section', key: index },
        h('h2', { id: `s${index}` }, section.title),
        ...section.entries.map((entry, at) => h('div', { className: 'report-entry', key: `e${at}` }, h('h3', null, entry), h('dl', null, h('dt', null, 'Field'), h('dd', null, entry, h('br'))))),
        section.rows.length
          ? h(
              'table',
              { className: 'report-table', key: 't' },
              h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'Value'))),
              h('tbody', null, ...section.rows.map((row, at) => h('tr', { key: at }, ...row.map((cell, column) => h('td', { key: column }, cell))))),
            )
          : null,
      ),
    ),
  );
  return renderToStaticMarkup(body);
}

/** The open elements along the markup; throws where a tag closes the wrong element. */
function wellFormed(markup: string): boolean {
  const stack: string[] = [];
  for (const [text, closing, name] of markup.matchAll(/<(\/?)([a-z0-9]+)\b[^>]*>/g)) {
    if (closing) {
      if (stack.pop() !== name) return false;
    } else if (!['br', 'img', 'meta'].includes(name!) && !text.endsWith('/>')) stack.push(name!);
  }
  return stack.length === 0;
}

/** The text of the body rows of every table, in order (header rows left out). */
const bodyRows = (markup: string) => [...markup.matchAll(/<tbody[^>]*>([\s\S]*?)<\/tbody>/g)].flatMap((match) => [...match[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => row[1]!));
/** The register entries and headings, in order. */
const entries = (markup: string) => [...markup.matchAll(/<(?:h2|h3)[^>]*>([\s\S]*?)<\/h[23]>/g)].map((match) => match[1]!);

/** A part without the empty links and placeholders put in front of it for Chromium's destinations. */
const withoutLinkTargets = (part: string) => part.replace(/^(?:<a href="#[^"]*"><\/a>|<span id="[^"]*"><\/span>)*/, '');

describe('cutting a report body into print jobs', () => {
  it('keeps a body under the budget whole', () => {
    const markup = markupOf({ sections: [{ title: 'One', entries: ['a'], rows: [['x', 'y']] }] });
    expect(splitReportMarkup(markup, markup.length)).toEqual([markup]);
  });

  it('gives well-formed parts that hold every row and entry once, in order, with each table header repeated where a table goes on', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 200, max: 3000 }), (value, budget) => {
        const markup = markupOf(value);
        const parts = splitReportMarkup(markup, budget);
        for (const part of parts) expect(wellFormed(part), part).toBe(true);
        expect(parts.flatMap(bodyRows)).toEqual(bodyRows(markup));
        expect(parts.flatMap(entries)).toEqual(entries(markup));
        // Every table of every part, a continued one too, starts with its header row (every table here has one).
        for (const part of parts) {
          for (const table of part.matchAll(/<table[^>]*>/g)) {
            expect(part.slice(table.index + table[0].length)).toMatch(/^<thead><tr><th>Name<\/th><th>Value<\/th><\/tr><\/thead><tbody[^>]*><tr>/);
          }
        }
        if (parts.length > 1) expect(parts.slice(1).join('')).toMatch(/data-continued/);
        // No part beyond the first opens with a heading-less empty shell, and no part is empty of content.
        for (const part of parts) expect(part.replace(/<[^>]*>/g, '').length).toBeGreaterThan(0);
        // Each part's own content stays within the budget plus one unit that cannot be cut (a section, entry or row).
        const largestUnit = Math.max(...value.sections.map((section) => markupOf({ sections: [section] }).length));
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(budget + largestUnit + 400);
        if (markup.length > budget + largestUnit + 400) expect(parts.length).toBeGreaterThan(1);
      }),
      { numRuns: 200 },
    );
  });

  it('cuts only after a row, an entry, a section, the cover or the contents', () => {
    const markup = markupOf({ sections: [{ title: 'Register', entries: Array.from({ length: 40 }, (_, index) => `Activity ${index}`), rows: Array.from({ length: 80 }, (_, index) => [`Row ${index}`, 'v']) }] });
    const parts = splitReportMarkup(markup, 500);
    expect(parts.length).toBeGreaterThan(10);
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/(<\/tr><\/tbody><\/table>|<\/div>|<\/section>|<\/header>)<\/section><\/main>$|<\/header><\/main>$|<\/section><\/main>$/);
    // The continued section is marked, and keeps its class, so it is styled as before without a second page break.
    expect(withoutLinkTargets(parts[1]!)).toMatch(/^<main data-continued=""><section class="report-section" data-continued="">/);
    // Every heading of a part gets an id and an empty link to it, so Chromium writes its destination (the outline is built from them).
    for (const part of parts) {
      for (const [, id] of part.matchAll(/<h[1-6] id="([^"]+)"/g)) expect(part).toContain(`<a href="#${id}"></a>`);
    }
  });

  it('reopens an element without its id, so links and bookmarks lead to where it starts', () => {
    const markup = `<main><section class="report-section" id="vendors">${'<div class="report-entry"><p>entry</p></div>'.repeat(20)}</section></main>`;
    const parts = splitReportMarkup(markup, 100);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0]).toContain('id="vendors"');
    for (const part of parts.slice(1)) {
      expect(withoutLinkTargets(part)).toMatch(/^<main data-continued=""><section class="report-section" data-continued="">/);
      expect(part).not.toContain('id="vendors"');
    }
  });

  it('links across parts: a placeholder where a link leads to another part, an empty link where a heading or a linked element is', () => {
    const markup = `<main><nav class="report-contents"><a href="#far">Far</a></nav><section class="report-section">${'<div class="report-entry"><p>entry</p></div>'.repeat(10)}</section><section class="report-section"><h2 id="far">Far &amp; away</h2></section></main>`;
    const parts = splitReportMarkup(markup, 80);
    expect(parts[0]).toMatch(/^<span id="far"><\/span>/);
    const holder = parts.find((part) => part.includes('<h2 id="far">'))!;
    expect(holder).toMatch(/^<a href="#far"><\/a>/);
    expect(reportHeadings(holder)).toEqual([{ level: 2, id: 'far', title: 'Far & away' }]);
    // A link to an id no part holds gets no placeholder (it stays unwritten, as in one job); headings without an id get a fresh one.
    const dangling = splitReportMarkup(`<main><nav class="report-contents"><a href="#nowhere">x</a></nav><section class="report-section"><h2 id="pw-heading-1">Taken</h2><h3>Line<br/>two</h3>${'<div class="report-entry"><p>entry</p></div>'.repeat(10)}</section></main>`, 80);
    expect(dangling.join('')).not.toContain('<span id="nowhere">');
    expect(dangling.flatMap(reportHeadings)).toEqual([
      { level: 2, id: 'pw-heading-1', title: 'Taken' },
      { level: 3, id: 'pw-heading-2', title: 'Line two' },
    ]);
  });

  it('refuses markup that is not well formed rather than printing half of it', () => {
    expect(() => splitReportMarkup(`<main><section class="report-section">${'<p>x</p>'.repeat(50)}</main>`, 10)).toThrow(/not well formed/);
    expect(() => splitReportMarkup(`<main><div class="report-entry">${'x'.repeat(50)}</div>`, 10)).toThrow(/never closed/);
  });
});
