import { z } from 'zod';

/**
 * Breach risk, in two parts that are shown side by side:
 * - the advice, from a model calibrated on the 18 worked cases of EDPB Guidelines 01/2021 (v2.0):
 *   each dimension of the breach (confidentiality, integrity, availability) is judged on the
 *   factors the EDPB weighs (state-of-the-art encryption or keyed hashing, who received the data and
 *   what became of it, what the data allows (fraud, impersonation), special categories, volume,
 *   vulnerable people, how long data was unavailable and whether a backup brought it back), and the
 *   worst dimension gives the advice; every factor that decided says so, with the case it follows;
 * - the ENISA severity score (ENISA, "Recommendations for a methodology of the assessment of
 *   severity of personal data breaches", 2013): SE = DPC × EI + CB, kept as one visible input, with
 *   a sentence where the advice departs from what the score alone would suggest.
 * The result is advice: the responder's decision is recorded separately, with a name, a time and a rationale.
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
    /**
     * Who has (or may have) the data: a malicious party (attacker, thief, fraudster), unknown
     * recipients, an identified person who got it by mistake or a known insider, or a trusted
     * recipient bound by confidentiality (a professional secrecy holder, a processor).
     */
    recipient: z.enum(['malicious', 'unknown', 'identified', 'trusted']).optional(),
    /** What became of the data at the recipient: returned or deleted (confirmed), or asked at once to delete it. */
    recovery: z.enum(['confirmed', 'requested']).optional(),
    /** The data is enough to pass oneself off as the person: a name with a date of birth, an official number, security answers. */
    impersonation: z.boolean().default(false),
    /** Whether a usable backup of the affected data exists. */
    backup: z.enum(['available', 'none']).optional(),
    /** Hours until the data was available again; null: not restored. Left out: not known yet. */
    restoredWithinHours: z.number().min(0).nullable().optional(),
    malicious: z.boolean().default(false),
  })
  .strict();
export type RiskFacts = z.input<typeof riskFactsSchema>;

export const recommendations = ['document-only', 'notify-authority', 'notify-authority-and-subjects'] as const;
export type Recommendation = (typeof recommendations)[number];

/** What a dimension of the breach, or the whole, is likely to result in. */
export type RiskOutcome = 'unlikely' | 'risk' | 'high-risk';

export interface RiskFactor {
  dimension: 'confidentiality' | 'integrity' | 'availability' | 'people';
  outcome: RiskOutcome;
  reason: string;
}

export interface RiskAssessment {
  recommendation: Recommendation;
  outcome: RiskOutcome;
  /** ENISA's severity score and its band, one input among the factors. */
  severity: number;
  level: 'low' | 'medium' | 'high' | 'very high';
  /** What the ENISA score alone would advise. */
  enisaRecommendation: Recommendation;
  factors: RiskFactor[];
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

type ParsedFacts = z.infer<typeof riskFactsSchema>;

/** ENISA's severity, SE = DPC × EI + CB, with a reason for each term. */
function enisaScore(facts: ParsedFacts): { severity: number; level: RiskAssessment['level']; recommendation: Recommendation; reasons: string[] } {
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
      reasons.push(`Loss of confidentiality +0.25: ${facts.recipient === 'trusted' ? 'exposed only to a known, trusted recipient' : facts.recipient === 'identified' ? 'exposed to identified recipients' : 'exposure possible, not confirmed'}.`);
    }
  }
  if (facts.breachTypes.includes('integrity')) {
    circumstances += 0.25;
    reasons.push('Loss of integrity +0.25: data altered.');
  }
  if (facts.breachTypes.includes('availability')) {
    const temporary = facts.restoredWithinHours !== undefined && facts.restoredWithinHours !== null;
    circumstances += temporary ? 0.25 : 0.5;
    reasons.push(temporary ? `Loss of availability +0.25: temporary, restored within ${facts.restoredWithinHours} h.` : `Loss of availability +0.5: ${facts.restoredWithinHours === null ? 'not restored' : 'not restored yet (time to restore not recorded)'}.`);
  }
  if (facts.malicious) {
    circumstances += 0.5;
    reasons.push('Malicious intent +0.5.');
  }

  const severity = round(context * identification + circumstances);
  const level = severity < 2 ? 'low' : severity < 3 ? 'medium' : severity < 4 ? 'high' : 'very high';
  reasons.push(`Severity ${severity} = ${context} × ${identification} + ${circumstances}: ${level} (ENISA: below 2 low, 2 to 3 medium, 3 to 4 high, 4 or more very high).`);
  const recommendation: Recommendation = level === 'low' ? 'document-only' : level === 'medium' ? 'notify-authority' : 'notify-authority-and-subjects';
  return { severity, level, recommendation, reasons };
}

