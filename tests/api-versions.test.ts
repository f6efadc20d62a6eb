/**
 * Switching a stack between CallFire API 1.1 and v2 through the real host: a no-op for every resource (no
 * replacement, no update, no new order, the same outputs), the journal and holder records untouched and still
 * in use (an order journaled under 1.1 is resumed under v2, never placed again), and a destroy on v2 releases
 * what 1.1 bought.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as callfire from "pulumi-callfire";
import { Keyword, PhoneNumber } from "pulumi-callfire";
import { expectInvariants } from "./support/invariants";
import { CREDENTIALS } from "./support/sandbox";
import { dialectConfig, eventually, outputsOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
afterEach(() => stack.close());

/** The holder records (`<journalDir>/holders/<shard>/*.json`) and their contents. */
function holderFiles(): Record<string, string> {
  const dir = path.join(stack.config["callfire:journalDir"], "holders");
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".json"))
      .map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]),
  );
}

/** Points the stack at the sandbox's v2 endpoint (spelled with a trailing slash); the next run's host sees it. */
function switchToV2(): void {
  Object.assign(stack.config, dialectConfig(stack.sandbox, "v2"), {
    "callfire:baseUrl": `${stack.sandbox.v2Url}/`,
  });
}

const program = () => {
  new PhoneNumber("line", {
    region: { prefix: "1213" },
    callFeature: "ENABLED",
    inboundCallConfiguration: { type: "TRACKING", transferNumbers: ["+1 (312) 555-0100"], record: true },
  });
  new PhoneNumber("free", { tollFree: true });
  new Keyword("kw", { keyword: "switch" });
};

test("1.1 → v2 changes nothing: preview, refresh and up find every resource the same; destroy releases on v2", async () => {
  stack = await startStack();
  const resources = await stack.capture(program);
  const created = await stack.engine.up(resources);
  expect(created.failed).toEqual([]);
  expect(created.created).toHaveLength(3);
  const outputs = Object.fromEntries(
    ["line", "free", "kw"].map((name) => [name, outputsOf(stack.engine, name)]),
  );
  const holders = holderFiles();
  expect(Object.keys(holders)).toHaveLength(3); // one holder record per asset bought
  expect(stack.journal()).toHaveLength(3); // order entries, kept until the resources are seen in saved state
  const bought = await stack.sandbox.state();

  switchToV2();
  const preview = await stack.engine.preview(await stack.capture(program));
  expect(preview.failed).toEqual([]);
  expect(preview.steps.map((step) => step.op)).toEqual(["same", "same", "same"]);
  const refreshed = await stack.engine.refresh();
  expect(refreshed).toMatchObject({ failed: [], deleted: [] });
  for (const name of ["line", "free", "kw"]) expect(outputsOf(stack.engine, name)).toEqual(outputs[name]);
  const up = await stack.engine.up(await stack.capture(program));
  expect(up).toMatchObject({ failed: [], created: [], updated: [], replaced: [], deleted: [] });
  expect(up.same).toHaveLength(3);

  const after = await stack.sandbox.state();
  expect(after.requests.GetNumberConfig).toBeGreaterThan(0); // the refresh really went through v2
  expect(after.requests.CreateNumberOrder).toBe(bought.requests.CreateNumberOrder);
  expect(after.orders).toEqual(bought.orders);
  expect(after.owned).toEqual(bought.owned);
  // The v2 run found the 1.1 run's entries under the same keys: the order entries were settled (an entry under
  // another key would stay behind for ever), the holder records are the same files, unchanged.
  expect(stack.journal()).toEqual([]);
  expect(holderFiles()).toEqual(holders);
  await expectInvariants(stack.sandbox, stack.engine);

  const releases = after.requests.Release;
  const destroyed = await stack.engine.destroy();
  expect(destroyed.failed).toEqual([]);
  expect(destroyed.deleted).toHaveLength(3);
  const released = await stack.sandbox.state();
  expect(released.requests.Release).toBe(releases + 3);
  expect([...released.owned.numbers, ...released.owned.keywords].map((asset) => asset.autoRenew)).toEqual([
    false,
    false,
    false,
  ]);
});

test("an order journaled under 1.1 is resumed under v2 and never placed again", async () => {
  stack = await startStack();
  await stack.sandbox.faults({ order: "slow", processingSeconds: 30 });
  const resources = await stack.capture(() => new Keyword("kw", { keyword: "carried" }));
  const interrupted = stack.engine.up(resources);
  await eventually(() => stack.journal().some((orderId) => orderId !== undefined), "a journaled order id");
  const [orderId] = stack.journal();
  await stack.engine.killCli({ host: "kill" }); // the 1.1 run dies with its order still processing
  expect((await interrupted).interrupted).toBe(true);
  switchToV2();
  await stack.sandbox.admin("clock", { advanceSeconds: 31 });

  const resumed = await stack.engine.up(resources);
  expect(resumed.failed).toEqual([]);
  expect(outputsOf(stack.engine, "kw")).toMatchObject({ keyword: "CARRIED", orderId });
  const state = await stack.sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(1);
  expect(state.orders.map((order) => [String(order.id), order.status])).toEqual([[orderId, "FINISHED"]]);
  expect(state.requests.GetNumberOrder).toBeGreaterThan(0);
  await expectInvariants(stack.sandbox, stack.engine);
});

test("on v2 a region filter v2 cannot order by fails check naming it, before any request", async () => {
  stack = await startStack({ apiVersion: "v2" });
  const resources = await stack.capture(
    () =>
      new PhoneNumber("near", {
        region: { zipcode: "90012", latitude: 34.05, timeZone: "America/Los_Angeles" },
      }),
  );
  const result = await stack.engine.up(resources);
  expect(result.failed.map((failure) => failure.message.split(":")[0])).toEqual([
    "region.timeZone",
    "region.latitude",
  ]);
  expect(result.failed[1].message).toContain(
    "CallFire API v2 (callfire:apiVersion) cannot order a number by latitude",
  );
  expect(stack.engine.state.size).toBe(0);
  const requests = (await stack.sandbox.state()).requests;
  expect(Object.values(requests).every((count) => count === 0)).toBe(true);
});

test("functions speak v2 when their options say so", async () => {
  stack = await startStack();
  const { sandbox } = stack;
  const [candidate] = await sandbox.client().searchAvailableNumbers({ prefix: "1206", count: 1 });
  await sandbox.client().createNumberOrder({ numbers: [candidate.number] });
  const options = { apiVersion: "v2" as const, baseUrl: sandbox.v2Url, ...CREDENTIALS };
  expect((await callfire.getNumber({ number: candidate.number }, options)).status).toBe("ACTIVE");
  expect((await callfire.queryNumbers({ prefix: "1206" }, options)).items.map((n) => n.number)).toEqual([
    candidate.number,
  ]);
  const requests = (await sandbox.state()).requests;
  expect(requests).toMatchObject({ GetNumber: 1, GetNumberConfig: 1, QueryNumbers: 1 }); // v2 reads a number twice
});
