/**
 * Test support: the purchase invariants between the sandbox's account and an engine's state, checked by the
 * fault suite, the ownership scenarios and the soak after every step. They are the README's guarantees as far
 * as the account and the states can show them: nothing bought twice (1), nothing bought lost (2), nothing a
 * state holds released (3), no asset claimed by two states unless they adopted it (4), and no released asset
 * handed out (5).
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
  /**
   * Assets the provider named in a warning that tells the user what to do with them (guarantee 2 allows an
   * asset no state holds if a warning names it). Pass only what the test saw in the host's output.
   */
  warned?: ReadonlySet<string>;
  /** Assets that several live states may hold, because the test had them adopted explicitly (`adoptExisting`). */
  shared?: ReadonlySet<string>;
}

/** The state of one stack: an engine's, or several stacks' on one account. */
export type StackState = Pick<Engine, "state" | "pendingDeletes">;

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
 *   recorded once (unless `shared`), and the account owns it **with auto-renew on**: nothing a state holds was
 *   released (3), and no state was handed a released asset (5);
 * - every asset an order delivered that the account still pays for (owned, auto-renewing) is recorded, or
 *   belongs to a resource whose order is still being resolved (pending in state), or was bought by an order
 *   whose answer was lost (`lostAnswers`), or was named in a warning (`warned`) (2); an asset released since
 *   (auto-renew off, or lapsed) is not lost;
 * - no more assets are recorded than orders delivered plus resources still pending.
 */
export async function expectInvariants(
  sandbox: TestSandbox,
  engine: StackState | StackState[],
  options: InvariantOptions = {},
): Promise<void> {
  const account = await sandbox.state();
  const entries = [engine].flat().flatMap((stack) => [...stack.state.values(), ...stack.pendingDeletes]);
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

  const unshared = recorded.filter((asset) => !options.shared?.has(asset));
  expect(new Set(unshared).size).toBe(unshared.length);
  for (const asset of recorded) {
    expect([`${asset} owned and renewing`, owned.get(asset)]).toEqual([`${asset} owned and renewing`, true]);
  }

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
        options.lostAnswers?.has(id) === true ||
        options.warned?.has(asset) === true;
      expect([`order ${id} delivered ${asset}`, accounted]).toEqual([`order ${id} delivered ${asset}`, true]);
    }
  }
  expect(delivered + pending.length).toBeGreaterThanOrEqual(new Set(recorded).size);
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
