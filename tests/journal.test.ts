/**
 * The order journal through the real host: which entries a new create may claim (a dead writer, a stopped
 * heartbeat, another machine) and which it must not (a live writer, another resource), a host killed while its
 * order request was in flight, a host killed after its order finished but before the resource was recorded, a
 * state that Pulumi could not save, an unwritable journal (refused before ordering), and a failing poll that
 * still records the order id. Entries are kept until the resource is seen in saved state.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Keyword, PhoneNumber } from "pulumi-callfire";
import { expectInvariants } from "./support/invariants";
import { eventually, hostSaid, journalEntries, outputsOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
afterEach(() => stack.close());

/** Resolves once `check` holds for the sandbox's state. */
async function until(
  check: (state: Awaited<ReturnType<TestStack["sandbox"]["state"]>>) => boolean,
  what: string,
) {
  await eventually(async () => check(await stack.sandbox.state()), what);
}

/** Leaves one journaled order behind: a create whose host is killed while the order is processing. */
async function abandonOrder(
  keyword: string,
): Promise<{ resources: Awaited<ReturnType<TestStack["capture"]>>; file: string }> {
  await stack.sandbox.faults({ order: "slow", processingSeconds: 30 });
  const resources = await stack.capture(() => new Keyword("kw", { keyword }));
  const interrupted = stack.engine.up(resources);
  await eventually(() => stack.journal().some((orderId) => orderId !== undefined), "a journaled order id");
  await stack.engine.killHost();
  expect((await interrupted).failed).toHaveLength(1);
  const [file] = journalEntries(stack.config["callfire:journalDir"]);
  return { resources, file };
}

/** Renames an entry as if another process (`host`, `pid`) had written it. */
function rewrite(file: string, host: string, pid: number): string {
  const [key, token] = path.basename(file).split(".");
  const moved = path.join(path.dirname(file), `${key}.${token}.${host}.${pid}.json`);
  fs.renameSync(file, moved);
  return moved;
}

test("an entry written by a live process on this machine stops the create (no second order) until its heartbeat stops", async () => {
  stack = await startStack();
  const { resources, file } = await abandonOrder("alive");
  const host = path.basename(file).split(".")[2];
  const live = rewrite(file, host, process.pid); // this jest process: alive, and not the host
  await stack.sandbox.admin("clock", { advanceSeconds: 31 });
  const blocked = await stack.engine.up(resources);
  expect(blocked.failed).toHaveLength(1);
  expect(blocked.failed[0].message).toContain("is still working on an order for this resource");
  expect((await stack.sandbox.state()).requests.CreateNumberOrder).toBe(1); // refused before ordering again

  const old = new Date(Date.now() - 10 * 60_000);
  fs.utimesSync(live, old, old);
  const claimed = await stack.engine.up(resources);
  expect(claimed.failed).toEqual([]);
  await hostSaid(stack, "(journal)");
  expect((await stack.sandbox.state()).orders).toHaveLength(1);
  expect(stack.journal()).toStrictEqual(["1001"]); // kept until the resource is seen in saved state
  expect((await stack.engine.up(resources)).same).toHaveLength(1);
  expect(stack.journal()).toStrictEqual([]);
});

test("an entry from another machine (a carried-over CI cache) is claimed even if its pid is alive here", async () => {
  stack = await startStack();
  const { resources, file } = await abandonOrder("othermachine");
  rewrite(file, "ci-runner-42", 1);
  await stack.sandbox.admin("clock", { advanceSeconds: 31 });
  const resumed = await stack.engine.up(resources);
  expect(resumed.failed).toEqual([]);
  const state = await stack.sandbox.state();
  expect(state.orders).toHaveLength(1);
  expect(state.owned.keywords.map((k) => k.keyword)).toEqual(["OTHERMACHINE"]);
});

/**
 * Starts an up of `program` and kills its host while CallFire is still taking the order: the sandbox holds the
 * request 4 s (ample for the test to see it arrive and kill the host), then performs it and answers no one.
 */
async function killWhileOrdering(program: () => unknown) {
  await stack.sandbox.faults({ operation: "CreateNumberOrder", delayMs: 4000 });
  const resources = await stack.capture(program);
  const interrupted = stack.engine.up(resources);
  await until((state) => state.requests.CreateNumberOrder === 1, "the order request reaching the sandbox");
  expect(stack.journal()).toStrictEqual([undefined]); // written before the request, still without an order id
  await stack.engine.killHost();
  expect((await interrupted).failed).toHaveLength(1);
  await until((state) => state.orders.length === 1, "the held order being placed"); // its answer goes nowhere
  return resources;
}