/** From this many people or fewer, a mistaken disclosure that was contained is "few" (a workbench calibration: EDPB cases 13 and 15 concern 2 and 15 people). */
export const fewPeople = 100;
/** Up to this many hours unavailable is a brief loss (EDPB case 1: "a few hours"; case 3: two days is not). */
export const briefHours = 24;

const specialCodes = ['special-category', 'criminal'];
const fraudCodes = ['financial', 'credentials', 'id-documents'];
const directCodes = ['identity', 'contact', 'id-documents'];
const rank: Record<RiskOutcome, number> = { unlikely: 0, risk: 1, 'high-risk': 2 };
const worst = (outcomes: RiskOutcome[]): RiskOutcome => outcomes.reduce<RiskOutcome>((top, outcome) => (rank[outcome] > rank[top] ? outcome : top), 'unlikely');
const adviceOf: Record<RiskOutcome, Recommendation> = { unlikely: 'document-only', risk: 'notify-authority', 'high-risk': 'notify-authority-and-subjects' };
const people = (count: number) => `${count.toLocaleString('en')} ${count === 1 ? 'person' : 'people'}`;

interface Traits {
  special: string[];
  fraud: string[];
  direct: boolean;
  many: boolean;
  vulnerable: boolean;
}

function traitsOf(facts: ParsedFacts): Traits {
  return {
    special: facts.dataCategories.filter((code) => specialCodes.includes(code)),
    fraud: facts.dataCategories.filter((code) => fraudCodes.includes(code)),
    direct: facts.impersonation || facts.dataCategories.some((code) => directCodes.includes(code)),
    many: (facts.subjects ?? 0) >= largeVolume,
    vulnerable: facts.vulnerableSubjects || facts.dataCategories.includes('children'),
  };
}

/** What the data allows, in words, for the reasons: "special-category data", "data that enables fraud (financial)". */
function whatItAllows(facts: ParsedFacts, traits: Traits): string[] {
  const parts: string[] = [];
  if (traits.special.length) parts.push(`${traits.special.join(' and ')} data (Art. ${traits.special.map((code) => (code === 'criminal' ? '10' : '9')).join(' and ')})`);
  if (traits.fraud.length) parts.push(`data that enables fraud (${traits.fraud.join(', ')})`);
  if (facts.impersonation) parts.push('enough to impersonate people');
  if (traits.many) parts.push(`${people(facts.subjects!)} affected (${largeVolume.toLocaleString('en')} or more)`);
  if (traits.vulnerable) parts.push('children or other vulnerable people');
  return parts;
}

