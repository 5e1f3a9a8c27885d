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

describe('the recordings media route in browser mode', () => {
  it('needs the token, answers ranges with the right bytes, and reads nothing outside the recordings folder', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { builtCli } = await import('../support/workspace');
    const { cdrLine } = await import('../support/cdr');
    const dir = tempDir();
    const workspace = join(dir, 'calls.pwb');
    const cli = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });
    expect(cli('demo', workspace).status).toBe(0);
    writeFileSync(join(dir, 'Master.csv'), `${cdrLine({ start: '2026-03-27 09:15:00', uniqueid: 'm.1' })}\n${cdrLine({ start: '2026-03-27 09:16:00', uniqueid: 'm.2' })}\n`);
    expect(cli('recordings', 'import-cdr', join(dir, 'Master.csv'), '--zone', 'UTC', '--workspace', workspace).status).toBe(0);
    const folder = join(dir, 'monitor');
    mkdirSync(folder);
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
    writeFileSync(join(folder, 'm.1.wav'), bytes);
    writeFileSync(join(dir, 'secret.txt'), 'outside the folder');
    const server = await startBuiltWebServer(['--data-dir', join(dir, 'data'), '--workspace', workspace]);
    running.push(server);
    const host = { Host: new URL(server.origin).host };
    const withToken = { ...host, 'X-Workbench-Token': server.token };
    const api = async (name: string, input: unknown) =>
      JSON.parse((await send(`${server.origin}/api/${name}`, { method: 'POST', headers: { ...withToken, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })).body) as { ok: boolean; value: unknown };
    expect((await api('setRecordingSettings', { folder, backupRetentionDays: 35 })).ok).toBe(true);
    expect(await api('scanRecordingsFolder', {})).toMatchObject({ ok: true, value: { matched: 1 } });
    const files = (await api('listRecordingFiles', {})).value as { files: Array<{ recordingId: number }> };
    const id = files.files[0]!.recordingId;

    expect((await send(`${server.origin}/media/recordings/${id}`, { headers: host })).status).toBe(401);
    const whole = await send(`${server.origin}/media/recordings/${id}`, { headers: withToken });
    expect(whole).toMatchObject({ status: 200, headers: { 'content-type': 'audio/wav', 'content-length': '256', 'accept-ranges': 'bytes' } });
    const part = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = request(`${server.origin}/media/recordings/${id}`, { headers: { ...withToken, Range: 'bytes=100-103' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-103/256');
    expect([...part.body]).toEqual([100, 101, 102, 103]);
    expect((await send(`${server.origin}/media/recordings/${id}`, { headers: { ...withToken, Range: 'bytes=300-' } })).status).toBe(416);

    // Traversal: the address carries only an id; anything else is not a recording.
    for (const path of ['/media/recordings/..%2F..%2Fsecret.txt', '/media/recordings/%2e%2e/secret.txt', `/media/recordings/${id}/../../secret.txt`, '/media/recordings/1.wav', '/media/recordings/-1']) {
      const answer = await send(`${server.origin}${path}`, { headers: withToken });
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.body).not.toContain('outside the folder');
    }
    const refused = await send(`${server.origin}/media/recordings/${id + 1}`, { headers: withToken });
    expect(refused).toMatchObject({ status: 404, body: expect.stringContaining('no audio file is registered') });
    expect((await send(`${server.origin}/media/recordings/${id}`, { method: 'POST', headers: withToken })).status).toBe(405);

    // Another origin on this computer (any other 127.0.0.1 port: the browser sends it the cookie): refused.
    expect((await send(`${server.origin}/media/recordings/${id}`, { headers: { ...withToken, 'Sec-Fetch-Site': 'same-site' } })).status).toBe(403);
    expect((await send(`${server.origin}/media/recordings/${id}`, { headers: { ...withToken, Origin: 'http://127.0.0.1:1' } })).status).toBe(403);
    expect((await send(`${server.origin}/events`, { headers: { ...withToken, 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);

    // The same in a real browser: a page from another port embeds the audio while the workbench's cookie is set.
    const { launchChromium } = await import('../support/chromium');
    const { createServer } = await import('node:http');
    const elsewhere = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(`<!DOCTYPE html><audio src="${server.origin}/media/recordings/${id}" preload="auto" controls></audio>`);
    });
    await new Promise<void>((listening) => elsewhere.listen(0, '127.0.0.1', listening));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      const answered = page.waitForResponse((response) => response.url().startsWith(`${server.origin}/media/`));
      await page.goto(`http://127.0.0.1:${(elsewhere.address() as { port: number }).port}/`);
      expect((await answered).status()).toBe(403);
    } finally {
      await browser.close();
      elsewhere.close();
    }

    const log = (await api('listRecordingAccess', { recordingId: id })).value as Array<{ outcome: string }>;
    // The whole file, then ranges further on (seeking within that playback): one entry. Nothing served elsewhere.
    expect(log.map((entry) => entry.outcome)).toEqual(['served']);
  });
});
