/**
 * Encodes the state machine's views as CallFire 1.1 JSON: the Resource, ResourceList and ResourceReference
 * envelopes around PascalCase Region, Number, Keyword and NumberOrder objects.
 */
import type { OrderView } from "../state/orders";
import type {
  AvailableKeyword,
  AvailableNumber,
  LeaseState,
  NumberConfiguration,
  OrderItem,
  OwnedKeyword,
  OwnedNumber,
  Region,
} from "../state/types";

/** `{"Resource":{"<type>":{...}}}` */
export function resource(type: string, item: unknown): unknown {
  return { Resource: { [type]: item } };
}

/** `{"ResourceList":{"@totalResults":N,"<type>":[...]}}` (the item key is always an array, `[]` when empty). */
export function resourceList(type: string, totalResults: number, items: unknown[]): unknown {
  return { ResourceList: { "@totalResults": totalResults, [type]: items } };
}

/** `{"ResourceReference":{"Id":N,"Location":"..."}}` */
export function resourceReference(id: number, location: string): unknown {
  return { ResourceReference: { Id: id, Location: location } };
}

/** A `Region` in wire form: codes as strings, coordinates as numbers (as the official Java fixtures have them). */
export function regionWire(region: Region): Record<string, unknown> {
  return {
    Prefix: region.prefix,
    City: region.city,
    State: region.state,
    Zipcode: region.zipcode,
    Country: region.country,
    Lata: region.lata,
    RateCenter: region.rateCenter,
    Latitude: region.latitude,
    Longitude: region.longitude,
    TimeZone: region.timeZone,
  };
}

/** A `Number`: available numbers carry Number/NationalFormat/TollFree/Region; owned ones add Status, LeaseInfo, NumberConfiguration. */
export function numberWire(number: AvailableNumber | OwnedNumber): Record<string, unknown> {
  return {
    Number: number.number,
    NationalFormat: number.nationalFormat,
    TollFree: number.tollFree,
    ...(number.region && { Region: regionWire(number.region) }),
    ...("configuration" in number && {
      Status: number.status,
      LeaseInfo: leaseInfoWire(number),
      NumberConfiguration: configurationWire(number.configuration),
    }),
  };
}

/** A `NumberConfiguration`; the inbound part only when one is set. */
function configurationWire(configuration: NumberConfiguration): Record<string, unknown> {
  const { inbound } = configuration;
  const base = { CallFeature: configuration.callFeature, TextFeature: configuration.textFeature };
  if (inbound === null) return base;
  const inner =
    inbound.type === "TRACKING"
      ? {
          CallTrackingConfig: {
            "@id": inbound.id,
            ...(inbound.transferNumbers.length > 0 && { TransferNumber: inbound.transferNumbers.join(" ") }),
            Screen: inbound.screen,
            Record: inbound.record,
            ...(inbound.introSoundId !== undefined && { IntroSoundId: inbound.introSoundId }),
            ...(inbound.whisperSoundId !== undefined && { WhisperSoundId: inbound.whisperSoundId }),
          },
        }
      : {
          IvrInboundConfig: {
            "@id": inbound.id,
            ...(inbound.dialplanXml !== undefined && { DialplanXml: inbound.dialplanXml }),
          },
        };
  return { ...base, InboundCallConfigurationType: inbound.type, InboundCallConfiguration: inner };
}

/** A `Keyword`: available ones carry ShortCode/Keyword; owned ones add Status and LeaseInfo. */
export function keywordWire(keyword: AvailableKeyword | OwnedKeyword): Record<string, unknown> {
  return {
    ShortCode: keyword.shortCode,
    Keyword: keyword.keyword,
    ...("status" in keyword && { Status: keyword.status, LeaseInfo: leaseInfoWire(keyword) }),
  };
}

/** A `NumberOrder`: only the kinds ordered; `Fulfilled` (space-separated) only once something was delivered. */
export function orderWire(order: OrderView): Record<string, unknown> {
  const item = (value: OrderItem | undefined) =>
    value && {
      Ordered: value.ordered,
      UnitCost: value.unitCost,
      ...(value.fulfilled.length > 0 && { Fulfilled: value.fulfilled.join(" ") }),
    };
  return {
    "@id": order.id,
    Status: order.status,
    Created: `${order.created.slice(0, 19)}Z`,
    TotalCost: order.totalCost,
    ...(order.localNumbers && { LocalNumbers: item(order.localNumbers) }),
    ...(order.tollFreeNumbers && { TollFreeNumbers: item(order.tollFreeNumbers) }),
    ...(order.keywords && { Keywords: item(order.keywords) }),
  };
}

function leaseInfoWire(lease: LeaseState): Record<string, unknown> {
  return { LeaseBegin: `${lease.leaseBegin}Z`, LeaseEnd: `${lease.leaseEnd}Z`, AutoRenew: lease.autoRenew };
}
