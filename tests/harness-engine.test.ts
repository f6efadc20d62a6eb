/**
 * Proves the engine harness against the real dynamic-provider host, using the FileRecord fixture provider.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { FileRecord, type FileRecordArgs } from "./fixtures/file-record";
import { captureProgram, captureStack, Engine, startHost, UNKNOWN } from "./harness";
import { eventually } from "./support/stack";

const CONFIG = { "fixture:label": "from-config", "other:key": "ignored" };
const urn = (name: string) => `urn:pulumi:stack::project::pulumi-nodejs:dynamic/fixture:FileRecord::${name}`;

let dir: string;
const engines: Engine[] = [];

/** An engine over FileRecords with the fixture's config; its hosts are stopped after the test. */
function newEngine(secretKeys: string[] = []): Engine {
  const engine = new Engine({ startHost, config: CONFIG, secretKeys });
  engines.push(engine);
  return engine;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
});

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Captures a program declaring one FileRecord per entry, all in `dir`. */
function records(specs: Record<string, Partial<FileRecordArgs>>, options: pulumi.CustomResourceOptions = {}) {
  return captureProgram(() => {
    for (const [name, args] of Object.entries(specs)) {
      new FileRecord(name, { dir, file: name, content: `${name} v1`, ...args }, options);
    }
  });
}

const readRecord = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, `${file}.json`), "utf8"));
const events = () => fs.readFileSync(path.join(dir, "events.log"), "utf8").trim().split("\n");

test("captureProgram returns engine-shaped inputs, secrets unwrapped, and does not leak between captures", async () => {
  const first = await captureStack(() => {
    const a = new FileRecord("a", { dir, file: "a", content: pulumi.secret("s3cret") });
    return { answer: 42, name: pulumi.output("a"), type: a.urn.apply(() => "registered") };
  });
  expect(first.resources).toHaveLength(1);
  const [a] = first.resources;
  expect(a).toMatchObject({ type: "pulumi-nodejs:dynamic/fixture:FileRecord", name: "a", urn: urn("a") });
  expect(a.inputs).toMatchObject({ dir, file: "a", content: "s3cret" });
  expect(typeof a.inputs.__provider).toBe("string");
  expect(a.inputs).not.toHaveProperty("path");
  expect(a.secretInputs).toEqual(["content"]);
  expect(a.providerIsSecret).toBeUndefined();
  expect(first.outputs).toEqual({ answer: 42, name: "a", type: "registered" });

  const second = await records({ b: {} }, { protect: true, retainOnDelete: true });
  expect(second.map((r) => r.name)).toEqual(["b"]);
  expect(second[0]).toMatchObject({ protect: true, retainOnDelete: true });
});

test("URNs carry the parent's whole type chain, as the engine makes them (deployment.go generateURN)", async () => {
  const resources = await captureProgram(() => {
    const branch = new pulumi.ComponentResource("test:index:Branch", "east");
    const office = new pulumi.ComponentResource("test:index:Office", "hq", {}, { parent: branch });
    new FileRecord("main", { dir, file: "nested", content: "n" }, { parent: office });
    const alone = new pulumi.ComponentResource("test:index:Office", "hq-top");
    new FileRecord("main", { dir, file: "top", content: "t" }, { parent: alone });
  });
  // Registration order is not program order here (each waits for its parents' URNs): find them by file.
  const urnOf = (file: string) => resources.find((resource) => resource.inputs.file === file)?.urn;
  const record = "pulumi-nodejs:dynamic/fixture:FileRecord";
  expect(urnOf("nested")).toBe(
    `urn:pulumi:stack::project::test:index:Branch$test:index:Office$${record}::main`,
  );
  expect(urnOf("top")).toBe(`urn:pulumi:stack::project::test:index:Office$${record}::main`);
});

