export interface StepOptions {
  cwd?: string;
  shell?: boolean;
  log?: (line: string) => void;
}
export type RunStep = (label: string, command: string, args: string[], options?: StepOptions) => number;

/** How to run npm without a shell where possible (npm_execpath), with one for npm.cmd on Windows. */
export function npmCommand(options?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): { command: string; prefix: string[]; shell: boolean };
/** Exit code, or 128 + the signal's number for a child killed by a signal. */
export function exitStatusOf(code: number | null, signal: NodeJS.Signals | null): number;
export const runStep: RunStep;
/** Advice for a sandbox that cannot start, or null when the output shows no such failure. */
export function sandboxAdvice(output: string, electronBinary: string): string | null;
export function launchDesktop(electronBinary: string, appDir: string, options?: { log?: (line: string) => void; env?: NodeJS.ProcessEnv }): Promise<number>;
export function launchBrowserMode(root: string, args: string[], options?: { log?: (line: string) => void }): Promise<number>;
export function startWorkbench(options?: {
  root?: string;
  argv?: string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  packageDir?: string;
  log?: (line: string) => void;
  run?: RunStep;
  desktop?: (electronBinary: string, appDir: string) => Promise<number>;
  browser?: (root: string, args: string[]) => Promise<number>;
}): Promise<number>;
