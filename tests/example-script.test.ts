/**
 * `npm run example` (scripts/example.js) against a fake `pulumi` on PATH that records how it was called: the
 * command sequence, the file backend and empty passphrase, the sandbox URL (and that the sandbox answered while
 * `up` ran), cleanup after a failing step, and the install advice when `pulumi` is missing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./harness";

const SCRIPT = path.join(REPO_ROOT, "scripts", "example.js");
const QUICKSTART = path.join(REPO_ROOT, "examples", "quickstart");

/** One call of the fake pulumi. */
interface Call {
  args: string[];
  cwd: string;
  backend?: string;
  passphrase?: string;
  /** Whether the backend directory existed during the call. */
  backendExists: boolean;
  /** `up` only: the HTTP status of GET <callfire:baseUrl>/number/regions.json, or the error. */
  sandbox?: number | string;
}

/**
 * The fake: appends a JSON line per call to $FAKE_PULUMI_LOG, remembers `callfire:baseUrl` next to it, answers
 * `{}` to `stack output --json`, and exits 3 for the command named in $FAKE_PULUMI_FAIL.
 */
const FAKE_PULUMI = `#!${process.execPath}
const fs = require("node:fs");
const args = process.argv.slice(2);
const log = process.env.FAKE_PULUMI_LOG;
const urlFile = log + ".baseUrl";
const backend = process.env.PULUMI_BACKEND_URL;
const call = {
  args,
  cwd: process.cwd(),
  backend,
  passphrase: process.env.PULUMI_CONFIG_PASSPHRASE,
  backendExists: !!backend && fs.existsSync(backend.replace(/^file:\\/\\//, "")),
};
(async () => {
  if (args[0] === "config" && args[2] === "callfire:baseUrl") fs.writeFileSync(urlFile, args[3]);
  if (args[0] === "up") {
    const auth = "Basic " + Buffer.from("sandbox:sandbox").toString("base64");
    call.sandbox = await fetch(fs.readFileSync(urlFile, "utf8") + "/number/regions.json", { headers: { authorization: auth } })
      .then((response) => response.status, (error) => String(error));
  }
  fs.appendFileSync(log, JSON.stringify(call) + "\\n");
  if (args[0] === process.env.FAKE_PULUMI_FAIL) process.exit(3);
  if (args[0] === "stack" && args[1] === "output") console.log("{}");
})();
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
  fs.mkdirSync(path.join(dir, "bin"));
  fs.writeFileSync(path.join(dir, "bin", "pulumi"), FAKE_PULUMI, { mode: 0o755 });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the script with PATH as given and the fake's log in `dir`. */
function runScript(pathVariable: string, fail?: string) {
  const log = path.join(dir, "calls.jsonl");
  const result = spawnSync(process.execPath, [SCRIPT], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      PATH: pathVariable,
      FAKE_PULUMI_LOG: log,
      FAKE_PULUMI_FAIL: fail ?? "",
    },
  });
  const calls: Call[] = fs.existsSync(log)
    ? fs
        .readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
    : [];
  const baseUrl = fs.existsSync(`${log}.baseUrl`) ? fs.readFileSync(`${log}.baseUrl`, "utf8") : undefined;
  return { ...result, calls, baseUrl };
}

/** Whether something still answers at `url`. */
async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    () => true,
    () => false,
  );
}

const STACK = ["--stack", "example"];

test("without pulumi on PATH: says so, says how to install it, exits 1, runs nothing", () => {
  const empty = path.join(dir, "empty");
  fs.mkdirSync(empty);
  const result = runScript(empty);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    "The pulumi command is missing. Install it: https://www.pulumi.com/docs/install/",
  );
  expect(result.stderr).toContain("curl -fsSL https://get.pulumi.com | sh");
  expect(result.calls).toEqual([]);
});

test("runs the quickstart's whole lifecycle against an in-process sandbox with a temporary file backend", async () => {
  const result = runScript(`${path.join(dir, "bin")}${path.delimiter}${process.env.PATH}`);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  const url = result.baseUrl as string;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1\.1\/rest$/);
  expect(result.calls.map((call) => call.args)).toEqual([
    ["stack", "init", "example", "--non-interactive"],
    ["config", "set", "callfire:baseUrl", url, ...STACK],
    ["config", "set", "callfire:username", "sandbox", ...STACK],
    ["config", "set", "--secret", "callfire:password", "sandbox", ...STACK],
    ["up", "--yes", "--non-interactive", ...STACK],
    ["stack", "output", "--json", ...STACK],
    ["destroy", "--yes", "--non-interactive", ...STACK],
    ["stack", "rm", "--yes", "--non-interactive", "example"],
  ]);
  const backend = result.calls[0].backend as string;
  expect(backend).toMatch(/^file:\/\/.*callfire-example-/);
  for (const call of result.calls) {
    expect(call).toMatchObject({
      cwd: fs.realpathSync(QUICKSTART),
      backend,
      passphrase: "",
      backendExists: true,
    });
  }
  expect(result.calls[4].sandbox).toBe(200); // the sandbox answered while `up` ran
  expect(result.stdout).toContain("Stack outputs:\n{}");
  expect(fs.existsSync(backend.slice("file://".length))).toBe(false);
  expect(await answers(url)).toBe(false);
  expect(fs.existsSync(path.join(QUICKSTART, "Pulumi.example.yaml"))).toBe(false);
});

test("a failing `up`: exits with its code, removes the stack, stops the sandbox, removes the state", async () => {
  const result = runScript(`${path.join(dir, "bin")}${path.delimiter}${process.env.PATH}`, "up");
  expect(result.status).toBe(3);
  expect(result.calls.map((call) => call.args.slice(0, 2))).toEqual([
    ["stack", "init"],
    ["config", "set"],
    ["config", "set"],
    ["config", "set"],
    ["up", "--yes"],
    ["stack", "rm"],
  ]);
  expect(result.calls[5].args).toEqual(["stack", "rm", "--yes", "--force", "--non-interactive", "example"]);
  expect(result.stdout).toContain("failed (exit code 3); sandbox stopped, temporary state removed");
  expect(fs.existsSync((result.calls[0].backend as string).slice("file://".length))).toBe(false);
  expect(await answers(result.baseUrl as string)).toBe(false);
});
