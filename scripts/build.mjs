// Builds everything into dist/: the renderer (Vite), the CLI and browser-mode server, and the
// Electron main and preload scripts (esbuild). Type checking is a separate step (tsc -b).
import { readFileSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The CSP lives in core/security.ts; the page's meta tag is filled from it so the two never differ. */
function readContentSecurityPolicy() {
  const source = readFileSync(join(root, 'core/security.ts'), 'utf8');
  const directives = [...source.matchAll(/^\s*"([^"]+)",?$/gm)].map((match) => match[1]);
  if (directives.length < 5) throw new Error('core/security.ts: could not read the Content-Security-Policy directives');
  return directives.join('; ');
}

await rm(join(root, 'dist'), { recursive: true, force: true });

const csp = readContentSecurityPolicy();
await viteBuild({
  root: join(root, 'renderer'),
  base: './',
  logLevel: 'warn',
  configFile: false,
  build: {
    outDir: join(root, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
    rolldownOptions: {
      // TanStack Query marks its modules "use client" for server-component bundlers; a client-only app has nothing to keep.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /"use client"/.test(warning.message)) return;
        warn(warning);
      },
    },
  },
  plugins: [
    {
      name: 'workbench-csp',
      // frame-ancestors only works as a header (which the Electron shell and browser mode send); in a meta tag it is ignored with a console error.
      transformIndexHtml: (html) =>
        html.replace('%WORKBENCH_CSP%', csp.split('; ').filter((directive) => !directive.startsWith('frame-ancestors')).join('; ')),
    },
  ],
});

/** `import text from './file.css?raw'` (the report print stylesheet): the file's text, as Vite gives it. */
const rawText = {
  name: 'raw-text',
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?raw$/, '')), namespace: 'raw-text' }));
    build.onLoad({ filter: /.*/, namespace: 'raw-text' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // playwright-core drives Chromium for the CLI's reports; pdf.js (verify's page text) is an ES module that
  // finds its worker next to itself. Both are loaded from node_modules, not bundled.
  external: ['better-sqlite3', 'electron', 'playwright-core', 'pdfjs-dist'],
  plugins: [rawText],
  define: { WORKBENCH_VERSION: JSON.stringify(pkg.version) },
};
await Promise.all([
  esbuild({
    ...common,
    entryPoints: [join(root, 'cli/privacy-workbench.ts')],
    outfile: join(root, 'dist/cli/privacy-workbench.cjs'),
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild({ ...common, entryPoints: [join(root, 'electron/main.ts')], outfile: join(root, 'dist/electron/main.cjs') }),
  esbuild({ ...common, entryPoints: [join(root, 'electron/preload.ts')], outfile: join(root, 'dist/electron/preload.cjs') }),
  // The worker thread that runs call-record imports; the CLI and Electron bundles start it from here.
  esbuild({ ...common, entryPoints: [join(root, 'service/recordingsImportWorker.ts')], outfile: join(root, 'dist/worker/recordings-import.cjs') }),
  // The thread that reads and checks a call file while the import worker writes it.
  esbuild({ ...common, entryPoints: [join(root, 'service/callReadWorker.ts')], outfile: join(root, 'dist/worker/call-read.cjs') }),
  // The worker thread that matches a read register file against the register and writes it.
  esbuild({ ...common, entryPoints: [join(root, 'service/registerPlanWorker.ts')], outfile: join(root, 'dist/worker/register-plan.cjs') }),
]);
// The package's bin: `npx privacy-workbench` runs the file itself (through its shebang), so it must be executable.
await chmod(join(root, 'dist/cli/privacy-workbench.cjs'), 0o755);
console.log(`Built Privacy Workbench ${pkg.version} into dist/`);
