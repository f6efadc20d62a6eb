/**
 * Test support: a sandbox over real loopback HTTP, a client pointed at it, and the admin endpoints.
 */
import * as http from "node:http";
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
  // Each admin call has a connection of its own. A kept-alive one could be closed by the sandbox's idle timeout
  // just as the next call goes out on it (ECONNRESET): a test that blocks its process for seconds (loading a
  // program inside jest.isolateModules) lets both timers fall due together.
  const admin = async (path: string, body?: unknown, method = body === undefined ? "GET" : "POST") => {
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        `${sandbox.origin}/__sandbox/${path}`,
        { method, agent: false, headers: { authorization, "content-type": "application/json" } },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });
    if (status < 200 || status >= 300) throw new Error(`admin ${path}: ${status} ${text}`);
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
