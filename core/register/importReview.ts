import { distance } from 'fastest-levenshtein';
import type { ActivityInput } from './model';
import { dataSubjectRights, isoCountryCodes, type Vocabulary } from './vocabularies';

/**
 * The review step of a register import: every distinct value of a vocabulary column, once, with
 * the term proposed for it (exact, synonym, close match or none), and what the user decided (a
 * term, a new term, or keep it as text and flag it). Free text is mapped, never refused. Pure.
 */

/** The columns whose cells hold vocabulary terms. */
export const reviewColumns = [
  'dataCategories',
  'countries',
  'safeguards',
  'lawfulBasis',
  'art9',
  'art10',
  'rights',
  'dpiaRequired',
  'dpiaProgress',
  'status',
  'breachOccurred',
  'retainedPerPolicy',
  'retention',
] as const;
export type ReviewColumn = (typeof reviewColumns)[number];

/** Short names of the review columns, for the review step (the templates' headings are long). */
export const reviewColumnLabels: Record<ReviewColumn, string> = {
  dataCategories: 'Personal data',
  countries: 'Country',
  safeguards: 'Safeguard',
  lawfulBasis: 'Lawful basis',
  art9: 'Art. 9 condition',
  art10: 'Art. 10 basis',
  rights: 'Right',
  dpiaRequired: 'DPIA required?',
  dpiaProgress: 'DPIA progress',
  status: 'Status',
  breachOccurred: 'Breach occurred?',
  retainedPerPolicy: 'Retained per policy?',
  retention: 'Retention',
};

/** Columns that take several terms in one cell. */
export const listColumns: ReadonlySet<ReviewColumn> = new Set(['dataCategories', 'countries', 'safeguards', 'rights']);
/** Columns whose unmatched values may become a new term of the workspace's vocabulary. */
export const extensibleColumns: Partial<Record<ReviewColumn, 'data-category' | 'transfer-mechanism'>> = {
  dataCategories: 'data-category',
  safeguards: 'transfer-mechanism',
};

export type MatchKind = 'exact' | 'synonym' | 'close' | 'none';

export type ValueDecision = { action: 'map'; code: string } | { action: 'new-term' } | { action: 'text' };

export interface ValueProposal {
  column: ReviewColumn;
  /** The value as the file has it (the first spelling met). */
  value: string;
  /** How many cells hold it. */
  count: number;
  match: MatchKind;
  /** The proposed term, or null when nothing comes close. */
  code: string | null;
  label: string | null;
  /** A safeguard's date read from the value ("(2021)" for the 2021 SCCs gives 2021-06-04). */
  date: string | null;
  /** A retention period read from words ("7 years" gives P7Y), when it is one unambiguous period. */
  period?: string | null;
  /** What will be done: the saved choice, else the proposal (exact, synonym or close), else keep as text. */
  decision: ValueDecision;
  /** True when the decision comes from a saved layout or the user, not from the proposal. */
  chosen: boolean;
}

/** A safeguard cell item that says there is none. */
export const noSafeguard = /^(none|n\/?a|aucune?|-)$/i;

/** True when the value will be kept as text and flagged (retention text is kept as written, unflagged: it may be criteria). */
export const flagsText = (proposal: Pick<ValueProposal, 'column' | 'decision'>): boolean => proposal.decision.action === 'text' && proposal.column !== 'retention';

/** How values and headings are compared: no accents, lower case, notes in brackets and punctuation removed. */
export function normaliseWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\((if applicable|if possible|s)\)/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The key a value is remembered under: its column and its normalised words. */
export const valueKey = (column: string, value: string) => `${column}\u0000${normaliseWords(value)}`;

const bullet = /^\s*(?:[-*•·▪◦‣●○]|\d+[.)])\s+/;

/**
 * How a cell's items are separated. 'lines': one per line only (the workbench's own export, where a
 * semicolon or comma is part of the item); 'lists': new lines, semicolons and bullets; 'commas':
 * those and commas, unless the whole piece is itself a known term ("Korea, Republic of").
 */
export type SplitMode = 'lines' | 'lists' | 'commas';

