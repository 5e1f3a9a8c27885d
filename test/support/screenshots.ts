import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { repoRoot } from './workspace';

/**
 * Where the end-to-end suites save their screenshots: test-results/screenshots (ignored by git), so
 * a test run leaves the tree as it was. `npm run screenshots` sets SCREENSHOTS_DIR=docs/screenshots
 * to refresh the pictures the README shows.
 */
export const screenshotsDir = ((configured) => (configured ? (isAbsolute(configured) ? configured : join(repoRoot, configured)) : join(repoRoot, 'test-results', 'screenshots')))(process.env.SCREENSHOTS_DIR);

mkdirSync(screenshotsDir, { recursive: true });
