import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, bench, describe } from 'vitest';
import { migrate } from '../db/migrations';
import { writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import { scanRecordingsFolder } from '../service/recordingFiles';

/**
 * The folder scan at call-centre scale (numbers in docs/PERFORMANCE.md): 2 000 FreePBX-named WAV
 * files of 32 KB (64 MB, read and hashed) in day folders, matched against 200 000 registered calls,
 * by uniqueid token and by a date-and-time pattern. Target: under 2 s per scan.
 */
const recordings = Number(process.env.BENCH_SCAN_RECORDINGS ?? 200_000);
const files = Number(process.env.BENCH_SCAN_FILES ?? 2_000);
const root = mkdtempSync(join(tmpdir(), 'pwb-bench-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const folder = join(root, 'monitor');
const base = Date.UTC(2025, 0, 1, 8);
const db = new Database(join(root, 'scan.pwb'));
db.pragma('journal_mode = WAL');
migrate(db);
const insert = db.prepare(
  `INSERT INTO recordings (call_key, uniqueid, call_start, zone, duration_seconds, billable_seconds, direction, caller_ref_kind, purposes_json, imported_at)
   VALUES (?, ?, ?, 'UTC', 60, 55, 'inbound', 'none', '["quality"]', '2025-01-01T00:00:00.000Z')`,
);
db.transaction(() => {
  for (let index = 0; index < recordings; index += 1) {
    const uniqueid = `${1735718400 + index * 120}.${index}`;
    insert.run(uniqueid, uniqueid, new Date(base + index * 120_000).toISOString());
  }
})();
writeWorkspaceMeta(db, 'recordings_folder', folder);
const audio = Buffer.alloc(32 * 1024, 7);
const step = Math.floor(recordings / files);
for (let file = 0; file < files; file += 1) {
  const index = file * step;
  const start = new Date(base + index * 120_000).toISOString();
  const day = start.slice(0, 10).replaceAll('-', '');
  const time = start.slice(11, 19).replaceAll(':', '');
  mkdirSync(join(folder, day), { recursive: true });
  writeFileSync(join(folder, day, `in-200-0612345678-${day}-${time}-${1735718400 + index * 120}.${index}.wav`), audio);
}
const context = { db: () => db, actor: 'bench', now: () => '2026-01-01T00:00:00.000Z', newId: randomUUID };
const forget = () => db.prepare(`UPDATE recordings SET file_path = NULL, file_sha256 = NULL, file_size = NULL, storage_location = NULL WHERE file_path IS NOT NULL`).run();

describe(`scan ${files.toLocaleString('en')} files against ${recordings.toLocaleString('en')} calls`, () => {
  bench('by uniqueid token', () => {
    forget();
    const result = scanRecordingsFolder(context, { pattern: null });
    if (result.matched !== files) throw new Error(`matched ${result.matched} of ${files}`);
  }, { iterations: 3, warmupIterations: 1 });
  bench('by pattern (date and time, no uniqueid)', () => {
    forget();
    const result = scanRecordingsFolder(context, { pattern: 'in-{dst}-{src}-{date:YYYYMMDD}-{time:HHMMSS}-{*}' });
    if (result.matched !== files) throw new Error(`matched ${result.matched} of ${files}`);
  }, { iterations: 3, warmupIterations: 1 });
});
