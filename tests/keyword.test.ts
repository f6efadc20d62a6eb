/** Keyword through the real dynamic-provider host against the sandbox. */
import { Keyword } from "pulumi-callfire";
import { closeChecked } from "./support/invariants";
import { hostSaid, outputsOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(() => closeChecked(stack));

test("order, refresh, replace with another keyword, destroy releases with the short code", async () => {
  const first = await stack.engine.up(await stack.capture(() => new Keyword("promo", { keyword: "pizza" })));
  expect(first.failed).toEqual([]);
  expect(outputsOf(stack.engine, "promo")).toMatchObject({
    keyword: "PIZZA",
    shortCode: "67076",
    status: "ACTIVE",
    autoRenew: true,
    orderId: expect.stringMatching(/^\d+$/),
  });
  expect((await stack.engine.refresh()).deleted).toEqual([]);

  const sameKeyword = await stack.engine.up(
    await stack.capture(() => new Keyword("promo", { keyword: " Pizza " })),
  );
  expect(sameKeyword.same).toHaveLength(1);

  const replaced = await stack.engine.up(
    await stack.capture(() => new Keyword("promo", { keyword: "pasta" })),
  );
  expect(replaced.replaced).toHaveLength(1);
  let state = await stack.sandbox.state();
  expect(state.owned.keywords.map((k) => [k.keyword, k.autoRenew])).toEqual([
    ["PASTA", true],
    ["PIZZA", false],
  ]);

  await stack.engine.destroy();
  state = await stack.sandbox.state();
  expect(state.owned.keywords.every((k) => !k.autoRenew)).toBe(true);
  expect(state.orders).toHaveLength(2);
});

test("a taken keyword fails and nothing is recorded; a released one is locked out for a month", async () => {
  const taken = await stack.engine.up(await stack.capture(() => new Keyword("stop", { keyword: "STOP" })));
  expect(taken.failed[0].message).toContain("unavailable keywords: STOP");
  expect(stack.engine.state.size).toBe(0);

  await stack.engine.up(await stack.capture(() => new Keyword("k", { keyword: "deals" })));
  await stack.engine.destroy();
  await stack.sandbox.admin("clock", { advanceDays: 35 });
  const again = await stack.engine.up(await stack.capture(() => new Keyword("k", { keyword: "deals" })));
  expect(again.failed[0].message).toContain("unavailable keywords: DEALS");
});

test("a keyword released but not yet lapsed can be neither re-bought nor adopted, and the error says when", async () => {
  await stack.engine.up(await stack.capture(() => new Keyword("k", { keyword: "again" })));
  const leaseEnd = outputsOf(stack.engine, "k").leaseEnd as string;
  await stack.engine.destroy();
  for (const adoptExisting of [false, true]) {
    const result = await stack.engine.up(
      await stack.capture(() => new Keyword("k", { keyword: "again", adoptExisting })),
    );
    expect(result.failed[0].message).toContain(`keyword AGAIN was released`);
    expect(result.failed[0].message).toContain(`lease ends on ${leaseEnd}`);
    expect(result.failed[0].message).toMatch(/ordered again from \d{4}-\d{2}-\d{2}/);
    expect(stack.engine.state.size).toBe(0);
  }
  expect((await stack.sandbox.state()).orders).toHaveLength(1);
});

test("releaseOnDelete: false keeps the keyword", async () => {
  await stack.engine.up(
    await stack.capture(() => new Keyword("keep", { keyword: "keepme", releaseOnDelete: false })),
  );
  await stack.engine.destroy();
  const state = await stack.sandbox.state();
  expect(state.owned.keywords).toEqual([expect.objectContaining({ keyword: "KEEPME", autoRenew: true })]);
  expect(state.requests.Release).toBe(0);
  await hostSaid(stack, "releaseOnDelete is false");
});

test("a keyword that left the account outside Pulumi: destroy succeeds without a Release", async () => {
  await stack.engine.up(await stack.capture(() => new Keyword("gone", { keyword: "gonenow" })));
  const { shortCode } = outputsOf(stack.engine, "gone") as { shortCode: string };
  await stack.sandbox.client().release({ number: shortCode, keyword: "GONENOW" });
  await stack.sandbox.admin("clock", { advanceDays: 40 }); // its lease ends: the account no longer holds it

  const destroyed = await stack.engine.destroy();
  expect(destroyed.failed).toEqual([]);
  expect((await stack.sandbox.state()).requests.Release).toBe(1); // the out-of-band one only
  await hostSaid(stack, "not held by the account");
});
