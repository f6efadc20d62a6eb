/**
 * Test support: the purchase invariants between the sandbox's account and an engine's state (and history),
 * checked after every scenario that changes the account, and by the soak after every step. In short: nothing is bought twice, nothing bought is lost, and
 * nothing is recorded that the account does not own.
 */
import * as fs from "node:fs";
import type { Engine, ResourceState } from "../harness";
import type { TestSandbox } from "./sandbox";
import type { TestStack } from "./stack";

/** What the invariants may not know from the account and the state alone. */
export interface InvariantOptions {
  /**
   * Orders whose CreateNumberOrder answer was lost (see {@link trackLostOrderAnswers}). What such an order buys
   * for a region or toll-free selection cannot be matched to a resource, by design: the provider records the
   * resource as UNCONFIRMED with advice and never orders again, so its delivery may stay unrecorded.
   */
  lostAnswers?: ReadonlySet<string>;
  /** Every state is saved and seen by a later run: the journal in `journalDir` must hold no entry. */
  settled?: { journalDir: string };
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
 *   recorded once and owned; a live resource's asset is also still renewing (not released);
 * - no asset was delivered by two orders (bought twice), released since or not;
 * - every asset an order delivered was recorded by the engine at some time, or belongs to a resource whose order
 *   is being resolved (pending in state), or to an order a resource once recorded as pending, or was bought by an
 *   order whose answer was lost (`lostAnswers`): an extra purchase stays one after it is released;
 * - one physical resource (a generation of {@link Engine.history}) recorded at most one order that delivered,
 *   so only a replacement (a new generation) may order again once an order delivered;
 * - no more assets are recorded than orders delivered plus resources still pending;
 * - with `settled`, no journal entry is left.
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
  const live = [...engine.state.values()].filter((entry) => !pendingOf(entry) && assetOf(entry));
  const pending = entries.filter((entry) => pendingOf(entry));
  const pendingOrderIds = new Set(pending.map((entry) => pendingOf(entry)?.id).filter((id) => id));
  const pendingAssets = new Set(pending.map(assetOf).filter((asset) => asset));
  const owned = new Map([
    ...account.owned.numbers.map((n) => [n.number, n.autoRenew] as const),
    ...account.owned.keywords.map((k) => [k.keyword, k.autoRenew] as const),
  ]);
  const everRecorded = new Set(engine.history.map(({ state }) => assetOf(state)).filter((asset) => asset));
  const everPending = new Set(engine.history.map(({ state }) => pendingOf(state)?.id).filter((id) => id));

  expect(new Set(recorded).size).toBe(recorded.length);
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
        everRecorded.has(asset) ||
        pendingOrderIds.has(id) ||
        everPending.has(id) ||
        pendingAssets.has(asset) ||
        options.lostAnswers?.has(id) === true;
      expect([`order ${id} delivered ${asset}`, accounted]).toEqual([`order ${id} delivered ${asset}`, true]);
    }
  }
  const ordersOf = new Map<number, Set<string>>();
  for (const { generation, state } of engine.history) {
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
  expect(deliveredBy.size + pending.length).toBeGreaterThanOrEqual(recorded.length);
  if (options.settled) expect(leftoverEntries(options.settled.journalDir)).toEqual([]);
}

/** The order entries left in a journal folder (not holder records, not a `.tmp` being written). */
export function leftoverEntries(journalDir: string): string[] {
  return fs.readdirSync(journalDir).filter((name) => name.endsWith(".claimed.json"));
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
