/**
 * Never lose a purchase: orders still pending when create gives up, or when the host dies mid-wait, are
 * resumed by the next `up` instead of being placed again. Calls that arrive together on a fresh host all see
 * the configuration.
 */
import { Keyword, PhoneNumber } from "pulumi-callfire";
import { closeChecked, expectInvariants } from "./support/invariants";
import { eventually, hostSaid, outputsOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(() => closeChecked(stack));

test("a wait that times out records the order; the next up resumes it without ordering again", async () => {
  await stack.sandbox.faults({ order: "stuck" });
  const program = () => new PhoneNumber("slow", { region: { prefix: "1305" }, orderTimeoutSeconds: 1 });
  const first = await stack.engine.up(await stack.capture(program));
  expect(first.failed).toHaveLength(1);
  expect(first.failed[0].message).toContain("still PROCESSING");
  const entry = [...stack.engine.state.values()][0];
  expect(entry.initErrors).toHaveLength(1);
  const orderId = (entry.outputs.pendingOrder as { id: string }).id;
  expect(entry.id).toBe(`order-${orderId}`);

  const stillStuck = await stack.engine.up(await stack.capture(program));
  expect(stillStuck.failed).toHaveLength(1);

  await stack.sandbox.admin(`orders/${orderId}/finish`, {});
  const resumed = await stack.engine.up(await stack.capture(program));
  expect(resumed.failed).toEqual([]);
  const state = await stack.sandbox.state();
  expect(state.orders).toHaveLength(1);
  expect(state.owned.numbers.map((n) => n.number)).toEqual([outputsOf(stack.engine, "slow").number]);
  expect(outputsOf(stack.engine, "slow")).toMatchObject({ orderId, status: "ACTIVE" });
  expect(outputsOf(stack.engine, "slow").pendingOrder).toBeUndefined();
});

test("an order CallFire does not know (another account or base URL) can always be removed from the stack", async () => {
  await stack.sandbox.faults({ order: "stuck" });
  const program = () => new PhoneNumber("elsewhere", { region: { prefix: "1305" }, orderTimeoutSeconds: 1 });
  expect((await stack.engine.up(await stack.capture(program))).failed).toHaveLength(1);
  await stack.sandbox.admin("reset", {}); // as if the stack now pointed at an account without that order

  const stuck = await stack.engine.up(await stack.capture(program));
  expect(stuck.failed[0].message).toContain("CallFire does not know this order");
  expect(stuck.failed[0].message).toContain("remove the resource from the program");
  const removed = await stack.engine.up([]);
  expect(removed.failed).toEqual([]);
  expect(removed.deleted).toHaveLength(1);
  await hostSaid(stack, "CallFire does not know order");
  expect((await stack.sandbox.state()).orders).toEqual([]);
});

test("a host killed mid-wait: the next up claims the journaled order instead of buying again", async () => {
  await stack.sandbox.faults({ order: "slow", processingSeconds: 30 });
  const resources = await stack.capture(() => new Keyword("kw", { keyword: "crash" }));
  const interrupted = stack.engine.up(resources);
  await eventually(() => stack.journal().some((orderId) => orderId !== undefined), "a journaled order id");
  await stack.engine.killHost();
  const lost = await interrupted;
  expect(lost.failed).toHaveLength(1);
  expect(stack.engine.state.size).toBe(0);

  await stack.sandbox.admin("clock", { advanceSeconds: 31 });
  const resumed = await stack.engine.up(resources);
  expect(resumed.failed).toEqual([]);
  const state = await stack.sandbox.state();
  expect(state.orders).toHaveLength(1);
  expect(state.owned.keywords.map((k) => k.keyword)).toEqual(["CRASH"]);
  await hostSaid(stack, "(journal)");
});

test("an ERRORED order fails the create and records nothing", async () => {
  await stack.sandbox.faults({ order: "errored" });
  const result = await stack.engine.up(await stack.capture(() => new PhoneNumber("e", { tollFree: true })));
  expect(result.failed[0].message).toMatch(/order \d+ ended ERRORED; nothing was bought/);
  expect(stack.engine.state.size).toBe(0);
  expect((await stack.sandbox.state()).owned.numbers).toEqual([]);
});

test("concurrent creates on a fresh host all see the configuration and each buy one number", async () => {
  const result = await stack.engine.up(
    await stack.capture(() => {
      for (let i = 0; i < 6; i++) new PhoneNumber(`n${i}`, { region: { prefix: "1212" } });
    }),
  );
  expect(result.failed).toEqual([]);
  const numbers = [...stack.engine.state.values()].map((entry) => entry.outputs.number);
  expect(new Set(numbers).size).toBe(6);
  const state = await stack.sandbox.state();
  expect(state.orders).toHaveLength(6);
  expect(state.owned.numbers.map((n) => n.number).sort()).toEqual([...numbers].sort());
});

test("a new order is first polled a second after it was placed, since no order finishes sooner", async () => {
  const result = await stack.engine.up(
    await stack.capture(() => new Keyword("first", { keyword: "firstpoll" })),
  );
  expect(result.failed).toEqual([]);
  const [order] = (await stack.sandbox.state()).orders;
  expect(order.polls).toHaveLength(1);
  expect(order.polls[0] - Date.parse(order.created)).toBeGreaterThanOrEqual(1000);
  await expectInvariants(stack.sandbox, stack.engine);
});

test("polls of one order are at least a second apart, as CallFire asks", async () => {
  await stack.sandbox.faults({ order: "slow", processingSeconds: 3 });
  const result = await stack.engine.up(await stack.capture(() => new Keyword("paced", { keyword: "paced" })));
  expect(result.failed).toEqual([]);
  const [order] = (await stack.sandbox.state()).orders;
  expect(order.polls.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < order.polls.length; i++) {
    expect(order.polls[i] - order.polls[i - 1]).toBeGreaterThanOrEqual(1000);
  }
  await expectInvariants(stack.sandbox, stack.engine);
});
