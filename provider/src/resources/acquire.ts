/**
 * The create/resume half of the lifecycle both resources share: adopt an owned asset, or buy one (resuming a
 * journaled or recorded order instead of ordering again), and turn every way that can end into either
 * complete outputs, a plain error when nothing was bought, or a `ResourceInitError` that keeps the purchase
 * in state for the next `pulumi up`.
 */
import { BadRequestError } from "../client/errors.js";
import type { LeaseInfo } from "../client/types.js";
import { type ClaimedEntry, journalToken } from "../orders/journal.js";
import {
  OrderFailedError,
  OrderUnconfirmedError,
  type PurchaseOutcome,
  type PurchaseRequest,
  purchase,
  resume,
} from "../orders/purchase.js";
import { ownedBefore, releasedError, unconfirmedAdvice } from "./acquireMessages.js";
import { type ProviderContext, plain, providerContext, ResourceInitError } from "./context.js";
import type { LeaseState, PendingOrder, PurchaseSettings } from "./inputs.js";

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

/**
 * Forgets the order journal entry that a resource's saved state accounts for, when Pulumi shows that state (to
 * diff, read, update or delete): what the entry could recover is recorded there. Best effort: without settings
 * (no credentials yet) there is nothing to key it by, and it stays.
 */
export function forgetJournal<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  state: { args?: I; __journal?: string } | undefined,
): void {
  if (!state?.args || !state.__journal) return;
  let context: ProviderContext;
  try {
    context = providerContext(kind.noun);
  } catch {
    return;
  }
  context.journal.forget(kind.request(context, state.args).journalKey, state.__journal);
}

/**
 * New outputs for a resource that keeps its asset (an update, a refresh): the journal token and holder
 * generation of the state they replace carry over.
 */
export function carryJournal<S extends LeaseState>(olds: LeaseState, outs: S): S {
  return plain({ ...outs, __journal: olds.__journal, __holder: olds.__holder });
}

/** Create: adopt or buy, then finish. */
export function acquire<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  context: ProviderContext,
  inputs: I,
  provider: unknown,
): Promise<Acquired<S>> {
  return new Acquisition(kind, context, inputs, provider).create();
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
  return (await new Acquisition(kind, context, inputs, provider).resume(id, pending)).outs;
}

/** One create or resume of one resource: what it is, where it runs, what was asked, and its provider shim. */
class Acquisition<I extends PurchaseSettings, S extends object> {
  /** The exact asset asked for, if any. */
  readonly #exact: string | undefined;
  /** The token of the journal entry whose outcome this is, recorded in the state it produces. */
  #journal: string | undefined;
  /** This state's generation as the asset's holder, once it holds one. */
  #holder: number | undefined;

  constructor(
    readonly kind: AssetKind<I, S>,
    readonly context: ProviderContext,
    readonly inputs: I,
    /** The `__provider` shim, which the state recorded by an init error must carry. */
    readonly provider: unknown,
  ) {
    this.#exact = kind.exact(inputs);
  }

  /** Adopts the asset (with `adoptExisting`) or buys it, then finishes it. */
  async create(): Promise<Acquired<S>> {
    const exact = this.#exact;
    const lease = exact && this.inputs.adoptExisting ? await this.kind.lease(this.context, exact) : undefined;
    if (exact && lease) {
      if (!lease.autoRenew) throw releasedError(this.kind.noun, exact, lease);
      this.context.log(`adopting ${exact}, which the account already owns`);
      return this.complete(exact, undefined, exact);
    }
    return this.settle(await this.buy(), exact);
  }

  /** Resumes the recorded order of resource `id`, or reconciles an order whose answer was lost. */
  async resume(id: string, pending: PendingOrder): Promise<Acquired<S>> {
    if (!pending.id) return this.reconcile(pending, id);
    const request = this.kind.request(this.context, this.inputs);
    const pendingId = pending.id;
    const outcome = await this.order(async () => {
      try {
        return await resume(this.context, request, { id: pendingId, placedAt: pending.placedAt });
      } catch (error) {
        if (!(error instanceof OrderFailedError)) throw error;
        this.context.log(`${error.message}; ordering again`);
        return purchase(this.context, request);
      }
    });
    return this.settle(outcome, id);
  }

  /** Places the order (or resumes a journaled one) and waits for it. */
  private buy(): Promise<PurchaseOutcome> {
    return this.order(() => purchase(this.context, this.kind.request(this.context, this.inputs)));
  }

