import { defineConfig } from 'vitest/config';

// One runner for every test: unit, database, service, CLI, lint and security checks, and the
// end-to-end suites (Chromium through browser mode; Electron where its binary exists).
export default defineConfig({
  test: {
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
    // Every test on this computer's zone; the pure rules (test/core: deadlines, calendars, risk) once
    // more on computers set to each of these zones, since users' laptops are not on UTC (issue 16).
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'] } },
      ...['UTC', 'Australia/Sydney', 'America/Santiago', 'Pacific/Chatham'].map((zone) => ({
        extends: true as const,
        test: { name: `core on TZ=${zone}`, include: ['test/core/**/*.test.ts'], env: { TZ: zone } },
      })),
    ],
  },
});
