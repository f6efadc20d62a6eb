/**
 * Finding a lost answer's order in CallFire's order listing (API v2 `GET /orders`): the proof that replaces a
 * guess when a CreateNumberOrder answer was lost. `reconcileLostAnswer` (acquire.ts) asks it first on v2; on
 * 1.1, which cannot list orders, it is never asked.
 */
import type { NumberOrder } from "../../client/types.js";
import type { ClaimedEntry } from "../../orders/journal.js";
import type { OrderItemKind, PurchaseRequest } from "../../orders/purchase.js";
import type { ProviderContext } from "../context.js";

/**
 * The clock skew the listing allows on either side of when the request could have been taken (this machine's
 * clock against CallFire's, and `created`, which CallFire gives in whole seconds, rounded down). The window is
 * from `placedAt` less this to `placedAt` plus one request timeout plus this: an order created later than that
 * was not our request's (the client had given up on it), so another stack's later order of the same shape is
 * never taken for ours.
 */
export const LISTING_MARGIN_SECONDS = 300;

/** What the listing shows about the order an intent may have placed. */
export type ListedOrder =
  /** Exactly one unaccounted order matches what the intent ordered: it is the intent's order. */
  | {
      /** The order. */
      found: NumberOrder;
      /** The intent's journal entry, which now carries the order's id. */
      entry: ClaimedEntry;
    }
  /** Several unaccounted orders match: which one is the intent's cannot be told. */
  | { candidates: string[] }
  /**
   * No order matches, in a listing made after the request could still have been taken (see
   * {@link findLostOrder}): the order was never placed.
   */
  | { neverPlaced: true };

/**
 * Lists the orders created around `placedAt` (see {@link LISTING_MARGIN_SECONDS}), keeps those whose items are
 * what `request` ordered (see {@link matches}), drops those a journal entry or a holder record of the journal
 * folder already accounts for, and says what is left. Returns undefined on API 1.1 (no listing).
 *
 * A found order's id goes into the intent's journal `entry` (a new entry when the intent has none any more)
 * before anything else looks: the listing and that record run one at a time in this process, so two lost
 * answers never take one order.
 *
 * An order CallFire took but has not listed yet must not read as "never placed": with no match, the answer is
 * `neverPlaced` only if the listing started at least one request timeout after `placedAt` (by then the request
 * the client gave up on is no longer being worked on); a listing made sooner waits for that moment and lists
 * again. A listing error is thrown: the caller stays unconfirmed.
 */
export async function findLostOrder(
  context: ProviderContext,
  request: PurchaseRequest,
  placedAt: string,
  entry: ClaimedEntry | undefined,
): Promise<ListedOrder | undefined> {
  if (context.client.apiVersion !== "v2") return undefined;
  const settledAt = Date.parse(placedAt) + context.settings.requestTimeoutSeconds * 1000;
  for (;;) {
    const listedAt = Date.now();
    const listed = await oneAtATime(async (): Promise<ListedOrder | undefined> => {
      const matching = await unaccounted(context, request, placedAt);
      if (matching.length > 1) return { candidates: matching.map((order) => order.id) };
      if (matching.length === 0) return undefined;
      const intent =
        entry ??
        (await context.journal.begin(request.journalKey, { placedAt, description: request.description }));
      return { found: matching[0], entry: await context.journal.record(intent, matching[0].id) };
    });
    if (listed) return listed;
    if (listedAt >= settledAt) return { neverPlaced: true };
    context.log(
      `no order found yet for ${request.description}; looking again once its request cannot be taken anymore`,
    );
    await new Promise((resolve) => setTimeout(resolve, settledAt - listedAt));
  }
}

/** The last listing of this process, so that listings (and the records of what they found) run one at a time. */
let listing: Promise<unknown> = Promise.resolve();

/** Runs `step` after every listing this process started before it. */
function oneAtATime<T>(step: () => Promise<T>): Promise<T> {
  const run = listing.then(step);
  listing = run.catch(() => undefined);
  return run;
}

/** The orders in the listing that match `request` and that no journal entry or holder record accounts for. */
async function unaccounted(
  context: ProviderContext,
  request: PurchaseRequest,
  placedAt: string,
): Promise<NumberOrder[]> {
  const placed = Date.parse(placedAt);
  const margin = LISTING_MARGIN_SECONDS * 1000;
  const intervalBegin = new Date(placed - margin);
  const intervalEnd = new Date(placed + context.settings.requestTimeoutSeconds * 1000 + margin);
  const matching: NumberOrder[] = [];
  for await (const order of context.client.iterateOrders({ intervalBegin, intervalEnd })) {
    if (matches(order, request)) matching.push(order);
  }
  if (matching.length === 0) return matching;
  const accounted = new Set([...(await context.journal.orderIds()), ...(await context.holders.entries())]);
  return matching.filter((order) => !accounted.has(order.id));
}

/** The order item kinds, to check that an order holds nothing but the item the request ordered. */
const ITEM_KINDS: OrderItemKind[] = ["localNumbers", "tollFreeNumbers", "keywords"];

/**
 * Whether `order` can be the one `request` placed: the same item kind and count and nothing else; for an exact
 * number or keyword, nothing delivered that was not asked for; for a region, nothing delivered outside its
 * prefix. (An order shows neither the exact asset nor the region before it delivers: such an order matches.)
 */
export function matches(order: NumberOrder, request: PurchaseRequest): boolean {
  const item = order[request.item];
  const asked = request.order;
  const count =
    asked.numbers?.length ?? asked.keywords?.length ?? asked.localCount ?? asked.tollFreeCount ?? 0;
  if (!item || item.ordered !== count) return false;
  if (ITEM_KINDS.some((kind) => kind !== request.item && (order[kind]?.ordered ?? 0) > 0)) return false;
  const exact = asked.numbers?.map(digits) ?? asked.keywords?.map((keyword) => keyword.toUpperCase());
  return item.fulfilled.every((asset) =>
    exact
      ? exact.includes(request.item === "keywords" ? asset.toUpperCase() : digits(asset))
      : asset.startsWith(asked.prefix ?? ""),
  );
}

/** A number as 11 digits (a 10-digit North American number gets its country code `1`). */
function digits(number: string): string {
  const only = number.replace(/\D/g, "");
  return only.length === 10 ? `1${only}` : only;
}
