/**
 * Request parameters in the CallFire 1.1 dialect: PascalCase names (except `localCount` and `tollFreeCount`),
 * booleans as `true`/`false`, lists as one space-separated value. GET sends them as a query string, PUT and
 * POST as an `application/x-www-form-urlencoded` body.
 */

/** A value a parameter can take before encoding; `undefined` leaves the parameter out. */
export type ParamValue = string | number | boolean | readonly string[] | undefined;

/** Parameter names that CallFire spells in lower camel case rather than PascalCase. */
const CAMEL_CASE_NAMES = new Set(["localCount", "tollFreeCount"]);

/** The wire name of a camelCase field: `rateCenter` → `RateCenter`, but `localCount` stays as it is. */
function wireName(field: string): string {
  return CAMEL_CASE_NAMES.has(field) ? field : field.charAt(0).toUpperCase() + field.slice(1);
}

/** Encodes one value: lists joined with spaces, everything else as text. */
function encodeValue(value: Exclude<ParamValue, undefined>): string {
  return Array.isArray(value) ? value.join(" ") : String(value);
}

/**
 * Builds wire parameters from camelCase fields, leaving out `undefined` values and empty lists.
 * `{ rateCenter: "X", numbers: ["1", "2"] }` → `{ RateCenter: "X", Numbers: "1 2" }`.
 */
export function toParams(fields: Readonly<Record<string, ParamValue>>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    params[wireName(field)] = encodeValue(value);
  }
  return params;
}
