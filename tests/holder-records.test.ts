/**
 * Holder records across processes: two stacks on one machine may join and leave the same asset at the same
 * moment. Each holder is its own file, so neither can lose the other's change (a read-modify-write of one shared
 * record could: both read, both write, the last writer wins).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { HolderRecords } from "../provider/dist/resources/ownership/holders.js";

const run = promisify(execFile);

/** A separate Node process that joins (then, with `leave`, leaves) the asset `key` `count` times at once. */
function churn(dir: string, key: string, resource: string, count: number, leave: boolean) {
  const script = `
    const { HolderRecords } = require(${JSON.stringify(require.resolve("../provider/dist/resources/ownership/holders.js"))});
    const records = new HolderRecords(${JSON.stringify(dir)});
    (async () => {
      const tokens = await Promise.all(Array.from({ length: ${count} }, (_, i) =>
        records.hold(${JSON.stringify(key)}, { resource: ${JSON.stringify(resource)} + "-" + i })));
      if (${leave}) await Promise.all(tokens.map((token) => records.leave(${JSON.stringify(key)}, token)));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  return run(process.execPath, ["-e", script]);
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "callfire-holders-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("two processes joining the same asset at once keep every holder", async () => {
  await Promise.all([churn(dir, "x", "stack-a", 40, false), churn(dir, "x", "stack-b", 40, false)]);
  const holders = await new HolderRecords(dir).holders("x");
  expect(holders).toHaveLength(80);
  expect(new Set(holders.map((holder) => holder.token)).size).toBe(80);
});

test("a process leaving while another joins the same asset removes only its own holders", async () => {
  const records = new HolderRecords(dir);
  const kept = await records.hold("x", { resource: "stack-keeper" });
  await Promise.all([churn(dir, "x", "stack-a", 40, true), churn(dir, "x", "stack-b", 40, false)]);
  const holders = await records.holders("x");
  expect(holders.map((holder) => holder.resource).sort()).toEqual(
    ["stack-keeper", ...Array.from({ length: 40 }, (_, i) => `stack-b-${i}`)].sort(),
  );
  expect(holders.find((holder) => holder.resource === "stack-keeper")?.token).toBe(kept);
  // The last holder to leave sees nobody left: that is when a delete may release.
  for (const holder of holders.filter((each) => each.token !== kept)) await records.leave("x", holder.token);
  expect(await records.leave("x", kept)).toEqual([]);
});

test("a holder superseded while another process reads the asset's holders is not missed: it lists again", async () => {
  const records = new HolderRecords(dir);
  const first = await records.hold("x", { resource: "stack::a", entry: "1001" });
  const leaving = await records.hold("x", { resource: "stack::b" });
  // Another process claims stack::a's order again just after this one listed the folder: its new holder file
  // appears, then the one it supersedes goes, before this process reads it.
  const readFile = fs.promises.readFile;
  let raced = false;
  const spy = jest.spyOn(fs.promises, "readFile").mockImplementation((async (
    file: fs.PathLike,
    options: unknown,
  ) => {
    if (String(file).includes(first)) {
      spy.mockRestore();
      raced = true;
      const again = { resource: "stack::a", entry: "1001", token: "h_000000000001" };
      fs.writeFileSync(path.join(path.dirname(String(file)), `x.${again.token}.json`), JSON.stringify(again));
      fs.rmSync(String(file));
    }
    return readFile(file, options as BufferEncoding);
  }) as typeof fs.promises.readFile);
  const left = await records.leave("x", leaving);
  expect(raced).toBe(true);
  expect(left.map((holder) => holder.token)).toEqual(["h_000000000001"]);
});

test("a token that hold did not make (a state edited by hand) removes no holder", async () => {
  const records = new HolderRecords(dir);
  const token = await records.hold("x", { resource: "stack::a" });
  // As a path, this token names stack::a's own file.
  expect(await records.leave("x", `h_/../x.${token}`)).toHaveLength(1);
  expect(await records.leave("x", "h_")).toHaveLength(1);
});

test("a temporary holder file left by a killed process is removed once it is old, and never counts", async () => {
  const records = new HolderRecords(dir);
  const token = await records.hold("x", { resource: "stack::a" });
  const shard = path.join(dir, "holders", "x");
  const stale = path.join(shard, "x.h_000000000002.json.4242.tmp");
  const fresh = path.join(shard, "x.h_000000000003.json.4243.tmp"); // another process writing it now
  fs.writeFileSync(stale, '{"resource":"stack::killed"');
  fs.writeFileSync(fresh, '{"resource":"stack::writing"');
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
  fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
  expect((await records.holders("x")).map((holder) => holder.token)).toEqual([token]);
  expect(fs.existsSync(stale)).toBe(false);
  expect(fs.existsSync(fresh)).toBe(true);
});
