import { join, resolve } from 'node:path';
import { createWorkbenchService } from '../../service';
import { playwrightPrinter } from '../../service/reports/playwrightPrinter';
import { defaultUserDataDir } from '../../service/userDataDir';
import { callOrThrow } from '../callOrThrow';
import { defineCommand, UsageError } from '../command';
import { startWebServer } from '../webServer';
import { importWorkerOf } from '../withWorkspace';

export const webCommand = defineCommand({
  name: 'web',
  arguments: '[--data-dir <dir>] [--workspace <file>] [--port <n>]',
  summary: 'Browser mode for development and tests: serve the app and its service on 127.0.0.1 and print the URL.',
  options: { 'data-dir': { type: 'string' }, workspace: { type: 'string' }, port: { type: 'string' } },
  // Not a count: an argument here is named in the error, not answered with the usage.
  positionals: 'any',
  async run({ values, positionals }, io) {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535');

    const service = createWorkbenchService({
      ...(io.passphrase !== undefined ? { passphrase: io.passphrase } : {}),
      dataDir: resolve(values['data-dir'] ?? defaultUserDataDir()),
      printer: playwrightPrinter(),
      appVersion: io.version,
      reopenLast: values.workspace === undefined,
      automaticBackups: true,
      importWorkerPath: importWorkerOf(io),
      onInternalError: (error) => io.err(`internal error: ${error instanceof Error ? error.stack : String(error)}\n`),
    });
    if (service.startupProblem) io.err(`${service.startupProblem}\n`);
    if (values.workspace !== undefined) await callOrThrow(service, 'openWorkspace', { path: resolve(values.workspace) });
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
  },
});
