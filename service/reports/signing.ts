import { createHash, generateKeyPairSync, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from '@cantoo/pdf-lib';
import signpdf, { Signer } from '@signpdf/signpdf';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { readWorkspaceMeta, writeWorkspaceMeta } from '../../db/repositories/workspaceMeta';
import type { Db } from '../../db/types';
import { WorkbenchError } from '../../core/contract';

/**
 * Signed reports (issue 14, point 5): every PDF carries a PAdES signature (SubFilter
 * ETSI.CAdES.detached) made with the workspace's signing identity: an RSA key and an X.509
 * certificate naming the organisation, made when the workspace is first opened by this version
 * (or the organisation's own, imported). `pdfsig` and Acrobat show it; `verify` checks it.
 */

/** Bytes kept for the signature in the PDF (hex doubles it): a CMS with one 2048-bit RSA certificate fits in 4 KB. */
const signatureBytes = 16_384;

export interface SigningIdentity {
  /** PKCS#12 holding the key and the certificate. */
  p12: Buffer;
  passphrase: string;
  certificatePem: string;
}

/** The workspace's signing identity, or null before the workspace was opened by a version that makes one. */
export function signingIdentityOf(db: Db): SigningIdentity | null {
  const meta = readWorkspaceMeta(db);
  if (!meta.report_signing_p12 || !meta.report_signing_certificate) return null;
  return { p12: Buffer.from(meta.report_signing_p12, 'base64'), passphrase: meta.report_signing_passphrase ?? '', certificatePem: meta.report_signing_certificate };
}

/** What the change log records of a certificate: whom it names, its serial number, validity and SHA-256. */
export function describeCertificate(pem: string): { subject: string; serialNumber: string; validFrom: string; validTo: string; sha256: string } {
  const certificate = new X509Certificate(pem);
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    serialNumber: certificate.serialNumber,
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    sha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
  };
}

/**
 * Makes the workspace's signing identity: a 2048-bit RSA key (made by Node's crypto) and a
 * self-signed certificate for ten years naming the organisation (CN "<organisation> reports", O the
 * organisation), for digital signature and non-repudiation. Written into the workspace; the caller
 * logs it.
 */
export function makeSigningIdentity(db: Db, organisation: string, now: string): SigningIdentity {
  // Node's own key generation (forge's pure-JavaScript one takes seconds), handed to forge as PEM.
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const keys = {
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  certificate.validity.notBefore = new Date(Date.parse(now) - 60_000);
  certificate.validity.notAfter = new Date(Date.parse(now) + 10 * 365.25 * 86_400_000);
  const name = [
    { name: 'commonName', value: `${organisation} reports (Privacy Workbench)`.slice(0, 64) },
    { name: 'organizationName', value: organisation.slice(0, 64) },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  const passphrase = randomBytes(24).toString('base64url');
  const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate], passphrase, { algorithm: '3des' })).getBytes(), 'binary');
  const certificatePem = forge.pki.certificateToPem(certificate);
  writeWorkspaceMeta(db, 'report_signing_p12', p12.toString('base64'));
  writeWorkspaceMeta(db, 'report_signing_passphrase', passphrase);
  writeWorkspaceMeta(db, 'report_signing_certificate', certificatePem);
  return { p12, passphrase, certificatePem };
}

/**
 * Takes the organisation's own signing identity (a PKCS#12 file from its certificate authority)
 * instead of the one made for the workspace: it must open with the passphrase given and hold a
 * private key and the certificate of that key. Written into the workspace; the caller logs it.
 */
export function importSigningIdentity(db: Db, p12: Buffer, passphrase: string, now: string): SigningIdentity {
  let bags: { key: forge.pki.rsa.PrivateKey | null; certificates: forge.pki.Certificate[] };
  try {
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), passphrase);
    const bagsOf = (type: string) => parsed.getBags({ bagType: type })[type] ?? [];
    const keyBags = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(forge.pki.oids.keyBag!)];
    bags = {
      key: (keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined) ?? null,
      certificates: bagsOf(forge.pki.oids.certBag!).flatMap((bag) => (bag.cert ? [bag.cert] : [])),
    };
  } catch (error) {
    throw new WorkbenchError('invalid-input', `p12: the file cannot be opened as PKCS#12 with this passphrase (${error instanceof Error ? error.message : String(error)})`, 'p12');
  }
  if (!bags.key) throw new WorkbenchError('invalid-input', 'p12: the file holds no private key (an exported certificate alone cannot sign)', 'p12');
  const key = bags.key;
  const certificate = bags.certificates.find((candidate) => (candidate.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!certificate) throw new WorkbenchError('invalid-input', "p12: none of its certificates is the private key's own", 'p12');
  if (certificate.validity.notAfter.getTime() < Date.parse(now)) {
    throw new WorkbenchError('invalid-input', `p12: its certificate expired on ${certificate.validity.notAfter.toISOString().slice(0, 10)}`, 'p12');
  }
  const certificatePem = forge.pki.certificateToPem(certificate);
  writeWorkspaceMeta(db, 'report_signing_p12', p12.toString('base64'));
  writeWorkspaceMeta(db, 'report_signing_passphrase', passphrase);
  writeWorkspaceMeta(db, 'report_signing_certificate', certificatePem);
  return { p12, passphrase, certificatePem };
}

