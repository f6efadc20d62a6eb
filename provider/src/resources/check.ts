/**
 * `check` for both resources: validates and normalises every input without calling CallFire. Each problem is
 * a failure naming the property and the fix. Values still unknown during a preview pass through unchecked.
 */
import { XMLValidator } from "fast-xml-parser";
import { COORDINATE_RULES, REGION_FIELDS, REGION_TEXT_RULES } from "../client/encode.js";
import { describe, isTollFreeNumber, normalizeKeyword, normalizePhoneNumber } from "../client/normalize.js";
import type { RegionFilters } from "../client/types.js";
import { Checker, type CheckResult, type Raw, UNKNOWN } from "./checker.js";
import type { InboundConfiguration, KeywordInputs, PhoneNumberInputs, PurchaseSettings } from "./inputs.js";

/** The settings both resources share. */
function checkPurchaseSettings(checker: Checker, raw: Raw): PurchaseSettings {
  return {
    adoptExisting: checker.boolean("adoptExisting", raw.adoptExisting) ?? false,
    releaseOnDelete: checker.boolean("releaseOnDelete", raw.releaseOnDelete) ?? true,
    orderTimeoutSeconds: checker.number(
      "orderTimeoutSeconds",
      raw.orderTimeoutSeconds,
      1,
      86_400,
      "a number of seconds from 1 to 86400 (default 300)",
    ),
    __resource: typeof raw.__resource === "string" ? raw.__resource : undefined,
  };
}

/** Region fields stored upper case. */
const UPPER_CASE_FIELDS = new Set(["state", "country"]);

/** Region filters: known fields only, at least one, each in CallFire's form. */
function checkRegion(checker: Checker, value: unknown): RegionFilters | undefined {
  if (value === UNKNOWN) return value as RegionFilters;
  const raw = checker.object("region", value);
  if (!raw) return undefined;
  checker.onlyKnown("region.", raw, REGION_FIELDS);
  const given = REGION_FIELDS.filter((field) => raw[field] !== undefined);
  if (given.length === 0) {
    return checker.fail(
      "region",
      'needs at least one filter, e.g. { prefix: "1213" } or { city: "Los Angeles" }',
    );
  }
  const region: Record<string, unknown> = {};
  for (const [field, [pattern, example]] of Object.entries(REGION_TEXT_RULES)) {
    const text = checker.text(`region.${field}`, raw[field], pattern, example);
    region[field] = UPPER_CASE_FIELDS.has(field) && text !== UNKNOWN ? text?.toUpperCase() : text;
  }
  for (const [field, bound] of Object.entries(COORDINATE_RULES)) {
    region[field] = checker.number(
      `region.${field}`,
      raw[field],
      -bound,
      bound,
      `a ${field} from -${bound} to ${bound}`,
    );
  }
  return Object.fromEntries(Object.entries(region).filter(([, v]) => v !== undefined));
}

/** The inbound call configuration: TRACKING with transfer numbers, or IVR with a well-formed dialplan. */
function checkInbound(checker: Checker, value: unknown): InboundConfiguration | undefined {
  if (value === undefined || value === UNKNOWN) return value as undefined;
  const raw = checker.object("inboundCallConfiguration", value);
  if (!raw) return undefined;
  const type = typeof raw.type === "string" ? raw.type.toUpperCase() : raw.type;
  if (type === "TRACKING") {
    checker.onlyKnown("inboundCallConfiguration.", raw, [
      "type",
      "transferNumbers",
      "screen",
      "record",
      "introSoundId",
      "whisperSoundId",
    ]);
    const list = raw.transferNumbers;
    let transferNumbers: string[] | undefined;
    if (list === UNKNOWN) transferNumbers = list as unknown as string[];
    else if (!Array.isArray(list) || list.length === 0) {
      checker.fail(
        "inboundCallConfiguration.transferNumbers",
        'TRACKING needs at least one number to forward calls to, e.g. ["+1 213 555 0100"]',
      );
    } else {
      transferNumbers = list.map(
        (number, index) =>
          checker.normalise(
            `inboundCallConfiguration.transferNumbers[${index}]`,
            number,
            normalizePhoneNumber,
          ) ?? "",
      );
    }
    const tracking = {
      type: "TRACKING" as const,
      transferNumbers: transferNumbers ?? [],
      screen: checker.boolean("inboundCallConfiguration.screen", raw.screen),
      record: checker.boolean("inboundCallConfiguration.record", raw.record),
      introSoundId: checker.id("inboundCallConfiguration.introSoundId", raw.introSoundId),
      whisperSoundId: checker.id("inboundCallConfiguration.whisperSoundId", raw.whisperSoundId),
    };
    return Object.fromEntries(
      Object.entries(tracking).filter(([, v]) => v !== undefined),
    ) as unknown as InboundConfiguration;
  }
  if (type === "IVR") {
    checker.onlyKnown("inboundCallConfiguration.", raw, ["type", "dialplanXml"]);
    const xml = raw.dialplanXml;
    if (xml === UNKNOWN) return { type: "IVR", dialplanXml: xml };
    if (typeof xml !== "string" || xml.trim() === "") {
      return checker.fail(
        "inboundCallConfiguration.dialplanXml",
        "IVR needs a dialplan: an XML document as a string",
      );
    }
    const verdict = XMLValidator.validate(xml);
    if (verdict !== true) {
      return checker.fail(
        "inboundCallConfiguration.dialplanXml",
        `is not well-formed XML (line ${verdict.err.line}, column ${verdict.err.col}: ${verdict.err.msg})`,
      );
    }
    return { type: "IVR", dialplanXml: xml };
  }
  if (type === UNKNOWN) return raw as unknown as InboundConfiguration;
  return checker.fail(
    "inboundCallConfiguration.type",
    `must be "TRACKING" or "IVR", got ${describe(raw.type)}`,
  );
}

