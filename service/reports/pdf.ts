import { createHash } from 'node:crypto';
import { AFRelationship, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from '@cantoo/pdf-lib';
import { acceptedTableCsvs, snapshotFileName, tableCsv, tableFileName } from '../../core/reports/csv';
import { canonicalJson, type ReportMeta, type ReportSnapshot } from '../../core/reports/model';
import { numberContents, renderReportDocuments, reportViewOf } from '../../reports';
import { comparePageTexts, expectedText, readPageTexts } from './pageText';
import { addSignaturePlaceholder, applySignature, checkSignature, type SigningIdentity } from './signing';

/** The attachment that holds the report's cover facts (title, scope, time, chain head…): with snapshot.json, what the pages are rendered from. */
export const metaFileName = 'report.json';

/**
 * Objects pdf-lib parses or writes between two turns of the event loop. Its default (100 to parse,
 * 50 to write) spends most of a large report's time waiting for the next turn (a 10 000-activity
 * register: about 30 s); this many still lets the process answer calls while it works.
 */
export const pdfObjectsPerTick = 10_000;

/** The document-information key that holds the fingerprint (also in Keywords, the footer and the cover). */
const fingerprintKey = 'PrivacyWorkbenchFingerprint';

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** The bytes attached as snapshot.json; the fingerprint is their SHA-256. */
export const snapshotBytes = (snapshot: ReportSnapshot): Uint8Array => new TextEncoder().encode(canonicalJson(snapshot));

/** The document information dictionary; one is made when the file has none. */
function infoDict(document: PDFDocument): PDFDict {
  const existing = document.context.lookupMaybe(document.context.trailerInfo.Info, PDFDict);
  if (existing) return existing;
  const made = document.context.obj({});
  document.context.trailerInfo.Info = document.context.register(made);
  return made;
}

/**
 * The printed report (service/reports/assemble.ts), completed: metadata (title, author, subject,
 * keywords with the fingerprint, creator, producer, dates), the fingerprint under its own key,
 * snapshot.json and one CSV per table attached. pdf-lib keeps every object it loaded: the outline
 * (and, for a report printed in one job, the structure tree) stay as they were.
 */
export async function finishPdf(
  document: PDFDocument,
  meta: ReportMeta,
  snapshot: ReportSnapshot,
  facts: { author: string; creator: string; signing?: { identity: SigningIdentity; reason: string } },
): Promise<{ bytes: Uint8Array; pages: number }> {
  const at = new Date(meta.generatedAt);
  document.setTitle(meta.title, { showInWindowTitleBar: true });
  document.setAuthor(facts.author);
  document.setSubject(meta.scope);
  document.setKeywords([meta.kind, `sha256:${meta.fingerprint}`, meta.classification, `workspace:${meta.workspaceId}`]);
  document.setCreator(facts.creator);
  document.setProducer(`${facts.creator} (Chromium print, @cantoo/pdf-lib)`);
  document.setCreationDate(at);
  document.setModificationDate(at);
  document.setLanguage('en');
  infoDict(document).set(PDFName.of(fingerprintKey), PDFString.of(meta.fingerprint));

  const attachment = { creationDate: at, modificationDate: at, afRelationship: AFRelationship.Data };
  await document.attach(new TextEncoder().encode(canonicalJson(meta)), metaFileName, {
    ...attachment,
    mimeType: 'application/json',
    description: 'What the cover states (title, scope, time, workspace, chain head): with snapshot.json, what every page is rendered from.',
  });
  await document.attach(snapshotBytes(snapshot), snapshotFileName, {
    ...attachment,
    mimeType: 'application/json',
    description: `The data this report was printed from; its SHA-256 is the fingerprint ${meta.fingerprint}.`,
  });
  for (const table of snapshot.tables) {
    await document.attach(new TextEncoder().encode(tableCsv(table)), tableFileName(table), { ...attachment, mimeType: 'text/csv', description: `Table "${table.name}" of the report, as CSV.` });
  }
  // Signed on the way out, in the same save: the signature covers every byte written.
  if (facts.signing) addSignaturePlaceholder(document, { reason: facts.signing.reason, signedAt: meta.generatedAt, signer: facts.author });
  const saved = await document.save({ useObjectStreams: false, objectsPerTick: pdfObjectsPerTick });
  const bytes = facts.signing ? await applySignature(saved, facts.signing.identity, meta.generatedAt) : saved;
  return { bytes, pages: document.getPageCount() };
}

export interface Verification {
  intact: boolean;
  /** The fingerprint the PDF states, if any. */
  stated: string | null;
  /** The SHA-256 of the attached snapshot.json, if there is one. */
  computed: string | null;
  /** Each thing that does not match, in words; empty when intact. */
  problems: string[];
  attachments: string[];
  /** The file could not be read as a PDF at all (not "not intact": there is nothing to compare). */
  unreadable?: boolean;
  /** Whom the signature's certificate names, and the certificate's SHA-256, when the report is signed. */
  signer?: string | null;
  certificateSha256?: string | null;
  /** How many pages the report has (each compared with what its data renders to). */
  pages?: number;
}

/** One line for a reader's error: its message only, never a stack. */
const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

const textOf = (value: unknown): string | null => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null);

