import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { builtCli, useTempDirs } from '../support/workspace';

const tempDir = useTempDirs();
const cli = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });

describe('privacy-workbench report and verify', () => {
  it('prints the register to PDF, verifies it, and rejects it once a byte of its data changed', () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    expect(cli('demo', workspace).status).toBe(0);
    const out = join(dir, 'ropa.pdf');
    const printed = cli('report', 'ropa', '--workspace', workspace, '--out', out);
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/Record of processing activities — controller \(GDPR Art\. 30\(1\)\): \d+ pages written to .*ropa\.pdf\nFingerprint \(SHA-256 of the attached snapshot\.json\): [0-9a-f]{64}\n/);
    const fingerprint = /([0-9a-f]{64})/.exec(printed.stdout)![1]!;
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toContain(`sha256:${fingerprint}`);

    const intact = cli('verify', out);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(
      new RegExp(`^intact: signed by Demo workspace \\(five organisations\\) · .*\\(certificate SHA-256 [0-9a-f]{64}\\), the signature covering the whole file; the attached snapshot\\.json has the fingerprint the report states \\(${fingerprint}\\), its 2 CSV tables match, and each of its \\d+ pages reads what that data renders to\\.\n {2}Anyone can make a certificate with any name: compare its SHA-256 with the organisation's, or give it \\(verify --certificate <file\\.pem>\\)\\.\n$`),
    );

    // Uncompress the streams (qpdf): a rewritten file, so its signature no longer holds; its data still match.
    const plain = join(dir, 'plain.pdf');
    execFileSync('qpdf', ['--stream-data=uncompress', '--object-streams=disable', out, plain]);
    const rewritten = cli('verify', plain);
    expect(rewritten.status).toBe(1);
    expect(rewritten.stdout).toMatch(/^NOT intact: .*plain\.pdf\n {2}- The signature no longer fits the file: it was rewritten \(re-saved by another program\) or tampered with after it was signed\.\n$/);
    // Then one byte of snapshot.json.
    const bytes = readFileSync(plain);
    const at = bytes.indexOf(Buffer.from('{"data":{"assessedOn":', 'latin1'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 25] = bytes[at + 25]! ^ 0x01;
    const changed = join(dir, 'changed.pdf');
    writeFileSync(changed, bytes);
    const rejected = cli('verify', changed);
    expect(rejected.status).toBe(1);
    expect(rejected.stdout).toMatch(/\n {2}- snapshot\.json was changed: its SHA-256 is [0-9a-f]{64}, the fingerprint printed in the report is [0-9a-f]{64}\.\n/);
  });

  it('says what is wrong: a PDF without our attachments, an unknown incident, a wrong call', () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    expect(cli('demo', workspace).status).toBe(0);
    const out = join(dir, 'vendors.pdf');
    expect(cli('report', 'vendors', '--workspace', workspace, '--out', out).status).toBe(0);
    const stripped = join(dir, 'pages-only.pdf');
    execFileSync('qpdf', ['--empty', '--pages', out, '--', stripped]);
    const foreign = cli('verify', stripped);
    expect(foreign.status).toBe(1);
    expect(foreign.stdout).toMatch(/has no attached snapshot\.json: it is not a Privacy Workbench report, or its attachments were removed/);

    // Every kind prints from the CLI: the breach register of a workspace without breaches says so, and verifies.
    const breaches = cli('report', 'breaches', '--workspace', workspace, '--out', join(dir, 'breaches.pdf'));
    expect(breaches.status, breaches.stderr).toBe(0);
    expect(cli('verify', join(dir, 'breaches.pdf')).stdout).toMatch(/intact/);
    const unknownIncident = cli('report', 'incident', '--incident', 'nope', '--workspace', workspace, '--out', join(dir, 'incident.pdf'));
    expect(unknownIncident.status).toBe(1);
    expect(unknownIncident.stderr).toMatch(/nope/);

    expect(cli('report', 'payroll', '--workspace', workspace, '--out', out).status).toBe(2);
    expect(cli('report', 'incident', '--workspace', workspace, '--out', out).stderr).toMatch(/needs --incident <id>/);
    const missing = cli('verify', join(dir, 'missing.pdf'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot verify .*missing\.pdf: no such file\n$/);
  });

  it('answers input that is no report in one line with exit 2, never a stack trace, within its limits', () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    expect(cli('demo', workspace).status).toBe(0);
    const out = join(dir, 'vendors.pdf');
    expect(cli('report', 'vendors', '--workspace', workspace, '--out', out).status).toBe(0);
    const report = readFileSync(out);
    const inputs: Record<string, Buffer> = {
      empty: Buffer.alloc(0),
      'random bytes': Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256)),
      'header only': Buffer.from('%PDF-1.7\n'),
      'cut after 100 bytes': report.subarray(0, 100),
      'cut at a fifth': report.subarray(0, Math.floor(report.length / 5)),
      'cut in the middle': report.subarray(0, Math.floor(report.length / 2)),
    };
    for (const [name, bytes] of Object.entries(inputs)) {
      const file = join(dir, `${name.replace(/\s+/g, '-')}.pdf`);
      writeFileSync(file, bytes);
      const result = cli('verify', file);
      expect(result.status, name).toBe(2);
      expect(result.stderr, name).toMatch(/^privacy-workbench: cannot verify .*: not a readable PDF: [^\n]+\n$/);
      expect(`${result.stdout}${result.stderr}`, name).not.toMatch(/\n\s+at |TypeError|Cannot read properties/);
    }
    // Larger than any report: refused before it is read (a sparse file, so the test writes nothing).
    const huge = join(dir, 'huge.pdf');
    writeFileSync(huge, '%PDF-1.7\n');
    truncateSync(huge, 201 * 1_048_576);
    const refused = cli('verify', huge);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/cannot verify .*huge\.pdf: it is 201 MB, more than any report \(the limit is 200 MB\)\n$/);
  });
});

describe('privacy-workbench report on a workspace that fails its checks', () => {
  it('refuses to print, saying why, rather than sign a clean cover over data that cannot be trusted', () => {
    const dir = tempDir();
    const workspace = join(dir, 'demo.pwb');
    expect(cli('demo', workspace).status).toBe(0);
    const db = new Database(workspace);
    db.exec("UPDATE activities SET name = 'Changed with sqlite3' WHERE rowid = 2");
    db.close();
    const refused = cli('report', 'ropa', '--workspace', workspace, '--out', join(dir, 'ropa.pdf'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/This workspace fails its own checks \(activity \S+ \(Changed with sqlite3\) differs from its last logged state/);
    expect(existsSync(join(dir, 'ropa.pdf'))).toBe(false);
  });
});
