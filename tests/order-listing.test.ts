/**
 * A lost CreateNumberOrder answer on CallFire API v2: the provider lists the orders created since it placed its
 * own (`GET /orders`) and proves what happened instead of stopping (README, *Safety*). Real sandbox over
 * loopback, real host through the faithful engine; each scenario ends by checking the guarantees on the
 * sandbox's account. On 1.1, which cannot list orders, a lost bulk answer still stays UNCONFIRMED.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PhoneNumber } from "pulumi-callfire";
import { HolderRecords } from "../provider/dist/resources/ownership/holders.js";
import { matches } from "../provider/dist/resources/ownership/orderListing.js";
import type { ResourceState } from "./harness";
import { expectInvariants, trackLostOrderAnswers } from "./support/invariants";
import { hostSaid, outputsOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
/** The stacks to close after each test (the tests of pure parts start none). */
const started: TestStack[] = [];
afterEach(() => Promise.all(started.splice(0).map((each) => each.close())));

/** Starts the stack of one test. */
async function start(options: Parameters<typeof startStack>[0]): Promise<TestStack> {
  const each = await startStack(options);
  started.push(each);
  return each;
}

/**
 * A short request timeout: a listing that finds nothing proves "never placed" only one request timeout after
 * the order request was sent, so the test waits that long (and no more) in that case.
 */
const SHORT_TIMEOUT = { "callfire:requestTimeoutSeconds": "5" };

/** The state entry of the resource named `name`. */
function entryOf(name: string): ResourceState {
  const entry = [...stack.engine.state.values()].find((resource) => resource.name === name);
  if (!entry) throw new Error(`${name} is not in the state`);
  return entry;
}

/** A local number in region `prefix`. */
function regionNumber(prefix: string) {
  return stack.capture(() => new PhoneNumber("main", { region: { prefix } }));
}

test("v2: a region order whose answer is lost is found in the order listing, resumed and held", async () => {
  stack = await start({ apiVersion: "v2" });
  const lostAnswers = trackLostOrderAnswers(stack.sandbox);
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: true, times: 1 });
  const result = await stack.engine.up(await regionNumber("1213"));
  expect(result.failed).toEqual([]);
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(1);
  expect(lostAnswers).toEqual(new Set([String(account.orders[0].id)]));
  const outputs = outputsOf(stack.engine, "main");
  expect(outputs.pendingOrder).toBeUndefined();
  expect(outputs.number).toBe(account.orders[0].localNumbers?.fulfilled[0]);
  expect(outputs.number).toMatch(/^1213/);
  await hostSaid(stack, `CallFire's order listing shows the lost order: ${account.orders[0].id}`);
  // Everything it bought is held by a state: no lost answer needs to be excused.
  await expectInvariants(stack.sandbox, stack.engine);
});

test("v2: a toll-free lost answer whose listing failed stays UNCONFIRMED, and the next run finds and resumes its order", async () => {
  stack = await start({ apiVersion: "v2", extraConfig: SHORT_TIMEOUT });
  const resources = await stack.capture(() => new PhoneNumber("main", { tollFree: true }));
  // The order is placed, then the listing fails too: the resource stays UNCONFIRMED for this run.
  await stack.sandbox.faults(
    { operation: "CreateNumberOrder", drop: true, after: true, times: 1 },
    { operation: "QueryOrders", status: 500, times: 10 },
  );
  const first = await stack.engine.up(resources);
  expect(first.failed).toHaveLength(1);
  expect(first.failed[0].message).toContain("order listing could not be read");
  expect(entryOf("main").outputs.pendingOrder).toMatchObject({ status: "UNCONFIRMED" });
  await stack.sandbox.admin("faults", undefined, "DELETE");

  const second = await stack.engine.up(resources);
  expect(second.failed).toEqual([]);
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(1);
  expect(outputsOf(stack.engine, "main").number).toBe(account.orders[0].tollFreeNumbers?.fulfilled[0]);
  expect(outputsOf(stack.engine, "main").pendingOrder).toBeUndefined();
  await expectInvariants(stack.sandbox, stack.engine);
});

