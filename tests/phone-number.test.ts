/**
 * PhoneNumber through the real dynamic-provider host against the sandbox: the full lifecycle for each way of
 * choosing a number, replacement, adoption, refresh after an out-of-band release, and deletion safety.
 */
import { PhoneNumber } from "pulumi-callfire";
import { closeChecked } from "./support/invariants";
import { outputsOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(() => closeChecked(stack));

const TYPE = "pulumi-nodejs:dynamic/callfire:PhoneNumber";

test("region: order, configure tracking, edit in place, destroy releases", async () => {
  const program = (record: boolean) => () =>
    new PhoneNumber("support", {
      region: { prefix: "1213" },
      callFeature: "ENABLED",
      inboundCallConfiguration: { type: "TRACKING", transferNumbers: ["+1 (312) 555-0100"], record },
    });
  const resources = await stack.capture(program(true));
  expect(resources.map((r) => r.type)).toEqual([TYPE]);

  const created = await stack.engine.up(resources);
  expect(created.failed).toEqual([]);
  const outputs = outputsOf(stack.engine, "support");
  expect(outputs.number).toMatch(/^1213\d{7}$/);
  expect(outputs).toMatchObject({
    tollFree: false,
    status: "ACTIVE",
    autoRenew: true,
    callFeature: "ENABLED",
    inboundCallConfiguration: {
      type: "TRACKING",
      transferNumbers: ["13125550100"],
      record: true,
      screen: false,
    },
    orderId: expect.stringMatching(/^\d+$/),
  });
  let state = await stack.sandbox.state();
  expect(state.orders).toHaveLength(1);
  expect(state.owned.numbers.map((n) => n.number)).toEqual([outputs.number]);
  expect(state.owned.numbers[0].configuration).toMatchObject({ callFeature: "ENABLED" });

  const orders = state.requests.CreateNumberOrder;
  const edited = await stack.engine.up(await stack.capture(program(false)));
  expect(edited.updated).toHaveLength(1);
  expect(edited.replaced).toHaveLength(0);
  state = await stack.sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(orders);
  expect(JSON.stringify(state.owned.numbers[0].configuration)).toContain('"record":false');
  expect(outputsOf(stack.engine, "support").number).toBe(outputs.number);

  const unchanged = await stack.engine.up(await stack.capture(program(false)));
  expect(unchanged.same).toHaveLength(1);

  const destroyed = await stack.engine.destroy();
  expect(destroyed.failed).toEqual([]);
  state = await stack.sandbox.state();
  expect(state.owned.numbers.map((n) => [n.number, n.autoRenew])).toEqual([[outputs.number, false]]);
  expect(stack.engine.state.size).toBe(0);
});

test("exact number in any format, toll-free with IVR, and a settings-only change makes no CallFire call", async () => {
  const [candidate] = await stack.sandbox.client().searchAvailableNumbers({ prefix: "1312", count: 1 });
  const program = (releaseOnDelete: boolean) => () => {
    new PhoneNumber("pinned", { number: `+1 ${candidate.nationalFormat}`, releaseOnDelete });
    new PhoneNumber("tollfree", {
      tollFree: true,
      inboundCallConfiguration: { type: "IVR", dialplanXml: "<dialplan><play>hello</play></dialplan>" },
    });
  };
  const first = await stack.engine.up(await stack.capture(program(true)));
  expect(first.failed).toEqual([]);
  expect(outputsOf(stack.engine, "pinned").number).toBe(candidate.number);
  const tollFree = outputsOf(stack.engine, "tollfree");
  expect(tollFree).toMatchObject({
    tollFree: true,
    inboundCallConfiguration: { type: "IVR", dialplanXml: "<dialplan><play>hello</play></dialplan>" },
  });

  const before = await stack.sandbox.state();
  const second = await stack.engine.up(await stack.capture(program(false)));
  expect(second.updated).toHaveLength(1);
  const after = await stack.sandbox.state();
  expect(after.requests).toEqual(before.requests);

  await stack.engine.destroy();
  const state = await stack.sandbox.state();
  const renew = Object.fromEntries(state.owned.numbers.map((n) => [n.number, n.autoRenew]));
  expect(renew[candidate.number]).toBe(true);
  expect(renew[tollFree.number as string]).toBe(false);
});

test("changing the region to one the number is not in replaces it; pinning the bought number does not", async () => {
  await stack.engine.up(await stack.capture(() => new PhoneNumber("line", { region: { prefix: "1213" } })));
  const bought = outputsOf(stack.engine, "line").number as string;

  const pinned = await stack.engine.up(
    await stack.capture(() => new PhoneNumber("line", { number: bought })),
  );
  expect(pinned.replaced).toHaveLength(0);
  expect((await stack.sandbox.state()).orders).toHaveLength(1);

  const moved = await stack.engine.up(
    await stack.capture(() => new PhoneNumber("line", { region: { prefix: "1206" } })),
  );
  expect(moved.replaced).toHaveLength(1);
  const state = await stack.sandbox.state();
  const renew = Object.fromEntries(state.owned.numbers.map((n) => [n.number, n.autoRenew]));
  const replacement = outputsOf(stack.engine, "line").number as string;
  expect(replacement).toMatch(/^1206/);
  expect(renew).toEqual({ [bought]: false, [replacement]: true });
});

test("an unchanged region is never a replacement, however CallFire describes the number it chose", async () => {
  const region = { zipcode: "90012", latitude: 34.05, longitude: -118.24 };
  const program = () => new PhoneNumber("near", { region });
  expect((await stack.engine.up(await stack.capture(program))).failed).toEqual([]);
  // CallFire answers a zip code or coordinates with a number nearby: its region need not repeat them.
  const entry = [...stack.engine.state.values()][0];
  const reported = {
    ...(entry.outputs.region as object),
    zipcode: "90013",
    latitude: 34.0522,
    longitude: -118.2437,
  };
  stack.engine.state.set(entry.urn, { ...entry, outputs: { ...entry.outputs, region: reported } });

  const again = await stack.engine.up(await stack.capture(program));
  expect(again.failed).toEqual([]);
  expect(again.replaced).toEqual([]);
  expect((await stack.sandbox.state()).orders).toHaveLength(1);
});

test("an owned number fails with advice, or is adopted with adoptExisting", async () => {
  const client = stack.sandbox.client();
  const [candidate] = await client.searchAvailableNumbers({ prefix: "1713", count: 1 });
  const order = await client.createNumberOrder({ numbers: [candidate.number] });
  await client.getNumberOrder({ id: order.id });

  const refused = await stack.engine.up(
    await stack.capture(() => new PhoneNumber("x", { number: candidate.number })),
  );
  expect(refused.failed[0].message).toContain("adoptExisting: true");
  expect(stack.engine.state.size).toBe(0);

  const adopted = await stack.engine.up(
    await stack.capture(
      () => new PhoneNumber("x", { number: candidate.number, adoptExisting: true, textFeature: "DISABLED" }),
    ),
  );
  expect(adopted.failed).toEqual([]);
  expect(outputsOf(stack.engine, "x")).toMatchObject({ number: candidate.number, textFeature: "DISABLED" });
  expect(outputsOf(stack.engine, "x").orderId).toBeUndefined();
  expect((await stack.sandbox.state()).orders).toHaveLength(1);
});

test("refresh drops a number released out of band once its lease ends", async () => {
  await stack.engine.up(await stack.capture(() => new PhoneNumber("gone", { tollFree: true })));
  const number = outputsOf(stack.engine, "gone").number as string;
  await stack.sandbox.client().release({ number });

  let refreshed = await stack.engine.refresh();
  expect(refreshed.deleted).toHaveLength(0);
  expect(outputsOf(stack.engine, "gone").autoRenew).toBe(false);

  await stack.sandbox.admin("clock", { advanceDays: 40 });
  refreshed = await stack.engine.refresh();
  expect(refreshed.deleted).toHaveLength(1);
  expect(stack.engine.state.size).toBe(0);
});

test("bad inputs fail check with the property named, and CallFire sees no call", async () => {
  const before = (await stack.sandbox.state()).requests;
  // The engine aborts a run at the first invalid Check, so each bad resource gets its own run.
  const cases: Array<[() => unknown, string[]]> = [
    [() => new PhoneNumber("a", { number: "555", region: { prefix: "1213" } }), ["number:"]],
    [
      () =>
        new PhoneNumber("b", { region: { prefix: "213", zipcode: "9001" }, callFeature: "ON" as "ENABLED" }),
      ["region.prefix:", "region.zipcode:", "callFeature:"],
    ],
    [
      () =>
        new PhoneNumber("c", {
          tollFree: true,
          inboundCallConfiguration: { type: "IVR", dialplanXml: "<a><b></a>" },
        }),
      ["dialplanXml:"],
    ],
  ];
  for (const [program, properties] of cases) {
    const result = await stack.engine.up(await stack.capture(program));
    const messages = result.failed.map((failure) => failure.message).join("\n");
    for (const property of properties) expect(messages).toContain(property);
  }
  expect(stack.engine.state.size).toBe(0);
  expect((await stack.sandbox.state()).requests).toEqual(before);
});