test("a host killed while its order request was in flight: the next up finds the keyword bought and keeps it", async () => {
  stack = await startStack();
  const resources = await killWhileOrdering(() => new Keyword("kw", { keyword: "inflight" }));
  const next = await stack.engine.up(resources);
  expect(next.failed).toEqual([]);
  await hostSaid(stack, "before CallFire answered (journal)");
  await hostSaid(stack, "the lost order for INFLIGHT went through");
  const state = await stack.sandbox.state();
  expect(state.orders).toHaveLength(1);
  expect(state.requests.CreateNumberOrder).toBe(1);
  expect(state.owned.keywords.map((k) => k.keyword)).toEqual(["INFLIGHT"]);
  await expectInvariants(stack.sandbox, stack.engine);
  expect(stack.journal()).toStrictEqual([undefined]); // kept until the resource is seen in saved state
  await stack.engine.up(resources);
  expect(stack.journal()).toStrictEqual([]);
});

test("a host killed while a region order was in flight: the next up records it as unconfirmed, never re-orders", async () => {
  stack = await startStack();
  const resources = await killWhileOrdering(() => new PhoneNumber("n", { region: { prefix: "1212" } }));
  for (let run = 1; run <= 2; run++) {
    const next = await stack.engine.up(resources);
    expect(next.failed).toHaveLength(1);
    expect(next.failed[0].message).toContain("To never buy twice it is not ordered again");
    expect((await stack.sandbox.state()).requests.CreateNumberOrder).toBe(1);
    // The entry is kept until the unconfirmed order is in saved state: the second up sees it there and forgets it.
    expect(stack.journal()).toStrictEqual(run === 1 ? [undefined] : []);
    expect(outputsOf(stack.engine, "n").pendingOrder).toMatchObject({ status: "UNCONFIRMED" });
  }
});

test("a host killed after its order finished, while configuring: the next up resumes, not re-buys", async () => {
  stack = await startStack();
  await stack.sandbox.faults({ operation: "ConfigureNumber", delayMs: 60_000 });
  const resources = await stack.capture(
    () => new PhoneNumber("n", { region: { prefix: "1312" }, callFeature: "DISABLED" }),
  );
  const interrupted = stack.engine.up(resources);
  await until((state) => state.requests.ConfigureNumber >= 1, "a ConfigureNumber request");
  await stack.engine.killHost();
  expect((await interrupted).failed).toHaveLength(1);
  await stack.sandbox.admin("faults", undefined, "DELETE");

  const resumed = await stack.engine.up(resources);
  expect(resumed.failed).toEqual([]);
  const state = await stack.sandbox.state();
  expect(state.orders).toHaveLength(1);
  expect(state.owned.numbers.map((n) => n.number)).toEqual([outputsOf(stack.engine, "n").number]);
  expect(outputsOf(stack.engine, "n").callFeature).toBe("DISABLED");
  await expectInvariants(stack.sandbox, stack.engine);
});

