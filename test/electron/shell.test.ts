import fc from 'fast-check';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelOf, eventChannelOf, operationNames } from '../../core/contract';
import { appEntryUrl, isTrustedSenderUrl, resolveAppFile } from '../../electron/senderPolicy';
import { defaultWindowState, fitToDisplays, parseWindowState } from '../../electron/windowState';
import { repoRoot } from '../support/workspace';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
  };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!electron.listeners.has(channel)) electron.listeners.set(channel, new Set());
      electron.listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => electron.listeners.get(channel)?.delete(listener),
  },
}));

describe('the preload bridge', () => {
  beforeEach(async () => {
    vi.resetModules();
    electron.exposed.clear();
    electron.listeners.clear();
    await import('../../electron/preload');
  });

  it('exposes exactly one function per contract operation, each on its own channel, and nothing else', async () => {
    const api = electron.exposed.get('workbench') as Record<string, (input: unknown) => Promise<unknown>>;
    expect([...electron.exposed.keys()]).toEqual(['workbench']);
    expect(Object.keys(api).sort()).toEqual([...operationNames, 'onWorkspaceChanged', 'onChanged', 'onWorkspaceRequested'].sort());
    for (const name of operationNames) {
      await api[name]!({ probe: name });
      expect(electron.invoke).toHaveBeenLastCalledWith(channelOf(name), { probe: name });
    }
  });

  it('is small: the built preload carries the operation names, not the schemas (zod, date-fns, rules)', () => {
    // The sandboxed preload is parsed on every window load; the main process validates every input anyway.
    const bundle = join(repoRoot, 'dist/electron/preload.cjs');
    const sources = (JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[] }).sources;
    expect(sources.filter((source) => source.includes('node_modules'))).toEqual([]);
    expect(sources.map((source) => source.replace(/^(\.\.\/)+/, '')).sort()).toEqual(['core/contract/operations.ts', 'electron/preload.ts']);
    expect(statSync(bundle).size).toBeLessThan(8 * 1024);
  });

  it('delivers workspace events and really unsubscribes', () => {
    const api = electron.exposed.get('workbench') as Record<'onWorkspaceChanged' | 'onWorkspaceRequested', (listener: (value: unknown) => void) => () => void>;
    for (const [subscription, event, payload] of [
      ['onWorkspaceChanged', 'workspaceChanged', { name: 'w' }],
      ['onWorkspaceRequested', 'workspaceRequested', { mode: 'create', path: '/home/dpo/register.pwb' }],
    ] as const) {
      const seen: unknown[] = [];
      const unsubscribe = api[subscription]((value) => seen.push(value));
      const channel = eventChannelOf(event);
      electron.listeners.get(channel)!.forEach((listener) => listener({}, payload));
      unsubscribe();
      expect(electron.listeners.get(channel)!.size).toBe(0);
      expect(seen).toEqual([payload]);
    }
  });
});

describe('IPC sender policy', () => {
  it('trusts only the app’s own pages', () => {
    expect(isTrustedSenderUrl(appEntryUrl)).toBe(true);
    expect(isTrustedSenderUrl('app://workbench/assets/x.js')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:5173/', '', undefined, 'not a url']) {
      expect(isTrustedSenderUrl(url), String(url)).toBe(false);
    }
  });

  it('serves files only from inside the renderer folder', () => {
    expect(resolveAppFile('/r', 'app://workbench/', join)).toBe('/r/index.html');
    expect(resolveAppFile('/r', 'app://workbench/assets/a.js', join)).toBe('/r/assets/a.js');
    // The URL parser folds an encoded dot-dot segment away, so the file stays inside the folder.
    expect(resolveAppFile('/r', 'app://workbench/%2e%2e/secret', join)).toBe('/r/secret');
    expect(resolveAppFile('/r', 'app://workbench/..%2Fsecret', join)).toBeNull();
    expect(resolveAppFile('/r', 'app://evil/index.html', join)).toBeNull();
  });
});

describe('remembered window state', () => {
  it('reads what was stored and falls back to the default on damage', () => {
    expect(parseWindowState(JSON.stringify({ x: 10, y: 20, width: 1500, height: 900, maximized: true }))).toEqual({ x: 10, y: 20, width: 1500, height: 900, maximized: true });
    expect(parseWindowState('{broken')).toEqual(defaultWindowState);
    expect(parseWindowState(null)).toEqual(defaultWindowState);
    expect(parseWindowState(JSON.stringify({ width: 100, height: 50 }))).toMatchObject({ width: 900, height: 600 });
  });

  it('forgets a position that is no longer on any display', () => {
    const display = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(fitToDisplays({ x: 100, y: 100, width: 1200, height: 800, maximized: false }, display)).toMatchObject({ x: 100, y: 100 });
    const offScreen = fitToDisplays({ x: 3000, y: 100, width: 1200, height: 800, maximized: false }, display);
    expect(offScreen.x).toBeUndefined();
    expect(offScreen.width).toBe(1200);
  });

  it('never throws on any stored text and always yields a usable size (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const state = parseWindowState(text);
        return state.width >= 900 && state.height >= 600 && typeof state.maximized === 'boolean';
      }),
    );
  });

  it('keeps any position whose title bar lies on a display (property)', () => {
    const display = { x: 0, y: 0, width: 2560, height: 1440 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 1300 }), (x, y) => {
        const state = { x, y, width: 1000, height: 700, maximized: false };
        return fitToDisplays(state, [display]).x === x;
      }),
    );
  });
});
