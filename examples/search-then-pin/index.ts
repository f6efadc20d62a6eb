/**
 * Search, then pin: the search is only there to show candidates; the number actually bought is the one you
 * chose and wrote into stack config.
 *
 *     pulumi up                                   # no `pinnedNumber` yet: buys nothing, exports `candidates`
 *     pulumi config set pinnedNumber 12135550037  # pin the candidate you like
 *     pulumi up                                   # buys exactly that number, and keeps it on every later up
 *
 * Tunables (stack config): `pinnedNumber` (optional: unset, nothing is bought and only `candidates` is exported),
 * `prefix` (where to search, default 1213), `count` (how many candidates, default 5), `textFeature` (ENABLED or
 * DISABLED, default ENABLED).
 */
import * as pulumi from "@pulumi/pulumi";
import * as callfire from "pulumi-callfire";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "1213";
const count = config.getNumber("count") ?? 5;
const textFeature = config.get("textFeature") === "DISABLED" ? "DISABLED" : "ENABLED";
const pinnedNumber = config.get("pinnedNumber");

// What could be bought right now. Informational only: the answer changes from run to run.
export const candidates = callfire
  .searchAvailableNumbersOutput({ prefix, count })
  .apply((numbers) => numbers.map((n) => n.number));

// Never write `number: candidates[0]` (or any other live search result) here. A search answers with what is
// available *now*; on the next `pulumi up` it answers differently, Pulumi sees a new `number`, replaces the
// resource and buys another number every run. Pin the number you chose as a literal (here: stack config).
// Until one is pinned, nothing is bought.
const pinned = pinnedNumber
  ? new callfire.PhoneNumber("pinned", { number: pinnedNumber, textFeature })
  : undefined;

/** The pinned number; undefined (no stack output) until `pinnedNumber` is set. */
export const number = pinned?.number;
/** Its national format, e.g. "(213) 555-0037"; undefined until `pinnedNumber` is set. */
export const nationalFormat = pinned?.nationalFormat;
