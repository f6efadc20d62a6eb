/**
 * The delete half of the lifecycle both resources share: honour `releaseOnDelete`, settle an order that never
 * finished, and release. Releasing something already released or not owned counts as done.
 */
import * as pulumi from "@pulumi/pulumi";
import { NotFoundError } from "../client/errors.js";
import type { ReleaseArgs } from "../client/types.js";
import { orderPhase } from "../orders/status.js";
import { type ProviderContext, providerContext } from "./context.js";
import type { LeaseState, PurchaseSettings } from "./inputs.js";

/** What delete needs from a resource's state. */
export interface ReleasableState extends LeaseState {
  /** The checked inputs. */
  args: PurchaseSettings;
}

/**
 * Releases the asset described by `target` (undefined when the order never delivered it). A pending order is
 * looked at first: if it is still running the delete fails, so that nothing bought later goes unmanaged.
 */
export async function releaseAsset(
  label: string,
  state: ReleasableState,
  target: (context: ProviderContext, fulfilled: string | undefined) => Promise<ReleaseArgs | undefined>,
): Promise<void> {
  const context = providerContext(label);
  if (state.args?.releaseOnDelete === false) {
    context.log("releaseOnDelete is false: leaving it in the CallFire account (it keeps renewing)");
    return;
  }
  let fulfilled: string | undefined;
  const pending = state.pendingOrder;
  if (pending?.id) {
    const order = await context.client.getNumberOrder({ id: pending.id });
    const phase = orderPhase(order.status);
    if (phase === "pending") {
      throw new Error(
        `CallFire order ${pending.id} is still ${order.status}, so what it buys cannot be released yet. ` +
          "Run pulumi up to wait for it, or run the destroy again later.",
      );
    }
    if (phase === "failed") return;
    fulfilled = [order.localNumbers, order.tollFreeNumbers, order.keywords].flatMap(
      (item) => item?.fulfilled ?? [],
    )[0];
  }
  const args = await target(context, fulfilled);
  if (!args) {
    pulumi.log.warn(
      `[callfire ${label}] an order for this resource may have been placed at ${pending?.placedAt ?? "an unknown time"} ` +
        "but its answer was lost, so nothing known can be released. Removing it from the stack; look in the CallFire " +
        "account for an asset bought then and release it there.",
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
}
