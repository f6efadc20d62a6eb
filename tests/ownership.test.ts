/**
 * Provable ownership (README, *Safety*): each scenario runs through the real host on the faithful engine (a
 * fresh host per run, `--replace` without Diff, streaming checks), and ends by checking guarantees 1–5 on the
 * sandbox's account with `expectInvariants`, plus what the scenario itself shows (orders placed, releases sent).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Keyword, PhoneNumber } from "pulumi-callfire";
import {
  captureProgram,
  type DesiredResource,
  Engine,
  type ResourceState,
  startHost,
  type UpOptions,
} from "./harness";
import { expectInvariants, type InvariantOptions } from "./support/invariants";
import { eventually, hostSaid, journalEntries, outputsOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
afterEach(() => stack.close());

/** One `pulumi up` (the engine starts a fresh host for it). */
function up(resources: DesiredResource[], options?: UpOptions) {
  return stack.engine.up(resources, options);
}

/** Another stack on the same account and journal folder. */
function otherStack(): Engine {
  const other = new Engine({
    startHost: () => startHost(),
    config: stack.config,
    secretKeys: ["callfire:password"],
  });
  others.push(other);
  return other;
}

const others: Engine[] = [];
afterEach(async () => {
  await Promise.all(others.splice(0).map((other) => other.close()));
});

/** The state entry of the resource named `name`. */
function entryOf(name: string): ResourceState {
  const entry = [...stack.engine.state.values()].find((resource) => resource.name === name);
  if (!entry) throw new Error(`${name} is not in the state`);
  return entry;
}

/** `pulumi up --replace <urn>` of the resource named `name`: no Diff, a Check without olds, create, delete the old. */
async function upReplace(resources: DesiredResource[], name: string): Promise<void> {
  const result = await up(resources, { replace: [entryOf(name).urn] });
  expect(result.replaced).toHaveLength(1);
}

/** Checks guarantees 1–5 on the account against this stack's state (and others' on the same account). */
async function expectGuarantees(options: InvariantOptions = {}, others: Engine[] = []) {
  await expectInvariants(stack.sandbox, [stack.engine, ...others], options);
}

/** What the account shows about one asset: whether it is owned, and renewing. */
async function lease(asset: string): Promise<{ owned: boolean; autoRenew?: boolean }> {
  const account = await stack.sandbox.state();
  const found = [...account.owned.numbers.map((n) => [n.number, n.autoRenew] as const)].find(
    ([number]) => number === asset,
  );
  return found ? { owned: true, autoRenew: found[1] } : { owned: false };
}

/** The account placed exactly one order, released nothing, and still owns `asset` with auto-renew on. */
async function expectOneOrderNothingReleased(asset: string) {
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(1);
  expect(account.requests.Release).toBe(0);
  expect(await lease(asset)).toEqual({ owned: true, autoRenew: true });
}

/** Leaves a region order pending in state (a wait that ran out), then lets CallFire finish it. */
async function pendingThenFinished(name: string, prefix: string) {
  await stack.sandbox.faults({ order: "stuck" });
  const resources = await stack.capture(
    () => new PhoneNumber(name, { region: { prefix }, orderTimeoutSeconds: 1 }),
  );
  expect((await up(resources)).failed).toHaveLength(1);
  const orderId = (entryOf(name).outputs.pendingOrder as { id: string }).id;
  await stack.sandbox.admin(`orders/${orderId}/finish`, {});
  await stack.sandbox.admin("faults", undefined, "DELETE");
  const [order] = (await stack.sandbox.state()).orders;
  return { resources, orderId, number: order.localNumbers?.fulfilled[0] as string };
}

test("pulumi up --replace while the order is pending: the new half takes the number, the old half keeps it", async () => {
  stack = await startStack();
  const { resources, number } = await pendingThenFinished("main", "1312");
  await upReplace(resources, "main");
  expect(outputsOf(stack.engine, "main").number).toBe(number);
  await hostSaid(stack, `${number} is not released`);
  await expectOneOrderNothingReleased(number);
  await expectGuarantees();
});

