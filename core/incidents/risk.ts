import { z } from 'zod';

/**
 * Breach risk, scored with the ENISA severity method (ENISA, "Recommendations for a methodology of
 * the assessment of severity of personal data breaches", 2013): SE = DPC × EI + CB, then mapped to
 * the EDPB's outcomes (Guidelines 9/2022 and the worked cases of Guidelines 01/2021). The result is
 * advice: the responder's decision is recorded separately, with a name, a time and a rationale.
 */
export const riskFactsSchema = z
  .object({
    breachTypes: z.array(z.enum(['confidentiality', 'integrity', 'availability'])).default([]),
    dataCategories: z.array(z.string().min(1)).default([]),
    subjects: z.number().int().min(0).optional(),
    vulnerableSubjects: z.boolean().default(false),
    encryptedStateOfTheArt: z.boolean().default(false),
    hashedStateOfTheArt: z.boolean().default(false),
    exfiltration: z.enum(['confirmed', 'possible', 'excluded']).optional(),
    recipient: z.enum(['malicious', 'unknown', 'trusted']).optional(),
    /** Hours until the data was available again; null (or left out): not restored. */
    restoredWithinHours: z.number().min(0).nullable().optional(),
    malicious: z.boolean().default(false),
  })
  .strict();
export type RiskFacts = z.infer<typeof riskFactsSchema>;

export const recommendations = ['document-only', 'notify-authority', 'notify-authority-and-subjects'] as const;
export type Recommendation = (typeof recommendations)[number];

export interface RiskAssessment {
  recommendation: Recommendation;
  severity: number;
  level: 'low' | 'medium' | 'high' | 'very high';
  reasons: string[];
}

/** ENISA's base data-processing context by kind of data: simple 1, behavioural 2, financial 3, sensitive 4. */
const baseContext: Record<string, { score: number; kind: string }> = {
  identity: { score: 1, kind: 'simple data' },
  contact: { score: 1, kind: 'simple data' },
  'professional-life': { score: 1, kind: 'simple data' },
  location: { score: 2, kind: 'behavioural data' },
  communications: { score: 2, kind: 'behavioural data' },
  connection: { score: 2, kind: 'behavioural data' },
  'internet-cookies': { score: 2, kind: 'behavioural data' },
  'personal-life': { score: 2, kind: 'behavioural data' },
  'audio-recordings': { score: 2, kind: 'behavioural data' },
  financial: { score: 3, kind: 'financial data' },
  credentials: { score: 3, kind: 'credentials (open further accounts to misuse)' },
  'id-documents': { score: 3, kind: 'identity documents (identity theft)' },
  'special-category': { score: 4, kind: 'special-category data (Art. 9)' },
  criminal: { score: 4, kind: 'criminal-offence data (Art. 10)' },
  children: { score: 1, kind: "children's data" },
};

/** From this many people, the volume raises the data-processing context by one (a workbench calibration). */
export const largeVolume = 10_000;

const round = (value: number) => Math.round(value * 100) / 100;

export function assessRisk(facts: RiskFacts): RiskAssessment {
  const reasons: string[] = [];
  const known = facts.dataCategories.map((code) => ({ code, ...(baseContext[code] ?? { score: 1, kind: 'data of another kind' }) }));
  const top = known.reduce((best, entry) => (entry.score > best.score ? entry : best), known[0] ?? { code: 'none', score: 1, kind: 'simple data' });
  let context = top.score;
  const named = known.filter((entry) => entry.score === top.score).map((entry) => entry.code);
  reasons.push(`Data processing context ${top.score} for ${top.kind}${named.length ? ` (${named.join(', ')})` : ' (no category given)'}.`);
  if (facts.dataCategories.includes('children') || facts.vulnerableSubjects) {
    context += 1;
    reasons.push('Raised by one: children or other vulnerable people are affected.');
  }
  if ((facts.subjects ?? 0) >= largeVolume) {
    context += 1;
    reasons.push(`Raised by one: ${facts.subjects!.toLocaleString('en')} people affected (${largeVolume.toLocaleString('en')} or more).`);
  }
  if (context > 4) {
    reasons.push(`The context is capped at 4 (it would be ${context}).`);
    context = 4;
  }

  let identification = facts.dataCategories.some((code) => ['identity', 'id-documents', 'contact'].includes(code)) ? 1 : 0.75;
  if (facts.encryptedStateOfTheArt) {
    identification = 0.25;
    reasons.push('Ease of identification negligible (0.25): the data was encrypted with state-of-the-art encryption and the key was not compromised.');
  } else if (facts.hashedStateOfTheArt) {
    identification = 0.5;
    reasons.push('Ease of identification limited (0.5): the data was hashed with a state-of-the-art keyed function.');
  } else {
    reasons.push(identification === 1 ? 'Ease of identification maximum (1): the data names the people directly.' : 'Ease of identification significant (0.75).');
  }

  let circumstances = 0;
  const confidentiality = facts.breachTypes.includes('confidentiality') && !facts.encryptedStateOfTheArt;
  if (confidentiality) {
    const unknownRecipients = facts.recipient === undefined || facts.recipient === 'malicious' || facts.recipient === 'unknown';
    if (facts.exfiltration === 'excluded') {
      reasons.push('No loss of confidentiality added: exfiltration is excluded.');
    } else if (facts.exfiltration === 'confirmed' && unknownRecipients) {
      circumstances += 0.5;
      reasons.push('Loss of confidentiality +0.5: data taken and exposed to unknown or malicious recipients.');
    } else {
      circumstances += 0.25;
      reasons.push(`Loss of confidentiality +0.25: ${facts.recipient === 'trusted' ? 'exposed only to a known, trusted recipient' : 'exposure possible, not confirmed'}.`);
    }
  }
  if (facts.breachTypes.includes('integrity')) {
    circumstances += 0.25;
    reasons.push('Loss of integrity +0.25: data altered.');
  }
  if (facts.breachTypes.includes('availability')) {
    const temporary = facts.restoredWithinHours !== undefined && facts.restoredWithinHours !== null;
    circumstances += temporary ? 0.25 : 0.5;
    reasons.push(temporary ? `Loss of availability +0.25: temporary, restored within ${facts.restoredWithinHours} h.` : 'Loss of availability +0.5: not restored.');
  }
  if (facts.malicious) {
    circumstances += 0.5;
    reasons.push('Malicious intent +0.5.');
  }

  const severity = round(context * identification + circumstances);
  const level = severity < 2 ? 'low' : severity < 3 ? 'medium' : severity < 4 ? 'high' : 'very high';
  reasons.push(`Severity ${severity} = ${context} × ${identification} + ${circumstances}: ${level} (ENISA: below 2 low, 2 to 3 medium, 3 to 4 high, 4 or more very high).`);
  const recommendation: Recommendation = level === 'low' ? 'document-only' : level === 'medium' ? 'notify-authority' : 'notify-authority-and-subjects';
  reasons.push(
    recommendation === 'document-only'
      ? 'Unlikely to result in a risk: document it in the breach register (Art. 33(5)).'
      : recommendation === 'notify-authority'
        ? 'A risk: notify the supervisory authority (Art. 33).'
        : 'A high risk: notify the supervisory authority and the people affected (Art. 33 and 34).',
  );
  return { recommendation, severity, level, reasons };
}
