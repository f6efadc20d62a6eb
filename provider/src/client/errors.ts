/**
 * Errors the CallFire client throws. Each carries the operation, the HTTP status (0 for network failures) and
 * CallFire's own `Message`. None of them ever holds the request, its headers or the credentials: they are
 * built from the status and body alone, so they are safe to print, log and store.
 */

/** What every client error has. */
export class CallFireError extends Error {
  /** The class name, `CallFireError`, shown in stack traces and logs. */
  override name = "CallFireError";
  /** The NumberService operation, e.g. `"GetNumber"`. */
  readonly operation: string;
  /** The HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** CallFire's `ResourceException` message, when it sent one. */
  readonly callFireMessage?: string;

  /** @internal Use the subclasses. */
  constructor(operation: string, status: number, detail: string, callFireMessage?: string) {
    super(`CallFire ${operation} failed: ${detail}`);
    this.operation = operation;
    this.status = status;
    this.callFireMessage = callFireMessage;
  }
}

/** 400: CallFire rejected the request, e.g. `unavailable numbers: 12135551234`. */
export class BadRequestError extends CallFireError {
  /** The class name, `BadRequestError`, shown in stack traces and logs. */
  override name = "BadRequestError";
}

/** 401: the username or password is wrong or missing. */
export class UnauthorizedError extends CallFireError {
  /** The class name, `UnauthorizedError`, shown in stack traces and logs. */
  override name = "UnauthorizedError";
}

/** 403: the account may not do this. */
export class ForbiddenError extends CallFireError {
  /** The class name, `ForbiddenError`, shown in stack traces and logs. */
  override name = "ForbiddenError";
}

/** 404: the number, keyword or order does not exist or is not the account's. */
export class NotFoundError extends CallFireError {
  /** The class name, `NotFoundError`, shown in stack traces and logs. */
  override name = "NotFoundError";
}

/** 429: too many requests, after the retries ran out. */
export class RateLimitError extends CallFireError {
  /** The class name, `RateLimitError`, shown in stack traces and logs. */
  override name = "RateLimitError";
}

/** 5xx: CallFire failed, after the retries ran out (or at once, for an order, which is never retried blindly). */
export class ServerError extends CallFireError {
  /** The class name, `ServerError`, shown in stack traces and logs. */
  override name = "ServerError";
}

/** Any other unexpected HTTP status, or a body that is not the promised shape. */
export class UnexpectedResponseError extends CallFireError {
  /** The class name, `UnexpectedResponseError`, shown in stack traces and logs. */
  override name = "UnexpectedResponseError";
}

/** No response: the connection failed, was dropped, or the request timed out. */
export class NetworkError extends CallFireError {
  /** The class name, `NetworkError`, shown in stack traces and logs. */
  override name = "NetworkError";
  /** The system error code, e.g. `ECONNRESET`, or `ETIMEDOUT` for a timeout. */
  readonly code: string;
  /** Whether the client's own timeout fired. */
  readonly timedOut: boolean;

  /** @internal */
  constructor(operation: string, code: string, timedOut: boolean, detail: string) {
    super(operation, 0, detail);
    this.code = code;
    this.timedOut = timedOut;
  }
}

/** Input that can never be sent, such as a malformed phone number. Thrown before any request is made. */
export class InvalidInputError extends Error {
  /** The class name, `InvalidInputError`, shown in stack traces and logs. */
  override name = "InvalidInputError";
  /** The argument at fault, e.g. `"number"` or `"keywords[1]"`. */
  readonly property: string;
  /** What is wrong and how to fix it, without the property name. */
  readonly reason: string;

  /** Names the argument and says what is wrong and how to fix it. */
  constructor(property: string, reason: string) {
    super(`${property}: ${reason}`);
    this.property = property;
    this.reason = reason;
  }
}

/** Builds the error for an HTTP status and CallFire's message; `note` adds a sentence of the client's own. */
export function errorForStatus(
  operation: string,
  status: number,
  callFireMessage?: string,
  note?: string,
): CallFireError {
  const detail = `HTTP ${status}${callFireMessage ? ` ${callFireMessage}` : ""}${note ? `: ${note}` : ""}`;
  switch (true) {
    case status === 400:
      return new BadRequestError(operation, status, detail, callFireMessage);
    case status === 401:
      return new UnauthorizedError(
        operation,
        status,
        `${detail} (check callfire:username and callfire:password)`,
        callFireMessage,
      );
    case status === 403:
      return new ForbiddenError(operation, status, detail, callFireMessage);
    case status === 404:
      return new NotFoundError(operation, status, detail, callFireMessage);
    case status === 429:
      return new RateLimitError(operation, status, detail, callFireMessage);
    case status >= 500:
      return new ServerError(operation, status, detail, callFireMessage);
    default:
      return new UnexpectedResponseError(operation, status, detail, callFireMessage);
  }
}

/**
 * Whether a failed order request may have reached CallFire and placed the order anyway: a 5xx answer, or a
 * connection that broke or timed out after the request was sent. Such failures must be reconciled, never retried.
 */
export function isAmbiguous(error: unknown): boolean {
  if (error instanceof NetworkError) return error.code !== "ECONNREFUSED";
  return error instanceof ServerError || error instanceof UnexpectedResponseError;
}
