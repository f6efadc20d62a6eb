/**
 * Validates a CreateNumberOrder request and decides what the order reserves from what is available now.
 */
import { badRequest } from "./errors";
import { first, validateRegionFilter } from "./filters";
import { UNIT_COSTS } from "./orders";
import type { OrderItem, OrderKind, OrderRequest, RegionFilter } from "./types";

/** The largest bulk count (`localCount`, `tollFreeCount`) the sandbox accepts. */
const MAX_COUNT = 500;

/** Keywords: 2 to 64 letters or digits, upper case once normalized. */
export const KEYWORD_PATTERN = /^[A-Z0-9]{2,64}$/;

const NUMBER_PATTERN = /^\d{11}$/;

/** What the inventory can tell an order plan, as of now (reservations of pending orders included). */
export interface Availability {
  /** Whether this number can be ordered. */
  number(number: string): boolean;
  /** Whether this (upper-case) keyword can be ordered. */
  keyword(keyword: string): boolean;
  /** Whether this inventory number is toll-free. */
  tollFree(number: string): boolean;
  /** Orderable numbers of one kind matching `filter`, sorted, found lazily (a bulk order takes the first few). */
  candidates(tollFree: boolean, filter: RegionFilter): Iterable<string>;
}

/**
 * Validates a CreateNumberOrder request and decides what the order reserves, per kind. Explicit
 * numbers and keywords must all be available (else 400 naming them, nothing reserved); bulk counts
 * take what matching inventory exists, but refuse when there is none.
 */
export function planOrder(
  request: OrderRequest,
  available: Availability,
): Partial<Record<OrderKind, OrderItem>> {
  const numbers = unique((request.numbers ?? []).map((n) => n.trim().replace(/^\+/, "")));
  const keywords = unique((request.keywords ?? []).map((k) => k.trim().toUpperCase()));
  const localCount = bulkCount(request.localCount, "localCount");
  const tollFreeCount = bulkCount(request.tollFreeCount, "tollFreeCount");
  const region = request.region ?? {};
  if (numbers.length + keywords.length + localCount + tollFreeCount === 0) {
    throw badRequest("nothing to order: give Numbers, Keywords, localCount or tollFreeCount");
  }
  refuseListed("invalid numbers (11 digits expected)", numbers, (n) => !NUMBER_PATTERN.test(n));
  refuseListed(
    "invalid keywords (2 to 64 letters or digits expected)",
    keywords,
    (k) => !KEYWORD_PATTERN.test(k),
  );
  if (localCount > 0) validateRegionFilter(region);
  const unavailable = [
    ...listed("unavailable numbers", numbers, (n) => !available.number(n)),
    ...listed("unavailable keywords", keywords, (k) => !available.keyword(k)),
  ];
  if (unavailable.length > 0) throw badRequest(unavailable.join("; "));

  const pick = (tollFree: boolean, filter: RegionFilter, count: number, none: string) => {
    if (count === 0) return [];
    const picked = first(available.candidates(tollFree, filter), count, (n) => !numbers.includes(n));
    if (picked.length === 0) throw badRequest(none);
    return picked;
  };
  const bulkLocal = pick(false, region, localCount, "no numbers available for the requested region");
  const bulkTollFree = pick(true, {}, tollFreeCount, "no toll-free numbers available");

  const items: Partial<Record<OrderKind, OrderItem>> = {};
  const add = (kind: OrderKind, explicit: string[], bulk: string[], count: number) => {
    if (explicit.length + count === 0) return;
    const reserved = [...explicit, ...bulk];
    items[kind] = { ordered: explicit.length + count, unitCost: UNIT_COSTS[kind], reserved, fulfilled: [] };
  };
  const isTollFree = (n: string) => available.tollFree(n);
  add(
    "localNumbers",
    numbers.filter((n) => !isTollFree(n)),
    bulkLocal,
    localCount,
  );
  add("tollFreeNumbers", numbers.filter(isTollFree), bulkTollFree, tollFreeCount);
  add("keywords", keywords, [], 0);
  return items;
}

function bulkCount(value: number | undefined, param: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) {
    throw badRequest(`${param} must be an integer from 0 to ${MAX_COUNT}`);
  }
  return value;
}

function refuseListed(label: string, items: string[], bad: (item: string) => boolean): void {
  const message = listed(label, items, bad);
  if (message.length > 0) throw badRequest(message[0]);
}

function listed(label: string, items: string[], bad: (item: string) => boolean): string[] {
  const found = items.filter(bad);
  return found.length > 0 ? [`${label}: ${found.join(" ")}`] : [];
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ""))];
}