test("v2: a lost answer whose order CallFire never took orders once, after the listing proves it", async () => {
  stack = await start({ apiVersion: "v2", extraConfig: SHORT_TIMEOUT });
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: false, times: 1 });
  const result = await stack.engine.up(await regionNumber("1312"));
  expect(result.failed).toEqual([]);
  const account = await stack.sandbox.state();
  expect(account.requests.CreateNumberOrder).toBe(2);
  expect(account.orders).toHaveLength(1);
  expect(outputsOf(stack.engine, "main").number).toBe(account.orders[0].localNumbers?.fulfilled[0]);
  await hostSaid(stack, "the lost order was never placed: ordering again");
  await expectInvariants(stack.sandbox, stack.engine);
});

test("v2: two orders the lost answer could be stay UNCONFIRMED with advice naming both, and nothing is bought", async () => {
  stack = await start({ apiVersion: "v2", extraConfig: SHORT_TIMEOUT });
  // An order of the same shape that nothing here accounts for (bought by hand in the account, say).
  const other = await stack.sandbox.client().createNumberOrder({ localCount: 1, prefix: "1213" });
  const lostAnswers = trackLostOrderAnswers(stack.sandbox);
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: true, times: 1 });
  const resources = await regionNumber("1213");
  const first = await stack.engine.up(resources);
  expect(first.failed).toHaveLength(1);
  const [lost] = [...lostAnswers];
  expect(first.failed[0].message).toContain(`could be (${other.id}, ${lost})`);
  expect(entryOf("main").outputs.pendingOrder).toMatchObject({ status: "UNCONFIRMED" });

  // The next run sees the same two candidates: still nothing ordered, taken or released.
  const second = await stack.engine.up(resources);
  expect(second.failed.map((failure) => failure.message)).toEqual([expect.stringContaining(lost)]);
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(2);
  expect(account.requests.Release).toBe(0);
  expect(outputsOf(stack.engine, "main").number).toBeUndefined();
  // The hand-made order's number is named (by its order) in the advice.
  const handMade = account.orders.find((order) => String(order.id) === other.id);
  await expectInvariants(stack.sandbox, stack.engine, {
    lostAnswers,
    warned: new Set(handMade?.localNumbers?.fulfilled),
  });
});

test("v2: an order of the same shape placed after the request could have been taken is not taken for ours", async () => {
  stack = await start({ apiVersion: "v2", extraConfig: SHORT_TIMEOUT });
  const resources = await regionNumber("1213");
  // The request is dropped before CallFire takes it, and the listing fails: nothing can be proved this run.
  await stack.sandbox.faults(
    { operation: "CreateNumberOrder", drop: true, after: false, times: 1 },
    { operation: "QueryOrders", status: 500, times: 10 },
  );
  const first = await stack.engine.up(resources);
  expect(first.failed).toHaveLength(1);
  expect(entryOf("main").outputs.pendingOrder).toMatchObject({ status: "UNCONFIRMED" });
  await stack.sandbox.admin("faults", undefined, "DELETE");
  // Much later (past the request timeout and the clock-skew margin), someone else orders the same shape.
  await stack.sandbox.admin("clock", { advanceSeconds: 3600 });
  const other = await stack.sandbox.client().createNumberOrder({ localCount: 1, prefix: "1213" });

  const second = await stack.engine.up(resources);
  expect(second.failed).toEqual([]);
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(2);
  const own = account.orders.find((order) => String(order.id) !== other.id);
  expect(outputsOf(stack.engine, "main").number).toBe(own?.localNumbers?.fulfilled[0]);
  await hostSaid(stack, "the lost order was never placed: ordering again");
  // The other order's number stays the other party's: nothing here holds or released it.
  const handMade = account.orders.find((order) => String(order.id) === other.id);
  expect(account.requests.Release).toBe(0);
  await expectInvariants(stack.sandbox, stack.engine, { warned: new Set(handMade?.localNumbers?.fulfilled) });
});

