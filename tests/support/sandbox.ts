/**
 * Test support: a sandbox over real loopback HTTP, a client pointed at it, and the admin endpoints.
 */
import type { AccountSnapshot, RunningSandbox, SandboxOptions } from "callfire-sandbox";
import { startSandbox } from "callfire-sandbox";
import { CallFireClient, type CallFireClientOptions } from "pulumi-callfire";

/** The sandbox's default credentials. */
export const CREDENTIALS = { username: "sandbox", password: "sandbox" };

/** A running sandbox with helpers. */
export interface TestSandbox extends RunningSandbox {
  /** A client for this sandbox (fast retries, for tests), on the base URL of the `apiVersion` asked for. */
  client(options?: Partial<CallFireClientOptions>): CallFireClient;
  /** Calls an admin endpoint (`state`, `clock`, `reset`, `faults`, `orders/ID/finish`). */
  admin(path: string, body?: unknown, method?: string): Promise<unknown>;
  /** `GET /__sandbox/state`. */
  state(): Promise<AccountSnapshot>;
  /** Replaces the fault plan. */
  faults(...rules: unknown[]): Promise<void>;
}

/** Starts a sandbox for one test file. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const credentials = { username: CREDENTIALS.username, password: options.password ?? CREDENTIALS.password };
  const sandbox = await startSandbox({ orderSeconds: 0, ...options, ...credentials });
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
  const admin = async (path: string, body?: unknown, method = body === undefined ? "GET" : "POST") => {
    const response = await fetch(`${sandbox.origin}/__sandbox/${path}`, {
      method,
      headers: { authorization, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`admin ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    ...sandbox,
    client: (overrides = {}) =>
      new CallFireClient({
        baseUrl: overrides.apiVersion === "v2" ? sandbox.v2Url : sandbox.url,
        ...credentials,
        retry: { baseDelayMs: 20, maxDelayMs: 100 },
        ...overrides,
      }),
    admin,
    state: () => admin("state") as Promise<AccountSnapshot>,
    faults: async (...rules) => {
      await admin("faults", { rules });
    },
  };
}