function confidentiality(facts: ParsedFacts, traits: Traits): RiskFactor | null {
  if (!facts.breachTypes.includes('confidentiality')) return null;
  const at = (outcome: RiskOutcome, reason: string): RiskFactor => ({ dimension: 'confidentiality', outcome, reason });
  if (facts.encryptedStateOfTheArt)
    return at('unlikely', 'Confidentiality: encrypted with state-of-the-art encryption and the key not compromised, so what was taken cannot be read (EDPB cases 1 and 10).');
  // A keyed or salted hash protects what was hashed: credentials alone (EDPB case 6). Other data taken with them is judged as it is.
  const onlyHashed = facts.dataCategories.every((code) => code === 'credentials');
  if (facts.hashedStateOfTheArt && onlyHashed)
    return at('unlikely', 'Confidentiality: only credentials were taken, protected by a state-of-the-art keyed or salted hash, so they cannot be recovered in practice (EDPB case 6).');
  if (facts.exfiltration === 'excluded') return at('unlikely', 'Confidentiality: recorded that no data left (exfiltration excluded), so no one else has it (EDPB cases 1 to 3).');
  const aggravating = whatItAllows(facts, traits);
  // Malicious intent with recipients otherwise unknown: a malicious party.
  const recipient = facts.recipient === 'identified' || facts.recipient === 'trusted' ? facts.recipient : facts.malicious ? 'malicious' : (facts.recipient ?? 'unknown');
  const few = facts.subjects !== undefined && facts.subjects <= fewPeople;
  const count = facts.subjects === undefined ? ' (the number of people is not recorded, so it is not taken as few)' : '';
  if (recipient === 'trusted') {
    return traits.special.length && !few
      ? at('risk', `Confidentiality: a trusted recipient bound to secrecy, but ${traits.special.join(' and ')} data of more than ${fewPeople} people${count} was sent: a risk remains (EDPB case 9 has none).`)
      : at('unlikely', `Confidentiality: the only recipient is trusted and bound to secrecy${traits.special.length ? `, and the ${traits.special.join(' and ')} data concerns ${people(facts.subjects!)}` : ', and no special-category or criminal data was sent'} (EDPB case 9).`);
  }
  if (recipient === 'identified') {
    if (traits.many && (traits.special.length || traits.fraud.length || facts.impersonation))
      return at('high-risk', `Confidentiality: sent by mistake, but weighing: ${aggravating.join('; ')}; the people must be told so they can protect themselves (EDPB case 14).`);
    if (facts.malicious) {
      const serious = traits.special.length || traits.fraud.length || facts.impersonation || traits.vulnerable;
      return serious
        ? at('high-risk', `Confidentiality: a known person took the data on purpose, weighing: ${aggravating.join('; ')}.`)
        : at('risk', 'Confidentiality: a known person took the data on purpose; the aim may be limited (for example canvassing), but further misuse cannot be ruled out (EDPB case 8).');
    }
    const contained = facts.recovery === 'confirmed' || (facts.recovery === 'requested' && few);
    if (contained && !traits.fraud.length && !facts.impersonation && !traits.vulnerable && (!traits.special.length || few)) {
      return at(
        'unlikely',
        `Confidentiality: identified recipients without ill intent ${facts.recovery === 'confirmed' ? 'returned or deleted it' : `were asked at once to delete it (${people(facts.subjects!)})`}, and nothing in it enables fraud or impersonation (EDPB cases 13 and 15).`,
      );
    }
    return at(
      'risk',
      `Confidentiality: received by mistake by identified people${facts.recovery ? '' : ' not yet asked to return or delete it'}; misuse is unlikely but cannot be ruled out${aggravating.length ? ` (${aggravating.join(', ')})` : ''}${facts.recovery === 'requested' ? count : ''} (EDPB case 16).`,
    );
  }
  const who = recipient === 'malicious' ? 'a malicious party has or may have it' : 'unknown recipients have or may have it';
  if (aggravating.length) return at('high-risk', `Confidentiality: ${who}, weighing: ${aggravating.join('; ')} (EDPB cases 4, 5, 7, 11, 12, 17 and 18).`);
  if (recipient === 'malicious' && traits.direct)
    return at('high-risk', `Confidentiality: ${who}, and the data names the people directly: it can be used for phishing or fraud against them (EDPB case 5).`);
  const content = traits.direct
    ? 'the data names people, but nothing in it enables fraud or impersonation and no malicious party is known to hold it'
    : 'the data does not name people directly and allows nothing more';
  return at('risk', `Confidentiality: ${who}; ${content}${facts.exfiltration === 'possible' ? '; exfiltration is possible, not confirmed' : ''}.`);
}

