import { parseArgs } from 'node:util';

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

/** What a command file declares: its name, its arguments and what it does, and how it runs. */
export interface CommandSpec {
  /** The words that call it: "demo", "recordings import-cdr". */
  name: string;
  /** What follows the name, as the help shows it: "<file> --workspace <file> [--json]". */
  arguments: string;
  /** One or two sentences for the help. */
  summary: string;
  /** False for a command that never opens a workspace, so takes no passphrase. */
  opensWorkspace?: boolean;
  /** Runs the command on the arguments after its name; returns the exit code. */
  run(args: string[], io: CliIo, command: Command): number | Promise<number>;
}

/** A command as the dispatcher and the help use it. */
export interface Command extends Required<Omit<CommandSpec, 'run'>> {
  /** "<name> <arguments>": the help's line and the usage a wrong call prints. */
  usage: string;
  /** The error a wrong call of this command throws: its usage. */
  wrongCall(): UsageError;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Declares one command; its usage line is derived from its name and arguments. */
export function defineCommand(spec: CommandSpec): Command {
  const command: Command = {
    name: spec.name,
    arguments: spec.arguments,
    summary: spec.summary,
    opensWorkspace: spec.opensWorkspace ?? true,
    usage: `${spec.name} ${spec.arguments}`,
    wrongCall: () => new UsageError(usageLines([command])),
    run: async (args, io) => spec.run(args, io, command),
  };
  return command;
}

/** "usage: privacy-workbench …", one line per command. */
export function usageLines(commands: readonly Command[]): string {
  return commands.map((command, index) => `${index ? '       ' : 'usage: '}privacy-workbench ${command.usage}`).join('\n');
}

type OptionSpecs = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** The values (typed by the option specs) and positional arguments parseArgs gives. */
export type ParsedOptions<Options extends OptionSpecs> = ReturnType<typeof parseArgs<{ args: string[]; options: Options; allowPositionals: true; strict: true }>>;

/** A command's options and positional arguments; an unknown or malformed option is a wrong call. */
export function parseOptions<Options extends OptionSpecs>(args: string[], options: Options): ParsedOptions<Options> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
