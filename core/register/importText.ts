/**
 * A text file's bytes as text, with the encoding it was written in: UTF-8 (with or without a
 * byte-order mark), UTF-16 (with its mark) or Windows-1252, which Excel on Windows writes when it
 * saves "CSV" rather than "CSV UTF-8". Nothing is replaced silently: characters that cannot be
 * data (NUL, control characters, bytes Windows-1252 leaves undefined) are found by `cellProblems`
 * with their row and column, and removed from the value only with that report. Pure.
 */

/** The WHATWG decoder both Node and the browser have (core compiles without either's library types). */
declare const TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(input?: Uint8Array): string };

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const encodingLabels: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with byte-order mark',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (not valid UTF-8)',
};

/**
 * The bytes 0x80 to 0x9F in Windows-1252 (WHATWG Encoding Standard, index windows-1252); 0 marks
 * the five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). Node's own decoder for this
 * label reads these bytes as Latin-1 control characters, so the table is applied here.
 */
const cp1252High = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (const byte of bytes) {
    // An undefined byte stays a C1 control character, which cellProblems reports.
    chunk.push(byte >= 0x80 && byte <= 0x9f ? cp1252High[byte - 0x80] || byte : byte);
    if (chunk.length === 8192) {
      parts.push(String.fromCharCode(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}

/** The text of a file's bytes and the encoding found. UTF-8 that does not decode strictly is read as Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeStrictOr1252(bytes.subarray(3)).text, encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  return decodeStrictOr1252(bytes);
}

function decodeStrictOr1252(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Characters a register cell cannot hold: NUL and other control characters (tab and new lines are text), C1 controls, unpaired surrogates and U+FFFD. */
// eslint-disable-next-line no-control-regex
const unfit = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const describe = (char: string): string => {
  const code = char.charCodeAt(0);
  if (code === 0) return 'a NUL character';
  if (code === 0xfffd) return 'a replacement character (U+FFFD: the file already held bytes another program could not read)';
  if (code >= 0x80 && code <= 0x9f) return `byte 0x${code.toString(16).toUpperCase()}, which has no meaning in Windows-1252`;
  if (code >= 0xd800 && code <= 0xdfff) return 'half of a UTF-16 character pair';
  return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** The cell without its unfit characters, and what was removed (empty when the cell is clean). */
export function cleanCell(cell: string): { value: string; removed: string[] } {
  if (!unfit.test(cell)) {
    unfit.lastIndex = 0;
    return { value: cell, removed: [] };
  }
  unfit.lastIndex = 0;
  const removed = new Set<string>();
  const value = cell.replace(unfit, (char) => {
    removed.add(describe(char));
    return '';
  });
  return { value, removed: [...removed] };
}
