import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { createWorkbenchService } from '../../service';
import { typedClient } from '../support/client';
import { cdrLine } from '../support/cdr';
import { builtCli, repoRoot, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const run = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });

describe('the privacy-workbench command', () => {
  it('is the package bin and lists its commands with --help', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
    expect(pkg.bin['privacy-workbench']).toBe('dist/cli/privacy-workbench.cjs');
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/demo <file>/);
    expect(help.stdout).toMatch(/web \[/);
    expect(help.stderr).toBe('');
    expect(run('--version').stdout.trim()).toBe(pkg.version);
    for (const command of ['web', 'demo']) {
      const sub = run(command, '--help');
      expect(sub.status, command).toBe(0);
      expect(sub.stdout, command).toMatch(/Commands:/);
    }
  });

  it('runs as the built file itself, through its shebang, as npx runs it', () => {
    // Any execute bit would let a shell start it; the build sets all three (0o755).
    expect(statSync(builtCli).mode & 0o777).toBe(0o755);
    expect(readFileSync(builtCli, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
    const direct = spawnSync(builtCli, ['--version'], { encoding: 'utf8' });
    expect(direct.error).toBeUndefined();
    expect(direct.status, direct.stderr).toBe(0);
    expect(direct.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits quietly with status 0 when its reader stops reading (as `| head -1` does)', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    expect(run('demo', workspace).status).toBe(0);
    // 4 000 rows each rejected on its own line: far more than a pipe holds, so the CLI is still writing when the reader goes.
    const rows = join(dir, 'rows.csv');
    writeFileSync(rows, `Controller,Processing activity\n${Array.from({ length: 4000 }, (_, index) => `Smartt,Activity ${index},an extra cell`).join('\n')}\n`);
    const ended = await new Promise<{ firstLine: string; code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolveEnd) => {
      const child = spawn(process.execPath, [builtCli, 'register', 'import', rows, '--workspace', workspace]);
      let stdout = '';
      let stderr = '';
      let firstLine = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (!firstLine && stdout.includes('\n')) {
          firstLine = stdout.slice(0, stdout.indexOf('\n'));
          child.stdout.destroy();
        }
      });
      child.on('close', (code, signal) => resolveEnd({ firstLine, code, signal, stderr }));
    });
    expect(ended.firstLine).toMatch(/^Imported 0, updated 0, unchanged 0, rejected 4000\./);
    expect(ended.stderr).not.toMatch(/EPIPE/);
    expect(ended.stderr).not.toMatch(/\n\s+at /);
    expect(ended.signal).toBeNull();
    expect(ended.code).toBe(0);
  });

  it('exits 2 with usage on stderr for a wrong call', () => {
    for (const args of [[], ['frobnicate'], ['demo'], ['demo', 'a', 'b'], ['web', '--port', 'eighty'], ['demo', '--bogus', 'x']]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('writes the demo workspace, and refuses with exit 1 to overwrite a file', async () => {
    const path = join(tempDir(), 'nested', 'demo.pwb');
    const first = run('demo', path);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(path);
    expect(existsSync(path)).toBe(true);

    const before = readFileSync(path);
    const second = run('demo', path);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already exists/);
    expect(readFileSync(path).equals(before)).toBe(true);

    const workbench = typedClient(createWorkbenchService({ dataDir: tempDir(), actor: 'test' }));
    expect(await workbench.openWorkspace({ path })).toMatchObject({ isDemo: true });
    expect(await workbench.listOrganisations()).toHaveLength(5);
    workbench.close();
  });
});

describe('privacy-workbench register', () => {
  it('exports and re-imports the register, printing the JSON summary', () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    expect(run('demo', workspace).status).toBe(0);
    const out = join(dir, 'register.csv');
    const exported = run('register', 'export', '--format', 'csv', '--workspace', workspace, '--out', out);
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Purpose of processing');

    const imported = run('register', 'import', out, '--workspace', workspace, '--json');
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: 24, rejected: [], encoding: 'UTF-8 with byte-order mark', keptAsText: [] });

    const json = join(dir, 'register.json');
    expect(run('register', 'export', '--format', 'json', '--workspace', workspace, '--out', json).status).toBe(0);
    expect((JSON.parse(readFileSync(json, 'utf8')) as { activities: unknown[] }).activities).toHaveLength(24);
  });

  it('exports XLSX and imports it back, and imports a workbook with good and bad rows once', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    expect(run('demo', workspace).status).toBe(0);
    const out = join(dir, 'register.xlsx');
    const exported = run('register', 'export', '--format', 'xlsx', '--workspace', workspace, '--out', out);
    expect(exported.status, exported.stderr).toBe(0);
    const sheet = await readSheet(readFileSync(out));
    expect(sheet[0]).toContain('Purpose of processing');
    expect(sheet).toHaveLength(25);
    expect(JSON.parse(run('register', 'import', out, '--workspace', workspace, '--json').stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: 24, rejected: [], keptAsText: [] });

    const rows = join(dir, 'rows.xlsx');
    await writeXlsxFile([
      ['Controller', 'Processing activity', 'Categories of personal data', 'Data Protection Impact Assessment required?'],
      ['Smartt', 'Door cameras', 'Identity', 'Yes'],
      ['Smartt', 'Bad row', 'Identity', 'Perhaps'],
    ]).toFile(rows);
    const first = JSON.parse(run('register', 'import', rows, '--workspace', workspace, '--json').stdout) as unknown;
    // "Perhaps" is no answer: kept as text and flagged, and printed as such beside what was mapped.
    expect(first).toMatchObject({ imported: 2, updated: 0, rejected: [], keptAsText: [{ column: 'dpiaRequired', value: 'Perhaps' }] });
    expect((first as { mapped: unknown[] }).mapped).toEqual(
      expect.arrayContaining([
        { column: 'dataCategories', value: 'Identity', to: 'identity', match: 'exact' },
        { column: 'dpiaRequired', value: 'Yes', to: 'yes', match: 'exact' },
      ]),
    );
    expect(JSON.parse(run('register', 'import', rows, '--workspace', workspace, '--json').stdout)).toMatchObject({ imported: 0, updated: 0 });
  });

  it('reports rejected rows by number and every reason, and what it kept as text', () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    run('demo', workspace);
    const file = join(dir, 'rows.csv');
    writeFileSync(file, 'Controller,Processing activity,Categories of personal data\nSmartt,Door cameras,Identity\nSmartt,Odd row,Telepathy\nNobody Ltd,Bad row,Identity,extra\n');
    const result = run('register', 'import', file, '--workspace', workspace, '--json');
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { imported: number; updated: number; rejected: Array<{ row: number; reason: string }>; keptAsText: unknown[] };
    expect(summary.imported).toBe(2);
    expect(summary.keptAsText).toEqual([{ column: 'dataCategories', value: 'Telepathy' }]);
    expect(summary.rejected).toEqual([{ row: 4, reason: expect.stringMatching(/^has 4 cells but the heading row has 3: cell 4 \("extra"\) cannot be matched/) }]);
    const again = JSON.parse(run('register', 'import', file, '--workspace', workspace, '--json').stdout) as { imported: number };
    expect(again.imported).toBe(0);
  });

  it('fails clearly on a wrong call or an unreadable file', () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    run('demo', workspace);
    expect(run('register', 'import', join(dir, 'x.csv')).status).toBe(2);
    expect(run('register', 'export', '--format', 'pdf', '--workspace', workspace, '--out', join(dir, 'x.pdf')).status).toBe(2);
    const xlsx = join(dir, 'sheet.xlsx');
    writeFileSync(xlsx, 'PK');
    const refused = run('register', 'import', xlsx, '--workspace', workspace);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is not an XLSX workbook/);
    const missing = run('register', 'import', join(dir, 'nope.csv'), '--workspace', workspace);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});

