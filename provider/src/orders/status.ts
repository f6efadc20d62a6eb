/**
 * What an order status means for a caller that waits on it. CallFire documents only `FINISHED` and `ERRORED`
 * as terminal; later revisions added failure states. Anything unknown is treated as still in progress, bounded
 * by the caller's wait budget, so a new status never turns into a false success or a false failure.
 */
import type { NumberOrder, OrderStatus } from "../client/types.js";

/**
 * The four things a status can mean. `unpaid`: CallFire could not charge the account; the order delivers
 * nothing now, but nothing says it never will (a fixed payment method might complete it), so it is neither
 * failed nor worth waiting for.
 */
export type OrderPhase = "finished" | "failed" | "unpaid" | "pending";

/** Statuses after which the order will never deliver anything. */
const FAILED: ReadonlySet<string> = new Set(["ERRORED", "VOID", "REJECTED"]);

/** Statuses of an order stopped because the account could not be charged. */
const UNPAID: ReadonlySet<string> = new Set(["PAYMENT_ERROR", "ACH_ERROR"]);

/**
 * What an order delivered: its numbers (local and toll-free, since CallFire may file a number under either), or
 * its keywords; every asset when `kind` is not given.
 */
export function fulfilledAssets(order: NumberOrder, kind?: "numbers" | "keywords"): string[] {
  const items =
    kind === "numbers"
      ? [order.localNumbers, order.tollFreeNumbers]
      : kind === "keywords"
        ? [order.keywords]
        : [order.localNumbers, order.tollFreeNumbers, order.keywords];
  return items.flatMap((item) => item?.fulfilled ?? []);
}

/** Classifies an order status. */
export function orderPhase(status: OrderStatus): OrderPhase {
  if (status === "FINISHED") return "finished";
  if (UNPAID.has(status)) return "unpaid";
  return FAILED.has(status) ? "failed" : "pending";
}
