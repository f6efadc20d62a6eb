/**
 * A request the state machine refuses. `status` is the HTTP status the wire layer answers with
 * (400 bad request, 404 not found, 409 conflict for admin actions); `message` goes into the
 * `ResourceException` body as is.
 */
export class SandboxError extends Error {
  /** The HTTP status this refusal maps to. */
  readonly status: 400 | 404 | 409;

  /** @param status the HTTP status; @param message the client-facing message. */
  constructor(status: 400 | 404 | 409, message: string) {
    super(message);
    this.name = "SandboxError";
    this.status = status;
  }
}

/** Shorthand for a 400 refusal. */
export function badRequest(message: string): SandboxError {
  return new SandboxError(400, message);
}

/** Shorthand for a 404 refusal. */
export function notFound(message: string): SandboxError {
  return new SandboxError(404, message);
}