/**
 * A report is signed in two steps around its one save (service/reports/pdf.ts): a signature field
 * (invisible, on the first page) whose value is a signature dictionary with a placeholder is added
 * to the document; once saved, the placeholder is filled with the CMS signature over every byte of
 * the file but the signature itself.
 */
export function addSignaturePlaceholder(document: PDFDocument, facts: { reason: string; signedAt: string; signer: string }): void {
  const context = document.context;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let index = 0; index < 3; index += 1) byteRange.push(PDFName.of('**********'));
  const signature = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(signatureBytes * 2)),
      Reason: PDFString.of(facts.reason),
      Name: PDFString.of(facts.signer),
      M: PDFString.fromDate(new Date(facts.signedAt)),
    }),
  );
  const page = document.getPage(0);
  const widget = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: signature, T: PDFString.of('Privacy Workbench signature'), F: 132, P: page.ref }),
  );
  page.node.addAnnot(widget);
  document.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [widget], SigFlags: 3 }));
}

const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  /** ESS signing-certificate-v2 (RFC 5035). */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

/** The key and certificate of a PKCS#12 (the certificate is the one that matches the key). */
function openIdentity(identity: SigningIdentity): { keyPkcs8: Buffer; certificateDer: Buffer } {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(identity.p12.toString('binary')), identity.passphrase);
  const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag!;
  const certBag = forge.pki.oids.certBag!;
  const key = p12.getBags({ bagType: keyBag })[keyBag]?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('The signing identity holds no private key.');
  const certificates = p12.getBags({ bagType: certBag })[certBag] ?? [];
  const own = certificates.find((bag) => {
    const publicKey = bag.cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
    return publicKey && publicKey.n.compareTo(key.n) === 0 && publicKey.e.compareTo(key.e) === 0;
  })?.cert;
  if (!own) throw new Error("The signing identity holds no certificate of its key.");
  const keyPkcs8 = Buffer.from(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))).getBytes(), 'binary');
  const certificateDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(own)).getBytes(), 'binary');
  return { keyPkcs8, certificateDer };
}

const arrayBufferOf = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * A PAdES baseline (B-B) signer, ETSI EN 319 142-1: the CMS signed attributes are the content type,
 * the message digest and the ESS signing-certificate-v2 (the SHA-256 of the signing certificate
 * and its issuer and serial number, so the certificate cannot be swapped for another of the same
 * key); no signing-time attribute (PAdES forbids it: the time is the signature dictionary's /M).
 * Made with pkijs over Node's WebCrypto (RSA PKCS#1 v1.5, SHA-256).
 */
class PadesSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const { keyPkcs8, certificateDer } = openIdentity(this.identity);
    const certificate = new pkijs.Certificate({ schema: asn1js.fromBER(arrayBufferOf(certificateDer)).result });
    const key = await webcrypto.subtle.importKey('pkcs8', keyPkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const digest = createHash('sha256').update(pdfBuffer).digest();
    const essCertIdV2 = new asn1js.Sequence({
      value: [
        // hashAlgorithm is left out: SHA-256 is its default.
        new asn1js.OctetString({ valueHex: arrayBufferOf(createHash('sha256').update(certificateDer).digest()) }),
        new pkijs.IssuerSerial({
          issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }),
          serialNumber: certificate.serialNumber,
        }).toSchema(),
      ],
    });
    const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.data }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              attribute(oid.contentType, new asn1js.ObjectIdentifier({ value: oid.data })),
              attribute(oid.messageDigest, new asn1js.OctetString({ valueHex: arrayBufferOf(digest) })),
              attribute(oid.signingCertificateV2, new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })),
            ],
          }),
        }),
      ],
      certificates: [certificate],
    });
    await signedData.sign(key, 0, 'SHA-256');
    const content = new pkijs.ContentInfo({ contentType: oid.signedData, content: signedData.toSchema(true) });
    return Buffer.from(content.toSchema().toBER(false));
  }
}

/** Fills the placeholder of a saved document with the signature. */
export async function applySignature(saved: Uint8Array, identity: SigningIdentity, signedAt: string): Promise<Uint8Array> {
  return new Uint8Array(await signpdf.sign(Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength), new PadesSigner(identity), new Date(signedAt)));
}

export interface SignatureCheck {
  signed: boolean;
  /** The signature is valid over the bytes it covers. */
  valid: boolean;
  /** It covers the whole file but the signature itself (nothing added or changed after signing). */
  coversWholeFile: boolean;
  /** Whom the certificate names (O, CN), and its SHA-256. */
  signer: string | null;
  certificateSha256: string | null;
  problems: string[];
}

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as pkijs.ICryptoEngine['crypto'] }));

/**
 * PAdES binds the signing certificate into what is signed (ESS signing-certificate-v2): its
 * SHA-256 must be the certificate's, so no other certificate of the same key can stand in.
 */
