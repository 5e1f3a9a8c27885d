import { defineConfig } from 'vitest/config';

// One runner for every test: unit, database, service, CLI, lint and security checks, and the
// end-to-end suites (Chromium through browser mode; Electron where its binary exists).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Files run in parallel (two workers): every suite starts its own servers on random ports and
    // uses its own temporary folders; the built renderer in dist/ is only read.
    fileParallelism: true,
    maxWorkers: 2,
    // Vitest empties CSS imports unless told otherwise; the report print stylesheet is imported as text (`?raw`).
    css: { include: [/assets\/reports\/.*\.css/] },
  },
});
