import { runCli } from './main';

declare const WORKBENCH_VERSION: string;

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  bundleDir: __dirname,
  version: WORKBENCH_VERSION,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`privacy-workbench: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
