import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkWorkspaceFile } from '../../service/workspaceCheck';
import { defineCommand, UsageError } from '../command';

/** Read-only, and through the same opening checks as the app (a damaged file or a log that does not belong is refused with its reason, exit 1). */
export const workspaceCheckCommand = defineCommand({
  name: 'workspace check',
  arguments: '--workspace <file> [--expect-head <hash>] [--json]',
  summary:
    "Check a workspace: SQLite's integrity and foreign keys, the change log's hash chain, and each record against its last logged state; prints intact (exit 0) or each problem (exit 1). --expect-head: a chain head kept earlier (a report's cover names it) must still be in the log.",
  options: { workspace: { type: 'string', required: true }, 'expect-head': { type: 'string' }, json: { type: 'boolean' } },
  run({ values }, io) {
    const expectHead = values['expect-head'];
    if (expectHead !== undefined && !/^[0-9a-fA-F]{64}$/.test(expectHead)) throw new UsageError('--expect-head must be a SHA-256 in hex (64 characters), as a report cover names the chain head');
    const file = resolve(values.workspace);
    if (!existsSync(file)) throw new Error(`${file} does not exist.`);
    const result = checkWorkspaceFile(file, { ...(expectHead ? { expectHead } : {}), ...(io.passphrase !== undefined ? { passphrase: io.passphrase } : {}) });
    if (values.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.intact) {
      io.out(`intact: ${file}\n  change log: ${result.head ? `${result.head.id} entries, chain head ${result.head.hash}` : 'empty'}\n`);
      if (result.expectedHead) io.out(`  the head you kept is entry ${result.expectedHead.entryId}; ${result.expectedHead.entriesSince} entries were added since\n`);
    } else {
      io.out(`NOT intact: ${file}\n${result.problems.map((problem) => `  - ${problem.problem}`).join('\n')}\n`);
    }
    return result.intact ? 0 : 1;
  },
});
