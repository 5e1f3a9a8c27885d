export type Attempt = { ok: true } | { ok: false; why: string };
export interface Way {
  name: string;
  /** Leaves build/Release/better_sqlite3.node in the scratch copy of better-sqlite3. */
  run(scratch: string, version: string): Attempt;
}
/** The module ABI a native addon registers, or null. */
export function registeredAbi(binary: Uint8Array): string | null;
export function fetchPrebuilt(scratch: string, version: string): Attempt;
export function compileForElectron(scratch: string, version: string, root?: string): Attempt;
export function buildNativeForElectron(options?: {
  root?: string;
  packageDir?: string;
  force?: boolean;
  ways?: Way[];
  log?: (line: string) => void;
}): { ok: true; how: string; output: string } | { ok: false; problems: string[] };
