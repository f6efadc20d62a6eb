/**
 * One purchase: place an order (or resume a journaled or recorded one), wait for it, and say what became of
 * it. Failures that leave nothing bought are thrown, and so is a lost answer to the order request
 * (`OrderUnconfirmedError`, for the caller to record); an order still pending when the budget runs out, or
 * stopped because the account could not be charged, is returned as `pending`, so the caller can record it and
 * look at it again next time instead of ordering again.
 */
import type { CallFireClient } from "../client/client.js";
import { isAmbiguous, NotFoundError } from "../client/errors.js";
import type { CreateNumberOrderArgs, NumberOrder, NumberOrderItem } from "../client/types.js";
import type { ClaimedEntry, OrderJournal } from "./journal.js";
import { fulfilledAssets } from "./status.js";
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
  /**
   * For an exact asset: looks it up just before a new order is placed (not when a journaled one is resumed) and
   * throws if the account owns it. Its passing is recorded with the order (`JournalEntry.unownedBefore`).
   */
  checkUnowned?: () => Promise<void>;
}

/** How a purchase ended, when it did not fail. */
export type PurchaseOutcome =
  | {
      state: "delivered";
      orderId: string;
      assets: string[];
      order: NumberOrder;
      /** The journal entry to remove once the outcome is in state. */
      journal?: ClaimedEntry;
    }
  | {
      state: "pending";
      orderId: string;
      status: string;
      placedAt: string;
      /** Why the wait ended early, when it was not the time budget. */
      reason?: string;
      /** The journal entry to remove once the outcome is in state. */
      journal?: ClaimedEntry;
    }
  | {
      /**
       * A journal entry shows that an earlier process stopped while its order request was in flight: an order
       * may have been placed, and its id is not known.
       */
      state: "unconfirmed";
      placedAt: string;
      /** The exact asset was not the account's just before the order (see `JournalEntry.unownedBefore`). */
      unownedBefore?: boolean;
      /** The claimed entry, to remove once the outcome is in state. */
      journal: ClaimedEntry;
    };

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
  /** The class name, `OrderFailedError`, shown in stack traces and logs. */
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

/**
 * The order request may have reached CallFire, but its answer was lost (5xx, a dropped connection, a timeout,
 * a garbled reply): an order may exist, and its id is not known. Never retry such a request blindly.
 */
export class OrderUnconfirmedError extends Error {
  /** The class name, `OrderUnconfirmedError`, shown in stack traces and logs. */
  override name = "OrderUnconfirmedError";
  /** When the request was sent, ISO 8601. */
  readonly placedAt: string;
  /** The order's journal entry, kept until the state that records the lost answer is saved. */
  readonly journal?: ClaimedEntry;

  /** Keeps the cause's message, which says that the order may have been placed (see `createNumberOrder`). */
  constructor(placedAt: string, cause: Error, journal?: ClaimedEntry) {
    super(cause.message, { cause });
    this.placedAt = placedAt;
    this.journal = journal;
  }
}

/**
 * Places the order (or resumes a journaled one for the same selection) and waits for it. A `delivered` or
 * `pending` outcome carries its journal entry: the caller removes it once the outcome is in state.
 */
export async function purchase(context: PurchaseContext, request: PurchaseRequest): Promise<PurchaseOutcome> {
  const claimed = await context.journal.claim(request.journalKey);
  if (claimed?.orderId) {
    context.log(
      `resuming order ${claimed.orderId} for ${request.description}, placed ${claimed.placedAt} (journal)`,
    );
    return awaitOutcome(context, request, { ...claimed, orderId: claimed.orderId });
  }
  if (claimed) {
    context.log(
      `an earlier run stopped while ordering ${request.description} at ${claimed.placedAt}, before CallFire answered (journal)`,
    );
    return {
      state: "unconfirmed",
      placedAt: claimed.placedAt,
      unownedBefore: claimed.unownedBefore,
      journal: claimed,
    };
  }
  await request.checkUnowned?.();
  const placedAt = new Date().toISOString();
  const intent = await context.journal.begin(request.journalKey, {
    placedAt,
    description: request.description,
    unownedBefore: request.checkUnowned ? true : undefined,
  });
  let reference: { id: string };
  try {
    reference = await context.client.createNumberOrder(request.order);
  } catch (error) {
    // A lost answer goes to state with the error the caller makes of it, and the entry stays until that state is
    // saved. A refusal bought nothing: its entry has done its job.
    if (isAmbiguous(error)) {
      context.journal.letGo(intent);
      throw new OrderUnconfirmedError(placedAt, error as Error, intent);
    }
    await context.journal.remove(intent);
    throw error;
  }
  context.log(`placed order ${reference.id} for ${request.description}`);
  let entry: ClaimedEntry;
  try {
    entry = await context.journal.record(intent, reference.id);
  } catch (error) {
    const reason = `the order journal could not be written (${(error as Error).message})`;
    return {
      state: "pending",
      orderId: reference.id,
      status: "PROCESSING",
      placedAt,
      reason,
      journal: intent,
    };
  }
  return awaitOutcome(context, request, { ...entry, orderId: reference.id }, true);
}

