/**
 * The node:http request listener: routes a request, checks Basic auth, fires injected HTTP faults, performs
 * the operation (in the API 1.1 or the v2 wire format, by its path) or admin action, writes the answer and logs
 * one line per request.
 */
import { type IncomingMessage, type RequestListener, type ServerResponse, STATUS_CODES } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Account } from "../state/account";
import type { VirtualClock } from "../state/clock";
import { SandboxError } from "../state/errors";
import type { StatusFault } from "../state/faults";
import type { ApiOperation } from "../state/operations";
import { performAdmin } from "./admin";
import { performOperation } from "./api";
import { isAuthorized } from "./auth";
import { parseForm, readBody } from "./body";
import { Params } from "./params";
import { exceptionReply, HttpError, type Reply, writeReply } from "./reply";
import { API_BASE_PATH, type Route, resolveRoute, V2_BASE_PATH } from "./routes";
import { performV2, v2Operation } from "./v2/api";
import { resolveV2Route } from "./v2/routes";
import { errorResponse } from "./v2/wire";

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
    const fail = failureFormat(req.url ?? "/");
    handle(context, req, res, fail).catch((error: unknown) => {
      if (context.signal.aborted || res.headersSent) {
        req.socket.destroy();
        return;
      }
      writeReply(res, errorReply(error, fail));
    });
  };
}

/** How an error answer is written: API 1.1's `ResourceException` or v2's `ErrorResponse`. */
type FailureFormat = (status: number, message: string, headers?: Record<string, string>) => Reply;

/** The error format of a request URL: v2's below `/v2/`, 1.1's everywhere else. */
function failureFormat(requestUrl: string): FailureFormat {
  return requestUrl.startsWith(`${V2_BASE_PATH}/`) ? errorResponse : exceptionReply;
}

async function handle(
  context: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  fail: FailureFormat,
): Promise<void> {
  const { account } = context;
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  const route = url.pathname.startsWith(`${V2_BASE_PATH}/`)
    ? resolveV2Route(method, url.pathname.slice(V2_BASE_PATH.length))
    : resolveRoute(method, url.pathname);
  // A v2 lease update is a ConfigureNumber or a Release by its body, so v2 bodies are read before counting.
  const v2Body = route.kind === "api" && route.v2 && method !== "GET" ? await readBody(req) : "";
  const operation = route.kind === "api" ? operationOf(route, v2Body) : undefined;
  if (operation) account.countRequest(operation);

  if (!isAuthorized(req.headers.authorization, context.username, context.password)) {
    return writeReply(res, fail(401, "UNAUTHORIZED", { "WWW-Authenticate": 'Basic realm="CallFire"' }));
  }
  if (route.kind === "notFound") {
    return writeReply(res, fail(404, `no such resource: ${url.pathname}`));
  }
  if (route.kind === "methodNotAllowed") {
    const message = `method ${method} is not allowed on ${url.pathname}; use ${route.allow.join(", ")}`;
    return writeReply(res, fail(405, message, { Allow: route.allow.join(", ") }));
  }
  if (route.kind === "admin") {
    const body = await readBody(req);
    return writeReply(res, performAdmin(account, context.clock, { ...route, body }));
  }
  if (!route.json) {
    return writeReply(res, exceptionReply(406, "the sandbox speaks only the JSON dialect: append .json"));
  }

  const apiOperation = operation ?? route.operation;
  let perform: () => Reply;
  if (route.v2) {
    const endpoint = route.v2;
    const query = new Params([...url.searchParams]);
    perform = () => performV2(account, { endpoint, pathParam: route.pathParam, query, body: v2Body });
  } else {
    const body = method === "GET" ? "" : await readBody(req);
    const params = new Params([...parseForm(req.headers["content-type"], body), ...url.searchParams]);
    perform = () =>
      performOperation(account, {
        operation: route.operation,
        params,
        pathParam: route.pathParam,
        orderLocation: (id) => `${origin(req)}${API_BASE_PATH}/number/order/${id}`,
      });
  }

  const fault = account.faults.takeHttpFault(apiOperation);
  if (fault && "status" in fault) return writeReply(res, faultReply(fault, apiOperation, fail));
  if (fault && "drop" in fault) {
    if (fault.after) attempt(perform, fail);
    req.socket.destroy();
    return;
  }
  if (fault && "delayMs" in fault) await sleep(fault.delayMs, undefined, { signal: context.signal });
  writeReply(res, attempt(perform, fail));
}

/** The operation an API request performs (for v2, by its endpoint and body). */
function operationOf(route: Extract<Route, { kind: "api" }>, v2Body: string): ApiOperation {
  return route.v2 ? v2Operation(route.v2, route.operation, v2Body) : route.operation;
}

/** Runs an operation, turning a refusal into its error reply. */
function attempt(perform: () => Reply, fail: FailureFormat): Reply {
  try {
    return perform();
  } catch (error) {
    return errorReply(error, fail);
  }
}

function errorReply(error: unknown, fail: FailureFormat): Reply {
  if (error instanceof SandboxError || error instanceof HttpError) {
    return fail(error.status, error.message);
  }
  return fail(500, `sandbox internal error: ${(error as Error).message}`);
}

function faultReply(fault: StatusFault, operation: string, fail: FailureFormat): Reply {
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { "Retry-After": String(fault.retryAfterSeconds) };
  const reason = STATUS_CODES[fault.status] ?? "Error";
  return fail(fault.status, `${reason} (sandbox fault injected into ${operation})`, headers);
}

function origin(req: IncomingMessage): string {
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  return `http://${host}`;
}
