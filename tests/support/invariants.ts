/**
 * Test support: the purchase invariants between the sandbox's account and an engine's state (and history),
 * checked after every scenario that changes the account, and by the soak after every step. They are the
 * README's guarantees as far as the account and the states can show them: nothing bought twice (1), nothing
 * bought lost (2), nothing a state holds released (3), no asset claimed by two states unless they adopted it
 * (4), and no released asset handed out (5).
 */
import type { Engine, ResourceState } from "../harness";
import type { TestSandbox } from "./sandbox";
import { journalEntries, type TestStack } from "./stack";

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
  /** Every state is saved and seen by a later run: the journal in `journalDir` must hold no entry. */
  settled?: { journalDir: string };
}

/** The state (and history) of one stack: an engine's; several stacks on one account are passed as a list. */
export type StackState = Pick<Engine, "state" | "pendingDeletes" | "history">;

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
 *   recorded once (unless `shared`) and owned; a live resource's asset is also still renewing: nothing a state
 *   holds was released (3), and no state was handed a released asset (5);
 * - no asset was delivered by two orders (bought twice), released since or not;
 * - every asset an order delivered that the account still pays for (renewing) is recorded in a state now, and
 *   one released since was recorded at some time (2); or it belongs to a resource whose order is being resolved
 *   (pending in state), or to an order a resource once recorded as pending, or was bought by an order whose
 *   answer was lost (`lostAnswers`), or was named in a warning (`warned`), or was last recorded with
 *   `releaseOnDelete: false` (kept on purpose): an extra purchase stays one after it is released;
 * - one physical resource (a generation of {@link Engine.history}) recorded at most one order that delivered,
 *   so only a replacement (a new generation) may order again once an order delivered;
 * - no more assets are recorded than orders delivered plus resources still pending;
 * - with `settled`, no journal entry is left.
 */
export async function expectInvariants(
  sandbox: TestSandbox,
  stacks: StackState | StackState[],
  options: InvariantOptions = {},
): Promise<void> {
  const account = await sandbox.state();
  const engines = [stacks].flat();
  const entries = engines.flatMap((engine) => [...engine.state.values(), ...engine.pendingDeletes]);
  const history = engines.flatMap((engine, index) =>
    engine.history.map(({ generation, state }) => ({ generation: `${index}:${generation}`, state })),
  );
  const recorded = entries
    .filter((entry) => !pendingOf(entry))
    .map(assetOf)
    .filter((asset): asset is string => asset !== undefined);
  const live = engines
    .flatMap((engine) => [...engine.state.values()])
    .filter((entry) => !pendingOf(entry) && assetOf(entry));
  const pending = entries.filter((entry) => pendingOf(entry));
  const pendingOrderIds = new Set(pending.map((entry) => pendingOf(entry)?.id).filter((id) => id));
  const pendingAssets = new Set(pending.map(assetOf).filter((asset) => asset));
  const owned = new Map([
    ...account.owned.numbers.map((n) => [n.number, n.autoRenew] as const),
    ...account.owned.keywords.map((k) => [k.keyword, k.autoRenew] as const),
  ]);
  const everRecorded = new Set(history.map(({ state }) => assetOf(state)).filter((asset) => asset));
  // Assets whose last state said `releaseOnDelete: false`: kept in the account on purpose, with a log line.
  const keptOnPurpose = new Set<string>();
  for (const { state } of history) {
    const asset = assetOf(state);
    const args = state.outputs.args as { releaseOnDelete?: boolean } | undefined;
    if (asset && args?.releaseOnDelete === false) keptOnPurpose.add(asset);
    else if (asset) keptOnPurpose.delete(asset);
  }
  const everPending = new Set(history.map(({ state }) => pendingOf(state)?.id).filter((id) => id));

  const unshared = recorded.filter((asset) => !options.shared?.has(asset));
  expect(new Set(unshared).size).toBe(unshared.length);
  for (const asset of recorded) expect([asset, owned.has(asset)]).toEqual([asset, true]);
  for (const entry of live) {
    const asset = assetOf(entry);
    expect([`${entry.urn} holds ${asset}, renewing`, owned.get(asset as string)]).toEqual([
      `${entry.urn} holds ${asset}, renewing`,
      true,
    ]);
  }

  const deliveredBy = new Map<string, string>();
  const deliveringOrders = new Set<string>();
  for (const order of account.orders) {
    const id = String(order.id);
    const assets = [order.localNumbers, order.tollFreeNumbers, order.keywords].flatMap(
      (item) => item?.fulfilled ?? [],
    );
    if (assets.length > 0) deliveringOrders.add(id);
    for (const asset of assets) {
      const twice = deliveredBy.get(asset);
      expect([`${asset} bought by orders`, twice]).toEqual([`${asset} bought by orders`, undefined]);
      deliveredBy.set(asset, id);
      const accounted =
        (owned.get(asset) === true
          ? recorded.includes(asset) || keptOnPurpose.has(asset)
          : everRecorded.has(asset)) ||
        pendingOrderIds.has(id) ||
        everPending.has(id) ||
        pendingAssets.has(asset) ||
        options.lostAnswers?.has(id) === true ||
        options.warned?.has(asset) === true;
      expect([`order ${id} delivered ${asset}`, accounted]).toEqual([`order ${id} delivered ${asset}`, true]);
    }
  }
  const ordersOf = new Map<string, Set<string>>();
  for (const { generation, state } of history) {
    const ids = [state.outputs.orderId, pendingOf(state)?.id].filter(
      (id): id is string => typeof id === "string" && deliveringOrders.has(id),
    );
    for (const id of ids) ordersOf.set(generation, new Set([...(ordersOf.get(generation) ?? []), id]));
  }
  for (const [generation, ids] of ordersOf) {
    expect([`generation ${generation} delivered orders`, [...ids].length]).toEqual([
      `generation ${generation} delivered orders`,
      1,
    ]);
  }
  expect(deliveredBy.size + pending.length).toBeGreaterThanOrEqual(new Set(recorded).size);
  if (options.settled) expect(leftoverEntries(options.settled.journalDir)).toEqual([]);
}

/** The order entries left in a journal folder (not holder records). */
export function leftoverEntries(journalDir: string): string[] {
  return journalEntries(journalDir);
}

/** Checks the invariants, then closes the stack (also when they fail). */
export async function closeChecked(stack: TestStack, options: InvariantOptions = {}): Promise<void> {
  try {
    await expectInvariants(stack.sandbox, stack.engine, options);
  } finally {
    await stack.close();
  }
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
