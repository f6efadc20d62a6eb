/**
 * Maps CallFire API v2 JSON (camelCase, millisecond timestamps, real arrays) to the client's types, the same
 * ones API 1.1 answers decode to. Fields the client has no place for (`labels`, `voicemail`, `weeklySchedule`,
 * later additions) are left out; missing optional fields stay absent.
 */
import { readDay, readInstant } from "../../wire/v2/time.js";
import {
  compact,
  readBoolean,
  readNumber,
  readObject,
  readString,
  readStringList,
  type WireObject,
} from "../../wire/values.js";
import type {
  CallFireKeyword,
  CallFireNumber,
  InboundCallConfiguration,
  LeaseInfo,
  NumberConfiguration,
  NumberOrder,
  NumberOrderItem,
  Region,
} from "../types.js";

/** Decodes a v2 `Region` (its field names are the client's). */
export function decodeRegion(wire: WireObject): Region {
  return compact({
    prefix: readString(wire.prefix),
    city: readString(wire.city),
    state: readString(wire.state),
    zipcode: readString(wire.zipcode),
    country: readString(wire.country),
    lata: readString(wire.lata),
    rateCenter: readString(wire.rateCenter),
    latitude: readNumber(wire.latitude),
    longitude: readNumber(wire.longitude),
    timeZone: readString(wire.timeZone),
  });
}

/** The lease of a `NumberLease` or `KeywordLease`, when it carries one; a missing `autoRenew` reads as `false`. */
function decodeLease(wire: WireObject): LeaseInfo | undefined {
  if (wire.leaseBegin === undefined && wire.leaseEnd === undefined && wire.autoRenew === undefined)
    return undefined;
  return compact({
    leaseBegin: readDay(wire.leaseBegin),
    leaseEnd: readDay(wire.leaseEnd),
    autoRenew: readBoolean(wire.autoRenew) ?? false,
  });
}

/** Decodes a v2 `Number` (available) or `NumberLease` (owned; its features become `numberConfiguration`). */
export function decodeNumber(wire: WireObject): CallFireNumber {
  const region = readObject(wire.region);
  const callFeature = readString(wire.callFeatureStatus);
  const textFeature = readString(wire.textFeatureStatus);
  return compact({
    number: readString(wire.number) ?? "",
    nationalFormat: readString(wire.nationalFormat) ?? "",
    tollFree: readBoolean(wire.tollFree) ?? false,
    region: region ? decodeRegion(region) : undefined,
    status: readString(wire.status),
    leaseInfo: decodeLease(wire),
    numberConfiguration:
      callFeature === undefined && textFeature === undefined
        ? undefined
        : compact({ callFeature, textFeature }),
  });
}

/** Decodes a v2 `NumberConfig` into the inbound part of a `NumberConfiguration`. */
export function decodeNumberConfig(wire: WireObject): NumberConfiguration {
  const tracking = readObject(wire.callTrackingConfig);
  const ivr = readObject(wire.ivrInboundConfig);
  const inbound: InboundCallConfiguration = compact({
    callTrackingConfig: tracking
      ? compact({
          id: readString(tracking.id),
          transferNumbers: readStringList(tracking.transferNumbers),
          screen: readBoolean(tracking.screen),
          record: readBoolean(tracking.recorded),
          introSoundId: readString(tracking.introSoundId),
          whisperSoundId: readString(tracking.whisperSoundId),
        })
      : undefined,
    ivrInboundConfig: ivr
      ? compact({ id: readString(ivr.id), dialplanXml: readString(ivr.dialplanXml) })
      : undefined,
  });
  const type = readString(wire.configType);
  return compact({
    inboundCallConfigurationType: type,
    inboundCallConfiguration: Object.keys(inbound).length > 0 ? inbound : undefined,
  });
}

/** Decodes a v2 `Keyword` (available) or `KeywordLease` (owned). */
export function decodeKeyword(wire: WireObject): CallFireKeyword {
  return compact({
    shortCode: readString(wire.shortCode) ?? "",
    keyword: readString(wire.keyword) ?? "",
    status: readString(wire.status),
    leaseInfo: decodeLease(wire),
  });
}

/** Decodes one `NumberOrderItem`, if present. */
function decodeOrderItem(value: unknown): NumberOrderItem | undefined {
  const wire = readObject(value);
  if (!wire) return undefined;
  return {
    ordered: readNumber(wire.ordered) ?? 0,
    unitCost: readNumber(wire.unitCost) ?? 0,
    fulfilled: readStringList(wire.fulfilled),
  };
}

/** Decodes a v2 `NumberOrder`; `created` (milliseconds) becomes ISO 8601 as in API 1.1. */
export function decodeNumberOrder(wire: WireObject): NumberOrder {
  return compact({
    id: readString(wire.id) ?? "",
    status: readString(wire.status) ?? "",
    created: readInstant(wire.created) ?? "",
    totalCost: readNumber(wire.totalCost) ?? 0,
    localNumbers: decodeOrderItem(wire.localNumbers),
    tollFreeNumbers: decodeOrderItem(wire.tollFreeNumbers),
    keywords: decodeOrderItem(wire.keywords),
  });
}