test("up creates, an edit updates, a file change replaces, a removal deletes, destroy cleans up", async () => {
  const engine = newEngine();
  expect(await engine.up(await records({ a: {}, b: {} }))).toMatchObject({
    created: [urn("a"), urn("b")],
    failed: [],
  });
  expect(readRecord("a")).toEqual({ content: "a v1", label: "from-config" });
  const a = engine.state.get(urn("a"));
  expect(a).toMatchObject({
    id: "a",
    initErrors: [],
    outputs: { label: "from-config", path: path.join(dir, "a.json") },
  });
  expect(a?.outputs.__provider).toBe(a?.inputs.__provider);

  expect(await engine.up(await records({ a: { content: "a v2" }, b: {} }))).toMatchObject({
    updated: [urn("a")],
    same: [urn("b")],
  });
  expect(readRecord("a").content).toBe("a v2");

  // Create-before-delete by default; the diff's deleteBeforeReplace flips the order.
  expect(await engine.up(await records({ a: { content: "a v2" }, b: { file: "b2" } }))).toMatchObject({
    replaced: [urn("b")],
    same: [urn("a")],
  });
  await engine.up(
    await records({ a: { file: "a2", content: "a v2", deleteBeforeReplace: true }, b: { file: "b2" } }),
  );
  expect(events().slice(-4)).toEqual(["create b2", "delete b", "delete a", "create a2"]);
  expect(fs.existsSync(path.join(dir, "a.json"))).toBe(false);
  expect(engine.snapshot().pendingDeletes).toEqual([]);

  expect(await engine.up(await records({ b: { file: "b2" } }))).toMatchObject({
    deleted: [urn("a")],
    failed: [],
  });
  expect(fs.existsSync(path.join(dir, "a2.json"))).toBe(false);

  expect(await engine.destroy()).toEqual({ deleted: [urn("b")], failed: [], warnings: [] });
  expect(engine.state.size).toBe(0);
  expect(fs.readdirSync(dir)).toEqual(["events.log"]);
});

test("an invalid check aborts the run: with --skip-preview earlier registrations are already created", async () => {
  const engine = newEngine();
  const program = await records({ good: {}, bad: { file: "Not OK" }, late: {} });
  const failure = { urn: urn("bad"), message: "file: must be lower-case letters, digits and dashes" };
  // The CLI's default runs a preview first (on its own host): it fails, and nothing is created.
  const previewed = await engine.up(program, { preview: true });
  expect(previewed).toMatchObject({ created: [], failed: [failure] });
  expect(fs.existsSync(path.join(dir, "events.log"))).toBe(false);
  // --skip-preview (and the Automation API): `good` was registered, checked and created before `bad` was checked.
  const result = await engine.up(program);
  expect(result.failed).toEqual([failure]);
  expect(result.created).toEqual([urn("good")]);
  expect([...engine.state.keys()]).toEqual([urn("good")]);
  expect(events()).toEqual(["create good"]);
  expect(engine.hosts).toHaveLength(2); // the preview's and the second up's: the failed preview stopped the first up
});

test("an init failure is recorded with its reasons and the next up resumes it through update", async () => {
  const engine = newEngine();
  const program = await records({ slow: { failInit: true } });
  const first = await engine.up(program);
  expect(first.created).toEqual([]);
  expect(first.failed).toEqual([
    {
      urn: urn("slow"),
      message: "slow is not ready yet",
      initFailure: { id: "slow", properties: expect.any(Object), reasons: ["slow is not ready yet"] },
    },
  ]);
  const recorded = engine.state.get(urn("slow"));
  expect(recorded).toMatchObject({ id: "slow", initErrors: ["slow is not ready yet"] });
  expect(recorded?.outputs.__provider).toBe(program[0].inputs.__provider);

  const second = await engine.up(program);
  expect(second).toMatchObject({ updated: [urn("slow")], failed: [] });
  expect(engine.state.get(urn("slow"))?.initErrors).toEqual([]);
  expect(events()).toEqual(["create slow", "update slow"]);
});

