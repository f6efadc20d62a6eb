/**
 * Normalisation of human input into CallFire's forms: phone numbers to 11 digits (`+1 (213) 555-1234` →
 * `12135551234`) with libphonenumber, keywords to upper case.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { InvalidInputError } from "./errors.js";

/** How many valid inputs `normalizePhoneNumber` remembers; parsing one costs about 45 µs. */
const NORMALIZED_CACHE_SIZE = 1000;

/** Valid inputs seen before and their 11-digit form. */
const normalized = new Map<string, string>();

/**
 * Returns the number as CallFire's 11-digit E.164 form without `+`. Accepts any common North American format:
 * `12135551234`, `+1 (213) 555-1234`, `213-555-1234`. Throws `InvalidInputError` naming `property` otherwise.
 */
export function normalizePhoneNumber(input: string, property = "number"): string {
  const known = normalized.get(input);
  if (known !== undefined) return known;
  if (typeof input !== "string" || input.trim() === "") {
    throw new InvalidInputError(
      property,
      `must be a phone number such as "+1 213 555 1234", got ${describe(input)}`,
    );
  }
  const parsed = parsePhoneNumberFromString(input, "US");
  if (parsed?.countryCallingCode !== "1") {
    throw new InvalidInputError(
      property,
      `"${input}" is not a North American phone number; CallFire numbers are +1 numbers such as "+1 213 555 1234"`,
    );
  }
  if (!parsed.isValid()) throw new InvalidInputError(property, invalidReason(input, parsed.nationalNumber));
  const digits = parsed.number.slice(1);
  if (normalized.size >= NORMALIZED_CACHE_SIZE) normalized.clear();
  normalized.set(input, digits);
  return digits;
}

/**
 * Why a +1 number is not valid, in terms of what was given: the wrong number of digits, an area code or
 * exchange that cannot start with 0 or 1, or an area code that is not in use.
 */
function invalidReason(input: string, national: string): string {
  const example = 'e.g. "+1 213 555 1234"';
  if (national.length !== 10) {
    return `"${input}" has ${national.length} digits, not counting a leading country code 1; give 10 digits with area code, ${example}`;
  }
  const [area, exchange] = [national.slice(0, 3), national.slice(3, 6)];
  if (/^[01]/.test(area)) {
    return `"${input}" is not a valid phone number: ${area} is not an area code (area codes start with 2 to 9); give 10 digits with area code, ${example}`;
  }
  if (/^[01]/.test(exchange)) {
    return `"${input}" is not a valid phone number: the 3 digits after area code ${area} cannot start with 0 or 1 (${exchange}), ${example}`;
  }
  if (!parsePhoneNumberFromString(`+1${area}2345678`)?.isValid()) {
    return `"${input}" is not a valid phone number: ${area} is not a North American area code in use; check the area code, ${example}`;
  }
  return `"${input}" is not a valid phone number in area code ${area}; check the digits, ${example}`;
}

/** Keywords are 2 to 64 letters or digits. */
const KEYWORD = /^[A-Za-z0-9]{2,64}$/;

/** Returns the keyword in upper case, or throws `InvalidInputError` naming `property`. */
export function normalizeKeyword(input: string, property = "keyword"): string {
  if (typeof input !== "string" || !KEYWORD.test(input.trim())) {
    throw new InvalidInputError(
      property,
      `must be 2 to 64 letters or digits with no spaces or punctuation, e.g. "PIZZA"; got ${describe(input)}`,
    );
  }
  return input.trim().toUpperCase();
}

/**
 * Wraps a normaliser so that a value it rejects is passed on unchanged, for code that normalises early (in a
 * program) and leaves reporting to the resource's `check`.
 */
export function normalizedIfValid(normalize: (input: string) => string): (input: string) => string {
  return (input) => {
    try {
      return normalize(input);
    } catch {
      return input;
    }
  };
}

/** A short description of a bad value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined || value === null) return String(value);
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Area codes of North American toll-free numbers. */
const TOLL_FREE_AREA_CODES = new Set(["800", "833", "844", "855", "866", "877", "888"]);

/** Whether an 11-digit number is toll-free. */
export function isTollFreeNumber(number: string): boolean {
  return TOLL_FREE_AREA_CODES.has(number.slice(1, 4));
}
