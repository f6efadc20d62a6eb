/**
 * Encodes the state machine's views as CallFire API v2 JSON: camelCase objects, unix-millisecond timestamps,
 * real arrays, and the `Page`, `ItemList` and `ErrorResponse` envelopes.
 */
import type { OrderView } from "../../state/orders";
import type {
  AvailableKeyword,
  AvailableNumber,
  LeaseState,
  NumberConfiguration,
  OrderItem,
  OwnedKeyword,
  OwnedNumber,
  Page,
  Region,
} from "../../state/types";
import type { Reply } from "../reply";

/** `{"items":[...],"limit":L,"offset":O,"totalCount":N}` */
export function pageWire<T>(
  found: Page<T>,
  limit: number,
  offset: number,
  encode: (item: T) => unknown,
): unknown {
  return { items: found.items.map(encode), limit, offset, totalCount: found.total };
}

/** `{"items":[...]}` */
export function itemList<T>(items: T[], encode: (item: T) => unknown): unknown {
  return { items: items.map(encode) };
}

/** A v2 error answer: `{"httpStatusCode":N,"internalCode":0,"message":"..."}`. */
export function errorResponse(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { httpStatusCode: status, internalCode: 0, message }, headers };
}

/** A `Region` (same field names as the state's). */
export function regionWire(region: Region): Record<string, unknown> {
  return { ...region };
}

/** Midnight UTC of a `YYYY-MM-DD` day, in milliseconds. */
function dayMillis(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The lease fields of a `NumberLease` or `KeywordLease`. */
function leaseWire(lease: LeaseState): Record<string, unknown> {
  return {
    leaseBegin: dayMillis(lease.leaseBegin),
    leaseEnd: dayMillis(lease.leaseEnd),
    status: lease.status,
    autoRenew: lease.autoRenew,
  };
}

/** A `Number` (available) or a `NumberLease` (owned: lease, features, and `labels`, always empty here). */
export function numberWire(number: AvailableNumber | OwnedNumber): Record<string, unknown> {
  return {
    number: number.number,
    nationalFormat: number.nationalFormat,
    tollFree: number.tollFree,
    ...(number.region && { region: regionWire(number.region) }),
    ...("configuration" in number && {
      ...leaseWire(number),
      callFeatureStatus: number.configuration.callFeature,
      textFeatureStatus: number.configuration.textFeature,
      labels: [],
    }),
  };
}

/** A `NumberConfig`: the number alone when it has no inbound configuration. */
export function numberConfigWire(
  number: string,
  configuration: NumberConfiguration,
): Record<string, unknown> {
  const { inbound } = configuration;
  if (inbound === null) return { number };
  if (inbound.type === "IVR") {
    return {
      number,
      configType: "IVR",
      ivrInboundConfig: { ...(inbound.dialplanXml !== undefined && { dialplanXml: inbound.dialplanXml }) },
    };
  }
  return {
    number,
    configType: "TRACKING",
    callTrackingConfig: {
      transferNumbers: inbound.transferNumbers,
      screen: inbound.screen,
      recorded: inbound.record,
      ...(inbound.introSoundId !== undefined && { introSoundId: inbound.introSoundId }),
      ...(inbound.whisperSoundId !== undefined && { whisperSoundId: inbound.whisperSoundId }),
    },
  };
}

/** A `Keyword` (available) or a `KeywordLease` (owned). */
export function keywordWire(keyword: AvailableKeyword | OwnedKeyword): Record<string, unknown> {
  return {
    shortCode: keyword.shortCode,
    keyword: keyword.keyword,
    ...("status" in keyword && { ...leaseWire(keyword), labels: [] }),
  };
}

/** A `NumberOrder`: only the kinds ordered; `fulfilled` is always an array. */
export function orderWire(order: OrderView): Record<string, unknown> {
  const item = (value: OrderItem) => ({
    ordered: value.ordered,
    unitCost: value.unitCost,
    fulfilled: value.fulfilled,
  });
  return {
    id: order.id,
    status: order.status,
    created: Math.floor(Date.parse(order.created) / 1000) * 1000, // whole seconds, as CallFire's answers show
    totalCost: order.totalCost,
    ...(order.localNumbers && { localNumbers: item(order.localNumbers) }),
    ...(order.tollFreeNumbers && { tollFreeNumbers: item(order.tollFreeNumbers) }),
    ...(order.keywords && { keywords: item(order.keywords) }),
  };
}
