import { createHmac, randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { readWorkspaceMeta, writeWorkspaceMeta } from '../db/repositories/workspaceMeta';
import type { Db } from '../db/types';

/** The workspace's key for callers' numbers if it has one (reads never make it). */
export function existingCallerKey(db: Db): Buffer | null {
  const stored = readWorkspaceMeta(db).caller_ref_key;
  return stored ? Buffer.from(stored, 'hex') : null;
}

/** The workspace's key for callers' numbers, made on first use (a write) and kept in the workspace. */
export function callerKey(db: Db): Buffer {
  const stored = readWorkspaceMeta(db).caller_ref_key;
  if (stored) return Buffer.from(stored, 'hex');
  const key = randomBytes(32);
  writeWorkspaceMeta(db, 'caller_ref_key', key.toString('hex'));
  return key;
}

/** The country whose national numbers the phone system writes (ISO 3166-1 alpha-2), or null when not set. */
export function callerCountryOf(db: Db): string | null {
  return readWorkspaceMeta(db).caller_country ?? null;
}

/** A number's digits (and a leading +): "+33 1 23-45" and "+331 2345" are one caller. The form hashed before numbers were normalised. */
export const normaliseNumber = (number: string): string => number.replace(/[^\d+]/g, '');

/**
 * The international (E.164) form of a number, read by libphonenumber: "+44 7700 991456", "0044 7700
 * 991456" and, with GB as the callers' country, "07700 991456" are all +447700991456. Null when the
 * number cannot be read as a possible telephone number (an extension such as "200", or a national
 * number without a country).
 */
export function internationalNumber(number: string, country: string | null): string | null {
  const parsed = parsePhoneNumberFromString(number, (country ?? undefined) as CountryCode | undefined);
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * The one form a number is stored (hashed) in: international where it can be read, else its digits.
 * A number written with its + is already in that form once its digits are taken (the common case
 * in call records, and the fast one: no parsing), unless it carries a "(0)" trunk prefix.
 */
export function canonicalNumber(number: string, country: string | null): string {
  const digits = normaliseNumber(number);
  if (digits.startsWith('+') && !number.includes('(0)')) return digits;
  return internationalNumber(number, country) ?? digits;
}

/**
 * Every form under which a caller's number may have been stored: as canonicalised now
 * (international), as its digits (calls imported before numbers were normalised, or not
 * readable), and in national form (older imports of national numbers). Holds, searches and file
 * matching look for all of them.
 */
export function numberForms(number: string, country: string | null): string[] {
  const forms = new Set([normaliseNumber(number)]);
  const parsed = parsePhoneNumberFromString(number, (country ?? undefined) as CountryCode | undefined);
  if (parsed?.isPossible()) {
    forms.add(parsed.number);
    forms.add(normaliseNumber(parsed.formatNational()));
  }
  return [...forms].filter((form) => /\d/.test(form));
}

/** The keyed hash stored for a caller's number (HMAC-SHA256 of the given form, first 128 bits as hex). */
export function callerRefOf(key: Buffer, number: string): string {
  return createHmac('sha256', key).update(normaliseNumber(number)).digest('hex').slice(0, 32);
}

/** The keyed hashes of every stored form of a number (see numberForms). */
export function callerRefsOf(key: Buffer, number: string, country: string | null): string[] {
  return numberForms(number, country).map((form) => callerRefOf(key, form));
}
