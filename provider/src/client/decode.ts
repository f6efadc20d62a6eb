/**
 * Maps CallFire 1.1 JSON payloads (PascalCase, tolerant forms) to the client's camelCase types.
 */
import {
  compact,
  readAttribute,
  readBoolean,
  readDate,
  readNumber,
  readObject,
  readString,
  readStringList,
  type WireObject,
} from "../wire/values.js";
import type {
  CallFireKeyword,
  CallFireNumber,
  InboundCallConfiguration,
  LeaseInfo,
  NumberConfiguration,
  NumberOrder,
  NumberOrderItem,
  Region,
} from "./types.js";

/** Decodes a `Region`. */
export function decodeRegion(wire: WireObject): Region {
  return compact({
    prefix: readString(wire.Prefix),
    city: readString(wire.City),
    state: readString(wire.State),
    zipcode: readString(wire.Zipcode),
    country: readString(wire.Country),
    lata: readString(wire.Lata),
    rateCenter: readString(wire.RateCenter),
    latitude: readNumber(wire.Latitude),
    longitude: readNumber(wire.Longitude),
    timeZone: readString(wire.TimeZone),
  });
}

/** Decodes a `LeaseInfo`; a missing `AutoRenew` reads as `false`. */
function decodeLeaseInfo(wire: WireObject): LeaseInfo {
  return compact({
    leaseBegin: readDate(wire.LeaseBegin),
    leaseEnd: readDate(wire.LeaseEnd),
    autoRenew: readBoolean(wire.AutoRenew) ?? false,
  });
}

/** Decodes the inbound call configuration choice. */
function decodeInbound(wire: WireObject): InboundCallConfiguration {
  const tracking = readObject(wire.CallTrackingConfig);
  const ivr = readObject(wire.IvrInboundConfig);
  return compact({
    callTrackingConfig: tracking
      ? compact({
          id: readString(readAttribute(tracking, "id")),
          transferNumbers: readStringList(tracking.TransferNumber ?? tracking.TransferNumbers),
          screen: readBoolean(tracking.Screen),
          record: readBoolean(tracking.Record),
          introSoundId: readString(tracking.IntroSoundId),
          whisperSoundId: readString(tracking.WhisperSoundId),
        })
      : undefined,
    ivrInboundConfig: ivr
      ? compact({ id: readString(readAttribute(ivr, "id")), dialplanXml: readString(ivr.DialplanXml) })
      : undefined,
  });
}

/** Decodes a `NumberConfiguration`. */
function decodeConfiguration(wire: WireObject): NumberConfiguration {
  const inbound = readObject(wire.InboundCallConfiguration);
  return compact({
    callFeature: readString(wire.CallFeature),
    textFeature: readString(wire.TextFeature),
    inboundCallConfigurationType: readString(wire.InboundCallConfigurationType),
    inboundCallConfiguration: inbound ? decodeInbound(inbound) : undefined,
  });
}

/** Decodes a `Number`, available or owned. */
export function decodeNumber(wire: WireObject): CallFireNumber {
  const region = readObject(wire.Region);
  const lease = readObject(wire.LeaseInfo);
  const configuration = readObject(wire.NumberConfiguration);
  return compact({
    number: readString(wire.Number) ?? "",
    nationalFormat: readString(wire.NationalFormat) ?? "",
    tollFree: readBoolean(wire.TollFree) ?? false,
    region: region ? decodeRegion(region) : undefined,
    status: readString(wire.Status),
    leaseInfo: lease ? decodeLeaseInfo(lease) : undefined,
    numberConfiguration: configuration ? decodeConfiguration(configuration) : undefined,
  });
}

/** Decodes a `Keyword`. */
export function decodeKeyword(wire: WireObject): CallFireKeyword {
  const lease = readObject(wire.LeaseInfo);
  return compact({
    shortCode: readString(wire.ShortCode) ?? "",
    keyword: readString(wire.Keyword) ?? "",
    status: readString(wire.Status),
    leaseInfo: lease ? decodeLeaseInfo(lease) : undefined,
  });
}

/** Decodes one `NumberOrderItem`, if present. */
function decodeOrderItem(value: unknown): NumberOrderItem | undefined {
  const wire = readObject(value);
  if (!wire) return undefined;
  return {
    ordered: readNumber(wire.Ordered) ?? 0,
    unitCost: readNumber(wire.UnitCost) ?? 0,
    fulfilled: readStringList(wire.Fulfilled),
  };
}

/** Decodes a `NumberOrder`. */
export function decodeNumberOrder(wire: WireObject): NumberOrder {
  return compact({
    id: readString(readAttribute(wire, "id")) ?? "",
    status: readString(wire.Status) ?? "",
    created: readString(wire.Created) ?? "",
    totalCost: readNumber(wire.TotalCost) ?? 0,
    localNumbers: decodeOrderItem(wire.LocalNumbers),
    tollFreeNumbers: decodeOrderItem(wire.TollFreeNumbers),
    keywords: decodeOrderItem(wire.Keywords),
  });
}
