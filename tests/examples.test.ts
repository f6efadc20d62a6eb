/**
 * The example projects under examples/, each run as a program through the real dynamic-provider host against
 * the sandbox: create, an edited configuration applied in place (no new order), and destroy.
 */
import { type CapturedStack, captureStack } from "./harness";
import { closeChecked } from "./support/invariants";
import { outputsOf, startStack, type TestStack } from "./support/stack";

// Every capture below reloads @pulumi/pulumi in isolation, and each load of its dependency `tmp` adds one process
// exit listener: expected here, not a leak.
process.setMaxListeners(process.getMaxListeners() + 30);

let stack: TestStack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(() => closeChecked(stack));

/**
 * Runs examples/<name>/index.ts with the stack config plus project config (`project:<key>`); its exports are the
 * stack outputs.
 */
function captureExampleStack(
  name: string,
  projectConfig: Record<string, string> = {},
): Promise<CapturedStack> {
  const config = { ...stack.config };
  for (const [key, value] of Object.entries(projectConfig)) config[`project:${key}`] = value;
  return captureStack(
    () => {
      let exported: unknown;
      jest.isolateModules(() => {
        exported = require(`../examples/${name}/index.ts`);
      });
      return exported;
    },
    { config },
  );
}

/** The resources examples/<name>/index.ts declares (see {@link captureExampleStack}). */
async function captureExample(name: string, projectConfig: Record<string, string> = {}) {
  return (await captureExampleStack(name, projectConfig)).resources;
}

/** Owned numbers as `{ number: autoRenew }`. */
async function renewals(): Promise<Record<string, boolean>> {
  const state = await stack.sandbox.state();
  return Object.fromEntries(state.owned.numbers.map((n) => [n.number, n.autoRenew]));
}

test("quickstart: tracked local number and keyword; editing `record` configures in place; destroy releases", async () => {
  const created = await stack.engine.up(await captureExample("quickstart"));
  expect(created.failed).toEqual([]);
  expect(created.created).toHaveLength(2);
  const number = outputsOf(stack.engine, "support").number as string;
  expect(number).toMatch(/^1213\d{7}$/);
  expect(outputsOf(stack.engine, "promo")).toMatchObject({ keyword: "PIZZA", autoRenew: true });

  let state = await stack.sandbox.state();
  expect(state.owned.numbers.map((n) => n.number)).toEqual([number]);
  expect(state.owned.keywords.map((k) => k.keyword)).toEqual(["PIZZA"]);
  expect(state.owned.numbers[0].configuration).toMatchObject({ callFeature: "ENABLED" });
  expect(JSON.stringify(state.owned.numbers[0].configuration)).toContain('"record":true');
  const orders = state.requests.CreateNumberOrder;

  const edited = await stack.engine.up(await captureExample("quickstart", { record: "false" }));
  expect(edited.failed).toEqual([]);
  expect(edited.updated).toHaveLength(1);
  expect(edited.replaced).toHaveLength(0);
  expect(edited.created).toHaveLength(0);
  state = await stack.sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(orders);
  expect(JSON.stringify(state.owned.numbers[0].configuration)).toContain('"record":false');
  expect(outputsOf(stack.engine, "support").number).toBe(number);

  const destroyed = await stack.engine.destroy();
  expect(destroyed.failed).toEqual([]);
  state = await stack.sandbox.state();
  expect(state.owned.numbers.map((n) => [n.number, n.autoRenew])).toEqual([[number, false]]);
  expect(state.owned.keywords.map((k) => [k.keyword, k.autoRenew])).toEqual([["PIZZA", false]]);
  expect(stack.engine.state.size).toBe(0);
});

test("toll-free-ivr: toll-free number with an IVR; editing the greeting updates the dialplan; destroy releases", async () => {
  const created = await stack.engine.up(await captureExample("toll-free-ivr"));
  expect(created.failed).toEqual([]);
  const outputs = outputsOf(stack.engine, "hotline");
  const number = outputs.number as string;
  expect(outputs).toMatchObject({
    tollFree: true,
    status: "ACTIVE",
    inboundCallConfiguration: { type: "IVR", dialplanXml: expect.stringContaining("Thanks for calling") },
  });
  let state = await stack.sandbox.state();
  expect(state.owned.numbers.map((n) => n.number)).toEqual([number]);
  expect(JSON.stringify(state.owned.numbers[0].configuration)).toContain("Thanks for calling");
  const orders = state.requests.CreateNumberOrder;

  const edited = await stack.engine.up(await captureExample("toll-free-ivr", { greeting: "Closed today" }));
  expect(edited.failed).toEqual([]);
  expect(edited.updated).toHaveLength(1);
  expect(edited.replaced).toHaveLength(0);
  state = await stack.sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(orders);
  const configuration = JSON.stringify(state.owned.numbers[0].configuration);
  expect(configuration).toContain("Closed today");
  expect(configuration).not.toContain("Thanks for calling");
  expect(outputsOf(stack.engine, "hotline").number).toBe(number);

  expect((await stack.engine.destroy()).failed).toEqual([]);
  expect(await renewals()).toEqual({ [number]: false });
});