test("refresh drops records deleted out of band and picks up edited ones", async () => {
  const engine = newEngine(["fixture:label"]);
  const program = await records({ kept: {}, lost: {} });
  await engine.up(program);
  fs.rmSync(path.join(dir, "lost.json"));
  fs.writeFileSync(path.join(dir, "kept.json"), JSON.stringify({ content: "edited" }));

  expect(await engine.refresh()).toEqual({
    refreshed: [urn("kept")],
    deleted: [urn("lost")],
    changed: [urn("kept")],
    failed: [],
    warnings: [],
  });
  expect(engine.state.get(urn("kept"))).toMatchObject({
    inputs: { content: "edited", __provider: expect.any(String) },
    outputs: { content: "edited", label: "from-config" },
  });
  expect(await engine.up(program)).toMatchObject({ created: [urn("lost")], updated: [urn("kept")] });
  expect(readRecord("kept").content).toBe("kept v1");
});

test("preview runs checks and diffs only and passes unknowns through", async () => {
  const engine = newEngine();
  const planned = await captureProgram(
    () => {
      const first = new FileRecord("first", { dir, file: "first", content: "x" });
      new FileRecord("second", { dir, file: "second", content: first.path });
    },
    { preview: true },
  );
  expect(planned[1].inputs.content).toBe(UNKNOWN);
  expect((await engine.preview(planned)).steps.map((s) => [s.op, s.inputs?.content])).toEqual([
    ["create", "x"],
    ["create", UNKNOWN],
  ]);

  await engine.up(await records({ a: {}, b: {}, c: {} }));
  const preview = await engine.preview(await records({ a: { content: "new" }, b: { file: "b2" } }));
  expect(preview.failed).toEqual([]);
  expect(preview.steps.map((s) => [s.urn, s.op])).toEqual([
    [urn("a"), "update"],
    [urn("b"), "replace"],
    [urn("c"), "delete"],
  ]);
  expect(events().sort()).toEqual(["create a", "create b", "create c"]);
});

test("protect refuses deletion; retainOnDelete drops the resource from state only", async () => {
  const engine = newEngine();
  const guarded = await records({ guarded: {} }, { protect: true });
  const kept = await records({ kept: {} }, { retainOnDelete: true });
  expect(await engine.up([...guarded, ...kept])).toMatchObject({ created: [urn("guarded"), urn("kept")] });
  const result = await engine.up([]);
  expect(result.deleted).toEqual([urn("kept")]);
  expect(result.failed).toEqual([{ urn: urn("guarded"), message: expect.stringContaining("protected") }]);
  expect([...engine.state.keys()]).toEqual([urn("guarded")]);
  expect(fs.existsSync(path.join(dir, "kept.json"))).toBe(true);
  expect(events().sort()).toEqual(["create guarded", "create kept"]);
});

test("the host runs creates concurrently; parallel: 1 runs them one at a time", async () => {
  const names = ["p1", "p2", "p3", "p4", "p5"];
  const spans = (engine: Engine) =>
    [...engine.state.values()].map((r) => [r.outputs.startedAt as number, r.outputs.finishedAt as number]);

  const parallel = newEngine();
  await parallel.up(await records(Object.fromEntries(names.map((n) => [n, { delayMs: 1500 }]))));
  const [starts, ends] = [spans(parallel).map((s) => s[0]), spans(parallel).map((s) => s[1])];
  expect(Math.max(...starts)).toBeLessThan(Math.min(...ends));

  const serial = newEngine();
  await serial.up(await records(Object.fromEntries(names.map((n) => [`${n}s`, { delayMs: 50 }]))), {
    parallel: 1,
  });
  const sorted = spans(serial).sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i][0]).toBeGreaterThanOrEqual(sorted[i - 1][1]);
});

test("every run starts its own host and closes it", async () => {
  const engine = newEngine();
  await engine.up(await records({ a: {} }));
  await engine.preview(await records({ a: {} }));
  await engine.refresh();
  await engine.destroy();
  expect(engine.hosts).toHaveLength(4);
  expect(new Set(engine.hosts.map((host) => host.pid)).size).toBe(4);
  expect(engine.hosts.filter((host) => host.alive())).toEqual([]);
});

