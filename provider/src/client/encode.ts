/**
 * Builds the wire parameters of each operation from the client's camelCase arguments, normalising phone
 * numbers and keywords and rejecting arguments CallFire could never accept before anything is sent.
 */
import { type ParamValue, toParams } from "../wire/params.js";
import { InvalidInputError } from "./errors.js";
import { describe, normalizeKeyword, normalizePhoneNumber } from "./normalize.js";
import type { CreateNumberOrderArgs, NumberConfiguration, Paging, RegionFilters } from "./types.js";

/** The region filter fields, in CallFire's order. */
export const REGION_FIELDS = [
  "prefix",
  "city",
  "state",
  "zipcode",
  "country",
  "lata",
  "rateCenter",
  "latitude",
  "longitude",
  "timeZone",
] as const satisfies readonly (keyof RegionFilters)[];

/** Picks the region filter fields out of a larger argument object. */
export function regionFields(args: RegionFilters): Record<string, ParamValue> {
  return Object.fromEntries(REGION_FIELDS.map((field) => [field, args[field]]));
}

/** Checks that an optional value is a whole number within bounds. */
export function checkInteger(
  property: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(
      property,
      `must be a whole number from ${min} to ${max}, got ${describe(value)}`,
    );
  }
}

/** `MaxResults` and `FirstResult`. */
export function pagingFields(paging: Paging): Record<string, ParamValue> {
  checkInteger("maxResults", paging.maxResults, 1, 1000);
  checkInteger("firstResult", paging.firstResult, 0);
  return { maxResults: paging.maxResults, firstResult: paging.firstResult };
}

/** The parameters of CreateNumberOrder; at least one of numbers, keywords, localCount, tollFreeCount. */
export function orderParams(args: CreateNumberOrderArgs): Record<string, string> {
  const numbers = (args.numbers ?? []).map((number, index) =>
    normalizePhoneNumber(number, `numbers[${index}]`),
  );
  const keywords = (args.keywords ?? []).map((keyword, index) =>
    normalizeKeyword(keyword, `keywords[${index}]`),
  );
  checkInteger("localCount", args.localCount, 1);
  checkInteger("tollFreeCount", args.tollFreeCount, 1);
  if (numbers.length + keywords.length === 0 && !args.localCount && !args.tollFreeCount) {
    throw new InvalidInputError("numbers", "an order needs numbers, keywords, localCount or tollFreeCount");
  }
  return toParams({
    numbers,
    keywords,
    localCount: args.localCount,
    tollFreeCount: args.tollFreeCount,
    ...(args.localCount ? regionFields(args) : {}),
  });
}

/**
 * The parameters of ConfigureNumber. The inbound type is the one given, or the one whose configuration is
 * present; only that configuration's fields are sent.
 */
export function configurationParams(configuration: NumberConfiguration): Record<string, string> {
  const inbound = configuration.inboundCallConfiguration;
  const type =
    configuration.inboundCallConfigurationType ??
    (inbound?.callTrackingConfig ? "TRACKING" : inbound?.ivrInboundConfig ? "IVR" : undefined);
  const fields: Record<string, ParamValue> = {
    callFeature: configuration.callFeature,
    textFeature: configuration.textFeature,
    inboundCallConfigurationType: type,
  };
  if (type === "TRACKING") {
    const tracking = inbound?.callTrackingConfig;
    Object.assign(fields, {
      transferNumber: (tracking?.transferNumbers ?? []).map((number, index) =>
        normalizePhoneNumber(number, `transferNumbers[${index}]`),
      ),
      screen: tracking?.screen,
      record: tracking?.record,
      introSoundId: tracking?.introSoundId,
      whisperSoundId: tracking?.whisperSoundId,
    });
  } else if (type === "IVR") {
    fields.dialplanXml = inbound?.ivrInboundConfig?.dialplanXml;
  }
  return toParams(fields);
}
