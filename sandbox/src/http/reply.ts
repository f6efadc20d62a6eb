/**
 * Replies and how they are written: JSON answers, CallFire's `ResourceException` error body, and the HTTP
 * layer's own refusals.
 */
import type { ServerResponse } from "node:http";

/** An answer to write: status, optional JSON body, extra headers. */
export interface Reply {
  /** HTTP status. */
  status: number;
  /** The JSON body; none when absent (e.g. 204). */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** A refusal raised by the HTTP layer itself (body too large, unsupported content type, bad admin JSON). */
export class HttpError extends Error {
  /** The HTTP status to answer with. */
  readonly status: number;

  /** @param status the HTTP status; @param message the client-facing message. */
  constructor(status: number, message: string) {
    super(message);
    this.name = "HttpError";
    this.status = status;
  }
}

/** A CallFire error answer: `{"ResourceException":{"HttpStatus":N,"Message":"..."}}`. */
export function exceptionReply(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { ResourceException: { HttpStatus: status, Message: message } }, headers };
}

/** Writes a reply as `application/json` (no body and no content type when `body` is absent). */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers["Content-Type"] = "application/json";
  headers["Content-Length"] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers).end(text);
}
