/**
 * Splits one CSV line whose fields are either bare (no quote inside) or wholly quoted with inner
 * quotes doubled, as Asterisk's cdr_csv and most exports write them. Returns null for any other
 * shape (a quote inside a bare field, text after a closing quote, a quote left open), which the
 * caller hands to a full CSV parser. This path exists for speed: it is several times faster than a
 * general parser on a million lines.
 */
export function splitCsvLine(line: string, delimiter: string): string[] | null {
  const cells: string[] = [];
  const length = line.length;
  const delimiterCode = delimiter.charCodeAt(0);
  let position = 0;
  for (;;) {
    if (line.charCodeAt(position) === 34) {
      let text = '';
      let from = position + 1;
      for (;;) {
        const close = line.indexOf('"', from);
        if (close === -1) return null;
        if (line.charCodeAt(close + 1) === 34) {
          text += line.slice(from, close + 1);
          from = close + 2;
          continue;
        }
        text += line.slice(from, close);
        position = close + 1;
        break;
      }
      cells.push(text);
      if (position === length) return cells;
      if (line.charCodeAt(position) !== delimiterCode) return null;
      position += 1;
    } else {
      const next = line.indexOf(delimiter, position);
      const end = next === -1 ? length : next;
      const text = line.slice(position, end);
      if (text.includes('"')) return null;
      cells.push(text);
      if (next === -1) return cells;
      position = next + 1;
    }
  }
}
