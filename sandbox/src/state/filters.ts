/**
 * Region filters and paging for queries and searches: validating them, matching regions and numbers, and
 * cutting one page.
 */
import { badRequest } from "./errors";
import type { AvailableNumber, Page, Paging, Region, RegionFilter } from "./types";

/** The largest page CallFire serves (and the default page size). */
const MAX_PAGE_SIZE = 1000;

/**
 * The largest SearchAvailableNumbers `Count`. CallFire documents none; this is the cap of its other result lists
 * (`MaxResults`), and the one pulumi-callfire's client enforces.
 */
export const MAX_SEARCH_COUNT = MAX_PAGE_SIZE;

/** Refuses a filter whose `prefix` is not 1 to 11 digits (a leading `+` is allowed). */
export function validateRegionFilter(filter: RegionFilter): void {
  if (filter.prefix !== undefined && !/^\+?\d{1,11}$/.test(filter.prefix)) {
    throw badRequest(`Prefix must be 1 to 11 digits: ${filter.prefix}`);
  }
}

/** Whether a region passes the filter; `prefix` matches regions whose prefix starts with the given digits. */
export function regionMatches(region: Region, filter: RegionFilter): boolean {
  return (
    (filter.prefix === undefined || region.prefix.startsWith(digits(filter.prefix))) &&
    fieldsMatch(region, filter)
  );
}

/**
 * A test for numbers passing the filter: `prefix` is matched against the number itself, the other fields
 * against its region (toll-free numbers have none, so any field other than `prefix` excludes them). The filter
 * is read once, not once per number: searches and bulk orders run it over the whole inventory.
 */
export function numberFilter(filter: RegionFilter): (number: AvailableNumber) => boolean {
  const prefix = filter.prefix === undefined ? undefined : digits(filter.prefix);
  const needsRegion = Object.entries(filter).some(([key, value]) => key !== "prefix" && value !== undefined);
  return (number) =>
    (prefix === undefined || number.number.startsWith(prefix)) &&
    (!needsRegion || (number.region !== undefined && fieldsMatch(number.region, filter)));
}

/** The first `count` items of `items` that `keep` accepts (all by default), reading no further. */
export function first<T>(items: Iterable<T>, count: number, keep: (item: T) => boolean = () => true): T[] {
  const taken: T[] = [];
  if (count <= 0) return taken;
  for (const item of items) {
    if (!keep(item)) continue;
    taken.push(item);
    if (taken.length === count) break;
  }
  return taken;
}

/** Validates paging and cuts one page out of `items`. */
export function page<T>(items: T[], paging: Paging): Page<T> {
  const maxResults = paging.maxResults ?? MAX_PAGE_SIZE;
  const firstResult = paging.firstResult ?? 0;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_PAGE_SIZE) {
    throw badRequest(`MaxResults must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (!Number.isInteger(firstResult) || firstResult < 0) {
    throw badRequest("FirstResult must be an integer, 0 or more");
  }
  return { total: items.length, items: items.slice(firstResult, firstResult + maxResults) };
}

function fieldsMatch(region: Region, filter: RegionFilter): boolean {
  return (
    textMatches(region.city, filter.city) &&
    textMatches(region.state, filter.state) &&
    textMatches(region.zipcode, filter.zipcode) &&
    textMatches(region.country, filter.country) &&
    textMatches(region.lata, filter.lata) &&
    textMatches(region.rateCenter, filter.rateCenter) &&
    textMatches(region.timeZone, filter.timeZone) &&
    (filter.latitude === undefined || region.latitude === filter.latitude) &&
    (filter.longitude === undefined || region.longitude === filter.longitude)
  );
}

function textMatches(actual: string, wanted: string | undefined): boolean {
  return wanted === undefined || actual.toLowerCase() === wanted.toLowerCase();
}

function digits(prefix: string): string {
  return prefix.replace(/^\+/, "");
}
