/**
 * Test support: a sandbox, the real dynamic-provider host, and an engine applying captured programs, wired
 * together like a Pulumi stack whose config points at the sandbox.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  captureProgram,
  type DesiredResource,
  Engine,
  type Host,
  type HostOptions,
  startHost,
} from "../harness";
import { CREDENTIALS, startTestSandbox, type TestSandbox } from "./sandbox";

/** A stack under test. */
export interface TestStack {
  /** The sandbox. */
  sandbox: TestSandbox;
  /** The engine (its state is the stack's state); it starts a fresh host for every run. */
  engine: Engine;
  /** The stack config sent to the provider. */
  config: Record<string, string>;
  /** Runs a program under mocks and returns its resources. */
  capture(program: () => unknown): Promise<DesiredResource[]>;
  /** The journal's entries: each one's order id, or undefined while its order request has no answer. */
  journal(): (string | undefined)[];
  /**
   * Starts a configured host outside the engine, for a test that drives RPCs by hand (stopped by `close`). Prefer
   * the engine's runs: only they are faithful to the engine.
   */
  startHost(): Promise<Host>;
  /** Everything every host of this stack printed. */
  output(): string;
  /** Stops every host and the sandbox, and removes the journal (unless it was made in `journalParent`). */
  close(): Promise<void>;
}

/** The CallFire API versions a stack can speak; suites that run on both use `describe.each(API_VERSIONS)`. */
export const API_VERSIONS = ["1.1", "v2"] as const;

/** The API version stacks speak unless a test says otherwise: v2 in jest's "API v2" project, else 1.1. */
export function testApiVersion(): "1.1" | "v2" {
  return process.env.CALLFIRE_TEST_API_VERSION === "v2" ? "v2" : "1.1";
}

/** The API version and base URL a stack's config names, as function options. */
export function connectionOf(config: Record<string, string>): { apiVersion?: "1.1" | "v2"; baseUrl: string } {
  const apiVersion = config["callfire:apiVersion"] as "1.1" | "v2" | undefined;
  return { ...(apiVersion && { apiVersion }), baseUrl: config["callfire:baseUrl"] };
}

/** The stack config that points a stack at the sandbox through one API version. */
export function dialectConfig(sandbox: TestSandbox, apiVersion: "1.1" | "v2"): Record<string, string> {
  return apiVersion === "v2"
    ? { "callfire:apiVersion": "v2", "callfire:baseUrl": sandbox.v2Url }
    : { "callfire:baseUrl": sandbox.url };
}

/**
 * Starts a sandbox, a host and an engine. `apiVersion` picks the dialect (default {@link testApiVersion}); `extraConfig` adds (or
 * overrides) stack config keys; `host` says where the host runs (default: the repository root). `journalParent` is where
 * the journal folder is made (default: the system's temporary folder); a journal made there is left in place by `close`,
 * for the caller to remove with `journalParent` once it is done (the bench does: see `bench/bench.ts`).
 */
export async function startStack(
  options: {
    apiVersion?: "1.1" | "v2";
    orderSeconds?: number;
    password?: string;
    extraConfig?: Record<string, string>;
    host?: HostOptions;
    journalParent?: string;
  } = {},
): Promise<TestStack> {
  const password = options.password ?? CREDENTIALS.password;
  const sandbox = await startTestSandbox({ orderSeconds: options.orderSeconds ?? 0, password });
  const journalDir = fs.mkdtempSync(path.join(options.journalParent ?? os.tmpdir(), "callfire-journal-"));
  const config = {
    "callfire:username": CREDENTIALS.username,
    "callfire:password": password,
    "callfire:journalDir": journalDir,
    ...dialectConfig(sandbox, options.apiVersion ?? testApiVersion()),
    ...options.extraConfig,
  };
  const manual: Host[] = [];
  const stack: TestStack = {
    sandbox,
    engine: new Engine({
      startHost: () => startHost(options.host),
      config,
      secretKeys: ["callfire:password"],
    }),
    config,
    capture: (program) => captureProgram(program, { config }),
    journal() {
      return journalEntries(config["callfire:journalDir"]).map((file) => {
        const token = path.basename(file).split(".")[1];
        return token.startsWith("placing_") ? undefined : token;
      });
    },
    async startHost() {
      const host = await startHost(options.host);
      manual.push(host);
      await host.configure(config, ["callfire:password"]);
      return host;
    },
    output: () => [stack.engine.output(), ...manual.map((host) => host.stdout() + host.stderr())].join("\n"),
    async close() {
      await stack.engine.close();
      await Promise.all(manual.map((host) => host.kill()));
      await sandbox.close();
      if (!options.journalParent) fs.rmSync(journalDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/**
 * The order journal entry files in a journal folder (`<dir>/<shard>/<key>.<token>.<host>.<pid>.json`, the shard
 * being the key's first hex digit; holder records live in `<dir>/holders`).
 */
export function journalEntries(dir: string): string[] {
  const list = (folder: string) => {
    try {
      return fs.readdirSync(folder);
    } catch {
      return []; // removed since the listing
    }
  };
  return list(dir)
    .filter((shard) => shard !== "holders")
    .flatMap((shard) => list(path.join(dir, shard)).map((name) => path.join(dir, shard, name)));
}

/** The outputs of the one resource in the engine state with this name. */
export function outputsOf(engine: Engine, name: string): Record<string, unknown> {
  const entry = [...engine.state.values()].find((resource) => resource.name === name);
  if (!entry) throw new Error(`${name} is not in the state`);
  return entry.outputs as Record<string, unknown>;
}

/** Resolves once `check` holds, looking every 50 ms; fails, naming `what`, after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what = "the condition",
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Resolves once a host of the stack has printed `text` (stdout or stderr). Its output reaches this process through
 * pipes, a moment after the answer of the call that logged it: never read it right after a call.
 */
export async function hostSaid(stack: TestStack, text: string): Promise<void> {
  await eventually(() => stack.output().includes(text), `the host saying "${text}"`);
}
