/**
 * The node:http request listener: routes a request, checks Basic auth, fires injected HTTP faults, performs
 * the operation or admin action, writes the answer and logs one line per request.
 */
import { type IncomingMessage, type RequestListener, type ServerResponse, STATUS_CODES } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Account } from "../state/account";
import type { VirtualClock } from "../state/clock";
import { SandboxError } from "../state/errors";
import type { StatusFault } from "../state/faults";
import { performAdmin } from "./admin";
import { performOperation } from "./api";
import { isAuthorized } from "./auth";
import { parseForm, readBody } from "./body";
import { Params } from "./params";
import { exceptionReply, HttpError, type Reply, writeReply } from "./reply";
import { API_BASE_PATH, resolveRoute } from "./routes";

/** What the request handler works with. */
export interface HandlerContext {
  /** The state machine. */
  account: Account;
  /** The virtual clock (admin endpoints move it). */
  clock: VirtualClock;
  /** Basic auth user name. */
  username: string;
  /** Basic auth password. */
  password: string;
  /** Receives one line per request (method, URL, status, duration); never credentials. */
  log?: (line: string) => void;
  /** Aborted when the sandbox closes: cuts injected delays short. */
  signal: AbortSignal;
}

/** Builds the node:http request listener: routing, auth, faults, the operation, logging. */
export function createHandler(context: HandlerContext): RequestListener {
  return (req, res) => {
    const started = performance.now();
    res.once("close", () => {
      const status = res.writableFinished ? String(res.statusCode) : "dropped";
      const ms = Math.round(performance.now() - started);
      context.log?.(`${req.method} ${req.url} ${status} ${ms}ms`);
    });
    handle(context, req, res).catch((error: unknown) => {
      if (context.signal.aborted || res.headersSent) {
        req.socket.destroy();
        return;
      }
      writeReply(res, errorReply(error));
    });
  };
}

async function handle(context: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { account } = context;
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  const route = resolveRoute(method, url.pathname);
  if (route.kind === "api") account.countRequest(route.operation);

  if (!isAuthorized(req.headers.authorization, context.username, context.password)) {
    return writeReply(
      res,
      exceptionReply(401, "UNAUTHORIZED", { "WWW-Authenticate": 'Basic realm="CallFire"' }),
    );
  }
  if (route.kind === "notFound") {
    return writeReply(res, exceptionReply(404, `no such resource: ${url.pathname}`));
  }
  if (route.kind === "methodNotAllowed") {
    const message = `method ${method} is not allowed on ${url.pathname}; use ${route.allow.join(", ")}`;
    return writeReply(res, exceptionReply(405, message, { Allow: route.allow.join(", ") }));
  }
  if (route.kind === "admin") {
    const body = await readBody(req);
    return writeReply(res, performAdmin(account, context.clock, { ...route, body }));
  }
  if (!route.json) {
    return writeReply(res, exceptionReply(406, "the sandbox speaks only the JSON dialect: append .json"));
  }

  const body = method === "GET" ? "" : await readBody(req);
  const params = new Params([...parseForm(req.headers["content-type"], body), ...url.searchParams]);
  const perform = () =>
    performOperation(account, {
      operation: route.operation,
      params,
      pathParam: route.pathParam,
      orderLocation: (id) => `${origin(req)}${API_BASE_PATH}/number/order/${id}`,
    });

  const fault = account.faults.takeHttpFault(route.operation);
  if (fault && "status" in fault) return writeReply(res, faultReply(fault, route.operation));
  if (fault && "drop" in fault) {
    if (fault.after) attempt(perform);
    req.socket.destroy();
    return;
  }
  if (fault && "delayMs" in fault) await sleep(fault.delayMs, undefined, { signal: context.signal });
  writeReply(res, attempt(perform));
}

/** Runs an operation, turning a refusal into its error reply. */
function attempt(perform: () => Reply): Reply {
  try {
    return perform();
  } catch (error) {
    return errorReply(error);
  }
}

function errorReply(error: unknown): Reply {
  if (error instanceof SandboxError || error instanceof HttpError) {
    return exceptionReply(error.status, error.message);
  }
  return exceptionReply(500, `sandbox internal error: ${(error as Error).message}`);
}

function faultReply(fault: StatusFault, operation: string): Reply {
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { "Retry-After": String(fault.retryAfterSeconds) };
  const reason = STATUS_CODES[fault.status] ?? "Error";
  return exceptionReply(fault.status, `${reason} (sandbox fault injected into ${operation})`, headers);
}

function origin(req: IncomingMessage): string {
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  return `http://${host}`;
}
