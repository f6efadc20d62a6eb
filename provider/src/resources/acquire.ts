/**
 * The create/resume half of the lifecycle both resources share: adopt an owned asset, or buy one (resuming a
 * journaled or recorded order instead of ordering again), and turn every way that can end into either
 * complete outputs, a plain error when nothing was bought, or a `ResourceInitError` that keeps the purchase
 * in state for the next `pulumi up`.
 */
import { BadRequestError } from "../client/errors.js";
import type { LeaseInfo } from "../client/types.js";
import {
  OrderFailedError,
  OrderUnconfirmedError,
  type PurchaseOutcome,
  type PurchaseRequest,
  purchase,
  resume,
} from "../orders/purchase.js";
import { type ProviderContext, ResourceInitError } from "./context.js";
import type { PendingOrder, PurchaseSettings } from "./inputs.js";

/** What `acquire` needs to know about one kind of asset. */
export interface AssetKind<I extends PurchaseSettings, S extends object> {
  /** The resource type, for messages: `number` or `keyword`. */
  noun: string;
  /** The exact asset asked for (an exact number, a keyword), if the selection names one. */
  exact(inputs: I): string | undefined;
  /** The order that buys it. */
  request(context: ProviderContext, inputs: I): PurchaseRequest;
  /** The lease of the asset if the account holds it now (not yet RELEASED), else undefined. */
  lease(context: ProviderContext, asset: string): Promise<LeaseInfo | undefined>;
  /** Whether the asset can be bought now. */
  available(context: ProviderContext, asset: string): Promise<boolean>;
  /** The state to record for an asset that is not finished yet. */
  partialState(inputs: I, asset: string | undefined, orderId: string | undefined, pending?: PendingOrder): S;
  /** Configures the owned asset and reads it back into complete outputs. */
  finish(context: ProviderContext, inputs: I, asset: string, orderId: string | undefined): Promise<S>;
}

/** The result of create: the resource id and its outputs. */
export interface Acquired<S> {
  /** The resource id. */
  id: string;
  /** The outputs. */
  outs: S;
}

/** Create: adopt or buy, then finish. */
export async function acquire<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  context: ProviderContext,
  inputs: I,
  provider: unknown,
): Promise<Acquired<S>> {
  const exact = kind.exact(inputs);
  const lease = exact && inputs.adoptExisting ? await kind.lease(context, exact) : undefined;
  if (exact && lease) {
    if (!lease.autoRenew) throw releasedError(kind, exact, lease);
    context.log(`adopting ${exact}, which the account already owns`);
    return complete(kind, context, inputs, exact, undefined, provider, exact);
  }
  const outcome = await order(kind, context, inputs, provider, () =>
    purchase(context, kind.request(context, inputs)),
  );
  return settle(kind, context, inputs, outcome, provider, exact);
}

/** Update of a resource whose order create did not see finish: resume it (or reconcile a lost answer). */
export async function resumeAcquire<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  context: ProviderContext,
  id: string,
  inputs: I,
  pending: PendingOrder,
  provider: unknown,
): Promise<S> {
  if (pending.id) {
    const request = kind.request(context, inputs);
    const pendingId = pending.id;
    const outcome = await order(kind, context, inputs, provider, async () => {
      try {
        return await resume(context, request, { id: pendingId, placedAt: pending.placedAt });
      } catch (error) {
        if (!(error instanceof OrderFailedError)) throw error;
        context.log(`${error.message}; ordering again`);
        return purchase(context, request);
      }
    });
    return (await settle(kind, context, inputs, outcome, provider, id)).outs;
  }
  return (await reconcile(kind, context, inputs, pending, provider, id)).outs;
}

/**
 * An order may have been placed whose answer never arrived. An exact asset is looked up: owned (and not since
 * well before the order) means the order went through, available means it was never placed (ordering it now
 * cannot buy twice: one number or keyword is sold once). Anything else, and any bulk order, is recorded in state
 * with advice and never ordered again.
 */
