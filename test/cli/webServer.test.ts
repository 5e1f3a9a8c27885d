import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBuiltWebServer, type RunningWebServer } from '../support/webServer';
import { useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const running: RunningWebServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});
async function start(): Promise<RunningWebServer> {
  const server = await startBuiltWebServer(['--data-dir', join(tempDir(), 'data')]);
  running.push(server);
  return server;
}

/** A raw request, so the test controls every header (fetch would set Host and Origin itself). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode', () => {
  it('listens on 127.0.0.1 with a random port and a fresh token per launch', async () => {
    const [a, b] = [await start(), await start()];
    for (const server of [a, b]) {
      expect(new URL(server.url).hostname).toBe('127.0.0.1');
      expect(server.token.length).toBeGreaterThanOrEqual(32);
    }
    expect(a.token).not.toBe(b.token);
    expect(new URL(a.url).port).not.toBe(new URL(b.url).port);
  });

  it('refuses every request without the token', async () => {
    const server = await start();
    expect((await send(`${server.origin}/`)).status).toBe(401);
    expect((await send(`${server.origin}/api/getWorkspace`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await send(`${server.origin}/events`)).status).toBe(401);
    expect((await send(`${server.origin}/?token=wrong-token`)).status).toBe(401);
  });

  it('serves the app with its CSP and sets the token cookie from the URL', async () => {
    const server = await start();
    const page = await send(server.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    // Cookies are shared by every port of a host, so the cookie is named after this server's port.
    expect(String(page.headers['set-cookie'])).toMatch(new RegExp(`^workbench_token_${new URL(server.url).port}=`));
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;

    const api = await send(`${server.origin}/api/getWorkspace`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toEqual({ ok: true, value: null });
  });

  it('refuses other host names and cross-origin calls (DNS rebinding, CSRF)', async () => {
    const server = await start();
    const auth = { 'x-workbench-token': server.token };
    const port = new URL(server.url).port;
    expect((await send(`${server.origin}/api/getWorkspace`, { method: 'POST', headers: { ...auth, host: `evil.example:${port}` }, body: '{}' })).status).toBe(421);
    expect((await send(`${server.origin}/api/getWorkspace`, { method: 'POST', headers: { ...auth, host: `localhost:${port}` }, body: '{}' })).status).toBe(421);
    expect((await send(`${server.origin}/api/getWorkspace`, { method: 'POST', headers: { ...auth, origin: 'http://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await send(`${server.origin}/api/getWorkspace`, { method: 'GET', headers: auth })).status).toBe(405);
  });

  it('validates calls like the desktop app does and never serves files outside the renderer', async () => {
    const server = await start();
    const auth = { 'x-workbench-token': server.token, 'content-type': 'application/json' };
    const bad = JSON.parse((await send(`${server.origin}/api/createWorkspace`, { method: 'POST', headers: auth, body: '{"path":""}' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'path' } });
    const notJson = JSON.parse((await send(`${server.origin}/api/getWorkspace`, { method: 'POST', headers: auth, body: '{nope' })).body);
    expect(notJson).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await send(`${server.origin}/..%2F..%2Fpackage.json`, { headers: auth })).status).toBe(404);
    expect((await send(`${server.origin}/%2e%2e/cli/privacy-workbench.cjs`, { headers: auth })).status).toBe(404);
  });
});
