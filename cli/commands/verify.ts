import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyPdf } from '../../service/reports/pdf';
import { defineCommand, UsageError } from '../command';

/** What `verify` reads at most: no report comes near it (the 10 000-activity register is 48 MB). */
const verifyLimits = { bytes: 200 * 1_048_576, milliseconds: 120_000 };

export const verifyCommand = defineCommand({
  name: 'verify',
  arguments: '<file.pdf> [--certificate <file.pem>]',
  summary:
    'Check a report PDF: its signature (over the whole file; with --certificate, by that certificate) and its attached data against the fingerprint: "intact" (exit 0), what does not match (exit 1), or why it cannot be read (exit 2).',
  opensWorkspace: false,
  options: { certificate: { type: 'string' } },
  positionals: 1,
  async run({ values, positionals: [pdfFile] }, io) {
    const file = resolve(pdfFile);
    let certificateSha256: string | undefined;
    if (values.certificate) {
      try {
        certificateSha256 = new X509Certificate(readFileSync(resolve(values.certificate))).fingerprint256.replace(/:/g, '').toLowerCase();
      } catch (error) {
        throw new UsageError(`--certificate: ${values.certificate} is not a readable X.509 certificate (PEM or DER): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Exit 2: the input cannot be verified at all (missing, too large, not a readable PDF, too slow), in one line.
    const cannot = (why: string) => {
      io.err(`privacy-workbench: cannot verify ${file}: ${why}\n`);
      return 2;
    };
    if (!existsSync(file) || !statSync(file).isFile()) return cannot('no such file');
    if (statSync(file).size > verifyLimits.bytes) return cannot(`it is ${Math.round(statSync(file).size / 1_048_576)} MB, more than any report (the limit is ${verifyLimits.bytes / 1_048_576} MB)`);
    let timer: NodeJS.Timeout | undefined;
    const verification = await Promise.race([
      verifyPdf(readFileSync(file), { appVersion: io.version, ...(certificateSha256 ? { certificateSha256 } : {}) }),
      new Promise<null>((resolveTimeout) => {
        timer = setTimeout(() => resolveTimeout(null), verifyLimits.milliseconds);
      }),
    ]).finally(() => clearTimeout(timer));
    if (verification === null) return cannot(`reading it took more than ${verifyLimits.milliseconds / 1000} s`);
    if (verification.unreadable) return cannot(verification.problems[0]!.replace(/^The file is not a readable PDF: /, 'not a readable PDF: '));
    if (verification.intact) {
      const tables = verification.attachments.filter((name) => name.endsWith('.csv')).length;
      io.out(
        `intact: signed by ${verification.signer ?? 'an unnamed certificate'} (certificate SHA-256 ${verification.certificateSha256}), the signature covering the whole file; ` +
          `the attached snapshot.json has the fingerprint the report states (${verification.stated}), its ${tables} CSV ${tables === 1 ? 'table matches' : 'tables match'}, ` +
          `and each of its ${verification.pages ?? '?'} pages reads what that data renders to.\n` +
          (certificateSha256
            ? '  The signer is the certificate given.\n'
            : "  Anyone can make a certificate with any name: compare its SHA-256 with the organisation's, or give it (verify --certificate <file.pem>).\n"),
      );
      return 0;
    }
    io.out(`NOT intact: ${file}\n${verification.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    return 1;
  },
});
