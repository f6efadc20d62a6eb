/**
 * Bad-input matrix: invalid inputs to PhoneNumber and Keyword (through the real host's `check`), to the
 * functions (through the client's argument checks), and bad provider settings. Each one fails with an error
 * naming the property or setting at fault and hinting at the fix, and the sandbox never sees a request.
 *
 * The resource cases ask one configured host for `Check` (olds empty, as for a new resource), case after case:
 * only Check's answer is under test, and a run per case would start a host per case. That an invalid Check
 * aborts the run before anything is created is the engine's part, proven in tests/harness-engine.test.ts.
 */
import type { AccountSnapshot } from "callfire-sandbox";
import * as callfire from "pulumi-callfire";
import {
  InvalidInputError,
  Keyword,
  type KeywordArgs,
  PhoneNumber,
  type PhoneNumberArgs,
} from "pulumi-callfire";
import type { Host } from "./harness";
import { CREDENTIALS } from "./support/sandbox";
import { connectionOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
let host: Host;
let baseline: AccountSnapshot["requests"];
beforeAll(async () => {
  stack = await startStack();
  host = await stack.startHost();
  baseline = (await stack.sandbox.state()).requests;
});
afterAll(() => stack.close());

/** A program with one PhoneNumber, its arguments deliberately untyped. */
const phone = (args: Record<string, unknown>) => () => new PhoneNumber("bad", args as PhoneNumberArgs);
/** A program with one Keyword, its arguments deliberately untyped. */
const keyword = (args: Record<string, unknown>) => () => new Keyword("bad", args as unknown as KeywordArgs);

const TRACKING = { type: "TRACKING", transferNumbers: ["+1 312 555 0100"] };
const KEYWORD_65 = "K".repeat(65);

/** [what, program, the property named first, a hint of the fix]. */
// biome-ignore format: one case per line keeps the matrix readable
const resourceCases: [string, () => unknown, string, string][] = [
  // Choosing the number.
  ["number too short", phone({ number: "555" }), "number", '"555" has 3 digits, not counting a leading country code 1; give 10 digits with area code'],
  ["number in an area code not in use", phone({ number: "+1 299 555 0000" }), "number", "299 is not a North American area code in use"],
  ["number with letters", phone({ number: "call-me-now" }), "number", "+1 213 555 1234"],
  ["non-NANP number", phone({ number: "+44 20 7946 0958" }), "number", "not a North American phone number"],
  ["empty number", phone({ number: "" }), "number", "must be a phone number such as"],
  ["number as a JS number", phone({ number: 12135550100 }), "number", "must be a phone number such as"],
  ["number and region", phone({ number: "+1 213 555 0100", region: { prefix: "1213" } }), "number, region", "set only one of number, tollFree and region"],
  ["number and tollFree", phone({ number: "+1 213 555 0100", tollFree: true }), "number, tollFree", "set only one of"],
  ["tollFree and region", phone({ tollFree: true, region: { prefix: "1213" } }), "tollFree, region", "set only one of"],
  ["all three choices", phone({ number: "+1 213 555 0100", tollFree: true, region: { city: "Miami" } }), "number, tollFree, region", "set only one of"],
  ["no choice at all", phone({ callFeature: "ENABLED" }), "number", "set exactly one of number"],
  ["tollFree: false and nothing else", phone({ tollFree: false }), "number", "set exactly one of number"],
  ['tollFree: "yes"', phone({ tollFree: "yes" }), "tollFree", "must be true or false"],
  ["region as a string", phone({ region: "1213" }), "region", "must be an object"],
  ["region empty object", phone({ region: {} }), "region", "needs at least one filter"],
  ["region unknown field", phone({ region: { areaCode: "213" } }), "region.areaCode", "is not a known property"],
  ["region field in the wrong case", phone({ region: { Prefix: "1213" } }), "region.Prefix", 'did you mean "prefix"?'],
  ["region.prefix without the leading 1", phone({ region: { prefix: "213" } }), "region.prefix", "starting with the country code 1"],
  ["region.prefix too long", phone({ region: { prefix: "121355501" } }), "region.prefix", "4 to 7 digits"],
  ["region.state three letters", phone({ region: { state: "CAL" } }), "region.state", "two-letter state code"],
  ["region.zipcode four digits", phone({ region: { zipcode: "9001" } }), "region.zipcode", "five-digit zip code"],
  ["region.latitude 91", phone({ region: { latitude: 91 } }), "region.latitude", "from -90 to 90"],
  ["region.longitude as text", phone({ region: { longitude: "west" } }), "region.longitude", "from -180 to 180"],
  ["region.timeZone not IANA", phone({ region: { timeZone: "PST" } }), "region.timeZone", "America/Los_Angeles"],
  // Features.
  ['callFeature "ON"', phone({ tollFree: true, callFeature: "ON" }), "callFeature", '"ENABLED" or "DISABLED"'],
  ["textFeature ENABLED on toll-free", phone({ tollFree: true, textFeature: "ENABLED" }), "textFeature", "remove textFeature or set it to \"DISABLED\""],
  ["textFeature on an exact toll-free number", phone({ number: "+1 800 555 0199", textFeature: "ENABLED" }), "textFeature", "toll-free numbers do not support texting"],
  ["textFeature lower-case typo", phone({ region: { prefix: "1213" }, textFeature: "enabeld" }), "textFeature", '"ENABLED" or "DISABLED"'],
  // Inbound call configuration.
  ["inbound as a string", phone({ tollFree: true, inboundCallConfiguration: "TRACKING" }), "inboundCallConfiguration", "must be an object"],
  ["inbound type missing", phone({ tollFree: true, inboundCallConfiguration: { transferNumbers: ["13125550100"] } }), "inboundCallConfiguration.type", '"TRACKING" or "IVR"'],
  ['inbound type "FORWARD"', phone({ tollFree: true, inboundCallConfiguration: { type: "FORWARD" } }), "inboundCallConfiguration.type", '"TRACKING" or "IVR"'],
  ["TRACKING without transferNumbers", phone({ tollFree: true, inboundCallConfiguration: { type: "TRACKING" } }), "inboundCallConfiguration.transferNumbers", "at least one number"],
  ["TRACKING with an empty list", phone({ tollFree: true, inboundCallConfiguration: { type: "TRACKING", transferNumbers: [] } }), "inboundCallConfiguration.transferNumbers", "at least one number"],
  ["TRACKING with a bad transfer number", phone({ tollFree: true, inboundCallConfiguration: { type: "TRACKING", transferNumbers: ["13125550100", "12"] } }), "inboundCallConfiguration.transferNumbers[1]", "give 10 digits"],
  ['TRACKING with screen "yes"', phone({ tollFree: true, inboundCallConfiguration: { ...TRACKING, screen: "yes" } }), "inboundCallConfiguration.screen", "must be true or false"],
  ['TRACKING with introSoundId "abc"', phone({ tollFree: true, inboundCallConfiguration: { ...TRACKING, introSoundId: "abc" } }), "inboundCallConfiguration.introSoundId", "numeric CallFire sound id"],
  ["TRACKING with a negative whisperSoundId", phone({ tollFree: true, inboundCallConfiguration: { ...TRACKING, whisperSoundId: -3 } }), "inboundCallConfiguration.whisperSoundId", "numeric CallFire sound id"],
  ["TRACKING with an unknown field", phone({ tollFree: true, inboundCallConfiguration: { ...TRACKING, Record: true } }), "inboundCallConfiguration.Record", 'did you mean "record"?'],
  ["IVR without dialplanXml", phone({ tollFree: true, inboundCallConfiguration: { type: "IVR" } }), "inboundCallConfiguration.dialplanXml", "IVR needs a dialplan"],
  ["IVR with malformed XML", phone({ tollFree: true, inboundCallConfiguration: { type: "IVR", dialplanXml: "<dialplan><play></dialplan>" } }), "inboundCallConfiguration.dialplanXml", "not well-formed XML"],
  ["IVR with tracking fields", phone({ tollFree: true, inboundCallConfiguration: { type: "IVR", dialplanXml: "<dialplan/>", transferNumbers: ["13125550100"] } }), "inboundCallConfiguration.transferNumbers", "is not a known property"],
  // Settings.
  ["adoptExisting with region", phone({ region: { prefix: "1213" }, adoptExisting: true }), "adoptExisting", "only works with an exact number"],
  ["adoptExisting with tollFree", phone({ tollFree: true, adoptExisting: true }), "adoptExisting", "only works with an exact number"],
  ['adoptExisting "true"', phone({ number: "+1 213 555 0100", adoptExisting: "true" }), "adoptExisting", "must be true or false"],
  ["releaseOnDelete 1", phone({ tollFree: true, releaseOnDelete: 1 }), "releaseOnDelete", "must be true or false"],
  ["orderTimeoutSeconds -5", phone({ tollFree: true, orderTimeoutSeconds: -5 }), "orderTimeoutSeconds", "from 1 to 86400"],
  ["orderTimeoutSeconds 0", phone({ tollFree: true, orderTimeoutSeconds: 0 }), "orderTimeoutSeconds", "from 1 to 86400"],
  ['orderTimeoutSeconds "300"', phone({ tollFree: true, orderTimeoutSeconds: "300" }), "orderTimeoutSeconds", "from 1 to 86400"],
  ["orderTimeoutSeconds over a day", phone({ tollFree: true, orderTimeoutSeconds: 100_000 }), "orderTimeoutSeconds", "from 1 to 86400"],
  ["unknown property in the wrong case", phone({ tollFree: true, callfeature: "ENABLED" }), "callfeature", 'did you mean "callFeature"?'],
  ["unknown property", phone({ tollFree: true, color: "red" }), "color", "is not a known property"],
  // Keyword.
  ["keyword missing", keyword({}), "keyword", 'is required: the SMS keyword to buy, e.g. "PIZZA"'],
  ["keyword empty", keyword({ keyword: "" }), "keyword", "2 to 64 letters or digits"],
  ["keyword with spaces", keyword({ keyword: "no spaces" }), "keyword", "no spaces or punctuation"],
  ['keyword "a" (too short)', keyword({ keyword: "a" }), "keyword", "2 to 64 letters or digits"],
  ["keyword of 65 characters", keyword({ keyword: KEYWORD_65 }), "keyword", "2 to 64 letters or digits"],
  ['keyword "pizza!"', keyword({ keyword: "pizza!" }), "keyword", "no spaces or punctuation"],
  ["keyword 42 (a number)", keyword({ keyword: 42 }), "keyword", "got number 42"],
  ["keyword with orderTimeoutSeconds -1", keyword({ keyword: "pizza", orderTimeoutSeconds: -1 }), "orderTimeoutSeconds", "from 1 to 86400"],
  ['keyword with adoptExisting "yes"', keyword({ keyword: "pizza", adoptExisting: "yes" }), "adoptExisting", "must be true or false"],
  ["keyword with a wrong-case property", keyword({ Keyword: "pizza" }), "Keyword", 'did you mean "keyword"?'],
];

test.each(resourceCases)("resource: %s", async (_what, program, property, hint) => {
  const before = (await stack.sandbox.state()).requests;
  const resources = await stack.capture(program);
  expect(resources).toHaveLength(1);
  const { failures } = await host.check(resources[0].urn, {}, resources[0].inputs);
  const messages = failures.map((f) => `${f.property}: ${f.reason}`);
  expect(messages.length).toBeGreaterThan(0);
  expect(messages[0].startsWith(`${property}: `)).toBe(true);
  expect(messages[0]).toContain(hint);
  for (const message of messages) expect(message).toMatch(/^[A-Za-z][\w.[\], ]*: \S/);
  expect((await stack.sandbox.state()).requests).toEqual(before);
});

/** Explicit connection options, so nothing depends on stack config or the environment. */
const options = () => ({ ...connectionOf(stack.config), ...CREDENTIALS });

/** [what, call, the argument named, a hint of the fix]. */
// biome-ignore format: one case per line keeps the matrix readable
const functionCases: [string, () => Promise<unknown>, string, string][] = [
  ["searchAvailableNumbers count 0", () => callfire.searchAvailableNumbers({ count: 0 }, options()), "count", "whole number from 1 to 1000"],
  ["searchAvailableNumbers count 1.5", () => callfire.searchAvailableNumbers({ count: 1.5 }, options()), "count", "whole number from 1 to 1000"],
  ["searchAvailableNumbers count missing", () => callfire.searchAvailableNumbers({} as never, options()), "count", "is required"],
  ['searchAvailableNumbers count "5"', () => callfire.searchAvailableNumbers({ count: "5" as never }, options()), "count", "whole number"],
  ['searchAvailableNumbers tollFree "yes"', () => callfire.searchAvailableNumbers({ count: 1, tollFree: "yes" as never }, options()), "tollFree", "must be true or false"],
  ['searchAvailableNumbers prefix "abc"', () => callfire.searchAvailableNumbers({ count: 1, prefix: "abc" }, options()), "prefix", "digits starting with the country code 1"],
  ['searchAvailableNumbers prefix "213"', () => callfire.searchAvailableNumbers({ count: 1, prefix: "213" }, options()), "prefix", "digits starting with the country code 1"],
  ["queryRegions maxResults 5000", () => callfire.queryRegions({ maxResults: 5000 }, options()), "maxResults", "whole number from 1 to 1000"],
  ["queryRegions latitude 91", () => callfire.queryRegions({ latitude: 91 }, options()), "latitude", "from -90 to 90"],
  ['queryRegions state "CAL"', () => callfire.queryRegions({ state: "CAL" }, options()), "state", "two-letter state code"],
  ['queryRegions zipcode "9001"', () => callfire.queryRegions({ zipcode: "9001" }, options()), "zipcode", "five-digit zip code"],
  ["queryNumbers firstResult -1", () => callfire.queryNumbers({ firstResult: -1 }, options()), "firstResult", "whole number from 0"],
  ["queryNumbers labelName 5", () => callfire.queryNumbers({ labelName: 5 as never }, options()), "labelName", "non-empty string"],
  ["queryKeywords maxResults 0", () => callfire.queryKeywords({ maxResults: 0 }, options()), "maxResults", "whole number from 1 to 1000"],
  ['getNumber "12"', () => callfire.getNumber({ number: "12" }, options()), "number", "give 10 digits with area code"],
  ['getNumber "12995550000" (no area code 299)', () => callfire.getNumber({ number: "12995550000" }, options()), "number", "299 is not a North American area code in use"],
  ['getNumber "1213555010" (a digit missing)', () => callfire.getNumber({ number: "1213555010" }, options()), "number", "121 is not an area code (area codes start with 2 to 9)"],
  ["getNumber +44", () => callfire.getNumber({ number: "+44 20 7946 0958" }, options()), "number", "not a North American phone number"],
  ["getNumber without a number", () => callfire.getNumber({} as never, options()), "number", "must be a phone number such as"],
  ['getNumberOrder id "abc"', () => callfire.getNumberOrder({ id: "abc" }, options()), "id", "numeric order id"],
  ["searchAvailableKeywords keywords not a list", () => callfire.searchAvailableKeywords({ keywords: "PIZZA" as never }, options()), "keywords", "must be a list of keywords"],
  ["searchAvailableKeywords a bad entry", () => callfire.searchAvailableKeywords({ keywords: ["tacos", "no way"] }, options()), "keywords[1]", "no spaces or punctuation"],
];

test.each(functionCases)("function: %s", async (_what, call, property, hint) => {
  const before = (await stack.sandbox.state()).requests;
  const error = await call().then(
    () => new Error("resolved"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).property).toBe(property);
  expect((error as Error).message).toContain(`${property}: `);
  expect((error as Error).message).toContain(hint);
  expect((await stack.sandbox.state()).requests).toEqual(before);
});

test("the matrix is large enough and the sandbox saw no call at all", async () => {
  expect(resourceCases.length + functionCases.length).toBeGreaterThanOrEqual(40);
  expect(resourceCases.length).toBeGreaterThanOrEqual(40);
  const state = await stack.sandbox.state();
  expect(state.requests).toEqual(baseline);
  expect(Object.values(state.requests).every((count) => count === 0)).toBe(true);
  expect(state.orders).toEqual([]);
});

/** [what, stack config that overrides the good one, what the error must say]. */
// biome-ignore format: one case per line keeps the matrix readable
const settingCases: [string, Record<string, string>, string[]][] = [
  ["no password", { "callfire:password": "" }, ["CallFire password missing", "callfire:password", "CALLFIRE_PASSWORD"]],
  ["no username", { "callfire:username": "" }, ["CallFire username missing", "callfire:username", "CALLFIRE_USERNAME"]],
  ["a negative order timeout", { "callfire:orderTimeoutSeconds": "-5" }, ["callfire:orderTimeoutSeconds (or CALLFIRE_ORDER_TIMEOUT_SECONDS) must be a positive number of seconds"]],
  ["a request timeout in words", { "callfire:requestTimeoutSeconds": "soon" }, ["callfire:requestTimeoutSeconds (or CALLFIRE_REQUEST_TIMEOUT_SECONDS) must be a positive number of seconds"]],
  ["CallFire over plain http", { "callfire:baseUrl": "http://www.callfire.com/api/1.1/rest" }, ["callfire:baseUrl (or CALLFIRE_BASE_URL) must use https"]],
  ["a base URL that is not http(s)", { "callfire:baseUrl": "ftp://example.com/api" }, ["callfire:baseUrl (or CALLFIRE_BASE_URL) must be an http(s) URL"]],
  ["an unknown API version", { "callfire:apiVersion": "2" }, ['callfire:apiVersion (or CALLFIRE_API_VERSION) must be "1.1" or "v2", got "2"']],
  ["a 1.1 base URL with apiVersion v2", { "callfire:apiVersion": "v2", "callfire:baseUrl": "https://www.callfire.com/api/1.1/rest" }, ["callfire:baseUrl (or CALLFIRE_BASE_URL)", 'apiVersion is "v2"', "https://api.callfire.com/v2"]],
];

describe("provider settings", () => {
  let own: TestStack;
  afterEach(() => own.close());

  // Both resources' Check reports the setting, so a preview (a pull request's pipeline) already fails on it.
  test.each(settingCases)("%s", async (_what, config, says) => {
    own = await startStack({ extraConfig: config });
    const resources = await own.capture(() => [
      new PhoneNumber("n", { tollFree: true }),
      new Keyword("k", { keyword: "SETTINGS" }),
    ]);
    const setting = Object.keys(config).find((key) => key !== "callfire:apiVersion") ?? "callfire:apiVersion";
    const preview = await own.engine.preview(resources);
    expect(preview.failed).toHaveLength(1); // the first Check's failure stops the preview, as in Pulumi
    expect(preview.failed[0].message.startsWith(`${setting}: `)).toBe(true);
    for (const words of says) expect(preview.failed[0].message).toContain(words);
    const result = await own.engine.up(resources);
    expect(result.failed).toHaveLength(1);
    for (const words of says) expect(result.failed[0].message).toContain(words);
    expect(own.engine.state.size).toBe(0);
    const requests = (await own.sandbox.state()).requests;
    expect(Object.values(requests).every((count) => count === 0)).toBe(true);
  });

  test("a Keyword's Check names a bad setting too", async () => {
    own = await startStack({ extraConfig: { "callfire:orderTimeoutSeconds": "0" } });
    const preview = await own.engine.preview(
      await own.capture(() => new Keyword("k", { keyword: "SETTINGS" })),
    );
    expect(preview.failed.map((failure) => failure.message)).toEqual([
      'callfire:orderTimeoutSeconds: callfire:orderTimeoutSeconds (or CALLFIRE_ORDER_TIMEOUT_SECONDS) must be a positive number of seconds, got "0"',
    ]);
  });
});
