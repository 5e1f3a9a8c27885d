/**
 * Audio files of call recordings: which files a folder scan takes, how a file name is matched to a
 * call (by Asterisk's uniqueid, or by a pattern the user gives), how a file is served (MIME type,
 * byte ranges). Pure: no file system, no clock.
 */

/** The extensions a scan takes, with the MIME type each is served as. */
export const audioMimeTypes: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  // Opus from Asterisk is in an Ogg container.
  opus: 'audio/ogg',
  m4a: 'audio/mp4',
  // GSM 06.10 as Asterisk writes it: browsers cannot decode it; it is still registered and hashed.
  gsm: 'audio/x-gsm',
};
export const audioExtensions = Object.keys(audioMimeTypes);

/** The audio extension of a file name (lower case), or null when it is not one of the six. */
export function audioExtensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(audioMimeTypes, extension) ? extension : null;
}

/** The file name without its audio extension. */
export function stemOf(name: string): string {
  return audioExtensionOf(name) ? name.slice(0, name.lastIndexOf('.')) : name;
}

/**
 * The uniqueids a file name may carry, best first: the whole stem (MixMonitor's default name is
 * the uniqueid), then its dash- or underscore-separated tokens from the last one back (FreePBX puts
 * the uniqueid last: "in-200-0612345678-20260327-091500-1774599300.12").
 */
export function uniqueidCandidates(name: string): string[] {
  const stem = stemOf(name);
  const tokens = stem.split(/[-_]/).filter(Boolean).reverse();
  return [...new Set([stem, ...tokens])];
}

/** What a pattern takes from a file name. */
export interface PatternMatch {
  uniqueid?: string;
  src?: string;
  dst?: string;
  /** "YYYY-MM-DD HH:MM:SS" in the phone system's zone, when the pattern has both a date and a time. */
  localDateTime?: string;
}

export type FilePattern = { ok: true; match(name: string): PatternMatch | null } | { ok: false; problem: string };

const tokenPattern = /\{([a-z*]+)(?::([^{}]+))?\}/g;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a file-name pattern such as "in-{dst}-{src}-{date:YYYYMMDD}-{time:HHMMSS}-{uniqueid}".
 * Tokens: {uniqueid}, {src}, {dst}, {date:FORMAT} with YYYY, MM and DD, {time:FORMAT} with HH, MM
 * and SS (any separators between them), and {*} for anything. The pattern is matched against the
 * whole file name without its audio extension; other text must appear as it is. A pattern needs
 * {uniqueid}, or both {date:...} and {time:...}.
 */
export function compileFilePattern(pattern: string): FilePattern {
  const names: Array<{ name: string; parts?: string[] }> = [];
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(tokenPattern)) {
    source += escape(pattern.slice(last, match.index));
    last = match.index + match[0].length;
    const [, name, format] = match as unknown as [string, string, string | undefined];
    if (name === '*') {
      source += '(.*?)';
      names.push({ name: '*' });
    } else if (name === 'uniqueid' || name === 'src' || name === 'dst') {
      if (format) return { ok: false, problem: `{${name}} takes no format` };
      source += name === 'uniqueid' ? '([^/]+?)' : '([^-_/]*?)';
      names.push({ name });
    } else if (name === 'date' || name === 'time') {
      const allowed = name === 'date' ? ['YYYY', 'MM', 'DD'] : ['HH', 'MM', 'SS'];
      if (!format) return { ok: false, problem: `{${name}} needs a format, e.g. {${name}:${allowed.join('')}}` };
      const parts = format.match(/YYYY|MM|DD|HH|SS|[A-Za-z]+|[^A-Za-z]+/g) ?? [];
      const fields = parts.filter((part) => /^[A-Za-z]+$/.test(part));
      if (fields.length !== 3 || !allowed.every((field) => fields.includes(field)) || fields.some((field) => !allowed.includes(field))) {
        return { ok: false, problem: `{${name}:${format}} must use ${allowed.join(', ')} once each` };
      }
      source += parts.map((part) => (/^[A-Za-z]+$/.test(part) ? `(\\d{${part.length}})` : escape(part))).join('');
      names.push({ name, parts: fields });
    } else {
      return { ok: false, problem: `{${name}} is not a token; use {uniqueid}, {src}, {dst}, {date:YYYYMMDD}, {time:HHMMSS} or {*}` };
    }
  }
  const rest = pattern.slice(last);
  if (/[{}]/.test(rest) || /[{}]/.test(pattern.replace(tokenPattern, ''))) return { ok: false, problem: 'has a brace that is not part of a token' };
  source += escape(rest);
  const has = (name: string) => names.some((entry) => entry.name === name);
  if (!has('uniqueid') && !(has('date') && has('time'))) return { ok: false, problem: 'needs {uniqueid}, or both {date:...} and {time:...}' };
  if (new Set(names.filter((entry) => entry.name !== '*').map((entry) => entry.name)).size !== names.filter((entry) => entry.name !== '*').length) {
    return { ok: false, problem: 'uses a token twice' };
  }
  const regex = new RegExp(`^${source}$`);
  return {
    ok: true,
    match(name) {
      const found = regex.exec(stemOf(name));
      if (!found) return null;
      const result: PatternMatch = {};
      const date: Record<string, string> = {};
      const time: Record<string, string> = {};
      let group = 1;
      for (const entry of names) {
        if (entry.parts) {
          const target = entry.name === 'date' ? date : time;
          for (const field of entry.parts) target[field] = found[group++]!;
        } else {
          const text = found[group++]!;
          if (entry.name === 'uniqueid' || entry.name === 'src' || entry.name === 'dst') {
            if (!text) return null;
            result[entry.name] = text;
          }
        }
      }
      if (date.YYYY && time.HH) result.localDateTime = `${date.YYYY}-${date.MM}-${date.DD} ${time.HH}:${time.MM}:${time.SS}`;
      return result;
    },
  };
}

/** A byte range to serve, inclusive, or why the Range header cannot be served. */
export type ByteRange = { kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Reads an HTTP Range header ("bytes=0-", "bytes=100-199", "bytes=-500") for a file of `size`
 * bytes. Only one range is served; several, or another unit, get the whole file.
 */
export function parseByteRange(header: string | null | undefined, size: number): ByteRange {
  if (!header) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** The Electron shell serves recordings on this privileged scheme: pw-media://recordings/<id>. */
export const recordingMediaScheme = 'pw-media';
export const recordingMediaHost = 'recordings';
/** Browser mode serves them on this path of its own origin: /media/recordings/<id>. */
export const recordingMediaPath = '/media/recordings/';

/** The recording id at the end of a media URL path ("/12"), or null for anything else. */
export function recordingIdOfMediaPath(path: string): number | null {
  const match = /^\/?(\d{1,15})$/.exec(path);
  if (!match) return null;
  const id = Number(match[1]);
  return id > 0 && Number.isSafeInteger(id) ? id : null;
}
