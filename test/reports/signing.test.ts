import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationP12 } from '../support/signing';
import { builtCli } from '../support/workspace';

/**
 * Signed reports (issue 14, point 5): every PDF carries a PAdES signature (ETSI.CAdES.detached)
 * with the workspace's certificate. Checked by a real reader (poppler's pdfsig), and by `verify`
 * against the forgeries a tester tried: a page painted over or removed, data edited with its
 * fingerprint recomputed, an edit saved on top.
 */
const cli = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });
let dir: string;
let report: string;
let workspace: string;

afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwb-signing-'));
  workspace = join(dir, 'demo.pwb');
  expect(cli('demo', workspace).status).toBe(0);
  report = join(dir, 'vendors.pdf');
  const printed = cli('report', 'vendors', '--workspace', workspace, '--out', report);
  expect(printed.status, printed.stderr).toBe(0);
}, 120_000);

const variant = (name: string, bytes: Uint8Array) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

describe('signed reports', () => {
  it('are signed over the whole file with the workspace certificate, as pdfsig reads it', () => {
    const info = execFileSync('pdfsig', [report], { encoding: 'utf8' });
    expect(info).toContain('Signature Type: ETSI.CAdES.detached');
    expect(info).toContain('Signing Hash Algorithm: SHA-256');
    expect(info).toContain('Total document signed');
    expect(info).toContain('Signature Validation: Signature is Valid.');
    expect(info).toMatch(/Signer full Distinguished Name: O=Demo workspace \(five organisations\),CN=Demo workspace \(five organisations\) reports \(Privacy Workbench\)/);

    // The certificate an auditor is given is the one verify names.
    const pem = join(dir, 'signing.pem');
    const exported = cli('certificate', 'export', '--workspace', workspace, '--out', pem);
    expect(exported.status, exported.stderr).toBe(0);
    const certificate = new X509Certificate(readFileSync(pem));
    expect(certificate.subject).toContain('O=Demo workspace (five organisations)');
    const sha256 = certificate.fingerprint256.replace(/:/g, '').toLowerCase();
    const verified = cli('verify', report);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`signed by Demo workspace (five organisations) · Demo workspace (five organisations) reports (Privacy Workbench) (certificate SHA-256 ${sha256}), the signature covering the whole file`);
  });

  it('rejects a page painted over in place, a page removed, data edited with a fresh fingerprint, and an edit saved on top', async () => {
    const original = readFileSync(report);
    const problemsOf = (file: string) => {
      const result = cli('verify', file);
      expect(result.status, file).toBe(1);
      return result.stdout;
    };

    // Painted over: bytes of the printed pages changed where they are (the file keeps its length).
    const painted = Buffer.from(original);
    const at = Math.floor(painted.length / 3);
    painted.fill(0x20, at, at + 40);
    expect(problemsOf(variant('painted.pdf', painted))).toContain('The signature does not match the file: its pages, attachments or properties were changed after it was signed.');

    // A page removed (qpdf writes the file anew).
    const shorter = join(dir, 'shorter.pdf');
    execFileSync('qpdf', [report, '--pages', report, '1-2', '--', shorter]);
    expect(problemsOf(shorter)).toMatch(/The signature (no longer fits the file|does not match the file)/);

    // Data edited and the fingerprint recomputed to match: anyone can compute a SHA-256; nobody else can sign.
    const forged = await PDFDocument.load(original, { updateMetadata: false });
    const info = forged.context.lookup(forged.context.trailerInfo.Info) as unknown as { set(key: PDFName, value: PDFString): void };
    info.set(PDFName.of('PrivacyWorkbenchFingerprint'), PDFString.of('0'.repeat(64)));
    forged.setKeywords(['vendors', `sha256:${'0'.repeat(64)}`]);
    expect(problemsOf(variant('forged.pdf', await forged.save({ useObjectStreams: false })))).toMatch(/The signature (no longer fits the file|does not match the file)/);

    // Objects hidden in the part the signature leaves out (its own placeholder), which a parser would read.
    const gapStart = original.indexOf('<', original.indexOf('/Contents <') + 1) - 1;
    const hidden = Buffer.from(original);
    hidden.write('>endobj 99 0 obj<</Forged true>>endobj<', gapStart + 5000, 'latin1');
    expect(problemsOf(variant('hidden.pdf', hidden))).toContain('The signature no longer fits the file');

    // A report signed by someone else's key, with a certificate of the same name: named as it is, and refused against the organisation's.
    const other = mkdtempSync(join(tmpdir(), 'pwb-other-'));
    try {
      expect(cli('demo', join(other, 'same-name.pwb')).status).toBe(0);
      const impostor = join(other, 'vendors.pdf');
      expect(cli('report', 'vendors', '--workspace', join(other, 'same-name.pwb'), '--out', impostor).status).toBe(0);
      const pem = join(dir, 'organisation.pem');
      expect(cli('certificate', 'export', '--workspace', workspace, '--out', pem).status).toBe(0);
      expect(cli('verify', report, '--certificate', pem).status).toBe(0);
      const refused = cli('verify', impostor, '--certificate', pem);
      expect(refused.status).toBe(1);
      expect(refused.stdout).toMatch(/It was signed by another certificate \(SHA-256 [0-9a-f]{64}, naming Demo workspace/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }

    // An edit saved on top (an incremental update appended after the signed bytes).
    const appended = Buffer.concat([original, Buffer.from('\n% an edit saved on top\n')]);
    expect(problemsOf(variant('appended.pdf', appended))).toContain('bytes were added to the file after it was signed');
  });

  it("signs with the organisation's own certificate once imported (PKCS#12), and refuses a wrong passphrase", () => {
    const own = mkdtempSync(join(tmpdir(), 'pwb-own-cert-'));
    try {
      const workspaceOwn = join(own, 'own.pwb');
      expect(cli('demo', workspaceOwn).status).toBe(0);
      const p12 = join(own, 'smartt.p12');
      writeFileSync(p12, organisationP12('Smartt Ltd', 'correct horse'));
      writeFileSync(join(own, 'wrong.txt'), 'battery staple\n');
      writeFileSync(join(own, 'right.txt'), 'correct horse\n');

      const refused = cli('certificate', 'import', p12, '--workspace', workspaceOwn, '--passphrase-file', join(own, 'wrong.txt'));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/p12: the file cannot be opened as PKCS#12 with this passphrase/);
      const imported = cli('certificate', 'import', p12, '--workspace', workspaceOwn, '--passphrase-file', join(own, 'right.txt'));
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('Reports are now signed with: O=Smartt Ltd, CN=Smartt Ltd document signing');

      const out = join(own, 'ropa.pdf');
      expect(cli('report', 'ropa', '--workspace', workspaceOwn, '--out', out).status).toBe(0);
      expect(execFileSync('pdfsig', [out], { encoding: 'utf8' })).toMatch(/Signer full Distinguished Name: CN=Smartt Ltd document signing,O=Smartt Ltd[\s\S]*Signature is Valid/);
      expect(cli('verify', out).stdout).toMatch(/^intact: signed by Smartt Ltd · Smartt Ltd document signing/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);
});
