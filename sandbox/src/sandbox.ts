/**
 * Starts a sandbox: a fresh account on a virtual clock, served over node:http, and closes it again.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHandler } from "./http/handler";
import { API_BASE_PATH, V2_BASE_PATH } from "./http/routes";
import { Account } from "./state/account";
import { VirtualClock } from "./state/clock";

/** How to start a sandbox. Every field is optional. */
export interface SandboxOptions {
  /** TCP port; default 0 (an ephemeral port, read it from {@link RunningSandbox.url}). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Basic auth user name; default `sandbox`. */
  username?: string;
  /** Basic auth password; default `sandbox`. */
  password?: string;
  /** Clock seconds a new order stays PROCESSING; default 2; 0 = FINISHED on the first read. */
  orderSeconds?: number;
  /** Inventory generation seed; default 1. */
  seed?: number;
  /** Receives one line per request (method, URL, status, ms); default: no logging. */
  log?: (line: string) => void;
}

/** A sandbox that is listening. */
export interface RunningSandbox {
  /** The client base URL, e.g. `http://127.0.0.1:43123/api/1.1/rest`. */
  url: string;
  /** The API v2 base URL over the same account, e.g. `http://127.0.0.1:43123/v2`. */
  v2Url: string;
  /** The server origin, e.g. `http://127.0.0.1:43123` (admin endpoints live under `/__sandbox`). */
  origin: string;
  /** The live state machine (tests may inspect it, or set `account.faults`). */
  account: Account;
  /** The virtual clock (tests may advance it). */
  clock: VirtualClock;
  /** Stops listening, cuts injected delays short and destroys open sockets. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts a CallFire NumberService sandbox over HTTP: API 1.1 at {@link RunningSandbox.url}, v2 at `<origin>/v2`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1";
  const clock = new VirtualClock();
  const account = new Account({ now: clock.now, seed: options.seed, orderSeconds: options.orderSeconds });
  const shutdown = new AbortController();
  const server = createServer(
    createHandler({
      account,
      clock,
      username: options.username ?? "sandbox",
      password: options.password ?? "sandbox",
      log: options.log,
      signal: shutdown.signal,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      shutdown.abort();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
  return {
    url: `${origin}${API_BASE_PATH}`,
    v2Url: `${origin}${V2_BASE_PATH}`,
    origin,
    account,
    clock,
    close,
  };
}