test("pinning the pending order's number with adoptExisting: the replacement adopts it, the old half keeps it", async () => {
  stack = await startStack();
  const { number } = await pendingThenFinished("main", "1619");
  const pinned = await stack.capture(() => new PhoneNumber("main", { number, adoptExisting: true }));
  const result = await up(pinned);
  expect(result.failed).toEqual([]);
  expect(result.replaced).toHaveLength(1);
  expect(outputsOf(stack.engine, "main").number).toBe(number);
  await expectOneOrderNothingReleased(number);
  await expectGuarantees();
});

test("a number another resource here holds is never taken by a lost answer's reconciliation, nor released by it", async () => {
  stack = await startStack();
  const [candidate] = await stack.sandbox.client().searchAvailableNumbers({ prefix: "1212", count: 1 });
  const x = candidate.number;
  // B's order request is lost before CallFire sees it: B is recorded as unconfirmed.
  const b = () => new PhoneNumber("b", { number: x });
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: false, times: 1 });
  expect((await up(await stack.capture(b))).failed).toHaveLength(1);
  expect(entryOf("b").outputs.pendingOrder).toMatchObject({ status: "UNCONFIRMED" });

  // A buys X first (one step at a time: A's create, then B's update): B must not take X as its own.
  const both = await stack.capture(() => {
    new PhoneNumber("a", { number: x });
    b();
  });
  const second = await up(both, { parallel: 1 });
  expect(second.created).toHaveLength(1);
  expect(outputsOf(stack.engine, "a").number).toBe(x);
  expect(second.failed.map((failure) => failure.message).join()).toContain("already hold");
  expect(entryOf("b").outputs.pendingOrder).toMatchObject({ status: "UNCONFIRMED" });

  // Removing B releases nothing.
  const removed = await up(await stack.capture(() => new PhoneNumber("a", { number: x })));
  expect(removed.failed).toEqual([]);
  expect(removed.deleted).toHaveLength(1);
  await expectOneOrderNothingReleased(x);
  await expectGuarantees();
});

test("a number another resource here bought is refused before ordering, and removing the newcomer releases nothing", async () => {
  stack = await startStack();
  const a = () => new PhoneNumber("a", { region: { prefix: "1206" } });
  expect((await up(await stack.capture(a))).failed).toEqual([]);
  const x = outputsOf(stack.engine, "a").number as string;
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: false, times: 1 });
  const withB = await stack.capture(() => {
    a();
    new PhoneNumber("b", { number: x });
  });
  for (let run = 1; run <= 2; run++) {
    const result = await up(withB);
    expect(result.failed[0].message).toContain(`number ${x} is already owned by this CallFire account`);
  }
  expect((await up(await stack.capture(a))).failed).toEqual([]);
  const account = await stack.sandbox.state();
  expect(account.requests.CreateNumberOrder).toBe(1);
  expect(account.requests.Release).toBe(0);
  expect(await lease(x)).toEqual({ owned: true, autoRenew: true });
  await expectGuarantees();
});

/** A component with one number, as a user would write it. */
class Office extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Office", name, {}, opts);
    new PhoneNumber("main", { region: { prefix: "1213" } }, { parent: this });
  }
}

/** A component holding an `Office` of the same name as a top-level one. */
class Branch extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Branch", name, {});
    new Office("hq", { parent: this });
  }
}

