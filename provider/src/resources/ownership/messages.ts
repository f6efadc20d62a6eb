/**
 * The words `acquire` uses when an asset cannot simply be taken: a released asset that has not lapsed, an
 * order whose answer was lost, and an asset other resources hold. Kept apart so that `acquire.ts` reads as the
 * flow it is.
 */
import type { LeaseInfo } from "../../client/types.js";
import type { PendingOrder } from "../inputs.js";
import type { Holder } from "./holders.js";

/**
 * The error for an asset the account still holds but has released: it lapses when its lease ends, CallFire's
 * 1.1 API cannot turn renewal back on, so it can neither be adopted nor bought until the lock-out is over.
 */
export function releasedError(noun: string, asset: string, lease: Pick<LeaseInfo, "leaseEnd">): Error {
  const until = lease.leaseEnd ? ` on ${lease.leaseEnd}` : "";
  const again = lease.leaseEnd ? `from ${addMonth(lease.leaseEnd)}` : "a month after its lease ends";
  return new Error(
    `${noun} ${asset} was released: auto-renew is off and it leaves the account when its lease ends${until}. ` +
      `It cannot be adopted (CallFire's 1.1 API cannot turn renewal back on) and can be ordered again ${again}. ` +
      `Choose another ${noun}.`,
  );
}

/** The resources that hold an asset, for messages. */
export function holderNames(holders: Holder[]): string {
  return holders.map((holder) => holder.resource).join(", ");
}

/** The error for an exact asset the account owns, asked for without `adoptExisting`. */
export function ownedError(noun: string, asset: string): Error {
  return new Error(
    `${noun} ${asset} is already owned by this CallFire account; nothing was ordered. To manage it with Pulumi ` +
      "instead of buying it, set adoptExisting: true.",
  );
}

/**
 * Why a lost answer's order cannot be shown to have bought an asset the account owns: another resource here
 * holds it, or the asset was not looked up before the order. Nothing is taken, bought or released.
 */
export function unprovenAdvice(
  noun: string,
  asset: string,
  pending: PendingOrder,
  holders: Holder[],
): string {
  const why =
    holders.length > 0
      ? `${holderNames(holders)} already hold${holders.length === 1 ? "s" : ""} it`
      : "nothing shows that the account did not own it before that order";
  return (
    `the answer to the order for ${noun} ${asset} placed at ${pending.placedAt} was lost, and the account owns ` +
    `${asset}, but ${why}: it is not taken as this resource's, and nothing was ordered or released. If this ` +
    `resource should manage ${asset} too, set adoptExisting: true (a shared ${noun} is released only once no ` +
    `resource holds it); otherwise choose another ${noun}, or remove this resource (its delete releases nothing)`
  );
}

/** Advice for a bulk order whose answer was lost: it cannot be matched to a number safely. */
export function unconfirmedAdvice(noun: string, pending: PendingOrder): string {
  return (
    `an order for this ${noun} may have been placed at ${pending.placedAt}, but CallFire's answer was lost. ` +
    "To never buy twice it is not ordered again. Look in the CallFire account for a number bought then: if there is " +
    "one, set `number` to it with `adoptExisting: true`; if not, remove this resource from the stack and add it back"
  );
}

/** Advice for a lost answer whose order CallFire's listing (API v2) shows several candidates for. */
export function candidatesAdvice(noun: string, pending: PendingOrder, candidates: string[]): string {
  return (
    `the answer to the order for this ${noun} placed at ${pending.placedAt} was lost, and CallFire lists ` +
    `${candidates.length} orders it could be (${candidates.join(", ")}) that nothing here accounts for. To never buy ` +
    "twice nothing is ordered, taken or released. Look at those orders in the CallFire account: set `number` or " +
    "`keyword` to what this resource's order bought with `adoptExisting: true`; if none is this resource's, " +
    "remove this resource from the stack and add it back"
  );
}

/** Advice for a lost answer whose order CallFire's listing (API v2) could not be read. */
export function listingFailedAdvice(noun: string, pending: PendingOrder, error: Error): string {
  return (
    `the answer to the order for this ${noun} placed at ${pending.placedAt} was lost, and CallFire's order ` +
    `listing could not be read (${error.message}). It is recorded in state; nothing is ordered again, and the ` +
    "next pulumi up looks at the listing again"
  );
}

/** `YYYY-MM-DD` plus one calendar month (clamped to the month's last day). */
function addMonth(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date, last))).toISOString().slice(0, 10);
}