/**
 * The named destinations of a document's catalogue (/Dests), each with the page it leads to (its
 * index) and the rest of its view (/XYZ left top zoom). Chromium names them after the ids its
 * links point at; a destination that leads to no page of the document is left out.
 */
export function namedDestinationsOf(document: PDFDocument): Array<{ name: PDFName; page: number; view: PDFObject[] }> {
  const pageRefs = new Map(document.getPages().map((page, index) => [page.ref.toString(), index]));
  const found: Array<{ name: PDFName; page: number; view: PDFObject[] }> = [];
  const dests = document.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, raw] of dests?.entries() ?? []) {
    const destination = document.context.lookup(raw);
    const array = destination instanceof PDFArray ? destination : destination instanceof PDFDict ? destination.lookupMaybe(PDFName.of('D'), PDFArray) : undefined;
    const target = array?.get(0);
    const page = target instanceof PDFRef ? pageRefs.get(target.toString()) : undefined;
    if (array && page !== undefined) found.push({ name, page, view: array.asArray().slice(1) });
  }
  return found;
}

/** Each named destination's page number (1-based): the contents were numbered from these. */
const destinationPages = (document: PDFDocument) => new Map(namedDestinationsOf(document).map(({ name, page }) => [name.decodeText(), page + 1]));

/**
 * Renders the report again from its attached cover facts (report.json) and data (snapshot.json),
 * and compares every page's text with it (service/reports/pageText.ts): a page whose text was
 * changed, added or removed does not read what the data gives.
 */
async function pageProblems(
  bytes: Uint8Array,
  document: PDFDocument,
  attachments: Array<{ name: string; data: Uint8Array }>,
  snapshot: ReportSnapshot,
  stated: string,
  appVersion: string | undefined,
): Promise<string[]> {
  const metaFile = attachments.find((entry) => entry.name === metaFileName);
  if (!metaFile) return [`This PDF has no attached ${metaFileName} (the cover's facts): its pages cannot be compared with its data.`];
  let meta: ReportMeta;
  try {
    meta = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(metaFile.data)) as ReportMeta;
  } catch (error) {
    return [`${metaFileName} is not readable JSON: ${oneLine(error)}`];
  }
  if (meta.fingerprint !== stated) return [`${metaFileName} names the fingerprint ${String(meta.fingerprint)}, the PDF states ${stated}.`];
  if (meta.kind !== snapshot.kind) return [`${metaFileName} is a "${String(meta.kind)}" report, ${snapshotFileName} holds "${String(snapshot.kind)}" data.`];
  const view = reportViewOf(meta.kind);
  if (!view) return [`${metaFileName} names a kind of report this version does not know ("${String(meta.kind)}").`];
  let documents: string[];
  try {
    // One document: where the report was cut into print jobs changes no text (a reopened table's header is allowed as a repeated one).
    documents = renderReportDocuments(meta, snapshot, view, Number.POSITIVE_INFINITY);
  } catch (error) {
    return [`${snapshotFileName} and ${metaFileName} cannot be rendered as a ${meta.kind} report: ${oneLine(error)}`];
  }
  let pages: Awaited<ReturnType<typeof readPageTexts>>;
  try {
    pages = await readPageTexts(bytes);
  } catch (error) {
    return [`The pages' text cannot be read: ${oneLine(error)}`];
  }
  const stamp = { fingerprint: stated, classification: meta.classification, heading: `${meta.organisation} · ${meta.title}` };
  const numbered = comparePageTexts(expectedText(documents.map((html) => numberContents(html, destinationPages(document)))), pages, stamp);
  // Should numbering the contents have moved a page, the report keeps them unnumbered (assemble.ts).
  if (numbered.length === 0 || comparePageTexts(expectedText(documents), pages, stamp).length === 0) return [];
  const versions = appVersion && meta.appVersion !== appVersion ? ` (It was printed by version ${meta.appVersion} and is checked by ${appVersion}: if that version renders reports differently, check it with version ${meta.appVersion}.)` : '';
  return numbered.map((problem, index) => (index === numbered.length - 1 ? problem + versions : problem));
}

