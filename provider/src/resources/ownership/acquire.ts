/**
 * The create/resume half of the lifecycle both resources share: adopt an owned asset, or buy one (resuming a
 * journaled or recorded order instead of ordering again), and turn every way that can end into either
 * complete outputs, a plain error when nothing was bought, or a `ResourceInitError` that keeps the purchase
 * in state for the next `pulumi up`. Every way to take an asset goes through `take`, which enforces the claim
 * rules of the design note (DESIGN.md in this folder).
 */
import { BadRequestError } from "../../client/errors.js";
import type { LeaseInfo } from "../../client/types.js";
import type { ClaimedEntry } from "../../orders/journal.js";
import {
  OrderFailedError,
  OrderUnconfirmedError,
  type PurchaseOutcome,
  type PurchaseRequest,
  purchase,
  resume,
} from "../../orders/purchase.js";
import { type ProviderContext, plain, providerContext, ResourceInitError } from "../context.js";
import type { LeaseState, PendingOrder, PurchaseSettings } from "../inputs.js";
import type { Holder } from "./holders.js";
import {
  candidatesAdvice,
  holderNames,
  listingFailedAdvice,
  ownedError,
  releasedError,
  unconfirmedAdvice,
  unprovenAdvice,
} from "./messages.js";
import { findLostOrder } from "./orderListing.js";

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
export async function forgetJournal<I extends PurchaseSettings, S extends object>(
  kind: AssetKind<I, S>,
  state: { args?: I; __journal?: string } | undefined,
): Promise<void> {
  if (!state?.args || !state.__journal) return;
  let context: ProviderContext;
  try {
    context = providerContext(kind.noun);
  } catch {
    return;
  }
  await context.journal.forget(kind.request(context, state.args).journalKey, state.__journal);
}

/**
 * New outputs for a resource that keeps its asset (an update, a refresh): the journal token and holder token
 * of the state they replace carry over.
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

/** How this state came to the asset: the journal token of the order that delivered it, or an adoption. */
type Source = { order: string } | "adopted";

/** One create or resume of one resource: what it is, where it runs, what was asked, and its provider shim. */
class Acquisition<I extends PurchaseSettings, S extends object> {
  /** The exact asset asked for, if any. */
  readonly #exact: string | undefined;
  /** The token of the journal entry whose outcome this is, recorded in the state it produces. */
  #journal: string | undefined;
  /** That entry, while this process works on it. */
  #entry: ClaimedEntry | undefined;
  /** This state's token in the asset's holder records, once it holds one. */
  #holder: string | undefined;

  constructor(
    readonly kind: AssetKind<I, S>,
    readonly context: ProviderContext,
    readonly inputs: I,
    /** The `__provider` shim, which the state recorded by an init error must carry. */
    readonly provider: unknown,
  ) {
    this.#exact = kind.exact(inputs);
  }

  /** Adopts the asset (with `adoptExisting`, if the account owns it) or buys it, then finishes it. */
  async create(): Promise<Acquired<S>> {
    const exact = this.#exact;
    const lease = exact && this.inputs.adoptExisting ? await this.kind.lease(this.context, exact) : undefined;
    if (exact && lease) return this.adopt(exact, lease, exact);
    return this.settle(await this.buy(), exact);
  }

  /** Resumes the recorded order of resource `id`, or reconciles an order whose answer was lost. */
  async resume(id: string, pending: PendingOrder): Promise<Acquired<S>> {
    if (!pending.id) return this.reconcileLostAnswer(pending, id);
    return this.settle(await this.continueOrder({ id: pending.id, placedAt: pending.placedAt }), id);
  }

  /**
   * Waits for a known order (recorded in state, or found in CallFire's order listing with its journal entry);
   * one that ended without delivering anything bought nothing, so the asset is ordered again.
   */
  private continueOrder(
    known: { id: string; placedAt: string },
    entry?: ClaimedEntry,
  ): Promise<PurchaseOutcome> {
    const request = this.kind.request(this.context, this.inputs);
    return this.order(async () => {
      try {
        return await resume(this.context, request, known, entry);
      } catch (error) {
        if (!(error instanceof OrderFailedError)) throw error;
        this.context.log(`${error.message}; ordering again`);
        return purchase(this.context, { ...request, checkUnowned: this.checkUnowned() });
      }
    });
  }

  /** Takes an owned asset (the caller checked `adoptExisting`); refuses a released one. */
  private adopt(asset: string, lease: LeaseInfo, id: string): Promise<Acquired<S>> {
    if (!lease.autoRenew) throw releasedError(this.kind.noun, asset, lease);
    this.context.log(`adopting ${asset}, which the account already owns`);
    return this.take(asset, undefined, id, "adopted");
  }