/**
 * Resumes a known order: one recorded in state by an earlier create (state records it, so it is not journaled),
 * or one CallFire's order listing showed for a lost answer, with the journal `entry` that now carries its id.
 */
export async function resume(
  context: PurchaseContext,
  request: PurchaseRequest,
  pending: { id: string; placedAt: string },
  entry?: ClaimedEntry,
): Promise<PurchaseOutcome> {
  context.log(`resuming order ${pending.id} for ${request.description}, placed ${pending.placedAt}`);
  return awaitOutcome(context, request, { ...entry, orderId: pending.id, placedAt: pending.placedAt });
}

/**
 * Waits for the order. An order that bought nothing is thrown as `OrderFailedError` (its journal entry is
 * removed: there is nothing to track). A wait that ran out, or failed for a reason that does not end the
 * order, is `pending` with the reason, so that the order id reaches state.
 */
async function awaitOutcome(
  context: PurchaseContext,
  request: PurchaseRequest,
  entry: { orderId: string; placedAt: string } | (ClaimedEntry & { orderId: string }),
  justPlaced = false,
): Promise<PurchaseOutcome> {
  const journal = "file" in entry ? entry : undefined;
  const pending = (status: string, reason?: string): PurchaseOutcome => ({
    state: "pending",
    orderId: entry.orderId,
    status,
    placedAt: entry.placedAt,
    reason,
    journal,
  });
  let result: Awaited<ReturnType<typeof waitForOrder>>;
  try {
    result = await waitForOrder(context.client, entry.orderId, {
      timeoutMs: context.timeoutSeconds * 1000,
      justPlaced,
      onProgress: (order, seconds) => context.log(`order ${order.id} ${order.status} after ${seconds} s`),
    });
  } catch (error) {
    const unknown =
      error instanceof NotFoundError
        ? ". CallFire does not know this order: if the account or callfire:baseUrl changed since it was placed, " +
          "remove the resource from the program (its delete succeeds with a warning)"
        : "";
    return pending("UNKNOWN", `waiting for it failed: ${(error as Error).message}${unknown}`);
  }
  const order = result.order;
  if (result.phase === "pending" || !order) return pending(order?.status ?? "UNKNOWN");
  if (result.phase === "unpaid") {
    return pending(
      order.status,
      "CallFire could not charge the account for it, so it delivered nothing. It is not ordered again: if CallFire " +
        "completed it after a payment fix, the account would have two. Fix the payment method and run pulumi up " +
        "again (it looks at this order again); or, if the order is cancelled in the CallFire account, remove the " +
        "resource from the program (its delete succeeds) and add it back to order anew",
    );
  }
  const item: NumberOrderItem | undefined = order[request.item];
  const assets = fulfilledAssets(order, request.item === "keywords" ? "keywords" : "numbers");
  if (result.phase === "failed" || assets.length === 0) {
    if (journal) await context.journal.remove(journal);
    throw new OrderFailedError(
      entry.orderId,
      order.status,
      result.phase === "failed"
        ? `ended ${order.status}; nothing was bought`
        : `finished but delivered nothing (ordered ${item?.ordered ?? 0} ${request.description}); nothing was bought`,
    );
  }
  return { state: "delivered", orderId: entry.orderId, assets, order, journal };
}
