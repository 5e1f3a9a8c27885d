import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/**
 * An organisation's own signing identity as its certificate authority would hand it over: a
 * PKCS#12 holding an RSA key and its certificate (O = the organisation), valid from yesterday for a year.
 */
export function organisationP12(organisation: string, passphrase: string): Buffer {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  certificate.serialNumber = '2a';
  certificate.validity.notBefore = new Date(Date.now() - 86_400_000);
  certificate.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const name = [
    { name: 'organizationName', value: organisation },
    { name: 'commonName', value: `${organisation} document signing` },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(key, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [certificate], passphrase, { algorithm: '3des' })).getBytes(), 'binary');
}