function integrity(facts: ParsedFacts, traits: Traits): RiskFactor | null {
  if (!facts.breachTypes.includes('integrity')) return null;
  const hours = facts.restoredWithinHours;
  if (typeof hours === 'number' && hours <= briefHours)
    return { dimension: 'integrity', outcome: 'unlikely', reason: `Integrity: the altered data was put right within ${hours} h${facts.backup === 'available' ? ' from a backup' : ''}.` };
  const state = typeof hours === 'number' ? `put right only after ${hours} h` : hours === null ? 'not put right' : 'not known yet to be put right';
  return traits.special.length || traits.vulnerable
    ? { dimension: 'integrity', outcome: 'high-risk', reason: `Integrity: data altered and ${state}, weighing: ${whatItAllows(facts, traits).join('; ')}; decisions about the people may rest on wrong data.` }
    : { dimension: 'integrity', outcome: 'risk', reason: `Integrity: data altered and ${state}: decisions about the people may rest on wrong data meanwhile.` };
}

function availability(facts: ParsedFacts, traits: Traits): RiskFactor | null {
  if (!facts.breachTypes.includes('availability')) return null;
  const hours = facts.restoredWithinHours;
  const backup = facts.backup === 'available' ? ' from a backup' : facts.backup === 'none' ? ' without a backup' : '';
  const dependent = traits.special.length || traits.vulnerable;
  if (typeof hours === 'number') {
    if (hours <= briefHours) return { dimension: 'availability', outcome: 'unlikely', reason: `Availability: restored${backup} within ${hours} h, a brief loss (EDPB case 1).` };
    return dependent
      ? { dimension: 'availability', outcome: 'high-risk', reason: `Availability: unavailable for ${hours} h${backup ? ` (restored${backup})` : ''}, weighing: ${whatItAllows(facts, traits).join('; ')}; care or services the people depend on are delayed (EDPB case 3).` }
      : { dimension: 'availability', outcome: 'risk', reason: `Availability: unavailable for ${hours} h${backup ? ` (restored${backup})` : ''}, more than a day (EDPB case 2).` };
  }
  const lost = hours === null || facts.backup === 'none';
  const state = hours === null ? 'not restored' : facts.backup === 'none' ? 'no backup, not restored yet' : 'time to restore not recorded yet (assumed longer than a day until it is)';
  return dependent
    ? { dimension: 'availability', outcome: 'high-risk', reason: `Availability: ${state}, weighing: ${whatItAllows(facts, traits).join('; ')} (EDPB cases 3 and 12).` }
    : { dimension: 'availability', outcome: 'risk', reason: `Availability: ${state}${lost ? ': the data may have to be collected again' : ''} (EDPB case 2).` };
}

export function assessRisk(input: RiskFacts): RiskAssessment {
  const facts = riskFactsSchema.parse(input);
  const traits = traitsOf(facts);
  const factors = [confidentiality(facts, traits), integrity(facts, traits), availability(facts, traits)].filter((factor): factor is RiskFactor => factor !== null);
  if (!factors.length) factors.push({ dimension: 'people', outcome: 'risk', reason: 'No breach type recorded (confidentiality, integrity or availability): a risk is assumed until it is.' });
  const outcome = worst(factors.map((factor) => factor.outcome));
  const recommendation = adviceOf[outcome];
  const enisa = enisaScore(facts);
  const reasons = [
    ...factors.map((factor) => factor.reason),
    recommendation === 'document-only'
      ? 'Unlikely to result in a risk: document it in the breach register (Art. 33(5)).'
      : recommendation === 'notify-authority'
        ? 'A risk, not a high one: notify the supervisory authority (Art. 33).'
        : 'A high risk: notify the supervisory authority and the people affected (Art. 33 and 34).',
    ...enisa.reasons.map((reason) => `ENISA: ${reason}`),
  ];
  if (enisa.recommendation !== recommendation) {
    reasons.push(
      `The ENISA score alone would advise "${adviceLabel[enisa.recommendation]}"; the advice follows the factors above, as the EDPB's worked cases do (docs/ARCHITECTURE.md, risk model).`,
    );
  }
  return { recommendation, outcome, severity: enisa.severity, level: enisa.level, enisaRecommendation: enisa.recommendation, factors, reasons };
}

const adviceLabel: Record<Recommendation, string> = {
  'document-only': 'document only',
  'notify-authority': 'notify the supervisory authority',
  'notify-authority-and-subjects': 'notify the authority and the people',
};
