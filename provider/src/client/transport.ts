/**
 * The HTTP layer of the client, on got: Basic auth, the dialect's URLs and bodies, timeouts, and retries with backoff
 * that honour `Retry-After`. Idempotent operations retry on 429, 5xx and network errors. An order retries only
 * when CallFire certainly did not act on it (429, connection refused): retrying it otherwise could buy twice.
 * got is ESM-only, so it is loaded once with a dynamic import, which CommonJS callers on Node 20 can use.
 */
import type { Got, RequestError } from "got";
import { readExceptionMessage, WireFormatError } from "../wire/envelope.js";
import { errorForStatus, NetworkError, UnexpectedResponseError } from "./errors.js";
import { declinedRetryAfter, networkDetail } from "./failureDetail.js";

/** How failed requests are retried. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 4. */
  limit?: number;
  /** Delay before the first retry, doubled each time, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of the backoff delay. Default 10 000 ms. */
  maxDelayMs?: number;
  /** Longest `Retry-After` the client waits for; a longer one fails the request at once. Default 60 000 ms. */
  maxRetryAfterMs?: number;
}

/** How a dialect's requests and error bodies look on the wire. */
export interface WireFormat {
  /** Appended to every path: `.json` for API 1.1, nothing for v2. */
  pathSuffix: string;
  /** CallFire's error message in an error body, if the body is one. */
  readErrorMessage(body: unknown): string | undefined;
}

/** The API 1.1 wire format: `.json` paths, `ResourceException` error bodies. */
export const API_11_WIRE: WireFormat = { pathSuffix: ".json", readErrorMessage: readExceptionMessage };

/** Settings of the HTTP layer. */
export interface TransportOptions {
  /** Base URL of the API, without a trailing slash. */
  baseUrl: string;
  /** The dialect's wire format; default API 1.1. */
  wire?: WireFormat;
  /** API login. */
  username: string;
  /** API password. Never logged, never put in an error. */
  password: string;
  /** Time limit of one attempt, in milliseconds. */
  timeoutMs: number;
  /** Retry settings. */
  retry: Required<RetryOptions>;
  /** Receives one line per retry (operation, attempt, reason, delay), for progress logs. */
  log?: (message: string) => void;
}

/** How an operation may be retried. */
export type RetryPolicy = "idempotent" | "once";

/** One HTTP request of a NumberService operation. */
export interface WireRequest {
  /** The operation name, for errors and logs. */
  operation: string;
  /** HTTP method. */
  method: "GET" | "PUT" | "POST";
  /** Path below the base URL, without `.json`, e.g. `number/12135551234`. */
  path: string;
  /** Wire parameters: query string for GET, form body otherwise (unless `json` is given). */
  params: Record<string, string> | URLSearchParams;
  /** A JSON request body (API v2), sent instead of a form body. */
  json?: unknown;
  /** `idempotent` retries on 429, 5xx and network errors; `once` only where CallFire cannot have acted. */
  retry: RetryPolicy;
  /** Shortest delay before a retry, e.g. 1000 ms for order polls, which CallFire limits to one a second. */
  minRetryDelayMs?: number;
}

let gotModule: Promise<Got> | undefined;

/** Loads got once (it is ESM-only). */
function loadGot(): Promise<Got> {
  gotModule ??= import("got").then((module) => module.default);
  return gotModule;
}

const RETRY_STATUS: Record<RetryPolicy, number[]> = { idempotent: [429, 500, 502, 503, 504], once: [429] };
const RETRY_ERROR_CODES: Record<RetryPolicy, string[]> = {
  idempotent: [
    "ETIMEDOUT",
    "ECONNRESET",
    "EADDRINUSE",
    "ECONNREFUSED",
    "EPIPE",
    "ENOTFOUND",
    "ENETUNREACH",
    "EAI_AGAIN",
  ],
  once: ["ECONNREFUSED"],
};

/** What each request tells the shared retry logic, carried in got's `context`. */
interface RequestContext extends Record<string, unknown> {
  /** The operation name, for retry log lines. */
  operation: string;
  /** Shortest delay before a retry of this request. */
  minRetryDelayMs: number;
}

/** Sends NumberService requests and turns every failure into a `CallFireError`. */
export class Transport {
  readonly #options: TransportOptions;
  /** One got instance per retry policy, with auth, timeout and retry rules merged once, not per request. */
  #instances: Promise<Record<RetryPolicy, Got>> | undefined;