describe('privacy-workbench deadlines and assess', () => {
  const factsFile = (facts: unknown) => {
    const file = join(tempDir(), 'facts.json');
    writeFileSync(file, JSON.stringify(facts));
    return file;
  };
  const example = {
    zone: 'Europe/Berlin',
    // Its handling ended on 10 April, before the NIS2 final report falls due (Art. 23(4)(d), not (e)).
    events: { aware: '2026-03-27T10:00:00+01:00', discovered: '2026-03-27T09:00:00+01:00', determined: '2026-03-28T12:00:00+01:00', handlingEnded: '2026-04-10T12:00:00+02:00' },
    affected: [
      { where: 'DE', count: 1200 },
      { where: 'US-TX', count: 300 },
    ],
    sectors: ['nis2'],
    filings: [{ obligation: 'nis2-notification', filedAt: '2026-03-29T10:00:00+02:00' }],
    assessment: { breachTypes: ['confidentiality'], dataCategories: ['identity', 'contact'], subjects: 120000, exfiltration: 'confirmed', recipient: 'malicious', malicious: true },
  };

  it('prints the obligations the facts start, in the documented shape', () => {
    const result = run('deadlines', '--input', factsFile(example));
    expect(result.status, result.stderr).toBe(0);
    const { obligations } = JSON.parse(result.stdout) as { obligations: Array<Record<string, unknown>> };
    expect(obligations.map((obligation) => obligation.id)).toEqual([
      'gdpr-33-authority',
      'gdpr-34-subjects',
      'nis2-early-warning',
      'nis2-notification',
      'nis2-final-report',
      'us-tx-residents',
      'us-tx-ag',
    ]);
    expect(obligations[0]).toEqual({
      id: 'gdpr-33-authority',
      recipient: 'Lead supervisory authority',
      kind: 'deadline',
      anchor: 'aware',
      dueAt: '2026-03-30T09:00:00.000Z',
      dueLocal: '2026-03-30T11:00:00.000+02:00',
      citation: 'GDPR Art. 33(1)',
    });
    // One month after the notification was filed on 29 March: the end of 29 April in Berlin.
    expect(obligations.find((obligation) => obligation.id === 'nis2-final-report')).toMatchObject({ anchor: 'filing:nis2-notification', dueAt: '2026-04-29T21:59:59.999Z' });
    expect(obligations.find((obligation) => obligation.id === 'gdpr-34-subjects')).toMatchObject({ kind: 'no-fixed-deadline', dueAt: null, dueLocal: null });
  });

  it('prints the recommendation, the severity and the reasons', () => {
    const result = run('assess', '--input', factsFile(example));
    expect(result.status, result.stderr).toBe(0);
    const assessment = JSON.parse(result.stdout) as { recommendation: string; severity: number; reasons: string[] };
    expect(assessment.recommendation).toBe('notify-authority-and-subjects');
    expect(assessment.severity).toBe(3);
    expect(assessment.reasons.length).toBeGreaterThan(3);
  });

  it('names the wrong field of a facts file, and exits 2 on a wrong call', () => {
    const bad = run('deadlines', '--input', factsFile({ ...example, affected: [{ where: 'Texas', count: 3 }] }));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/affected\.0\.where: must be an ISO 3166 code/);
    expect(run('assess', '--input', factsFile({ zone: 'UTC' })).stderr).toMatch(/no "assessment" part/);
    expect(run('deadlines').status).toBe(2);
  });
});

