/**
 * Builds the wire parameters of each operation from the client's camelCase arguments, normalising phone
 * numbers and keywords and rejecting arguments CallFire could never accept before anything is sent.
 */
import { type ParamValue, toParams } from "../wire/params.js";
import { InvalidInputError } from "./errors.js";
import { describe, normalizeKeyword, normalizePhoneNumber } from "./normalize.js";
import type {
  CreateNumberOrderArgs,
  GetNumberOrderArgs,
  InboundType,
  NumberConfiguration,
  Paging,
  RegionFilters,
  ReleaseArgs,
} from "./types.js";

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

/** The form of each text region filter, with an example for the error message. */
export const REGION_TEXT_RULES: Record<
  Exclude<keyof RegionFilters, "latitude" | "longitude">,
  [RegExp, string]
> = {
  prefix: [/^1\d{3,6}$/, '4 to 7 digits starting with the country code 1, e.g. "1213" for area code 213'],
  city: [/\S/, 'a city name such as "Los Angeles"'],
  state: [/^[A-Za-z]{2}$/, 'a two-letter state code such as "CA"'],
  zipcode: [/^\d{5}$/, 'a five-digit zip code such as "90012"'],
  country: [/^[A-Za-z]{2}$/, 'a two-letter country code such as "US"'],
  lata: [/^\d+$/, 'a numeric LATA such as "730"'],
  rateCenter: [/\S/, 'a rate center such as "LSAN DA 01"'],
  timeZone: [/^[A-Za-z_]+(\/[A-Za-z_+-]+)+$/, 'an IANA time zone such as "America/Los_Angeles"'],
};

/** The bounds of the coordinate filters. */
export const COORDINATE_RULES = { latitude: 90, longitude: 180 } as const;

/** Checks that an optional value is a string of the given form. */
export function checkText(property: string, value: unknown, pattern: RegExp, example: string): void {
  if (value === undefined) return;
  if (typeof value !== "string" || !pattern.test(value.trim())) {
    throw new InvalidInputError(property, `must be ${example}, got ${describe(value)}`);
  }
}

/** Checks that an optional value is a boolean. */
export function checkBoolean(property: string, value: unknown): void {
  if (value !== undefined && typeof value !== "boolean") {
    throw new InvalidInputError(property, `must be true or false, got ${describe(value)}`);
  }
}

/**
 * Picks the region filter fields out of a larger argument object, rejecting values CallFire would refuse or
 * that could never match (so a typo fails here instead of silently finding nothing).
 */
export function regionFields(args: RegionFilters): Record<string, ParamValue> {
  for (const [field, [pattern, example]] of Object.entries(REGION_TEXT_RULES)) {
    checkText(field, args[field as keyof RegionFilters], pattern, example);
  }
  for (const [field, bound] of Object.entries(COORDINATE_RULES)) {
    const value: unknown = args[field as keyof RegionFilters];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > bound) {
      throw new InvalidInputError(
        field,
        `must be a ${field} from -${bound} to ${bound}, got ${describe(value)}`,
      );
    }
  }
  return Object.fromEntries(
    REGION_FIELDS.map((field) => {
      const value = args[field];
      return [field, typeof value === "string" ? value.trim() : value];
    }),
  );
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
 * The inbound type a configuration sets (the one given, or the one whose configuration is present), in both
 * dialects. Refuses one that does not match its type (an IVR type with a `callTrackingConfig`, or both
 * configurations): CallFire would switch the number to the type and drop the settings sent with it.
 */
export function inboundType(configuration: NumberConfiguration): InboundType | undefined {
  const inbound = configuration.inboundCallConfiguration;
  const given = (["callTrackingConfig", "ivrInboundConfig"] as const).filter((key) => inbound?.[key]);
  const typeOf = { callTrackingConfig: "TRACKING", ivrInboundConfig: "IVR" } as const;
  if (given.length === 2) {
    throw new InvalidInputError(
      "inboundCallConfiguration",
      "has both callTrackingConfig and ivrInboundConfig; a number has one: give the one that matches inboundCallConfigurationType",
    );
  }
  const type = configuration.inboundCallConfigurationType;
  if (given.length === 1 && type !== undefined && typeOf[given[0]] !== type) {
    const wanted =
      type === "IVR" ? "ivrInboundConfig" : type === "TRACKING" ? "callTrackingConfig" : undefined;
    throw new InvalidInputError(
      `inboundCallConfiguration.${given[0]}`,
      `does not match inboundCallConfigurationType ${JSON.stringify(type)}, and sending them would switch the number to ${JSON.stringify(type)} and drop it: ` +
        `${wanted ? `give ${wanted} instead, or ` : ""}set inboundCallConfigurationType to "${typeOf[given[0]]}"`,
    );
  }
  return type ?? (inbound?.callTrackingConfig ? "TRACKING" : inbound?.ivrInboundConfig ? "IVR" : undefined);
}

/**
 * The parameters of ConfigureNumber. The inbound type is the one given, or the one whose configuration is
 * present; only that configuration's fields are sent.
 */
export function configurationParams(configuration: NumberConfiguration): Record<string, string> {
  const inbound = configuration.inboundCallConfiguration;
  const type = inboundType(configuration);
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

/** Checks an order id (CallFire's are numeric) and returns it as text. */
export function checkOrderId(args: GetNumberOrderArgs): string {
  const id = String(args?.id ?? "");
  if (!/^\d+$/.test(id))
    throw new InvalidInputError("id", `must be a numeric order id, got ${JSON.stringify(id)}`);
  return id;
}

/**
 * What a Release names: the number to release (11 digits), the keyword (upper case), or both. With a keyword,
 * a 4-to-6-digit `number` is the keyword's short code, not a number to release (then `number` is absent).
 */
export function releaseTargets(args: ReleaseArgs): { number?: string; keyword?: string; shortCode?: string } {
  if (!args?.number && !args?.keyword)
    throw new InvalidInputError("number", "give a number or a keyword to release");
  const keyword = args.keyword === undefined ? undefined : normalizeKeyword(args.keyword);
  const isShortCode = keyword !== undefined && /^\d{4,6}$/.test(args.number ?? "");
  if (isShortCode) return { keyword, shortCode: args.number };
  return { number: args.number === undefined ? undefined : normalizePhoneNumber(args.number), keyword };
}