function certificateBindingProblems(signerInfo: pkijs.SignerInfo, certificate: pkijs.Certificate): string[] {
  const attribute = signerInfo.signedAttrs?.attributes.find((entry) => entry.type === oid.signingCertificateV2);
  if (!attribute) return ['The signature does not bind its certificate (no ESS signing-certificate-v2 attribute): it is not a PAdES baseline signature.'];
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING, ... } (SHA-256 by default).
  const certs = (attribute.values[0] as asn1js.Sequence | undefined)?.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  const bound = first instanceof asn1js.Sequence ? first.valueBlock.value[0] : undefined;
  const hash = bound instanceof asn1js.OctetString ? Buffer.from(bound.valueBlock.valueHexView).toString('hex') : null;
  const actual = createHash('sha256').update(Buffer.from(certificate.toSchema().toBER(false))).digest('hex');
  return hash === actual ? [] : [`The signature binds another certificate (SHA-256 ${hash ?? 'unreadable'}) than the one it carries (${actual}).`];
}

/**
 * Checks a PDF's signature: there must be exactly one; the part it leaves out must be exactly its
 * own signature (a hex string and nothing else: no object can hide there), and it must cover every
 * other byte of the file; the CMS must verify over those bytes; and the signer named is the
 * certificate the CMS itself says signed (not whichever certificate comes first).
 */
export async function checkSignature(bytes: Uint8Array): Promise<SignatureCheck> {
  const text = Buffer.from(bytes).toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const none: SignatureCheck = { signed: false, valid: false, coversWholeFile: false, signer: null, certificateSha256: null, problems: ['The report is not signed, so nothing shows who made it: anyone can make a PDF with matching attachments.'] };
  if (!ranges.length) return none;
  const broken = (problem: string): SignatureCheck => ({ ...none, signed: true, problems: [problem] });
  if (ranges.length > 1) return broken(`The file holds ${ranges.length} signature byte ranges where a report has one: it was changed after it was signed.`);
  const [start, firstLength, secondStart, secondLength] = ranges[0]!.slice(1, 5).map(Number) as [number, number, number, number];
  // What the signature leaves out must be its own hex string and nothing else; a file re-saved by another program moves everything.
  const gap = firstLength < secondStart && secondStart <= bytes.length ? text.slice(firstLength, secondStart) : '';
  if (start !== 0 || !/^<[0-9A-Fa-f]+>$/.test(gap)) {
    return broken('The signature no longer fits the file: it was rewritten (re-saved by another program) or tampered with after it was signed.');
  }
  const problems: string[] = [];
  const coversWholeFile = secondStart + secondLength === bytes.length;
  if (!coversWholeFile) {
    problems.push(
      secondStart + secondLength < bytes.length
        ? `${bytes.length - secondStart - secondLength} bytes were added to the file after it was signed (an edit saved on top of it).`
        : 'The signature does not cover the whole file.',
    );
  }
  const signed = Buffer.concat([Buffer.from(bytes.subarray(0, firstLength)), Buffer.from(bytes.subarray(secondStart, secondStart + secondLength))]);
  const mismatch = 'The signature does not match the file: its pages, attachments or properties were changed after it was signed.';
  try {
    // The placeholder is zero-padded after the DER; its first element is the signature (trailing zeros may belong to it).
    const der = Buffer.from(gap.slice(1, -1), 'hex');
    const parsed = asn1js.fromBER(new Uint8Array(der).buffer);
    if (parsed.offset === -1) throw new Error('the signature is not DER');
    const content = new pkijs.ContentInfo({ schema: parsed.result });
    const signedData = new pkijs.SignedData({ schema: content.content });
    if (signedData.signerInfos.length !== 1) return { ...broken(`The signature holds ${signedData.signerInfos.length} signers where a report has one.`), coversWholeFile };
    const result = await signedData.verify({ signer: 0, data: new Uint8Array(signed).buffer, checkChain: false, extendedMode: true });
    const certificate = result.signerCertificate;
    let signer: string | null = null;
    let certificateSha256: string | null = null;
    if (certificate) {
      const field = (type: string) => certificate.subject.typesAndValues.find((entry) => entry.type === type)?.value.valueBlock.value as string | undefined;
      signer = [field('2.5.4.10'), field('2.5.4.3')].filter(Boolean).join(' · ') || null;
      certificateSha256 = createHash('sha256').update(Buffer.from(certificate.toSchema().toBER(false))).digest('hex');
    }
    if (!result.signatureVerified) problems.push(mismatch);
    else if (certificate) problems.push(...certificateBindingProblems(signedData.signerInfos[0]!, certificate));
    return { signed: true, valid: result.signatureVerified === true, coversWholeFile, signer, certificateSha256, problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
    return {
      signed: true,
      valid: false,
      coversWholeFile,
      signer: null,
      certificateSha256: null,
      problems: [...problems, /digest|signature/i.test(message) && !/not DER/.test(message) ? mismatch : `The signature cannot be checked: ${message.split('\n')[0]}.`],
    };
  }
}
