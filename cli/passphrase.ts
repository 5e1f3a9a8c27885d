import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minimumPassphraseLength } from '../core/contract';
import { UsageError } from './command';

/** The environment variable a workspace passphrase may come from (for scripts and CI; a file is safer on a shared computer). */
export const passphraseVariable = 'PRIVACY_WORKBENCH_PASSPHRASE';

/** A passphrase file's first line, its line ending and any byte-order mark (Notepad writes one) dropped; `option` names it in errors. */
export function readPassphraseFile(file: string, option: string): string {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new Error(`${option}: ${resolve(file)} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, { cause: error });
  }
  const passphrase = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  if (!passphrase) throw new Error(`${option}: ${resolve(file)} holds no passphrase on its first line.`);
  return passphrase;
}

/**
 * Takes `--passphrase-file <file>` (or `=<file>`) out of a command's arguments and reads it: the
 * file's first line, its line ending dropped. Else PRIVACY_WORKBENCH_PASSPHRASE. Never a passphrase
 * on the command line itself, where other users of the computer can read it.
 */
export function takePassphrase(args: string[], env: NodeJS.ProcessEnv): { args: string[]; passphrase?: string } {
  const rest: string[] = [];
  let file: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--passphrase-file') {
      file = args[index + 1];
      if (file === undefined || file.startsWith('--')) throw new UsageError('--passphrase-file needs the file that holds the passphrase');
      index += 1;
    } else if (arg.startsWith('--passphrase-file=')) file = arg.slice('--passphrase-file='.length);
    else rest.push(arg);
  }
  if (file !== undefined) return { args: rest, passphrase: readPassphraseFile(file, '--passphrase-file') };
  const fromEnv = env[passphraseVariable];
  return fromEnv ? { args: rest, passphrase: fromEnv } : { args: rest };
}

/** Refuses a new passphrase shorter than the workspace's minimum; `option` names where it came from. */
export function checkNewPassphrase(passphrase: string, option: string): void {
  if (passphrase.length < minimumPassphraseLength) throw new UsageError(`${option}: use at least ${minimumPassphraseLength} characters (a few words are easiest to remember)`);
}
