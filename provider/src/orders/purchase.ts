/**
 * One purchase: place an order (or resume a journaled or recorded one), wait for it, and say what became of
 * it. Failures that leave nothing bought are thrown; an order still pending when the budget runs out is
 * returned as `pending`, so the caller can record it and resume it next time instead of ordering again.
 */
import type { CallFireClient } from "../client/client.js";
import type { CreateNumberOrderArgs, NumberOrder, NumberOrderItem } from "../client/types.js";
import type { ClaimedEntry, OrderJournal } from "./journal.js";
import { waitForOrder } from "./wait.js";

/** Which item of an order holds the assets. */
export type OrderItemKind = "localNumbers" | "tollFreeNumbers" | "keywords";

/** What to buy and how to recognise it. */
export interface PurchaseRequest {
  /** The CreateNumberOrder arguments. */
  order: CreateNumberOrderArgs;
  /** The order item that carries the asset. */
  item: OrderItemKind;
  /** Words for logs and errors, e.g. `local number in region {"prefix":"1213"}`. */
  description: string;
  /** The journal key of this selection (see `journalKey`). */
  journalKey: string;
}

/** How a purchase ended, when it did not fail. */
export type PurchaseOutcome =
  | { state: "delivered"; orderId: string; assets: string[]; order: NumberOrder }
  | { state: "pending"; orderId: string; status: string; placedAt: string };

/** What a purchase needs from its surroundings. */
export interface PurchaseContext {
  /** The CallFire client. */
  client: CallFireClient;
  /** The journal of orders being waited for. */
  journal: OrderJournal;
  /** How long to wait, in seconds. */
  timeoutSeconds: number;
  /** Progress lines (order id, status, seconds waited). */
  log: (message: string) => void;
}

/** An order that ended without delivering anything: nothing was bought. */
export class OrderFailedError extends Error {
  override name = "OrderFailedError";
  /** The order id. */
  readonly orderId: string;
  /** CallFire's final status, e.g. `ERRORED`. */
  readonly status: string;

  /** Describes the order, its status, and that nothing was bought. */
  constructor(orderId: string, status: string, detail: string) {
    super(`CallFire order ${orderId} ${detail}`);
    this.orderId = orderId;
    this.status = status;
  }
}

/** Places the order (or resumes a journaled one for the same selection) and waits for it. */
export async function purchase(context: PurchaseContext, request: PurchaseRequest): Promise<PurchaseOutcome> {
  let entry = context.journal.claim(request.journalKey);
  if (entry) {
    context.log(
      `resuming order ${entry.orderId} for ${request.description}, placed ${entry.placedAt} (journal)`,
    );
  } else {
    const reference = await context.client.createNumberOrder(request.order);
    entry = context.journal.record(request.journalKey, {
      orderId: reference.id,
      placedAt: new Date().toISOString(),
      description: request.description,
    });
    context.log(`placed order ${reference.id} for ${request.description}`);
  }
  return settle(context, request, entry);
}

/** Resumes an order recorded in state by an earlier create. */
export async function resume(
  context: PurchaseContext,
  request: PurchaseRequest,
  pending: { id: string; placedAt: string },
): Promise<PurchaseOutcome> {
  context.log(`resuming order ${pending.id} for ${request.description}, placed ${pending.placedAt}`);
  return settle(context, request, { orderId: pending.id, placedAt: pending.placedAt });
}

/**
 * Waits for the order; removes its journal entry, if it has one, once the outcome is in the caller's hands.
 * An order resumed from state has none: state already records it.
 */
async function settle(
  context: PurchaseContext,
  request: PurchaseRequest,
  entry: { orderId: string; placedAt: string } | ClaimedEntry,
): Promise<PurchaseOutcome> {
  const journaled = "file" in entry ? entry : undefined;
  let result: Awaited<ReturnType<typeof waitForOrder>>;
  try {
    result = await waitForOrder(context.client, entry.orderId, {
      timeoutMs: context.timeoutSeconds * 1000,
      onProgress: (order, seconds) => context.log(`order ${order.id} ${order.status} after ${seconds} s`),
    });
  } catch (error) {
    if (journaled) context.journal.release(journaled);
    throw error;
  }
  if (journaled) context.journal.remove(journaled);
  const order = result.order;
  if (result.phase === "pending" || !order) {
    return {
      state: "pending",
      orderId: entry.orderId,
      status: order?.status ?? "UNKNOWN",
      placedAt: entry.placedAt,
    };
  }
  if (result.phase === "failed") {
    throw new OrderFailedError(entry.orderId, order.status, `ended ${order.status}; nothing was bought`);
  }
  const item: NumberOrderItem | undefined = order[request.item];
  const assets = item?.fulfilled ?? [];
  if (assets.length === 0) {
    throw new OrderFailedError(
      entry.orderId,
      order.status,
      `finished but delivered nothing (ordered ${item?.ordered ?? 0} ${request.description}); nothing was bought`,
    );
  }
  return { state: "delivered", orderId: entry.orderId, assets, order };
}
