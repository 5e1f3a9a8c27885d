import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { WorkbenchService } from '../service';
import { contentSecurityPolicy } from '../core/security';
import { recordingIdOfMediaPath, recordingMediaPath } from '../core/recordings/audioFiles';

/**
 * Browser mode, for development and tests only (never packaged): serves the built renderer and
 * the same service on 127.0.0.1. Every request must carry the per-launch token, given once in the
 * URL and then kept in a same-site, HTTP-only cookie.
 */
export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const maxBodyBytes = 5 * 1024 * 1024;

export async function startWebServer(options: {
  service: WorkbenchService;
  rendererDir: string;
  port?: number;
  token?: string;
}): Promise<WebServer> {
  const rendererDir = resolve(options.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no ${join(rendererDir, 'index.html')}); run "npm run build" first.`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const eventStreams = new Set<ServerResponse>();
  const unsubscribeWorkspace = options.service.on('workspaceChanged', (workspace) => {
    for (const stream of eventStreams) stream.write(`event: workspaceChanged\ndata: ${JSON.stringify(workspace)}\n\n`);
  });
  const unsubscribeChanges = options.service.on('changed', (change) => {
    for (const stream of eventStreams) stream.write(`event: changed\ndata: ${JSON.stringify(change)}\n\n`);
  });
  const unsubscribe = () => {
    unsubscribeWorkspace();
    unsubscribeChanges();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain', `Internal error: ${String(error)}`);
    });
  });

  let port = 0;
  // Browsers send cookies to every port of a host: the port in the name keeps two launches (and
  // other local servers' cookies) apart.
  const cookieName = () => `workbench_token_${port}`;
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // Only the loopback host name this server printed: refuses DNS-rebinding requests.
    if (request.headers.host !== `127.0.0.1:${port}`) return send(response, 421, 'text/plain', 'Wrong host.');
    const fromQuery = url.searchParams.get('token');
    const presented = fromQuery ?? readCookie(request.headers.cookie, cookieName()) ?? request.headers['x-workbench-token'];
    if (typeof presented !== 'string' || !sameSecret(presented, token)) {
      return send(response, 401, 'text/plain', 'A valid workbench token is required. Open the URL that was printed when browser mode started (npm start or npm run web); each start prints a new one.');
    }
    if (fromQuery) {
      response.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }

    // The token travels in a cookie, and a browser sends cookies to every port of 127.0.0.1 (one
    // "site"): a page served by another local program could otherwise embed the audio or read the
    // event stream. The page's own requests come from its origin ("same-origin"); "none" is a
    // person opening the address.
    if ((url.pathname.startsWith('/api/') || url.pathname.startsWith(recordingMediaPath) || url.pathname === '/events') && fromAnotherOrigin(request)) {
      return send(response, 403, 'text/plain', 'Cross-origin request refused.');
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Use POST.');
      const body = await readBody(request);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(response, { ok: false, error: { code: 'invalid-input', message: 'The request body is not JSON.' } });
      }
      const result = await options.service.call(decodeURIComponent(url.pathname.slice('/api/'.length)), input);
      return sendJson(response, result);
    }
    if (url.pathname.startsWith(recordingMediaPath)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Use GET.');
      // The id is the only thing read from the address: no path from the request reaches the disk.
      const reply = options.service.recordingMedia(recordingIdOfMediaPath(url.pathname.slice(recordingMediaPath.length - 1)), request.headers.range);
      response.writeHead(reply.status, reply.headers);
      if (!reply.file || request.method === 'HEAD' || reply.file.end < reply.file.start) return void response.end(reply.message ?? '');
      const stream = createReadStream(reply.file.path, { start: reply.file.start, end: reply.file.end });
      stream.on('error', () => response.destroy());
      request.on('close', () => stream.destroy());
      stream.pipe(response);
      return;
    }
    if (url.pathname === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      eventStreams.add(response);
      request.on('close', () => eventStreams.delete(response));
      return;
    }
    return serveStatic(url.pathname, response);
  }

  function fromAnotherOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}`) return true;
    const site = request.headers['sec-fetch-site'];
    return typeof site === 'string' && site !== 'same-origin' && site !== 'none';
  }

  function serveStatic(pathname: string, response: ServerResponse): void {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = normalize(join(rendererDir, relative));
    if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(response, 404, 'text/plain', 'Not found.');
    }
    response.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    response.end(readFileSync(file));
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolveListen);
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise((resolveClose) => {
        unsubscribe();
        for (const stream of eventStreams) stream.end();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function sameSecret(presented: string, expected: string): boolean {
  const left = Buffer.from(presented);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  return header
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error('request body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendJson(response: ServerResponse, value: unknown): void {
  send(response, 200, 'application/json', JSON.stringify(value));
}