test("after a failed step no step starts and nothing is deleted; a Diff error aborts the run", async () => {
  const engine = newEngine();
  await engine.up(await records({ gone: {} }));
  // The SDK may send registrations out of program order: pin a, then b.
  const program = (await records({ a: { fail: "create" }, b: {} })).sort((x, y) =>
    x.name.localeCompare(y.name),
  );
  const failed = await engine.up(program, { parallel: 1 });
  expect(failed.failed).toEqual([{ urn: urn("a"), message: "create of a failed" }]);
  expect(failed.created).toEqual([]);
  expect([...engine.state.keys()]).toEqual([urn("gone")]);

  const diffFirst = (await records({ gone: { fail: "diff" }, b: {} })).sort((x, y) =>
    y.name.localeCompare(x.name),
  );
  const aborted = await engine.up(diffFirst);
  expect(aborted.failed).toEqual([{ urn: urn("gone"), message: "diff of gone failed" }]);
  expect(events()).toEqual(["create gone", "create a"]);
});

test("init failures: the next up diffs and forces an update; an update's init failure keeps the old inputs", async () => {
  const engine = newEngine();
  await engine.up(await records({ rec: {} }));
  const failed = await engine.up(await records({ rec: { content: "v2", fail: "updateInit" } }));
  expect(failed.failed).toMatchObject([
    { urn: urn("rec"), initFailure: { reasons: ["rec did not finish updating"] } },
  ]);
  expect(engine.state.get(urn("rec"))).toMatchObject({
    inputs: { content: "rec v1" },
    outputs: { content: "v2", fail: "updateInit" },
    initErrors: ["rec did not finish updating"],
  });
  // No change against the outputs, but the init errors force an Update after the Diff.
  const resumed = await engine.up(await records({ rec: { content: "v2", trace: true } }));
  expect(resumed).toMatchObject({ updated: [urn("rec")], failed: [] });
  expect(events().slice(-3)).toEqual(["check rec olds", "diff rec", "update rec"]);
  expect(engine.state.get(urn("rec"))?.initErrors).toEqual([]);
});

test("an empty id from Create is an error and nothing is recorded", async () => {
  const engine = newEngine();
  const result = await engine.up(await records({ blank: { fail: "emptyId" } }));
  expect(result.failed).toEqual([
    { urn: urn("blank"), message: `plugin returned empty resource.ID from create '${urn("blank")}'` },
  ]);
  expect(engine.state.size).toBe(0);
});

test("create-before-delete: the old half is marked once the new one exists, deleted only by a run without failures", async () => {
  const engine = newEngine();
  await engine.up(await records({ a: {}, b: {} }));
  // The replacement ends in an init failure (a failed step): the old half waits, and refresh reads it too.
  const first = await engine.up(await records({ a: { file: "a2", failInit: true }, b: {} }));
  expect(first.failed.map((f) => f.urn)).toEqual([urn("a")]);
  expect(engine.state.get(urn("a"))).toMatchObject({ id: "a2", initErrors: ["a2 is not ready yet"] });
  expect(engine.snapshot().pendingDeletes).toMatchObject([{ urn: urn("a"), id: "a" }]);
  expect(fs.existsSync(path.join(dir, "a.json"))).toBe(true);
  expect((await engine.refresh()).refreshed).toEqual([urn("a"), urn("a"), urn("b")]);

  const second = await engine.up(await records({ a: { file: "a2" }, b: {} }));
  expect(engine.state.get(urn("a"))?.initErrors).toEqual([]); // cleared by the refresh's successful Read
  expect(second).toMatchObject({ same: [urn("a"), urn("b")], deleted: [], failed: [] });
  expect(engine.pendingDeletes).toEqual([]);
  expect(events().slice(-2)).toEqual(["create a2", "delete a"]);
});

