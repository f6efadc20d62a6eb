/**
 * Waiting for an asynchronous CallFire order: GetNumberOrder at most once a second (each poll starts at least
 * one second after the previous answer arrived, and the first one a second after a new order was placed), until
 * the order finishes, fails, or the wait budget runs out.
 * Transient failures of a poll (5xx, 429, network) do not end the wait; they count as "no news".
 */
import { type CallFireClient, MIN_POLL_INTERVAL_MS } from "../client/client.js";
import { NetworkError, RateLimitError, ServerError } from "../client/errors.js";
import type { NumberOrder } from "../client/types.js";
import { type OrderPhase, orderPhase } from "./status.js";

/** How to wait. */
export interface WaitForOrderOptions {
  /** Give up after this long, in milliseconds. */
  timeoutMs: number;
  /**
   * The order was placed just now: the first poll waits the one-second interval too, since no order finishes
   * sooner (a resumed order is polled at once). Default false.
   */
  justPlaced?: boolean;
  /** Called after every poll with the order and the seconds waited so far. */
  onProgress?: (order: NumberOrder, waitedSeconds: number) => void;
  /** Clock, injectable for tests. Default `Date.now`. */
  now?: () => number;
  /** Sleep, injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** How the wait ended. */
export interface OrderWaitResult {
  /** `finished` or `failed` when the order reached a terminal state; `pending` when the budget ran out. */
  phase: OrderPhase;
  /** The last state read, if any poll succeeded. */
  order?: NumberOrder;
  /** How many polls were sent. */
  polls: number;
  /** How long the wait took, in milliseconds. */
  waitedMs: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the order until it is terminal or `timeoutMs` has passed. */
export async function waitForOrder(
  client: Pick<CallFireClient, "getNumberOrder">,
  id: string,
  options: WaitForOrderOptions,
): Promise<OrderWaitResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const started = now();
  let order: NumberOrder | undefined;
  let polls = 0;
  if (options.justPlaced && MIN_POLL_INTERVAL_MS < options.timeoutMs) await sleep(MIN_POLL_INTERVAL_MS);
  for (;;) {
    polls += 1;
    try {
      order = await client.getNumberOrder({ id });
    } catch (error) {
      if (
        !(error instanceof ServerError || error instanceof NetworkError || error instanceof RateLimitError)
      ) {
        throw error;
      }
    }
    const waitedMs = now() - started;
    if (order) {
      options.onProgress?.(order, Math.round(waitedMs / 1000));
      const phase = orderPhase(order.status);
      if (phase !== "pending") return { phase, order, polls, waitedMs };
    }
    if (waitedMs + MIN_POLL_INTERVAL_MS > options.timeoutMs)
      return { phase: "pending", order, polls, waitedMs };
    await sleep(MIN_POLL_INTERVAL_MS);
  }
}