export function splitCell(cell: string, mode: SplitMode, isTerm?: (piece: string) => boolean): string[] {
  if (mode === 'lines') return cell.split(/\r?\n/).map((piece) => piece.trim()).filter(Boolean);
  const pieces = cell
    .split(/\r?\n|;|[•▪◦‣●]/)
    .map((piece) => piece.replace(bullet, '').trim())
    .filter(Boolean);
  if (mode === 'lists') return pieces;
  const commaSplit = pieces.flatMap((piece) => {
    if (!piece.includes(',') || isTerm?.(piece)) return [piece];
    // A comma inside brackets belongs to the item: "Standard contractual clauses (module 2, 2021)".
    const parts: string[] = [];
    let depth = 0;
    let current = '';
    for (const char of piece) {
      if (char === '(') depth += 1;
      if (char === ')') depth = Math.max(0, depth - 1);
      if (char === ',' && depth === 0) {
        parts.push(current);
        current = '';
      } else current += char;
    }
    parts.push(current);
    // ISO's formal names keep their comma: "Korea, Republic of", "Iran, Islamic Republic of".
    const joined: string[] = [];
    for (const part of parts) {
      if (joined.length && /^\s*[\p{L} ]+\bof\s*$/iu.test(part)) joined[joined.length - 1] = `${joined[joined.length - 1]},${part}`;
      else joined.push(part);
    }
    const items = joined.map((part) => part.replace(/^\s*(and|et)\s+/i, '').trim()).filter(Boolean);
    // In a vocabulary list, "US, Switzerland and Japan" ends with two items; "Economic and financial" is one term.
    const last = items[items.length - 1];
    if (isTerm && items.length >= 2 && last && !isTerm(last) && /\s(?:and|et)\s/i.test(last)) {
      items.splice(items.length - 1, 1, ...last.split(/\s+(?:and|et)\s+/i).map((part) => part.trim()).filter(Boolean));
    }
    return items;
  });
  return commaSplit;
}

