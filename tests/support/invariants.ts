/**
 * Test support: the purchase invariants between the sandbox's account and an engine's state, checked by the
 * fault suite and the soak after every step. In short: nothing is bought twice, nothing bought is lost, and
 * nothing is recorded that the account does not own.
 */
import type { Engine, ResourceState } from "../harness";
import type { TestSandbox } from "./sandbox";

/** What the invariants may not know from the account and the state alone. */
export interface InvariantOptions {
  /**
   * Orders whose CreateNumberOrder answer was lost (see {@link trackLostOrderAnswers}). What such an order buys
   * for a region or toll-free selection cannot be matched to a resource, by design: the provider records the
   * resource as UNCONFIRMED with advice and never orders again, so its delivery may stay unrecorded.
   */
  lostAnswers?: ReadonlySet<string>;
}

/** The asset (number or keyword) a state entry names, if any. */
function assetOf(entry: ResourceState): string | undefined {
  const asset = (entry.outputs.number ?? entry.outputs.keyword) as string | undefined;
  return asset === "" ? undefined : asset;
}

/** The pending order of a state entry, if its order has not been seen to finish. */
function pendingOf(entry: ResourceState): { id?: string; status: string } | undefined {
  return entry.outputs.pendingOrder as { id?: string; status: string } | undefined;
}

/**
 * Checks the invariants:
 * - every asset recorded in state (live resources and old halves of replacements still to be deleted) is
 *   recorded once, and the account owns it;
 * - every asset an order delivered that the account still pays for (owned, auto-renewing) is recorded, or
 *   belongs to a resource whose order is still being resolved (pending in state), or was bought by an order
 *   whose answer was lost (`lostAnswers`); an asset released since (auto-renew off, or lapsed) is not lost;
 * - no more assets are recorded than orders delivered plus resources still pending.
 */
export async function expectInvariants(
  sandbox: TestSandbox,
  engine: Engine,
  options: InvariantOptions = {},
): Promise<void> {
  const account = await sandbox.state();
  const entries = [...engine.state.values(), ...engine.pendingDeletes];
  const recorded = entries
    .filter((entry) => !pendingOf(entry))
    .map(assetOf)
    .filter((asset): asset is string => asset !== undefined);
  const pending = entries.filter((entry) => pendingOf(entry));
  const pendingOrderIds = new Set(pending.map((entry) => pendingOf(entry)?.id).filter((id) => id));
  const pendingAssets = new Set(pending.map(assetOf).filter((asset) => asset));
  const owned = new Map([
    ...account.owned.numbers.map((n) => [n.number, n.autoRenew] as const),
    ...account.owned.keywords.map((k) => [k.keyword, k.autoRenew] as const),
  ]);

  expect(new Set(recorded).size).toBe(recorded.length);
  for (const asset of recorded) expect([asset, owned.has(asset)]).toEqual([asset, true]);

  let delivered = 0;
  for (const order of account.orders) {
    const id = String(order.id);
    const assets = [order.localNumbers, order.tollFreeNumbers, order.keywords].flatMap(
      (item) => item?.fulfilled ?? [],
    );
    delivered += assets.length;
    for (const asset of assets) {
      const accounted =
        recorded.includes(asset) ||
        owned.get(asset) !== true ||
        pendingOrderIds.has(id) ||
        pendingAssets.has(asset) ||
        options.lostAnswers?.has(id) === true;
      expect([`order ${id} delivered ${asset}`, accounted]).toEqual([`order ${id} delivered ${asset}`, true]);
    }
  }
  expect(delivered + pending.length).toBeGreaterThanOrEqual(recorded.length);
}

/**
 * Watches an in-process sandbox for CreateNumberOrder requests whose answer a `drop: true, after: true` fault
 * throws away, and collects the ids of the orders they placed anyway. The fault fires and the operation runs
 * synchronously one after the other, so the order created right after the fault fired is the lost one.
 */
export function trackLostOrderAnswers(sandbox: TestSandbox): Set<string> {
  const lost = new Set<string>();
  const { account } = sandbox;
  const faults = account.faults;
  const takeHttpFault = faults.takeHttpFault.bind(faults);
  const createOrder = account.createOrder.bind(account);
  let armed = false;
  faults.takeHttpFault = (operation) => {
    const fault = takeHttpFault(operation);
    if (operation === "CreateNumberOrder" && fault && "drop" in fault && fault.after) {
      armed = true;
      queueMicrotask(() => {
        armed = false;
      });
    }
    return fault;
  };
  account.createOrder = (request) => {
    const order = createOrder(request);
    if (armed) lost.add(String(order.id));
    armed = false;
    return order;
  };
  return lost;
}
