/**
 * Which CallFire account a connection reaches, independent of how it is reached: the API dialect (1.1 or v2),
 * the spelling of the base URL (a trailing slash, upper-case host) and the password. Records kept about an
 * account (the order journal, holder records) are keyed by this, so switching a stack between dialects or
 * re-spelling `callfire:baseUrl` never orphans them.
 */

/** The connection fields that identify an account. */
export interface AccountConnection {
  /** Base URL of the API (any dialect). */
  baseUrl: string;
  /** API login. */
  username: string;
}

/**
 * The account's identity: `callfire.com` for every CallFire host (both dialects live on callfire.com), otherwise
 * the URL's origin (a sandbox serves both dialects on one origin), followed by the login.
 */
export function accountIdentity(connection: AccountConnection): string {
  let where: string;
  try {
    const url = new URL(connection.baseUrl.trim());
    const host = url.hostname.toLowerCase();
    where = host === "callfire.com" || host.endsWith(".callfire.com") ? "callfire.com" : url.origin;
  } catch {
    where = connection.baseUrl.trim().replace(/\/+$/, ""); // not a URL: the client refuses it before any use
  }
  return `${where} ${connection.username}`;
}
