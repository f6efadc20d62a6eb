/**
 * Typed access to CallFire request parameters (query string and form body) by their PascalCase wire names.
 */
import { badRequest } from "../state/errors";
import type { Paging, RegionFilter } from "../state/types";

/**
 * Request parameters by their wire names (case-sensitive, PascalCase). Empty values count as absent.
 * When a name repeats, scalar getters take the first value and list getters join them all.
 */
export class Params {
  private readonly values = new Map<string, string[]>();

  /** @param pairs name/value pairs, earlier ones taking precedence for scalar getters. */
  constructor(pairs: Iterable<[string, string]>) {
    for (const [name, value] of pairs) {
      if (value === "") continue;
      this.values.set(name, [...(this.values.get(name) ?? []), value]);
    }
  }

  /** Whether the parameter was sent (with a non-empty value). */
  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The first value, as sent. */
  text(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  /** A list parameter: every value split on spaces and commas; undefined when not sent. */
  list(name: string): string[] | undefined {
    const values = this.values.get(name);
    return values?.flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== "");
  }

  /** An integer; NaN when the value is not one (the account refuses it with a message naming the parameter). */
  integer(name: string): number | undefined {
    const value = this.text(name)?.trim();
    if (value === undefined) return undefined;
    return /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
  }

  /** A decimal number; 400 when the value is not one. */
  float(name: string): number | undefined {
    const value = this.text(name)?.trim();
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw badRequest(`${name} must be a number`);
    return parsed;
  }

  /** A `true`/`false` flag (any case); 400 for anything else. */
  boolean(name: string): boolean | undefined {
    const value = this.text(name)?.trim().toLowerCase();
    if (value === undefined) return undefined;
    if (value !== "true" && value !== "false") throw badRequest(`${name} must be true or false`);
    return value === "true";
  }

  /** The CallFire region filter parameters. */
  regionFilter(): RegionFilter {
    return {
      prefix: this.text("Prefix"),
      city: this.text("City"),
      state: this.text("State"),
      zipcode: this.text("Zipcode"),
      country: this.text("Country"),
      lata: this.text("Lata"),
      rateCenter: this.text("RateCenter"),
      latitude: this.float("Latitude"),
      longitude: this.float("Longitude"),
      timeZone: this.text("TimeZone"),
    };
  }

  /** `MaxResults` and `FirstResult`. */
  paging(): Paging {
    return { maxResults: this.integer("MaxResults"), firstResult: this.integer("FirstResult") };
  }
}