describe('privacy-workbench recordings', () => {
  it('imports Master.csv and sweeps, printing the documented JSON', () => {
    const dir = tempDir();
    const workspace = join(dir, 'calls.pwb');
    expect(run('demo', workspace).status).toBe(0);
    const file = join(dir, 'Master.csv');
    writeFileSync(
      file,
      [cdrLine({ start: '2026-03-27 09:15:00', uniqueid: 'u.1' }), cdrLine({ start: '2026-03-27 09:16:00', uniqueid: 'u.2', disposition: 'BUSY', billsec: 0 }), 'garbage'].join('\n'),
    );
    const imported = run('recordings', 'import-cdr', file, '--zone', 'Europe/Paris', '--purpose', 'quality', '--workspace', workspace, '--json');
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ imported: 1, duplicates: 0, skipped: 1, rejected: [{ line: 3, reason: 'has 1 columns; a Master.csv row has 16, 17 (uniqueid) or 18 (uniqueid, userfield)' }] });
    expect(JSON.parse(run('recordings', 'import-cdr', file, '--zone', 'Europe/Paris', '--workspace', workspace, '--json').stdout)).toMatchObject({ imported: 0, duplicates: 1 });
    const sweep = run('recordings', 'sweep', '--workspace', workspace, '--now', '2026-10-01T00:00:00Z', '--json');
    expect(sweep.status, sweep.stderr).toBe(0);
    expect(JSON.parse(sweep.stdout)).toEqual({ due: 1, held: 0, conflicts: 0, retained: 0 });
    // --now sets the instant the due list is taken at, never the run's clock: the future is refused and nothing is disposed of.
    const early = run('recordings', 'dispose', '--workspace', workspace, '--now', '2099-01-01T00:00:00Z', '--operator', 'Records officer', '--json');
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/asOf: disposal cannot be run as of a future instant/);
    // No recordings folder: nothing can be deleted, so nothing is "disposed of" unless asked for as records only.
    const noFolder = run('recordings', 'dispose', '--workspace', workspace, '--now', '2026-10-01T00:00:00Z', '--operator', 'Records officer', '--json');
    expect(noFolder.status).toBe(1);
    expect(noFolder.stderr).toMatch(/folder: no recordings folder is set, so no file can be deleted and nothing was disposed of/);
    const disposed = run('recordings', 'dispose', '--workspace', workspace, '--now', '2026-10-01T00:00:00Z', '--operator', 'Records officer', '--records-only', '--json');
    expect(disposed.status, disposed.stderr).toBe(0);
    const batch = JSON.parse(disposed.stdout) as { operator: string; disposed: Array<{ callKey: string; method: string }>; refused: unknown[] };
    expect(batch).toMatchObject({ operator: 'Records officer', asOf: '2026-10-01T00:00:00.000Z', recordsOnly: true, refused: [] });
    expect(batch.disposed.map((entry) => [entry.callKey, entry.method])).toEqual([['u.1', 'records only: register entry closed; no file was touched (no recordings folder is set)']]);
    expect(JSON.parse(run('recordings', 'sweep', '--workspace', workspace, '--now', '2026-10-01T00:00:00Z', '--json').stdout)).toEqual({ due: 0, held: 0, conflicts: 0, retained: 0 });
    expect(run('recordings', 'dispose', '--workspace', workspace, '--now', '2026-10-01T00:00:00Z').status).toBe(2);
    expect(run('recordings', 'import-cdr', file, '--workspace', workspace).status).toBe(2);
    expect(run('recordings', 'sweep', '--workspace', workspace, '--now', 'tomorrow').stderr).toMatch(/now: must be an ISO 8601 instant/);
  });

  it('imports any CSV through a mapping saved in the workspace (in a worker thread), printing the same JSON', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'calls.pwb');
    const service = typedClient(createWorkbenchService({ dataDir: dir }));
    await service.createWorkspace({ passphrase: null, path: workspace });
    await service.saveCsvMapping({
      name: 'Hosted PBX',
      delimiter: ',',
      hasHeading: true,
      timeFormat: 'mdy-hm',
      columns: { start: 'Date', duration: 'Seconds', answered: 'Result', callerNumber: 'Caller', uniqueid: 'Id' },
    });
    service.close();
    const file = join(dir, 'calls.csv');
    writeFileSync(file, ['Id,Date,Seconds,Result,Caller', 'x1,03/27/2026 09:15,120,answered,"+1 (555) 010-0199"', 'x2,03/27/2026 09:16,0,busy,+15550100', 'x3,13/27/2026 09:17,30,answered,+15550101', ''].join('\n'));
    const args = ['recordings', 'import-csv', file, '--mapping', 'hosted pbx', '--zone', 'America/New_York', '--workspace', workspace, '--json'];
    const imported = run(...args);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({
      imported: 1,
      duplicates: 0,
      skipped: 1,
      rejected: [{ line: 4, reason: 'call start (column "Date"): "13/27/2026 09:17" is not a date and time as MM/DD/YYYY HH:MM' }],
    });
    expect(JSON.parse(run(...args).stdout)).toMatchObject({ imported: 0, duplicates: 1 });
    const unknown = run('recordings', 'import-csv', file, '--mapping', 'Other', '--zone', 'UTC', '--workspace', workspace, '--json');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No mapping named "Other" in this workspace (saved: Hosted PBX)');
    expect(run('recordings', 'import-csv', file, '--zone', 'UTC', '--workspace', workspace).status).toBe(2);
  });
});

