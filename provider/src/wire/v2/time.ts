/**
 * CallFire API v2 timestamps: integers of unix time in milliseconds, read into the client's 1.1 forms (an ISO
 * 8601 instant, or a `YYYY-MM-DD` day in UTC for lease dates).
 */
import { readNumber } from "../values.js";

/**
 * Milliseconds → ISO 8601, in API 1.1's form when the time is whole seconds (`2026-12-02T01:00:00Z`), with the
 * milliseconds otherwise; anything that is not a time reads as absent.
 */
export function readInstant(value: unknown): string | undefined {
  const ms = readNumber(value);
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.000Z$/, "Z");
}

/** Milliseconds → the UTC day, `YYYY-MM-DD` (the form API 1.1 gives lease dates in). */
export function readDay(value: unknown): string | undefined {
  return readInstant(value)?.slice(0, 10);
}
