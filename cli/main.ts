import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkbenchError } from '../core/contract';
import { createWorkbenchService, defaultActor } from '../service';
import { writeDemoWorkspace } from '../service/demo';
import { defaultUserDataDir } from '../service/userDataDir';
import { startWebServer } from './webServer';

/** Where the CLI writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Folder of the built CLI, to find the built renderer for browser mode. */
  bundleDir: string;
  version: string;
}

/** A mistake in how the command was called: exit code 2 with the usage. */
class UsageError extends Error {}

const commands: Record<string, { usage: string; summary: string }> = {
  demo: { usage: 'demo <file>', summary: 'Create the demo workspace (five organisations from the seed policies) at <file>.' },
  web: {
    usage: 'web [--data-dir <dir>] [--workspace <file>] [--port <n>]',
    summary: 'Browser mode for development and tests: serve the app and its service on 127.0.0.1 and print the URL.',
  },
};

export function helpText(version: string): string {
  const width = Math.max(...Object.values(commands).map((command) => command.usage.length));
  return [
    `privacy-workbench ${version}: the Privacy Workbench command line`,
    '',
    'Usage: privacy-workbench <command> [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --help, -h     Show this help',
    '  --version      Print the version',
    '',
    'Errors go to standard error with exit code 1; a wrong call exits with code 2.',
  ].join('\n');
}

/** Runs one CLI invocation and returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.err(helpText(io.version) + '\n');
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(helpText(io.version) + '\n');
      return 0;
    }
    if (command === '--version') {
      io.out(`${io.version}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(helpText(io.version) + '\n');
      return 0;
    }
    switch (command) {
      case 'demo':
        return runDemo(rest, io);
      case 'web':
        return await runWeb(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
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

function parse<Options extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function runDemo(args: string[], io: CliIo): number {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError(`usage: privacy-workbench ${commands.demo!.usage}`);
  const path = resolve(positionals[0]!);
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeDemoWorkspace(path, { actor: defaultActor(), now: new Date().toISOString(), newId: randomUUID });
  } catch (error) {
    if (error instanceof WorkbenchError) throw new Error(error.message, { cause: error });
    throw error;
  }
  io.out(`Demo workspace written to ${path}\n`);
  return 0;
}

async function runWeb(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    'data-dir': { type: 'string' },
    workspace: { type: 'string' },
    port: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535');

  const service = createWorkbenchService({
    dataDir: resolve(values['data-dir'] ?? defaultUserDataDir()),
    reopenLast: values.workspace === undefined,
    onInternalError: (error) => io.err(`internal error: ${error instanceof Error ? error.stack : String(error)}\n`),
  });
  if (service.startupProblem) io.err(`${service.startupProblem}\n`);
  if (values.workspace !== undefined) {
    const result = await service.call('openWorkspace', { path: resolve(values.workspace) });
    if (!result.ok) throw new Error(result.error.message);
  }
  const server = await startWebServer({ service, rendererDir: join(io.bundleDir, '..', 'renderer'), port });
  io.out(`Privacy Workbench (browser mode) is serving on 127.0.0.1 only.\nOpen: ${server.url}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  service.close();
  return 0;
}