test("delete-before-replace: the old resource stays pending replacement until its replacement exists", async () => {
  const engine = newEngine();
  await engine.up(await records({ d: {}, e: {} }));
  const dbr = { deleteBeforeReplace: true };
  const failed = await engine.up(await records({ d: { file: "d2", fail: "create", ...dbr }, e: {} }));
  expect(failed.failed).toEqual([{ urn: urn("d"), message: "create of d2 failed" }]);
  expect(engine.state.get(urn("d"))).toMatchObject({ id: "d", pendingReplacement: true });
  // The next up does not delete it again; the option `deleteBeforeReplace: false` overrides the provider.
  const next = await engine.up([
    ...(await records({ d: { file: "d2", ...dbr } })),
    ...(await records({ e: { file: "e2", ...dbr } }, { deleteBeforeReplace: false })),
  ]);
  expect(next).toMatchObject({ replaced: [urn("d"), urn("e")], failed: [] });
  expect(engine.state.get(urn("d"))).toMatchObject({ id: "d2" });
  expect(engine.state.get(urn("d"))?.pendingReplacement).toBeUndefined();
  expect(events()).toEqual([
    "create d",
    "create e",
    "delete d",
    "create d2",
    "create d2",
    "create e2",
    "delete e",
  ]);
});

test("--replace skips Diff, checks without olds, and deletes the old half at the end of the run", async () => {
  const engine = newEngine();
  await engine.up(await records({ r: { trace: true } }));
  const result = await engine.up(await records({ r: { trace: true } }), { replace: [urn("r")] });
  expect(result).toMatchObject({ replaced: [urn("r")], failed: [] });
  expect(events()).toEqual(["check r no olds", "create r", "check r no olds", "create r", "delete r"]);
});

test("destroy deletes in parallel and continues past a protected resource and a failed delete", async () => {
  const engine = newEngine();
  const guarded = await records({ guarded: {} }, { protect: true });
  await engine.up([...guarded, ...(await records({ broken: { fail: "delete" }, ok: { delayMs: 500 } }))]);
  const result = await engine.destroy();
  expect(result.deleted).toEqual([urn("ok")]);
  expect(result.failed).toEqual([
    { urn: urn("broken"), message: "delete of broken failed" },
    { urn: urn("guarded"), message: expect.stringContaining("protected") },
  ]);
  expect([...engine.state.keys()]).toEqual([urn("guarded"), urn("broken")]);
});

test("a CLI killed during a create leaves a pending CREATE and an orphan host; the next up warns and creates again", async () => {
  const engine = newEngine();
  const program = await records({ slow: { delayMs: 1500 } });
  const interrupted = engine.up(program);
  await eventually(() => fs.existsSync(path.join(dir, "events.log")), "the create starting");
  await engine.killCli();
  expect(await interrupted).toMatchObject({ created: [], failed: [], interrupted: true });
  expect(engine.state.size).toBe(0);
  expect(engine.pendingOperations).toMatchObject([{ type: "creating", urn: urn("slow") }]);
  const orphan = engine.hosts[0];
  expect(orphan.alive()).toBe(true);
  await eventually(() => fs.existsSync(path.join(dir, "slow.json")), "the orphan finishing its create");

  expect((await engine.preview(program)).warnings).toEqual([]); // the warning is printed by updates only
  const next = await engine.up(program);
  expect(next).toMatchObject({ created: [urn("slow")], failed: [] });
  expect(next.warnings).toEqual([expect.stringContaining(`* ${urn("slow")}, interrupted while creating`)]);
  expect(engine.pendingOperations).toHaveLength(1); // kept: only an interactive refresh clears a pending CREATE
  expect(events()).toEqual(["create slow", "create slow"]);
  expect(orphan.alive()).toBe(true);
});

test("secret inputs are re-marked secret in state and stored as ciphertext", async () => {
  const engine = newEngine();
  const program = await captureProgram(() => {
    new FileRecord("s", { dir, file: "s", content: pulumi.secret("s3cret") });
  });
  await engine.up(program);
  expect(engine.state.get(urn("s"))).toMatchObject({ secrets: ["content"], outputs: { content: "s3cret" } });
  expect(JSON.stringify(engine.snapshot())).not.toContain("s3cret");
});
