import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { WorkbenchError } from '../../core/contract';
import { defaultActor } from '../../service';
import { writeDemoWorkspace } from '../../service/demo';
import { newWorkspaceKey } from '../../service/workspaceFiles';
import { defineCommand } from '../command';
import { checkNewPassphrase } from '../passphrase';

export const demoCommand = defineCommand({
  name: 'demo',
  arguments: '<file>',
  summary: 'Create the demo workspace (five organisations from the seed policies) at <file>.',
  options: {},
  positionals: 1,
  run({ positionals: [file] }, io) {
    const path = resolve(file);
    if (io.passphrase !== undefined) checkNewPassphrase(io.passphrase, '--passphrase-file');
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeDemoWorkspace(path, { actor: defaultActor(), now: new Date().toISOString(), newId: randomUUID, ...(io.passphrase !== undefined ? { key: newWorkspaceKey(io.passphrase) } : {}) });
    } catch (error) {
      if (error instanceof WorkbenchError) throw new Error(error.message, { cause: error });
      throw error;
    }
    io.out(
      io.passphrase !== undefined
        ? `Demo workspace written to ${path} (encrypted with the passphrase given)\n`
        : `Demo workspace written to ${path} (not encrypted: anyone with the file can read it; give --passphrase-file to encrypt it)\n`,
    );
    return 0;
  },
});