test("1.1 cannot list orders: a lost region answer stays UNCONFIRMED and is never ordered again", async () => {
  stack = await start({ apiVersion: "1.1" });
  const lostAnswers = trackLostOrderAnswers(stack.sandbox);
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: true, times: 1 });
  const resources = await regionNumber("1213");
  expect((await stack.engine.up(resources)).failed).toHaveLength(1);
  expect(entryOf("main").outputs.pendingOrder).toMatchObject({ status: "UNCONFIRMED" });
  const second = await stack.engine.up(resources);
  expect(second.failed).toHaveLength(1);
  expect(second.failed[0].message).toContain("adoptExisting: true");
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(1);
  expect(account.requests.QueryOrders ?? 0).toBe(0);
  await expectInvariants(stack.sandbox, stack.engine, { lostAnswers });
});

test("one order belongs to one resource: a second resource recording the same order is refused, not superseding", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callfire-holders-"));
  try {
    const records = new HolderRecords(dir);
    const first = await records.hold("x", { resource: "stack::a", entry: "1001" });
    // The same resource claiming its order again (a lost state, --replace) supersedes its earlier claim.
    const again = await records.hold("x", { resource: "stack::a", entry: "1001" });
    expect((await records.holders("x")).map((holder) => holder.token)).toEqual([again]);
    expect(again).not.toBe(first);
    // Another resource whose state records the same order sees the holder, and can refuse.
    const seen: string[] = [];
    await expect(
      records.hold("x", { resource: "stack::b", entry: "1001" }, (others) => {
        seen.push(...others.map((other) => other.resource));
        return new Error("held by another resource");
      }),
    ).rejects.toThrow("held by another resource");
    expect(seen).toEqual(["stack::a"]);
    expect(await records.entries()).toEqual(["1001"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an order matches a lost answer only with the same item kind and count, and nothing delivered outside it", () => {
  const item = (ordered: number, fulfilled: string[] = []) => ({ ordered, unitCost: 1, fulfilled });
  const order = (items: object, status = "FINISHED") => ({
    id: "1",
    status,
    created: "",
    totalCost: 1,
    ...items,
  });
  const region = {
    order: { localCount: 1, prefix: "1213" },
    item: "localNumbers",
    description: "",
    journalKey: "",
  };
  const exact = {
    order: { numbers: ["(213) 555-0100"] },
    item: "localNumbers",
    description: "",
    journalKey: "",
  };
  const keyword = { order: { keywords: ["Lost"] }, item: "keywords", description: "", journalKey: "" };
  const requests = { region, exact, keyword } as Record<string, Parameters<typeof matches>[1]>;
  const cases: [string, object, string, boolean][] = [
    ["region", { localNumbers: item(1, ["12135550111"]) }, "FINISHED", true],
    ["region", { localNumbers: item(1) }, "PROCESSING", true],
    ["region", { localNumbers: item(1, ["13125550111"]) }, "FINISHED", false],
    ["region", { localNumbers: item(2) }, "PROCESSING", false],
    ["region", { tollFreeNumbers: item(1) }, "PROCESSING", false],
    ["region", { localNumbers: item(1), keywords: item(1) }, "PROCESSING", false],
    ["exact", { localNumbers: item(1, ["12135550100"]) }, "FINISHED", true],
    ["exact", { localNumbers: item(1, ["12135550101"]) }, "FINISHED", false],
    ["keyword", { keywords: item(1, ["LOST"]) }, "FINISHED", true],
    ["keyword", { keywords: item(1, ["FOUND"]) }, "FINISHED", false],
  ];
  const seen = cases.map(([name, items, status]) => [
    name,
    items,
    status,
    matches(order(items, status) as Parameters<typeof matches>[0], requests[name]),
  ]);
  expect(seen).toEqual(cases);
});