/** Words people write for the built-in terms, in English and French (normalised when used). */
const synonyms: Partial<Record<ReviewColumn, Record<string, string[]>>> = {
  lawfulBasis: {
    consent: ['consent of the data subject', 'consentement', '6 1 a', 'art 6 1 a', 'article 6 1 a'],
    contract: ['performance of a contract', 'contractual necessity', 'necessary for a contract', 'execution d un contrat', 'execution du contrat', 'contrat', '6 1 b'],
    'legal-obligation': ['compliance with a legal obligation', 'legal requirement', 'statutory obligation', 'obligation legale', '6 1 c'],
    'vital-interests': ['vital interest', 'sauvegarde des interets vitaux', 'interets vitaux', '6 1 d'],
    'public-task': ['public interest', 'official authority', 'public task or official authority', 'mission d interet public', '6 1 e'],
    'legitimate-interests': ['legitimate interest', 'li', 'interet legitime', 'interets legitimes', '6 1 f'],
  },
  art9: {
    'explicit-consent': ['explicit consent of the data subject', 'consentement explicite', '9 2 a'],
    employment: ['employment', 'employment law', 'social security', 'social protection', 'droit du travail', '9 2 b'],
    'vital-interests': ['vital interests', '9 2 c'],
    'not-for-profit': ['not for profit', 'not for profit body', '9 2 d'],
    'made-public': ['manifestly made public', 'made public by the data subject', '9 2 e'],
    'legal-claims': ['legal claims', 'defence of legal claims', 'establishment exercise or defence of legal claims', '9 2 f'],
    'substantial-public-interest': ['substantial public interest', '9 2 g'],
    'health-care': ['health care', 'healthcare', 'preventive or occupational medicine', 'medical diagnosis', '9 2 h'],
    'public-health': ['public health', '9 2 i'],
    'archiving-research': ['archiving', 'scientific research', 'research', 'statistics', '9 2 j'],
  },
  dataCategories: {
    identity: ['identification', 'identification data', 'name', 'names', 'etat civil', 'identite', 'etat civil identite donnees d identification'],
    contact: ['contact', 'contact data', 'contact information', 'address', 'addresses', 'email', 'email address', 'phone number', 'coordonnees'],
    'personal-life': ['personal life', 'lifestyle', 'family situation', 'vie personnelle'],
    'professional-life': ['professional life', 'employment details', 'employment information', 'cv', 'job title', 'vie professionnelle'],
    financial: ['financial', 'financial data', 'financial information', 'bank details', 'bank account details', 'payment details', 'payment card data', 'informations d ordre economique et financier', 'donnees financieres'],
    connection: ['connection', 'ip address', 'ip addresses', 'logs', 'log data', 'donnees de connexion'],
    location: ['location data', 'geolocation', 'donnees de localisation', 'localisation'],
    'internet-cookies': ['cookies', 'online identifiers', 'internet', 'internet data'],
    communications: ['communications', 'emails', 'messages', 'correspondence'],
    'audio-recordings': ['call recordings', 'voice recordings', 'recordings', 'enregistrements'],
    credentials: ['passwords', 'login credentials', 'usernames and passwords'],
    'id-documents': ['id documents', 'passport', 'passport details', 'identity document', 'pieces d identite'],
    'special-category': ['special category', 'special category data', 'special categories', 'sensitive data', 'health data', 'donnees sensibles', 'donnees de sante'],
    criminal: ['criminal records', 'criminal convictions', 'criminal offence data', 'dbs checks', 'infractions', 'condamnations'],
    children: ['children', 'minors', 'donnees des mineurs'],
  },
  safeguards: {
    adequacy: ['adequacy', 'adequacy regulations', 'adequate country', 'decision d adequation', 'adequation'],
    sccs: ['sccs', 'scc', 'model clauses', 'standard data protection clauses', 'eu sccs', 'clauses contractuelles types', 'cct'],
    dpf: ['data privacy framework', 'dpf', 'eu us dpf', 'privacy framework', 'uk extension to the dpf', 'data bridge'],
    bcrs: ['bcr', 'bcrs', 'binding corporate rules', 'regles d entreprise contraignantes'],
    art49: ['derogation', 'derogations', 'article 49', 'art 49', 'explicit consent to the transfer', 'derogation article 49'],
  },
  rights: {
    information: ['information', 'right to be informed', 'informed', 'droit a l information'],
    access: ['right of access', 'subject access', 'droit d acces'],
    rectification: ['right to rectification', 'droit de rectification'],
    erasure: ['right to erasure', 'right to be forgotten', 'deletion', 'droit a l effacement', 'effacement'],
    restriction: ['right to restrict processing', 'restrict processing', 'restriction of processing', 'droit a la limitation', 'limitation'],
    portability: ['portability', 'right to data portability', 'droit a la portabilite', 'portabilite'],
    objection: ['object', 'right to object', 'droit d opposition', 'opposition'],
    'automated-decisions': ['rights related to automated decision making', 'automated decision making', 'rights in relation to automated decision making and profiling'],
    'withdraw-consent': ['right to withdraw consent', 'withdrawal of consent', 'retrait du consentement'],
  },
  dpiaRequired: { yes: ['y', 'true', 'oui', 'required'], no: ['n', 'false', 'non', 'not required'], 'to-assess': ['to assess', 'tbc', 'unknown', 'to be assessed', 'a evaluer'] },
  dpiaProgress: {
    'not-started': ['not started', 'none', 'no', 'non commence'],
    'in-progress': ['in progress', 'ongoing', 'started', 'en cours'],
    complete: ['complete', 'completed', 'done', 'finished', 'yes', 'termine', 'terminee'],
  },
  status: { active: ['live', 'current', 'in use', 'actif'], draft: ['proposed', 'planned', 'brouillon'], retired: ['ended', 'stopped', 'closed', 'archived', 'retire'] },
  breachOccurred: { yes: ['y', 'true', 'oui'], no: ['n', 'false', 'non', 'none'] },
  retainedPerPolicy: { yes: ['y', 'true', 'oui'], no: ['n', 'false', 'non'] },
};

