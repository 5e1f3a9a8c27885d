// Refreshes docs/screenshots, the pictures the README shows: builds, then runs the suites that take
// screenshots with SCREENSHOTS_DIR pointing there (a plain test run saves them under
// test-results/screenshots, so `npm test` leaves the tree as it was).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suites = [
  'test/e2e/welcome.test.ts',
  'test/e2e/register.test.ts',
  'test/e2e/registerImport.test.ts',
  'test/e2e/vendors.test.ts',
  'test/e2e/incidents.test.ts',
  'test/e2e/navigation.test.ts',
  'test/e2e/workspaces.test.ts',
  'test/e2e/backups.test.ts',
  'test/e2e/recordings.test.ts',
  'test/e2e/recordingsFiles.test.ts',
  'test/e2e/recordingsImport.test.ts',
  'test/e2e/reports.test.ts',
  'test/e2e/retentionRules.test.ts',
  'test/e2e/incidentClosing.test.ts',
  'test/e2e/workspaceZone.test.ts',
  'test/reports/reportPdf.test.ts',
];
const run = (command, args, env = process.env) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('npm', ['run', '--silent', 'build']);
run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'all', ...suites], { ...process.env, SCREENSHOTS_DIR: join(root, 'docs', 'screenshots') });
console.log('docs/screenshots refreshed: review the pictures (git diff --stat docs/screenshots) before committing them.');
