/**
 * Words for failures that got reports without them: which host a network error was reaching, and why a 429
 * was not retried when CallFire asked for a longer wait than the client allows.
 */

/**
 * The host of the base URL, for network errors: `www.callfire.com`, or `127.0.0.1:8089` for a sandbox. Never the
 * URL itself, which could carry credentials.
 */
function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return "the configured base URL";
  }
}

/** What a network error code means, for the few that are not self-explaining. */
const NETWORK_HINTS: Record<string, string> = {
  ENOTFOUND: "the host name does not resolve; check callfire:baseUrl (or CALLFIRE_BASE_URL)",
  EAI_AGAIN: "the host name could not be resolved right now (DNS)",
  ECONNREFUSED: "nothing accepts connections there; check callfire:baseUrl, or start the sandbox",
  ECONNRESET: "the connection was dropped",
};

/** `network error ENOTFOUND reaching www.callfire.com (the host name does not resolve; …)`. */
export function networkDetail(code: string, baseUrl: string): string {
  const hint = NETWORK_HINTS[code];
  return `network error ${code} reaching ${hostOf(baseUrl)}${hint ? ` (${hint})` : ""}`;
}

/**
 * For a 429 whose `Retry-After` (seconds or an HTTP date) is longer than the client waits: a sentence saying it
 * declined to wait, how long CallFire asked for, and the setting that changes it. Otherwise undefined.
 */
export function declinedRetryAfter(
  header: string | string[] | undefined,
  maxRetryAfterMs: number,
  now = Date.now(),
): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return undefined;
  const waitMs = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(waitMs) || waitMs <= maxRetryAfterMs) return undefined;
  const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;
  return (
    `CallFire asked to wait ${seconds(waitMs)} (Retry-After) before trying again, longer than the ${seconds(maxRetryAfterMs)} ` +
    "the client waits, so it did not retry; try again later, or raise the client's retry.maxRetryAfterMs"
  );
}
