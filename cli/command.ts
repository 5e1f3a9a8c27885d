import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where the CLI writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Folder of the built CLI, to find the built renderer for browser mode. */
  bundleDir: string;
  version: string;
  /** The environment (PRIVACY_WORKBENCH_PASSPHRASE); the process's when not given. */
  env?: NodeJS.ProcessEnv;
  /** The workspace passphrase of this invocation (--passphrase-file, else PRIVACY_WORKBENCH_PASSPHRASE), taken out before the command's own options are read. */
  passphrase?: string;
  /** Where it came from: the workspace's passphrase file, or the environment. */
  passphraseSource?: 'file' | 'environment';
}

/** A mistake in how the command was called: exit code 2 with the usage. */
export class UsageError extends Error {}

/** One option of a command: a string (`--out <file>`, `required` when a call without it, or with it empty, is wrong; `multiple` when it may repeat) or a flag. */
export type OptionSpec = { type: 'string'; required?: boolean; multiple?: boolean } | { type: 'boolean' };

export type OptionSpecs = Record<string, OptionSpec>;

/** The value `run` receives for an option: a flag is false when absent, a repeated option an empty list. */
type OptionValue<Option extends OptionSpec> = Option extends { type: 'boolean' }
  ? boolean
  : Option extends { multiple: true }
    ? string[]
    : Option extends { required: true }
      ? string
      : string | undefined;

/** The values of a command's options, typed by their declaration. */
export type OptionValues<Options extends OptionSpecs> = { [Name in keyof Options]: OptionValue<Options[Name]> };

/** `count` strings, as a tuple (so `const [file] = positionals` is a string). */
type Strings<Count extends number, Taken extends string[] = []> = number extends Count ? string[] : Taken['length'] extends Count ? Taken : Strings<Count, [...Taken, string]>;

/** What `run` receives: the option values and the positional arguments, checked against the declaration. */
export interface CommandCall<Options extends OptionSpecs, Positionals extends number | 'any'> {
  values: OptionValues<Options>;
  positionals: Positionals extends number ? Strings<Positionals> : string[];
}

/** What a command file declares: its name, its arguments and what it does, the options it reads, and how it runs. */
export interface CommandSpec<Options extends OptionSpecs, Positionals extends number | 'any'> {
  /** The words that call it: "demo", "recordings import-cdr". */
  name: string;
  /** What follows the name, as the help shows it: "<file> --workspace <file> [--json]". */
  arguments: string;
  /** One or two sentences for the help. */
  summary: string;
  /** False for a command that never opens a workspace, so takes no passphrase. */
  opensWorkspace?: boolean;
  /** Its options; an unknown or malformed one, or a required one missing, is a wrong call. */
  options: Options;
  /** How many positional arguments it takes (none when not given; another number is a wrong call), or 'any' when `run` checks them. */
  positionals?: Positionals;
  /** Runs the command on its parsed arguments; returns the exit code. */
  run(call: CommandCall<Options, Positionals>, io: CliIo, command: Command): number | Promise<number>;
}

/** A command as the dispatcher and the help use it. */
export interface Command {
  name: string;
  arguments: string;
  summary: string;
  opensWorkspace: boolean;
  /** "<name> <arguments>": the help's line and the usage a wrong call prints. */
  usage: string;
  /** The error a wrong call of this command throws: its usage. */
  wrongCall(): UsageError;
  /** Runs the command on the arguments after its name; returns the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * Declares one command; its usage line is derived from its name and arguments. The arguments are
 * parsed and checked against the declared options and positional count before `run` sees them.
 */
export function defineCommand<const Options extends OptionSpecs, const Positionals extends number | 'any' = 0>(spec: CommandSpec<Options, Positionals>): Command {
  const command: Command = {
    name: spec.name,
    arguments: spec.arguments,
    summary: spec.summary,
    opensWorkspace: spec.opensWorkspace ?? true,
    usage: `${spec.name} ${spec.arguments}`,
    wrongCall: () => new UsageError(usageLines([command])),
    run: async (args, io) => spec.run(parseCall(args, spec, command), io, command),
  };
  return command;
}

/** "usage: privacy-workbench …", one line per command. */
export function usageLines(commands: readonly Command[]): string {
  return commands.map((command, index) => `${index ? '       ' : 'usage: '}privacy-workbench ${command.usage}`).join('\n');
}

/** The arguments as `run` receives them; an unknown or malformed option is a wrong call with parseArgs's words, a missing one or a wrong count of positionals with the usage. */
function parseCall<Options extends OptionSpecs, Positionals extends number | 'any'>(
  args: string[],
  spec: CommandSpec<Options, Positionals>,
  command: Command,
): CommandCall<Options, Positionals> {
  const options: ParseArgsConfig['options'] = Object.fromEntries(
    Object.entries(spec.options).map(([name, option]) => [name, option.type === 'string' && option.multiple ? { type: 'string', multiple: true } : { type: option.type }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const expected = spec.positionals ?? 0;
  if (expected !== 'any' && parsed.positionals.length !== expected) throw command.wrongCall();
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const value = parsed.values[name];
    if (option.type === 'boolean') values[name] = value ?? false;
    else if (option.multiple) values[name] = value ?? [];
    else if (option.required && !value) throw command.wrongCall();
    else values[name] = value;
  }
  return { values, positionals: parsed.positionals } as CommandCall<Options, Positionals>;
}
