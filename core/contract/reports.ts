import { z } from 'zod';
import { reportKinds, type ReportKind } from '../reports/model';
import { noInput, operation } from './operationSpec';

/** A report as the window downloads it: the PDF (base64), its fingerprint and its page count. */
export interface ExportedReport {
  fileName: string;
  pdfBase64: string;
  /** SHA-256 (hex) of the attached snapshot.json. */
  fingerprint: string;
  pages: number;
}

/** One report kind and whether this version can print it. */
export interface ReportKindEntry {
  kind: ReportKind;
  title: string;
  available: boolean;
  /** Whether the report is about one incident (the caller passes incidentId). */
  needsIncident: boolean;
}

/** The certificate reports are signed with (X.509, PEM) and what it says. */
export interface SigningCertificate {
  pem: string;
  subject: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 of the certificate (DER), as `verify` prints it. */
  sha256: string;
}

/** Reports: the kinds this version prints, the PDF export, and the certificate reports are signed with. */
export const reportOperations = {
  listReportKinds: operation<ReportKindEntry[]>()(noInput, 'The reports this version can print, each with its title.'),
  exportReport: operation<ExportedReport>()(
    z
      .object({
        kind: z.enum(reportKinds),
        incidentId: z.string().trim().min(1, 'choose the incident').optional(),
      })
      .strict(),
    'Build a report from the open workspace and print it to PDF: cover, contents, running header and footer, the data attached, its fingerprint.',
  ),
  getSigningCertificate: operation<SigningCertificate>()(noInput, "The certificate the workspace's reports are signed with, for auditors."),
  importSigningCertificate: operation<SigningCertificate>()(
    z
      .object({
        /** The organisation's PKCS#12 (.p12 / .pfx) file, as base64. */
        p12: z.string().min(1, 'give the .p12 file').max(1_000_000, 'the file is too large for a PKCS#12 signing identity'),
        passphrase: z.string().max(1000),
      })
      .strict(),
    "Sign the workspace's reports from now on with the organisation's own key and certificate (a PKCS#12 file) instead of the one made for it.",
  ),
};