/** Other names of countries people write (normalised), beyond their English and French names. */
const countryAliases: Record<string, string> = {
  usa: 'US', 'u s': 'US', 'u s a': 'US', us: 'US', 'united states of america': 'US', america: 'US', uk: 'GB', 'u k': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB',
  'south korea': 'KR', 'korea': 'KR', 'korea republic of': 'KR', russia: 'RU', 'uae': 'AE', 'the netherlands': 'NL', holland: 'NL', 'czech republic': 'CZ',
  // ISO 3166-1 English short names that differ from the everyday ones.
  'iran islamic republic of': 'IR', 'korea democratic people s republic of': 'KP', 'russian federation': 'RU', 'viet nam': 'VN', 'tanzania united republic of': 'TZ',
  'bolivia plurinational state of': 'BO', 'venezuela bolivarian republic of': 'VE', 'moldova republic of': 'MD', 'taiwan province of china': 'TW', 'syrian arab republic': 'SY',
  'lao people s democratic republic': 'LA', 'micronesia federated states of': 'FM', 'congo the democratic republic of the': 'CD', 'united republic of tanzania': 'TZ',
  'etats unis d amerique': 'US', 'grande bretagne': 'GB', angleterre: 'GB', 'northern ireland': 'GB', scotland: 'GB', wales: 'GB', 'irlande du nord': 'GB', ecosse: 'GB', 'hong kong': 'HK', 'taiwan': 'TW', 'vietnam': 'VN', 'turkey': 'TR',
};

/**
 * Dates of the Commission's standard contractual clauses by the year people write (Decisions
 * 2001/497/EC of 15 June 2001, 2004/915/EC of 27 December 2004, 2010/87/EU of 5 February 2010,
 * Implementing Decision (EU) 2021/914 of 4 June 2021), and of the EU-US Data Privacy Framework's
 * adequacy decision (Implementing Decision (EU) 2023/1795 of 10 July 2023).
 */
const safeguardYears: Record<string, Record<string, string>> = {
  sccs: { '2001': '2001-06-15', '2004': '2004-12-27', '2010': '2010-02-05', '2021': '2021-06-04' },
  dpf: { '2023': '2023-07-10' },
};

const months: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12,
};

/** A safeguard's date written with it: ISO, "4 June 2021", or a year the dates above resolve. Slash dates are ambiguous and not read. */
export function readSafeguardDate(value: string, code: string | null): { rest: string; date: string | null } {
  // 04/06/2021 is 4 June or 6 April depending on who wrote it: not read, and no year guessed from it.
  const slash = /\(?\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b\)?/.exec(value);
  if (slash) return { rest: value.replace(slash[0], ' '), date: null };
  const iso = /\(?\b(\d{4}-\d{2}-\d{2})\b\)?/.exec(value);
  if (iso) return { rest: value.replace(iso[0], ' '), date: iso[1]! };
  const words = /\(?\b(\d{1,2})\s+([a-zA-Zéû]+)\s+(\d{4})\b\)?/.exec(value);
  const month = words ? months[normaliseWords(words[2]!)] : undefined;
  if (words && month) return { rest: value.replace(words[0], ' '), date: `${words[3]}-${String(month).padStart(2, '0')}-${words[1]!.padStart(2, '0')}` };
  const year = /\(?\b((?:19|20)\d{2})\b\)?/.exec(value);
  if (year) return { rest: value.replace(year[0], ' '), date: code ? (safeguardYears[code]?.[year[1]!] ?? null) : null };
  return { rest: value, date: null };
}

interface Term {
  code: string;
  label: string;
  /** Normalised names: the code, the label and the synonyms. */
  names: string[];
  /** Normalised code and label: the names that make an exact match. */
  own: string[];
}

const countryDisplay = (() => {
  const make = (locale: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    } catch {
      return null;
    }
  };
  return { en: make('en'), fr: make('fr') };
})();

/** A retention rule as the review matches it: by name, or by its maximum period. */
export interface RuleTerm {
  id: string;
  name: string;
  maximum: string | null;
}

