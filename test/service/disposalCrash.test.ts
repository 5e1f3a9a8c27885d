import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { builtCli, useTempDirs } from '../support/workspace';

/**
 * Disposal killed at random moments: the real CLI (`recordings dispose`) disposes of a batch of
 * recordings with their audio files and is sent SIGKILL after a random delay, over and over. After
 * each kill the workspace must show no deleted file without its intent, and after it is opened
 * again (which closes the interrupted batch) every deleted file has its evidence, no evidence
 * claims a deletion that did not happen, no recording is called "already absent" for a file the
 * app itself deleted, and SQLite's integrity and foreign-key checks pass.
 */
const tempDir = useTempDirs();
const now = '2026-11-23T09:00:00.000Z';
const calls = 300;
const trials = 24;
const fileDeleted = "file deleted from the recordings folder (operating-system deletion; media sanitisation is the storage layer's)";

/** A seeded generator, so a failing run can be repeated (the seed is in the assertion messages). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function prepare(dir: string) {
  const workspace = join(dir, 'calls.pwb');
  const folder = join(dir, 'monitor');
  mkdirSync(folder);
  const setup = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date(now) }));
  await setup.createWorkspace({ passphrase: null, path: workspace });
  const lines = Array.from({ length: calls }, (_, n) =>
    cdrLine({ start: `2026-03-${String(1 + (n % 28)).padStart(2, '0')} ${String(8 + (n % 10)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00`, uniqueid: `c.${n}` }),
  );
  writeFileSync(join(dir, 'Master.csv'), lines.join('\n'));
  await setup.importCallRecords({ path: join(dir, 'Master.csv'), zone: 'UTC', purposes: ['quality'] });
  for (let n = 0; n < calls; n += 1) writeFileSync(join(folder, `c.${n}.wav`), Buffer.alloc(32 * 1024, n % 251));
  setup.close();
  // The folder is set through the CLI, as a script would.
  const set = spawnSync(process.execPath, [builtCli, 'recordings', 'folder', folder, '--workspace', workspace, '--json'], { encoding: 'utf8' });
  expect(set.status, set.stderr).toBe(0);
  expect(JSON.parse(set.stdout)).toEqual({ folder, backupRetentionDays: 35, callerCountry: null });
  const scanner = typedClient(createWorkbenchService({ dataDir: dir, actor: 'dpo', clock: () => new Date(now) }));
  await scanner.openWorkspace({ path: workspace });
  expect((await scanner.scanRecordingsFolder()).matched).toBe(calls);
  scanner.close();
  return { workspace, folder };
}

/** A copy of the prepared workspace and folder for one trial, its folder setting pointing at the copy. */
function copyFor(trial: string, prepared: { workspace: string; folder: string }) {
  mkdirSync(trial);
  const workspace = join(trial, 'calls.pwb');
  const folder = join(trial, 'monitor');
  cpSync(prepared.workspace, workspace);
  cpSync(prepared.folder, folder, { recursive: true });
  const db = new Database(workspace);
  db.prepare(`UPDATE workspace_meta SET value = ? WHERE key = 'recordings_folder'`).run(folder);
  db.close();
  return { workspace, folder };
}

/**
 * Runs a disposal and kills it: after `afterDeletions` files have gone from the folder (seen by a
 * file-system watch, so the kill lands wherever the child has got to by then), or after
 * `afterMs` (to land before the first deletion: starting, planning). Timing alone would not do:
 * on a loaded machine a whole batch can finish inside any delay measured beforehand.
 */
