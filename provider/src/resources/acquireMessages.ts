/**
 * The words `acquire` uses when an asset cannot simply be bought: a released asset that has not lapsed, and an
 * order whose answer was lost. Kept apart so that `acquire.ts` reads as the flow it is.
 */
import type { LeaseInfo } from "../client/types.js";
import type { PendingOrder } from "./inputs.js";

/** How long before an order a lease must have begun to count as owned before it, despite time zones. */
const LEASE_DATE_SLACK_MS = 2 * 24 * 3600_000;

/**
 * The error for an asset the account still holds but has released: it lapses when its lease ends, CallFire's
 * 1.1 API cannot turn renewal back on, so it can neither be adopted nor bought until the lock-out is over.
 */
export function releasedError(noun: string, asset: string, lease: LeaseInfo): Error {
  const until = lease.leaseEnd ? ` on ${lease.leaseEnd}` : "";
  const again = lease.leaseEnd ? `from ${addMonth(lease.leaseEnd)}` : "a month after its lease ends";
  return new Error(
    `${noun} ${asset} was released: auto-renew is off and it leaves the account when its lease ends${until}. ` +
      `It cannot be adopted (CallFire's 1.1 API cannot turn renewal back on) and can be ordered again ${again}. ` +
      `Choose another ${noun}.`,
  );
}

/**
 * Whether a lease began well before an order was placed: two days or more, so that no time zone of CallFire's
 * lease dates can make the order's own purchase look older.
 */
export function ownedBefore(lease: LeaseInfo, placedAt: string): boolean {
  const begun = Date.parse(lease.leaseBegin?.slice(0, 10) ?? "");
  return Number.isFinite(begun) && begun + LEASE_DATE_SLACK_MS <= Date.parse(placedAt);
}

/** Advice for a bulk order whose answer was lost: it cannot be matched to a number safely. */
export function unconfirmedAdvice(noun: string, pending: PendingOrder): string {
  return (
    `an order for this ${noun} may have been placed at ${pending.placedAt}, but CallFire's answer was lost. ` +
    "To never buy twice it is not ordered again. Look in the CallFire account for a number bought then: if there is " +
    "one, set `number` to it with `adoptExisting: true`; if not, remove this resource from the stack and add it back"
  );
}

/** `YYYY-MM-DD` plus one calendar month (clamped to the month's last day). */
function addMonth(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date, last))).toISOString().slice(0, 10);
}
