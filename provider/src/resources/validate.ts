/**
 * The resources' input checks as plain functions, for programs that read resource arguments from data (stack
 * config, a file) and want every problem reported before a single resource is registered.
 */
import { checkKeyword, checkPhoneNumber } from "./check.js";
import type { ArgumentProblem } from "./checker.js";

export type { ArgumentProblem };

/**
 * Checks plain `PhoneNumber` arguments exactly as the resource's `check` does at preview, without calling
 * CallFire: the selection (exactly one of `number`, `tollFree`, `region`), every value, and unknown properties.
 * Returns the problems; empty when the arguments are good.
 *
 * ```ts
 * validatePhoneNumberArgs({ region: { prefix: "213" } });
 * // [{ property: "region.prefix", reason: 'must be 4 to 7 digits starting with the country code 1, …' }]
 * ```
 */
export function validatePhoneNumberArgs(args: Record<string, unknown>): ArgumentProblem[] {
  return checkPhoneNumber(args).failures;
}

/** Checks plain `Keyword` arguments exactly as the resource's `check` does. Returns the problems. */
export function validateKeywordArgs(args: Record<string, unknown>): ArgumentProblem[] {
  return checkKeyword(args).failures;
}