test("an unwritable journal folder is refused before anything is ordered", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "journal-"));
  const blocker = path.join(folder, "a-file");
  fs.writeFileSync(blocker, "");
  try {
    stack = await startStack({ extraConfig: { "callfire:journalDir": path.join(blocker, "orders") } });
    const result = await stack.engine.up(await stack.capture(() => new PhoneNumber("n", { tollFree: true })));
    expect(result.failed[0].message).toContain("is not writable");
    expect(result.failed[0].message).toContain("callfire:journalDir");
    expect((await stack.sandbox.state()).requests.CreateNumberOrder).toBe(0);
    expect(stack.engine.state.size).toBe(0);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test("a poll that fails for good still records the order id, and the next up resumes it", async () => {
  stack = await startStack();
  await stack.sandbox.faults({ operation: "GetNumberOrder", status: 403, times: 1 });
  const resources = await stack.capture(() => new PhoneNumber("n", { region: { prefix: "1206" } }));
  const first = await stack.engine.up(resources);
  expect(first.failed[0].message).toMatch(/waiting for it failed: CallFire GetNumberOrder failed: HTTP 403/);
  const entry = [...stack.engine.state.values()][0];
  expect((entry.outputs.pendingOrder as { id?: string }).id).toMatch(/^\d+$/);

  const second = await stack.engine.up(resources);
  expect(second.failed).toEqual([]);
  expect((await stack.sandbox.state()).orders).toHaveLength(1);
  await expectInvariants(stack.sandbox, stack.engine);
});

test("Pulumi could not save its state after a create: the next run's create takes the bought number, not another", async () => {
  stack = await startStack();
  const resources = await stack.capture(() => new PhoneNumber("kept", { region: { prefix: "1305" } }));
  expect((await stack.engine.up(resources)).failed).toEqual([]);
  const bought = outputsOf(stack.engine, "kept").number;
  expect(stack.journal()).toStrictEqual(["1001"]);
  stack.engine.state.clear(); // the checkpoint with the new resource never reached the backend

  const again = await stack.engine.up(resources);
  expect(again.failed).toEqual([]);
  await hostSaid(stack, "resuming order 1001");
  expect(outputsOf(stack.engine, "kept").number).toBe(bought);
  expect((await stack.sandbox.state()).orders).toHaveLength(1);
  await expectInvariants(stack.sandbox, stack.engine);
});

test("one resource's journal entry is never taken by another resource with the same selection", async () => {
  stack = await startStack();
  const first = () => new PhoneNumber("first", { region: { prefix: "1713" } });
  expect((await stack.engine.up(await stack.capture(first))).failed).toEqual([]);
  expect(stack.journal()).toStrictEqual(["1001"]); // first is saved, its entry not yet forgotten

  // The newcomer first, so that its create reaches the host before first's diff (which forgets the entry).
  const both = await stack.capture(() => {
    new PhoneNumber("second", { region: { prefix: "1713" } });
    first();
  });
  expect((await stack.engine.up(both)).failed).toEqual([]);
  const numbers = [outputsOf(stack.engine, "first").number, outputsOf(stack.engine, "second").number];
  expect(new Set(numbers).size).toBe(2);
  expect((await stack.sandbox.state()).orders).toHaveLength(2);
  await expectInvariants(stack.sandbox, stack.engine);
});

test("an update that orders again and is killed: the next run resumes that order, whatever its saved state says", async () => {
  stack = await startStack({ orderSeconds: 60 });
  const program = (orderTimeoutSeconds: number) => () =>
    new PhoneNumber("again", { region: { prefix: "1214" }, orderTimeoutSeconds });
  await stack.sandbox.faults({ order: "errored" });
  expect((await stack.engine.up(await stack.capture(program(1)))).failed).toHaveLength(1); // 1001 pending
  await stack.sandbox.admin("clock", { advanceSeconds: 61 }); // 1001 ends ERRORED

  await stack.sandbox.faults({ order: "slow", processingSeconds: 30 });
  const resources = await stack.capture(program(120));
  const interrupted = stack.engine.up(resources); // resumes 1001, sees it failed, orders 1002
  await eventually(() => stack.journal().includes("1002"), "order 1002 in the journal");
  await stack.engine.killHost();
  expect((await interrupted).failed).toHaveLength(1);

  await stack.sandbox.admin("clock", { advanceSeconds: 31 });
  const next = await stack.engine.up(resources);
  expect(next.failed).toEqual([]);
  await hostSaid(stack, "resuming order 1002");
  expect((await stack.sandbox.state()).orders.map((order) => order.id)).toEqual([1001, 1002]);
  expect(outputsOf(stack.engine, "again").orderId).toBe("1002");
  await expectInvariants(stack.sandbox, stack.engine);
});

test("a replacement without a diff (pulumi up --replace) takes over the order, and the old half releases nothing", async () => {
  stack = await startStack();
  const resources = await stack.capture(() => new PhoneNumber("swap", { region: { prefix: "1312" } }));
  expect((await stack.engine.up(resources)).failed).toEqual([]);
  const [old] = [...stack.engine.state.values()];
  // Check without olds, no Diff, Create of the replacement, then Delete of the old half at the end of the run.
  expect(await stack.engine.up(resources, { replace: [old.urn] })).toMatchObject({
    replaced: [old.urn],
    failed: [],
  });
  expect(outputsOf(stack.engine, "swap").number).toBe(old.outputs.number);
  expect(stack.engine.pendingDeletes).toEqual([]);
  const account = await stack.sandbox.state();
  expect(account.orders).toHaveLength(1);
  expect(account.requests.Release).toBe(0);
  expect(account.owned.numbers.map((n) => [n.number, n.autoRenew])).toEqual([[old.outputs.number, true]]);
  await hostSaid(stack, "also holds it");
});

test("a lost answer whose order was never placed: the claimed entry goes, and the new order gets its own", async () => {
  stack = await startStack();
  const resources = await stack.capture(() => new Keyword("never", { keyword: "neverplaced" }));
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: false, times: 1 });
  expect((await stack.engine.up(resources)).failed).toHaveLength(1); // recorded as unconfirmed
  expect(stack.journal()).toStrictEqual([undefined]);
  stack.engine.state.clear(); // and then Pulumi could not save that

  expect((await stack.engine.up(resources)).failed).toEqual([]);
  await hostSaid(stack, "was never placed: ordering it now");
  expect(stack.journal()).toStrictEqual(["1001"]);
  expect((await stack.sandbox.state()).orders).toHaveLength(1);
});