describe('privacy-workbench recordings scan and tickets', () => {
  it('scans the recordings folder and imports ticket states, printing JSON, and refuses bad input with the line', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'calls.pwb');
    expect(run('demo', workspace).status).toBe(0);
    const file = join(dir, 'Master.csv');
    writeFileSync(file, [cdrLine({ start: '2026-03-27 09:15:00', uniqueid: 's.1', userfield: 'T-1', columns: 18 }), cdrLine({ start: '2026-03-27 09:16:00', uniqueid: 's.2', userfield: 'T-2', columns: 18 })].join('\n'));
    expect(run('recordings', 'import-cdr', file, '--zone', 'UTC', '--purpose', 'dispute', '--workspace', workspace).status).toBe(0);
    // No folder set yet: refused, naming the field.
    const early = run('recordings', 'scan', '--workspace', workspace, '--json');
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/folder: set the recordings folder/);

    const folder = join(dir, 'monitor');
    mkdirSync(folder);
    writeFileSync(join(folder, 'call-s.2-20260327.wav'), 'RIFF-two');
    writeFileSync(join(folder, 'x_20260327_091500.gsm'), 'gsm');
    const service = typedClient(createWorkbenchService({ dataDir: tempDir() }));
    await service.openWorkspace({ path: workspace });
    await service.setRecordingSettings({ folder, backupRetentionDays: 35 });
    service.close();
    const scan = run('recordings', 'scan', '--workspace', workspace, '--pattern', 'x_{date:YYYYMMDD}_{time:HHMMSS}', '--json');
    expect(scan.status, scan.stderr).toBe(0);
    expect(JSON.parse(scan.stdout)).toMatchObject({ scanned: 2, matched: 2, alreadyKnown: 0, unmatched: { count: 0 }, ignored: 0, cancelled: false });
    expect(run('recordings', 'scan', '--workspace', workspace, '--pattern', '{nope}').stderr).toMatch(/pattern: \{nope\} is not a token/);

    const tickets = join(dir, 'tickets.csv');
    writeFileSync(tickets, 'ticket,state,closed_at\nT-1,closed,2026-04-01T00:00:00Z\nT-2,reopened,\n');
    const refused = run('recordings', 'tickets', tickets, '--workspace', workspace, '--json');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/line 3: state "reopened" is not open, pending or closed/);
    writeFileSync(tickets, 'ticket,state,closed_at\nT-1,closed,2026-04-01T00:00:00Z\nT-2,pending,\nT-3,open,\n');
    const done = run('recordings', 'tickets', tickets, '--workspace', workspace, '--json');
    expect(done.status, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ tickets: 2, recordings: 2, unknownTickets: ['T-3'] });
    expect(run('recordings', 'tickets', '--workspace', workspace).status).toBe(2);
  });
});

