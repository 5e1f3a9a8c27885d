import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beginMarkedContent, endMarkedContent, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, rgb, StandardFonts } from '@cantoo/pdf-lib';
import type { ReportMeta, ReportSnapshot } from '../../core/reports/model';
import { finishPdf, metaFileName, sha256Hex, snapshotBytes } from '../../service/reports/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P12Signer } from '@signpdf/signer-p12';
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

/** A signed PDF's byte range (/ByteRange): where the signature's hex string lies, and the bytes it covers. */
const signedRange = (bytes: Buffer) => {
  const [start, firstLength, secondStart, secondLength] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(bytes.toString('latin1'))!.slice(1).map(Number) as [number, number, number, number];
  return { firstLength, secondStart, covered: Buffer.concat([bytes.subarray(start, start + firstLength), bytes.subarray(secondStart, secondStart + secondLength)]) };
};

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

  it('is a PAdES baseline signature (B-B), as OpenSSL reads its CMS: content type, digest and signing certificate signed, no signing-time', () => {
    const bytes = readFileSync(report);
    const { firstLength, secondStart, covered: signedBytes } = signedRange(bytes);
    const cms = variant('signature.der', Buffer.from(bytes.subarray(firstLength + 1, secondStart - 1).toString('latin1').replace(/(00)+$/, ''), 'hex'));
    const covered = variant('covered.bin', signedBytes);
    const checked = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', cms, '-binary', '-noverify', '-content', covered, '-out', '/dev/null'], { encoding: 'utf8' });
    expect(checked.stderr).toContain('CMS Verification successful');
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-noout', '-inform', 'DER', '-in', cms], { encoding: 'utf8' });
    const signedAttributes = printed.slice(printed.indexOf('signedAttrs:'), printed.indexOf('signatureAlgorithm:', printed.indexOf('signedAttrs:')));
    expect(signedAttributes).toContain('object: contentType (1.2.840.113549.1.9.3)');
    expect(signedAttributes).toContain('object: messageDigest (1.2.840.113549.1.9.4)');
    expect(signedAttributes).toContain('object: id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)');
    // ETSI EN 319 142-1: the time is the signature dictionary's /M, never a signing-time attribute.
    expect(signedAttributes).not.toContain('signingTime');
    // The signing certificate's SHA-256 is what the ESS attribute binds.
    const pem = join(dir, 'bound.pem');
    expect(cli('certificate', 'export', '--workspace', workspace, '--out', pem).status).toBe(0);
    const sha256 = new X509Certificate(readFileSync(pem)).fingerprint256.replace(/:/g, '');
    expect(signedAttributes).toContain(`OCTET STRING      [HEX DUMP]:${sha256}`);
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
  }, 120_000);

  /**
   * Whoever holds a signing key (the workspace's, copied; or their own, with a certificate of the
   * same name) can make a well-formed, validly signed report: the pages must still read what the
   * attached data renders to. Each forgery is put together as the app puts a report together
   * (finishPdf: attachments, fingerprint, signature), so only the part forged differs.
   */
  it('rejects validly signed forgeries whose pages do not read what their attached data renders to', async () => {
    const original = await PDFDocument.load(readFileSync(report), { updateMetadata: false });
    const attached = new Map(original.getAttachments().map((entry) => [entry.name, new TextDecoder().decode(entry.data)]));
    const meta = JSON.parse(attached.get(metaFileName)!) as ReportMeta;
    const snapshot = JSON.parse(attached.get('snapshot.json')!) as ReportSnapshot<{ vendors: Array<{ name: string }> }>;
    // The original's signature field stays behind: each forgery is signed afresh.
    const firstPage = original.getPage(0).node;
    const annotations = firstPage.lookupMaybe(PDFName.of('Annots'), PDFArray);
    const kept = annotations?.asArray().filter((ref) => original.context.lookup(ref, PDFDict).get(PDFName.of('FT'))?.toString() !== '/Sig') ?? [];
    firstPage.set(PDFName.of('Annots'), original.context.obj(kept));
    const identity = { p12: organisationP12('Demo workspace (five organisations)', 'forger'), passphrase: 'forger', certificatePem: '' };

    /** The original's pages (all, or those listed, in that order), their links' destinations carried over, finished with the data given and signed. */
    const assemble = async (data: ReportSnapshot, options: { pages?: number[]; draw?: (document: PDFDocument) => Promise<void> } = {}) => {
      const document = await PDFDocument.create({ updateMetadata: false });
      const indices = options.pages ?? original.getPageIndices();
      const copied = await document.copyPages(original, indices);
      copied.forEach((page) => document.addPage(page));
      const newRef = new Map(indices.map((index, at) => [original.getPage(index).ref.toString(), copied[at]!.ref]));
      const dests = document.context.obj({}) as PDFDict;
      for (const [name, destination] of original.catalog.lookup(PDFName.of('Dests'), PDFDict).entries()) {
        const array = original.context.lookup(destination) as PDFArray;
        const page = newRef.get((array.get(0) as PDFRef).toString());
        if (page) dests.set(name, document.context.obj([page, ...array.asArray().slice(1)]));
      }
      document.catalog.set(PDFName.of('Dests'), document.context.register(dests));
      await options.draw?.(document);
      const fingerprint = sha256Hex(snapshotBytes(data));
      const finished = await finishPdf(document, { ...meta, fingerprint }, data, {
        author: 'Forger',
        creator: 'Privacy Workbench',
        signing: { identity, reason: 'forged' },
      });
      return variant(`forgery-${Math.random().toString(36).slice(2)}.pdf`, finished.bytes);
    };
    const verdict = (file: string) => cli('verify', file);

    // The method itself: the original's own pages and data, put together again, verify intact.
    const again = verdict(await assemble(snapshot));
    expect(again.status, again.stdout).toBe(0);
    expect(again.stdout).toMatch(/each of its 5 pages reads what that data renders to/);

    // The data changed (a vendor renamed) and fingerprinted afresh: the pages still print the old fingerprint on every page.
    const renamed = structuredClone(snapshot);
    renamed.data.vendors[0]!.name = 'Acme Payments Ltd';
    const changedData = verdict(await assemble(renamed));
    expect(changedData.status).toBe(1);
    for (const page of [1, 2, 3, 4, 5]) expect(changedData.stdout).toContain(`Page ${page}'s header and footer do not state the fingerprint.`);
    expect(changedData.stdout).toMatch(/Page 1 does not read what the attached data gives: the page has "…[^"]*Fingerprint \(SHA-256\) [0-9a-f]{20}/);

    // Words drawn as an artifact (where the running header and footer are), to escape the page-content comparison.
    const asArtifact = verdict(
      await assemble(snapshot, {
        draw: async (document) => {
          const font = await document.embedFont(StandardFonts.Helvetica);
          const page = document.getPage(2);
          page.pushOperators(beginMarkedContent('Artifact'));
          page.drawText('No vendors (all contracts terminated)', { x: 60, y: 500, size: 14, font, color: rgb(0, 0, 0) });
          page.pushOperators(endMarkedContent());
        },
      }),
    );
    expect(asArtifact.status).toBe(1);
    expect(asArtifact.stdout).toMatch(/Page 3's header and footer read ".*No vendors \(all contracts terminated\)", not the report's own header and footer/);

    // Two pages in each other's place: their numbers are wrong, and the text runs out of order.
    const swapped = verdict(await assemble(snapshot, { pages: [0, 1, 3, 2, 4] }));
    expect(swapped.status).toBe(1);
    expect(swapped.stdout).toContain(`Page 3's header and footer do not state "Page 3 of 5".`);
    expect(swapped.stdout).toMatch(/Page [23] does not (read what the attached data gives|begin with)/);

    // Words added to a page (drawn over it, as a PDF editor does).
    const stamped = verdict(
      await assemble(snapshot, {
        draw: async (document) => {
          const font = await document.embedFont(StandardFonts.Helvetica);
          document.getPage(2).drawText('Reviewed and approved by the DPO', { x: 60, y: 400, size: 12, font, color: rgb(0, 0, 0) });
        },
      }),
    );
    expect(stamped.status).toBe(1);
    expect(stamped.stdout).toMatch(/Page 3 (does not read what the attached data gives|reads text the attached data does not give)/);
    expect(stamped.stdout).toContain('Reviewed and approved by the DPO');

    // A page removed: the next page's header and footer no longer count right, and its text is missing.
    const removed = verdict(await assemble(snapshot, { pages: [0, 1, 2, 4] }));
    expect(removed.status).toBe(1);
    expect(removed.stdout).toContain('Page 4\'s header and footer do not state "Page 4 of 4"');
    expect(removed.stdout).toMatch(/Page [2-4] does not (read what the attached data gives|begin with)/);

    // Signed the way a plain CMS signer does (signing-time, no ESS signing-certificate-v2): not PAdES baseline, and the certificate is not bound.
    const resigned = readFileSync(await assemble(snapshot));
    const { firstLength, secondStart, covered } = signedRange(resigned);
    const plainCms = (await new P12Signer(identity.p12, { passphrase: identity.passphrase }).sign(covered, new Date())).toString('hex');
    resigned.write(plainCms.padEnd(secondStart - firstLength - 2, '0'), firstLength + 1, 'latin1');
    const plain = verdict(variant('plain-cms.pdf', resigned));
    expect(execFileSync('pdfsig', [join(dir, 'plain-cms.pdf')], { encoding: 'utf8' })).toContain('Signature is Valid');
    expect(plain.status).toBe(1);
    expect(plain.stdout).toContain('The signature does not bind its certificate (no ESS signing-certificate-v2 attribute): it is not a PAdES baseline signature.');

    // The last page removed (the rest still numbered "of 5").
    const cut = verdict(await assemble(snapshot, { pages: [0, 1, 2, 3] }));
    expect(cut.status).toBe(1);
    expect(cut.stdout).toMatch(/header and footer do not state "Page 1 of 4"[\s\S]*Page 2 does not read what the attached data gives/);
  }, 120_000);

  it("signs with the organisation's own certificate once imported (PKCS#12), and refuses a wrong passphrase", () => {
    const own = mkdtempSync(join(tmpdir(), 'pwb-own-cert-'));
    try {
      const workspaceOwn = join(own, 'own.pwb');
      expect(cli('demo', workspaceOwn).status).toBe(0);
      const p12 = join(own, 'smartt.p12');
      writeFileSync(p12, organisationP12('Smartt Ltd', 'correct horse'));
      writeFileSync(join(own, 'wrong.txt'), 'battery staple\n');
      writeFileSync(join(own, 'right.txt'), 'correct horse\n');

      const refused = cli('certificate', 'import', p12, '--workspace', workspaceOwn, '--p12-passphrase-file', join(own, 'wrong.txt'));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/p12: the file cannot be opened as PKCS#12 with this passphrase/);
      const imported = cli('certificate', 'import', p12, '--workspace', workspaceOwn, '--p12-passphrase-file', join(own, 'right.txt'));
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