test("a lost answer whose re-order is refused keeps its entry, in case the lost order was still processing", async () => {
  stack = await startStack();
  const resources = await stack.capture(() => new Keyword("refused", { keyword: "refusedtoo" }));
  await stack.sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: false, times: 1 });
  expect((await stack.engine.up(resources)).failed).toHaveLength(1);
  stack.engine.state.clear(); // Pulumi could not save the unconfirmed order

  await stack.sandbox.faults({ operation: "CreateNumberOrder", status: 400, times: 1 });
  expect((await stack.engine.up(resources)).failed).toHaveLength(1);
  expect(stack.journal()).toStrictEqual([undefined]);
});

test("only the last holder releases: a failed --replace whose old half is deleted in a later run, and adoptExisting", async () => {
  stack = await startStack();
  const [candidate] = await stack.sandbox.client().searchAvailableNumbers({ prefix: "1206", count: 1 });
  const resources = await stack.capture(
    () => new PhoneNumber("held", { number: candidate.number, adoptExisting: true }),
  );
  expect((await stack.engine.up(resources)).failed).toEqual([]); // bought: the only holder
  const [old] = [...stack.engine.state.values()];

  // `pulumi up --replace` adopts the number (a second holder), but a later registration's invalid Check aborts the run,
  // so the old half, marked for deletion, is not deleted in it.
  const invalid = await stack.capture(() => new Keyword("invalid", { keyword: "no spaces allowed" }));
  const aborted = await stack.engine.up([...resources, ...invalid], { replace: [old.urn] });
  expect(aborted.replaced).toEqual([old.urn]);
  expect(aborted.failed.map((failure) => failure.urn)).toEqual([invalid[0].urn]);
  expect(outputsOf(stack.engine, "held").number).toBe(candidate.number);
  expect(stack.engine.pendingDeletes).toMatchObject([{ urn: old.urn, id: old.id }]);

  // The next run deletes the old half: a new process, so nothing in memory; the journal says who holds it.
  expect(await stack.engine.up(resources)).toMatchObject({ same: [old.urn], failed: [] });
  expect(stack.engine.pendingDeletes).toEqual([]);
  let account = await stack.sandbox.state();
  expect(account.requests.Release).toBe(0);
  await hostSaid(stack, "also holds it");

  // The replacement, now the only holder, does release it.
  expect((await stack.engine.destroy()).failed).toEqual([]);
  account = await stack.sandbox.state();
  expect(account.requests.Release).toBe(1);
  expect(account.owned.numbers.map((n) => [n.number, n.autoRenew])).toEqual([[candidate.number, false]]);
});

test("an entry of a resource that never comes back expires after 30 days, with a warning that names its order", async () => {
  stack = await startStack();
  expect(
    (await stack.engine.up(await stack.capture(() => new Keyword("gone", { keyword: "gone" })))).failed,
  ).toEqual([]);
  const [entry] = journalEntries(stack.config["callfire:journalDir"]);
  stack.engine.state.clear(); // dropped from the state without a delete (pulumi state delete)
  const monthAgo = new Date(Date.now() - 31 * 24 * 3600_000);
  fs.utimesSync(entry, monthAgo, monthAgo);

  // Any create of the next run (a new host) looks for expired entries.
  expect(
    (await stack.engine.up(await stack.capture(() => new Keyword("other", { keyword: "other" })))).failed,
  ).toEqual([]);
  await hostSaid(stack, "(CallFire order 1001), placed");
  await hostSaid(stack, "was not claimed for 30 days and is removed");
  expect(fs.existsSync(entry)).toBe(false);
});