async function reconcile<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  context: ProviderContext,
  inputs: I,
  pending: PendingOrder,
  provider: unknown,
  id: string | undefined,
): Promise<Acquired<S>> {
  const exact = kind.exact(inputs);
  const lease = exact ? await kind.lease(context, exact) : undefined;
  if (exact && lease?.autoRenew) {
    if (ownedBefore(lease, pending.placedAt) && !inputs.adoptExisting) {
      throw new Error(
        `${kind.noun} ${exact} has been owned by this CallFire account since ${lease.leaseBegin}, before the order ` +
          `whose answer was lost (${pending.placedAt}), so that order did not buy it. To manage it with Pulumi, set ` +
          "adoptExisting: true; or choose another.",
      );
    }
    context.log(`the lost order for ${exact} went through: the account owns it`);
    return complete(kind, context, inputs, exact, undefined, provider, id ?? exact);
  }
  if (exact && (await kind.available(context, exact))) {
    context.log(`the lost order for ${exact} was never placed: ordering it now`);
    const outcome = await order(kind, context, inputs, provider, () =>
      purchase(context, kind.request(context, inputs)),
    );
    return settle(kind, context, inputs, outcome, provider, id);
  }
  throw new ResourceInitError(
    id ?? exact ?? `unconfirmed-${Date.parse(pending.placedAt)}`,
    kind.partialState(inputs, exact, undefined, pending),
    provider,
    [
      exact
        ? `the answer to the order for ${exact} was lost and it is neither owned nor available yet; the next pulumi up ` +
          "checks again. If someone else bought it meanwhile, this never changes: choose another, or remove the " +
          "resource from the program (its delete succeeds)"
        : unconfirmedAdvice(kind, pending),
    ],
  );
}

/**
 * The error for an asset the account still holds but has released: it lapses when its lease ends, CallFire's
 * 1.1 API cannot turn renewal back on, so it can neither be adopted nor bought until the lock-out is over.
 */
function releasedError(kind: { noun: string }, asset: string, lease: LeaseInfo): Error {
  const until = lease.leaseEnd ? ` on ${lease.leaseEnd}` : "";
  const again = lease.leaseEnd ? `from ${addMonth(lease.leaseEnd)}` : "a month after its lease ends";
  return new Error(
    `${kind.noun} ${asset} was released: auto-renew is off and it leaves the account when its lease ends${until}. ` +
      `It cannot be adopted (CallFire's 1.1 API cannot turn renewal back on) and can be ordered again ${again}. ` +
      `Choose another ${kind.noun}.`,
  );
}

/**
 * Whether a lease began well before an order was placed: two days or more, so that no time zone of CallFire's
 * lease dates can make the order's own purchase look older.
 */
function ownedBefore(lease: LeaseInfo, placedAt: string): boolean {
  const begun = Date.parse(lease.leaseBegin?.slice(0, 10) ?? "");
  return Number.isFinite(begun) && begun + 2 * 24 * 3600_000 <= Date.parse(placedAt);
}

/** `YYYY-MM-DD` plus one calendar month (clamped to the month's last day). */
function addMonth(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date, last))).toISOString().slice(0, 10);
}

/** Advice for a bulk order whose answer was lost: it cannot be matched to a number safely. */
function unconfirmedAdvice(kind: { noun: string }, pending: PendingOrder): string {
  return (
    `an order for this ${kind.noun} may have been placed at ${pending.placedAt}, but CallFire's answer was lost. ` +
    "To never buy twice it is not ordered again. Look in the CallFire account for a number bought then: if there is " +
    "one, set `number` to it with `adoptExisting: true`; if not, remove this resource from the stack and add it back"
  );
}