  /** Keeps the credentials private to this object. */
  constructor(options: TransportOptions) {
    this.#options = options;
  }

  /** Builds the got instances on first use. */
  #loadInstances(): Promise<Record<RetryPolicy, Got>> {
    this.#instances ??= loadGot().then((got) => {
      const { retry, log, username, password, timeoutMs } = this.#options;
      const base = got.extend({
        headers: {
          authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
          accept: "application/json",
        },
        timeout: { request: timeoutMs },
        responseType: "text",
        retry: {
          limit: retry.limit,
          methods: ["GET", "PUT", "POST"],
          maxRetryAfter: retry.maxRetryAfterMs,
          calculateDelay: ({ attemptCount, computedValue, retryAfter, error }) => {
            if (computedValue === 0) return 0;
            const floor = (error.options.context as RequestContext).minRetryDelayMs;
            if (retryAfter !== undefined) return Math.max(retryAfter, floor);
            const backoff = Math.min(retry.baseDelayMs * 2 ** (attemptCount - 1), retry.maxDelayMs);
            return Math.max(backoff / 2 + Math.random() * (backoff / 2), floor);
          },
        },
        hooks: {
          beforeRetry: [
            (error, retryCount) => {
              const { operation } = error.options.context as RequestContext;
              log?.(
                `CallFire ${operation}: retry ${retryCount} of ${retry.limit} after ${this.#reason(error)}`,
              );
            },
          ],
        },
      });
      const policy = (name: RetryPolicy) =>
        base.extend({ retry: { statusCodes: RETRY_STATUS[name], errorCodes: RETRY_ERROR_CODES[name] } });
      return { idempotent: policy("idempotent"), once: policy("once") };
    });
    return this.#instances;
  }

  /**
   * Sends the request and returns what `read` makes of the parsed JSON body (`undefined` for an empty one, as
   * a 204). A body that is not JSON, or that `read` finds is not the promised shape, is an
   * `UnexpectedResponseError` with the HTTP status.
   */
  async send<T = unknown>(
    request: WireRequest,
    read: (body: unknown) => T = (body) => body as T,
  ): Promise<T> {
    const instances = await this.#loadInstances();
    const wire = this.#options.wire ?? API_11_WIRE;
    const url = `${this.#options.baseUrl}/${request.path}${wire.pathSuffix}`;
    const context: RequestContext = {
      operation: request.operation,
      minRetryDelayMs: request.minRetryDelayMs ?? 0,
    };
    let text: string;
    let status: number;
    try {
      const response = await instances[request.retry](url, {
        method: request.method,
        ...(request.method === "GET"
          ? { searchParams: request.params }
          : request.json !== undefined
            ? { json: request.json }
            : { form: Object.fromEntries(new URLSearchParams(request.params)) }),
        context,
      });
      text = response.body;
      status = response.statusCode;
    } catch (error) {
      throw this.#translate(request.operation, error as RequestError);
    }
    try {
      return read(text.trim() === "" ? undefined : JSON.parse(text));
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof WireFormatError) {
        const detail = error instanceof WireFormatError ? error.message : "the response is not JSON";
        throw new UnexpectedResponseError(request.operation, status, `HTTP ${status}: ${detail}`);
      }
      throw error;
    }
  }

  /** A short, credential-free description of why a request failed. */
  #reason(error: RequestError): string {
    const status = error.response?.statusCode;
    return status ? `HTTP ${status}` : (error.code ?? "a network error");
  }

  /** Maps a got error to a `CallFireError` built only from the status, CallFire's message and the error code. */
  #translate(operation: string, error: RequestError): Error {
    const response = error.response;
    if (response) {
      let body: unknown;
      try {
        body = JSON.parse(String(response.body));
      } catch {
        body = undefined;
      }
      const declined =
        response.statusCode === 429
          ? declinedRetryAfter(response.headers["retry-after"], this.#options.retry.maxRetryAfterMs)
          : undefined;
      const wire = this.#options.wire ?? API_11_WIRE;
      return errorForStatus(operation, response.statusCode, wire.readErrorMessage(body), declined);
    }
    const timedOut = error.name === "TimeoutError";
    const code = timedOut ? "ETIMEDOUT" : (error.code ?? "ENETWORK");
    const detail = timedOut
      ? `no response within ${this.#options.timeoutMs} ms`
      : networkDetail(code, this.#options.baseUrl);
    return new NetworkError(operation, code, timedOut, detail);
  }
}
