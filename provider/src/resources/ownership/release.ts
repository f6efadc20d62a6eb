/**
 * The delete half of the lifecycle both resources share, on the release rule of the design note (DESIGN.md in
 * this folder): a state releases an asset only if it came to it with proof (its create took it, or its own
 * recorded order delivered it) and, once it leaves the asset's holder records, no other holder is left.
 * Releasing something already released or not owned counts as done.
 */
import { NotFoundError } from "../../client/errors.js";
import type { NumberOrder, ReleaseArgs } from "../../client/types.js";
import { fulfilledAssets, orderPhase } from "../../orders/status.js";
import { type ProviderContext, providerContext } from "../context.js";
import type { LeaseState, PurchaseSettings } from "../inputs.js";
import { holderNames } from "./messages.js";

/** What delete needs from a resource's state. */
export interface ReleasableState extends LeaseState {
  /** The checked inputs. */
  args: PurchaseSettings;
}

/** How to release one kind of asset. */
export interface Releaser {
  /** Which item of an order carries this kind of asset. */
  kind: "numbers" | "keywords";
  /** The Release arguments for an asset, or undefined when the account does not hold it. */
  args(context: ProviderContext, asset: string): Promise<ReleaseArgs | undefined>;
}

/** The order, or undefined (with a log line) when CallFire does not know it: another account or base URL. */
async function knownOrder(context: ProviderContext, id: string): Promise<NumberOrder | undefined> {
  try {
    return await context.client.getNumberOrder({ id });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    context.log(`CallFire does not know order ${id} (another account or base URL?): nothing to release`);
    return undefined;
  }
}

/**
 * The asset a state may release: the one its create took (`asset`), or, for a state whose order was pending,
 * what that order delivered since. Undefined (with a log line or warning) when it has none. A pending order
 * still running fails the delete, so that nothing bought later goes unmanaged.
 */
async function provenAsset(
  context: ProviderContext,
  state: ReleasableState,
  asset: string | undefined,
  releaser: Releaser,
): Promise<string | undefined> {
  const pending = state.pendingOrder;
  if (!pending) return asset;
  if (!pending.id) {
    context.warn(
      `an order for this resource${asset ? ` (${asset})` : ""} may have been placed at ${pending.placedAt}, but its ` +
        "answer was lost, so nothing proves what it bought and nothing is released. Removing it from the stack; " +
        "look in the CallFire account for an asset bought then and, if no stack manages it, release it there.",
    );
    return undefined;
  }
  const order = await knownOrder(context, pending.id);
  if (!order) return undefined;
  const phase = orderPhase(order.status);
  if (phase === "pending") {
    throw new Error(
      `CallFire order ${order.id} is still ${order.status}, so what it buys cannot be released yet, and the ` +
        "delete fails rather than leave it unmanaged. Run the destroy (or pulumi up) again once the order has " +
        "finished, or cancel the order in the CallFire account first.",
    );
  }
  if (phase === "unpaid") {
    context.warn(
      `CallFire order ${order.id} is ${order.status}: it delivered nothing. Removing the resource; if CallFire ` +
        "completes that order after a payment fix, release what it bought in the CallFire account.",
    );
  }
  return phase === "finished" ? fulfilledAssets(order, releaser.kind)[0] : undefined;
}

/** Deletes a resource's state: leaves the asset's holder records, and releases the asset if the rule allows. */
export async function releaseAsset(
  label: string,
  state: ReleasableState,
  asset: string | undefined,
  releaser: Releaser,
): Promise<void> {
  const context = providerContext(label);
  const proven = await provenAsset(context, state, asset, releaser);
  if (!proven) return;
  const others = await context.holders.leave(context.holderKey(proven), state.__holder);
  if (state.args.releaseOnDelete === false) {
    context.log("releaseOnDelete is false: leaving it in the CallFire account (it keeps renewing)");
    return;
  }
  if (others.length > 0) {
    context.warn(
      `${proven} is not released: ${holderNames(others)} also hold${others.length === 1 ? "s" : ""} it (a ` +
        "replacement, or a resource that adopted it). If none of them manages it any more (removed with " +
        `retainOnDelete, or dropped from a state), release ${proven} in the CallFire account.`,
    );
    return;
  }
  const args = await releaser.args(context, proven);
  if (!args) {
    context.log("not held by the account (already released, or never bought): nothing to release");
    return;
  }
  try {
    await context.client.release(args);
    context.log(
      `released; it stays usable until its lease ends${state.leaseEnd ? ` on ${state.leaseEnd}` : ""}`,
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    context.log("already released or not owned by the account: nothing to release");
  }
}
