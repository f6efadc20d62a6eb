/**
 * Basic authentication of sandbox requests, compared in constant time.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** Whether an `Authorization` header carries Basic credentials equal to `username`/`password`. */
export function isAuthorized(header: string | undefined, username: string, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  return sameText(decoded.slice(0, colon), username) && sameText(decoded.slice(colon + 1), password);
}

function sameText(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}