function dispose(workspace: string, folder: string, kill: { afterDeletions: number } | { afterMs: number } | null): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtCli, 'recordings', 'dispose', '--workspace', workspace, '--now', now, '--operator', 'R. Officer', '--json'], { stdio: 'ignore' });
    let deletions = 0;
    const watcher =
      kill && 'afterDeletions' in kill
        ? watch(folder, (event) => {
            if (event === 'rename' && (deletions += 1) >= kill.afterDeletions) child.kill('SIGKILL');
          })
        : null;
    const timer = kill && 'afterMs' in kill ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : null;
    child.on('exit', (code, signal) => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

interface Row {
  id: number;
  uniqueid: string;
  status: string;
}

/** What the workspace and the folder say, read as a checker would: plain SQLite and the file system. */
function inspect(workspace: string, folder: string) {
  const db = new Database(workspace, { readonly: true });
  try {
    const present = new Set(readdirSync(folder));
    const recordings = db.prepare(`SELECT id, uniqueid, status FROM recordings ORDER BY id`).all() as Row[];
    const evidence = new Map((db.prepare(`SELECT recording_id, method, verification FROM disposals`).all() as Array<{ recording_id: number; method: string; verification: string }>).map((row) => [row.recording_id, row]));
    const intents = new Map(
      (db.prepare(`SELECT recording_id, outcome FROM disposal_intents WHERE outcome IN ('pending', 'deleting', 'deleted')`).all() as Array<{ recording_id: number; outcome: string }>).map((row) => [row.recording_id, row.outcome]),
    );
    return {
      recordings: recordings.map((row) => ({ ...row, filePresent: present.has(`${row.uniqueid}.wav`) })),
      evidence,
      intents,
      unfinished: (db.prepare(`SELECT count(*) AS n FROM disposal_runs WHERE finished_at IS NULL`).get() as { n: number }).n,
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeys: db.pragma('foreign_key_check') as unknown[],
    };
  } finally {
    db.close();
  }
}

describe('disposal survives being killed at any moment', () => {
  it(`keeps evidence for every deleted file and claims no deletion that did not happen, over ${trials} kills (SIGKILL at random moments)`, async () => {
    const base = tempDir();
    mkdirSync(join(base, 'prepared'));
    const prepared = await prepare(join(base, 'prepared'));
    // A full run, untouched, gives the span over which the kills are spread.
    const full = copyFor(join(base, 'full'), prepared);
    const whole = await dispose(full.workspace, full.folder, null);
    expect(whole.code).toBe(0);
    expect(readdirSync(full.folder)).toEqual([]);
    // The CLI's start (Node, the bundle, opening the workspace), which a sweep measures.
    const sweepStarted = Date.now();
    expect(spawnSync(process.execPath, [builtCli, 'recordings', 'sweep', '--workspace', full.workspace, '--json']).status).toBe(0);
    const startup = Date.now() - sweepStarted;

    const seed = Number(process.env.DISPOSAL_CRASH_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    const landed = { before: 0, during: 0, after: 0 };
    for (let trial = 0; trial < trials; trial += 1) {
      const where = `seed ${seed}, trial ${trial}`;
      const { workspace, folder } = copyFor(join(base, `trial-${trial}`), prepared);
      // One trial in six dies before any deletion (starting up or planning); the others after a random number of them.
      const kill = trial % 6 === 0 ? { afterMs: Math.round(next() * startup * 1.2) } : { afterDeletions: 1 + Math.floor(next() * (calls - 1)) };
      const run = await dispose(workspace, folder, kill);

      // At the instant of death: a file gone has its intent (declared before the deletion) or its evidence.
      const raw = inspect(workspace, folder);
      expect(raw.integrity, where).toBe('ok');
      for (const recording of raw.recordings) {
        if (!recording.filePresent) expect(raw.intents.has(recording.id) || raw.evidence.has(recording.id), `${where}: ${recording.uniqueid} deleted without an intent`).toBe(true);
        if (raw.evidence.has(recording.id)) expect(recording.filePresent, `${where}: evidence for ${recording.uniqueid}, whose file is still there`).toBe(false);
      }
      const deletedAtDeath = raw.recordings.filter((recording) => !recording.filePresent).length;
      if (deletedAtDeath === 0) landed.before += 1;
      else if (deletedAtDeath === calls) landed.after += 1;
      else landed.during += 1;

      // Opened again: the interrupted batch is closed from its intents, nothing is deleted by that.
      const reopened = typedClient(createWorkbenchService({ dataDir: join(base, `trial-${trial}`), actor: 'dpo', clock: () => new Date(now) }));
      const info = await reopened.openWorkspace({ path: workspace });
      if (run.killed && raw.unfinished > 0) expect(info.warnings, where).toEqual([expect.stringMatching(/was interrupted before it finished/)]);
      reopened.close();
      const after = inspect(workspace, folder);
      expect(after.integrity, where).toBe('ok');
      expect(after.foreignKeys, where).toEqual([]);
      expect(after.unfinished, where).toBe(0);
      expect(after.recordings.filter((recording) => !recording.filePresent).length, `${where}: opening deleted files`).toBe(deletedAtDeath);
      for (const recording of after.recordings) {
        const entry = after.evidence.get(recording.id);
        if (recording.filePresent) {
          expect(entry, `${where}: evidence for ${recording.uniqueid}, whose file is still there`).toBeUndefined();
          expect(recording.status, where).toBe('retained');
        } else {
          expect(entry?.method, `${where}: ${recording.uniqueid} deleted without evidence`).toBe(fileDeleted);
          expect(recording.status, where).toBe('disposed');
        }
      }

      // The next run, even one that closes the entries of absent files, finishes the rest truthfully.
      const finisher = typedClient(createWorkbenchService({ dataDir: join(base, `trial-${trial}`), actor: 'dpo', clock: () => new Date(now) }));
      await finisher.openWorkspace({ path: workspace });
      const rest = await finisher.disposeDueRecordings({ asOf: now, acceptMissingFiles: true });
      finisher.close();
      expect(rest.disposed.filter((entry) => entry.method.includes('already absent')), `${where}: the app's own deletions called "already absent"`).toEqual([]);
      expect(rest.disposed.length + deletedAtDeath, where).toBe(calls);
      expect(existsSync(folder) && readdirSync(folder), where).toEqual([]);
    }
    console.info(`disposal crash test (seed ${seed}): kills before the first deletion ${landed.before}, during the batch ${landed.during}, after the last ${landed.after}`);
    // The kills must have landed inside batches, where a crash could lose evidence.
    expect(landed.during, `seed ${seed}: ${JSON.stringify(landed)}`).toBeGreaterThanOrEqual(trials / 2);
  }, 240_000);

  it('makes each deletion durable before its confirmation: the folder is synced after the unlink and before the next commit (system calls traced)', async () => {
    const base = tempDir();
    mkdirSync(join(base, 'prepared'));
    const { workspace, folder } = copyFor(join(base, 'traced'), await prepare(join(base, 'prepared')));
    // strace -y names each descriptor's file, so the folder's sync and the workspace's commits are told apart.
    const traced = spawnSync(
      'strace',
      ['-f', '-y', '-qq', '-e', 'trace=unlink,unlinkat,fsync,fdatasync', '-o', join(base, 'trace'), process.execPath, builtCli, 'recordings', 'dispose', '--workspace', workspace, '--now', now, '--operator', 'R. Officer', '--json'],
      { encoding: 'utf8' },
    );
    expect(traced.error, 'strace is needed for this test (scripts/setup.sh installs it on Debian and Ubuntu)').toBeUndefined();
    expect(traced.status, traced.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
    const calls = readFileSync(join(base, 'trace'), 'utf8').split('\n');
    const unlinks = calls.flatMap((line, index) => (/unlink(at)?\(.*monitor\/c\.\d+\.wav"/.test(line) && / = 0$/.test(line) ? [index] : []));
    expect(unlinks.length).toBe(300);
    const folderSync = new RegExp(`f(data)?sync\\(\\d+<${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>\\) = 0`);
    const commit = /f(data)?sync\(\d+<[^>]*calls\.pwb(-wal|-journal)?>\) = 0/;
    for (const at of unlinks) {
      const next = calls.slice(at + 1).findIndex((line) => commit.test(line) || folderSync.test(line));
      expect(next, `no sync after ${calls[at]}`).toBeGreaterThanOrEqual(0);
      expect(calls[at + 1 + next], `after ${calls[at]}, the workspace committed before the folder was synced`).toMatch(folderSync);
    }
  }, 120_000);
});