/** Runs an order step, mapping "already owned" and lost answers to helpful errors or recorded state. */
async function order<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  context: ProviderContext,
  inputs: I,
  provider: unknown,
  step: () => Promise<PurchaseOutcome>,
): Promise<PurchaseOutcome> {
  const exact = kind.exact(inputs);
  try {
    return await step();
  } catch (error) {
    const lease = error instanceof BadRequestError && exact ? await kind.lease(context, exact) : undefined;
    if (exact && lease) {
      if (!lease.autoRenew) throw releasedError(kind, exact, lease);
      throw new Error(
        `${kind.noun} ${exact} is already owned by this CallFire account. To manage it with Pulumi instead of ` +
          "buying it, set adoptExisting: true.",
      );
    }
    if (error instanceof OrderUnconfirmedError) {
      const pending: PendingOrder = { status: "UNCONFIRMED", placedAt: error.placedAt };
      throw new ResourceInitError(
        exact ?? `unconfirmed-${Date.parse(error.placedAt)}`,
        kind.partialState(inputs, exact, undefined, pending),
        provider,
        [
          `${error.message}; it is recorded in state and the next pulumi up checks whether it went through ` +
            "instead of ordering again",
        ],
      );
    }
    throw error;
  }
}

/** Turns a purchase outcome into outputs, or records a pending order. */
async function settle<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  context: ProviderContext,
  inputs: I,
  outcome: PurchaseOutcome,
  provider: unknown,
  id: string | undefined,
): Promise<Acquired<S>> {
  // The outcome normally ends up in the caller's hands (outputs, or a ResourceInitError that records the order
  // or the purchase in state), and then its journal entry is no longer needed. Only a reconciliation that
  // failed some other way (a network error, a refusal) records nothing: its entry is kept for the next create.
  let recorded = true;
  try {
    const exact = kind.exact(inputs);
    if (outcome.state === "unconfirmed") {
      const lost: PendingOrder = { status: "UNCONFIRMED", placedAt: outcome.placedAt };
      try {
        return await reconcile(kind, context, inputs, lost, provider, id);
      } catch (error) {
        recorded = error instanceof ResourceInitError;
        throw error;
      }
    }
    if (outcome.state === "pending") {
      const pending: PendingOrder = {
        id: outcome.orderId,
        status: outcome.status,
        placedAt: outcome.placedAt,
      };
      const why = outcome.reason ?? `is still ${outcome.status} after ${context.timeoutSeconds} s`;
      throw new ResourceInitError(
        id ?? exact ?? `order-${outcome.orderId}`,
        kind.partialState(inputs, exact, outcome.orderId, pending),
        provider,
        [
          `CallFire order ${outcome.orderId} ${outcome.reason ? `(${outcome.status}): ${why}` : why}. It is ` +
            "recorded in state: the next pulumi up resumes it instead of ordering again (raise orderTimeoutSeconds to wait longer)",
        ],
      );
    }
    const asset = exact && outcome.assets.includes(exact) ? exact : outcome.assets[0];
    const extra = outcome.assets.filter((other) => other !== asset);
    if (extra.length > 0) {
      context.log(
        `order ${outcome.orderId} delivered more than one ${kind.noun}: ${extra.join(", ")} not managed here`,
      );
    }
    return await complete(kind, context, inputs, asset, outcome.orderId, provider, id ?? asset);
  } finally {
    if (outcome.journal && recorded) context.journal.remove(outcome.journal);
    else if (outcome.journal) context.journal.letGo(outcome.journal);
  }
}

/** Configures and reads back; a failure after the purchase keeps the purchase in state. */
async function complete<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  context: ProviderContext,
  inputs: I,
  asset: string,
  orderId: string | undefined,
  provider: unknown,
  id: string,
): Promise<Acquired<S>> {
  try {
    return { id, outs: await kind.finish(context, inputs, asset, orderId) };
  } catch (error) {
    throw new ResourceInitError(id, kind.partialState(inputs, asset, orderId), provider, [
      `${kind.noun} ${asset} is bought${orderId ? ` (order ${orderId})` : ""} but finishing it failed: ` +
        `${(error as Error).message}. It is recorded in state; the next pulumi up tries again`,
    ]);
  }
}
