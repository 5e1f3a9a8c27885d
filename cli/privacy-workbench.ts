import { runCli } from './main';

declare const WORKBENCH_VERSION: string;

/** Whether a write failed for another reason than its reader going away. */
let writeFailed = false;

/**
 * Writes to a standard stream that its reader may close early (`privacy-workbench … | head -1`):
 * then the rest of the output has nowhere to go, which is no failure of the command, so it is
 * dropped and the command finishes with its own exit code. Any other write error (a full disk
 * under `> file`) is said once on stderr and makes the exit code 1.
 */
function guardedWriter(stream: NodeJS.WriteStream, name: string): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    closed = true;
    if (error.code === 'EPIPE') return;
    writeFailed = true;
    process.exitCode = 1;
    if (stream !== process.stderr) process.stderr.write(`privacy-workbench: cannot write to ${name}: ${error.message}\n`);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

const out = guardedWriter(process.stdout, 'standard output');
const err = guardedWriter(process.stderr, 'standard error');

runCli(process.argv.slice(2), { out, err, bundleDir: __dirname, version: WORKBENCH_VERSION }).then(
  (code) => {
    // Output that could not be written (other than to a reader gone) fails the command, whatever it did.
    process.exitCode = writeFailed ? 1 : code;
  },
  (error: unknown) => {
    err(`privacy-workbench: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
