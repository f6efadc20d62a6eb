/**
 * The delete half of the lifecycle both resources share: honour `releaseOnDelete`, settle an order that never
 * finished, and release. Releasing something already released or not owned counts as done.
 */
import { NotFoundError } from "../client/errors.js";
import type { NumberOrder, ReleaseArgs } from "../client/types.js";
import { fulfilledAssets, orderPhase } from "../orders/status.js";
import { type ProviderContext, providerContext } from "./context.js";
import type { LeaseState, PurchaseSettings } from "./inputs.js";

/** What delete needs from a resource's state. */
export interface ReleasableState extends LeaseState {
  /** The checked inputs. */
  args: PurchaseSettings;
}

/** What a `target` returns for an asset the account does not hold. */
export const NOT_OWNED = Symbol("not owned");

/** What a `target` returns when no asset is known: the answer to the order that would have named it was lost. */
export const ANSWER_LOST = Symbol("answer lost");

/** The order, or undefined (with a log line) when CallFire does not know it: another account or base URL. */
async function knownOrder(context: ProviderContext, id: string): Promise<NumberOrder | undefined> {
  try {
    return await context.client.getNumberOrder({ id });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    context.log(
      `CallFire does not know order ${id} (another account or base URL?): treating its answer as lost`,
    );
    return undefined;
  }
}

/**
 * Releases the asset that `target` names (given what a recorded order delivered, if there was one), or says why
 * there is nothing to release. A pending order is looked at first: if it is still running the delete fails, so
 * that nothing bought later goes unmanaged.
 */
export async function releaseAsset(
  label: string,
  state: ReleasableState,
  target: (
    context: ProviderContext,
    fulfilled: string | undefined,
  ) => Promise<ReleaseArgs | typeof NOT_OWNED | typeof ANSWER_LOST>,
): Promise<void> {
  const context = providerContext(label);
  if (state.args.releaseOnDelete === false) {
    context.log("releaseOnDelete is false: leaving it in the CallFire account (it keeps renewing)");
    return;
  }
  let fulfilled: string | undefined;
  const pending = state.pendingOrder;
  const order = pending?.id ? await knownOrder(context, pending.id) : undefined;
  if (order) {
    const phase = orderPhase(order.status);
    if (phase === "pending") {
      throw new Error(
        `CallFire order ${order.id} is still ${order.status}, so what it buys cannot be released yet, and the ` +
          "delete fails rather than leave it unmanaged. Run the destroy (or pulumi up) again once the order has " +
          "finished, or cancel the order in the CallFire account first.",
      );
    }
    if (phase === "failed") return;
    fulfilled = fulfilledAssets(order)[0];
  }
  const args = await target(context, fulfilled);
  if (args === NOT_OWNED) {
    context.log("not held by the account (already released, or never bought): nothing to release");
    return;
  }
  if (args === ANSWER_LOST) {
    context.warn(
      `an order for this resource may have been placed at ${pending?.placedAt ?? "an unknown time"} but its answer ` +
        "was lost, so nothing known can be released. Removing it from the stack; look in the CallFire account for " +
        "an asset bought then and release it there.",
    );
    return;
  }
  const holder = context.holderKey(args.keyword ?? args.number ?? "");
  if (state.__holder !== undefined && context.journal.holder(holder) > state.__holder) {
    context.warn(
      `a newer resource holds ${args.keyword ?? args.number} (a replacement that took it over, e.g. with pulumi ` +
        "up --replace or adoptExisting): not releasing it. If no resource manages it any more (say that " +
        "replacement never got into the state), release it in the CallFire account.",
    );
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
  context.journal.dropHolder(holder);
}
