import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parseByteRange } from '../core/recordings/audioFiles';
import type { RecordingMedia } from './recordingFiles';

/** How a media request is answered, whoever carries it (browser mode's HTTP server, Electron's protocol). */
export interface MediaReply {
  status: number;
  headers: Record<string, string>;
  /** The bytes to send, inclusive; absent for a refusal, whose text is in `message`. */
  file?: { path: string; start: number; end: number };
  message?: string;
}

/** True when a Range header continues a playback (it starts after byte 0, as when seeking). */
export function continuesPlayback(range: string | null | undefined): boolean {
  const match = /^bytes=(\d+)-/.exec(range?.trim() ?? '');
  return match !== null && Number(match[1]) > 0;
}

/**
 * The reply to a request for a recording's audio: the guard's refusal, the whole file (200), or one
 * byte range (206, so the audio element can seek); an unsatisfiable range gets 416.
 */
export function mediaReply(media: RecordingMedia, range: string | null | undefined): MediaReply {
  const common = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (!media.ok) return { status: media.status, headers: { ...common, 'Content-Type': 'text/plain; charset=utf-8' }, message: `Refused: ${media.reason}.` };
  const wanted = parseByteRange(range, media.size);
  const headers = { ...common, 'Content-Type': media.mimeType, 'Accept-Ranges': 'bytes' };
  if (wanted.kind === 'unsatisfiable') return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${media.size}` }, message: 'Range not satisfiable.' };
  if (wanted.kind === 'whole') {
    return { status: 200, headers: { ...headers, 'Content-Length': String(media.size) }, file: { path: media.path, start: 0, end: media.size - 1 } };
  }
  return {
    status: 206,
    headers: { ...headers, 'Content-Length': String(wanted.end - wanted.start + 1), 'Content-Range': `bytes ${wanted.start}-${wanted.end}/${media.size}` },
    file: { path: media.path, start: wanted.start, end: wanted.end },
  };
}

/** The reply as a web Response (Electron's protocol handler), the file streamed from disk. */
export function mediaResponse(reply: MediaReply): Response {
  const body = reply.file && reply.file.end >= reply.file.start ? (Readable.toWeb(createReadStream(reply.file.path, { start: reply.file.start, end: reply.file.end })) as ReadableStream<Uint8Array>) : reply.message ?? null;
  return new Response(body, { status: reply.status, headers: reply.headers });
}