describe('privacy-workbench register import, twice at once', () => {
  it('gives what one import after the other gives: no duplicates (each plans inside its write transaction)', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'register.pwb');
    expect(run('demo', workspace).status).toBe(0);
    const count = () => {
      const db = new Database(workspace, { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM activities`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const demo = count();
    const names = ['Smarp', 'SmarTek21', 'SmarterTools', 'Smartner', 'Smartt'];
    const rows = ['Controller,Processing activity,Purpose of processing'];
    for (let n = 0; n < 3_000; n += 1) rows.push(`${names[n % 5]},Imported activity ${n},Purpose ${n % 11}`);
    const file = join(dir, 'register.csv');
    writeFileSync(file, rows.join('\n'));
    const importOnce = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [builtCli, 'register', 'import', file, '--workspace', workspace, '--json']);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const [first, second] = await Promise.all([importOnce(), importOnce()]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const outcomes = [first, second].map((result) => JSON.parse(result.stdout) as { imported: number; updated: number }).sort((a, b) => b.imported - a.imported);
    expect(outcomes).toMatchObject([
      { imported: 3_000, updated: 0 },
      { imported: 0, updated: 0 },
    ]);
    expect(count()).toBe(demo + 3_000);
  });
});

describe('privacy-workbench workspace check', () => {
  it('says intact with the chain head, then names each problem after sqlite3 was used on the file (exit 1), and checks a kept head', () => {
    const dir = tempDir();
    const workspace = join(dir, 'register.pwb');
    expect(run('demo', workspace).status).toBe(0);
    const intact = run('workspace', 'check', '--workspace', workspace);
    expect(intact.status, intact.stderr).toBe(0);
    const head = /chain head ([0-9a-f]{64})/.exec(intact.stdout)![1]!;
    expect(intact.stdout).toMatch(/^intact: .*register\.pwb\n {2}change log: \d+ entries, chain head [0-9a-f]{64}\n$/);
    // The auditor's kept head, later: still in the log.
    expect(run('workspace', 'check', '--workspace', workspace, '--expect-head', head).stdout).toContain('the head you kept is entry');

    const db = new Database(workspace);
    db.exec("DROP TRIGGER change_log_no_update; DROP TRIGGER change_log_no_delete; UPDATE change_log SET actor = 'mallory' WHERE id = 3; DELETE FROM change_log WHERE id = 8;");
    db.close();
    const broken = run('workspace', 'check', '--workspace', workspace, '--json');
    expect(broken.status).toBe(1);
    const result = JSON.parse(broken.stdout) as { intact: boolean; problems: Array<{ entryId: number | null; problem: string }> };
    expect(result.intact).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { entryId: 3, problem: 'entry 3 does not match its hash: it was changed, inserted or moved after it was written' },
        { entryId: 9, problem: 'entry 8 is missing (removed)' },
      ]),
    );
    expect(run('workspace', 'check', '--workspace', workspace).stdout).toMatch(/^NOT intact: .*\n {2}- entry 3 does not match its hash/);
    expect(run('workspace', 'check').status).toBe(2);
    expect(run('workspace', 'check', '--workspace', workspace, '--expect-head', 'abc').status).toBe(2);
  });
});

describe('the CLI on a workspace the app is writing', () => {
  it('opens it every time: a log that changes while it is checked belongs to the live writer, not to another copy', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'register.pwb');
    expect(run('demo', workspace).status).toBe(0);
    // Another process keeps writing the workspace (as the app does), its log never checkpointed away.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
         const db = new Database(${JSON.stringify(workspace)});
         db.pragma('wal_autocheckpoint = 0');
         let n = 0;
         setInterval(() => { for (let i = 0; i < 20; i += 1) db.prepare("INSERT INTO workspace_meta (key, value) VALUES ('writer', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(n++)); }, 2);`,
      ],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const sweep = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [builtCli, 'recordings', 'sweep', '--workspace', workspace, '--json']);
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('close', (code) => resolve({ code, stderr }));
        });
        expect(sweep.stderr, `attempt ${attempt}`).not.toMatch(/does not belong/);
        expect(sweep.code, `attempt ${attempt}: ${sweep.stderr}`).toBe(0);
      }
    } finally {
      writer.kill('SIGKILL');
    }
  });
});