test("the same names under different grandparents are different resources: own orders, own releases", async () => {
  stack = await startStack();
  expect((await up(await stack.capture(() => new Office("hq")))).failed).toEqual([]);
  expect(journalEntries(stack.config["callfire:journalDir"])).toHaveLength(1); // not yet forgotten
  // The branch first, so that its create reaches the host before the top-level office's diff forgets the entry.
  const both = await stack.capture(() => {
    new Branch("east");
    new Office("hq");
  });
  // The harness names resources as the engine does, with the parent's whole type chain (tests/harness/program.ts).
  const nested = both.find((resource) => resource.urn.includes("::test:index:Branch$test:index:Office$"));
  if (!nested) throw new Error("the branch's number is not in the program");
  both.sort((x) => (x === nested ? -1 : 1)); // its create first, as above
  expect((await up(both)).failed).toEqual([]);
  const numbers = [...stack.engine.state.values()].map((entry) => entry.outputs.number as string);
  expect(new Set(numbers).size).toBe(2);
  const [top] = [...stack.engine.state.values()].filter((entry) => !entry.urn.includes("Branch"));
  const topNumber = top.outputs.number as string;

  const removed = await up(await stack.capture(() => new Office("hq")));
  expect(removed.deleted).toHaveLength(1);
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(2);
  expect(account.requests.Release).toBe(1);
  expect(await lease(topNumber)).toEqual({ owned: true, autoRenew: true });
  await expectGuarantees();
});

test("an entry nobody accounts for is not claimed over another stack's adoption; once expired, it is named and dropped", async () => {
  stack = await startStack();
  const first = (retain: boolean) => () =>
    new PhoneNumber("first", { region: { prefix: "1305" } }, { retainOnDelete: retain });
  expect((await up(await stack.capture(first(true)))).failed).toEqual([]);
  const x = outputsOf(stack.engine, "first").number as string;
  expect((await up([])).deleted).toHaveLength(1); // retained: no provider call, its journal entry stays

  // Another stack on the same account and journal folder adopts X.
  const other = otherStack();
  const adopter = await captureProgram(() => new PhoneNumber("s", { number: x, adoptExisting: true }), {
    config: stack.config,
    stack: "other",
  });
  expect((await other.up(adopter)).failed).toEqual([]);

  // The first resource comes back: its old order's number is held by the other stack, so it is not taken.
  const back = await stack.capture(first(false));
  const refused = await up(back);
  expect(refused.failed[0].message).toContain(`delivered number ${x}, but`);
  expect(refused.failed[0].message).toContain("project/other/PhoneNumber/s holds it now");
  expect(stack.engine.state.size).toBe(0);

  // A month later the entry has expired: it is named in a warning and removed, and a new number is ordered.
  const [entry] = journalEntries(stack.config["callfire:journalDir"]);
  const monthAgo = new Date(Date.now() - 31 * 24 * 3600_000);
  fs.utimesSync(entry, monthAgo, monthAgo);
  const renewed = await up(back);
  expect(renewed.failed).toEqual([]);
  await hostSaid(stack, "was not claimed for 30 days and is removed");
  const y = outputsOf(stack.engine, "first").number;
  expect(y).not.toBe(x);

  // Destroying the first stack releases only its own number.
  expect((await stack.engine.destroy()).failed).toEqual([]);
  expect(await lease(x)).toEqual({ owned: true, autoRenew: true });
  expect((await stack.sandbox.state()).requests.Release).toBe(1);
  await expectGuarantees({}, [other]);
});

test("adopting what another resource manages shares it: removing the adopter releases nothing", async () => {
  stack = await startStack();
  const a = () => new PhoneNumber("a", { region: { prefix: "1214" } });
  expect((await up(await stack.capture(a))).failed).toEqual([]);
  const x = outputsOf(stack.engine, "a").number as string;
  const both = await stack.capture(() => {
    a();
    new PhoneNumber("b", { number: x, adoptExisting: true });
  });
  expect((await up(both)).failed).toEqual([]);
  await expectGuarantees({ shared: new Set([x]) });

  expect((await up(await stack.capture(a))).deleted).toHaveLength(1);
  await hostSaid(stack, `${x} is not released`);
  expect((await stack.sandbox.state()).requests.Release).toBe(0);
  expect(await lease(x)).toEqual({ owned: true, autoRenew: true });
  await expectGuarantees();

  // The last holder does release it.
  expect((await up([])).deleted).toHaveLength(1);
  expect(await lease(x)).toEqual({ owned: true, autoRenew: false });
  await expectGuarantees();
});

