import { usageLines, UsageError, type CliIo, type Command } from './command';
import { commands } from './commands';
import { takePassphrase } from './passphrase';

export type { CliIo } from './command';

/** The help: every command's usage line and summary, from the command definitions. */
export function helpText(version: string): string {
  const width = Math.max(...commands.map((command) => command.usage.length));
  return [
    `privacy-workbench ${version}: the Privacy Workbench command line`,
    '',
    'Usage: privacy-workbench <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --help, -h     Show this help',
    '  --version      Print the version',
    '',
    'Errors go to standard error with exit code 1; a wrong call exits with code 2.',
  ].join('\n');
}

/**
 * The command the words name ("recordings sweep", "backup list", "demo") and the arguments after
 * them. A group's word alone ("recordings") or with an action it lacks is a wrong call that lists the
 * group's commands.
 */
function commandOf(argv: readonly string[]): { command: Command; args: string[] } {
  const [first, second] = argv;
  const pair = second === undefined ? undefined : commands.find((command) => command.name === `${first} ${second}`);
  if (pair) return { command: pair, args: argv.slice(2) };
  const single = commands.find((command) => command.name === first);
  if (single) return { command: single, args: argv.slice(1) };
  const group = commands.filter((command) => command.name.startsWith(`${first} `));
  if (group.length) throw new UsageError(usageLines(group));
  throw new UsageError(`unknown command "${first}"`);
}

/** Runs one CLI invocation and returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.err(helpText(io.version) + '\n');
      return 2;
    }
    if (first === '--help' || first === '-h' || first === 'help' || rest.includes('--help') || rest.includes('-h')) {
      io.out(helpText(io.version) + '\n');
      return 0;
    }
    if (first === '--version') {
      io.out(`${io.version}\n`);
      return 0;
    }
    const { command, args } = commandOf(argv);
    if (!command.opensWorkspace) return await command.run(args, io);
    const taken = takePassphrase(args, io.env ?? process.env);
    const fromFile = taken.args.length < args.length;
    const withPassphrase: CliIo = taken.passphrase === undefined ? io : { ...io, passphrase: taken.passphrase, passphraseSource: fromFile ? 'file' : 'environment' };
    return await command.run(taken.args, withPassphrase);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`privacy-workbench: ${error.message}\nRun "privacy-workbench --help" for the commands.\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`privacy-workbench: ${message}\n`);
    return 1;
  }
}