  /**
   * Places the order (or resumes a journaled one) and waits for it. An exact asset is looked up just before a
   * new order: owned means refuse (nothing is ordered); not owned is recorded with the order, the proof a lost
   * answer needs later.
   */
  private buy(): Promise<PurchaseOutcome> {
    return this.order(() =>
      purchase(this.context, {
        ...this.kind.request(this.context, this.inputs),
        checkUnowned: this.checkUnowned(),
      }),
    );
  }

  /** The look-up before a new order of the exact asset, if there is one. */
  private checkUnowned(): (() => Promise<void>) | undefined {
    const exact = this.#exact;
    if (!exact) return undefined;
    return async () => {
      const lease = await this.kind.lease(this.context, exact);
      if (lease)
        throw lease.autoRenew
          ? ownedError(this.kind.noun, exact)
          : releasedError(this.kind.noun, exact, lease);
    };
  }

  /**
   * An order may have been placed whose answer never arrived: decides, on proof only, whether it bought the
   * asset. This is the one place that does. On API v2 CallFire's order listing answers first
   * (`findLostOrder`):
   *
   * - exactly one unaccounted order matches what this resource ordered: it is this order; its id goes into the
   *   journal entry and it is resumed like any other (waited for, taken, configured);
   * - none, in a listing that shows the request can no longer be taken: it was never placed; the entry is
   *   removed and the asset ordered again;
   * - several: the resource stays recorded as unconfirmed, with advice that names them;
   * - the listing failed: unconfirmed too, and the next `pulumi up` looks again.
   *
   * On API 1.1 (no listing):
   * - An exact asset the account owns is this order's only if it was looked up and not owned just before the
   *   order (`unownedBefore`) and no other resource holds it; with `adoptExisting` it is adopted; otherwise the
   *   resource stays recorded as unconfirmed with an error that names the asset and the fix.
   * - An exact asset still available was never bought: ordering it now cannot buy it twice.
   * - Anything else, and any bulk order, is recorded in state with advice and never ordered again.
   */
  private async reconcileLostAnswer(
    pending: PendingOrder,
    id: string | undefined,
    entry?: ClaimedEntry,
  ): Promise<Acquired<S>> {
    const { kind, context } = this;
    const exact = this.#exact;
    const unconfirmed = (advice: string) =>
      this.recorded(
        id ?? exact ?? `unconfirmed-${Date.parse(pending.placedAt)}`,
        kind.partialState(this.inputs, exact, undefined, pending),
        advice,
      );
    const request = kind.request(context, this.inputs);
    const listed = await findLostOrder(context, request, pending.placedAt, entry).catch((error: Error) => {
      throw unconfirmed(listingFailedAdvice(kind.noun, pending, error));
    });
    if (listed && "found" in listed) {
      const order = listed.found;
      context.log(`CallFire's order listing shows the lost order: ${order.id}, created ${order.created}`);
      return this.settle(
        await this.continueOrder({ id: order.id, placedAt: pending.placedAt }, listed.entry),
        id,
      );
    }
    if (listed && "candidates" in listed)
      throw unconfirmed(candidatesAdvice(kind.noun, pending, listed.candidates));
    if (listed) {
      context.log(`CallFire's order listing shows the lost order was never placed: ordering again`);
      // Removed first: the new order's purchase would otherwise claim this entry as a lost answer again.
      if (entry) await context.journal.remove(entry);
      return this.settle(await this.buy(), id);
    }
    if (!exact) throw unconfirmed(unconfirmedAdvice(kind.noun, pending));
    const lease = await kind.lease(context, exact);
    if (lease?.autoRenew) {
      if (this.inputs.adoptExisting) return this.adopt(exact, lease, id ?? exact);
      const holders = await context.holders.holders(context.holderKey(exact));
      if (!pending.unownedBefore || holders.length > 0) {
        throw unconfirmed(unprovenAdvice(kind.noun, exact, pending, holders));
      }
      context.log(`the lost order for ${exact} went through: the account owns it`);
      return this.take(exact, undefined, id ?? exact, { order: this.#journal ?? `lost_${pending.placedAt}` });
    }
    if (await kind.available(context, exact)) {
      context.log(`the lost order for ${exact} was never placed: ordering it now`);
      const outcome = await this.buy();
      // CallFire took the new order, so the lost one was indeed never placed: its entry has nothing to recover.
      // (Had the new order been refused, the entry would stay, in case the lost order was still processing.)
      if (entry) await context.journal.remove(entry);
      return this.settle(outcome, id);
    }
    throw unconfirmed(
      `the answer to the order for ${exact} was lost and it is neither owned nor available yet; the next ` +
        "pulumi up checks again. If someone else bought it meanwhile, this never changes: choose another, or " +
        "remove the resource from the program (its delete succeeds)",
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
        throw ownedError(kind.noun, exact);
      }
      if (error instanceof OrderUnconfirmedError) {
        // On API v2 CallFire's order listing can show what became of the order: reconcile it now (in `settle`).
        if (error.journal && context.client.apiVersion === "v2") {
          const { placedAt, journal } = error;
          return { state: "unconfirmed", placedAt, unownedBefore: journal.unownedBefore, journal };
        }
        if (error.journal) this.#journal = error.journal.token;
        const pending: PendingOrder = {
          status: "UNCONFIRMED",
          placedAt: error.placedAt,
          unownedBefore: error.journal?.unownedBefore,
        };
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
    if (outcome.journal) this.#journal = outcome.journal.token;
    this.#entry = outcome.journal;
    try {
      const exact = this.#exact;
      if (outcome.state === "unconfirmed") {
        const pending: PendingOrder = {
          status: "UNCONFIRMED",
          placedAt: outcome.placedAt,
          unownedBefore: outcome.unownedBefore,
        };
        return await this.reconcileLostAnswer(pending, id, outcome.journal);
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
      return await this.take(asset, outcome.orderId, id ?? asset, { order: outcome.orderId });
    } finally {
      if (outcome.journal) this.context.journal.letGo(outcome.journal);
    }
  }

  /**
   * Takes the asset as this state's and finishes it: the one door every asset goes through.
   * - An order's asset that a resource outside this order holds is refused (a reconciliation never takes over
   *   another holder's asset); the holders this order gave out before are superseded.
   * - The holder record is written before configuring, so a process killed there leaves it; if it cannot be
   *   written, or finishing fails, the purchase is kept in state (an init error) for the next `pulumi up`.
   * - An asset read back with auto-renew off (released since its order delivered it) is never handed out.
   */
  private async take(
    asset: string,
    orderId: string | undefined,
    id: string,
    source: Source,
  ): Promise<Acquired<S>> {
    const { kind, context } = this;
    const key = context.holderKey(asset);
    const entry = source === "adopted" ? undefined : source.order;
    let refusal: Error | undefined;
    const refuse = (others: Holder[]) =>
      entry && others.length > 0
        ? new Error(
            `CallFire order ${orderId ?? "(answer lost)"} for this resource delivered ${kind.noun} ${asset}, but ` +
              `${holderNames(others)} holds it now, so this resource does not take it; nothing was ordered or ` +
              "released. If this resource should share it, set its number or keyword to it with adoptExisting: " +
              `true; to order a new one instead, remove this resource's order journal entry ${entry} (in a ` +
              `folder of ${context.journal.dir}) and run again`,
          )
        : undefined;
    const partial = () => this.withJournal(kind.partialState(this.inputs, asset, orderId));
    try {
      const holder = { resource: this.inputs.__resource ?? "(unnamed)", entry };
      this.#holder = await context.holders.hold(key, holder, (others) => (refusal = refuse(others)));
    } catch (error) {
      if (error === refusal) throw error;
      throw new ResourceInitError(id, partial(), this.provider, [
        `${kind.noun} ${asset} is bought${orderId ? ` (order ${orderId})` : ""} but its holder record could not ` +
          `be written (${(error as Error).message}). It is recorded in state; fix the journal folder ` +
          `(callfire:journalDir) and run pulumi up again`,
      ]);
    }
    let outs: S & LeaseState;
    try {
      outs = (await kind.finish(context, this.inputs, asset, orderId)) as S & LeaseState;
    } catch (error) {
      throw new ResourceInitError(id, partial(), this.provider, [
        `${kind.noun} ${asset} is bought${orderId ? ` (order ${orderId})` : ""} but finishing it failed: ` +
          `${(error as Error).message}. It is recorded in state; the next pulumi up tries again`,
      ]);
    }
    if (outs.autoRenew === false) {
      await context.holders.leave(key, this.#holder);
      // Released since its order delivered it, by a state that could prove it was its own: the order has
      // served, and its entry has nothing left to recover. The next pulumi up orders anew.
      if (this.#entry) await context.journal.remove(this.#entry);
      throw releasedError(kind.noun, asset, outs);
    }
    return { id, outs: this.withJournal(outs) };
  }

  /** The error that records `state` for resource `id` in Pulumi state (an init error) and says `reason`. */
  private recorded(id: string, state: S, reason: string): ResourceInitError {
    return new ResourceInitError(id, this.withJournal(state), this.provider, [reason]);
  }

  /**
   * `state` with the token of the journal entry it accounts for (so that saving it lets the entry go) and its
   * token as the asset's holder.
   */
  private withJournal(state: S): S {
    return plain({ ...state, __journal: this.#journal, __holder: this.#holder });
  }
}