/** The terms a column's values are matched against, with every name they go by. */
export function termsOf(column: ReviewColumn, vocabulary: Vocabulary, rules: readonly RuleTerm[] = []): Term[] {
  const withSynonyms = (entries: ReadonlyArray<{ code: string; label: string }>): Term[] =>
    entries.map((entry) => ({
      code: entry.code,
      label: entry.label,
      names: [...new Set([entry.code, entry.label, ...(synonyms[column]?.[entry.code] ?? [])].map(normaliseWords).filter(Boolean))],
      own: [normaliseWords(entry.code), normaliseWords(entry.label)],
    }));
  const words = (codes: readonly string[]) => codes.map((code) => ({ code, label: code.charAt(0).toUpperCase() + code.slice(1).replace(/-/g, ' ') }));
  switch (column) {
    case 'dataCategories':
      return withSynonyms(vocabulary['data-category']);
    case 'safeguards':
      return withSynonyms(vocabulary['transfer-mechanism']);
    case 'lawfulBasis':
      return withSynonyms(vocabulary['lawful-basis']);
    case 'art9':
      return withSynonyms(vocabulary['art9-condition']);
    case 'art10':
      return withSynonyms(vocabulary['art10-basis']);
    case 'rights':
      return withSynonyms(dataSubjectRights);
    case 'dpiaRequired':
      return withSynonyms(words(['yes', 'no', 'to-assess']));
    case 'dpiaProgress':
      return withSynonyms(words(['not-started', 'in-progress', 'complete']));
    case 'status':
      return withSynonyms(words(['active', 'draft', 'retired']));
    case 'breachOccurred':
    case 'retainedPerPolicy':
      return withSynonyms(words(['yes', 'no']));
    case 'retention':
      // A rule is named by its name, and by its maximum period (matched after reading the value's words).
      return rules.map((rule) => ({ code: rule.id, label: rule.name, names: [normaliseWords(rule.name), ...(rule.maximum ? [`period ${rule.maximum}`] : [])], own: [normaliseWords(rule.name)] }));
    case 'countries': {
      const custom = vocabulary.country.filter((term) => term.custom);
      const aliasesOf = (code: string) => Object.entries(countryAliases).filter(([, target]) => target === code).map(([alias]) => alias);
      return [
        ...isoCountryCodes.map((code) => {
          const en = countryDisplay.en?.of(code) ?? code;
          const fr = countryDisplay.fr?.of(code);
          return { code, label: en, names: [...new Set([code, en, ...(fr ? [fr] : []), ...aliasesOf(code)].map(normaliseWords))], own: [normaliseWords(code), normaliseWords(en)] };
        }),
        ...custom.map((term) => ({ code: term.code, label: term.label, names: [normaliseWords(term.code), normaliseWords(term.label)], own: [normaliseWords(term.code), normaliseWords(term.label)] })),
      ];
    }
  }
}

/** How far two spellings may be apart and still be a close match: one edit per six letters, at least one. */
const closeEnough = (a: string, b: string) => Math.min(a.length, b.length) >= 4 && distance(a, b) <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 6));

