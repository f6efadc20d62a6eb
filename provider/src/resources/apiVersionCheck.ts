/**
 * The input checks that depend on the CallFire API version the stack speaks: what a region selection may filter
 * by on API v2. They run in the provider's `check`, so a preview already names the property, before any order.
 */

import { V2_REGION_FILTERS } from "../client/v2/encode.js";
import type { ArgumentProblem } from "./checker.js";
import type { PhoneNumberInputs } from "./inputs.js";
import { configuredApiVersion } from "./settings.js";

/** Problems with a PhoneNumber's inputs on the configured API version (none on 1.1). */
export function apiVersionProblems(inputs: PhoneNumberInputs): ArgumentProblem[] {
  if (configuredApiVersion() !== "v2" || typeof inputs.region !== "object" || inputs.region === null)
    return [];
  const allowed: readonly string[] = V2_REGION_FILTERS.order;
  return Object.keys(inputs.region)
    .filter((field) => !allowed.includes(field))
    .map((field) => ({
      property: `region.${field}`,
      reason: `CallFire API v2 (callfire:apiVersion) cannot order a number by ${field}: use ${allowed.join(", ")}, or set callfire:apiVersion to 1.1`,
    }));
}