test("search-then-pin: without pinnedNumber it buys nothing and only exports the candidates", async () => {
  const found = await stack.sandbox.client().searchAvailableNumbers({ prefix: "1213", count: 5 });
  const program = await captureExampleStack("search-then-pin");
  expect(program.resources).toEqual([]);
  // `number` and `nationalFormat` are undefined: no stack output.
  expect(program.outputs).toEqual({ candidates: found.map((n) => n.number) });
  expect(program.outputs?.number).toBeUndefined();
  expect(program.outputs?.nationalFormat).toBeUndefined();

  const applied = await stack.engine.up(program.resources);
  expect(applied.failed).toEqual([]);
  expect(applied.created).toEqual([]);
  expect(stack.engine.state.size).toBe(0);
  const state = await stack.sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(0);
  expect(state.orders).toEqual([]);
  expect(state.owned.numbers).toEqual([]);
  expect(state.requests.SearchAvailableNumbers).toBeGreaterThanOrEqual(2);
});

test("search-then-pin: buys exactly the pinned number; a config edit keeps it; destroy releases", async () => {
  // Not the first search result, so a program that bought `candidates[0]` would fail.
  const found = await stack.sandbox.client().searchAvailableNumbers({ prefix: "1213", count: 5 });
  const candidate = found[found.length - 1];
  const program = await captureExampleStack("search-then-pin", { pinnedNumber: candidate.number });
  expect(program.resources.map((r) => [r.name, r.inputs.number])).toEqual([["pinned", candidate.number]]);
  const created = await stack.engine.up(program.resources);
  expect(created.failed).toEqual([]);
  expect(created.created).toHaveLength(1);
  expect(outputsOf(stack.engine, "pinned")).toMatchObject({
    number: candidate.number,
    textFeature: "ENABLED",
  });
  let state = await stack.sandbox.state();
  expect(state.orders).toHaveLength(1);
  expect(state.orders[0].localNumbers?.fulfilled).toEqual([candidate.number]);
  expect(state.owned.numbers.map((n) => n.number)).toEqual([candidate.number]);
  // The program searched (for its `candidates` output) without that search choosing what was bought.
  expect(state.requests.SearchAvailableNumbers).toBeGreaterThanOrEqual(2);
  const orders = state.requests.CreateNumberOrder;

  const edited = await stack.engine.up(
    await captureExample("search-then-pin", { pinnedNumber: candidate.number, textFeature: "DISABLED" }),
  );
  expect(edited.failed).toEqual([]);
  expect(edited.updated).toHaveLength(1);
  expect(edited.replaced).toHaveLength(0);
  state = await stack.sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(orders);
  expect(state.owned.numbers[0].configuration).toMatchObject({ textFeature: "DISABLED" });
  expect(outputsOf(stack.engine, "pinned").number).toBe(candidate.number);

  expect((await stack.engine.destroy()).failed).toEqual([]);
  expect(await renewals()).toEqual({ [candidate.number]: false });
});

test("adopt: manages an owned number without ordering; a config edit applies; destroy keeps it", async () => {
  const client = stack.sandbox.client();
  const [candidate] = await client.searchAvailableNumbers({ prefix: "1213", count: 1 });
  const order = await client.createNumberOrder({ numbers: [candidate.number] });
  await client.getNumberOrder({ id: order.id });
  const before = await stack.sandbox.state();
  expect(before.owned.numbers.map((n) => n.number)).toEqual([candidate.number]);

  const created = await stack.engine.up(await captureExample("adopt", { existingNumber: candidate.number }));
  expect(created.failed).toEqual([]);
  expect(created.created).toHaveLength(1);
  expect(outputsOf(stack.engine, "existing")).toMatchObject({
    number: candidate.number,
    callFeature: "ENABLED",
  });
  expect(outputsOf(stack.engine, "existing").orderId).toBeUndefined();
  let state = await stack.sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(before.requests.CreateNumberOrder);

  const edited = await stack.engine.up(
    await captureExample("adopt", { existingNumber: candidate.number, callFeature: "DISABLED" }),
  );
  expect(edited.failed).toEqual([]);
  expect(edited.updated).toHaveLength(1);
  state = await stack.sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(before.requests.CreateNumberOrder);
  expect(state.owned.numbers[0].configuration).toMatchObject({ callFeature: "DISABLED" });

  expect((await stack.engine.destroy()).failed).toEqual([]);
  expect(stack.engine.state.size).toBe(0);
  state = await stack.sandbox.state();
  expect(state.requests.Release ?? 0).toBe(before.requests.Release ?? 0);
  expect(await renewals()).toEqual({ [candidate.number]: true });
});