/** The term a value most likely means, and how sure that is. */
export function proposeTerm(
  column: ReviewColumn,
  value: string,
  terms: readonly Term[],
): { match: MatchKind; code: string | null; label: string | null; date: string | null; period?: string | null } {
  let wanted = normaliseWords(value);
  let date: string | null = null;
  if (column === 'safeguards') {
    // The date is read after the term is known (a year names a decision only for its safeguard); what
    // stays in brackets ("module 2") does not name the safeguard.
    wanted = normaliseWords(readSafeguardDate(value, null).rest.replace(/\([^)]*\)?/g, ' '));
  }
  if (column === 'countries') {
    // An ISO code with a subdivision ("US-CA") is kept as it is when its country is known.
    const subdivision = /^([A-Z]{2})-[A-Z0-9]{1,3}$/.exec(value.trim().toUpperCase());
    if (subdivision && terms.some((term) => term.code === subdivision[1])) return { match: 'exact', code: value.trim().toUpperCase(), label: value.trim().toUpperCase(), date: null };
  }
  const found = (term: Term, match: MatchKind) => {
    if (column === 'safeguards') date = readSafeguardDate(value, term.code).date;
    return { match, code: term.code, label: term.label, date };
  };
  if (!wanted) return { match: 'none', code: null, label: null, date: null };
  if (column === 'retention') {
    // Retention is free text by law (a duration, or the criteria that set it): a rule is proposed
    // when the text names it or states its maximum period; otherwise the text stays as written.
    const period = periodOf(value);
    const named = terms.find((term) => term.own.includes(wanted));
    if (named) return { match: 'exact', code: named.code, label: named.label, date: null, period };
    const byPeriod = period ? terms.find((term) => term.names.includes(`period ${period}`)) : undefined;
    return byPeriod ? { match: 'close', code: byPeriod.code, label: byPeriod.label, date: null, period } : { match: 'none', code: null, label: null, date: null, period };
  }
  const exact = terms.find((term) => term.own.includes(wanted));
  if (exact) return found(exact, 'exact');
  const synonym = terms.find((term) => term.names.includes(wanted));
  if (synonym) return found(synonym, 'synonym');
  // A citation such as "Art. 6(1)(f)" or "Article 9(2)(a) - explicit consent".
  const citation = /\b([69])\s*[.(]?\s*([12])\s*[.)]?\s*[.(]?\s*([a-j])\b/.exec(value.toLowerCase());
  if (citation && (column === 'lawfulBasis' || column === 'art9')) {
    const cited = terms.find((term) => term.names.includes(`${citation[1]} ${citation[2]} ${citation[3]}`));
    if (cited) return found(cited, 'synonym');
  }
  // Close matches are guesses: never for a negated value ("Not legitimate interests", "No consent"),
  // never on a citation (one digit apart is another basis), and a country is never guessed from a
  // place inside its name ("New Jersey" is not Jersey).
  if (/^(not|no|non|never|sans|pas|aucun|aucune)\b/.test(wanted)) return { match: 'none', code: null, label: null, date: null };
  const guessable = (name: string) => !/\d/.test(name);
  const close = terms.find((term) => term.names.some((name) => guessable(name) && closeEnough(name, wanted)));
  if (close) return found(close, 'close');
  if (column === 'countries') return { match: 'none', code: null, label: null, date: null };
  // The value contains a term's whole name ("Legitimate interests of the company"), the longest first.
  const containing = terms
    .flatMap((term) => term.names.filter((name) => guessable(name) && name.length >= 4 && ` ${wanted} `.includes(` ${name} `)).map((name) => ({ term, name })))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (containing) return found(containing.term, 'close');
  return { match: 'none', code: null, label: null, date: null };
}

/**
 * Reads a period written in words ("7 years", "six months", "3 ans") as an ISO 8601 duration;
 * null when it is not one unambiguous period (two periods, or none).
 */
export function periodOf(text: string): string | null {
  const numbers: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, dix: 10 };
  const units: Record<string, 'Y' | 'M' | 'W' | 'D'> = { year: 'Y', years: 'Y', yr: 'Y', yrs: 'Y', an: 'Y', ans: 'Y', annee: 'Y', annees: 'Y', month: 'M', months: 'M', mois: 'M', week: 'W', weeks: 'W', semaine: 'W', semaines: 'W', day: 'D', days: 'D', jour: 'D', jours: 'D' };
  const words = normaliseWords(text);
  const found = [...words.matchAll(/\b(\d{1,3}|[a-z]+)\s+(years?|yrs?|ans?|annees?|months?|mois|weeks?|semaines?|days?|jours?)\b/g)]
    .map((match) => ({ amount: /^\d+$/.test(match[1]!) ? Number(match[1]) : numbers[match[1]!], unit: units[match[2]!] }))
    .filter((entry): entry is { amount: number; unit: 'Y' | 'M' | 'W' | 'D' } => entry.amount !== undefined && entry.amount > 0 && entry.unit !== undefined);
  if (found.length !== 1) return null;
  return `P${found[0]!.amount}${found[0]!.unit}`;
}

/** What a record's vocabulary fields become once every value has its decision; flagged text beside them. */
export interface ResolvedTerms {
  dataCategories: string[];
  transfers: ActivityInput['transfers'];
  lawfulBasis: string | null;
  art9Condition: string | null;
  art10Basis: string | null;
  rightsAvailable: string[];
  dpiaRequired: string | null;
  dpiaProgress: string | null;
  status: string | null;
  breachOccurred: boolean | null;
  retainedPerPolicy: boolean | null;
  flagged: Array<{ column: ReviewColumn; text: string }>;
  problems: string[];
}