/**
 * Checks a report PDF: the attached snapshot.json must hash to the fingerprint the PDF states,
 * each attached CSV must be the one the snapshot's tables give, no more and no fewer, and every
 * page must read what the attached data renders to.
 */
export async function verifyPdf(bytes: Uint8Array, options: { certificateSha256?: string; appVersion?: string } = {}): Promise<Verification> {
  const unreadable = (why: string): Verification => ({ intact: false, unreadable: true, stated: null, computed: null, attachments: [], problems: [`The file is not a readable PDF: ${why}`] });
  if (bytes.length < 8 || Buffer.from(bytes.subarray(0, 1024)).indexOf('%PDF-') === -1) return unreadable('it has no PDF header');
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, parseSpeed: pdfObjectsPerTick });
  } catch (error) {
    return unreadable(oneLine(error));
  }
  let attachments: ReturnType<PDFDocument['getAttachments']>;
  try {
    attachments = document.getAttachments();
  } catch (error) {
    // A damaged structure (name tree, file specifications) that the parser let through.
    return unreadable(error instanceof TypeError ? 'its structure is damaged or cut short (the document catalogue or its attachments cannot be read)' : `its attachments cannot be read (${oneLine(error)})`);
  }
  const names = attachments.map((entry) => entry.name);
  const info = infoDict(document);
  const stated = textOf(info.lookup(PDFName.of(fingerprintKey)));
  const snapshotFile = attachments.find((entry) => entry.name === snapshotFileName);
  if (!snapshotFile) {
    return {
      intact: false,
      stated,
      computed: null,
      attachments: names,
      problems: [`This PDF has no attached ${snapshotFileName}: it is not a Privacy Workbench report, or its attachments were removed.`],
    };
  }
  const problems: string[] = [];
  const computed = sha256Hex(snapshotFile.data);
  if (!stated) problems.push(`The PDF states no fingerprint (document information key ${fingerprintKey} is missing).`);
  else if (stated !== computed) problems.push(`${snapshotFileName} was changed: its SHA-256 is ${computed}, the fingerprint printed in the report is ${stated}.`);
  const keywords = textOf(info.lookup(PDFName.of('Keywords')));
  if (stated && keywords !== null && !keywords.includes(`sha256:${stated}`)) problems.push('The fingerprint in the document keywords differs from the one in the document information.');

  let snapshot: ReportSnapshot | null = null;
  try {
    snapshot = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(snapshotFile.data)) as ReportSnapshot;
  } catch (error) {
    problems.push(`${snapshotFileName} is not readable JSON any more: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (snapshot && Array.isArray(snapshot.tables)) {
    const expected = new Map(snapshot.tables.map((table) => [tableFileName(table), acceptedTableCsvs(table).map((csv) => sha256Hex(csv))]));
    for (const [name, hashes] of expected) {
      const attached = attachments.find((entry) => entry.name === name);
      if (!attached) problems.push(`${name} is missing: the snapshot has that table but the PDF does not carry its CSV.`);
      else if (!hashes.includes(sha256Hex(attached.data))) problems.push(`${name} does not match the table "${name.replace(/\.csv$/, '')}" of ${snapshotFileName}.`);
    }
    for (const name of names) {
      if (name !== snapshotFileName && name !== metaFileName && !expected.has(name)) problems.push(`${name} is attached but is not a table of ${snapshotFileName}.`);
    }
  }
  // The pages must read what the attached data renders to: checked once the data itself holds.
  if (snapshot && problems.length === 0) problems.push(...(await pageProblems(bytes, document, attachments, snapshot, stated!, options.appVersion)));
  // The signature covers every byte but itself: pages, attachments and properties alike.
  const signature = await checkSignature(bytes);
  problems.unshift(...signature.problems);
  // A signature proves who holds the key, not who made the certificate: the organisation's certificate pins it.
  if (options.certificateSha256 && signature.certificateSha256 && signature.certificateSha256 !== options.certificateSha256.toLowerCase()) {
    problems.unshift(`It was signed by another certificate (SHA-256 ${signature.certificateSha256}, naming ${signature.signer ?? 'nobody'}) than the one given (${options.certificateSha256.toLowerCase()}).`);
  }
  return {
    intact: problems.length === 0,
    stated,
    computed,
    attachments: names,
    problems,
    signer: signature.signer,
    certificateSha256: signature.certificateSha256,
    pages: document.getPageCount(),
  };
}