  /**
   * An order may have been placed whose answer never arrived. An exact asset is looked up: owned (and not since
   * well before the order) means the order went through, available means it was never placed (ordering it now
   * cannot buy twice: one number or keyword is sold once). Anything else, and any bulk order, is recorded in
   * state with advice and never ordered again.
   */
  private async reconcile(
    pending: PendingOrder,
    id: string | undefined,
    entry?: ClaimedEntry,
  ): Promise<Acquired<S>> {
    const { kind, context } = this;
    const exact = this.#exact;
    const lease = exact ? await kind.lease(context, exact) : undefined;
    if (exact && lease?.autoRenew) {
      if (ownedBefore(lease, pending.placedAt) && !this.inputs.adoptExisting) {
        throw new Error(
          `${kind.noun} ${exact} has been owned by this CallFire account since ${lease.leaseBegin}, before the ` +
            `order whose answer was lost (${pending.placedAt}), so that order did not buy it. To manage it with ` +
            "Pulumi, set adoptExisting: true; or choose another.",
        );
      }
      context.log(`the lost order for ${exact} went through: the account owns it`);
      return this.complete(exact, undefined, id ?? exact);
    }
    if (exact && (await kind.available(context, exact))) {
      context.log(`the lost order for ${exact} was never placed: ordering it now`);
      const outcome = await this.buy();
      // CallFire took the new order, so the lost one was indeed never placed: its entry has nothing to recover.
      // (Had the new order been refused, the entry would stay, in case the lost order was still processing.)
      if (entry) context.journal.remove(entry);
      return this.settle(outcome, id);
    }
    throw this.recorded(
      id ?? exact ?? `unconfirmed-${Date.parse(pending.placedAt)}`,
      kind.partialState(this.inputs, exact, undefined, pending),
      exact
        ? `the answer to the order for ${exact} was lost and it is neither owned nor available yet; the next ` +
            "pulumi up checks again. If someone else bought it meanwhile, this never changes: choose another, or " +
            "remove the resource from the program (its delete succeeds)"
        : unconfirmedAdvice(kind.noun, pending),
    );
  }

  /** Runs an order step, mapping "already owned" and lost answers to helpful errors or recorded state. */
  private async order(step: () => Promise<PurchaseOutcome>): Promise<PurchaseOutcome> {
    const { kind, context } = this;
    const exact = this.#exact;
    try {
      return await step();
    } catch (error) {
      const lease = error instanceof BadRequestError && exact ? await kind.lease(context, exact) : undefined;
      if (exact && lease) {
        if (!lease.autoRenew) throw releasedError(kind.noun, exact, lease);
        throw new Error(
          `${kind.noun} ${exact} is already owned by this CallFire account. To manage it with Pulumi instead of ` +
            "buying it, set adoptExisting: true.",
        );
      }
      if (error instanceof OrderUnconfirmedError) {
        if (error.journal) this.#journal = journalToken(error.journal);
        const pending: PendingOrder = { status: "UNCONFIRMED", placedAt: error.placedAt };
        throw this.recorded(
          exact ?? `unconfirmed-${Date.parse(error.placedAt)}`,
          kind.partialState(this.inputs, exact, undefined, pending),
          `${error.message}; it is recorded in state and the next pulumi up checks whether it went through ` +
            "instead of ordering again",
        );
      }
      throw error;
    }
  }

  /** Turns a purchase outcome into outputs, or records a pending order. */
  private async settle(outcome: PurchaseOutcome, id: string | undefined): Promise<Acquired<S>> {
    // However this ends, the journal entry stays until Pulumi has saved the outcome (which records the entry's
    // token): the resource's next diff, read, update or delete forgets it; if the state was never saved, the
    // next create of it claims it again.
    if (outcome.journal) this.#journal = journalToken(outcome.journal);
    try {
      const exact = this.#exact;
      if (outcome.state === "unconfirmed") {
        return await this.reconcile(
          { status: "UNCONFIRMED", placedAt: outcome.placedAt },
          id,
          outcome.journal,
        );
      }
      if (outcome.state === "pending") {
        const pending: PendingOrder = {
          id: outcome.orderId,
          status: outcome.status,
          placedAt: outcome.placedAt,
        };
        const why = outcome.reason ?? `is still ${outcome.status} after ${this.context.timeoutSeconds} s`;
        throw this.recorded(
          id ?? exact ?? `order-${outcome.orderId}`,
          this.kind.partialState(this.inputs, exact, outcome.orderId, pending),
          `CallFire order ${outcome.orderId} ${outcome.reason ? `(${outcome.status}): ${why}` : why}. It is ` +
            "recorded in state: the next pulumi up resumes it instead of ordering again (raise orderTimeoutSeconds to wait longer)",
        );
      }
      const asset = exact && outcome.assets.includes(exact) ? exact : outcome.assets[0];
      const extra = outcome.assets.filter((other) => other !== asset);
      if (extra.length > 0) {
        this.context.log(
          `order ${outcome.orderId} delivered more than one ${this.kind.noun}: ${extra.join(", ")} not managed here`,
        );
      }
      return await this.complete(asset, outcome.orderId, id ?? asset);
    } finally {
      if (outcome.journal) this.context.journal.letGo(outcome.journal);
    }
  }

  /** Configures and reads back; a failure after the purchase keeps the purchase in state. */
  private async complete(asset: string, orderId: string | undefined, id: string): Promise<Acquired<S>> {
    this.#holder = this.context.journal.hold(this.context.holderKey(asset));
    try {
      return {
        id,
        outs: this.withJournal(await this.kind.finish(this.context, this.inputs, asset, orderId)),
      };
    } catch (error) {
      throw this.recorded(
        id,
        this.kind.partialState(this.inputs, asset, orderId),
        `${this.kind.noun} ${asset} is bought${orderId ? ` (order ${orderId})` : ""} but finishing it failed: ` +
          `${(error as Error).message}. It is recorded in state; the next pulumi up tries again`,
      );
    }
  }

  /** The error that records `state` for resource `id` in Pulumi state (an init error) and says `reason`. */
  private recorded(id: string, state: S, reason: string): ResourceInitError {
    return new ResourceInitError(id, this.withJournal(state), this.provider, [reason]);
  }

  /**
   * `state` with the token of the journal entry it accounts for (so that saving it lets the entry go) and its
   * generation as the asset's holder.
   */
  private withJournal(state: S): S {
    return plain({ ...state, __journal: this.#journal, __holder: this.#holder });
  }
}
