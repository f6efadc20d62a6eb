/**
 * The seeded inventory: the fixed regions, the local and toll-free numbers a seed generates, the keywords no
 * one can order, and helpers for inventory numbers.
 */
import { sampleDistinct, seededRandom } from "./random";
import type { AvailableNumber, Region } from "./types";

/** The short code every sandbox keyword lives on. */
export const SHORT_CODE = "67076";

/** Keywords owned by other accounts: never available. */
export const TAKEN_KEYWORDS: readonly string[] = [
  "STOP",
  "HELP",
  "INFO",
  "CANCEL",
  "END",
  "QUIT",
  "UNSUBSCRIBE",
  "STOPALL",
];

/** How many local numbers each region offers. */
const LOCAL_NUMBERS_PER_REGION = 200;

/** How many toll-free numbers the inventory offers. */
const TOLL_FREE_NUMBERS = 100;

/** The toll-free prefixes the inventory draws from. */
export const TOLL_FREE_PREFIXES: readonly string[] = ["1800555", "1888555", "1877555"];

/** The sandbox regions (fixed; the seed only picks which numbers exist). */
export const REGIONS: readonly Region[] = [
  region("1213555", "LOS ANGELES", "CA", "90012", "730", "LSAN DA 01", 34.05, -118.24, "America/Los_Angeles"),
  region("1619555", "SAN DIEGO", "CA", "92101", "732", "SNDG CNTRL", 32.72, -117.16, "America/Los_Angeles"),
  region("1212555", "NEW YORK", "NY", "10001", "132", "NWYRCYZN01", 40.75, -73.99, "America/New_York"),
  region("1312555", "CHICAGO", "IL", "60601", "358", "CHICAGO", 41.88, -87.62, "America/Chicago"),
  region("1713555", "HOUSTON", "TX", "77002", "560", "HOUSTON", 29.76, -95.36, "America/Chicago"),
  region("1214555", "DALLAS", "TX", "75201", "552", "DALLAS", 32.78, -96.8, "America/Chicago"),
  region("1206555", "SEATTLE", "WA", "98101", "674", "SEATTLE", 47.61, -122.33, "America/Los_Angeles"),
  region("1305555", "MIAMI", "FL", "33131", "460", "MIAMI", 25.76, -80.19, "America/New_York"),
];

/** Every number that exists in the sandbox, generated from a seed. */
export interface Inventory {
  /** Every number (local and toll-free) by its 11 digits. */
  byNumber: ReadonlyMap<string, AvailableNumber>;
  /** Local numbers, sorted. */
  local: readonly AvailableNumber[];
  /** Toll-free numbers, sorted. */
  tollFree: readonly AvailableNumber[];
}

/** Generates the inventory for `seed`: the same seed always gives the same numbers. */
export function generateInventory(seed: number): Inventory {
  const random = seededRandom(seed);
  const local = REGIONS.flatMap((r) =>
    sampleDistinct(random, 10_000, LOCAL_NUMBERS_PER_REGION).map((index) => ({
      number: r.prefix + pad4(index),
      nationalFormat: nationalFormat(r.prefix + pad4(index)),
      tollFree: false,
      region: r,
    })),
  );
  const tollFree = sampleDistinct(random, TOLL_FREE_PREFIXES.length * 10_000, TOLL_FREE_NUMBERS)
    .map((index) => TOLL_FREE_PREFIXES[Math.floor(index / 10_000)] + pad4(index % 10_000))
    .map((number) => ({ number, nationalFormat: nationalFormat(number), tollFree: true }));
  const sorted = (list: AvailableNumber[]) => list.sort((a, b) => a.number.localeCompare(b.number));
  const all = [...local, ...tollFree];
  return {
    byNumber: new Map(all.map((n) => [n.number, n])),
    local: sorted(local),
    tollFree: sorted(tollFree),
  };
}

/** US national format of an 11-digit number: `12135550123` → `(213) 555-0123`. */
function nationalFormat(number: string): string {
  return `(${number.slice(1, 4)}) ${number.slice(4, 7)}-${number.slice(7)}`;
}

/** A copy of an inventory number (its region too) that the caller may change without touching the inventory. */
export function copyNumber(n: AvailableNumber): AvailableNumber {
  return n.region ? { ...n, region: { ...n.region } } : { ...n };
}

/** A number as a caller gives it, without surrounding spaces or a leading `+`: the form the inventory uses. */
export function stripPlus(number: string): string {
  return number.trim().replace(/^\+/, "");
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}

function region(
  prefix: string,
  city: string,
  state: string,
  zipcode: string,
  lata: string,
  rateCenter: string,
  latitude: number,
  longitude: number,
  timeZone: string,
): Region {
  return { prefix, city, state, zipcode, country: "US", lata, rateCenter, latitude, longitude, timeZone };
}
