/**
 * Builds CallFire API v2 request parts from the client's arguments. Everything is first checked as for API 1.1
 * (the same rules, the same messages); then an argument v2 has no place for is an `InvalidInputError` naming it,
 * never dropped.
 */
import type { QueryValue } from "../../wire/v2/query.js";
import { inboundType, pagingFields, regionFields } from "../encode.js";
import { InvalidInputError } from "../errors.js";
import { describe, normalizePhoneNumber } from "../normalize.js";
import type { CallTrackingConfig, NumberConfiguration, Paging, RegionFilters } from "../types.js";

/** The region filters each v2 endpoint takes (`lata` and `rateCenter` as the official v2 Java client sends them). */
export const V2_REGION_FILTERS = {
  regions: ["prefix", "city", "state", "zipcode", "lata", "rateCenter"],
  leases: ["prefix", "city", "state", "zipcode", "lata", "rateCenter"],
  local: ["prefix", "city", "state", "zipcode", "lata", "rateCenter"],
  tollFree: ["prefix"],
  order: ["prefix", "city", "state", "zipcode", "lata", "rateCenter"],
} as const satisfies Record<string, readonly (keyof RegionFilters)[]>;

/** The checked region filters `endpoint` takes; any other filter that is set is refused, by name. */
export function v2RegionFields(
  args: RegionFilters,
  endpoint: keyof typeof V2_REGION_FILTERS,
  what: string,
): Record<string, QueryValue> {
  const checked = regionFields(args);
  const allowed: readonly string[] = V2_REGION_FILTERS[endpoint];
  const fields: Record<string, QueryValue> = {};
  for (const [field, value] of Object.entries(checked)) {
    if (value === undefined) continue;
    if (!allowed.includes(field)) {
      throw new InvalidInputError(
        field,
        `CallFire API v2 cannot filter ${what} by ${field} (it takes ${allowed.join(", ")}): leave it out, or use apiVersion "1.1"`,
      );
    }
    fields[field] = value as QueryValue;
  }
  return fields;
}

/** `limit` and `offset` from the client's `maxResults` and `firstResult` (same bounds as API 1.1). */
export function v2Paging(paging: Paging): { limit: number; offset: number } {
  const { maxResults, firstResult } = pagingFields(paging);
  return {
    limit: (maxResults as number | undefined) ?? 1000,
    offset: (firstResult as number | undefined) ?? 0,
  };
}

/** A sound id: v2 wants an integer. */
function soundId(property: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(String(value).trim())) {
    throw new InvalidInputError(
      property,
      `must be a numeric sound id such as "12345", got ${describe(value)}`,
    );
  }
  return Number(value);
}

/** The `callTrackingConfig` of a v2 `NumberConfig` (`record` is v2's `recorded`). */
function trackingBody(tracking: CallTrackingConfig | undefined): Record<string, unknown> {
  return {
    transferNumbers: (tracking?.transferNumbers ?? []).map((number, index) =>
      normalizePhoneNumber(number, `transferNumbers[${index}]`),
    ),
    screen: tracking?.screen,
    recorded: tracking?.record,
    introSoundId: soundId("introSoundId", tracking?.introSoundId),
    whisperSoundId: soundId("whisperSoundId", tracking?.whisperSoundId),
  };
}

/**
 * The two v2 bodies of a configuration: the lease's feature statuses (`PUT /numbers/leases/{number}`) and the
 * inbound `NumberConfig` (`PUT /numbers/leases/configs/{number}`); each is absent when nothing of it is set.
 */
export function configurationBodies(
  number: string,
  configuration: NumberConfiguration,
): { features?: Record<string, unknown>; config?: Record<string, unknown> } {
  const inbound = configuration.inboundCallConfiguration;
  const type = inboundType(configuration);
  const { callFeature, textFeature } = configuration;
  const features =
    callFeature === undefined && textFeature === undefined
      ? undefined
      : { number, callFeatureStatus: callFeature, textFeatureStatus: textFeature };
  if (type === undefined) return { features };
  const config: Record<string, unknown> = { number, configType: type };
  if (type === "TRACKING") config.callTrackingConfig = trackingBody(inbound?.callTrackingConfig);
  if (type === "IVR") config.ivrInboundConfig = { dialplanXml: inbound?.ivrInboundConfig?.dialplanXml };
  return { features, config };
}

/** An instant given as ISO 8601 text or a `Date`, as v2's unix milliseconds. */
export function toMillis(property: string, value: string | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new InvalidInputError(
      property,
      `must be an ISO 8601 time such as "2026-12-02T01:00:00Z" or a Date, got ${describe(value)}`,
    );
  }
  return ms;
}