test("a holder record that cannot be written after the order finished keeps the number in state", async () => {
  stack = await startStack();
  const blocker = path.join(stack.config["callfire:journalDir"], "holders");
  fs.writeFileSync(blocker, "not a folder"); // as a full disk or a read-only folder would
  const resources = await stack.capture(() => new PhoneNumber("n", { region: { prefix: "1206" } }));
  const first = await up(resources);
  expect(first.failed[0].message).toContain("its holder record could not be written");
  const x = outputsOf(stack.engine, "n").number as string;
  expect(x).toMatch(/^1206/);
  await expectGuarantees();

  fs.rmSync(blocker);
  expect((await up(resources)).failed).toEqual([]);
  expect(outputsOf(stack.engine, "n")).toMatchObject({ number: x, status: "ACTIVE" });
  expect((await up([])).deleted).toHaveLength(1);
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(1);
  expect(await lease(x)).toEqual({ owned: true, autoRenew: false });
  await expectGuarantees();
});

test("PAYMENT_ERROR: the order stays in state with a clear error, is never ordered again, and removing it warns", async () => {
  stack = await startStack();
  await stack.sandbox.faults({ order: "status", status: "PAYMENT_ERROR" });
  const resources = await stack.capture(() => new Keyword("promo", { keyword: "unpaid" }));
  for (let run = 1; run <= 2; run++) {
    const result = await up(resources);
    expect(result.failed[0].message).toContain("could not charge the account");
    expect(result.failed[0].message).toContain("It is not ordered again");
    expect(entryOf("promo").outputs.pendingOrder).toMatchObject({ status: "PAYMENT_ERROR" });
  }
  expect((await stack.sandbox.state()).requests.CreateNumberOrder).toBe(1);
  const removed = await up([]);
  expect(removed.failed).toEqual([]);
  await hostSaid(stack, "is PAYMENT_ERROR: it delivered nothing");
  expect((await stack.sandbox.state()).requests.CreateNumberOrder).toBe(1);
  await expectGuarantees();
});

test("a destroy while the order is pending, once it finished, releases the number no one else holds", async () => {
  stack = await startStack();
  const { number } = await pendingThenFinished("main", "1713");
  expect((await up([])).deleted).toHaveLength(1);
  expect(await lease(number)).toEqual({ owned: true, autoRenew: false });
  await expectGuarantees();
});

test("a lost answer for an exact number looked up unowned before the order: the next up takes it, once", async () => {
  stack = await startStack();
  const resources = await stack.capture(() => new Keyword("kw", { keyword: "lostanswer" }));
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: true, times: 1 });
  expect((await up(resources)).failed).toHaveLength(1);
  expect(entryOf("kw").outputs.pendingOrder).toMatchObject({ status: "UNCONFIRMED", unownedBefore: true });
  expect((await up(resources)).failed).toEqual([]);
  await hostSaid(stack, "the lost order for LOSTANSWER went through");
  expect(outputsOf(stack.engine, "kw").keyword).toBe("LOSTANSWER");
  expect((await stack.sandbox.state()).orders).toHaveLength(1);
  await expectGuarantees();
});

test("a region change while the order is pending: the new region's number is bought, the old order's released once done", async () => {
  stack = await startStack();
  await stack.sandbox.faults({ order: "stuck" });
  const program = (prefix: string) => () =>
    new PhoneNumber("moved", { region: { prefix }, orderTimeoutSeconds: 1 });
  expect((await up(await stack.capture(program("1212")))).failed).toHaveLength(1);
  const orderId = (entryOf("moved").outputs.pendingOrder as { id: string }).id;
  await stack.sandbox.admin("faults", undefined, "DELETE");

  const moved = await stack.capture(program("1305"));
  const first = await up(moved);
  expect(first.failed[0].message).toContain(`CallFire order ${orderId} is still PROCESSING`); // the old half waits
  const y = outputsOf(stack.engine, "moved").number as string;
  expect(y).toMatch(/^1305/);

  await stack.sandbox.admin(`orders/${orderId}/finish`, {});
  expect((await up(moved)).failed).toEqual([]);
  const account = await stack.sandbox.state();
  const x = account.orders.find((order) => String(order.id) === orderId)?.localNumbers
    ?.fulfilled[0] as string;
  expect(await lease(x)).toEqual({ owned: true, autoRenew: false });
  expect(await lease(y)).toEqual({ owned: true, autoRenew: true });
  expect(account.orders).toHaveLength(2);
  await expectGuarantees();
});