/** The properties a PhoneNumber accepts. */
const PHONE_NUMBER_PROPERTIES = [
  "number",
  "tollFree",
  "region",
  "callFeature",
  "textFeature",
  "inboundCallConfiguration",
  "adoptExisting",
  "releaseOnDelete",
  "orderTimeoutSeconds",
] as const;

/** Checks PhoneNumber inputs. */
export function checkPhoneNumber(news: Raw): CheckResult<PhoneNumberInputs> {
  const checker = new Checker();
  checker.onlyKnown("", news, PHONE_NUMBER_PROPERTIES);
  const number =
    news.number === undefined ? undefined : checker.normalise("number", news.number, normalizePhoneNumber);
  const tollFree = checker.boolean("tollFree", news.tollFree);
  const region = news.region === undefined ? undefined : checkRegion(checker, news.region);
  const chosen = [
    news.number !== undefined && "number",
    news.tollFree === true || news.tollFree === UNKNOWN ? "tollFree" : false,
    news.region !== undefined && "region",
  ].filter(Boolean);
  if (chosen.length !== 1) {
    checker.fail(
      chosen.length === 0 ? "number" : chosen.join(", "),
      chosen.length === 0
        ? 'choose the number: set exactly one of number (e.g. "+1 213 555 0100"), tollFree: true, or region (e.g. { prefix: "1213" })'
        : `set only one of number, tollFree and region (got ${chosen.join(" and ")})`,
    );
  }
  const inputs: PhoneNumberInputs = {
    number,
    tollFree: tollFree === false ? undefined : tollFree,
    region,
    callFeature: checker.feature("callFeature", news.callFeature),
    textFeature: checker.feature("textFeature", news.textFeature),
    inboundCallConfiguration: checkInbound(checker, news.inboundCallConfiguration),
    ...checkPurchaseSettings(checker, news),
  };
  const tollFreeChosen = inputs.tollFree === true || (typeof number === "string" && isTollFreeNumber(number));
  // A toll-free number cannot text (CallFire reports UNSUPPORTED): DISABLED is already true, so it is dropped
  // (no ConfigureNumber for it, nothing to compare against UNSUPPORTED); ENABLED cannot be had.
  if (tollFreeChosen && inputs.textFeature === "DISABLED") inputs.textFeature = undefined;
  if (tollFreeChosen && inputs.textFeature === "ENABLED") {
    checker.fail(
      "textFeature",
      'toll-free numbers do not support texting (CallFire reports UNSUPPORTED); remove textFeature or set it to "DISABLED"',
    );
  }
  if (inputs.adoptExisting && news.number === undefined) {
    checker.fail(
      "adoptExisting",
      "only works with an exact number: set number to the number the account owns",
    );
  }
  return finish(checker, news, inputs);
}

/** Checks Keyword inputs. */
export function checkKeyword(news: Raw): CheckResult<KeywordInputs> {
  const checker = new Checker();
  checker.onlyKnown("", news, ["keyword", "adoptExisting", "releaseOnDelete", "orderTimeoutSeconds"]);
  const keyword =
    news.keyword === undefined
      ? checker.fail("keyword", 'is required: the SMS keyword to buy, e.g. "PIZZA"')
      : checker.normalise("keyword", news.keyword, normalizeKeyword);
  return finish(checker, news, { keyword: keyword ?? "", ...checkPurchaseSettings(checker, news) });
}

/** Drops undefined fields, keeps `__provider`, and returns the originals if anything failed. */
function finish<T extends object>(checker: Checker, news: Raw, inputs: T): CheckResult<T> {
  if (checker.failures.length > 0) return { inputs: news as T, failures: checker.failures };
  const compact = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined));
  return { inputs: { ...compact, __provider: news.__provider } as T, failures: [] };
}
