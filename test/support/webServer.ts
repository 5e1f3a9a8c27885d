import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { builtCli } from './workspace';

export interface RunningWebServer {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts the built CLI's browser mode and waits for the URL it prints. The person using it is
 * named (profile: the change log's name, asked for once on first use) unless `profile` is null,
 * as on a computer account that never used the app.
 */
export async function startBuiltWebServer(args: string[], { profile = 'Anna Martin', env = {} }: { profile?: string | null; env?: Record<string, string> } = {}): Promise<RunningWebServer> {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run "npm run build" first (npm test does).`);
  const child = spawn(process.execPath, [builtCli, 'web', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its URL within 20 s:\n${output}`)), 20_000);
    const check = () => {
      const match = /Open: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  if (profile) {
    const named = await fetch(`${parsed.origin}/api/setProfile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-workbench-token': parsed.searchParams.get('token') ?? '', Origin: parsed.origin },
      body: JSON.stringify({ name: profile }),
    });
    if (!named.ok) throw new Error(`setting the profile failed: ${named.status}`);
  }
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