test("a keyword's case changed in the program is the same keyword: no order, no release", async () => {
  stack = await startStack();
  expect((await up(await stack.capture(() => new Keyword("k", { keyword: "pizza" })))).failed).toEqual([]);
  const again = await up(await stack.capture(() => new Keyword("k", { keyword: "Pizza" })));
  expect(again.failed).toEqual([]);
  expect(again.replaced).toEqual([]);
  const account = await stack.sandbox.state();
  expect(account.requests.CreateNumberOrder).toBe(1);
  expect(account.requests.Release).toBe(0);
  await expectGuarantees();
});

test("two stacks on one journal folder: each its own order and number; destroying one releases only its own", async () => {
  stack = await startStack();
  const program = () => new PhoneNumber("main", { region: { prefix: "1713" } });
  expect((await up(await stack.capture(program))).failed).toEqual([]);
  const other = otherStack();
  const otherProgram = await captureProgram(program, { config: stack.config, stack: "other" });
  expect((await other.up(otherProgram)).failed).toEqual([]);
  const mine = outputsOf(stack.engine, "main").number as string;
  const theirs = outputsOf(other, "main").number as string;
  expect(mine).not.toBe(theirs);
  await expectGuarantees({}, [other]);

  expect((await other.destroy()).failed).toEqual([]);
  expect(await lease(theirs)).toEqual({ owned: true, autoRenew: false });
  expect(await lease(mine)).toEqual({ owned: true, autoRenew: true });
  expect((await stack.sandbox.state()).orders).toHaveLength(2);
  await expectGuarantees({}, [other]);
});

test("a lease that ends with auto-renew on renews: refresh and up keep the number, nothing is ordered or released", async () => {
  stack = await startStack();
  const resources = await stack.capture(() => new PhoneNumber("kept", { region: { prefix: "1214" } }));
  expect((await up(resources)).failed).toEqual([]);
  const x = outputsOf(stack.engine, "kept").number as string;
  await stack.sandbox.admin("clock", { advanceDays: 40 });
  expect((await stack.engine.refresh()).failed).toEqual([]);
  expect((await up(resources)).failed).toEqual([]);
  expect(outputsOf(stack.engine, "kept").number).toBe(x);
  const account = await stack.sandbox.state();
  expect(account.requests.CreateNumberOrder).toBe(1);
  expect(account.requests.Release).toBe(0);
  expect(await lease(x)).toEqual({ owned: true, autoRenew: true });
  await expectGuarantees();
});

test("the CLI killed while its host waits for the order: the next up stops instead of ordering again, then resumes", async () => {
  stack = await startStack();
  await stack.sandbox.faults({ order: "slow", processingSeconds: 30 });
  const resources = await stack.capture(() => new PhoneNumber("n", { region: { prefix: "1305" } }));
  const run = up(resources);
  await eventually(() => stack.journal().some((orderId) => orderId !== undefined), "a journaled order id");
  await stack.engine.killCli(); // its host is left running, still waiting for the order
  await run;

  const blocked = await up(resources);
  expect(blocked.failed[0].message).toContain("is still working on an order for this resource");
  expect((await stack.sandbox.state()).requests.CreateNumberOrder).toBe(1);

  await stack.engine.close(); // the user stops the orphan
  await stack.sandbox.admin("clock", { advanceSeconds: 31 });
  expect((await up(resources)).failed).toEqual([]);
  await hostSaid(stack, "(journal)");
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(1);
  expect(account.owned.numbers.map((n) => n.number)).toEqual([outputsOf(stack.engine, "n").number]);
  await expectGuarantees();
});
